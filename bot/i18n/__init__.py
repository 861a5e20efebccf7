"""Message catalogues and the one function that renders them.

Templates are Telegram HTML. Every value put into a template is escaped here, so text from a QR
code, from UiTPAS or from a user can never break a message (Telegram refuses a message whose
HTML does not parse). A value that is already safe HTML is wrapped in :class:`Html`.
"""

from __future__ import annotations

import html
import string
from typing import Final, Literal

from bot.i18n import en, fr, nl
from bot.i18n.numbers import number_text

Language = Literal["nl", "en", "fr"]
DEFAULT_LANGUAGE: Final[Language] = "nl"
CATALOGUES: Final[dict[Language, dict[str, str]]] = {
    "nl": nl.MESSAGES,
    "en": en.MESSAGES,
    "fr": fr.MESSAGES,
}


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


def language_for(language_code: str | None) -> Language:
    """Dutch first: the users are Flemish. English or French when Telegram says the user reads
    it (``en-GB``, ``fr-BE``: the language, whatever the country); anything else gets Dutch."""
    primary = (language_code or "").lower().split("-")[0]
    return next((language for language in CATALOGUES if language == primary), DEFAULT_LANGUAGE)


def escape(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)


def plain(text: str) -> str:
    """Undo ``escape`` for button labels, which Telegram shows as plain text, not HTML."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def t(language: Language, key: str, /, **values: object) -> str:
    """Render ``key`` in ``language``; a key ending in a count picks ``_one`` or ``_other``.

    Whole numbers are written the language's way (``1 250`` in French), so no view has to.
    """
    catalogue = CATALOGUES[language]
    template = catalogue.get(key)
    if template is None:
        count = values.get("count")
        template = catalogue[f"{key}_one" if count == 1 else f"{key}_other"]
    return template.format(
        **{name: escape(_localised(value, language)) for name, value in values.items()}
    )


def _localised(value: object, language: Language) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return number_text(value, language)
    return value


def placeholders(template: str) -> set[str]:
    """The names a template uses; the catalogue test compares them across languages."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
