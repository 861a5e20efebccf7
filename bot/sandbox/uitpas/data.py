"""The sandbox's demo world: passholders, events with check-in codes, and points promotions.

Everything is built relative to one "now", so a demo started on any day has an event that is
happening, one that ended yesterday, one still to come and one that runs for months.

The passholders and the test rewards are publiq's test dataset (``v4-guides/test-dataset.md``):
the same UiTPAS numbers with the same flavours (active, blocked, kansentarief active, expired or
in another region, a family account with a child, group passes, unregistered cards), so someone
who moves from the sandbox to publiq's test environment types the same numbers and sees them
behave the same way. Two card systems exist, each with rewards of its own, so scoping rewards to
the passholder's card system is visible. The richer demo rewards (101-118) are extra.

This module only describes the world; what changes while the sandbox runs (points, check-ins)
lives in :mod:`bot.sandbox.uitpas.state`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

Clock = Callable[[], datetime]

CHECKIN_MARGIN = timedelta(hours=5)  # a code works from 5 h before the start to 5 h after the end


def system_clock() -> datetime:
    """Now, in the machine's time zone: "today" for the once-a-day limit is the local day."""
    return datetime.now().astimezone()


def luhn_check_digit(payload: str) -> str:
    """The digit that makes ``payload + digit`` pass the Luhn (mod 10) check."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        value = int(char)
        if position % 2 == 0:  # doubled: these become the odd positions once the digit is added
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str((10 - total % 10) % 10)


def with_check_digit(payload: str) -> str:
    return payload + luhn_check_digit(payload)


def is_wellformed_number(text: str) -> bool:
    """Thirteen ASCII digits whose last one is the Luhn check digit of the other twelve."""
    return (
        len(text) == 13
        and text.isascii()
        and text.isdigit()
        and luhn_check_digit(text[:12]) == text[12]
    )


@dataclass(frozen=True, slots=True)
class CardSystem:
    id: int
    name: str
    cities: tuple[tuple[str, str], ...]  # (postal code, name)


# publiq's test organizer is "[TEST] UiTPAS Organisatie (Regio Gent + Paspartoe)": the test
# environment's two card systems. The ids are the sandbox's own; the real ones come from
# GET /passes on api-test.uitpas.be.
GENT = CardSystem(
    1, "UiTPAS Regio Gent", (("9000", "Gent"), ("9050", "Gentbrugge"), ("9090", "Melle"))
)
PASPARTOE = CardSystem(2, "Paspartoe", (("1000", "Brussel"), ("1050", "Elsene")))
CARD_SYSTEMS = (GENT, PASPARTOE)
CARD_SYSTEM = GENT.name  # the card system of most demo passholders and rewards


class SocialTariff(StrEnum):
    """Kansentarief: the spec's ``socialTariff.status`` (NONE: never had one)."""

    NONE = "NONE"
    ACTIVE = "ACTIVE"
    EXPIRED = "EXPIRED"


class CardStatus(StrEnum):
    ACTIVE = "ACTIVE"
    BLOCKED = "BLOCKED"
    DELETED = "DELETED"
    LOCAL_STOCK = "LOCAL_STOCK"  # printed but never handed out: "another invalid status"


@dataclass(frozen=True, slots=True)
class Passholder:
    number: str
    name: str
    points: int  # at the start; the state keeps the current total
    status: CardStatus = CardStatus.ACTIVE
    group: bool = False
    card_system: CardSystem = GENT
    postal_code: str = "9000"
    social_tariff: SocialTariff = SocialTariff.NONE
    # Where the kansentarief holds when not in the pass's own card system ("in another region").
    social_tariff_system: CardSystem | None = None
    online: bool = False  # a digital UiTPAS without a chip (the family accounts)
    parent: str | None = None  # a child's parent in a family account
    # The kansentarief's end, in days from the world's "now": past with status ACTIVE is
    # publiq's grace period ("endDate … in the past during a grace period").
    social_tariff_end_days: int = 365

    @property
    def first_name(self) -> str:
        return self.name.partition(" ")[0]

    @property
    def last_name(self) -> str:
        return self.name.partition(" ")[2] or self.name


