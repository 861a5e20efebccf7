"""The notifications in words and buttons (issue 19): the toggles, the offer, the digest.

Buttons carry signed payloads (the callback codec's key and MAC, bound to the user) with the
prefix ``n1:``::

    n1:T:<kind>     toggle a kind in /notifications (edits the message in place)
    n1:Y            the offer after linking, accepted: every kind on
    n1:S:<kind>     "stop these" under a digest
    n1:W:<reward>   ⭐ tell me when I can get this (a reward's detail)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Language, plain, t
from bot.i18n.dates import format_date
from bot.services.notifications.kinds import (
    ALL_KINDS,
    COUPONS,
    KANSENTARIEF,
    LAST_CHANCE,
    WELCOME,
    WITHIN_REACH,
    Notice,
)
from bot.services.notifications.preferences import Preferences
from bot.uitpas.models import end_user_message
from bot.views.reply import Reply

PREFIX = "n1:"
Sign = Callable[[str], str]  # payload -> callback data, signed for the user
# At most this many lines per kind in a digest; the rest is counted.
LINES_PER_KIND = 5


def toggle_payload(kind: str) -> str:
    return f"{PREFIX}T:{kind}"


def stop_payload(kind: str) -> str:
    return f"{PREFIX}S:{kind}"


def wish_payload(reward_id: str) -> str:
    return f"{PREFIX}W:{reward_id}"


ACCEPT_PAYLOAD = f"{PREFIX}Y"


def _kind_label(kind: str, language: Language) -> str:
    return t(language, f"notify_kind_{kind}")


def preferences(prefs: Preferences, language: Language, sign: Sign) -> Reply:
    """/notifications: one toggle per kind, ✅ when on and ⬜ when off."""
    if not prefs.linked:
        return Reply(t(language, "notify_not_linked"))
    rows = [
        [
            InlineKeyboardButton(
                f"{'✅' if kind in prefs.on else '⬜'} {plain(_kind_label(kind, language))}",
                callback_data=sign(toggle_payload(kind)),
            )
        ]
        for kind in prefs.offered
    ]
    text = t(language, "notify_settings")
    if len(prefs.offered) < len(ALL_KINDS):
        text += "\n\n" + t(language, "notify_settings_legacy")
    return Reply(text, InlineKeyboardMarkup(rows))


def offer(language: Language, sign: Sign) -> Reply:
    """After linking: every kind on in one tap; nothing is sent before that tap. The button
    goes under the link's confirmation (the text is for a message of its own)."""
    button = InlineKeyboardButton(
        t(language, "notify_offer_yes"), callback_data=sign(ACCEPT_PAYLOAD)
    )
    return Reply(t(language, "notify_offer"), InlineKeyboardMarkup([[button]]))


def digest(notices: Sequence[Notice], language: Language, sign: Sign) -> Reply:
    """All that is due in one message, by kind, with "stop these" per kind in it."""
    parts = [t(language, "notify_digest_title")]
    kinds = [kind for kind in ALL_KINDS if any(n.kind == kind for n in notices)]
    for kind in kinds:
        of_kind = [n for n in notices if n.kind == kind]
        lines = [_line(n, language) for n in of_kind[:LINES_PER_KIND]]
        if len(of_kind) > LINES_PER_KIND:
            lines.append(t(language, "notify_more", count=len(of_kind) - LINES_PER_KIND))
        parts.append(f"<b>{_kind_label(kind, language)}</b>\n" + "\n".join(lines))
    rows = [
        [
            InlineKeyboardButton(
                t(language, "notify_stop_button", kind=plain(_kind_label(kind, language))),
                callback_data=sign(stop_payload(kind)),
            )
        ]
        for kind in kinds
    ]
    return Reply("\n\n".join(parts), InlineKeyboardMarkup(rows))


def _line(notice: Notice, language: Language) -> str:
    line = _what(notice, language)
    if notice.member:  # a family member's card: say whose
        return t(language, "notify_for_member", name=notice.member) + " " + line
    return line


def _what(notice: Notice, language: Language) -> str:
    ends = notice.ends
    end = format_date(ends, language) if ends is not None else "?"
    star = "⭐ " if notice.wish else ""
    if notice.kind == WITHIN_REACH:
        return star + t(language, "notify_reach_line", title=notice.title, points=notice.points)
    if notice.kind == LAST_CHANCE:
        return star + t(language, "notify_last_chance_line", title=notice.title, end=end)
    if notice.kind == COUPONS:
        return t(language, "notify_coupon_line", title=notice.title, end=end)
    if notice.kind == WELCOME:
        return t(language, "notify_welcome_line", title=notice.title)
    if notice.kind == KANSENTARIEF:
        said = end_user_message(notice.message_nl, notice.message_en, language, notice.message_fr)
        line = t(language, f"notify_tariff_{notice.state}", end=end)
        return line + ("\n" + t(language, "notify_tariff_uitpas_says", said=said) if said else "")
    return notice.title


def preferences_saved_toast(language: Language) -> str:
    return t(language, "notify_saved_toast")


def stopped(kind: str, language: Language) -> str:
    return t(language, "notify_stopped_toast", kind=plain(_kind_label(kind, language)))


def wish_button(
    reward_id: str, is_wish: bool, language: Language, sign: Sign
) -> InlineKeyboardButton:
    key = "notify_wish_remove_button" if is_wish else "notify_wish_button"
    return InlineKeyboardButton(t(language, key), callback_data=sign(wish_payload(reward_id)))


def wish_toast(is_wish: bool, language: Language) -> str:
    return t(language, "notify_wish_added_toast" if is_wish else "notify_wish_removed_toast")
