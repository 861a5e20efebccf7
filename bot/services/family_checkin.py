""" "Who's with you?": one photo checks the chosen members of the family in (issue 16).

Without a family nothing changes: the photo goes to :class:`CheckinService` as before. With
one, the photo gets a chooser (the last choice ticked, the first time only the passholder) and
its go button checks each chosen member in with the same code:

- the passholder themself through :meth:`CheckinService.check_in_code`, exactly as a photo;
- every other member on their own: v4 ``POST /passholders/{memberId}/checkins`` with the
  parent's token, legacy one check-in per number; each under its own claim in the check-in code
  claim machinery (a digest of member and code), so the same code twice for one member asks
  UiTPAS once, and one member's refusal (a blocked card) never stops the others.

The go button is taken once (a conditional UPDATE): pressed twice, the second press checks
nobody in; a chooser older than a code stays valid says so instead of checking in.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.services.background import cancel_and_wait
from bot.services.checkin import UNREAD_LINK, AnswerObserver, CheckinService, UnreadLink
from bot.services.family import FamilyListing, FamilyService, Member
from bot.services.outcomes import (
    CheckinAnswered,
    CheckinOutcome,
    CheckinRepeated,
    UitpasSilent,
)
from bot.uitpas.api import UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.family import FamilyApi
from bot.uitpas.models import CheckinAnswer
from storage.coordination import RecentCheckinCodeRepository, TakenOver
from storage.family import FamilyChoiceRepository, FamilyPromptRepository, keys
from storage.models import FamilyCheckinPrompt, PassholderLink
from storage.repositories import LinkRepository

log = logging.getLogger(__name__)

# A check-in code stays valid for about five hours after an event (as a code kept before
# linking): a chooser older than this would check in with a code that no longer works.
CHOOSER_LIFETIME = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class ChooserShown:
    id: str
    # (member key, first name if known), the passholder themself first
    offered: tuple[tuple[str, str | None], ...]
    chosen: frozenset[str]
    icons: tuple[str | None, ...] = ()  # v4: each offered member's icon, in the same order


@dataclass(frozen=True, slots=True)
class ChooserUsed:
    """The go button was pressed already: nobody is checked in twice."""


@dataclass(frozen=True, slots=True)
class ChooserStale:
    """Older than the code's validity: a new photo is needed."""


@dataclass(frozen=True, slots=True)
class ChooserGone:
    """No such chooser for this user (forgotten, or not theirs)."""


@dataclass(frozen=True, slots=True)
class NobodyChosen:
    pass


@dataclass(frozen=True, slots=True)
class FamilyCheckedIn:
    # (first name if known, outcome), the passholder themself first when chosen
    results: tuple[tuple[str | None, CheckinOutcome], ...]
    includes_self: bool = True


PhotoOutcome = CheckinOutcome | ChooserShown
GoOutcome = FamilyCheckedIn | ChooserUsed | ChooserStale | ChooserGone | NobodyChosen
ToggleOutcome = ChooserShown | ChooserUsed | ChooserStale | ChooserGone


def _ignore(_code: str) -> None:
    """No observer: nobody counts answers."""


def member_digest(member_key: str, code: str) -> str:
    """A member's own claim on a code, beside the passholder's (a digest of the code alone)."""
    return hashlib.sha256(f"member\n{member_key}\n{code}".encode()).hexdigest()