@dataclass(frozen=True, slots=True)
class Organiser:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    organiser: Organiser
    start: datetime
    end: datetime
    checkin_code: str
    points: int = 1
    long_running: bool = False  # limited to one check-in a week instead of one a day

    def accepts_checkin_at(self, moment: datetime) -> bool:
        return self.start - CHECKIN_MARGIN <= moment <= self.end + CHECKIN_MARGIN


@dataclass(frozen=True, slots=True)
class Promotion:
    id: str
    title: str
    points: int
    description1: str | None
    description2: str | None
    in_spotlight: bool
    pictures: tuple[str, ...]  # paths on the sandbox; answers make them absolute URLs
    max_available_units: int | None  # None: unlimited
    units_taken: int
    created: datetime
    cashing_period_begin: datetime
    cashing_period_end: datetime | None
    publication_period_begin: datetime
    publication_period_end: datetime | None
    balies: tuple[Organiser, ...]
    cities: tuple[str, ...]
    card_system: CardSystem = GENT  # the owning card system; rewards apply to its passholders
    kind: str = "POINTS"  # v4's reward type: POINTS or WELCOME (legacy lists only POINTS)
    per_passholder: tuple[int, str] | None = None  # e.g. (1, "WEEK"): a redeem limit per person
    online: bool = False


@dataclass(frozen=True, slots=True)
class DemoData:
    now: datetime
    passholders: dict[str, Passholder]
    events: tuple[Event, ...]
    promotions: tuple[Promotion, ...]
    card_system: str = CARD_SYSTEM
    card_systems: tuple[CardSystem, ...] = CARD_SYSTEMS
    _by_code: dict[str, Event] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {e.checkin_code: e for e in self.events})

    def event_for_code(self, code: str) -> Event | None:
        return self._by_code.get(code.strip())

    def promotion(self, promotion_id: str) -> Promotion | None:
        return next((p for p in self.promotions if p.id == promotion_id), None)


# The demo passholders, by role: publiq's test dataset (test-dataset.md) wherever it has the
# flavour. The dataset lists 0900004518305 for both the mother of a family account and her
# daughter; one number is one card, so the mother keeps it and the child of the family is the
# dataset's other family (0900011902815 and her daughter 0900011903417).
NORMAL = "0900000095902"  # active, no kansentarief: "use this pass for points rewards"
OTHER = "1000000520006"  # active, no kansentarief, same card system as NORMAL
KANSENTARIEF = "0900000067513"  # kansentarief Gent, active: "use this pass for points rewards"
KANSENTARIEF_EXPIRED = "0900000031618"
KANSENTARIEF_GENTBRUGGE = "0900010959113"
KANSENTARIEF_OTHER_REGION = "0900000093204"  # kansentarief in another card system
BRUSSELS = "0900000058918"  # postal code 1000: a Paspartoe passholder, kansentarief expired
BLOCKED = "0900000002312"
FAMILY = "0900004518305"  # online UiTPAS, family account
FAMILY_KANSENTARIEF = "0900011902815"  # online UiTPAS, family account, kansentarief Gent
CHILD = "0900011903417"  # daughter of FAMILY_KANSENTARIEF
LOCAL_STOCK = "0900000074519"  # unregistered: printed, never handed out
UNREGISTERED = "0900000020405"  # unregistered too
GROUP = "0900000045410"  # group pass, kansentarief
GROUP_COUPONS = "0900000191800"  # group pass with coupons
# The example in the bot's /help (the seed's number, from publiq's legacy docs): a card in the
# sandbox, so that following the help in the demo links a card.
HELP_EXAMPLE = "0930056878802"
# The kansentarief in its grace period: status ACTIVE, end date past (not in the dataset).
KANSENTARIEF_GRACE = KANSENTARIEF_GENTBRUGGE
# Online rewards, redeemed in the chat with a code (v4): the voucher costs exactly NORMAL's
# 25 points; the trial lesson may be redeemed once a week; the cinema ticket has one unit left.
ONLINE_VOUCHER = "113"
ONLINE_WEEKLY = "111"
ONLINE_LAST_UNIT = "114"
ONLINE_REWARDS: dict[str, tuple[int, str] | None] = {  # id → limit per passholder
    ONLINE_VOUCHER: None,
    ONLINE_WEEKLY: (1, "WEEK"),
    ONLINE_LAST_UNIT: None,
}
# Not in the dataset: a deleted card, and a well-formed number nobody holds.
DELETED = with_check_digit("090000000022")
UNKNOWN = with_check_digit("090099999999")

