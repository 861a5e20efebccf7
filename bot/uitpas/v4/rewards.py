"""v4 rewards as the :class:`~bot.uitpas.models.Promotion` the views already show.

``featured`` is v4's spotlight ("in de kijker"). ``cashInState`` does not exist in v4 lists;
the reasons that hold for everyone (outside the redeem period, no units left) are computed
from the reward, and a passholder's own reason comes from ``/rewards/{id}/redeem-status``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.uitpas.models import Promotion

# redeem-status reasons → the legacy cashInState values the views explain; the two card-system
# reasons have no legacy twin and get states of their own. The spec's enum spells the last one
# ``PASSHOLDER_NO_ACTIVE_CARDSYSTEM`` while its description says ``…_CARDSYSTEMS``: both count.
NO_APPLICABLE_CARD_SYSTEM = "NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS"
NO_ACTIVE_CARD_SYSTEM = "NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS"
REDEEM_REASONS: dict[str, str] = {
    "PASSHOLDER_POINTS": "NOT_POSSIBLE_POINTS_CONSTRAINT",
    "REWARD_PERIOD": "NOT_POSSIBLE_DATE_CONSTRAINT",
    "REWARD_VOLUME": "NOT_POSSIBLE_VOLUME_CONSTRAINT",
    "PASSHOLDER_VOLUME": "NOT_POSSIBLE_USER_VOLUME_CONSTRAINT",
    "INVALID_CARD": "NOT_POSSIBLE_CARD_CONSTRAINT",
    "PASSHOLDER_APPLICABLE_CARDSYSTEMS": NO_APPLICABLE_CARD_SYSTEM,
    "PASSHOLDER_NO_ACTIVE_CARDSYSTEM": NO_ACTIVE_CARD_SYSTEM,
    "PASSHOLDER_NO_ACTIVE_CARDSYSTEMS": NO_ACTIVE_CARD_SYSTEM,
}


def redeem_state(body: dict[str, Any]) -> tuple[str, str | None]:
    """(cashInState, the human message) of a redeem-status answer."""
    if body.get("redeemable") is True:
        return "POSSIBLE", None
    reason = str(body.get("reason", "")).strip().upper()
    message = _text(body.get("message"))
    return REDEEM_REASONS.get(reason, f"NOT_POSSIBLE_{reason or 'UNKNOWN'}"), message


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _address(value: Any) -> str | None:
    """An organizer's ``address`` as one line, "street, postal code city", of what it has."""
    if not isinstance(value, dict):
        return None
    street = _text(value.get("street"))
    town = " ".join(
        part for part in (_text(value.get("postalCode")), _text(value.get("city"))) if part
    )
    return ", ".join(part.strip() for part in (street, town) if part) or None


def reward(data: Any, now: datetime | None = None) -> Promotion | None:
    """A promotion from one reward object; None when it is not an object."""
    if not isinstance(data, dict):
        return None
    now = now or datetime.now(UTC)
    period = data.get("redeemPeriod") if isinstance(data.get("redeemPeriod"), dict) else {}
    begin, end = parse_time(period.get("begin")), parse_time(period.get("end"))
    owner = data.get("owningCardSystem")
    organizers = data.get("organizers") if isinstance(data.get("organizers"), list) else []
    named = [
        (name, o)
        for o in organizers
        if isinstance(o, dict) and (name := _text(o.get("name"))) is not None
    ]
    pictures = data.get("pictures") if isinstance(data.get("pictures"), list) else []
    max_units = _int(data.get("maxAvailableUnits"))
    taken = _int(data.get("unitsTaken"))
    state = "POSSIBLE"
    if (begin is not None and now < begin) or (end is not None and now > end):
        state = "NOT_POSSIBLE_DATE_CONSTRAINT"
    elif max_units is not None and (taken or 0) >= max_units:
        state = "NOT_POSSIBLE_VOLUME_CONSTRAINT"
    return Promotion(
        id=str(data["id"]) if data.get("id") is not None else None,
        title=_text(data.get("title")),
        points=_int(data.get("points")),
        description1=_text(data.get("promotionalDescription")),
        description2=_text(data.get("practicalInfo")),
        pictures=tuple(p for p in pictures if isinstance(p, str)),
        max_available_units=max_units,
        units_taken=taken,
        in_spotlight=data.get("featured") is True,
        cashing_period_begin=begin,
        cashing_period_end=end,
        owning_card_system=_text(owner.get("name")) if isinstance(owner, dict) else None,
        balies=tuple(name for name, _ in named),
        addresses=tuple(
            (name, address)
            for name, o in named
            if (address := _address(o.get("address"))) is not None
        ),
        cash_in_state=state,
        online=data.get("online") is True,
        last_chance=data.get("lastChance") is True,
        kind=_text(data.get("type")),
    )
