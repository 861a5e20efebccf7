"""The v4 family ("gezin") as the services see it: typed answers and what a client offers.

Only v4 has families (``/passholders/{id}/family-members``); under legacy the bot keeps the
extra cards itself (``bot.services.family``). A birth date goes into
:meth:`FamilyApi.add_family_member` and nowhere else: it is sent to UiTPAS once (for the
registration token) and never kept or logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.uitpas.models import CheckinAnswer, _Answer

# Not UiTPAS codes: the registration token was refused (this number and birth date do not go
# together, or there is no such passholder), and a main member who cannot be removed.
BIRTH_DATE_MISMATCH = "BIRTH_DATE_MISMATCH"


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """One member of a family. ``passholder_id`` is what v4 calls the member by."""

    passholder_id: str | None
    uitpas_number: str | None
    first_name: str | None
    points: int | None
    icon: str | None = None
    main: bool = False
    card_system: str | None = None


@dataclass(frozen=True, slots=True)
class FamilyAnswer(_Answer):
    """``GET /passholders/{id}/family-members``: the passholder themself first."""

    members: tuple[FamilyMember, ...] = ()


@dataclass(frozen=True, slots=True)
class FamilyChange(_Answer):
    """What UiTPAS said to an add, an edit or a removal."""


@dataclass(frozen=True, slots=True)
class Membership:
    """A family someone else manages that the passholder was added to: its main member."""

    main_id: str  # the main member's passholder id: the family's name in the API
    first_name: str | None
    name: str | None
    member_since: datetime | None


@dataclass(frozen=True, slots=True)
class MembershipsAnswer(_Answer):
    """``GET /passholders/{id}/families``: the other families (never the passholder's own)."""

    families: tuple[Membership, ...] = ()


class FamilyApi(Protocol):
    async def family_members(
        self, *, telegram_user_id: int, passholder_id: str | None = None
    ) -> FamilyAnswer: ...

    async def add_family_member(
        self, *, telegram_user_id: int, uitpas_number: str, birth_date: date
    ) -> FamilyChange: ...

    async def update_family_member(
        self, *, telegram_user_id: int, member_id: str, icon: str
    ) -> FamilyChange: ...

    async def remove_family_member(
        self, *, telegram_user_id: int, member_id: str
    ) -> FamilyChange: ...

    async def checkin_family_member(
        self, *, telegram_user_id: int, member_id: str, checkin_code: str
    ) -> CheckinAnswer: ...

    async def other_families(self, *, telegram_user_id: int) -> MembershipsAnswer: ...

    async def leave_family(self, *, telegram_user_id: int, main_id: str) -> FamilyChange: ...
