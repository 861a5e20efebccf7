"""Group announcements: drafting (one line or step by step), RSVPs, the deep link, stats.

Free of Telegram types: handlers pass in ids and text, and get plain outcomes back. The
announcement's check-in code never leaves this service except to UiTPAS, for a member's
check-in in their private chat.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.services.checkin import CheckinService
from bot.services.family_checkin import ChooserShown
from bot.services.outcomes import CheckinOutcome, CheckinWindow
from bot.services.published_announcement import (
    MemberCounts,
    PublishedAnnouncement,
    member_counts,
    published,
)
from bot.services.when import WhenNotUnderstood, parse_when
from storage.announcements import (
    AnnouncementDraftRepository,
    AnnouncementMemberRepository,
    AnnouncementRepository,
)
from storage.models import Announcement, AnnouncementDraft
from storage.repositories import LinkRepository, PendingCheckinRepository

# (user, card number, code) → the check-in, or the family's chooser for the code
CodeCheckin = Callable[[int, str, str], Awaitable[CheckinOutcome | ChooserShown]]
log = logging.getLogger(__name__)

CHECKIN_WINDOW = timedelta(hours=5)  # UiTPAS accepts a code from 5 h before to 5 h after
MAX_TITLE = 120
MAX_PLACE = 200
DEEP_LINK_PREFIX = "a_"
_TOKEN_BYTES = 16  # 22 URL-safe characters: fits deep links (64) and callback data (64)


class Step(StrEnum):
    TITLE = "title"
    WHEN = "when"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class Ask:
    """The next thing to ask the admin; ``problem`` says why the last answer did not do."""

    step: Step
    problem: WhenNotUnderstood | None = None
    too_long: int | None = None  # the limit an answer exceeded
    title: str | None = None  # the event's title when known, for the question's wording


@dataclass(frozen=True, slots=True)
class Ready:
    """Everything is known: the handler re-checks the admin and publishes."""

    draft: AnnouncementDraft  # the service's own; the handler hands the whole step to ``publish``

    @property
    def poster_message_id(self) -> int | None:
        """The poster the check-in code was read from, which the bot removes once published."""
        return self.draft.poster_message_id


class OpenStatus(StrEnum):
    CANCELLED = "cancelled"
    OVER = "over"
    SEND_PHOTO = "send_photo"  # no code known: the member photographs the poster there
    NOT_OPEN_YET = "not_open_yet"
    LINK_FIRST = "link_first"  # code known, window open, not linked: code kept for after linking
    CHECKED = "checked"


@dataclass(frozen=True, slots=True)
class Opened:
    announcement: PublishedAnnouncement
    status: OpenStatus
    linked: bool
    opens_at: datetime | None = None
    # the check-in, or (with a family) the "who's with you?" chooser for the code
    checkin: CheckinOutcome | ChooserShown | None = None


class Card(StrEnum):
    NOT_A_CARD = "not_a_card"
    CANCELLED = "cancelled"
    STARTED = "started"  # "I'm coming" means nothing any more


@dataclass(frozen=True, slots=True)
class Rsvp:
    announcement: PublishedAnnouncement
    coming: bool
    counts: MemberCounts


def split_one_line(text: str) -> list[str]:
    """``Title | when | place`` → its parts, trimmed; a missing part is an empty string."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) > 3:  # a "|" inside the place: keep it there
        return [*parts[:2], " | ".join(parts[2:])]
    return [*parts, "", "", ""][:3]


class ReminderNotUnderstood(ValueError):
    """Not a reminder length the bot understands (or more than two weeks)."""


def parse_reminder(typed: str) -> timedelta | None:
    """``30m``, ``2u``, ``1 uur``, ``1h30``, ``1d``, ``1j``; ``off``/``uit`` → None; else it
    raises."""
    text = typed.strip().lower().replace(" ", "")
    if text in ("off", "uit", "geen", "none", "0"):
        return None
    match = re.fullmatch(
        r"(?:(\d{1,3})(?:d|dag|dagen|day|days|j|jour|jours))?"
        r"(?:(\d{1,3})(?:u|h|uur|hour|hours|hr|heure|heures))?"
        r"(?:(\d{1,4})(?:m|min|mins|minuten|minutes|minuut|minute)?)?",
        text,
    )
    if not text or match is None or not any(match.groups()):
        raise ReminderNotUnderstood(typed)
    days, hours, minutes = (int(value or 0) for value in match.groups())
    before = timedelta(days=days, hours=hours, minutes=minutes)
    if before <= timedelta(0) or before > timedelta(days=14):
        raise ReminderNotUnderstood(typed)
    return before


