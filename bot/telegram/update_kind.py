"""What kind of update this is, in a word fit for a metric label and a log line.

The vocabulary is small and fixed: a command is named only when it is one of the bot's own,
so a user typing ``/anything`` cannot add a label value (Prometheus keeps each one forever),
and nothing the user wrote, beyond a known command's name, leaves this function.
"""

from __future__ import annotations

from collections.abc import Collection

from telegram import MessageEntity, Update


def update_kind(update: object, commands: Collection[str]) -> str:
    """``command_<name>``, ``command_other``, ``photo``, ``document``, ``message``,
    ``edited_message``, ``callback_query``, ``my_chat_member`` or ``other``."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "callback_query"
    if update.my_chat_member is not None:
        return "my_chat_member"
    if update.edited_message is not None:
        return "edited_message"
    message = update.message
    if message is None:
        return "other"
    if message.photo:
        return "photo"
    if message.document is not None:
        return "document"
    command = _command(message.text or "", message.entities)
    if command is not None:
        return f"command_{command}" if command in commands else "command_other"
    return "message"


def _command(text: str, entities: tuple[MessageEntity, ...]) -> str | None:
    """The command at the start of the text, lower-cased, without ``@botname``; else None."""
    starts_with_command = any(
        e.type == MessageEntity.BOT_COMMAND and e.offset == 0 for e in entities
    )
    if not starts_with_command or not text.startswith("/"):
        return None
    words = text[1:].split(maxsplit=1)
    return words[0].partition("@")[0].lower() if words else ""