CC_DE_WERF = Organiser("31413BDF-DFC7-7A9F-10403618C2816E44", "CC De Werf")
MUSEUM = Organiser("5A4B4E1C-0D33-4E6A-9C1E-7A1D2B9C0F11", "'t Gasthuys - Stedelijk Museum Aalst")
BIB = Organiser("7C0E2F5A-61B4-4B8E-A2D7-0C5E9F3B1A22", "Bibliotheek Aalst")
TEST_ORGANIZER = Organiser(
    "0ce87cbc-9299-4528-8d35-92225dc9489f", "[TEST] UiTPAS Organisatie (Regio Gent + Paspartoe)"
)
SPORT = Organiser("9E3D1B7F-28C6-4F0A-B5E4-3D7A6C1E8B33", "Sportdienst Aalst")
# Outside Aalst, so that "what's on near me" (the Search API stand-in) has more than one town.
STAM = Organiser("3B8F6C2D-4A1E-4F7B-9D5C-8E2A1F6B7C44", "STAM - Stadsmuseum Gent")
SINT_BAAF = Organiser("6D2A9E4B-7C3F-4B1D-8A6E-5F9C2B3D1E55", "Sint-Baafskathedraal Gent")
LEUVEN = Organiser("8A5C3E7F-1B9D-4E2A-B6F4-2C8D5A9E3F66", "Cultuurcentrum Leuven")


