"""The v4 endpoints for trading points: redeeming a reward, what was redeemed, coupons.

- ``POST /rewards/redeemed`` ``{"uitpasNumber", "rewardId"}`` (``REWARDS_REDEEM``) → 201 a
  ``RedeemedReward`` with ``redeemCode`` and ``redeemInfo`` for online rewards; the points go
  at once. The spec allows a client or a user token: with a passholder's user token only
  their own card or a member of their family may be redeemed for (403 otherwise), and each
  redemption is counted by the token it came with (``redeem_user_token`` /
  ``redeem_client_token`` in ``GET /_sandbox/requests``), so a test sees which one the bot
  used. Each refusal is its own problem type (the spec's list), with ``endUserMessage.nl``.
  The same rules answer ``GET /rewards/{id}/redeem-status`` (:func:`refusal`), so what the
  status promised and what the redemption does never disagree.
- ``GET /rewards/redeemed?uitpasNumber=`` (``REWARDS_READ``): the passholder's redemptions,
  newest first; ``start``, ``limit``, ``rewardType``.
- ``GET /passholders/{passholderId}/coupons`` (``PASSHOLDER_COUPONS_READ``): the coupons of
  publiq's test dataset (two for the kansentarief in another region, one for the group pass).

``GET /rewards`` also filters here (:func:`selected_for`): ``isRedeemableByPassholderId`` (the
welcome rewards a passholder can still get) and ``organizerPostalCode`` (near you; the demo
organizers' postal codes are :data:`ORGANIZER_POSTAL_CODES`).

Control (no OAuth): ``POST /_sandbox/redemptions`` ``{"uitpasNumber", "rewardId"}`` redeems as
another application would (publiq's app, a ticket desk), so a test can make a limit or the last
unit go between the bot's confirmation and the passholder's tap.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.sandbox.uitpas import answers
from bot.sandbox.uitpas.data import (
    BIB,
    CC_DE_WERF,
    GROUP_COUPONS,
    KANSENTARIEF_OTHER_REGION,
    MUSEUM,
    SPORT,
    TEST_ORGANIZER,
    CardStatus,
    Organiser,
    Passholder,
    Promotion,
    is_wellformed_number,
)
from bot.sandbox.uitpas.state import Redemption

if TYPE_CHECKING:
    from bot.sandbox.uitpas.app import Sandbox
    from bot.sandbox.uitpas_v4 import permissions

PROBLEM_BASE = "https://api.publiq.be/probs/"
# redeem-status reason → (problem type of POST /rewards/redeemed, endUserMessage.nl)
REASONS: dict[str, tuple[str, str]] = {
    "INVALID_CARD": ("uitpas/invalid-card", "Deze UiTPAS kan dit voordeel niet omruilen."),
    "PASSHOLDER_APPLICABLE_CARDSYSTEMS": (
        "uitpas/reward-passholder-no-applicable-cardsystems",
        "Dit voordeel geldt niet in jouw UiTPAS-regio.",
    ),
    "REWARD_PERIOD": (
        "uitpas/reward-period-constraint",
        "Dit voordeel kan je nu niet omruilen: de omruilperiode is voorbij of nog niet begonnen.",
    ),
    "REWARD_VOLUME": ("uitpas/reward-volume-constraint", "Dit voordeel is uitverkocht."),
    "PASSHOLDER_VOLUME": (
        "uitpas/reward-passholder-volume-constraint",
        "Je hebt dit voordeel al zo vaak omgeruild als mag in deze periode.",
    ),
    "PASSHOLDER_POINTS": (
        "uitpas/reward-passholder-points-constraint",
        "Jammer, je hebt nog niet genoeg punten om dit voordeel om te ruilen.",
    ),
}
_PERIOD_DAYS = {"DAY": 1, "WEEK": 7}
LAST_CHANCE = timedelta(days=14)  # "not redeemable anymore in the near future"
# Where the demo organizers are: Aalst's, and publiq's test organizer in Gent (the dataset
# gives it no street). Served as each reward's ``organizers[].address``, which the spec says
# is always there (``city`` required): demo addresses, not a directory to rely on.
ORGANIZER_ADDRESSES: dict[str, dict[str, str]] = {
    TEST_ORGANIZER.id: {"postalCode": "9000", "city": "Gent"},
    CC_DE_WERF.id: {"street": "Molenstraat 51", "postalCode": "9300", "city": "Aalst"},
    MUSEUM.id: {"street": "Oude Vismarkt 13", "postalCode": "9300", "city": "Aalst"},
    BIB.id: {"street": "Graanmarkt 3", "postalCode": "9300", "city": "Aalst"},
    SPORT.id: {"street": "Zwembadlaan 1", "postalCode": "9300", "city": "Aalst"},
}
ORGANIZER_POSTAL_CODES = {id_: a["postalCode"] for id_, a in ORGANIZER_ADDRESSES.items()}


def organizer(balie: Organiser) -> dict[str, Any]:
    """A reward's organizer as the spec's ``Organizer``: id, name and its address."""
    found: dict[str, Any] = {"id": balie.id, "name": balie.name}
    address = ORGANIZER_ADDRESSES.get(balie.id)
    if address is not None:
        found["address"] = dict(address)
    return found


def selected_for(sandbox: Sandbox, query: Any, promotion: Promotion) -> bool:
    """The ``GET /rewards`` filters about passholders and places."""
    postal_codes = set(query.getlist("organizerPostalCode"))
    if postal_codes and not any(
        ORGANIZER_POSTAL_CODES.get(o.id) in postal_codes for o in promotion.balies
    ):
        return False
    redeemable_by = query.get("isRedeemableByPassholderId")
    if redeemable_by is not None:
        number = next(
            (n for n in sandbox.data.passholders if passholder_id(n) == redeemable_by), None
        )
        if number is None:
            return False
        if status_refusal(sandbox, sandbox.data.passholders[number], promotion) is not None:
            return False
    return True


def passholder_id(number: str) -> str:
    """The sandbox's passholder id of a card (as ``GET /passes`` gives it)."""
    return f"00000000-0000-4000-8000-{number[:12]}"


