"""What a passholder reads after a check-in: the answer, the spotlight's promotion buttons,
and the "was my point saved?" button when UiTPAS went silent.

The other replies to passholders are in :mod:`bot.views.linking` (/link and the login),
:mod:`bot.views.privacy` (/privacy, /forget) and :mod:`bot.views.account` (/points,
/promotions); all take service outcomes and escape every value the same way.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Language, plain, shorten, t
from bot.i18n.dates import when_text
from bot.services.checkin_codes import CodeProblem
from bot.services.outcomes import (
    AwaitingLink,
    CheckinAnswered,
    CheckinOutcome,
    CheckinRepeated,
    CheckinWindow,
    CodeNotUsable,
    ImageProblem,
    PhotoNotUsable,
    Reconciliation,
    Settled,
    UitpasSilent,
)
from bot.uitpas.models import UNKNOWN_PROBLEM_CODES, AnswerCode, CheckinAnswer, Promotion
from bot.views.callback_data import SPOTLIGHT_PREFIX, is_promotion_id
from bot.views.codes import LEGACY_CODE_MESSAGES
from bot.views.linking import login_keyboard
from bot.views.reply import Reply
from bot.views.uitpas_words import end_user_note_of, not_allowed, with_end_user_message_of

RECHECK_CALLBACK = "recheck"
_BUTTON_TITLE_LIMIT = 40


_CODE_PROBLEM_KEYS = {
    CodeProblem.EMPTY: "code_empty",
    CodeProblem.FOREIGN_URL: "code_foreign_url",
    CodeProblem.UNUSABLE: "code_unusable",
}

# Answer codes with a message of their own; CHECKIN_CODE_EXPIRED names the event when it can.
_ANSWER_KEYS = {
    code.value: code.value for code in AnswerCode if code != AnswerCode.ACTION_SUCCEEDED
}


def checkin(outcome: CheckinOutcome, language: Language) -> Reply:
    """The reply to a check-in, after a line about an earlier unknown check-in if settled."""
    reply = _checkin(outcome, language)
    earlier = getattr(outcome, "earlier", None)
    if earlier is None or earlier.settled == Settled.STILL_UNKNOWN:
        return reply
    return Reply(f"{reconciliation_text(earlier, language)}\n\n{reply.text}", reply.keyboard)


def _checkin(outcome: CheckinOutcome, language: Language) -> Reply:
    match outcome:
        case PhotoNotUsable(problem=ImageProblem.AMBIGUOUS):
            return Reply(t(language, "qr_ambiguous"))
        case PhotoNotUsable(problem=ImageProblem.UNREADABLE):
            return Reply(t(language, "image_unreadable"))
        case PhotoNotUsable():
            return Reply(t(language, "qr_not_found"))
        case CodeNotUsable(rejection=rejection):
            return Reply(t(language, _CODE_PROBLEM_KEYS[rejection.problem], host=rejection.host))
        case AwaitingLink(by_login=True):
            return Reply(t(language, "needs_login_code_kept"))
        case AwaitingLink():
            return Reply(t(language, "needs_link_code_kept"))
        case UitpasSilent(maybe_saved=True, can_recheck=True):
            return Reply(t(language, "uitpas_outcome_unknown"), recheck_keyboard(language))
        case UitpasSilent(maybe_saved=True):
            return Reply(t(language, "uitpas_outcome_unknown"))
        case UitpasSilent():
            return Reply(t(language, "uitpas_no_answer"))
        case CheckinRepeated():
            return _checkin_repeated(outcome, language)
        case CheckinAnswered(answer=answer) if answer.succeeded:
            return _checkin_success(outcome, language)
        case CheckinAnswered(answer=answer, login_url=str() as url) if (
            answer.code == AnswerCode.LOGIN_REQUIRED
        ):
            return Reply(t(language, "LOGIN_REQUIRED_button"), login_keyboard(url, language))
        case CheckinAnswered(answer=answer, window=CheckinWindow() as window) if (
            answer.code == AnswerCode.CHECKIN_CODE_EXPIRED
        ):
            return Reply(_window_text(answer, window, language))
        case CheckinAnswered(answer=answer, masked_number=masked):
            return Reply(_refusal_text(answer, masked, language))
    raise TypeError(f"unknown check-in outcome {outcome!r}")


def _window_text(answer: CheckinAnswer, window: CheckinWindow, language: Language) -> str:
    """Not open yet, or closed, and when, from the announcement's date; UiTPAS's own words
    for the passholder after ours (ours say more: which side, and when)."""
    zone = ZoneInfo(window.time_zone)
    event = answer.event.title if answer.event and answer.event.title else window.title
    if window.not_yet:
        own = t(
            language,
            "checkin_not_open_yet",
            event=event,
            when=when_text(window.opens_at, zone, language),
        )
    else:
        own = t(
            language,
            "checkin_closed",
            event=event,
            when=when_text(window.closes_at, zone, language),
        )
    note = end_user_note_of(answer, language)
    return f"{own}\n{note}" if note else own


def _checkin_success(outcome: CheckinAnswered, language: Language) -> Reply:
    answer = outcome.answer
    saved = answer.saved_points or 0
    event = answer.event
    lines = []
    if outcome.codes_in_photo > 1:
        lines.append(t(language, "qr_several", count=outcome.codes_in_photo))
    if event and event.title:
        organiser = event.organiser.name if event.organiser else None
        suffix = Html(t(language, "organiser_suffix", name=organiser)) if organiser else ""
        lines.append(
            t(language, "checkin_success", count=saved, event=event.title, organiser=suffix)
        )
    else:
        lines.append(t(language, "checkin_success_no_event", count=saved))
    if answer.points is not None:
        lines.append(t(language, "total", count=answer.points))
    note = end_user_note_of(answer, language)
    if note:
        lines.append(note)
    keyboard = promotion_keyboard(answer.spotlight, language)
    if keyboard is not None:
        lines.append("")
        lines.append(t(language, "spotlight_header"))
    return Reply("\n".join(lines), keyboard)


def _checkin_repeated(outcome: CheckinRepeated, language: Language) -> Reply:
    """Only a running or successful check-in is repeated (a refusal is asked again)."""
    if outcome.result_code is None:
        return Reply(t(language, "checkin_repeat_running"))
    lines = [t(language, "checkin_repeat_saved", count=outcome.points_saved or 0)]
    if outcome.total_points is not None:
        lines.append(t(language, "total", count=outcome.total_points))
    return Reply("\n".join(lines))


def _refusal_text(answer: CheckinAnswer, masked: str, language: Language) -> str:
    if answer.lacks_permission:
        return not_allowed(answer.required_permission, language)
    if answer.refuses_the_bot:
        return t(language, "uitpas_refused_bot")
    if answer.end_user_message_nl:
        # v4 writes this for passholders and asks clients to show it: it knows more than we do.
        own = _own_refusal_text(answer, masked, language, with_message=False)
        return with_end_user_message_of(own, answer, language) or own
    return _own_refusal_text(answer, masked, language, with_message=True)


def _own_refusal_text(
    answer: CheckinAnswer, masked: str, language: Language, *, with_message: bool
) -> str:
    message = answer.message if with_message else None
    if answer.code in UNKNOWN_PROBLEM_CODES:  # a v4 problem the bot does not know: no code
        return t(language, "checkin_refused_unknown")
    if answer.code in LEGACY_CODE_MESSAGES:
        lines = [t(language, f"code_{answer.code}"), t(language, "code_no_point_saved")]
        if message:
            lines.append(t(language, "code_uitpas_said", message=message))
        return "\n".join(lines)
    key = _ANSWER_KEYS.get(answer.code)
    if key == AnswerCode.CHECKIN_CODE_EXPIRED and answer.event and answer.event.title:
        return t(language, "CHECKIN_CODE_EXPIRED_event", event=answer.event.title)
    if key is not None:
        return t(language, key, masked=masked)
    # A code the bot has no words for: the service logged it; the passholder reads a sentence.
    if message:
        return t(language, "checkin_other_code", message=message)
    return t(language, "checkin_other_code_no_message")


def promotion_callback_data(promotion: Promotion) -> str | None:
    """``promo:<id>`` as ``bot.views.callback_data`` reads it back, or None for an id it refuses."""
    if not promotion.id or not is_promotion_id(promotion.id):
        return None
    return SPOTLIGHT_PREFIX + promotion.id


# UiTPAS's cash-in states that say nobody can trade it now (sold out, outside its period).
_NOBODY_CAN = frozenset({"NOT_POSSIBLE_DATE_CONSTRAINT", "NOT_POSSIBLE_VOLUME_CONSTRAINT"})


def tradeable_for_anyone(promotion: Promotion) -> bool:
    """A spotlight button promises something to get: a sold-out promotion, or one outside
    its trading period, gets none (tapping it would only say "not now")."""
    return promotion.units_left != 0 and promotion.cash_in_state not in _NOBODY_CAN


def promotion_keyboard(
    promotions: tuple[Promotion, ...], language: Language
) -> InlineKeyboardMarkup | None:
    buttons = []
    for promotion in promotions:
        data = promotion_callback_data(promotion)
        if data is None or not tradeable_for_anyone(promotion):
            continue
        title = shorten(promotion.title or t(language, "untitled"), _BUTTON_TITLE_LIMIT)
        label = (
            t(language, "promotion_button", title=title, count=promotion.points)
            if promotion.points is not None
            else title
        )
        # Button labels are plain text, not HTML: undo the escaping the catalogue applied.
        buttons.append([InlineKeyboardButton(plain(label), callback_data=data)])
    return InlineKeyboardMarkup(buttons) if buttons else None


def recheck_keyboard(language: Language) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(t(language, "recheck_button"), callback_data=RECHECK_CALLBACK)
    return InlineKeyboardMarkup([[button]])


def reconciliation_text(result: Reconciliation, language: Language) -> str:
    match result.settled:
        case Settled.SAVED if result.event is not None and result.event.title:
            return _saved_at_event(result, language)
        case Settled.SAVED if result.total_points is None:
            return t(language, "reconciled_saved_no_total", count=result.points_saved or 0)
        case Settled.SAVED:
            return t(
                language,
                "reconciled_saved",
                count=result.points_saved or 0,
                total=result.total_points,
            )
        case Settled.NOT_SAVED if result.by_history:
            return t(language, "reconciled_not_saved_history")
        case Settled.NOT_SAVED:
            return t(language, "reconciled_not_saved", total=result.total_points)
        case Settled.UNCLEAR if result.by_history:
            return t(language, "reconciled_unclear_history")
        case Settled.UNCLEAR:
            return t(language, "reconciled_unclear")
    return t(language, "reconciled_still_unknown")


def _saved_at_event(result: Reconciliation, language: Language) -> str:
    """Saved after all, at the event the passholder's history names (v4)."""
    event = result.event
    assert event is not None
    organiser = event.organiser.name if event.organiser else None
    suffix = Html(t(language, "organiser_suffix", name=organiser)) if organiser else ""
    text = t(
        language,
        "reconciled_saved_at",
        count=result.points_saved or 0,
        event=event.title,
        organiser=suffix,
    )
    if result.total_points is None:
        return text
    return f"{text}\n{t(language, 'total', count=result.total_points)}"


def recheck(result: Reconciliation | None, language: Language) -> Reply:
    """The answer to the "was my point saved?" button."""
    if result is None:
        return Reply(t(language, "recheck_nothing"))
    keyboard = recheck_keyboard(language) if result.settled == Settled.STILL_UNKNOWN else None
    return Reply(reconciliation_text(result, language), keyboard)


def throttled(seconds: int, language: Language) -> Reply:
    return Reply(t(language, "throttled", seconds=seconds))
