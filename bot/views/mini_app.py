"""The Mini App in words and buttons: its own texts, a scan's answer, the buttons that open it.

A scan's answer is the check-in reply a photo gets (:func:`bot.views.checkin.checkin`), so the
chat and the app say the same; the app shows it as plain text (it has no Telegram HTML).
"""

from __future__ import annotations

import base64
import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MenuButtonWebApp, WebAppInfo

from bot.i18n import Language, plain, t
from bot.services.card import CardOutcome, CardShown
from bot.services.family_checkin import ChooserShown, FamilyCheckedIn, GoOutcome, ToggleOutcome
from bot.services.mini_app import ScanOutcome, ScanThrottled
from bot.services.outcomes import (
    CheckinAnswered,
    CheckinRepeated,
    ListChanged,
    PromotionDetail,
    PromotionListOutcome,
    PromotionPage,
    UitpasRefused,
    UitpasSilent,
)
from bot.services.redemption import OfferOutcome, RedeemOutcome
from bot.services.trading_outcomes import Redeemed, RedeemOffer, RedeemRunning, RedeemUnknown
from bot.views import account as account_views
from bot.views import checkin as checkin_views
from bot.views import family as family_views
from bot.views import rewards as reward_views
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


# --- the card, rewards and family screens (issue 18) -----------------------------------------
# Each answer is a JSON object the app's script shows as text (never HTML): the chat's own
# words (``bot.views.family``, ``account``, ``rewards``) made plain, so app and chat agree.

# The screens' own words, and the chat's buttons' labels the app shows as its buttons.
SCREEN_TEXT_KEYS = (
    "mini_app_tab_scan",
    "mini_app_tab_card",
    "mini_app_tab_rewards",
    "mini_app_card_previous",
    "mini_app_card_next",
    "mini_app_card_hint",
    "mini_app_back",
    "mini_app_redeem_in_chat",
    "mini_app_family_in_chat",
    "redeem_button",
    "redeem_confirm_button",
    "redeem_cancel_button",
    "family_who",
)


def screen_texts(language: Language) -> dict[str, str]:
    return {key.removeprefix("mini_app_"): _plain(t(language, key)) for key in SCREEN_TEXT_KEYS}


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def problem(text: str, status: str = "answered") -> dict[str, object]:
    return {"ok": False, "status": status, "text": _plain(text)}


def card(outcome: CardOutcome, language: Language) -> dict[str, object]:
    """The card as a ``data:`` PNG (the page may show no other pictures) and the family's
    members by their opaque handle: the number itself stays in the picture."""
    if not isinstance(outcome, CardShown):
        return problem(family_views.card_problem(outcome, language).text)
    return {
        "ok": True,
        "shown": outcome.member.handle,
        "image": "data:image/png;base64," + base64.b64encode(outcome.png).decode(),
        "caption": _plain(family_views.card_caption(outcome.member, language)),
        "members": [
            {
                "id": member.handle,
                "name": _plain(family_views.name_of(member, language)),
                "masked": member.masked_number,
            }
            for member in outcome.members
        ],
    }


def rewards(outcome: PromotionListOutcome, language: Language) -> dict[str, object]:
    """The whole list as /promotions orders it (spotlight first), one line per reward."""
    if not isinstance(outcome, PromotionPage):
        return problem(account_views.account_problem(outcome, language))
    return {
        "ok": True,
        "header": _plain(t(language, "promotions_header", count=outcome.total_points)),
        "empty": _plain(t(language, "promotions_empty")) if not outcome.entries else "",
        "rewards": [
            {
                "id": entry.promotion.id,
                "text": _plain(account_views.entry_text(entry, language)),
                "spotlight": entry.promotion.in_spotlight,
                "affordable": entry.affordable and entry.unavailable is None,
            }
            for entry in outcome.entries
            if entry.promotion.id
        ],
    }


