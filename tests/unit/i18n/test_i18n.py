"""The message catalogues: same keys and placeholders in every language, values escaped."""

from __future__ import annotations

import pytest

from bot.i18n import CATALOGUES, DEFAULT_LANGUAGE, Html, language_for, placeholders, t

OTHER_LANGUAGES = sorted(set(CATALOGUES) - {DEFAULT_LANGUAGE})


def catalogue_differences(reference: dict[str, str], other: dict[str, str]) -> dict[str, list[str]]:
    """What ``other`` lacks, adds, or says with other placeholders than ``reference``."""
    return {
        "missing": sorted(set(reference) - set(other)),
        "extra": sorted(set(other) - set(reference)),
        "placeholders": sorted(
            key
            for key in set(reference) & set(other)
            if placeholders(reference[key]) != placeholders(other[key])
        ),
    }


def test_there_is_more_than_one_catalogue() -> None:
    assert {"nl", "en", "fr"} <= set(CATALOGUES)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_catalogue_has_the_keys_and_placeholders_of_the_dutch(language: str) -> None:
    """Driven by CATALOGUES: a language added there is checked without touching this test."""
    differences = catalogue_differences(CATALOGUES[DEFAULT_LANGUAGE], CATALOGUES[language])
    assert differences == {"missing": [], "extra": [], "placeholders": []}


def test_a_missing_extra_or_changed_key_is_reported() -> None:
    reference = {"a": "{x}", "b": "b", "c": "{y}"}
    other = {"a": "{z}", "c": "{y}", "d": "d"}
    assert catalogue_differences(reference, other) == {
        "missing": ["b"],
        "extra": ["d"],
        "placeholders": ["a"],
    }


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_template_renders_in_every_language(language: str) -> None:
    """Every template formats with its own placeholders: no stray brace, no broken HTML tag."""
    for key, template in CATALOGUES[language].items():
        text = template.format(**dict.fromkeys(placeholders(template), "x"))
        for tag in ("b", "i", "code"):
            assert text.count(f"<{tag}>") == text.count(f"</{tag}>"), (language, key)


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
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("nl", "nl"),
        ("nl-BE", "nl"),
        ("fr", "fr"),
        ("fr-BE", "fr"),
        ("FR-be", "fr"),
        ("de", "nl"),
        ("", "nl"),
        (None, "nl"),
    ],
)
def test_dutch_first_then_the_language_the_user_reads(code: str | None, language: str) -> None:
    assert language_for(code) == language
