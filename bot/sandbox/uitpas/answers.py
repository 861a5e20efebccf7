"""The rules of the legacy UiTPAS endpoints, as plain answers (HTTP status and payload).

These functions decide *what* UiTPAS would answer; :mod:`bot.sandbox.uitpas.render` decides how
it looks on the wire (JSON or XML). Every answer other than ``ACTION_SUCCEEDED`` comes as
HTTP 400 with ``code`` and a Dutch ``message``, as the real API sends its error answers.

Check-in, in the order the checks run:

- number not 13 digits with a valid check digit → ``PARSE_INVALID_UITPASNUMBER``
- well-formed but not registered → ``UNKNOWN_UITPASNUMBER``
- card blocked / deleted / any other non-active status → ``INVALID_CARD_STATUS_BLOCKED`` /
  ``INVALID_CARD_STATUS_DELETED`` / ``INVALID_CARD_STATUS``
- group pass → ``GROUPPAS_NOT_ALLOWED``
- unknown code → ``CHECKIN_CODE_INVALID`` (no ``event``)
- outside 5 h before the start to 5 h after the end → ``CHECKIN_CODE_EXPIRED`` (with ``event``)
- already checked in for this event today (this ISO week for long-running events) →
  ``MAXIMUM_REACHED``, a code outside the documented list on purpose: UiTPAS does limit repeat
  check-ins and the bot must cope with codes it does not know. Its ``message`` is Dutch, and
  ``points`` and ``event`` are present, nothing is saved.
- otherwise ``ACTION_SUCCEEDED`` with the new ``points`` total, ``savedPoints``, ``event`` and
  the card system's published, unexpired ``pointsPromotions`` (spotlight first).

In JSON check-in answers ``pictures`` is a JSON-encoded string, as in the published example;
the promotion endpoints (and XML) send a real list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.sandbox.uitpas.data import (
    CardStatus,
    DemoData,
    Event,
    Passholder,
    Promotion,
    is_wellformed_number,
)
from bot.sandbox.uitpas.state import Ledger

MAXIMUM_REACHED = "MAXIMUM_REACHED"


class EncodedInJson(list):  # type: ignore[type-arg]
    """A list that JSON answers carry as a JSON-encoded string, as the published check-in
    example does with ``"pictures": "[]"``; XML answers carry it as an ordinary list."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    payload: dict[str, Any]
    xml_root: str = "response"


def error(code: str, message: str, status: int = 400, **extra: Any) -> Answer:
    return Answer(status, {"code": code, "message": message, **extra})


@dataclass(frozen=True, slots=True)
class World:
    """What one request sees: the demo data, the ledger, the time, and where media live."""

    data: DemoData
    ledger: Ledger
    now: datetime
    media_url: str  # absolute base URL for pictures, e.g. http://127.0.0.1:8090


# --- passholders ----------------------------------------------------------------------------


def _card_problem(world: World, number: str) -> Answer | Passholder:
    """The passholder, or the answer that refuses the number."""
    number = number.strip()
    if not is_wellformed_number(number):
        return error("PARSE_INVALID_UITPASNUMBER", "Ongeldig UiTPAS-nummer.")
    passholder = world.data.passholders.get(number)
    if passholder is None:
        return error("UNKNOWN_UITPASNUMBER", "Onbekend UiTPAS-nummer.")
    if passholder.status is CardStatus.BLOCKED:
        return error("INVALID_CARD_STATUS_BLOCKED", "Deze UiTPAS is geblokkeerd.")
    if passholder.status is CardStatus.DELETED:
        return error("INVALID_CARD_STATUS_DELETED", "Deze UiTPAS werd verwijderd.")
    if passholder.status is not CardStatus.ACTIVE:
        return error("INVALID_CARD_STATUS", f"Deze UiTPAS is niet actief ({passholder.status}).")
    if passholder.group:
        return error("GROUPPAS_NOT_ALLOWED", "Met een groepspas kan je geen punten sparen.")
    return passholder


def points(world: World, number: str) -> Answer:
    found = _card_problem(world, number)
    if isinstance(found, Answer):
        return found
    return Answer(200, {"points": world.ledger.points(found.number), "code": "ACTION_SUCCEEDED"})


# --- check-in -------------------------------------------------------------------------------


