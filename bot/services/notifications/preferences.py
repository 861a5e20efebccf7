"""What a passholder chose: the kinds they want told, and their ⭐ wishes (issue 19).

Every kind is off until the passholder turns it on (``/notifications``, or the one-tap offer
after linking): nothing is looked at, and nothing sent, before they say yes.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from storage.notifications import NotificationRepository
from storage.repositories import LinkRepository


@dataclass(frozen=True, slots=True)
class Preferences:
    """The kinds this bot can tell (by API), and which of them are on."""

    offered: tuple[str, ...]
    on: frozenset[str]
    linked: bool = True


class NotificationPreferences:
    def __init__(
        self,
        notifications: NotificationRepository,
        links: LinkRepository,
        offered: tuple[str, ...],
        clock: Clock,
    ) -> None:
        self._notifications = notifications
        self._links = links
        self._offered = offered
        self._clock = clock

    async def of(self, telegram_user_id: int) -> Preferences:
        linked = await self._links.get(telegram_user_id) is not None
        on = await self._notifications.kinds(telegram_user_id)
        return Preferences(self._offered, on & frozenset(self._offered), linked)

    async def toggle(self, telegram_user_id: int, kind: str) -> Preferences:
        """Turn ``kind`` on when off and off when on; an unknown kind changes nothing. Off
        here is off as with "stop these": what waits of it (quiet hours, today's digest sent)
        is dropped, not sent the next morning."""
        current = await self.of(telegram_user_id)
        if kind not in self._offered or not current.linked:
            return current
        if kind in current.on:
            await self._notifications.drop_held(telegram_user_id, kind)
        wanted = current.on ^ {kind}
        return await self._set(telegram_user_id, wanted)

    async def all_on(self, telegram_user_id: int) -> Preferences:
        """The offer after linking, accepted: every kind this API can tell."""
        if await self._links.get(telegram_user_id) is None:
            return await self.of(telegram_user_id)
        return await self._set(telegram_user_id, frozenset(self._offered))

    async def stop(self, telegram_user_id: int, kind: str) -> Preferences:
        """ "Stop these" under a notice: that kind off, and what waits of it dropped."""
        current = await self.of(telegram_user_id)
        await self._notifications.drop_held(telegram_user_id, kind)
        if kind not in current.on:
            return current
        return await self._set(telegram_user_id, current.on - {kind})

    async def toggle_wish(self, telegram_user_id: int, reward_id: str) -> bool:
        """⭐ in a reward's detail: whether it is a wish now."""
        return await self._notifications.toggle_wish(telegram_user_id, reward_id, now=self._clock())

    async def is_wish(self, telegram_user_id: int, reward_id: str) -> bool:
        return reward_id in await self._notifications.wishes(telegram_user_id)

    async def _set(self, telegram_user_id: int, kinds: frozenset[str]) -> Preferences:
        on = await self._notifications.set_kinds(telegram_user_id, kinds, now=self._clock())
        return Preferences(self._offered, on)
