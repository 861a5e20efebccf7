"""Who may use admin commands in a group: its creator and administrators, asked of Telegram.

Answers are cached for a few minutes per (chat, user), so a busy admin does not cost a
``getChatMember`` per command, and a demotion takes effect within that time. An anonymous admin
posts as the group itself (``sender_chat`` is the chat); only admins can do that.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from telegram import Bot, Message
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})
DEFAULT_TTL_SECONDS = 300.0
_MAX_ENTRIES = 10_000


def actor_id(message: Message) -> int | None:
    """Who is acting: the user, or the group's id for an anonymous admin posting as the group."""
    if message.sender_chat is not None:
        return message.sender_chat.id if message.sender_chat.id == message.chat.id else None
    return message.from_user.id if message.from_user else None


class AdminChecker:
    def __init__(
        self,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl_seconds
        self._monotonic = monotonic
        self._cache: dict[tuple[int, int], tuple[bool, float]] = {}

    async def is_admin(self, bot: Bot, message: Message) -> bool:
        if message.sender_chat is not None:
            # Anonymous admins post as the group; a linked channel's posts are not admins.
            return message.sender_chat.id == message.chat.id
        if message.from_user is None:
            return False
        return await self.user_is_admin(bot, message.chat.id, message.from_user.id)

    async def user_is_admin(self, bot: Bot, chat_id: int, user_id: int) -> bool:
        key = (chat_id, user_id)
        now = self._monotonic()
        cached = self._cache.get(key)
        if cached is not None and cached[1] > now:
            return cached[0]
        try:
            member = await bot.get_chat_member(chat_id, user_id)
        except TelegramError:
            return False  # cannot tell: refuse, and ask again next time
        answer = member.status in ADMIN_STATUSES
        if len(self._cache) >= _MAX_ENTRIES:
            self._cache.clear()
        self._cache[key] = (answer, now + self._ttl)
        return answer