Endpoint = Callable[[Request], Any]


def units_taken(sandbox: Sandbox, promotion: Promotion) -> int:
    """The units the world started with plus those redeemed since."""
    redeemed = sum(1 for r in sandbox.ledger.redemptions() if r.reward_id == promotion.id)
    return promotion.units_taken + redeemed


def _period_start(period: str, now: datetime) -> datetime | None:
    """Start of the calendar period a per-passholder limit counts in (None: ABSOLUTE)."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "DAY":
        return midnight
    if period == "WEEK":
        return midnight - timedelta(days=now.weekday())
    if period == "MONTH":
        return midnight.replace(day=1)
    return None


def refusal(
    sandbox: Sandbox,
    passholder: Passholder,
    promotion: Promotion,
    now: datetime,
    *,
    points: int,
    redemptions: list[Redemption],
) -> str | None:
    """Why ``passholder`` cannot redeem ``promotion`` now (a redeem-status reason), or None."""
    if passholder.status is not CardStatus.ACTIVE:
        return "INVALID_CARD"
    if promotion.card_system != passholder.card_system:
        return "PASSHOLDER_APPLICABLE_CARDSYSTEMS"
    if not promotion.cashing_period_begin <= now or not answers._unexpired(promotion, now):
        return "REWARD_PERIOD"
    taken = promotion.units_taken + sum(1 for r in redemptions if r.reward_id == promotion.id)
    if promotion.max_available_units is not None and taken >= promotion.max_available_units:
        return "REWARD_VOLUME"
    if promotion.per_passholder is not None:
        volume, period = promotion.per_passholder
        since = _period_start(period, now)
        mine = [
            r
            for r in redemptions
            if r.number == passholder.number
            and r.reward_id == promotion.id
            and (since is None or r.at >= since)
        ]
        if len(mine) >= volume:
            return "PASSHOLDER_VOLUME"
    if points < promotion.points:
        return "PASSHOLDER_POINTS"
    return None


def status_refusal(sandbox: Sandbox, passholder: Passholder, promotion: Promotion) -> str | None:
    """:func:`refusal` with the world as it is now (for ``redeem-status``)."""
    return refusal(
        sandbox,
        passholder,
        promotion,
        sandbox.clock(),
        points=sandbox.ledger.points(passholder.number),
        redemptions=sandbox.ledger.redemptions(),
    )


def redeem(sandbox: Sandbox, number: str, promotion: Promotion) -> Redemption | str:
    """Redeem for ``number``: the redemption, or the reason it was refused (nothing changed)."""
    passholder = sandbox.data.passholders[number]
    now = sandbox.clock().replace(microsecond=0)
    code = f"UIT-{secrets.token_hex(4).upper()}" if promotion.online else ""
    redemption = Redemption(str(uuid.uuid4()), number, promotion.id, now, promotion.points, code)

    def refused(points: int, redemptions: list[Redemption]) -> str | None:
        return refusal(sandbox, passholder, promotion, now, points=points, redemptions=redemptions)

    reason = sandbox.ledger.try_redeem(redemption, refused)
    return redemption if reason is None else reason


def may_act_for(sandbox: Sandbox, caller: str, number: str) -> bool:
    """A passholder's user token acts for their own card and their family's (the spec's
    "a passholder id of one of the passholder's family members")."""
    return number == caller or any(n == number for n, _, _ in sandbox.families.members(caller))


def redeemed_reward(
    redemption: Redemption, promotion: Promotion | None, reward: dict[str, Any]
) -> dict[str, Any]:
    """A ``RedeemedReward``: the reward, when, and for an online one its code and how to use it."""
    answer: dict[str, Any] = {
        "id": redemption.id,
        "reward": reward,
        "redeemDate": redemption.at.isoformat(),
    }
    if redemption.code:
        organizer = promotion.balies[0].name if promotion and promotion.balies else "UiTPAS"
        answer["redeemCode"] = redemption.code
        answer["redeemInfo"] = {
            "text": f"Vul deze code in op de website van {organizer} bij het afrekenen.",
            "link": "https://www.uitpas.be/voordelen",
            "label": "Naar de webshop",
        }
    return answer


def coupons(number: str, now: datetime) -> list[dict[str, Any]]:
    """publiq's test dataset: 2 coupons (other region) and a group pass with coupons."""
    day = timedelta(days=1)

    def granted(gid: int, cid: str, name: str, begin: int, end: int, volume: int) -> dict[str, Any]:
        status = "ACTIVE" if end >= 0 else "EXPIRED"
        return {
            "id": gid,
            "coupon": {"id": cid, "name": name, "description": f"{name} (testcoupon)"},
            "validityPeriod": {
                "begin": (now + begin * day).replace(microsecond=0).isoformat(),
                "end": (now + end * day).replace(microsecond=0).isoformat(),
            },
            "status": status,
            "remaining": {"volume": volume, "period": "ABSOLUTE"},
        }

    found = {
        KANSENTARIEF_OTHER_REGION: [
            granted(21343, "COUPON_12", "Gratis naar de film", -30, 60, 1),
            granted(21344, "COUPON_13", "Zwemmen aan kansentarief", -30, 120, 3),
        ],
        GROUP_COUPONS: [granted(21345, "COUPON_20", "Groepsuitstap museum", -10, 80, 2)],
    }
    return found.get(number, [])


