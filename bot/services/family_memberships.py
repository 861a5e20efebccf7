"""The v4 family beyond its list (issue 16): leaving a family someone else manages, and icons.

UiTPAS's family is not mutual: a passholder added to someone's family sees it only through
``GET /passholders/{id}/families`` ("the other families to which the given passholder was
added"), and leaves it with the ``DELETE`` of themself from it (the spec allows that with the
permission of "the to be deleted family member"). Legacy has neither: the bot's own extra
cards belong to the account that added them, and are renamed instead of given an icon.
Telegram-free, like :mod:`bot.services.family`, which it asks for the list.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.services.family import (
    NAME_LENGTH,
    FamilyListing,
    FamilyOutcome,
    FamilyService,
    Member,
    MemberNotFound,
    OtherFamily,
    refused,
)
from bot.services.outcomes import NotLinked, UitpasRefused, UitpasSilent
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.family import FamilyApi, MembershipsAnswer
from storage.repositories import LinkRepository

log = logging.getLogger(__name__)

# The icons UiTPAS shows for family members: the spec's examples name ``icon1.png`` to
# ``icon3.png`` under this path and gives no list; publiq's app offers eight.
ICONS = tuple(f"https://www.uitpas.be/_nuxt/img/icon{n}.png" for n in range(1, 9))


@dataclass(frozen=True, slots=True)
class AtUitpasOnly:
    """Legacy: leaving and icons are UiTPAS's family's; the bot's own cards have neither."""

    action: str  # "leave" or "icon"


@dataclass(frozen=True, slots=True)
class NoOtherFamily:
    """Nobody else added the passholder to their family (or not the one named)."""

    name: str | None = None


@dataclass(frozen=True, slots=True)
class LeaveAsked:
    """The confirmation to show: leave this family?"""

    family: OtherFamily


@dataclass(frozen=True, slots=True)
class WhichFamily:
    """In several families and none named: ``/family leave <first name>``."""

    families: tuple[OtherFamily, ...]


@dataclass(frozen=True, slots=True)
class FamilyLeft:
    first_name: str | None


@dataclass(frozen=True, slots=True)
class LeaveRefused:
    """UiTPAS refused the leave: ``http_status`` 403 (not allowed) or 404 (no such family
    membership), or another; ``refusal`` carries its ``endUserMessage``."""

    first_name: str | None
    http_status: int | None
    refusal: UitpasRefused


@dataclass(frozen=True, slots=True)
class IconChoice:
    """The icons to pick from for ``member``."""

    member: Member
    icons: tuple[str, ...] = ICONS


@dataclass(frozen=True, slots=True)
class IconNotValid:
    pass


@dataclass(frozen=True, slots=True)
class IconChanged:
    member: Member
    icon: str


LeaveOutcome = (
    LeaveAsked
    | WhichFamily
    | NoOtherFamily
    | FamilyLeft
    | LeaveRefused
    | AtUitpasOnly
    | NotLinked
    | UitpasRefused
    | UitpasSilent
)
IconOutcome = (
    IconChoice
    | IconChanged
    | IconNotValid
    | MemberNotFound
    | AtUitpasOnly
    | NotLinked
    | UitpasRefused
    | UitpasSilent
)


