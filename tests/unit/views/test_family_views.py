"""The chooser's buttons (issue 16): a toggle per member, ✅ or ⬜, and a go button whose
label says "inchecken" in Dutch and "check in" in English; never a number in the data."""

from __future__ import annotations

import pytest

from bot.services.family_checkin import ChooserShown
from bot.views.family import chooser

SHOWN = ChooserShown(
    "abcdEFGH12345678",
    (
        ("00000000-0000-4000-8000-090001190281", "Nadia"),
        ("00000000-0000-4000-8000-090001190341", "Lina"),
    ),
    frozenset({"00000000-0000-4000-8000-090001190281"}),
)


@pytest.mark.parametrize(
    ("language", "word", "me"), [("nl", "inchecken", "Nadia"), ("en", "check in", "Nadia")]
)
def test_toggles_and_the_go_button(language: str, word: str, me: str) -> None:
    reply = chooser(SHOWN, language)  # type: ignore[arg-type]
    assert reply.keyboard is not None
    rows = [[(b.text, b.callback_data) for b in row] for row in reply.keyboard.inline_keyboard]
    assert [row[0][0] for row in rows[:2]] == [f"✅ {me}", "⬜ Lina"]
    assert word in rows[2][0][0]  # as the issue words it, lower case
    assert all(len(str(data).encode()) <= 64 for row in rows for _, data in row)
    assert all("0900" not in str(data) for row in rows for _, data in row)


def test_an_unnamed_passholder_is_you() -> None:
    unnamed = ChooserShown("abcdEFGH12345678", (("self", None), ("c1", "Bo")), frozenset({"self"}))
    reply = chooser(unnamed, "en")
    assert reply.keyboard is not None
    assert reply.keyboard.inline_keyboard[0][0].text == "✅ You"