def reward(
    detail: PromotionDetail | UitpasRefused | UitpasSilent | ListChanged | None,
    language: Language,
    *,
    redeems_online: bool,
) -> dict[str, object]:
    """The detail /promotions shows; ``redeemable`` when UiTPAS allows redeeming it online now
    and this backend can (v4)."""
    if isinstance(detail, UitpasSilent | ListChanged):
        return problem(t(language, "uitpas_no_answer"))
    reply = account_views.promotion_detail(detail, language)
    redeemable = (
        redeems_online
        and isinstance(detail, PromotionDetail)
        and detail.promotion.redeemable_online_now
    )
    return {
        "ok": isinstance(detail, PromotionDetail),
        "text": _plain(reply.text),
        "redeemable": redeemable,
    }


def offer(outcome: OfferOutcome, language: Language, confirm: str | None) -> dict[str, object]:
    """The confirmation: what it costs and leaves; ``confirm`` is the chat's signed confirm
    button's data, so the app's confirmation is the chat's one (its moment included)."""
    if not isinstance(outcome, RedeemOffer) or confirm is None:
        if isinstance(outcome, RedeemOffer):
            return problem(t(language, "redeem_not_sent"))
        return problem(reward_views.redeem_outcome(outcome, language).text, "refused")
    return {
        "ok": True,
        "text": _plain(reward_views.offer(outcome, language, _unsigned).text),
        "confirm": confirm,
    }


def _unsigned(_button: object) -> None:
    """No buttons: the app draws its own."""


def redeem_status(outcome: RedeemOutcome) -> str:
    match outcome:
        case Redeemed(repeated=True):
            return "repeated"
        case Redeemed():
            return "redeemed"
        case RedeemRunning():
            return "running"
        case RedeemUnknown():
            return "unknown"
        case RedeemOffer():
            return "offer"
    return "refused"


def redeemed(outcome: RedeemOutcome, language: Language) -> dict[str, object]:
    """What confirming did, in the chat's words; the code and its use apart, to stand out."""
    status = redeem_status(outcome)
    if isinstance(outcome, RedeemOffer):  # the confirmation had expired: a fresh one
        return {
            "ok": False,
            "status": status,
            "text": _plain(reward_views.offer(outcome, language, _unsigned).text),
        }
    answer: dict[str, object] = {
        "ok": isinstance(outcome, Redeemed),
        "status": status,
        "text": _plain(reward_views.redeem_outcome(outcome, language).text),
    }
    if isinstance(outcome, Redeemed):
        redemption = outcome.redemption
        answer["code"] = redemption.code if redemption else None
        answer["info"] = redemption.info_text if redemption else None
        answer["total"] = outcome.total_points
    return answer


def chooser(outcome: ChooserShown, language: Language) -> dict[str, object]:
    """ "Who's with you?" as toggles: the chat's chooser, its members by position."""
    return {
        "ok": True,
        "status": "chooser",
        "chooser": outcome.id,
        "text": _plain(t(language, "family_who")),
        "members": [
            {
                "position": position,
                "name": _plain(name or t(language, "family_you")),
                "chosen": key in outcome.chosen,
            }
            for position, (key, name) in enumerate(outcome.offered)
        ],
        "go": _plain(t(language, "family_go", count=len(outcome.chosen))),
    }


def family_answer(outcome: GoOutcome | ToggleOutcome, language: Language) -> dict[str, object]:
    """A toggle's new chooser, the go's results (each member's own), or why nothing happened."""
    if isinstance(outcome, ChooserShown):
        return chooser(outcome, language)
    if isinstance(outcome, FamilyCheckedIn):
        saved = any(scan_status(result) == "saved" for _, result in outcome.results)
        return {
            "ok": True,
            "status": "saved" if saved else "answered",
            "text": app_text(family_views.checked_in(outcome, language), language),
        }
    return problem(family_views.chooser_toast(outcome, language) or "")