def demo_data(now: datetime) -> DemoData:
    """The demo world as seen at ``now`` (an aware datetime).

    Times are whole seconds, so that answers in XML (seconds) and JSON (milliseconds) agree.
    """
    now = now.replace(microsecond=0)
    hour, day = timedelta(hours=1), timedelta(days=1)
    active, expired = SocialTariff.ACTIVE, SocialTariff.EXPIRED
    passholders = [
        Passholder(NORMAL, "An Peeters", 25),
        Passholder(OTHER, "Jef Van den Broeck", 3),
        Passholder(HELP_EXAMPLE, "Voorbeeld Kaart", 5),
        Passholder(
            KANSENTARIEF,
            "Sofie De Smet",
            14,
            postal_code="9090",
            social_tariff=active,
            social_tariff_end_days=200,
        ),
        Passholder(
            KANSENTARIEF_EXPIRED,
            "Karim El Amrani",
            6,
            social_tariff=expired,
            social_tariff_end_days=-100,
        ),
        Passholder(
            KANSENTARIEF_GENTBRUGGE,
            "Lotte Claes",
            9,
            postal_code="9090",
            social_tariff=active,
            social_tariff_end_days=-10,  # in its grace period
        ),
        Passholder(
            KANSENTARIEF_OTHER_REGION,
            "Marie Dubois",
            4,
            social_tariff=active,
            social_tariff_system=PASPARTOE,
        ),
        Passholder(
            BRUSSELS,
            "Yusuf Demir",
            18,
            card_system=PASPARTOE,
            postal_code="1000",
            social_tariff=expired,
        ),
        Passholder(BLOCKED, "Geblokkeerde kaart", 12, CardStatus.BLOCKED, social_tariff=active),
        Passholder(DELETED, "Verwijderde kaart", 7, CardStatus.DELETED),
        Passholder(LOCAL_STOCK, "Kaart in stock", 0, CardStatus.LOCAL_STOCK),
        Passholder(UNREGISTERED, "Niet geregistreerde kaart", 0, CardStatus.LOCAL_STOCK),
        Passholder(FAMILY, "Els Wouters", 11, online=True),
        Passholder(FAMILY_KANSENTARIEF, "Nadia Janssens", 8, social_tariff=active, online=True),
        Passholder(
            CHILD, "Lina Janssens", 2, social_tariff=active, online=True, parent=FAMILY_KANSENTARIEF
        ),
        Passholder(
            GROUP, "Jeugdbeweging De Dender (groepspas)", 40, group=True, social_tariff=active
        ),
        Passholder(GROUP_COUPONS, "Vzw Samen Uit (groepspas)", 20, group=True),
    ]
    events = (
        Event(
            "e1a0c1de-0001-4a6e-9f00-000000000001",
            "Jazz op de Grote Markt",
            CC_DE_WERF,
            now - 1 * hour,
            now + 2 * hour,
            "12345678",
        ),
        Event(
            "e1a0c1de-0002-4a6e-9f00-000000000002",
            "Theater: De Kleine Prins",
            CC_DE_WERF,
            now + 3 * hour,
            now + 5 * hour,
            "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8",
            points=2,
        ),
        Event(
            "e1a0c1de-0003-4a6e-9f00-000000000003",
            "Rommelmarkt aan de Dender",
            SPORT,
            now - day - 4 * hour,
            now - day,
            "https://uitpas.be/?qr=rommelmarkt7xq2",
        ),
        Event(
            "e1a0c1de-0004-4a6e-9f00-000000000004",
            "Tentoonstelling: Vlaamse Primitieven",
            MUSEUM,
            now - 30 * day,
            now + 60 * day,
            "https://uitpas.be/?qr=primitieven4kz9",
            long_running=True,
        ),
        Event(
            "e1a0c1de-0005-4a6e-9f00-000000000005",
            "Voorleesuurtje in de bib",
            BIB,
            now + 3 * day,
            now + 3 * day + 1 * hour,
            "87654321",
        ),
        Event(
            "e1a0c1de-0006-4a6e-9f00-000000000006",
            "Orgelconcert in de kathedraal",
            SINT_BAAF,
            now + 1 * day,
            now + 1 * day + 2 * hour,
            "https://uitpas.be/?qr=orgelgent5pm3",
        ),
        Event(
            "e1a0c1de-0007-4a6e-9f00-000000000007",
            "Kinderatelier in het STAM",
            STAM,
            now + 6 * day,
            now + 6 * day + 3 * hour,
            "https://uitpas.be/?qr=stamatelier8w2",
        ),
        Event(
            "e1a0c1de-0008-4a6e-9f00-000000000008",
            "Zomerfilm op het Ladeuzeplein",
            LEUVEN,
            now + 2 * day,
            now + 2 * day + 2 * hour,
            "https://uitpas.be/?qr=filmleuven3k7d",
        ),
    )
    return DemoData(
        now=now,
        passholders={p.number: p for p in passholders},
        events=events,
        promotions=_promotions(now),
    )


