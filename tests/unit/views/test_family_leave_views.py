"""What leaving a family and the icons look like (v4): the words of each refusal, UiTPAS's own
first; button data short and without a passholder id; the icon in the list and the chooser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.i18n import CATALOGUES
from bot.services.family import FamilyListing, Member, OtherFamily
from bot.services.family_checkin import ChooserShown
from bot.services.family_memberships import (
    ICONS,
    IconChoice,
    LeaveAsked,
    LeaveRefused,
    WhichFamily,
)
from bot.services.outcomes import UitpasRefused
from bot.views.family import ICON_EMOJI, chooser, icons, leave, listing

MARC_ID = "00000000-0000-4000-8000-090001190281"
MARC = OtherFamily(MARC_ID, "Marc", datetime(2026, 8, 24, 14, 15, tzinfo=UTC))
NADIA = Member("id-nadia", "Nadia", "0900011902815", 8, main=True, icon=ICONS[0])
LINA = Member("id-lina", "Lina", "0900011903417", 2, icon=ICONS[6])


def refusal(nl: str | None = None, en: str | None = None) -> UitpasRefused:
    return UitpasRefused("ACCESS_DENIED", nl, "", None, nl, en, None)


def data(reply) -> list[str]:  # type: ignore[no-untyped-def]
    assert reply.keyboard is not None
    return [str(b.callback_data) for row in reply.keyboard.inline_keyboard for b in row]


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_the_confirmation_asks_and_names_no_passholder_id(language: str) -> None:
    reply = leave(LeaveAsked(MARC), language)  # type: ignore[arg-type]
    assert "Marc" in reply.text
    assert "?" in reply.text
    assert all(MARC_ID not in d and len(d.encode()) <= 64 for d in data(reply))


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (403, "UiTPAS laat je het gezin van Marc niet verlaten."),
        (404, "UiTPAS vindt je niet (meer) in het gezin van Marc"),
        (400, "UiTPAS weigerde dat je het gezin van Marc verlaat."),
    ],
)
def test_each_refusal_has_its_own_words(status: int, words: str) -> None:
    assert words in leave(LeaveRefused("Marc", status, refusal()), "nl").text


def test_uitpas_words_come_first_in_their_language_and_follow_ours_in_dutch() -> None:
    said = refusal(nl="Vraag Marc om je eruit te halen.")
    assert leave(LeaveRefused("Marc", 403, said), "nl").text == (
        "🚫 Vraag Marc om je eruit te halen."
    )
    english = leave(LeaveRefused("Marc", 403, said), "en").text
    assert english.startswith("UiTPAS does not let you leave Marc's family.")
    assert "Vraag Marc om je eruit te halen." in english


def test_the_list_shows_icons_the_families_one_is_in_and_their_buttons() -> None:
    reply = listing(FamilyListing((NADIA, LINA), True, (MARC,)), "nl")
    assert "• 🦊 Nadia (" in reply.text
    assert "• 🐸 Lina (" in reply.text
    assert "Je hoort ook bij het gezin van Marc (sinds 24 augustus 2026)." in reply.text
    assert len(data(reply)) == 3  # 🎨 Nadia, 🎨 Lina, 🚪 Marc
    assert all("id-" not in d and MARC_ID not in d for d in data(reply))


def test_an_icon_the_bot_does_not_know_shows_no_emoji() -> None:
    other = Member("id-bo", "Bo", "0900004518305", 1, icon="https://example.org/bo.png")
    reply = listing(FamilyListing((NADIA, other), True), "nl")
    assert "• Bo (" in reply.text


def test_the_icon_keyboard_offers_every_icon_once() -> None:
    reply = icons(IconChoice(LINA), "nl")
    assert reply.keyboard is not None
    emoji = [b.text for row in reply.keyboard.inline_keyboard for b in row]
    assert emoji == list(ICON_EMOJI)
    assert len(set(data(reply))) == len(ICONS)


def test_the_chooser_puts_the_icon_after_the_name() -> None:
    shown = ChooserShown(
        "abcdEFGH12345678",
        (("id-nadia", "Nadia"), ("id-lina", "Lina")),
        frozenset({"id-nadia"}),
        (ICONS[0], None),
    )
    reply = chooser(shown, "nl")
    assert reply.keyboard is not None
    assert [row[0].text for row in reply.keyboard.inline_keyboard[:2]] == ["✅ Nadia 🦊", "⬜ Lina"]


def test_in_several_families_the_leave_asks_which() -> None:
    other = OtherFamily("00000000-0000-4000-8000-090000451830", "Els", None)
    reply = leave(WhichFamily((MARC, other)), "nl")
    assert "(Marc, Els)" in reply.text
    assert "/family leave &lt;voornaam&gt;" in reply.text
    assert reply.keyboard is None
