"""The sandbox's demo world: passholders, events with check-in codes, and points promotions.

Everything is built relative to one "now", so a demo started on any day has an event that is
happening, one that ended yesterday, one still to come and one that runs for months. The
numbers are fixed (13 digits, Luhn check digit computed here rather than copied), so people and
tests can type them from memory. This module only describes the world; what changes while the
sandbox runs (points, check-ins) lives in :mod:`bot.sandbox.uitpas.state`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

Clock = Callable[[], datetime]

CARD_SYSTEM = "UiTPAS Dender"
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


@dataclass(frozen=True, slots=True)
class DemoData:
    now: datetime
    passholders: dict[str, Passholder]
    events: tuple[Event, ...]
    promotions: tuple[Promotion, ...]
    card_system: str = CARD_SYSTEM
    _by_code: dict[str, Event] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {e.checkin_code: e for e in self.events})

    def event_for_code(self, code: str) -> Event | None:
        return self._by_code.get(code.strip())

    def promotion(self, promotion_id: str) -> Promotion | None:
        return next((p for p in self.promotions if p.id == promotion_id), None)


# The demo passholders, by role. Two numbers are the ones in the UiTPAS documentation.
NORMAL = "0930056878802"
OTHER = "1000000520006"
BLOCKED = with_check_digit("093000000011")
DELETED = with_check_digit("093000000022")
LOCAL_STOCK = with_check_digit("093000000033")
GROUP = with_check_digit("093000000044")
UNKNOWN = with_check_digit("093099999999")  # well-formed, never registered

CC_DE_WERF = Organiser("31413BDF-DFC7-7A9F-10403618C2816E44", "CC De Werf")
MUSEUM = Organiser("5A4B4E1C-0D33-4E6A-9C1E-7A1D2B9C0F11", "'t Gasthuys - Stedelijk Museum Aalst")
BIB = Organiser("7C0E2F5A-61B4-4B8E-A2D7-0C5E9F3B1A22", "Bibliotheek Aalst")
SPORT = Organiser("9E3D1B7F-28C6-4F0A-B5E4-3D7A6C1E8B33", "Sportdienst Aalst")


def demo_data(now: datetime) -> DemoData:
    """The demo world as seen at ``now`` (an aware datetime).

    Times are whole seconds, so that answers in XML (seconds) and JSON (milliseconds) agree.
    """
    now = now.replace(microsecond=0)
    hour, day = timedelta(hours=1), timedelta(days=1)
    passholders = [
        Passholder(NORMAL, "An Peeters", 25),
        Passholder(OTHER, "Jef Van den Broeck", 3),
        Passholder(BLOCKED, "Geblokkeerde kaart", 12, CardStatus.BLOCKED),
        Passholder(DELETED, "Verwijderde kaart", 7, CardStatus.DELETED),
        Passholder(LOCAL_STOCK, "Kaart in stock", 0, CardStatus.LOCAL_STOCK),
        Passholder(GROUP, "Jeugdbeweging De Dender (groepspas)", 40, group=True),
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
        ("112", "Turnzakje", 2, False, 1, 300, 120, (-120, 60), (-120, None),
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
            )
        )
    return tuple(promotions)
