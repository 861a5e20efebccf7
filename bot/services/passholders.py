"""Whose card a trading action uses: the seam where "per family member" plugs in.

Redeeming, the redeemed list, the history, coupons and the kansentarief all act on one
passholder's UiTPAS number. Today that is the card linked to the Telegram user; a family
(another branch) chooses a member by ``member`` and answers with that member's number.
"""

from __future__ import annotations

from typing import Protocol

from storage.repositories import LinkRepository


class Passholders(Protocol):
    async def number(self, telegram_user_id: int, member: str | None = None) -> str | None:
        """The UiTPAS number to act on, or None when the user has no (such) card linked."""
        ...


class LinkedPassholder:
    """The card linked to the Telegram user; ``member`` is not known here, so it finds none."""

    def __init__(self, links: LinkRepository) -> None:
        self._links = links

    async def number(self, telegram_user_id: int, member: str | None = None) -> str | None:
        if member is not None:
            return None
        link = await self._links.get(telegram_user_id)
        return link.uitpas_number if link else None
