"""What a passholder reads while linking a card: what is wrong with a typed number, and under
``UITPAS_API=v4`` the login button.

A typo is explained precisely (too short, a wrong check digit...) because the passholder can
fix it on the spot; the number itself is never repeated back.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Language, plain, t
from bot.services.outcomes import NumberNotValid, ReplaceAsked
from bot.uitpas.numbers import NumberProblem
from bot.views.reply import Reply

_NUMBER_PROBLEM_KEYS = {
    NumberProblem.NOT_DIGITS: "number_not_digits",
    NumberProblem.TOO_SHORT: "number_too_short",
    NumberProblem.TOO_LONG: "number_too_long",
    NumberProblem.CHECK_DIGIT: "number_check_digit",
}


def number_problem(refused: NumberNotValid, language: Language) -> Reply:
    return Reply(t(language, _NUMBER_PROBLEM_KEYS[refused.problem], count=refused.digit_count))


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
    button = InlineKeyboardButton(plain(t(language, "login_button")), url=url)
    text = t(language, "login_prompt")
    if current is not None:
        text = f"{t(language, 'login_prompt_linked', masked=current)}\n{text}"
    return Reply(text, InlineKeyboardMarkup([[button]]))
