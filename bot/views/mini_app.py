"""The Mini App in words and buttons: its own texts, a scan's answer, the buttons that open it.

A scan's answer is the check-in reply a photo gets (:func:`bot.views.checkin.checkin`), so the
chat and the app say the same; the app shows it as plain text (it has no Telegram HTML).
"""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MenuButtonWebApp, WebAppInfo

from bot.i18n import Language, plain, t
from bot.services.mini_app import ScanOutcome, ScanThrottled
from bot.services.outcomes import CheckinAnswered, CheckinRepeated
from bot.views import checkin as checkin_views
from bot.views.reply import Reply

# What the app's script shows itself; all of it plain text (the script sets textContent).
APP_TEXT_KEYS = (
    "mini_app_title",
    "mini_app_scan",
    "mini_app_scan_hint",
    "mini_app_intro",
    "mini_app_not_linked",
    "mini_app_busy",
    "mini_app_unsupported",
    "mini_app_in_chat",
    "mini_app_failed",
    "mini_app_refused",
)
_TAG = re.compile(r"<[^>]*>")


def menu_button(url: str, language: Language) -> MenuButtonWebApp:
    return MenuButtonWebApp(plain(t(language, "mini_app_button")), WebAppInfo(url))


def scan_button(url: str, language: Language) -> InlineKeyboardButton:
    return InlineKeyboardButton(plain(t(language, "mini_app_button")), web_app=WebAppInfo(url))


def with_scan_offer(reply: Reply, url: str | None, language: Language) -> Reply:
    """``reply`` with a line and a button that open the Mini App's scanner (when it runs)."""
    if url is None:
        return reply
    rows = list(reply.keyboard.inline_keyboard) if reply.keyboard else []
    keyboard = InlineKeyboardMarkup([[scan_button(url, language)], *rows])
    return Reply(f"{reply.text}\n\n{t(language, 'mini_app_offer')}", keyboard, reply.photo_url)


def app_texts(language: Language) -> dict[str, str]:
    return {key.removeprefix("mini_app_"): plain(t(language, key)) for key in APP_TEXT_KEYS}


def linked_text(masked: str | None, language: Language) -> str:
    if masked is None:
        return plain(t(language, "mini_app_not_linked"))
    return plain(t(language, "mini_app_linked", masked=masked))


def scan_reply(outcome: ScanOutcome, language: Language) -> Reply:
    """The chat's reply to a scan: exactly a photo's, or the throttle's."""
    if isinstance(outcome, ScanThrottled):
        return checkin_views.throttled(outcome.retry_in_seconds, language)
    return checkin_views.checkin(outcome, language)


def scan_status(outcome: ScanOutcome) -> str:
    """A word for the app's styling: saved (a point, now or by the first scan), throttled,
    or answered (everything else: a refusal, a code kept for later, UiTPAS silent)."""
    if isinstance(outcome, ScanThrottled):
        return "throttled"
    if isinstance(outcome, CheckinAnswered) and outcome.answer.succeeded:
        return "saved"
    if isinstance(outcome, CheckinRepeated) and outcome.result_code is not None:
        return "saved"
    return "answered"


def app_text(reply: Reply, language: Language, outcome: ScanOutcome | None = None) -> str:
    """Telegram HTML as the plain text the app shows (it never renders HTML). Buttons stay in
    the chat, so where the chat's words point at them ("tap to see…", "the button below"),
    the app's say they are in the chat."""
    if isinstance(outcome, CheckinAnswered) and outcome.login_url is not None:
        return plain(t(language, "mini_app_login_in_chat"))
    text = reply.text.replace(
        t(language, "spotlight_header"), t(language, "mini_app_spotlight_in_chat")
    )
    return html.unescape(_TAG.sub("", text))
