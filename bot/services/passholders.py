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
from bot.services.outcomes import NotLinked, UitpasRefused, UitpasSilent
from bot.services.trading_outcomes import MEMBER_GONE, MemberTab, RedeemRefused, Whose
from storage.repositories import LinkRepository


class Passholders(Protocol):
    async def number(self, telegram_user_id: int, member: str | None = None) -> str | None:
        """The UiTPAS number to act on, or None when the user has no (such) card linked."""
        ...

    async def card(self, telegram_user_id: int, member: str | None = None) -> Whose | None:
        """The card to act on, with whose it is; None when there is no (such) card."""
        ...

    async def members(self, telegram_user_id: int) -> tuple[Whose, ...]:
        """Every member's card, the passholder first; () without a family."""
        ...

    async def choose(
        self, telegram_user_id: int, member: str | None = None
    ) -> tuple[Whose | None, tuple[MemberTab, ...]]:
        """:meth:`card` and the members to switch between (() without a family), with one
        look at the family."""
        ...

    async def member_missing(self, telegram_user_id: int) -> RedeemRefused | UitpasSilent:
        """Why a member's card was not found although the passholder's own is linked."""
        ...


def tabs(members: tuple[Whose, ...]) -> tuple[MemberTab, ...]:
    return tuple(MemberTab(m.handle or "", m.first_name, m.main) for m in members if m.handle)


class LinkedPassholder:
    """The card linked to the Telegram user; ``member`` is not known here, so it finds none."""

    def __init__(self, links: LinkRepository) -> None:
        self._links = links

    async def number(self, telegram_user_id: int, member: str | None = None) -> str | None:
        found = await self.card(telegram_user_id, member)
        return found.uitpas_number if found else None

    async def card(self, telegram_user_id: int, member: str | None = None) -> Whose | None:
        found, _ = await self.choose(telegram_user_id, member)
        return found

    async def members(self, telegram_user_id: int) -> tuple[Whose, ...]:
        return ()

    async def choose(
        self, telegram_user_id: int, member: str | None = None
    ) -> tuple[Whose | None, tuple[MemberTab, ...]]:
        if member is not None:
            return None, ()
        return await self._own(telegram_user_id), ()

    async def member_missing(self, telegram_user_id: int) -> RedeemRefused | UitpasSilent:
        return RedeemRefused(MEMBER_GONE)

    async def _own(self, telegram_user_id: int) -> Whose | None:
        link = await self._links.get(telegram_user_id)
        return Whose(link.uitpas_number) if link else None


class FamilyPassholders(LinkedPassholder):
    """The linked card, or a member of the account's family (v4: at UiTPAS; legacy: the cards
    the bot keeps), by handle."""

    def __init__(self, links: LinkRepository, family: FamilyService) -> None:
        super().__init__(links)
        self._family = family

    async def card(self, telegram_user_id: int, member: str | None = None) -> Whose | None:
        if member is None:  # the passholder's own card: no need to ask for the family
            return await self._own(telegram_user_id)
        found, _ = await self.choose(telegram_user_id, member)
        return found

    async def members(self, telegram_user_id: int) -> tuple[Whose, ...]:
        listing = await self._family.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing) or len(listing.members) < 2:
            return ()
        return tuple(
            Whose(
                m.uitpas_number,
                main=m.main,
                first_name=m.first_name,
                passholder_id=m.key if listing.at_uitpas and not m.main else None,
                handle=m.handle,
            )
            for m in listing.members
        )

    async def member_missing(self, telegram_user_id: int) -> RedeemRefused | UitpasSilent:
        listing = await self._family.members(telegram_user_id, with_points=False)
        match listing:
            case UitpasSilent():
                return listing
            case UitpasRefused():
                return RedeemRefused(
                    listing.code,
                    listing.end_user_message_nl,
                    listing.end_user_message_en,
                    listing.required_permission,
                    listing.end_user_message_fr,
                )
        return RedeemRefused(MEMBER_GONE)

    async def choose(
        self, telegram_user_id: int, member: str | None = None
    ) -> tuple[Whose | None, tuple[MemberTab, ...]]:
        family = await self.members(telegram_user_id)
        if member is None:
            return await self._own(telegram_user_id), tabs(family)
        return next((m for m in family if m.handle == member), None), tabs(family)


async def not_found(
    passholders: Passholders, telegram_user_id: int, member: str | None
) -> NotLinked | RedeemRefused | UitpasSilent:
    """No card to act on, and why: not linked; or, for a member's button, the family could not
    be read (UiTPAS silent, the login expired: its own words) or the member left it."""
    if member is None or await passholders.card(telegram_user_id) is None:
        return NotLinked()
    return await passholders.member_missing(telegram_user_id)
