"""The kinds of notice, as pure functions of one look at a passholder (issue 19).

Nothing here talks to UiTPAS, the database or Telegram: :func:`findings` takes a
:class:`Snapshot` (what UiTPAS said about the passholder just now), what was told before and
the moment, and returns what to tell now, what to remember silently and what to forget. So
each rule is tested by building a snapshot, and the scheduler only moves data around it.

What counts as the same notice (the *subject*, remembered in ``notify_told``):

- within reach: the reward's id; forgotten when it is out of reach again (points spent, or
  the reward gone), so it may be told again after that. The first look only remembers what is
  already within reach: "now affordable that was not at the previous look" needs a previous
  look.
- last chance: the reward's id and its end day (a reward extended later is a new last chance).
- kansentarief: its state and end day (``ending``, ``grace``, ``expired``): each step once.
- coupons: the coupon's name and end day.
- welcome: the reward's id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta

WITHIN_REACH = "reach"
LAST_CHANCE = "last_chance"
KANSENTARIEF = "tariff"
COUPONS = "coupons"
WELCOME = "welcome"

# In the order the toggles and a digest show them.
ALL_KINDS = (WITHIN_REACH, LAST_CHANCE, KANSENTARIEF, COUPONS, WELCOME)
# What the legacy API can tell: points against the promotions list.
LEGACY_KINDS = (WITHIN_REACH, LAST_CHANCE)
# Kinds that need the card system's rewards list (and the points).
REWARD_KINDS = frozenset({WITHIN_REACH, LAST_CHANCE})

# Remembered with the first look at within reach (whenever the kind was turned on): from the
# next look on, what becomes affordable is news; what was affordable already is not.
REACH_BASELINE = "~baseline"
LAST_CHANCE_WITHIN = timedelta(days=7)
TARIFF_ENDING_WITHIN = timedelta(days=30)
COUPON_ENDING_WITHIN = timedelta(days=7)
# Reasons a reward cannot be had by anyone right now (see promotion_catalogue.GLOBAL_REFUSALS).
_UNAVAILABLE = frozenset({"NOT_POSSIBLE_DATE_CONSTRAINT", "NOT_POSSIBLE_VOLUME_CONSTRAINT"})


@dataclass(frozen=True, slots=True)
class Reward:
    id: str
    title: str
    points: int
    ends_at: datetime | None = None
    last_chance: bool = False  # v4's lastChance
    spotlight: bool = False
    available: bool = True  # not sold out, inside its redeem period


@dataclass(frozen=True, slots=True)
class Tariff:
    """The kansentarief: ACTIVE, EXPIRED or NONE, its end, and UiTPAS's words about it."""

    status: str
    ends_at: datetime | None = None
    message_nl: str | None = None
    message_en: str | None = None
    message_fr: str | None = None


@dataclass(frozen=True, slots=True)
class CouponState:
    name: str
    ends_at: datetime | None
    active: bool = True


@dataclass(frozen=True, slots=True)
class MemberState:
    """A family member's kansentarief and coupons (v4), told to the passholder who manages
    the family: ``handle`` names them in subjects (a digest, never their number)."""

    handle: str
    first_name: str
    tariff: Tariff | None = None
    coupons: tuple[CouponState, ...] | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One look at one passholder: ``None`` where the kind was not asked for (off, or not
    known under legacy), so nothing is concluded from an answer that was never asked."""

    points: int | None = None
    rewards: tuple[Reward, ...] | None = None
    tariff: Tariff | None = None
    coupons: tuple[CouponState, ...] | None = None
    welcome: tuple[Reward, ...] | None = None
    wishes: frozenset[str] = field(default_factory=frozenset)
    members: tuple[MemberState, ...] = ()


@dataclass(frozen=True, slots=True)
class Notice:
    """One thing to tell: its kind, subject, and what the digest shows of it."""

    kind: str
    subject: str
    title: str = ""
    points: int | None = None
    ends_at: str | None = None  # ISO
    state: str | None = None  # kansentarief: ending, grace, expired
    wish: bool = False
    member: str | None = None  # a family member's first name: about their card, not yours
    message_nl: str | None = None
    message_en: str | None = None
    message_fr: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, payload: str) -> Notice:
        return cls(**json.loads(payload))

    @property
    def ends(self) -> datetime | None:
        return datetime.fromisoformat(self.ends_at) if self.ends_at else None


@dataclass(frozen=True, slots=True)
class Findings:
    notices: tuple[Notice, ...] = ()
    silent: frozenset[tuple[str, str]] = frozenset()  # remembered, not told
    forget: frozenset[tuple[str, str]] = frozenset()  # told before, no longer true


def findings(
    snapshot: Snapshot,
    kinds: Iterable[str],
    told: dict[str, frozenset[str]],
    now: datetime,
    *,
    first_look: bool,
) -> Findings:
    """What to tell now of ``kinds``, given what was ``told`` before."""
    kinds = frozenset(kinds)
    notices: list[Notice] = []
    silent: set[tuple[str, str]] = set()
    forget: set[tuple[str, str]] = set()
    if WITHIN_REACH in kinds and snapshot.points is not None and snapshot.rewards is not None:
        reach_told = told.get(WITHIN_REACH, frozenset())
        reach, gone = within_reach(snapshot, reach_told - {REACH_BASELINE})
        forget |= {(WITHIN_REACH, subject) for subject in gone}
        if first_look or REACH_BASELINE not in reach_told:  # the kind's first look
            silent |= {(WITHIN_REACH, n.subject) for n in reach} | {(WITHIN_REACH, REACH_BASELINE)}
        else:
            notices += reach
    if LAST_CHANCE in kinds and snapshot.points is not None and snapshot.rewards is not None:
        notices += last_chance(snapshot, told.get(LAST_CHANCE, frozenset()), now)
    if KANSENTARIEF in kinds and snapshot.tariff is not None:
        notices += kansentarief(snapshot.tariff, told.get(KANSENTARIEF, frozenset()), now)
    if COUPONS in kinds and snapshot.coupons is not None:
        notices += coupons(snapshot.coupons, told.get(COUPONS, frozenset()), now)
    if WELCOME in kinds and snapshot.welcome is not None:
        notices += welcome(snapshot.welcome, told.get(WELCOME, frozenset()))
    for member in snapshot.members:
        notices += _of_member(member, kinds, told, now)
    return Findings(tuple(notices), frozenset(silent), frozenset(forget))


def _of_member(
    member: MemberState, kinds: frozenset[str], told: dict[str, frozenset[str]], now: datetime
) -> list[Notice]:
    """A member's kansentarief and coupons, remembered under ``<handle>/<subject>``."""
    prefix = f"{member.handle}/"

    def theirs(kind: str) -> frozenset[str]:
        return frozenset(
            s.removeprefix(prefix) for s in told.get(kind, frozenset()) if s.startswith(prefix)
        )

    found: list[Notice] = []
    if KANSENTARIEF in kinds and member.tariff is not None:
        found += kansentarief(member.tariff, theirs(KANSENTARIEF), now)
    if COUPONS in kinds and member.coupons is not None:
        found += coupons(member.coupons, theirs(COUPONS), now)
    return [replace(n, subject=(prefix + n.subject)[:128], member=member.first_name) for n in found]