class FamilyCheckinService:
    def __init__(
        self,
        checkin: CheckinService,
        family: FamilyService,
        uitpas: UitpasApi,
        links: LinkRepository,
        choices: FamilyChoiceRepository,
        prompts: FamilyPromptRepository,
        *,
        family_api: FamilyApi | None = None,
        recent_codes: RecentCheckinCodeRepository | None = None,
        on_answer: AnswerObserver = _ignore,
        lifetime: timedelta = CHOOSER_LIFETIME,
    ) -> None:
        self._checkin = checkin
        self._family = family
        self._uitpas = uitpas
        self._links = links
        self._choices = choices
        self._prompts = prompts
        self._api = family_api
        self._recent_codes = recent_codes
        self._on_answer = on_answer
        self._lifetime = lifetime

    async def photo(
        self,
        telegram_user_id: int,
        image: bytes,
        *,
        link: PassholderLink | UnreadLink | None = UNREAD_LINK,
    ) -> PhotoOutcome:
        """A check-in photo: straight to the check-in without a family, else the chooser.

        Under v4 the family is asked while the photo is decoded; whatever goes wrong asking it
        (UiTPAS silent, a permission the bot lacks) leaves the check-in as it always was.
        ``link``: the user's link when the caller read it already (a round trip less)."""
        if isinstance(link, UnreadLink):
            link = await self._links.get(telegram_user_id)
        if link is None or not await self._may_have_family(telegram_user_id, link):
            return await self._checkin.check_in_photo(telegram_user_id, image, link=link)
        listing = asyncio.create_task(
            self._family.members(telegram_user_id, with_points=False, link=link)
        )
        try:
            found = await self._checkin.code_in_photo(image)
            if not isinstance(found, tuple):
                return found
            code, codes_in_photo = found
            family = await listing
        finally:
            if not listing.done():
                await cancel_and_wait(listing)
        if not isinstance(family, FamilyListing) or not family.others:
            return await self._checkin.check_in_code(
                telegram_user_id, link.uitpas_number, code, codes_in_photo=codes_in_photo
            )
        return await self._new_chooser(telegram_user_id, code, family)

    async def code(self, telegram_user_id: int, uitpas_number: str, code: str) -> PhotoOutcome:
        """A code that comes without a photo now: one kept from before linking, or an
        announcement's (its deep link). With a family it gets the chooser a photo gets; without
        one it is checked in straight away, as :meth:`CheckinService.check_in_code` does."""
        chooser = await self._chooser_if_family(telegram_user_id, code)
        if chooser is not None:
            return chooser
        return await self._checkin.check_in_code(telegram_user_id, uitpas_number, code)

    async def chooser_for_code(self, telegram_user_id: int, code: str) -> ChooserShown | None:
        """A code read without a photo (the Mini App's scanner): the chooser when the account
        has a family to choose from, None to check in as without one. Whatever goes wrong
        asking for the family (UiTPAS silent) leaves the check-in as it always was."""
        if await self._links.get(telegram_user_id) is None:
            return None
        return await self._chooser_if_family(telegram_user_id, code)

    async def _chooser_if_family(self, telegram_user_id: int, code: str) -> ChooserShown | None:
        """The chooser for ``code`` when the account has others to choose; None without (or
        when the family could not be read: then the check-in goes on as without one)."""
        family = await self._family.members(telegram_user_id, with_points=False)
        if not isinstance(family, FamilyListing) or not family.others:
            return None
        return await self._new_chooser(telegram_user_id, code, family)

    async def _may_have_family(self, telegram_user_id: int, link: PassholderLink) -> bool:
        """Legacy: the bot's own cards tell at once; v4: only UiTPAS knows."""
        if self._api is not None:
            return True
        listing = await self._family.members(telegram_user_id, with_points=False, link=link)
        return isinstance(listing, FamilyListing) and bool(listing.others)

    async def _new_chooser(
        self, telegram_user_id: int, code: str, family: FamilyListing
    ) -> ChooserShown:
        offered = [(m.key, m.first_name, m.icon) for m in family.members]  # the passholder first
        main = family.members[0].key
        remembered = await self._choices.get(telegram_user_id)
        offered_keys = {key for key, _, _ in offered}
        chosen = [k for k in remembered or [main] if k in offered_keys] or [main]
        prompt = await self._prompts.create(
            telegram_user_id, code, [list(member) for member in offered], chosen
        )
        return _shown(prompt)

    async def _open(
        self, telegram_user_id: int, prompt_id: str
    ) -> FamilyCheckinPrompt | ChooserGone | ChooserUsed | ChooserStale:
        """The user's chooser if it can still be used, else why not."""
        prompt = await self._prompts.get(telegram_user_id, prompt_id)
        if prompt is None:
            return ChooserGone()
        if prompt.done_at is not None:
            return ChooserUsed()
        if self._stale(prompt):
            return ChooserStale()
        return prompt

    async def toggle(self, telegram_user_id: int, prompt_id: str, position: int) -> ToggleOutcome:
        prompt = await self._open(telegram_user_id, prompt_id)
        if not isinstance(prompt, FamilyCheckinPrompt):
            return prompt
        shown = _shown(prompt)
        if not 0 <= position < len(shown.offered):
            return shown
        key = shown.offered[position][0]
        chosen = set(shown.chosen) ^ {key}
        ordered = [k for k, _ in shown.offered if k in chosen]
        if not await self._prompts.choose(telegram_user_id, prompt_id, ordered):
            return ChooserUsed()
        return ChooserShown(shown.id, shown.offered, frozenset(ordered), shown.icons)

    async def go(self, telegram_user_id: int, prompt_id: str) -> GoOutcome:
        prompt = await self._open(telegram_user_id, prompt_id)
        if not isinstance(prompt, FamilyCheckinPrompt):
            return prompt
        shown = _shown(prompt)
        chosen = [
            (index == 0, key, name)
            for index, (key, name) in enumerate(shown.offered)
            if key in shown.chosen
        ]
        if not chosen:
            return NobodyChosen()
        if not await self._prompts.take(telegram_user_id, prompt_id, datetime.now(UTC)):
            return ChooserUsed()  # the other press (or instance) got it
        await self._choices.save(telegram_user_id, [key for _, key, _ in chosen])
        family = await self._family.members(telegram_user_id, with_points=False)
        link = await self._links.get(telegram_user_id)
        results: list[tuple[str | None, CheckinOutcome]] = []
        for main, key, name in chosen:
            member = family.by_key(key) if isinstance(family, FamilyListing) else None
            if link is not None and main:  # the passholder themself, as a photo does
                outcome = await self._checkin.check_in_code(
                    telegram_user_id, link.uitpas_number, prompt.checkin_code
                )
            elif link is not None and member is not None:
                outcome = await self._member(telegram_user_id, member, prompt)
            else:  # unlinked meanwhile, left the family, or UiTPAS did not list it now
                outcome = UitpasSilent(maybe_saved=False)
            results.append((name, outcome))
        log.info("family check-in", extra={"members": len(results)})
        return FamilyCheckedIn(tuple(results), includes_self=chosen[0][0])

    async def _member(
        self, telegram_user_id: int, member: Member, prompt: FamilyCheckinPrompt
    ) -> CheckinOutcome:
        """One member's check-in under their own claim; never retried."""
        code = prompt.checkin_code
        digest = member_digest(member.key, code)
        if self._recent_codes is not None:
            earlier = await self._recent_codes.claim(telegram_user_id, digest)
            if isinstance(earlier, TakenOver):
                # The instance that started it died; it may have reached UiTPAS. Not sent
                # again blindly: UiTPAS's own once-a-day rule answers a new photo.
                await self._release(telegram_user_id, digest)
                return UitpasSilent(maybe_saved=True)
            if earlier is not None:
                return CheckinRepeated(
                    earlier.result_code, earlier.points_saved, earlier.total_points
                )
        try:
            answer = await self._send(telegram_user_id, member, code)
        except UitpasUnavailable as error:
            log.warning("family member check-in without answer: %s", error.reason.value)
            await self._release(telegram_user_id, digest)
            return UitpasSilent(maybe_saved=error.sent)
        except BaseException:
            await self._release(telegram_user_id, digest)
            raise
        self._on_answer(answer.code)
        log.info("family member check-in answered: %s", answer.code)
        if answer.succeeded and self._recent_codes is not None:
            await self._recent_codes.answered(
                telegram_user_id,
                digest,
                answer.code,
                points_saved=answer.saved_points,
                total_points=answer.points,
            )
        elif not answer.succeeded:
            await self._release(telegram_user_id, digest)
        return CheckinAnswered(answer, member.masked_number, 1)

    async def _send(self, telegram_user_id: int, member: Member, code: str) -> CheckinAnswer:
        if self._api is not None:
            return await self._api.checkin_family_member(
                telegram_user_id=telegram_user_id, member_id=member.key, checkin_code=code
            )
        return await self._uitpas.checkin(
            member.uitpas_number, code, telegram_user_id=telegram_user_id
        )

    async def _release(self, telegram_user_id: int, digest: str) -> None:
        if self._recent_codes is None:
            return
        try:
            await self._recent_codes.release(telegram_user_id, digest)
        except Exception:
            log.warning("could not release a member's check-in code claim; it lapses by itself")

    def _stale(self, prompt: FamilyCheckinPrompt) -> bool:
        created = prompt.created_at
        created = created if created.tzinfo is not None else created.replace(tzinfo=UTC)
        return datetime.now(UTC) - created > self._lifetime


def _shown(prompt: FamilyCheckinPrompt) -> ChooserShown:
    try:
        raw = json.loads(prompt.member_keys)
    except ValueError:
        raw = []
    # [key, first name, icon]; a chooser stored before icons has [key, first name]
    members = [m for m in raw if isinstance(m, list) and len(m) in (2, 3)]
    offered = tuple((str(m[0]), _text(m[1])) for m in members)
    icons = tuple(_text(m[2]) if len(m) == 3 else None for m in members)
    return ChooserShown(prompt.id, offered, frozenset(keys(prompt.chosen_keys)), icons)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
