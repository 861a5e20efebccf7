"""The v4 endpoints the bot uses, over the sandbox's shared demo world.

- ``GET /passes?identifier=`` (client or user token): the pass and its points (and, for some
  passholders, ``messages``: :data:`PASS_MESSAGES`).
- ``GET /passholders/me`` (user token): who logged in, with their UiTPAS number and card-system
  memberships (for :data:`ME_WITHOUT_UITPAS_NUMBER` only in the memberships).
- ``POST /passholders/me/checkins`` (user token) ``{"checkinCode"}`` → 201
  ``{addedPoints, totalPoints}``; the rules are the legacy sandbox's (:mod:`..uitpas.answers`),
  translated into problem types.
- ``GET /rewards`` (token or ``x-client-id``): ``featured``, ``start``, ``limit``, ``sort``
  (``points``, ``-points``, ``name``, ``creationdate``); active, published, unexpired rewards.
- ``GET /rewards/{id}``, ``GET /rewards/{id}/redeem-status?uitpasNumber=``.
- ``GET /passholders/{passholderId}/transactions`` (user token; ``me``, the passholder's own
  id, or a member of their family's): the check-ins of the shared ledger,
  ``{title, location, creationDate, points}`` with the event's title and organiser, dated to
  the second as publiq's examples are; ``start``, ``limit`` (at most 500) and
  ``sort[creationDate]`` (``desc`` by default).

Errors are ``application/problem+json`` with ``endUserMessage.nl`` where the real API has one.
Request counts go to the same counter as the legacy operations (``checkin``, ``points``,
``promotions``, ``promotion``), so a test can see what the bot cached under either API; the
history counts as ``transactions``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.sandbox.uitpas import answers
from bot.sandbox.uitpas.answers import World
from bot.sandbox.uitpas.data import (
    GENT,
    OTHER,
    PASPARTOE,
    CardStatus,
    CardSystem,
    Passholder,
    Promotion,
    SocialTariff,
    is_wellformed_number,
    with_check_digit,
)
from bot.sandbox.uitpas_v4 import permissions, rewards_api
from bot.sandbox.uitpas_v4.uitid import AccessToken, UitidServer

if TYPE_CHECKING:
    from bot.sandbox.uitpas.app import Sandbox

PROBLEM_BASE = "https://api.publiq.be/probs/"
# The spec does not require ``Passholder.uitpasNumber``: for these passholders ``/me`` leaves
# it out, so the bot must find the number in ``cardSystemMemberships`` (where a blocked
# membership in another card system comes first, so "an active one first" is exercised).
ME_WITHOUT_UITPAS_NUMBER = frozenset({OTHER})
OTHER_CARD_SYSTEM = {"id": 99, "name": "UiTPAS Regio Kortrijk", "cities": [], "permanent": True}
OLD_BLOCKED_CARD = with_check_digit("050000000001")  # in no demo role
# ``GET /passes`` ``messages``, which the spec says MUST be shown to the passholder.
PASS_MESSAGES: dict[str, list[dict[str, str]]] = {
    OTHER: [
        {
            "level": "WARN",
            "text": "Je kansenstatuut vervalt binnenkort. Verleng het bij je UiTPAS-balie.",
        }
    ],
}


def problem(
    status: int, kind: str, title: str, end_user_nl: str | None = None, **extra: Any
) -> Response:
    body: dict[str, Any] = {"type": PROBLEM_BASE + kind, "title": title, "status": status}
    if end_user_nl:
        body["endUserMessage"] = {"nl": end_user_nl}
    return JSONResponse(body | extra, status, media_type="application/problem+json")


def _unauthorized() -> Response:
    return problem(401, "auth/unauthorized", "Unauthorized")


# legacy answer code → (status, problem type, extra fields)
_CHECKIN_PROBLEMS: dict[str, tuple[int, str, dict[str, Any]]] = {
    "CHECKIN_CODE_INVALID": (400, "uitpas/checkin-code-invalid", {}),
    "CHECKIN_CODE_EXPIRED": (400, "uitpas/checkin-code-expired", {}),
    "MAXIMUM_REACHED": (400, "uitpas/checkin-not-allowed", {}),
    "GROUPPAS_NOT_ALLOWED": (400, "uitpas/checkin-not-allowed", {"passType": "GROUP"}),
    "UNKNOWN_UITPASNUMBER": (400, "uitpas/passholder-not-found", {}),
    "PARSE_INVALID_UITPASNUMBER": (400, "uitpas/passholder-not-found", {}),
}


def routes(sandbox: Sandbox, uitid: UitidServer) -> list[BaseRoute]:
    def bearer(request: Request) -> AccessToken | None:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            return None
        return uitid.access(header[7:].strip())

    def counted(
        name: str, handler: Callable[[Request], Awaitable[Response]]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            sandbox.requests[name] += 1
            return await handler(request)

        return endpoint

    async def passes(request: Request) -> Response:
        if bearer(request) is None:
            return _unauthorized()
        # The identifier may be a UiTPAS, INSZ or chip number: the spec's only answer for one
        # that matches no pass is 404 pass-not-found (it lists no invalid-number type here).
        number = request.query_params.get("identifier", "").strip()
        found = sandbox.data.passholders.get(number)
        if found is None:
            return problem(404, "uitpas/pass-not-found", "Pass not found", "Onbekende UiTPAS.")
        if found.status is not CardStatus.ACTIVE:
            return _card_status_problem(found)
        return JSONResponse(_pass(found, sandbox.ledger.points(number), sandbox.data.now))

    async def me(request: Request) -> Response:
        token = bearer(request)
        if token is None or token.number is None:
            return _unauthorized()
        found = sandbox.data.passholders.get(token.number)
        if found is None:
            return problem(404, "uitpas/passholder-not-found", "Passholder not found")
        return JSONResponse(_passholder(found, sandbox.ledger.points(found.number)))

    async def checkin(request: Request) -> Response:
        token = bearer(request)
        if token is None or token.number is None:
            return _unauthorized()
        return await checkin_as(sandbox, request, token.number)

    async def transactions(request: Request) -> Response:
        token = bearer(request)
        if token is None:
            return _unauthorized()
        wanted = request.path_params["passholder_id"]
        if token.number is None:  # a client token: the spec says "me" cannot be used then
            return problem(403, "auth/forbidden", "Forbidden", detail="me needs a user token")
        whose = token.number
        if wanted not in ("me", _passholder_id(token.number)):
            # The spec: also "a passholder id of one of the passholder's family members".
            family = {_passholder_id(n): n for n, _, _ in sandbox.families.members(whose)}
            if wanted not in family:
                return problem(403, "auth/forbidden", "Forbidden", detail="not this passholder")
            whose = family[wanted]
        query = request.query_params
        try:
            start = int(query.get("start", "0"))
            limit = int(query.get("limit", "20"))
        except ValueError:
            return _limit_problem()
        if start < 0 or not 0 <= limit <= 500:
            return _limit_problem()
        events = {e.id: e for e in sandbox.data.events}
        lines: list[tuple[datetime, str, str, int]] = []  # (when, title, location, ± points)
        for checkin in sandbox.ledger.checkins(whose):
            event = events.get(checkin.event_id)
            title, place = (event.title, event.organiser.name) if event else ("Check-in", "")
            lines.append((checkin.at, title, place, checkin.points))
        for redemption in sandbox.ledger.redemptions(whose):  # points spent: negative
            reward = sandbox.data.promotion(redemption.reward_id)
            title = reward.title if reward else "Voordeel"
            place = reward.balies[0].name if reward and reward.balies else ""
            lines.append((redemption.at, title, place, -redemption.points))
        lines.sort(key=lambda line: line[0], reverse=query.get("sort[creationDate]") != "asc")
        return JSONResponse(
            {
                "totalItems": len(lines),
                "member": [
                    {
                        "title": title,
                        "location": place,
                        "creationDate": at.isoformat(timespec="seconds"),
                        "points": points,
                    }
                    for at, title, place, points in lines[start : start + limit]
                ],
            }
        )

    async def list_rewards(request: Request) -> Response:
        if bearer(request) is None and request.headers.get("x-client-id") not in uitid.clients:
            return _unauthorized()
        query = request.query_params
        # url/query-limit-exceeded is the one query problem the spec lists for GET /rewards.
        try:
            start = int(query.get("start", "0"))
            limit = int(query.get("limit", "20"))
        except ValueError:
            return problem(400, "url/query-limit-exceeded", "start and limit must be integers")
        if start < 0 or not 0 <= limit <= 500:
            return problem(400, "url/query-limit-exceeded", "limit must be between 0 and 500")
        now = sandbox.clock()
        featured = query.get("featured")
        kind = query.get("type", "POINTS")
        # The spec: owningCardSystemId "rewards of this card system", applicableCardSystemId
        # "rewards applicable to passholders of this card system"; both may repeat. No demo
        # reward is open to all card systems (allCardSystems), so here both select the owner.
        owning = set(query.getlist("owningCardSystemId"))
        applicable = set(query.getlist("applicableCardSystemId"))
        selected = [
            p
            for p in sandbox.data.promotions
            if _active(p, now)
            and (kind == "ANY" or p.kind == kind)
            and (not owning or str(p.card_system.id) in owning)
            and (not applicable or str(p.card_system.id) in applicable)
            and (featured is None or p.in_spotlight == (featured == "true"))
            and rewards_api.selected_for(sandbox, query, p)
        ]
        sort = query.get("sort", "")
        field = sort.lstrip("-")
        keys: dict[str, Callable[[Promotion], Any]] = {  # spelled as the spec's description
            "points": lambda p: p.points,
            "name": lambda p: p.title.casefold(),
            "creationdate": lambda p: p.created,
        }
        selected.sort(key=lambda p: p.id)
        if field in keys:
            selected.sort(key=keys[field], reverse=sort.startswith("-"))
        page = selected[start : start + limit]
        media = f"{request.url.scheme}://{request.url.netloc}"
        return JSONResponse(
            {
                "totalItems": len(selected),
                "member": [reward_json(p, media) for p in page],
            }
        )

    async def one_reward(request: Request) -> Response:
        if bearer(request) is None:
            return _unauthorized()
        found = sandbox.data.promotion(request.path_params["id"])
        if found is None:
            return problem(404, "uitpas/reward-not-found", "Reward not found")
        media = f"{request.url.scheme}://{request.url.netloc}"
        return JSONResponse(reward_json(found, media))

    async def redeem_status(request: Request) -> Response:
        if bearer(request) is None:
            return _unauthorized()
        found = sandbox.data.promotion(request.path_params["id"])
        if found is None:
            return problem(404, "uitpas/reward-not-found", "Reward not found")
        number = request.query_params.get("uitpasNumber", "").strip()
        if not is_wellformed_number(number):  # uitpasNumber is required by the spec
            return problem(
                400, "uitpas/invalid-uitpas-number", "Invalid UiTPAS number",
                "Dit is geen geldig UiTPAS-nummer.",
            )  # fmt: skip
        passholder = sandbox.data.passholders.get(number)
        if passholder is None:
            return problem(
                400, "uitpas/passholder-not-found", "Passholder not found", "Onbekende UiTPAS."
            )
        reason = rewards_api.status_refusal(sandbox, passholder, found)
        if reason is None:
            return JSONResponse({"redeemable": True})
        message = rewards_api.REASONS[reason][1]
        return JSONResponse({"redeemable": False, "reason": reason, "message": message})

    def authenticated(request: Request) -> bool:
        return bearer(request) is not None

    def reward_json(promotion: Promotion, media: str) -> dict[str, Any]:
        taken = rewards_api.units_taken(sandbox, promotion)
        return _reward(promotion, media, units_taken=taken, now=sandbox.clock())

    def number_of(passholder_id: str) -> str | None:
        found = (n for n in sandbox.data.passholders if _passholder_id(n) == passholder_id)
        return next(found, None)

    def needs(permission: str, handler: permissions.Endpoint) -> permissions.Endpoint:
        """Each operation behind the permission the spec names for it."""
        return permissions.needs(sandbox.permissions, permission, authenticated, handler)

    return [
        Route("/passes", counted("points", needs("PASSES_READ", passes))),
        Route("/passholders/me", counted("me", needs("PASSHOLDERS_SELF_READ", me))),
        Route(
            "/passholders/me/checkins",
            counted("checkin", needs("PASSHOLDERS_SELF_CHECKIN", checkin)),
            methods=["POST"],
        ),
        Route(
            "/passholders/{passholder_id}/transactions",
            # The spec: PASSHOLDERS_SELF_CHECKIN "for the given passholder".
            counted("transactions", needs("PASSHOLDERS_SELF_CHECKIN", transactions)),
        ),
        *rewards_api.routes(
            sandbox,
            authenticated=authenticated,
            user_of=lambda request: token.number if (token := bearer(request)) else None,
            needs=needs,
            problem=problem,
            reward_json=reward_json,
            number_of=number_of,
        ),
        Route("/rewards", counted("promotions", list_rewards)),  # no permission needed
        Route("/rewards/{id}", counted("promotion", needs("REWARDS_READ", one_reward))),
        Route("/rewards/{id}/redeem-status", needs("REWARDS_REDEEM", redeem_status)),
        *permissions.routes(sandbox.permissions, authenticated),
    ]


async def checkin_as(sandbox: Sandbox, request: Request, number: str) -> Response:
    """A check-in of ``number`` with the code in the body: the passholder's own, or (with the
    parent's token) a family member's (:mod:`.family`)."""
    try:
        body = await request.json()
    except ValueError:
        return problem(400, "body/invalid-syntax", "Invalid JSON")
    code = body.get("checkinCode") if isinstance(body, dict) else None
    if not isinstance(code, str):
        return problem(400, "body/invalid-data", "checkinCode is required")
    passholder = sandbox.data.passholders.get(number)
    if passholder is not None and passholder.status is not CardStatus.ACTIVE:
        # The spec lists no card-status type for this operation: a passholder whose only
        # card is not active has no active card system membership.
        return problem(
            400,
            "uitpas/passholder-no-active-cardsystems",
            "Passholder has no active card system memberships",
            _CARD_STATUS_NL.get(passholder.status, "Deze UiTPAS is niet actief."),
        )
    media = f"{request.url.scheme}://{request.url.netloc}"
    world = World(sandbox.data, sandbox.ledger, sandbox.clock(), media)
    answer = answers.checkin(world, number, code)
    payload = answer.payload
    if payload["code"] == "ACTION_SUCCEEDED":
        return JSONResponse(
            {"addedPoints": payload["savedPoints"], "totalPoints": payload["points"]}, 201
        )
    status, kind, extra = _CHECKIN_PROBLEMS.get(
        payload["code"], (400, "uitpas/checkin-not-allowed", {})
    )
    return problem(status, kind, payload["code"], payload.get("message"), **extra)


_passholder_id = rewards_api.passholder_id


def _limit_problem() -> Response:
    return problem(
        400, "url/query-limit-exceeded", "Invalid start or limit",
        detail="start must be 0 or more, limit between 0 and 500",
    )  # fmt: skip


_CARD_STATUS_NL = {
    CardStatus.BLOCKED: "Deze UiTPAS is geblokkeerd.",
    CardStatus.DELETED: "Deze UiTPAS werd verwijderd.",
}


def _card_status_problem(passholder: Passholder) -> Response:
    return problem(
        400,
        "uitpas/invalid-card-status",
        "Invalid card status",
        _CARD_STATUS_NL.get(passholder.status, "Deze UiTPAS is niet actief."),
        cardStatus=passholder.status.value,
        passholderId=_passholder_id(passholder.number),
    )


DEMO_CITY = {GENT.id: "Gent", PASPARTOE.id: "Brussel"}
DEMO_DATE_OF_BIRTH = "2000-01-01"  # the spec's example; the demo world has no birth dates


def _card_system(system: CardSystem) -> dict[str, Any]:
    return {
        "id": system.id,
        "name": system.name,
        "cities": [{"postalCode": code, "name": name} for code, name in system.cities],
        "permanent": True,
    }


def _social_tariff(passholder: Passholder, now: datetime) -> dict[str, Any]:
    """The pass's ``socialTariff``: only a kansentarief of the pass's own card system counts.
    ``endDate`` for every status but NONE; past with ACTIVE is the grace period."""
    if passholder.social_tariff_system not in (None, passholder.card_system):
        return {"status": "NONE"}
    tariff: dict[str, Any] = {"status": passholder.social_tariff.value}
    if passholder.social_tariff is not SocialTariff.NONE:
        end = now + timedelta(days=passholder.social_tariff_end_days)
        tariff["endDate"] = end.replace(microsecond=0).isoformat()
    return tariff


def _pass(passholder: Passholder, points: int, now: datetime) -> dict[str, Any]:
    messages = PASS_MESSAGES.get(passholder.number)
    return {
        **({"messages": messages} if messages else {}),
        "passholderId": _passholder_id(passholder.number),
        "passType": "GROUP" if passholder.group else "INDIVIDUAL",
        "uitpasNumber": passholder.number,
        "firstName": passholder.first_name,
        "points": points,
        "postalCode": passholder.postal_code,
        "socialTariff": _social_tariff(passholder, now),
        "cardSystem": _card_system(passholder.card_system),
    }


def _memberships(passholder: Passholder) -> list[dict[str, Any]]:
    """One membership per card system: the pass's own, and where a kansentarief elsewhere
    holds ("in another region"). Only the own membership has a card, so only it has a number."""
    card_status = "BLOCKED" if passholder.status is CardStatus.BLOCKED else "ACTIVE"
    if passholder.status is CardStatus.DELETED:
        card_status = "DELETED"
    own: dict[str, Any] = {
        "cardSystem": _card_system(passholder.card_system),
        "currentCard": {
            "uitpasNumber": passholder.number,
            "cardType": "DIGITAL" if passholder.online else "NFC_CARD",
            "status": card_status,
        },
        "status": "ACTIVE",
    }
    if card_status == "ACTIVE":  # the spec: only the number of an ACTIVE current card
        own["uitpasNumber"] = passholder.number
    tariff_system = passholder.social_tariff_system or passholder.card_system
    tariff = {"status": passholder.social_tariff.value, "endDate": _TARIFF_END}
    memberships = [own]
    if passholder.social_tariff is SocialTariff.NONE:
        pass
    elif tariff_system == passholder.card_system:
        own["socialTariff"] = tariff
    else:
        memberships.append(
            {"cardSystem": _card_system(tariff_system), "status": "ACTIVE", "socialTariff": tariff}
        )
    return memberships


_TARIFF_END = "2030-12-31T22:59:59+00:00"


def _passholder(passholder: Passholder, points: int) -> dict[str, Any]:
    city = DEMO_CITY.get(passholder.card_system.id, "Gent")
    answer: dict[str, Any] = {
        "id": _passholder_id(passholder.number),
        "firstName": passholder.first_name,
        "name": passholder.last_name,
        "cardSystemMemberships": _memberships(passholder),
        # Required by the spec; the demo world has no birth dates.
        "dateOfBirth": DEMO_DATE_OF_BIRTH,
        "postalCode": passholder.postal_code,
        "address": {"postalCode": passholder.postal_code, "city": city},
        "points": points,
        "uitidStatus": "REGISTERED",
    }
    # "The UiTPAS number of the oldest, still active cardsystem membership, that has an active
    # card": a passholder whose card is blocked or deleted has none.
    if passholder.status is CardStatus.ACTIVE and passholder.number not in ME_WITHOUT_UITPAS_NUMBER:
        answer["uitpasNumber"] = passholder.number
    if passholder.number in ME_WITHOUT_UITPAS_NUMBER:
        # A membership that is blocked although its card is not: listed first, never chosen.
        blocked = {
            "cardSystem": OTHER_CARD_SYSTEM,
            "uitpasNumber": OLD_BLOCKED_CARD,
            "currentCard": {
                "uitpasNumber": OLD_BLOCKED_CARD,
                "cardType": "NFC_CARD",
                "status": "ACTIVE",
            },
            "status": "BLOCKED",
        }
        answer["cardSystemMemberships"].insert(0, blocked)
    return answer


def _active(promotion: Promotion, now: datetime) -> bool:
    end = promotion.publication_period_end
    published = promotion.publication_period_begin <= now and (end is None or now <= end)
    return published and answers._unexpired(promotion, now)


def _period(begin: datetime, end: datetime | None) -> dict[str, str]:
    period = {"begin": begin.isoformat()}
    if end is not None:
        period["end"] = end.isoformat()
    return period


def _reward(
    promotion: Promotion, media: str, *, units_taken: int | None = None, now: datetime | None = None
) -> dict[str, Any]:
    end = promotion.cashing_period_end
    soon = now + rewards_api.LAST_CHANCE if now is not None else None
    last_chance = now is not None and soon is not None and end is not None and now <= end <= soon
    reward: dict[str, Any] = {
        "id": promotion.id,
        "title": promotion.title,
        "type": promotion.kind,
        "promotionalDescription": promotion.description1 or promotion.title,
        "points": promotion.points,
        "featured": promotion.in_spotlight,
        "status": "ACTIVE",
        "pictures": [media + path for path in promotion.pictures],
        "unitsTaken": promotion.units_taken if units_taken is None else units_taken,
        "online": promotion.online,
        "lastChance": last_chance,
        "publicationPeriod": _period(
            promotion.publication_period_begin, promotion.publication_period_end
        ),
        "redeemPeriod": _period(promotion.cashing_period_begin, promotion.cashing_period_end),
        "owningCardSystem": {"id": promotion.card_system.id, "name": promotion.card_system.name},
        "organizers": [rewards_api.organizer(b) for b in promotion.balies],
        "allCardSystems": False,
    }
    if promotion.description2:
        reward["practicalInfo"] = promotion.description2
    if promotion.max_available_units is not None:
        reward["maxAvailableUnits"] = promotion.max_available_units
    if promotion.per_passholder is not None:
        volume, period = promotion.per_passholder
        reward["redeemConstraint"] = {"volume": volume, "period": period}
    return reward
