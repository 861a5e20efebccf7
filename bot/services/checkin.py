"""Checking in: from a photo (or a remembered code) to UiTPAS's answer, recorded in history.

A check-in whose answer never came is settled later, never by checking in again: under the
legacy API by the points before and after it; under v4 by the passholder's transaction history
(did a check-in land after the moment it was sent?), so under v4 no points are read before a
check-in at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.qr import AmbiguousPhoto, ImageUnreadable
from bot.services.checkin_codes import CodeRejection, pick_checkin_code
from bot.services.outcomes import (
    AwaitingLink,
    CheckinAnswered,
    CheckinOutcome,
    CheckinRepeated,
    CheckinWindow,
    CodeNotUsable,
    ImageProblem,
    PhotoNotUsable,
    Reconciliation,
    Settled,
    UitpasSilent,
)
from bot.uitpas.api import CheckinHistory, UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import (
    TRANSACTION_CLOCK_TOLERANCE,
    AnswerCode,
    CheckinAnswer,
    Promotion,
    TransactionsAnswer,
)
from bot.uitpas.numbers import mask_uitpas_number
from storage.coordination import RecentCheckinCodeRepository, TakenOver
from storage.models import Announcement, CheckinRecord, PassholderLink
from storage.repositories import CheckinRepository, LinkRepository, PendingCheckinRepository

log = logging.getLogger(__name__)

OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN"
# For the metrics only (never stored): UiTPAS could not be reached, so nothing was saved.
NOT_SENT = "NOT_SENT"
# What an OUTCOME_UNKNOWN row becomes once the points tell (see CheckinService.recheck).
RECONCILED_CODES = {
    Settled.SAVED: "RECONCILED_SAVED",
    Settled.NOT_SAVED: "RECONCILED_NOT_SAVED",
    Settled.UNCLEAR: "RECONCILED_UNCLEAR",
}
# A request that timed out may still be running at UiTPAS: unchanged points only mean "not
# saved" once this much time has passed since sending.
DEFAULT_SETTLE_AFTER = timedelta(minutes=2)
# The answer code kept for a check-in an instance took over and found saved (by the points).
TAKEN_OVER_SAVED = "ACTION_SUCCEEDED"

Decoder = Callable[[bytes], Awaitable[list[str]]]
# Told the answer code of every check-in sent (the metrics); OUTCOME_UNKNOWN or NOT_SENT when
# UiTPAS gave no answer.
AnswerObserver = Callable[[str], None]
# The answer's spotlight with what the promotions list knows of each (units left, whether
# anyone can trade it now): legacy's check-in answer does not say, and a sold-out promotion
# must not get a button. Given the card number.
SpotlightRefiner = Callable[[str, tuple[Promotion, ...]], Awaitable[tuple[Promotion, ...]]]
# When check-in opens and closes for a code, if the bot knows (an announcement's date).
WindowFinder = Callable[[str], Awaitable[CheckinWindow | None]]


class AnnouncementCounter(Protocol):
    """Counts saved check-ins for the announcements a member opened (the announcements).

    Told of every check-in that saved a point; besides, it says which
    events' announcements it reads for that (``opened_between``), so that the statement
    recording the answer can read them in the same round trip and hand them over."""

    def opened_between(self) -> tuple[datetime, datetime]: ...

    async def checked_in(
        self, user_id: int, code: str, opened: list[Announcement] | None = None
    ) -> None: ...


class UnreadLink:
    """The caller did not read the link: the service reads it."""


UNREAD_LINK = UnreadLink()
# The user's link as a caller read it (None: not linked), for handlers, which see no storage.
ReadLink = PassholderLink | None


async def _no_window(_code: str) -> CheckinWindow | None:
    return None


def _ignore_answer(_code: str) -> None:
    """No observer: nobody counts answers (tests of the service alone)."""


class LoginLinks(Protocol):
    """Where a passholder whose v4 login expired gets a new login link (the login service)."""

    async def start(self, telegram_user_id: int, language: str) -> str: ...


async def _spotlight_as_is(
    _number: str, promotions: tuple[Promotion, ...]
) -> tuple[Promotion, ...]:
    return promotions


class CheckinService:
    def __init__(
        self,
        uitpas: UitpasApi,
        decode: Decoder,
        links: LinkRepository,
        checkins: CheckinRepository,
        pending: PendingCheckinRepository,
        *,
        settle_after: timedelta = DEFAULT_SETTLE_AFTER,
        links_by_login: bool = False,
        recent_codes: RecentCheckinCodeRepository | None = None,
        on_answer: AnswerObserver = _ignore_answer,
        call_deadline: timedelta = timedelta(0),
        history: CheckinHistory | None = None,
        login: LoginLinks | None = None,
        refine_spotlight: SpotlightRefiner = _spotlight_as_is,
    ) -> None:
        """``history`` (v4): settle unknown outcomes by the passholder's transactions instead
        of by points. ``login`` (v4): an expired login is answered with a new login link."""
        self._uitpas = uitpas
        self._decode = decode
        self._links = links
        self._checkins = checkins
        self._pending = pending
        self._settle_after = settle_after
        self._links_by_login = links_by_login or login is not None
        self._recent_codes = recent_codes
        self._on_answer = on_answer
        # How long a check-in request can be at UiTPAS (the client's timeout): a dead
        # instance's request may still be there that long after it claimed the code.
        self._call_deadline = call_deadline
        self._history = history
        self._login = login
        self._refine_spotlight = refine_spotlight
        self._window_of: WindowFinder = _no_window
        self._counter: AnnouncementCounter | None = None

    def find_windows_with(self, window_of: WindowFinder) -> None:
        """Where an expired code's check-in window is looked up (the announcements, which
        are made after this service)."""
        self._window_of = window_of

    def count_for_announcements(self, counter: AnnouncementCounter) -> None:
        """Who counts saved check-ins for announcements (made after this service)."""
        self._counter = counter

    async def check_in_photo(
        self,
        telegram_user_id: int,
        image: bytes,
        *,
        link: PassholderLink | UnreadLink | None = UNREAD_LINK,
    ) -> CheckinOutcome:
        """Decode, pick the code, check in. The points before are fetched while decoding.

        Those points are what makes a timed-out check-in reconcilable later (legacy); asking
        for them alongside the (slower) decode costs the passholder no waiting. ``link``: the
        user's link when the caller read it already (a database round trip less).
        """
        if isinstance(link, UnreadLink):
            link = await self._links.get(telegram_user_id)
        before: asyncio.Task[int | None] | None = None
        if link is not None:
            before = asyncio.create_task(self._points_before(link.uitpas_number))
        try:
            found = await self.code_in_photo(image)
            if not isinstance(found, tuple):
                return found
            code, codes_in_photo = found
            if link is None or before is None:
                await self._pending.remember(telegram_user_id, code)
                return AwaitingLink(by_login=self._links_by_login)
            points_before = await before
            return await self.check_in_code(
                telegram_user_id,
                link.uitpas_number,
                code,
                codes_in_photo=codes_in_photo,
                points_before=points_before,
                points_known=True,
            )
        finally:
            if before is not None and not before.done():
                before.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await before

    async def code_in_photo(self, image: bytes) -> tuple[str, int] | PhotoNotUsable | CodeNotUsable:
        """The check-in code in a photo and how many codes it held, or why there is none."""
        try:
            texts = await self._decode(image)
        except AmbiguousPhoto:
            return PhotoNotUsable(ImageProblem.AMBIGUOUS)
        except ImageUnreadable:
            return PhotoNotUsable(ImageProblem.UNREADABLE)
        log.info("photo decoded", extra={"qr_codes": len(texts)})
        if not texts:
            return PhotoNotUsable(ImageProblem.NO_QR_CODE)
        code = pick_checkin_code(texts)
        if isinstance(code, CodeRejection):
            return CodeNotUsable(code)
        return code, len(texts)

    async def check_in_found_code(
        self, telegram_user_id: int, code: str, codes_in_photo: int = 1
    ) -> CheckinOutcome:
        """Check in a decoded code, or keep it until the user links a card."""
        link = await self._links.get(telegram_user_id)
        if link is None:
            await self._pending.remember(telegram_user_id, code)
            return AwaitingLink(by_login=self._links_by_login)
        return await self.check_in_code(
            telegram_user_id, link.uitpas_number, code, codes_in_photo=codes_in_photo
        )

    async def check_in_code(
        self,
        telegram_user_id: int,
        uitpas_number: str,
        code: str,
        *,
        codes_in_photo: int = 1,
        points_before: int | None = None,
        points_known: bool = False,
    ) -> CheckinOutcome:
        """Check in once. Never retried: a retry after a timeout could save a point twice.

        An earlier check-in with unknown outcome is settled first, with the same points. The
        same code from the same user within the repeat window, while the first check-in runs
        or after it saved a point, is answered without calling UiTPAS again (see
        :class:`storage.models.RecentCheckinCode`).
        """
        digest = hashlib.sha256(code.encode()).hexdigest()
        looked_for_unknown: bool | None = None  # whether an unknown outcome waits, if looked
        if self._recent_codes is not None:
            if not points_known:  # kept with the claim: whoever takes it over settles with it
                points_before = await self._points_before(uitpas_number)
                points_known = True
            repeated, unknown_waiting = await self._recent_codes.claim_and_look(
                telegram_user_id, digest, unknown_code=OUTCOME_UNKNOWN, points_before=points_before
            )
            if repeated is None:  # claimed afresh: whether to settle is known already
                looked_for_unknown = unknown_waiting
            if isinstance(repeated, TakenOver):
                settled = await self._settle_taken_over(
                    telegram_user_id, uitpas_number, code, digest, repeated
                )
                if settled is not None:
                    return settled
                points_before, points_known = repeated.points_before, True
            elif repeated is not None:
                log.info("check-in code repeated; UiTPAS not asked again")
                return CheckinRepeated(
                    repeated.result_code, repeated.points_saved, repeated.total_points
                )
        try:
            outcome = await self._check_in_claimed(
                telegram_user_id,
                uitpas_number,
                code,
                codes_in_photo=codes_in_photo,
                points_before=points_before,
                points_known=points_known,
                digest=digest,
                unknown_waiting=looked_for_unknown,
            )
        except BaseException:
            await self._release(telegram_user_id, digest)
            raise
        if not (isinstance(outcome, CheckinAnswered) and outcome.answer.succeeded):
            # A saved point marked the code answered with its history row. No point saved: a
            # refusal may be fixed (a new login, a card unblocked) or the answer may not have
            # come, so the next photo of this code asks UiTPAS again.
            await self._release(telegram_user_id, digest)
        return outcome

    async def _settle_taken_over(
        self,
        telegram_user_id: int,
        uitpas_number: str,
        code: str,
        digest: str,
        taken: TakenOver,
    ) -> CheckinOutcome | None:
        """The instance that started this check-in died; it may have called UiTPAS already.

        Settled like an unknown outcome: the points now against the points before its claim.
        More points: its check-in was saved, and the passholder is told so (never a second
        check-in). The same points: it never reached UiTPAS (its request timed out long
        before its lease lapsed), so None: check in now. Not comparable: recorded as unknown,
        for /recheck and the next check-in to settle, and said so; never a blind second try.
        """
        assert self._recent_codes is not None
        log.info("took over a check-in whose instance died; settling it first")
        await self._outlast_the_dead_call(taken)
        if self._by_history:
            return await self._settle_taken_over_by_history(
                telegram_user_id, uitpas_number, code, digest, taken
            )
        now = await self._points_or_none(uitpas_number)
        before = taken.points_before
        if before is not None and now is not None and now == before:
            return None
        if before is not None and now is not None and now > before:
            saved = CheckinRecord(
                telegram_user_id=telegram_user_id,
                result_code=RECONCILED_CODES[Settled.SAVED],
                points_before=before,
                points_saved=now - before,
                total_points=now,
            )
            return await self._taken_over_saved(saved, code, digest, taken)
        unknown = CheckinRecord(
            telegram_user_id=telegram_user_id, result_code=OUTCOME_UNKNOWN, points_before=before
        )
        return await self._taken_over_unknown(unknown, digest, can_recheck=before is not None)

    async def _taken_over_saved(
        self, saved: CheckinRecord, code: str, digest: str, taken: TakenOver
    ) -> CheckinRepeated:
        """The dead instance's check-in was saved: told so, never a second check-in, and its
        history row written only if the dead instance did not write it before it died."""
        assert self._recent_codes is not None
        user = saved.telegram_user_id
        if not await self._dead_attempt_recorded(user, taken):
            await self._checkins.add(saved)
        await self._recent_codes.answered(
            user,
            digest,
            TAKEN_OVER_SAVED,
            points_saved=saved.points_saved,
            total_points=saved.total_points,
        )
        await self._count_for_announcements(user, code)
        return CheckinRepeated(TAKEN_OVER_SAVED, saved.points_saved, saved.total_points)

    async def _taken_over_unknown(
        self, unknown: CheckinRecord, digest: str, *, can_recheck: bool
    ) -> UitpasSilent:
        """Not known whether the dead instance's check-in landed: recorded for /recheck and the
        next check-in to settle, and the code let go; never a blind second try."""
        await self._checkins.add(unknown)
        await self._release(unknown.telegram_user_id, digest)
        return UitpasSilent(maybe_saved=True, can_recheck=can_recheck, earlier=None)

    async def _dead_attempt_recorded(self, telegram_user_id: int, taken: TakenOver) -> bool:
        """Whether the dead instance wrote UiTPAS's answer to history before it died (between
        that and marking the code answered): then that row is the check-in, and a second one
        would count the point twice."""
        if taken.claimed_at is None:
            return False
        newest = await self._checkins.recent(telegram_user_id, limit=1)
        return bool(newest) and (
            newest[0].created_at >= taken.claimed_at and newest[0].points_saved is not None
        )

    async def _outlast_the_dead_call(self, taken: TakenOver) -> None:
        """Wait until the dead instance's request can no longer be at UiTPAS (its timeout
        after its claim), so unchanged points mean it never arrived; meanwhile this instance's
        heartbeat keeps the update and the code its own. Only when UITPAS_TIMEOUT_SECONDS is
        longer than the time its lease took to lapse."""
        if taken.claimed_at is None:
            return
        left = taken.claimed_at + self._call_deadline - datetime.now(UTC)
        if left > timedelta(0):
            await asyncio.sleep(min(left, self._call_deadline).total_seconds())

    async def _settle_taken_over_by_history(
        self,
        telegram_user_id: int,
        uitpas_number: str,
        code: str,
        digest: str,
        taken: TakenOver,
    ) -> CheckinOutcome | None:
        """v4: did a check-in land in the history since the dead instance claimed the code?
        Yes: told as saved, total read after. No: None, check in now. History silent: unknown,
        recorded from the dead instance's claim on, for /recheck to settle."""
        assert self._recent_codes is not None
        claimed_at = taken.claimed_at or datetime.now(UTC)
        history = await self._transactions(telegram_user_id)
        if history is not None:
            landed = history.saved_since(claimed_at)
            if landed is None:
                return None
            total = await self._points_or_none(uitpas_number)
            event = landed.event
            saved = CheckinRecord(
                telegram_user_id=telegram_user_id,
                result_code=RECONCILED_CODES[Settled.SAVED],
                event_title=event.title if event else None,
                organiser_name=event.organiser.name if event and event.organiser else None,
                points_saved=landed.points,
                total_points=total,
            )
            return await self._taken_over_saved(saved, code, digest, taken)
        unknown = CheckinRecord(
            telegram_user_id=telegram_user_id, created_at=claimed_at, result_code=OUTCOME_UNKNOWN
        )
        return await self._taken_over_unknown(unknown, digest, can_recheck=True)

    async def _count_for_announcements(
        self, telegram_user_id: int, code: str, opened: list[Announcement] | None = None
    ) -> None:
        """A point was saved: count it for the announcements, never failing the reply.
        ``opened``: the announcements the user opened, when the answer's statement read them."""
        if self._counter is None:
            return
        try:
            await self._counter.checked_in(telegram_user_id, code, opened)
        except Exception:  # the point is saved; a statistic must not spoil the reply
            log.exception("counting a check-in for announcements failed")

    async def _release(self, telegram_user_id: int, digest: str) -> None:
        """Let a new photo of the code try again; if even that fails, the claim lapses."""
        if self._recent_codes is None:
            return
        try:
            await self._recent_codes.release(telegram_user_id, digest)
        except Exception:
            log.warning("could not release a check-in code claim; it lapses by itself")

    async def _check_in_claimed(
        self,
        telegram_user_id: int,
        uitpas_number: str,
        code: str,
        *,
        codes_in_photo: int,
        points_before: int | None,
        points_known: bool,
        digest: str,
        unknown_waiting: bool | None,
    ) -> CheckinOutcome:
        """``unknown_waiting``: whether an unknown outcome waits to be settled, when the code
        claim looked already (False: nothing to settle, no round trip for it)."""
        if not points_known:
            points_before = await self._points_before(uitpas_number)
        earlier = None
        if unknown_waiting is not False:
            earlier = await self._settle(telegram_user_id, points_before)
        sent_at = datetime.now(UTC)
        try:
            answer = await self._uitpas.checkin(
                uitpas_number, code, telegram_user_id=telegram_user_id
            )
        except UitpasUnavailable as error:
            log.warning("check-in without answer: %s", error.reason.value)
            self._on_answer(OUTCOME_UNKNOWN if error.sent else NOT_SENT)
            if error.sent:
                await self._checkins.add(
                    CheckinRecord(
                        telegram_user_id=telegram_user_id,
                        created_at=sent_at,  # what the history is searched from (v4)
                        result_code=OUTCOME_UNKNOWN,
                        points_before=points_before,
                    )
                )
            return UitpasSilent(
                maybe_saved=error.sent,
                can_recheck=error.sent and (points_before is not None or self._by_history),
                earlier=earlier,
            )
        if answer.refuses_the_bot:
            log.error(
                "UiTPAS refused the bot itself (code %s, HTTP %s, missing permission %s): check "
                "UITPAS_CONSUMER_KEY, UITPAS_CONSUMER_SECRET and the consumer's permissions "
                "(legacy), or UITPAS_CLIENT_ID, UITPAS_CLIENT_SECRET and the client's permissions "
                "(v4)",
                answer.code,
                answer.http_status,
                answer.required_permission or "-",
            )
        log.info("check-in answered: %s", answer.code, extra={"answer_code": answer.code})
        self._on_answer(answer.code)
        record = _record(telegram_user_id, answer)
        opened = None
        if answer.succeeded and self._recent_codes is not None:
            # With the answer kept for repeats, and the announcements the check-in counts
            # for read, in one statement where the database can.
            opened = await self._recent_codes.answered_with_record(
                record,
                digest,
                points_saved=answer.saved_points,
                total_points=answer.points,
                opened_between=self._counter.opened_between() if self._counter else None,
            )
        else:
            await self._checkins.add(record)
        if answer.succeeded:
            await self._count_for_announcements(telegram_user_id, code, opened)
            if answer.promotions:
                refined = await self._refine_spotlight(uitpas_number, answer.promotions)
                answer = dataclasses.replace(answer, promotions=refined)
        login_url = None
        if answer.code == AnswerCode.LOGIN_REQUIRED and self._login is not None:
            login_url = await self._login_again(telegram_user_id, code)
        window = None
        if answer.code == AnswerCode.CHECKIN_CODE_EXPIRED:
            window = await self._window_of(code)
        return CheckinAnswered(
            answer,
            mask_uitpas_number(uitpas_number),
            codes_in_photo,
            earlier=earlier,
            login_url=login_url,
            window=window,
        )

    async def _login_again(self, telegram_user_id: int, code: str) -> str:
        """The login expired: a new login link, and the code kept so that the login that
        follows checks it in without a new photo (as before a first login)."""
        assert self._login is not None
        link = await self._links.get(telegram_user_id)
        await self._pending.remember(telegram_user_id, code)
        return await self._login.start(telegram_user_id, link.language if link else "nl")

    async def recheck(self, telegram_user_id: int) -> Reconciliation | None:
        """Settle the user's check-ins with unknown outcome now; None when none is waiting."""
        link = await self._links.get(telegram_user_id)
        if link is None:
            return None
        if not await self._checkins.unresolved(telegram_user_id, OUTCOME_UNKNOWN):
            return None
        if self._by_history:  # no check-in follows: the total may be read after settling
            return await self._settle(telegram_user_id, None, total_of=link.uitpas_number)
        return await self._settle(telegram_user_id, await self._points_or_none(link.uitpas_number))

    async def _settle(
        self, telegram_user_id: int, points_now: int | None, *, total_of: str | None = None
    ) -> Reconciliation | None:
        """Settle each unknown check-in: by the points now against the points before it
        (legacy), or by the passholder's history (v4; ``total_of``: the card whose total to
        read once a check-in is found saved, never before a check-in).

        Only the newest history row can be judged: after it nothing else changed the points
        through this bot. Older unknown rows, and rows without a before-value, are settled as
        unclear rather than guessed.
        """
        unresolved = await self._checkins.unresolved(telegram_user_id, OUTCOME_UNKNOWN)
        if not unresolved:
            return None
        latest = await self._checkins.recent(telegram_user_id, limit=2)
        newest = latest[0].id if latest else None
        result: Reconciliation | None = None
        for record in unresolved:
            is_newest = record.id == newest
            if not self._by_history:
                result = self._judge(record, points_now, is_newest=is_newest)
            elif not is_newest:
                result = Reconciliation(Settled.UNCLEAR, by_history=True)
            else:
                previous = latest[1].created_at if len(latest) > 1 else None
                result = await self._judge_by_history(record, previous, total_of)
            if result.settled != Settled.STILL_UNKNOWN:
                assert record.id is not None
                event = result.event
                await self._checkins.resolve(
                    record.id,
                    RECONCILED_CODES[result.settled],
                    points_saved=result.points_saved,
                    total_points=result.total_points,
                    event_title=event.title if event else None,
                    organiser_name=event.organiser.name if event and event.organiser else None,
                )
                log.info("unknown check-in settled", extra={"settled": result.settled.value})
        return result

    async def _judge_by_history(
        self, record: CheckinRecord, previous_at: datetime | None, total_of: str | None
    ) -> Reconciliation:
        """Did a check-in land after this one was sent (and after the row before it, whose own
        check-in is not this one's)? Yes: saved, with its points and event. No, and long
        enough ago that UiTPAS is not still at it: not saved. History silent: still unknown."""
        sent_at = _aware(record.created_at)
        since = sent_at
        if previous_at is not None:
            since = max(since, _aware(previous_at) + TRANSACTION_CLOCK_TOLERANCE)
        history = await self._transactions(record.telegram_user_id)
        if history is None:
            return Reconciliation(Settled.STILL_UNKNOWN, by_history=True)
        landed = history.saved_since(since)
        if landed is not None:
            total = await self._points_or_none(total_of) if total_of is not None else None
            return Reconciliation(
                Settled.SAVED, landed.points, total, event=landed.event, by_history=True
            )
        if datetime.now(UTC) - sent_at < self._settle_after:
            return Reconciliation(Settled.STILL_UNKNOWN, by_history=True)
        return Reconciliation(Settled.NOT_SAVED, 0, by_history=True)

    async def _transactions(self, telegram_user_id: int) -> TransactionsAnswer | None:
        """The passholder's history, newest first; None when UiTPAS did not give it."""
        assert self._history is not None
        try:
            answer = await self._history.transactions(telegram_user_id=telegram_user_id)
        except UitpasUnavailable:
            return None
        return answer if answer.succeeded else None

    def _judge(
        self, record: CheckinRecord, points_now: int | None, *, is_newest: bool
    ) -> Reconciliation:
        before = record.points_before
        if not is_newest or before is None:
            return Reconciliation(Settled.UNCLEAR)
        if points_now is None:
            return Reconciliation(Settled.STILL_UNKNOWN)
        if points_now > before:
            return Reconciliation(Settled.SAVED, points_now - before, points_now)
        if points_now < before:
            return Reconciliation(Settled.UNCLEAR, total_points=points_now)
        sent_at = (
            record.created_at if record.created_at.tzinfo else record.created_at.replace(tzinfo=UTC)
        )
        if datetime.now(UTC) - sent_at < self._settle_after:
            return Reconciliation(Settled.STILL_UNKNOWN, total_points=points_now)
        return Reconciliation(Settled.NOT_SAVED, 0, points_now)

    @property
    def _by_history(self) -> bool:
        return self._history is not None

    async def _points_before(self, uitpas_number: str) -> int | None:
        """The points before a check-in, to settle it by if no answer comes (legacy only:
        under v4 the history settles it, and nothing is read before a check-in)."""
        if self._by_history:
            return None
        return await self._points_or_none(uitpas_number)

    async def _points_or_none(self, uitpas_number: str) -> int | None:
        try:
            answer = await self._uitpas.points(uitpas_number)
        except UitpasUnavailable:
            return None
        return answer.points if answer.succeeded else None


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every moment stored is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _record(telegram_user_id: int, answer: CheckinAnswer) -> CheckinRecord:
    event = answer.event
    return CheckinRecord(
        telegram_user_id=telegram_user_id,
        result_code=answer.code[:64],
        event_id=event.id if event else None,
        event_title=event.title if event else None,
        organiser_name=event.organiser.name if event and event.organiser else None,
        points_saved=answer.saved_points if answer.succeeded else None,
        total_points=answer.points,
    )
