"""Whether the bot can reach a user: Telegram refuses every send to someone who blocked it.

Such a user is marked when a send is refused (403) and unmarked as soon as they write or tap
again: that is the only sign Telegram gives that they unblocked the bot. Handlers tell this
service what happened; where the mark is kept is its business.
"""

from __future__ import annotations

from storage.repositories import UserStatusRepository


class ReachabilityService:
    def __init__(self, user_status: UserStatusRepository) -> None:
        self._user_status = user_status

    async def delivery_refused(self, telegram_user_id: int, reason: str) -> None:
        """Telegram refused a message to this user; ``reason`` is Telegram's own wording."""
        await self._user_status.mark_inactive(telegram_user_id, reason)

    async def heard_from(self, telegram_user_id: int) -> None:
        """The user wrote or tapped, so they can be reached again."""
        await self._user_status.delete_for_user(telegram_user_id)
