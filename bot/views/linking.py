"""What a passholder reads while linking a card: what is wrong with a typed number, and under
``UITPAS_API=v4`` the login button.

A typo is explained precisely (too short, a wrong check digit...) because the passholder can
fix it on the spot; the number itself is never repeated back.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Language, plain, t
from bot.services.card_status import CardStatusProblem
from bot.services.login import LoginFailed, LoginProblem, LoginSucceeded
from bot.services.outcomes import CardRefused, LinkResult, NumberNotValid, ReplaceAsked
from bot.uitpas.models import AnswerCode
from bot.uitpas.numbers import NumberProblem
from bot.views.reply import Reply
from bot.views.uitpas_words import (
    end_user_note_of,
    not_allowed,
    pass_messages,
    with_end_user_message_of,
)

_NUMBER_PROBLEM_KEYS = {
    NumberProblem.NOT_DIGITS: "number_not_digits",
    NumberProblem.TOO_SHORT: "number_too_short",
    NumberProblem.TOO_LONG: "number_too_long",
    NumberProblem.CHECK_DIGIT: "number_check_digit",
}


def number_problem(refused: NumberNotValid, language: Language) -> Reply:
    return Reply(t(language, _NUMBER_PROBLEM_KEYS[refused.problem], count=refused.digit_count))


def linked(result: LinkResult, language: Language) -> Reply:
    """Linked by number; with what a card that is not active means, when it is not."""
    if result.card_problem is None:
        return Reply(t(language, "linked", masked=result.masked_number))
    lines = [t(language, "linked_card_problem", masked=result.masked_number)]
    lines.append(card_warning(result.card_problem, language))
    return Reply("\n".join(lines))


def card_warning(problem: CardStatusProblem, language: Language) -> str:
    """What the card's status means and what to do, then UiTPAS's own words if it sent any
    (after ours: they name the status, ours say what to do about it)."""
    key = (
        "link_card_blocked"
        if problem.code == AnswerCode.INVALID_CARD_STATUS_BLOCKED
        else "link_card_inactive"
    )
    lines = [t(language, key)]
    note = end_user_note_of(problem, language)
    if note:
        lines.append(note)
    return "\n".join(lines)


def card_refused(refused: CardRefused, language: Language) -> Reply:
    """A deleted card: not linked, and why, with UiTPAS's words if it sent any."""
    problem = refused.problem
    lines = [t(language, "link_card_deleted", masked=refused.masked_number)]
    note = end_user_note_of(problem, language)
    if note:
        lines.append(note)
    return Reply("\n".join(lines))


def login_keyboard(url: str, language: Language) -> InlineKeyboardMarkup:
    """The UiTiD login button (v4): a URL button, so the login happens in the browser."""
    button = InlineKeyboardButton(plain(t(language, "login_button")), url=url)
    return InlineKeyboardMarkup([[button]])


RELINK_YES_CALLBACK = "relink:yes"
RELINK_NO_CALLBACK = "relink:no"


def replace_question(asked: ReplaceAsked, language: Language) -> Reply:
    """Both cards masked; the buttons carry no number (the question quotes the user's message,
    which is where the new number is read back from)."""
    values = {"current": asked.current_masked, "new": asked.new_masked}
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    plain(t(language, "relink_yes", **values)), callback_data=RELINK_YES_CALLBACK
                ),
                InlineKeyboardButton(
                    plain(t(language, "relink_no", **values)), callback_data=RELINK_NO_CALLBACK
                ),
            ]
        ]
    )
    return Reply(t(language, "relink_question", **values), keyboard)


def login_prompt(url: str, language: Language, current: str | None = None) -> Reply:
    """The UiTiD login button (v4): a URL button, so the login happens in the browser.

    ``current``: the card linked now (masked), named so a second login is a choice."""
    text = t(language, "login_prompt")
    if current is not None:
        text = f"{t(language, 'login_prompt_linked', masked=current)}\n{text}"
    return Reply(text, login_keyboard(url, language))


def login_linked(outcome: LoginSucceeded, language: Language) -> Reply:
    """Linked, with what the pass and UiTPAS say for the passholder right under it."""
    key = "login_linked" if outcome.pending_code is None else "login_linked_checking_pending"
    if outcome.card_problem is not None:  # nothing to photograph until the desk has helped
        key = "login_linked_card_problem"
    lines = [t(language, key, masked=outcome.masked_number)]
    if outcome.card_problem is not None:
        lines.append(card_warning(outcome.card_problem, language))
    lines.extend(pass_messages(outcome.messages, language))
    note = end_user_note_of(outcome, language)
    if note:
        lines.append(note)
    return Reply("\n".join(lines))


def login_failed(outcome: LoginFailed, language: Language) -> Reply:
    """Why the login linked nothing, with UiTPAS's own words for the passholder if it sent any."""
    if outcome.problem is LoginProblem.NOT_ALLOWED:
        return Reply(not_allowed("PASSHOLDERS_SELF_READ", language))
    if outcome.problem is LoginProblem.CARD_DELETED and outcome.masked_number is not None:
        problem = CardStatusProblem(
            AnswerCode.INVALID_CARD_STATUS_DELETED,
            outcome.end_user_message_nl,
            outcome.end_user_message_en,
            outcome.end_user_message_fr,
        )
        return card_refused(CardRefused(outcome.masked_number, problem), language)
    if outcome.problem is LoginProblem.NO_UITPAS:
        own = t(language, "login_no_uitpas")
        return Reply(with_end_user_message_of(own, outcome, language) or own)
    return Reply(t(language, "login_failed"))
