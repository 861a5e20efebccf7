"""Words that UiTPAS itself sends for the passholder, and the bot's words for what it may not do.

Shared by the check-in, account and linking views, so that under every reply the same rules
hold: v4's ``endUserMessage`` is shown whenever there is one (publiq's "always show the
endUserMessage"), in the user's language when UiTPAS sent it, else in Dutch after our own
words; a pass's ``messages`` are shown as the spec demands; a permission the bot lacks is said
as such, never as a failure.
"""

from __future__ import annotations

from typing import Protocol

from bot.i18n import Language, t
from bot.uitpas.models import PassMessage, end_user_message, end_user_message_in

# Permissions with words of their own (catalogue key ``not_allowed_<PERMISSION>``).
_PERMISSIONS = frozenset(
    {
        "PASSHOLDERS_SELF_CHECKIN",
        "PASSES_READ",
        "PASSHOLDERS_SELF_READ",
        "REWARDS_READ",
        "REWARDS_REDEEM",
    }
)
_LEVELS = frozenset({"INFO", "WARN", "ERROR"})


class SaysEndUserMessage(Protocol):
    """An answer or outcome carrying v4's ``endUserMessage`` in the languages it was sent in."""

    @property
    def end_user_message_nl(self) -> str | None: ...
    @property
    def end_user_message_en(self) -> str | None: ...
    @property
    def end_user_message_fr(self) -> str | None: ...


def not_allowed(permission: str | None, language: Language) -> str:
    """UiTPAS does not allow the bot this; the operator was told (the client logged it)."""
    key = f"not_allowed_{permission}" if permission in _PERMISSIONS else "not_allowed_other"
    return t(language, key)


def with_end_user_message(
    own: str | None,
    nl: str | None,
    en: str | None,
    language: Language,
    *,
    fr: str | None = None,
) -> str | None:
    """UiTPAS's message for the passholder, or ``own`` words when there is none.

    In the user's own language it replaces ours: it knows more than we do. Only in Dutch to an
    English or French user, it follows our words, so they read both what happened and what
    UiTPAS said.
    """
    message = end_user_message(nl, en, language, fr)
    if message is None:
        return own
    if message == end_user_message_in(nl, en, language, fr):
        return t(language, "uitpas_end_user_message", message=message)
    said = t(language, "code_uitpas_said", message=message)
    return f"{own}\n{said}" if own else said


def end_user_note(
    nl: str | None, en: str | None, language: Language, *, fr: str | None = None
) -> str | None:
    """An ``endUserMessage`` sent with a success, as a line of its own (or None)."""
    message = end_user_message(nl, en, language, fr)
    return t(language, "code_uitpas_said", message=message) if message else None


def with_end_user_message_of(
    own: str | None, source: SaysEndUserMessage, language: Language
) -> str | None:
    """``with_end_user_message`` with the messages ``source`` carries."""
    nl, en, fr = _end_user_messages(source)
    return with_end_user_message(own, nl, en, language, fr=fr)


def end_user_note_of(source: SaysEndUserMessage, language: Language) -> str | None:
    """``end_user_note`` with the messages ``source`` carries."""
    nl, en, fr = _end_user_messages(source)
    return end_user_note(nl, en, language, fr=fr)


def _end_user_messages(source: SaysEndUserMessage) -> tuple[str | None, str | None, str | None]:
    return source.end_user_message_nl, source.end_user_message_en, source.end_user_message_fr


def pass_messages(messages: tuple[PassMessage, ...], language: Language) -> list[str]:
    """The pass's ``messages``, one line each, marked by their level."""
    return [
        t(language, f"pass_message_{m.level if m.level in _LEVELS else 'INFO'}", text=m.text)
        for m in messages
    ]
