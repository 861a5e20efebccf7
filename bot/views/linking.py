"""What a passholder reads while linking a card: what is wrong with a typed number, and under
``UITPAS_API=v4`` the login button.

A typo is explained precisely (too short, a wrong check digit...) because the passholder can
fix it on the spot; the number itself is never repeated back.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Language, plain, t
from bot.services.login import LoginFailed, LoginProblem, LoginSucceeded
from bot.services.outcomes import NumberNotValid, ReplaceAsked
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
    lines = [t(language, key, masked=outcome.masked_number)]
    lines.extend(pass_messages(outcome.messages, language))
    note = end_user_note_of(outcome, language)
    if note:
        lines.append(note)
    return Reply("\n".join(lines))


def login_failed(outcome: LoginFailed, language: Language) -> Reply:
    """Why the login linked nothing, with UiTPAS's own words for the passholder if it sent any."""
    if outcome.problem is LoginProblem.NOT_ALLOWED:
        return Reply(not_allowed("PASSHOLDERS_SELF_READ", language))
    if outcome.problem is LoginProblem.NO_UITPAS:
        own = t(language, "login_no_uitpas")
        return Reply(with_end_user_message_of(own, outcome, language) or own)
    return Reply(t(language, "login_failed"))