class FamilyMemberships:
    """``/family``'s overview and leave, and the icons: the v4 parts of the family beyond the
    list. Kept beside :class:`FamilyService` (it asks that for the list) so that the list,
    which every photo reads, stays one call."""

    def __init__(
        self, family: FamilyService, links: LinkRepository, family_api: FamilyApi | None = None
    ) -> None:
        """``family_api``: the one :class:`FamilyService` has (None under legacy)."""
        self._family = family
        self._links = links
        self._api = family_api

    async def overview(self, telegram_user_id: int) -> FamilyOutcome:
        """The list for /family: the family and, under v4, the other families the passholder
        is in. Those are asked at the same time; when UiTPAS does not tell them, the list is
        shown without them."""
        if self._api is None:
            return await self._family.members(telegram_user_id)
        members, others = await asyncio.gather(
            self._family.members(telegram_user_id), self._others(telegram_user_id)
        )
        if not isinstance(members, FamilyListing) or not isinstance(others, tuple):
            return members
        return FamilyListing(members.members, members.at_uitpas, others)

    async def ask_leave(self, telegram_user_id: int, name: str = "") -> LeaveOutcome:
        """``/family leave [first name]``: the family to confirm leaving (nothing left yet)."""
        wanted = name.strip().casefold()
        return await self._ask_leave(
            telegram_user_id,
            lambda f: not wanted or (f.first_name or "").casefold() == wanted,
            name.strip()[:NAME_LENGTH] or None,
        )

    async def ask_leave_of(self, telegram_user_id: int, handle: str) -> LeaveOutcome:
        """The leave button under /family: the same confirmation, for the family it names."""
        return await self._ask_leave(telegram_user_id, lambda f: f.handle == handle, None)

    async def _ask_leave(
        self, telegram_user_id: int, wanted: Callable[[OtherFamily], bool], name: str | None
    ) -> LeaveOutcome:
        others = await self._linked_others(telegram_user_id)
        if not isinstance(others, tuple):
            return others
        found = tuple(f for f in others if wanted(f))
        if not found:
            return NoOtherFamily(name)
        if len(found) > 1:
            return WhichFamily(found)
        return LeaveAsked(found[0])

    async def leave(self, telegram_user_id: int, handle: str) -> LeaveOutcome:
        """The confirmed leave of the family ``handle`` names (read again: a button may be old)."""
        others = await self._linked_others(telegram_user_id)
        if not isinstance(others, tuple):
            return others
        family = next((f for f in others if f.handle == handle), None)
        if family is None:
            return NoOtherFamily()  # left already (a second tap), or never in it
        try:
            change = await self._api.leave_family(
                telegram_user_id=telegram_user_id, main_id=family.main_id
            )
        except UitpasUnavailable as error:
            log.warning("family leave without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=error.sent)
        if not change.succeeded:
            log.info("family leave refused: %s", change.code, extra={"answer_code": change.code})
            return LeaveRefused(family.first_name, change.http_status, refused(change, ""))
        log.info("left a family at UiTPAS")
        return FamilyLeft(family.first_name)

    async def icon_choice(self, telegram_user_id: int, name: str) -> IconOutcome:
        """``/family icon <first name>``: the member and the icons to pick from."""
        wanted = name.strip().casefold()
        return await self._icon_choice(
            telegram_user_id,
            lambda m: (m.first_name or "").casefold() == wanted,
            name.strip()[:NAME_LENGTH],
        )

    async def icon_choice_for(self, telegram_user_id: int, handle: str) -> IconOutcome:
        """A member's 🎨 button under /family."""
        return await self._icon_choice(telegram_user_id, lambda m: m.handle == handle, "")

    async def _icon_choice(
        self, telegram_user_id: int, wanted: Callable[[Member], bool], name: str
    ) -> IconOutcome:
        if self._api is None:
            return AtUitpasOnly("icon")
        listing = await self._family.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing):
            return listing
        found = [m for m in listing.members if wanted(m)]
        if len(found) != 1:
            return MemberNotFound(name)
        return IconChoice(found[0])

    async def set_icon(self, telegram_user_id: int, handle: str, icon_index: int) -> IconOutcome:
        """A tap on one of the icons: ``PUT …/family-members/{id}`` ``{"icon"}``."""
        if self._api is None:
            return AtUitpasOnly("icon")
        if not 0 <= icon_index < len(ICONS):
            return IconNotValid()
        listing = await self._family.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing):
            return listing
        member = next((m for m in listing.members if m.handle == handle), None)
        if member is None:
            return MemberNotFound("")
        icon = ICONS[icon_index]
        try:
            change = await self._api.update_family_member(
                telegram_user_id=telegram_user_id, member_id=member.key, icon=icon
            )
        except UitpasUnavailable as error:
            log.warning("family icon without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=error.sent)
        if not change.succeeded:
            log.info("family icon refused: %s", change.code, extra={"answer_code": change.code})
            return refused(change, member.masked_number)
        return IconChanged(member, icon)

    async def _linked_others(
        self, telegram_user_id: int
    ) -> tuple[OtherFamily, ...] | AtUitpasOnly | NotLinked | UitpasRefused | UitpasSilent:
        if self._api is None:
            return AtUitpasOnly("leave")
        if await self._links.get(telegram_user_id) is None:
            return NotLinked()
        return await self._others(telegram_user_id)

    async def _others(
        self, telegram_user_id: int
    ) -> tuple[OtherFamily, ...] | UitpasRefused | UitpasSilent:
        assert self._api is not None
        try:
            answer: MembershipsAnswer = await self._api.other_families(
                telegram_user_id=telegram_user_id
            )
        except UitpasUnavailable as error:
            log.warning("other families without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=False)
        if not answer.succeeded:
            log.info("other families refused: %s", answer.code, extra={"answer_code": answer.code})
            return refused(answer, "")
        return tuple(OtherFamily(f.main_id, f.first_name, f.member_since) for f in answer.families)