def _promotions(now: datetime) -> tuple[Promotion, ...]:
    day = timedelta(days=1)
    aalst = ("Aalst",)
    region = ("Aalst", "Erpe-Mere", "Haaltert", "Denderleeuw")
    # (id, title, points, spotlight, pictures, max units, taken, cashing from/to in days,
    #  published from/to in days, balies, cities, description1, description2)
    rows: list[tuple] = [
        ("101", "Gratis koffie in de foyer", 5, True, 1, None, 0, (-60, 60), (-60, None),
         (CC_DE_WERF,), aalst, "Een koffie of thee naar keuze.", "Enkel op voorstellingsdagen."),
        ("102", "Ticket voor een voorstelling", 20, True, 2, 50, 12, (-30, 90), (-30, None),
         (CC_DE_WERF,), region, "Eén ticket voor een voorstelling naar keuze.", None),
        ("103", "Jaarabonnement bibliotheek", 30, True, 1, None, 0, (-90, 180), (-90, None),
         (BIB,), region, "Een jaar lang gratis ontlenen.", "Niet cumuleerbaar."),
        ("104", "Duoticket museum", 15, True, 0, 20, 20, (-10, 30), (-10, None),
         (MUSEUM,), aalst, "Met twee naar het museum voor de prijs van één.", None),
        ("105", "Zwembadbeurt", 3, True, 1, None, 0, (-200, 200), (-200, None),
         (SPORT,), region, "Eén beurt in het stedelijk zwembad.", None),
        ("106", "Stripboek naar keuze", 50, False, 1, 10, 2, (-20, 40), (-20, None),
         (BIB,), aalst, "Uit de stripcollectie van de bib.", None),
        ("107", "Korting op een sportkamp", 100, False, 0, None, 0, (-5, 120), (-5, None),
         (SPORT,), region, "€ 25 korting op een vakantiekamp.", "Voor kinderen tot 16 jaar."),
        ("108", "Gratis drankje", 1, False, 0, 200, 2, (-365, 30), (-365, None),
         (CC_DE_WERF,), aalst, None, None),
        ("109", "Poster van de tentoonstelling", 8, False, 1, 100, 40, (10, 70), (-3, None),
         (MUSEUM,), aalst, "Een poster van Vlaamse Primitieven.", "Af te halen vanaf de opening."),
        ("110", "Workshop zeefdruk", 12, False, 2, 12, 3, (-15, 45), (-15, None),
         (MUSEUM, CC_DE_WERF), region, "Een namiddag zeefdrukken.", None),
        ("111", "Muziekles proefles", 6, False, 0, None, 0, (-7, 53), (-7, None),
         (CC_DE_WERF,), region, "Eén proefles in de academie.", None),
        ("112", "Turnzakje", 2, False, 1, 300, 120, (-120, 9), (-120, None),
         (SPORT,), aalst, None, None),
        ("113", "Boekenbon van 5 euro", 25, False, 1, None, 0, (-40, 20), (-40, None),
         (BIB,), region, "Te besteden bij lokale boekhandels.", None),
        ("114", "Filmticket openluchtcinema", 10, False, 0, 80, 79, (-2, 25), (-2, None),
         (CC_DE_WERF,), aalst, "Eén ticket voor de openluchtcinema.", None),
        ("115", "Zomerbar: 2 drankjes", 4, False, 1, None, 0, (-100, -1), (-100, -1),
         (CC_DE_WERF,), aalst, "Afgelopen zomeractie.", None),
        ("116", "Kerstconcert met korting", 18, False, 1, 60, 0, (20, 50), (15, None),
         (CC_DE_WERF,), region, "Nog niet gepubliceerd.", None),
        ("117", "Dagje Sportoase", 35, False, 0, None, 0, (-25, 95), (-25, None),
         (SPORT,), region, None, None),
        ("118", "Ontdekkingstocht voor kinderen", 7, False, 1, 30, 5, (-12, 48), (-12, None),
         (MUSEUM,), aalst, "Met een doe-boekje door het museum.", "Voor 6 tot 12 jaar."),
    ]  # fmt: skip
    promotions = []
    for index, row in enumerate(rows):
        (pid, title, points, spotlight, picture_count, max_units, taken, cashing, publication,
         balies, cities, description1, description2) = row  # fmt: skip
        promotions.append(
            Promotion(
                id=pid,
                title=title,
                points=points,
                description1=description1,
                description2=description2,
                in_spotlight=spotlight,
                pictures=tuple(f"/media/promotions/{pid}-{n}.png" for n in range(picture_count)),
                max_available_units=max_units,
                units_taken=taken,
                created=now - timedelta(days=400 - index * 7),
                cashing_period_begin=now + cashing[0] * day,
                cashing_period_end=now + cashing[1] * day if cashing[1] is not None else None,
                publication_period_begin=now + publication[0] * day,
                publication_period_end=(
                    now + publication[1] * day if publication[1] is not None else None
                ),
                balies=balies,
                cities=cities,
                online=pid in ONLINE_REWARDS,
                per_passholder=ONLINE_REWARDS.get(pid),
            )
        )
    return tuple(promotions) + _test_rewards(now)


