"""Whose card a trading action uses: the seam where "per family member" plugs in.

Redeeming, the redeemed list, the history, coupons and the kansentarief all act on one
passholder's UiTPAS number. Without ``member`` that is the card linked to the Telegram user;
with a family (issue 16), ``member`` is a member's :attr:`~bot.services.family.Member.handle`
(what buttons carry: never a number, never UiTPAS's id) and the answer is that member's card.

A handle is looked up in the family as it is *now*: a button made before a member left the
family finds nobody (None), so nothing is ever done with the points of someone who left.
"""

from __future__ import annotations

from typing import Protocol

from bot.services.family import FamilyListing, FamilyService
from bot.services.trading_outcomes import MemberTab, Whose
from storage.repositories import LinkRepository


class Passholders(Protocol):
    async def number(self, telegram_user_id: int, member: str | None = None) -> str | None:
        """The UiTPAS number to act on, or None when the user has no (such) card linked."""
        ...

    async def card(self, telegram_user_id: int, member: str | None = None) -> Whose | None:
        """The card to act on, with whose it is; None when there is no (such) card."""
        ...

    async def family(self, telegram_user_id: int) -> tuple[MemberTab, ...]:
        """The members to switch between, the passholder first; () without a family."""
        ...


class LinkedPassholder:
    """The card linked to the Telegram user; ``member`` is not known here, so it finds none."""

    def __init__(self, links: LinkRepository) -> None:
        self._links = links

    async def number(self, telegram_user_id: int, member: str | None = None) -> str | None:
        found = await self.card(telegram_user_id, member)
        return found.uitpas_number if found else None

    async def card(self, telegram_user_id: int, member: str | None = None) -> Whose | None:
        if member is not None:
            return None
        link = await self._links.get(telegram_user_id)
        return Whose(link.uitpas_number) if link else None

    async def family(self, telegram_user_id: int) -> tuple[MemberTab, ...]:
        return ()


class FamilyPassholders(LinkedPassholder):
    """The linked card, or a member of the account's family (v4: at UiTPAS; legacy: the cards
    the bot keeps), by handle."""

    def __init__(self, links: LinkRepository, family: FamilyService) -> None:
        super().__init__(links)
        self._family = family

    async def card(self, telegram_user_id: int, member: str | None = None) -> Whose | None:
        if member is None:
            return await super().card(telegram_user_id)
        listing = await self._family.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing):
            return None
        found = next((m for m in listing.members if m.handle == member), None)
        if found is None:
            return None
        return Whose(
            found.uitpas_number,
            main=found.main,
            first_name=found.first_name,
            passholder_id=found.key if listing.at_uitpas and not found.main else None,
            handle=found.handle,
        )

    async def family(self, telegram_user_id: int) -> tuple[MemberTab, ...]:
        listing = await self._family.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing) or len(listing.members) < 2:
            return ()
        return tuple(MemberTab(m.handle, m.first_name, m.main) for m in listing.members)
