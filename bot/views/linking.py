"""What a passholder reads while linking a card: what is wrong with a typed number, and under
``UITPAS_API=v4`` the login button.

A typo is explained precisely (too short, a wrong check digit...) because the passholder can
fix it on the spot; the number itself is never repeated back.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Language, plain, t
from bot.services.outcomes import NumberNotValid
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


def login_keyboard(url: str, language: Language) -> InlineKeyboardMarkup:
    """The UiTiD login button (v4): a URL button, so the login happens in the browser."""
    button = InlineKeyboardButton(plain(t(language, "login_button")), url=url)
    return InlineKeyboardMarkup([[button]])


def login_prompt(url: str, language: Language) -> Reply:
    return Reply(t(language, "login_prompt"), login_keyboard(url, language))