def _test_rewards(now: datetime) -> tuple[Promotion, ...]:
    """publiq's test rewards (test-dataset.md), with their ids, types and restrictions.

    The dataset gives no points, pictures or periods: the points are the sandbox's choice (above
    every demo reward, so they close the list rather than reshuffle it), and "Vervallen"
    (expired) means a redeem period that ended, so neither lists nor redeems them.
    """
    day = timedelta(days=1)
    gent = ("Gent",)
    # (id, title, type, points, per passholder, online, redeem period from/to in days)
    rows: list[tuple] = [
        ("5687", "Test Voordeel Regio Gent", "POINTS", 120, None, False, (-365, 365)),
        ("5688", "Test Welkomstvoordeel Regio Gent", "WELCOME", 0, None, False, (-365, 365)),
        ("5823", "Test Voordeel Regio Gent - 1/week", "POINTS", 140, (1, "WEEK"), False,
         (-365, 365)),
        ("5824", "Test Online Voordeel - 10/dag", "POINTS", 160, None, True, (-365, 365)),
        ("5825", "Test Vervallen Voordeel", "POINTS", 1, None, False, (-365, -30)),
        ("5826", "Test Vervallen Welkomsvoordeel", "WELCOME", 0, None, False, (-365, -30)),
    ]  # fmt: skip
    # The other card system's own rewards: a Gent passholder must never see these listed.
    brussels = ("Brussel",)
    paspartoe = [
        ("201", "Paspartoe: gratis toegang Bozar", 6, True),
        ("202", "Paspartoe: koffie in de Beursschouwburg", 2, False),
    ]
    rewards = []
    for index, (rid, title, kind, points, per_passholder, online, period) in enumerate(rows):
        rewards.append(
            Promotion(
                id=rid,
                title=title,
                points=points,
                description1=title,
                description2="Testvoordeel van publiq's testomgeving.",
                in_spotlight=False,
                pictures=(),
                # "Online 10/dag": ten units a day; the sandbox counts no redemptions per day.
                max_available_units=None,
                units_taken=0,
                created=now - timedelta(days=500 - index),
                cashing_period_begin=now + period[0] * day,
                cashing_period_end=now + period[1] * day,
                publication_period_begin=now + period[0] * day,
                publication_period_end=now + period[1] * day,
                balies=(TEST_ORGANIZER,),
                cities=gent,
                kind=kind,
                per_passholder=per_passholder,
                online=online,
            )
        )
    for index, (rid, title, points, featured) in enumerate(paspartoe):
        rewards.append(
            Promotion(
                id=rid,
                title=title,
                points=points,
                description1=title,
                description2=None,
                in_spotlight=featured,
                pictures=(),
                max_available_units=None,
                units_taken=0,
                created=now - timedelta(days=300 - index),
                cashing_period_begin=now - 60 * day,
                cashing_period_end=now + 60 * day,
                publication_period_begin=now - 60 * day,
                publication_period_end=None,
                balies=(TEST_ORGANIZER,),
                cities=brussels,
                card_system=PASPARTOE,
            )
        )
    return tuple(rewards)