def _affordable(snapshot: Snapshot) -> list[Reward]:
    assert snapshot.points is not None
    assert snapshot.rewards is not None
    return [r for r in snapshot.rewards if r.available and r.points <= snapshot.points]


def within_reach(snapshot: Snapshot, told: frozenset[str]) -> tuple[list[Notice], set[str]]:
    """Rewards now affordable and not told yet (wishes, then the spotlight, then the dearest
    first: what they saved for), and the told ones out of reach again."""
    affordable = _affordable(snapshot)
    reachable = {r.id for r in affordable}
    fresh = [r for r in affordable if r.id not in told]
    fresh.sort(key=lambda r: (r.id not in snapshot.wishes, not r.spotlight, -r.points, r.id))
    notices = [
        Notice(WITHIN_REACH, r.id, r.title, r.points, wish=r.id in snapshot.wishes) for r in fresh
    ]
    return notices, set(told - reachable)


def last_chance(snapshot: Snapshot, told: frozenset[str], now: datetime) -> list[Notice]:
    """Affordable rewards ending within 7 days (or that UiTPAS calls a last chance)."""
    found = []
    for reward in _affordable(snapshot):
        ending = reward.ends_at is not None and now <= reward.ends_at <= now + LAST_CHANCE_WITHIN
        if not (ending or reward.last_chance):
            continue
        day = reward.ends_at.date().isoformat() if reward.ends_at else "-"
        subject = f"{reward.id}:{day}"
        if subject not in told:
            found.append(
                Notice(
                    LAST_CHANCE,
                    subject,
                    reward.title,
                    reward.points,
                    ends_at=reward.ends_at.isoformat() if reward.ends_at else None,
                    wish=reward.id in snapshot.wishes,
                )
            )
    return found


def kansentarief(tariff: Tariff, told: frozenset[str], now: datetime) -> list[Notice]:
    """Ending within 30 days, in its grace period (ACTIVE with an end in the past), expired."""
    state: str | None = None
    if tariff.status == "EXPIRED":
        state = "expired"
    elif tariff.status == "ACTIVE" and tariff.ends_at is not None:
        if tariff.ends_at < now:
            state = "grace"
        elif tariff.ends_at <= now + TARIFF_ENDING_WITHIN:
            state = "ending"
    if state is None:
        return []
    day = tariff.ends_at.date().isoformat() if tariff.ends_at else "-"
    subject = f"{state}:{day}"
    if subject in told:
        return []
    return [
        Notice(
            KANSENTARIEF,
            subject,
            ends_at=tariff.ends_at.isoformat() if tariff.ends_at else None,
            state=state,
            message_nl=tariff.message_nl,
            message_en=tariff.message_en,
            message_fr=tariff.message_fr,
        )
    ]


def coupons(found: Iterable[CouponState], told: frozenset[str], now: datetime) -> list[Notice]:
    """Active coupons whose validity ends within 7 days."""
    notices = []
    for coupon in found:
        if not coupon.active or coupon.ends_at is None:
            continue
        if not now <= coupon.ends_at <= now + COUPON_ENDING_WITHIN:
            continue
        subject = f"{coupon.name}:{coupon.ends_at.date().isoformat()}"[:128]
        if subject not in told:
            notices.append(
                Notice(COUPONS, subject, coupon.name, ends_at=coupon.ends_at.isoformat())
            )
    return notices


def welcome(rewards: Iterable[Reward], told: frozenset[str]) -> list[Notice]:
    """Welcome rewards they can still get (UiTPAS's isRedeemableByPassholderId says which)."""
    return [
        Notice(WELCOME, r.id, r.title, ends_at=r.ends_at.isoformat() if r.ends_at else None)
        for r in rewards
        if r.available and r.id not in told
    ]
