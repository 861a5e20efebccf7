"""/privacy (what is stored about this user, and for how long) and the /forget confirmation.

Deleting everything cannot be undone, so /forget only asks; the buttons' callback data names
no user: whoever taps "yes" deletes their own data and nobody else's.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Language, t
from bot.services.privacy import PrivacySummary
from bot.views.reply import Reply

FORGET_YES_CALLBACK = "forget:yes"
FORGET_NO_CALLBACK = "forget:no"


# The order a passholder reads the stores in (most personal first); a store not listed here
# (added on another branch) still appears, after these, as long as it has its catalogue keys.
_ORDER = (
    "passholder_links",
    "uitid_tokens",
    "uitid_login_states",
    "checkins",
    "pending_checkins",
    "recent_checkin_codes",
    "announcement_members",
    "announcement_drafts",
    "throttle_windows",
    "inactive_users",
)
# Already in the status sentence (the masked card, the history count).
_IN_STATUS = frozenset({"passholder_links", "checkins"})


def _ordered(tables: list[str]) -> list[str]:
    return sorted(tables, key=lambda table: _ORDER.index(table) if table in _ORDER else 99)


def privacy(summary: PrivacySummary, language: Language) -> Reply:
    """Every kind of personal data in the registry /forget empties, then what is held now."""
    if summary.masked_number:
        status = t(
            language,
            "privacy_status_linked",
            masked=summary.masked_number,
            count=summary.checkins_kept,
        )
    else:
        status = t(language, "privacy_status_unlinked", count=summary.checkins_kept)
    tables = _ordered(list(summary.held))
    kinds = "\n".join(
        t(
            language,
            "privacy_kind_line",
            text=Html(t(language, f"privacy_kind_{table}", days=summary.retention_days)),
        )
        for table in tables
    )
    held = "".join(
        t(
            language,
            "privacy_held_line",
            name=Html(t(language, f"privacy_name_{table}")),
            count=summary.held[table],
        )
        for table in tables
        if summary.held[table] and table not in _IN_STATUS
    )
    text = t(
        language,
        "privacy",
        kinds=Html(kinds),
        status=Html(status),
        held=Html(held),
    )
    return Reply(text)


def forget_confirmation(language: Language) -> Reply:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(language, "forget_yes"), callback_data=FORGET_YES_CALLBACK),
                InlineKeyboardButton(t(language, "forget_no"), callback_data=FORGET_NO_CALLBACK),
            ]
        ]
    )
    return Reply(t(language, "forget_confirm"), keyboard)
