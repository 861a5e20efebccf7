"""Typed questions to and answers from the Search API's ``GET /events``.

Only what the bot shows is read; everything is optional because UiTdatabank's events are
written by thousands of organisers and the spec requires little (name, location, terms,
calendar type). Localised texts keep every language the event has, so a view picks the
reader's and falls back to the event's main language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Texts:
    """A localised text (``{"nl": ..., "en": ...}``) and the language to fall back on."""

    by_language: tuple[tuple[str, str], ...] = ()
    main_language: str = "nl"

    @classmethod
    def of(cls, value: object, main_language: str = "nl") -> Texts:
        if not isinstance(value, dict):
            return cls((), main_language)
        pairs = tuple((k, v.strip()) for k, v in value.items() if isinstance(v, str) and v.strip())
        return cls(pairs, main_language)

    def get(self, language: str) -> str | None:
        """The text in ``language``, else in the main language, else in any language."""
        found = dict(self.by_language)
        return (
            found.get(language) or found.get(self.main_language) or next(iter(found.values()), None)
        )

    def __bool__(self) -> bool:
        return bool(self.by_language)


@dataclass(frozen=True, slots=True)
class Address:
    street: str | None = None
    postal_code: str | None = None
    locality: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Venue:
    """The event's ``location``: a UiTdatabank place, embedded."""

    name: Texts = field(default_factory=Texts)
    address: Address | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class UitpasPrice:
    """A ``priceInfo`` entry of category ``uitpas`` (``embedUitpasPrices=true``): the
    indicative kansentarief of one card system, e.g. "Kansentarief met UiTPAS Leuven"."""

    label: str
    price: float


@dataclass(frozen=True, slots=True)
class SearchEvent:
    id: str  # the uuid in ``@id``
    name: Texts
    description: Texts = field(default_factory=Texts)
    calendar_type: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    # ``calendarSummary`` in words (``md-text`` for lists, ``lg-text`` for details), by language.
    summary_short: Texts = field(default_factory=Texts)
    summary_long: Texts = field(default_factory=Texts)
    venue: Venue | None = None
    organiser: Texts = field(default_factory=Texts)
    base_price: float | None = None
    uitpas_prices: tuple[UitpasPrice, ...] = ()
    page_url: str | None = None  # the first ``sameAs`` (UiTinVlaanderen), else None
    status: str = "Available"

    def uitpas_price_for(self, card_system: str) -> float | None:
        """The kansentarief for a passholder of ``card_system`` (its name, as UiTPAS gives it),
        when UiTdatabank lists one: the price whose label names that card system."""
        wanted = card_system.casefold()
        for price in self.uitpas_prices:
            if wanted in price.label.casefold():
                return price.price
        return None


@dataclass(frozen=True, slots=True)
class EventPage:
    total: int  # ``totalItems``: how many match, over all pages
    events: tuple[SearchEvent, ...]


@dataclass(frozen=True, slots=True)
class EventQuery:
    """What the bot asks. ``uitpas=true`` and "still to come" are always added by the client.

    ``near`` with ``within_km`` searches by distance (sorted nearest first); ``words`` goes to
    ``text``, the free-text parameter publiq advises for words typed by users; ``happening_from``
    and ``happening_to`` narrow the time (``dateFrom``/``dateTo``); ``event_id`` finds one event.
    """

    near: tuple[float, float] | None = None
    within_km: float = 10.0
    words: str | None = None
    postal_code: str | None = None
    happening_from: datetime | None = None
    happening_to: datetime | None = None
    event_id: str | None = None
    start: int = 0
    limit: int = 5
