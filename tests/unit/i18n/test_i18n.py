"""The message catalogues: same keys and placeholders in every language, values escaped."""

from __future__ import annotations

import pytest

from bot.i18n import CATALOGUES, Html, language_for, placeholders, t


def test_every_language_has_the_same_keys() -> None:
    keys = {language: set(messages) for language, messages in CATALOGUES.items()}
    assert keys["nl"] == keys["en"]


@pytest.mark.parametrize("key", sorted(CATALOGUES["nl"]))
def test_placeholders_match_across_languages(key: str) -> None:
    assert placeholders(CATALOGUES["nl"][key]) == placeholders(CATALOGUES["en"][key])


def test_values_are_escaped_for_telegram_html() -> None:
    text = t("en", "code_foreign_url", host="<script>&x")
    assert "&lt;script&gt;&amp;x" in text
    assert "<script>" not in text


def test_html_values_are_kept() -> None:
    assert "<b>x</b>" in t("en", "organiser_suffix", name=Html("<b>x</b>"))


def test_plural_forms_follow_the_count() -> None:
    assert t("nl", "total", count=1) == "Je hebt nu in totaal 1 punt."
    assert t("nl", "total", count=2) == "Je hebt nu in totaal 2 punten."
    assert t("en", "total", count=0) == "Your total is now 0 points."


@pytest.mark.parametrize(
    ("code", "language"),
    [("en", "en"), ("en-GB", "en"), ("nl", "nl"), ("nl-BE", "nl"), ("fr", "nl"), (None, "nl")],
)
def test_dutch_first_english_when_the_user_reads_english(code: str | None, language: str) -> None:
    assert language_for(code) == language