def checkin(world: World, number: str, checkin_code: str) -> Answer:
    found = _card_problem(world, number)
    if isinstance(found, Answer):
        return found
    passholder = found
    total = world.ledger.points(passholder.number)
    event = world.data.event_for_code(checkin_code)
    if event is None:
        return error("CHECKIN_CODE_INVALID", "Ongeldige check-in code.", points=total)
    if not event.accepts_checkin_at(world.now):
        return error(
            "CHECKIN_CODE_EXPIRED",
            "Deze check-in code is niet (meer) geldig.",
            points=total,
            event=_event(event),
        )
    saved = world.ledger.try_checkin(
        passholder.number,
        event.id,
        event.points,
        world.now,
        period_start=_limit_period_start(event, world.now),
    )
    if saved is None:
        when = "deze week" if event.long_running else "vandaag"
        return error(
            MAXIMUM_REACHED,
            f"Je hebt {when} al punten gespaard voor dit evenement.",
            points=total,
            event=_event(event),
        )
    promotions = sorted(
        (
            p
            for p in world.data.promotions
            if p.kind == "POINTS"
            and applies_to(p, passholder)
            and _published(p, world.now)
            and _unexpired(p, world.now)
        ),
        key=lambda p: (not p.in_spotlight, p.points, p.id),
    )
    return Answer(
        200,
        {
            "code": "ACTION_SUCCEEDED",
            "points": saved,
            "savedPoints": event.points,
            "event": _event(event),
            "pointsPromotions": [_checkin_promotion(world, p) for p in promotions],
        },
    )


def applies_to(promotion: Promotion, passholder: Passholder) -> bool:
    """A reward is for the passholders of its own card system."""
    return promotion.card_system == passholder.card_system


