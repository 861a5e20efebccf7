"""The family on one Telegram account (issue 16): who is in it, adding, renaming, removing.

Under v4 the family lives at UiTPAS (``/passholders/{id}/family-members``) and this service
only asks; under legacy the API has no family, so the bot keeps the extra cards itself (at
most :data:`MAX_CARDS` per account, the passholder's own included). Telegram-free, so the Mini
App can use it as it is.

A birth date (v4's proof for adding someone) is parsed here, handed to UiTPAS once and
dropped: it is never stored, never logged, never part of an outcome.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.services.checkin import UNREAD_LINK, UnreadLink
from bot.services.outcomes import NotLinked, NumberNotValid, UitpasRefused, UitpasSilent
from bot.uitpas.api import UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.family import (
    BIRTH_DATE_MISMATCH,
    FamilyAnswer,
    FamilyApi,
    FamilyChange,
    MembershipsAnswer,
)
from bot.uitpas.models import AnswerCode, PointsAnswer
from bot.uitpas.numbers import InvalidUitpasNumber, mask_uitpas_number, parse_uitpas_number
from storage.family import FamilyCardRepository, FamilyDraftRepository
from storage.models import PassholderLink
from storage.repositories import LinkRepository

log = logging.getLogger(__name__)

MAX_CARDS = 8  # legacy: cards on one account, the passholder's own included
NAME_LENGTH = 32
SELF = "self"  # legacy: the key of the linked card itself
_CARD_PREFIX = "c"  # legacy: "c<id>" is a family card's key
_NAME = re.compile(r"^[^\W\d_][\w' .-]*$")
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class Member:
    """One member. ``key`` names them in buttons and the remembered choice (v4: the passholder
    id; legacy: :data:`SELF` or ``c<id>``); ``uitpas_number`` stays inside the services (the
    card image), replies show :attr:`masked_number`."""

    key: str
    first_name: str | None
    uitpas_number: str
    points: int | None = None
    main: bool = False
    card_system: str | None = None
    icon: str | None = None  # v4: one of :data:`ICONS` (or another URL UiTPAS chose)

    @property
    def masked_number(self) -> str:
        return mask_uitpas_number(self.uitpas_number)

    @property
    def handle(self) -> str:
        """A short name for the member in button data: a digest of the key, since a passholder
        id may say more than it should (the sandbox's hold most of the card number)."""
        return _digest(self.key)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class OtherFamily:
    """v4: a family someone else manages that the passholder was added to."""

    main_id: str  # the main member's passholder id; never in a button (see ``handle``)
    first_name: str | None
    since: datetime | None

    @property
    def handle(self) -> str:
        return _digest(self.main_id)


@dataclass(frozen=True, slots=True)
class FamilyListing:
    members: tuple[Member, ...]  # the passholder themself first
    at_uitpas: bool  # v4: the family lives at UiTPAS
    # v4, in /family only (:meth:`FamilyService.overview`): the families the passholder is in
    other_families: tuple[OtherFamily, ...] = ()

    @property
    def others(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if not m.main)

    def named(self, name: str) -> Member | None:
        """The other member called ``name`` (case and accents as typed), if exactly one is."""
        wanted = name.strip().casefold()
        found = [m for m in self.others if (m.first_name or "").casefold() == wanted]
        return found[0] if len(found) == 1 else None

    def by_key(self, key: str) -> Member | None:
        return next((m for m in self.members if m.key == key), None)


FamilyOutcome = FamilyListing | NotLinked | UitpasRefused | UitpasSilent


@dataclass(frozen=True, slots=True)
class MemberAdded:
    first_name: str | None
    masked_number: str


@dataclass(frozen=True, slots=True)
class BirthDateNotValid:
    typed: str


@dataclass(frozen=True, slots=True)
class NameNotValid:
    pass


@dataclass(frozen=True, slots=True)
class BirthDateMismatch:
    masked_number: str


@dataclass(frozen=True, slots=True)
class AlreadyInFamily:
    masked_number: str


@dataclass(frozen=True, slots=True)
class FamilyFull:
    limit: int


@dataclass(frozen=True, slots=True)
class MemberNotFound:
    name: str


@dataclass(frozen=True, slots=True)
class MemberRemoved:
    first_name: str | None


@dataclass(frozen=True, slots=True)
class MemberRenamed:
    old_name: str | None
    new_name: str


@dataclass(frozen=True, slots=True)
class AddStarted:
    """Step by step: the number is good; the birth date (v4) or the name (legacy) is next."""

    masked_number: str
    needs_birth_date: bool


@dataclass(frozen=True, slots=True)
class DraftMissing:
    """A reply to the second question, but no number waiting (too old, or answered)."""


@dataclass(frozen=True, slots=True)
class RenameNotPossible:
    """v4: a member's name is theirs at UiTPAS; the bot cannot change it."""


AddOutcome = (
    MemberAdded
    | AddStarted
    | DraftMissing
    | NumberNotValid
    | BirthDateNotValid
    | NameNotValid
    | BirthDateMismatch
    | AlreadyInFamily
    | FamilyFull
    | NotLinked
    | UitpasRefused
    | UitpasSilent
)
RemoveOutcome = MemberRemoved | MemberNotFound | NotLinked | UitpasRefused | UitpasSilent
RenameOutcome = (
    MemberRenamed | MemberNotFound | NameNotValid | RenameNotPossible | NotLinked | UitpasSilent
)


def parse_birth_date(text: str, today: date) -> date | None:
    """``dd/mm/yyyy`` (also with ``-`` or ``.``) or ``yyyy-mm-dd``; a real day, not after today."""
    text = text.strip()
    day_first = _DATE.match(text)
    iso = _ISO_DATE.match(text)
    try:
        if day_first:
            day, month, year = (int(g) for g in day_first.groups())
        elif iso:
            year, month, day = (int(g) for g in iso.groups())
        else:
            return None
        born = date(year, month, day)
    except ValueError:
        return None
    return born if date(1900, 1, 1) <= born <= today else None


def clean_name(text: str) -> str | None:
    name = " ".join(text.split())
    if not name or len(name) > NAME_LENGTH or not _NAME.match(name):
        return None
    return name


# The /family verbs in English (what the help shows), Dutch and French: people type their own.
_VERBS = {
    "add": "add",
    "toevoegen": "add",
    "ajouter": "add",
    "ajoute": "add",
    "remove": "remove",
    "verwijder": "remove",
    "verwijderen": "remove",
    "retirer": "remove",
    "retire": "remove",
    "supprimer": "remove",
    "rename": "rename",
    "hernoem": "rename",
    "renommer": "rename",
    "leave": "leave",
    "verlaat": "leave",
    "verlaten": "leave",
    "quitter": "leave",
    "quitte": "leave",
    "icon": "icon",
    "icoon": "icon",
    "icone": "icon",
    "icône": "icon",
}


def family_verb(word: str) -> str | None:
    """``add``, ``remove``, ``rename``, ``leave`` or ``icon`` for what follows /family, in any of
    the languages."""
    return _VERBS.get(word.casefold())


def split_add(text: str) -> tuple[str, str]:
    """``<number> <rest>``: the number is the leading digits and separators (people type it in
    groups), the rest a birth date (v4) or a first name (legacy)."""
    words = text.split()
    taken = 0
    while taken < len(words) and re.fullmatch(r"[\d.\-]+", words[taken]):
        if _DATE.match(words[taken]) or _ISO_DATE.match(words[taken]):
            break
        taken += 1
    return " ".join(words[:taken]), " ".join(words[taken:])


class FamilyService:
    def __init__(
        self,
        uitpas: UitpasApi,
        links: LinkRepository,
        cards: FamilyCardRepository,
        drafts: FamilyDraftRepository,
        family_api: FamilyApi | None = None,
    ) -> None:
        """``family_api`` (v4): the family at UiTPAS; without it (legacy) the bot's own cards."""
        self._uitpas = uitpas
        self._links = links
        self._cards = cards
        self._drafts = drafts
        self._api = family_api

    @property
    def at_uitpas(self) -> bool:
        return self._api is not None

    async def members(
        self,
        telegram_user_id: int,
        *,
        with_points: bool = True,
        link: PassholderLink | UnreadLink | None = UNREAD_LINK,
    ) -> FamilyOutcome:
        """The family, the passholder first. Legacy points are asked per card (at once).

        ``link``: the user's link when the caller read it already (a round trip less)."""
        if isinstance(link, UnreadLink):
            link = await self._links.get(telegram_user_id)
        if link is None:
            return NotLinked()
        if self._api is not None:
            return await self._members_at_uitpas(telegram_user_id, link)
        cards = await self._cards.cards(telegram_user_id)
        members = [Member(SELF, None, link.uitpas_number, main=True)]
        members += [Member(f"{_CARD_PREFIX}{c.id}", c.first_name, c.uitpas_number) for c in cards]
        if with_points and len(members) > 1:
            totals = await asyncio.gather(*(self._points(m.uitpas_number) for m in members))
            members = [
                Member(m.key, m.first_name, m.uitpas_number, total, m.main)
                for m, total in zip(members, totals, strict=True)
            ]
        return FamilyListing(tuple(members), at_uitpas=False)

    async def _members_at_uitpas(
        self, telegram_user_id: int, link: PassholderLink
    ) -> FamilyOutcome:
        """The family as UiTPAS has it, asked by the passholder id kept with the link (no
        ``/passholders/me`` first); the id UiTPAS names the passholder by is kept for next
        time when it was not known yet (links made before it was kept) or changed."""
        assert self._api is not None
        own_number = link.uitpas_number
        try:
            answer = await self._api.family_members(
                telegram_user_id=telegram_user_id, passholder_id=link.passholder_id
            )
        except UitpasUnavailable as error:
            log.warning("family without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=False)
        if not answer.succeeded:
            log.info("family refused: %s", answer.code, extra={"answer_code": answer.code})
            return _refused(answer, mask_uitpas_number(own_number))
        members = tuple(
            Member(
                m.passholder_id,
                m.first_name,
                m.uitpas_number,
                m.points,
                m.main,
                m.card_system,
                m.icon,
            )
            for m in answer.members
            if m.passholder_id and m.uitpas_number
        )
        if not any(m.main for m in members):  # UiTPAS always lists the passholder; be safe
            members = (Member(SELF, None, own_number, main=True), *members)
        main_id = next((m.key for m in members if m.main and m.key != SELF), None)
        if main_id is not None and main_id != link.passholder_id:
            try:
                await self._links.remember_passholder_id(telegram_user_id, main_id)
            except Exception:  # only saves a request next time: never the listing's failure
                log.warning("the passholder id could not be kept with the link")
        return FamilyListing(members, at_uitpas=True)

    async def add(self, telegram_user_id: int, typed_number: str, detail: str) -> AddOutcome:
        """Add a card: ``detail`` is the birth date (v4, passed to UiTPAS once) or the first
        name the bot keeps (legacy)."""
        link = await self._links.get(telegram_user_id)
        if link is None:
            return NotLinked()
        try:
            number = parse_uitpas_number(typed_number)
        except InvalidUitpasNumber as error:
            return NumberNotValid(error.problem, error.digit_count)
        masked = mask_uitpas_number(number)
        if number == link.uitpas_number:
            return AlreadyInFamily(masked)
        if self._api is not None:
            born = parse_birth_date(detail, date.today())
            if born is None:
                return BirthDateNotValid(detail.strip()[:20])
            return await self._add_at_uitpas(telegram_user_id, number, born)
        name = clean_name(detail)
        if name is None:
            return NameNotValid()
        cards = await self._cards.cards(telegram_user_id)
        if any(c.uitpas_number == number for c in cards):
            return AlreadyInFamily(masked)
        if len(cards) + 1 >= MAX_CARDS:
            return FamilyFull(MAX_CARDS)
        if any(c.first_name.casefold() == name.casefold() for c in cards):
            return NameNotValid()  # two Bo's could not be told apart in /family remove Bo
        refusal = await self._unknown_card(number)
        if refusal is not None:
            return refusal
        if not await self._cards.add(telegram_user_id, number, name):
            return AlreadyInFamily(masked)
        log.info("family card added")
        return MemberAdded(name, masked)

    async def _add_at_uitpas(self, telegram_user_id: int, number: str, born: date) -> AddOutcome:
        assert self._api is not None
        masked = mask_uitpas_number(number)
        try:
            change = await self._api.add_family_member(
                telegram_user_id=telegram_user_id, uitpas_number=number, birth_date=born
            )
        except UitpasUnavailable as error:
            log.warning("family add without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=error.sent)
        del born  # used once; nothing of it outlives this call
        if change.code == BIRTH_DATE_MISMATCH:
            return BirthDateMismatch(masked)
        if change.code == "FAMILY_MEMBER_ALREADY_ADDED":
            return AlreadyInFamily(masked)
        if not change.succeeded:
            log.info("family add refused: %s", change.code, extra={"answer_code": change.code})
            return _refused(change, masked)
        log.info("family member added at UiTPAS")
        listing = await self.members(telegram_user_id, with_points=False)
        name = None
        if isinstance(listing, FamilyListing):
            name = next((m.first_name for m in listing.members if m.uitpas_number == number), None)
        return MemberAdded(name, masked)

    async def start_add(
        self, telegram_user_id: int, typed_number: str
    ) -> AddStarted | NumberNotValid | AlreadyInFamily | NotLinked:
        """Step one of a step-by-step add: the number, kept until the second answer."""
        link = await self._links.get(telegram_user_id)
        if link is None:
            return NotLinked()
        try:
            number = parse_uitpas_number(typed_number)
        except InvalidUitpasNumber as error:
            return NumberNotValid(error.problem, error.digit_count)
        if number == link.uitpas_number:
            return AlreadyInFamily(mask_uitpas_number(number))
        await self._drafts.start(telegram_user_id, number)
        return AddStarted(mask_uitpas_number(number), needs_birth_date=self._api is not None)

    async def finish_add(self, telegram_user_id: int, detail: str) -> AddOutcome | DraftMissing:
        """Step two: the birth date or the name for the number kept in step one."""
        number = await self._drafts.take(telegram_user_id)
        if number is None:
            return DraftMissing()
        outcome = await self.add(telegram_user_id, number, detail)
        if isinstance(outcome, BirthDateNotValid | NameNotValid):
            await self._drafts.start(telegram_user_id, number)  # asked again: keep the number
        return outcome

    async def remove(self, telegram_user_id: int, name: str) -> RemoveOutcome:
        listing = await self.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing):
            return listing
        member = listing.named(name)
        if member is None:
            return MemberNotFound(name.strip()[:NAME_LENGTH])
        if self._api is None:
            await self._cards.remove(telegram_user_id, _card_id(member.key))
            return MemberRemoved(member.first_name)
        try:
            change = await self._api.remove_family_member(
                telegram_user_id=telegram_user_id, member_id=member.key
            )
        except UitpasUnavailable as error:
            log.warning("family remove without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=error.sent)
        if not change.succeeded:
            return _refused(change, member.masked_number)
        return MemberRemoved(member.first_name)

    async def rename(self, telegram_user_id: int, name: str, new_name: str) -> RenameOutcome:
        """Legacy: the first name the bot keeps. v4: names are UiTPAS's own, not the bot's."""
        if self._api is not None:
            return RenameNotPossible()
        listing = await self.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing):
            return listing  # type: ignore[return-value]
        member = listing.named(name)
        if member is None:
            return MemberNotFound(name.strip()[:NAME_LENGTH])
        cleaned = clean_name(new_name)
        if cleaned is None or listing.named(cleaned) not in (None, member):
            return NameNotValid()
        await self._cards.rename(telegram_user_id, _card_id(member.key), cleaned)
        return MemberRenamed(member.first_name, cleaned)

    async def forget(self, telegram_user_id: int) -> int:
        """What ``/unlink`` drops of the family: the bot's own cards (v4 keeps none) and a
        half-finished add."""
        return await self._cards.delete_for_user(telegram_user_id) + (
            await self._drafts.delete_for_user(telegram_user_id)
        )

    async def _points(self, number: str) -> int | None:
        try:
            answer = await self._uitpas.points(number)
        except UitpasUnavailable:
            return None
        return answer.points if answer.succeeded else None

    async def _unknown_card(self, number: str) -> UitpasRefused | None:
        """Legacy: a number UiTPAS does not know is not added (a blocked card is: its holder
        hears why at each check-in). UiTPAS silent: added all the same."""
        try:
            answer = await self._uitpas.points(number)
        except UitpasUnavailable:
            return None
        if answer.code in (AnswerCode.UNKNOWN_UITPASNUMBER, AnswerCode.PARSE_INVALID_UITPASNUMBER):
            return _refused(answer, mask_uitpas_number(number))
        return None


def _card_id(key: str) -> int:
    return int(key.removeprefix(_CARD_PREFIX))


def _refused(
    answer: FamilyAnswer | FamilyChange | MembershipsAnswer | PointsAnswer, masked: str
) -> UitpasRefused:
    """Like :func:`bot.services.outcomes.refused`, for the family's answers."""
    return UitpasRefused(
        answer.code,
        answer.message,
        masked,
        answer.required_permission if answer.lacks_permission else None,
        answer.end_user_message_nl,
        answer.end_user_message_en,
        answer.end_user_message_fr,
    )


refused = _refused  # for bot.services.family_memberships, which answers the same way
