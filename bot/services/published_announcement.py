"""An announcement as the Telegram layer sees it: what its card, reminder and stats show.

The announcement service hands these out instead of the stored rows, so that handlers and views
never hold a database object (nor could change one by accident), and never the event's
check-in code: only whether there is one, which decides what the card tells members to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.announcements import AnnouncementCounts
from storage.models import Announcement


@dataclass(frozen=True, slots=True)
class PublishedAnnouncement:
    id: int
    token: str  # what the card's buttons and deep link carry
    chat_id: int
    card_message_id: int | None  # None while the card is being posted
    language: str  # the announcing admin's: every text in the group is in it
    title: str
    place: str
    starts_at: datetime
    time_zone: str
    has_checkin_code: bool
    cancelled_at: datetime | None


@dataclass(frozen=True, slots=True)
class MemberCounts:
    """How many members are coming, opened the private chat, checked in; never who."""

    coming: int = 0
    opened: int = 0
    checked_in: int = 0


def published(row: Announcement) -> PublishedAnnouncement:
    """The stored announcement, which has an id once it is stored."""
    assert row.id is not None
    return PublishedAnnouncement(
        id=row.id,
        token=row.token,
        chat_id=row.chat_id,
        card_message_id=row.card_message_id,
        language=row.language,
        title=row.title,
        place=row.place,
        starts_at=row.starts_at,
        time_zone=row.time_zone,
        has_checkin_code=bool(row.checkin_code),
        cancelled_at=row.cancelled_at,
    )


def member_counts(counts: AnnouncementCounts) -> MemberCounts:
    return MemberCounts(counts.coming, counts.opened, counts.checked_in)
