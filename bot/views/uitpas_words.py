"""Words that UiTPAS itself sends for the passholder, and the bot's words for what it may not do.

Shared by the check-in, account and linking views, so that under every reply the same rules
hold: v4's ``endUserMessage`` is shown whenever there is one (publiq's "always show the
endUserMessage"), in the user's language when UiTPAS sent it, else in Dutch after our own
words; a pass's ``messages`` are shown as the spec demands; a permission the bot lacks is said
as such, never as a failure.
"""

from __future__ import annotations

from bot.i18n import Language, t
from bot.uitpas.models import PassMessage, end_user_message

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


def not_allowed(permission: str | None, language: Language) -> str:
    """UiTPAS does not allow the bot this; the operator was told (the client logged it)."""
    key = f"not_allowed_{permission}" if permission in _PERMISSIONS else "not_allowed_other"
    return t(language, key)


def with_end_user_message(
    own: str | None, nl: str | None, en: str | None, language: Language
) -> str | None:
    """UiTPAS's message for the passholder, or ``own`` words when there is none.

    In the user's own language it replaces ours: it knows more than we do. Only in Dutch to an
    English user, it follows our words, so they read both what happened and what UiTPAS said.
    """
    message = end_user_message(nl, en, language)
    if message is None:
        return own
    if language == "nl" or message == en:
        return t(language, "uitpas_end_user_message", message=message)
    said = t(language, "code_uitpas_said", message=message)
    return f"{own}\n{said}" if own else said


def end_user_note(nl: str | None, en: str | None, language: Language) -> str | None:
    """An ``endUserMessage`` sent with a success, as a line of its own (or None)."""
    message = end_user_message(nl, en, language)
    return t(language, "code_uitpas_said", message=message) if message else None


def pass_messages(messages: tuple[PassMessage, ...], language: Language) -> list[str]:
    """The pass's ``messages``, one line each, marked by their level."""
    return [
        t(language, f"pass_message_{m.level if m.level in _LEVELS else 'INFO'}", text=m.text)
        for m in messages
    ]
