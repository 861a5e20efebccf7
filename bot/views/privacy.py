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


def privacy(summary: PrivacySummary, language: Language) -> Reply:
    if summary.masked_number:
        status = t(
            language,
            "privacy_status_linked",
            masked=summary.masked_number,
            count=summary.checkins_kept,
        )
    else:
        status = t(language, "privacy_status_unlinked", count=summary.checkins_kept)
    return Reply(t(language, "privacy", days=summary.retention_days, status=Html(status)))


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