def routes(
    sandbox: Sandbox,
    *,
    authenticated: Callable[[Request], bool],
    user_of: Callable[[Request], str | None],
    needs: Callable[[str, permissions.Endpoint], permissions.Endpoint],
    problem: Callable[..., Response],
    reward_json: Callable[[Promotion, str], dict[str, Any]],
    number_of: Callable[[str], str | None],
) -> list[BaseRoute]:
    """The routes, to be listed before ``/rewards/{id}`` (which would take ``redeemed``)."""

    def unauthorized() -> Response:
        return problem(401, "auth/unauthorized", "Unauthorized")

    def media(request: Request) -> str:
        return f"{request.url.scheme}://{request.url.netloc}"

    def answer(redemption: Redemption, request: Request) -> dict[str, Any]:
        promotion = sandbox.data.promotion(redemption.reward_id)
        reward = reward_json(promotion, media(request)) if promotion else {"title": "?"}
        return redeemed_reward(redemption, promotion, reward)

    async def post_redeemed(request: Request) -> Response:
        if not authenticated(request):
            return unauthorized()
        try:
            body = await request.json()
        except ValueError:
            return problem(400, "body/invalid-syntax", "Invalid JSON")
        if not isinstance(body, dict):
            return problem(400, "body/invalid-data", "An object is expected")
        number, reward_id = body.get("uitpasNumber"), body.get("rewardId")
        if not isinstance(number, str) or not isinstance(reward_id, str):
            return problem(400, "body/invalid-data", "uitpasNumber and rewardId are required")
        if not is_wellformed_number(number.strip()):
            return problem(
                400, "uitpas/invalid-uitpas-number", "Invalid UiTPAS number",
                "Dit is geen geldig UiTPAS-nummer.",
            )  # fmt: skip
        if number.strip() not in sandbox.data.passholders:
            return problem(
                400, "uitpas/passholder-not-found", "Passholder not found", "Onbekende UiTPAS."
            )
        caller = user_of(request)
        if caller is not None and not may_act_for(sandbox, caller, number.strip()):
            return problem(403, "auth/forbidden", "Forbidden", detail="not this passholder")
        promotion = sandbox.data.promotion(reward_id)
        if promotion is None:
            return problem(404, "uitpas/reward-not-found", "Reward not found")
        sandbox.requests["redeem_user_token" if caller else "redeem_client_token"] += 1
        done = redeem(sandbox, number.strip(), promotion)
        if isinstance(done, str):
            kind, nl = REASONS[done]
            return problem(400, kind, done, nl)
        return JSONResponse(answer(done, request), 201)

    async def get_redeemed(request: Request) -> Response:
        if not authenticated(request):
            return unauthorized()
        query = request.query_params
        number = query.get("uitpasNumber", "").strip()
        if not number:  # passholderId needs organizerId: the bot never uses it
            return problem(400, "url/invalid-query", "uitpasNumber is required")
        if number not in sandbox.data.passholders:
            return problem(
                400, "uitpas/passholder-not-found", "Passholder not found", "Onbekende UiTPAS."
            )
        try:
            start, limit = int(query.get("start", "0")), int(query.get("limit", "20"))
        except ValueError:
            return problem(400, "url/query-limit-exceeded", "start and limit must be integers")
        if start < 0 or not 0 <= limit <= 500:
            return problem(400, "url/query-limit-exceeded", "limit must be between 0 and 500")
        kind = query.get("rewardType")
        found = [
            r
            for r in reversed(sandbox.ledger.redemptions(number))
            if kind is None
            or ((p := sandbox.data.promotion(r.reward_id)) is not None and p.kind == kind)
        ]
        return JSONResponse(
            {
                "totalItems": len(found),
                "member": [answer(r, request) for r in found[start : start + limit]],
            }
        )

    async def get_coupons(request: Request) -> Response:
        if not authenticated(request):
            return unauthorized()
        number = number_of(request.path_params["passholder_id"])
        if number is None:
            return problem(404, "uitpas/passholder-not-found", "Passholder not found")
        return JSONResponse(coupons(number, sandbox.clock()))

    return [
        Route(
            "/rewards/redeemed",
            needs("REWARDS_REDEEM", post_redeemed),
            methods=["POST"],
        ),
        Route("/rewards/redeemed", needs("REWARDS_READ", get_redeemed), methods=["GET"]),
        Route(
            "/passholders/{passholder_id}/coupons", needs("PASSHOLDER_COUPONS_READ", get_coupons)
        ),
    ]


def control_routes(sandbox: Sandbox) -> list[BaseRoute]:
    async def redeem_elsewhere(request: Request) -> Response:
        try:
            body: Any = await request.json()
            number, reward_id = str(body["uitpasNumber"]), str(body["rewardId"])
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": 'send {"uitpasNumber": N, "rewardId": R}'}, 400)
        promotion = sandbox.data.promotion(reward_id)
        if promotion is None or number not in sandbox.data.passholders:
            return JSONResponse({"error": "unknown passholder or reward"}, 404)
        done = redeem(sandbox, number, promotion)
        if isinstance(done, str):
            return JSONResponse({"refused": done}, 400)
        return JSONResponse({"id": done.id, "redeemCode": done.code}, 201)

    async def list_redemptions(request: Request) -> Response:
        number = request.query_params.get("uitpasNumber")
        return JSONResponse(
            [
                {"id": r.id, "rewardId": r.reward_id, "points": r.points, "code": r.code}
                for r in sandbox.ledger.redemptions(number)
            ]
        )

    return [
        Route("/_sandbox/redemptions", redeem_elsewhere, methods=["POST"]),
        Route("/_sandbox/redemptions", list_redemptions, methods=["GET"]),
    ]