class AnnouncementService:
    def __init__(
        self,
        announcements: AnnouncementRepository,
        members: AnnouncementMemberRepository,
        drafts: AnnouncementDraftRepository,
        links: LinkRepository,
        pending: PendingCheckinRepository,
        checkin: CheckinService,
        *,
        clock: Clock,
        time_zone: str,
        remind_before: timedelta,
    ) -> None:
        self._announcements = announcements
        self._members = members
        self._drafts = drafts
        self._links = links
        self._pending = pending
        self._checkin = checkin
        self._check_in_code: CodeCheckin = checkin.check_in_code
        self._clock = clock
        self.zone = ZoneInfo(time_zone)
        self._remind_before = remind_before

    # --- drafting --------------------------------------------------------------------------

    async def begin(
        self,
        chat_id: int,
        actor_id: int,
        language: str,
        typed: str,
        *,
        checkin_code: str | None = None,
        poster_message_id: int | None = None,
    ) -> Ask | Ready:
        """Start an announcement from what followed /announce (possibly nothing)."""
        title, when, place = split_one_line(typed)
        draft = AnnouncementDraft(
            chat_id=chat_id,
            actor_id=actor_id,
            step=Step.TITLE,
            language=language,
            checkin_code=checkin_code,
            poster_message_id=poster_message_id,
        )
        problem: Ask | None = None
        for step, value in ((Step.TITLE, title), (Step.WHEN, when), (Step.PLACE, place)):
            if value:
                found = self._fill(draft, step, value)  # fill every part, report the first issue
                problem = problem or found
        return await self._next(draft, problem)

    async def answer(
        self, chat_id: int, actor_id: int, reply_to_message_id: int, text: str
    ) -> Ask | Ready | None:
        """An admin's reply to the bot's question; None when it answers no open draft of theirs."""
        draft = await self._drafts.get(chat_id, actor_id)
        if draft is None or draft.prompt_message_id != reply_to_message_id:
            return None
        problem = self._fill(draft, Step(draft.step), text.strip())
        return await self._next(draft, problem)

    async def remember_prompt(self, chat_id: int, actor_id: int, message_id: int) -> None:
        draft = await self._drafts.get(chat_id, actor_id)
        if draft is not None:
            draft.prompt_message_id = message_id
            await self._drafts.save(draft)

    async def draft_prompt(self, chat_id: int, actor_id: int) -> int | None:
        """The message id of the open question of this admin's draft, if any."""
        draft = await self._drafts.get(chat_id, actor_id)
        return draft.prompt_message_id if draft is not None else None

    async def drop_draft(self, chat_id: int, actor_id: int) -> bool:
        return await self._drafts.delete(chat_id, actor_id)

    def _fill(self, draft: AnnouncementDraft, step: Step, value: str) -> Ask | None:
        if step is Step.TITLE:
            if len(value) > MAX_TITLE:
                return Ask(Step.TITLE, too_long=MAX_TITLE)
            draft.title = value or None
        elif step is Step.PLACE:
            if len(value) > MAX_PLACE:
                return Ask(Step.PLACE, too_long=MAX_PLACE)
            draft.place = value or None
        else:
            try:
                draft.starts_at = parse_when(value, self._clock(), self.zone)
            except WhenNotUnderstood as error:
                draft.starts_at = None
                return Ask(Step.WHEN, problem=error)
        return None

    async def _next(self, draft: AnnouncementDraft, problem: Ask | None) -> Ask | Ready:
        missing = next(
            (
                step
                for step, value in (
                    (Step.TITLE, draft.title),
                    (Step.WHEN, draft.starts_at),
                    (Step.PLACE, draft.place),
                )
                if value is None
            ),
            None,
        )
        if problem is None and missing is None:
            await self._drafts.delete(draft.chat_id, draft.actor_id)
            return Ready(draft)
        ask = replace(problem or Ask(missing), title=draft.title)  # type: ignore[arg-type]
        draft.step = ask.step
        draft.prompt_message_id = None
        await self._drafts.save(draft)
        return ask

    async def publish(self, ready: Ready) -> PublishedAnnouncement:
        """Store the announcement; the handler posts the card and calls ``card_posted``."""
        draft = ready.draft
        assert draft.title is not None
        assert draft.place is not None
        assert draft.starts_at is not None
        now = self._clock()
        remind_at: datetime | None = draft.starts_at - self._remind_before
        if remind_at is not None and remind_at <= now:
            remind_at = None  # announced less than the reminder ahead: the card is the reminder
        row = await self._announcements.add(
            Announcement(
                token=secrets.token_urlsafe(_TOKEN_BYTES),
                chat_id=draft.chat_id,
                language=draft.language,
                title=draft.title,
                place=draft.place,
                starts_at=draft.starts_at,
                time_zone=self.zone.key,
                checkin_code=draft.checkin_code,
                remind_at=remind_at,
                created_at=now,
            )
        )
        return published(row)

    async def card_posted(self, announcement_id: int, message_id: int) -> None:
        await self._announcements.set_card_message(announcement_id, message_id)

    # --- on the card -----------------------------------------------------------------------

    async def card(self, chat_id: int, message_id: int) -> PublishedAnnouncement | None:
        row = await self._announcements.by_card(chat_id, message_id)
        return published(row) if row is not None else None

    async def counts(self, announcement: PublishedAnnouncement) -> MemberCounts:
        return member_counts(await self._members.counts(announcement.id))

    async def toggle_coming(self, token: str, user_id: int) -> Rsvp | Card:
        announcement = await self._announcements.by_token(token)
        if announcement is None or announcement.id is None:
            return Card.NOT_A_CARD
        if announcement.cancelled_at is not None:
            return Card.CANCELLED
        if self._clock() >= announcement.starts_at:
            return Card.STARTED
        coming = await self._members.toggle_coming(announcement.id, user_id)
        counts = member_counts(await self._members.counts(announcement.id))
        return Rsvp(published(announcement), coming, counts)

    async def cancel(self, announcement: PublishedAnnouncement) -> PublishedAnnouncement | None:
        """The announcement as cancelled now, for its card; None when it already was."""
        now = self._clock()
        if not await self._announcements.cancel(announcement.id, now):
            return None
        return replace(announcement, cancelled_at=now)

    async def set_reminder(
        self, announcement: PublishedAnnouncement, before: timedelta | None
    ) -> datetime | None:
        """Move the reminder; returns when it will go out (None: no reminder).

        Raises ``LookupError`` when the reminder was already sent, ``ValueError`` when the new
        moment has passed already.
        """
        remind_at = None if before is None else announcement.starts_at - before
        if remind_at is not None and remind_at <= self._clock():
            raise ValueError("reminder moment has passed")
        if not await self._announcements.reschedule_reminder(announcement.id, remind_at):
            raise LookupError("reminder already sent")
        return remind_at

    # --- in the member's private chat -------------------------------------------------------

    async def open(self, token: str, user_id: int) -> Opened | None:
        """A member arrived through the card's deep link (or pressed "check in now")."""
        announcement = await self._announcements.by_token(token)
        if announcement is None or announcement.id is None:
            return None
        shown = published(announcement)
        now = self._clock()
        link = await self._links.get(user_id)
        linked = link is not None
        if announcement.cancelled_at is not None:
            return Opened(shown, OpenStatus.CANCELLED, linked)
        if now > announcement.starts_at + CHECKIN_WINDOW:
            return Opened(shown, OpenStatus.OVER, linked)
        await self._members.mark_opened(announcement.id, user_id, now)
        code = announcement.checkin_code
        if code is None:
            return Opened(shown, OpenStatus.SEND_PHOTO, linked)
        opens_at = announcement.starts_at - CHECKIN_WINDOW
        if now < opens_at:
            return Opened(shown, OpenStatus.NOT_OPEN_YET, linked, opens_at=opens_at)
        if link is None:
            await self._pending.remember(user_id, code)
            return Opened(shown, OpenStatus.LINK_FIRST, linked)
        outcome = await self._check_in_code(user_id, link.uitpas_number, code)
        return Opened(shown, OpenStatus.CHECKED, linked, checkin=outcome)

    def check_in_codes_with(self, check_in: CodeCheckin) -> None:
        """How the code of a deep link is checked in: with a family, through the family's
        chooser (``FamilyCheckinService.code``), which is built after this service."""
        self._check_in_code = check_in

    async def checkin_window(self, code: str) -> CheckinWindow | None:
        """When check-in opens and closes for an announced event with this code, for a code
        UiTPAS refused as expired; None when no announcement has it, or when by its date
        check-in should be open (the admin's date and UiTPAS disagree: say nothing of it)."""
        announcement = await self._announcements.by_checkin_code(code)
        if announcement is None:
            return None
        now = self._clock()
        opens_at = announcement.starts_at - CHECKIN_WINDOW
        closes_at = announcement.starts_at + CHECKIN_WINDOW
        if opens_at <= now <= closes_at:
            return None
        return CheckinWindow(
            announcement.title, opens_at, closes_at, announcement.time_zone, now < opens_at
        )

    def opened_between(self) -> tuple[datetime, datetime]:
        """Which events' announcements a check-in now is counted for (see :meth:`checked_in`)."""
        now = self._clock()
        return now - CHECKIN_WINDOW, now + CHECKIN_WINDOW

    async def checked_in(
        self, user_id: int, code: str, opened: list[Announcement] | None = None
    ) -> None:
        """A check-in succeeded: count it for the announcements this member came from.
        ``opened``: those the member opened (:meth:`opened_between`), when read already."""
        now = self._clock()
        if opened is None:
            opened = await self._members.opened_around(user_id, now, CHECKIN_WINDOW)
        for announcement in opened:
            if announcement.checkin_code not in (None, code) or announcement.id is None:
                continue
            await self._members.mark_checked_in(announcement.id, user_id, now)

    async def forget_user(self, telegram_user_id: int) -> None:
        """For a later /forget: RSVPs, check-in marks and drafts of this person."""
        await self._members.delete_for_user(telegram_user_id)
        await self._drafts.delete_for_user(telegram_user_id)