def _limit_period_start(event: Event, now: datetime) -> datetime:
    """Start of the period with at most one check-in: today, or this ISO week if long-running."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=now.weekday()) if event.long_running else midnight


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "organiser": {"id": event.organiser.id, "name": event.organiser.name},
    }


def _checkin_promotion(world: World, promotion: Promotion) -> dict[str, Any]:
    return _without_none(
        {
            "id": promotion.id,
            "title": promotion.title,
            "points": promotion.points,
            "description1": promotion.description1,
            "description2": promotion.description2,
            "pictures": EncodedInJson(_pictures(world, promotion)),
            "inSpotlight": promotion.in_spotlight,
        }
    ) | {"maxAvailableUnits": promotion.max_available_units}


# --- promotions -----------------------------------------------------------------------------

_SORT_KEYS: dict[str, Callable[[Promotion], Any]] = {
    "CREATION_DATE": lambda p: p.created,
    "TITLE": lambda p: p.title.casefold(),
    # No end means "never expires": last when ascending.
    "CASHING_PERIOD_END": lambda p: (
        p.cashing_period_end is None,
        p.cashing_period_end or p.created,
    ),
    "POINTS": lambda p: p.points,
}


class _BadParameter(ValueError):
    pass


def promotions(world: World, query: Mapping[str, str]) -> Answer:
    try:
        in_spotlight = _bool_param(query, "inSpotlight")
        filter_on_points = _bool_param(query, "filterOnUserPoints") or False
        unexpired = _bool_param(query, "unexpired") or False
        published = _bool_param(query, "published") or False
        min_points = _int_param(query, "minPoints")
        max_points = _int_param(query, "maxPoints")
        start = _int_param(query, "start") or 0
        limit = _int_param(query, "max")
        sort = query.get("sort", "CREATION_DATE").upper()
        order = query.get("order", "DESC").upper()
        if sort not in _SORT_KEYS or order not in ("ASC", "DESC"):
            raise _BadParameter("sort or order")
    except _BadParameter as exc:
        return error("INVALID_PARAMETERS", f"Ongeldige parameter: {exc}.")
    if min_points is not None and max_points is not None and min_points > max_points:
        return error("INVALID_INTERVAL_MIN_HIGHER_THAN_MAX", "minPoints is groter dan maxPoints.")
    limit = 20 if limit is None else limit

    user_points = None
    holder: Passholder | None = None
    if "uitpasNumber" in query:
        found = _promotion_card(world, query["uitpasNumber"])
        if isinstance(found, Answer):
            return found
        holder = found
        user_points = world.ledger.points(found.number)
    # Card systems (legacy docs: owningCardSystemId, applicableCardSystemId, both repeatable).
    # Without either, a passholder's list is their own card system's.
    owning = set(_list_param(query, "owningCardSystemId"))
    applicable = set(_list_param(query, "applicableCardSystemId"))
    if not owning and not applicable and holder is not None:
        applicable = {str(holder.card_system.id)}
    cash_in_state = query.get("cashInState")

    now = world.now
    selected = [
        p
        for p in world.data.promotions
        if p.kind == "POINTS"  # welcome advantages are another legacy endpoint
        and (not owning or str(p.card_system.id) in owning)
        and (not applicable or str(p.card_system.id) in applicable)
        and (cash_in_state is None or _cash_in_state(p, now, user_points) == cash_in_state.upper())
        and (in_spotlight is None or p.in_spotlight == in_spotlight)
        and (not unexpired or _unexpired(p, now))
        and (not published or _published(p, now))
        and (min_points is None or p.points >= min_points)
        and (max_points is None or p.points <= max_points)
        and not (filter_on_points and user_points is not None and p.points > user_points)
    ]
    selected.sort(key=lambda p: p.id)
    selected.sort(key=_SORT_KEYS[sort], reverse=order == "DESC")
    page = selected[start : start + limit]
    return Answer(
        200,
        {
            "promotions": [_promotion(world, p, user_points) for p in page],
            "total": len(selected),
        },
    )


def promotion(world: World, promotion_id: str, query: Mapping[str, str]) -> Answer:
    if not promotion_id.isascii() or not promotion_id.isdigit():
        return error("PARSE_INVALID_LONG", f"Geen geldig getal: {promotion_id!r}.")
    user_points = None
    if "uitpasNumber" in query:
        found = _promotion_card(world, query["uitpasNumber"])
        if isinstance(found, Answer):
            return found
        user_points = world.ledger.points(found.number)
    found_promotion = world.data.promotion(promotion_id)
    if found_promotion is None or found_promotion.kind != "POINTS":
        return error("UNKNOWN_POINTS_PROMOTION_ID", "Onbekend omruilvoordeel.")
    return Answer(
        200, _promotion(world, found_promotion, user_points), xml_root="pointsPromotionTO"
    )


def _promotion_card(world: World, number: str) -> Answer | Passholder:
    """Promotion endpoints only refuse unparseable, unknown and deleted cards."""
    number = number.strip()
    if not is_wellformed_number(number):
        return error("PARSE_INVALID_UITPASNUMBER", "Ongeldig UiTPAS-nummer.")
    passholder = world.data.passholders.get(number)
    if passholder is None:
        return error("UNKNOWN_UITPASNUMBER", "Onbekend UiTPAS-nummer.")
    if passholder.status is CardStatus.DELETED:
        return error("INVALID_CARD", "Deze UiTPAS werd verwijderd.")
    return passholder


def _promotion(world: World, promotion: Promotion, user_points: int | None) -> dict[str, Any]:
    card_system = {"id": str(promotion.card_system.id), "name": promotion.card_system.name}
    return _without_none(
        {
            "id": promotion.id,
            "title": promotion.title,
            "description1": promotion.description1,
            "description2": promotion.description2,
            "points": promotion.points,
            "inSpotlight": promotion.in_spotlight,
            "cashedIn": False,
            "pictures": _pictures(world, promotion),
            "creationDate": promotion.created,
            "cashingPeriodBegin": promotion.cashing_period_begin,
            "cashingPeriodEnd": promotion.cashing_period_end,
            "publicationPeriodBegin": promotion.publication_period_begin,
            "publicationPeriodEnd": promotion.publication_period_end,
            "owningCardSystem": card_system,
            "applicableCardSystems": [card_system],
            "balies": [{"id": b.id, "name": b.name} for b in promotion.balies],
            "validForCities": list(promotion.cities),
            "unitsTaken": promotion.units_taken,
        }
    ) | {
        "maxAvailableUnits": promotion.max_available_units,  # present but empty when unlimited
        "cashInState": _cash_in_state(promotion, world.now, user_points),
    }


def _cash_in_state(promotion: Promotion, now: datetime, user_points: int | None) -> str:
    if not promotion.cashing_period_begin <= now or not _unexpired(promotion, now):
        return "NOT_POSSIBLE_DATE_CONSTRAINT"
    if (
        promotion.max_available_units is not None
        and promotion.units_taken >= promotion.max_available_units
    ):
        return "NOT_POSSIBLE_VOLUME_CONSTRAINT"
    if user_points is not None and user_points < promotion.points:
        return "NOT_POSSIBLE_POINTS_CONSTRAINT"
    return "POSSIBLE"


def _unexpired(promotion: Promotion, now: datetime) -> bool:
    return promotion.cashing_period_end is None or now <= promotion.cashing_period_end


def _published(promotion: Promotion, now: datetime) -> bool:
    end = promotion.publication_period_end
    return promotion.publication_period_begin <= now and (end is None or now <= end)


def _pictures(world: World, promotion: Promotion) -> list[str]:
    return [world.media_url + path for path in promotion.pictures]


def _list_param(query: Mapping[str, str], name: str) -> list[str]:
    """A repeatable parameter (``?a=1&a=2``), also read comma-separated."""
    getlist = getattr(query, "getlist", None)
    values = getlist(name) if getlist is not None else [query[name]] if name in query else []
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _bool_param(query: Mapping[str, str], name: str) -> bool | None:
    if name not in query:
        return None
    value = query[name].strip().lower()
    if value not in ("true", "false"):
        raise _BadParameter(name)
    return value == "true"


def _int_param(query: Mapping[str, str], name: str) -> int | None:
    if name not in query:
        return None
    try:
        value = int(query[name])
    except ValueError:
        raise _BadParameter(name) from None
    if value < 0:
        raise _BadParameter(name)
    return value


def _without_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}
