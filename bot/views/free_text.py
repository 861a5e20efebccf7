"""The answer to text no handler understood, knowing whether the user has linked a card."""

from __future__ import annotations

from bot.i18n import Language, t
from bot.services.free_text import Wish
from bot.views.reply import Reply

_LINKED_KEYS = {
    Wish.POINTS: "fallback_points",
    Wish.PROMOTIONS: "fallback_promotions",
    Wish.CHECKIN: "fallback_checkin",
    Wish.LINK: "fallback_already_linked",
    Wish.UNKNOWN: "fallback_linked",
}


def free_text(wish: Wish, masked: str | None, *, by_login: bool, language: Language) -> Reply:
    """Linked: point to what they likely want. Not linked: how to link, which comes first."""
    if masked is not None:
        return Reply(t(language, _LINKED_KEYS[wish], masked=masked))
    if wish in (Wish.UNKNOWN, Wish.LINK):  # the general answer says how to link
        return Reply(t(language, "unknown_text"))
    return Reply(t(language, "fallback_needs_login" if by_login else "fallback_needs_link"))
