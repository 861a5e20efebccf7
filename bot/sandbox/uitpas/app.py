"""The sandbox's Starlette app: the legacy UiTPAS endpoints, their pictures, and a control API.

The v4 endpoints (``/v4``) and a UiTiD authorization server (``/auth``) are mounted here too,
over the same demo world (see :mod:`bot.sandbox.uitpas_v4`), and UiTdatabank's Search API
(``/search``, see :mod:`bot.sandbox.uitdatabank`) over the same events.

- ``/uitid/rest/...``: the API, as consumer requests (see :mod:`bot.sandbox.uitpas.auth`); the
  check-in and points endpoints answer JSON unless XML is asked for, the promotion endpoints
  XML unless JSON is asked for, as documented.
- ``/media/promotions/{id}-{n}.png``: promotion pictures (no OAuth, like any image URL).
- ``/_sandbox/...`` (no OAuth): ``POST reset``; ``GET passholders/{number}`` (points, check-in
  count, status); ``POST passholders`` ``{"count", "points"}``: that many more active passholders,
  their numbers in the answer (load benchmarks); ``GET events`` (check-in codes and windows);
  ``GET``/``POST``/``DELETE faults`` (see :mod:`bot.sandbox.uitpas.faults`); ``GET``/``POST
  settings`` with ``{"format": "json" | "xml" | "negotiate"}`` to force the answer format whatever
  the ``Accept`` header says, as the real promotion endpoints may; ``GET``/``DELETE requests``: how
  many requests each API operation answered (``checkin``, ``points``, ``promotions``,
  ``promotion``), to see what a client cached; ``POST promotions`` (``{"id", "title", "points",
  "inSpotlight"?, "description1"?, "maxAvailableUnits"?, "pictures"?, "online"?, "expired"?}``)
  and ``DELETE promotions/{id}`` to change the list of promotions while a test runs;
  ``GET``/``POST permissions`` ``{"withhold": [...]}``: v4 permissions the demo clients lack
  (403); ``GET``/``POST redemptions``: redeem as another application would (see
  :mod:`bot.sandbox.uitpas_v4.rewards_api`).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from bot.sandbox.uitdatabank import SEARCH_PREFIX
from bot.sandbox.uitdatabank.api import SearchStandIn
from bot.sandbox.uitpas import answers
from bot.sandbox.uitpas.answers import World
from bot.sandbox.uitpas.auth import DEMO_CONSUMERS, Consumer, ConsumerGate, Permission
from bot.sandbox.uitpas.data import (
    CC_DE_WERF,
    Clock,
    DemoData,
    Passholder,
    Promotion,
    demo_data,
    system_clock,
    with_check_digit,
)
from bot.sandbox.uitpas.faults import Fault, FaultMiddleware, Faults
from bot.sandbox.uitpas.pictures import promotion_picture
from bot.sandbox.uitpas.render import render, wants_json
from bot.sandbox.uitpas.state import Ledger
from bot.sandbox.uitpas_v4 import AUTH_PREFIX, V4_PREFIX, rewards_api, uitid
from bot.sandbox.uitpas_v4 import api as v4_api
from bot.sandbox.uitpas_v4 import family as v4_family
from bot.sandbox.uitpas_v4.permissions import Permissions
from bot.sandbox.uitpas_v4.permissions import control_routes as permission_control_routes

API_PREFIX = "/uitid/rest"


class Sandbox:
    """The sandbox's whole state, shared by the request handlers of one app."""

    def __init__(
        self,
        data: DemoData | None,
        clock: Clock,
        consumers: tuple[Consumer, ...],
        withhold: Iterable[str] = (),
    ):
        self.clock = clock
        self._fixed_data = data
        self.data = data or demo_data(clock())
        self.ledger = Ledger(self.data)
        self.faults = Faults()
        self.gate = ConsumerGate(consumers)
        self.answer_format: str | None = None  # "json" or "xml" forces it; None negotiates
        self.requests: Counter[str] = Counter()  # API operation -> requests answered
        self.uitid = uitid.UitidServer()  # the v4 side's authorization server
        self.permissions = Permissions(withhold)  # the v4 clients' (see uitpas_v4.permissions)
        # UiTdatabank's Search API over the same events; the v4 clients' ids identify callers.
        self.search = SearchStandIn(
            lambda: self.data, self.clock, lambda: frozenset(self.uitid.clients)
        )
        self.families = v4_family.Families()  # the v4 family accounts (see uitpas_v4.family)

    def as_json(self, request: Request, *, default_json: bool) -> bool:
        if self.answer_format is not None:
            return self.answer_format == "json"
        return wants_json(request.headers.get("accept"), default_json=default_json)

    def reset(self) -> None:
        """Back to the start: fresh demo data around the current time, no check-ins, no faults."""
        self.data = self._fixed_data or demo_data(self.clock())
        self.ledger.reset(self.data)
        self.faults.clear()
        self.answer_format = None
        self.requests.clear()
        self.uitid.reset()
        self.permissions.reset()
        self.search.reset()
        self.families.reset()

    def add_promotion(self, promotion: Promotion) -> None:
        kept = tuple(p for p in self.data.promotions if p.id != promotion.id)
        self.data = dataclasses.replace(self.data, promotions=(*kept, promotion))

    def remove_promotion(self, promotion_id: str) -> bool:
        kept = tuple(p for p in self.data.promotions if p.id != promotion_id)
        found = len(kept) != len(self.data.promotions)
        self.data = dataclasses.replace(self.data, promotions=kept)
        return found

    def add_passholders(self, count: int, points: int) -> list[str]:
        """``count`` more active passholders with made-up valid numbers (load benchmarks)."""
        passholders = dict(self.data.passholders)
        numbers = []
        serial = len(passholders)
        while len(numbers) < count:
            serial += 1
            number = with_check_digit(f"0940{serial:08d}")
            if number in passholders:
                continue
            passholders[number] = Passholder(number, f"Bezoeker {serial}", points)
            self.ledger.add(number, points)
            numbers.append(number)
        self.data = dataclasses.replace(self.data, passholders=passholders)
        return numbers

    def world(self, request: Request) -> World:
        media_url = str(request.base_url).rstrip("/")
        return World(self.data, self.ledger, self.clock(), media_url)


def create_app(
    data: DemoData | None = None,
    *,
    clock: Clock | None = None,
    consumers: tuple[Consumer, ...] = DEMO_CONSUMERS,
    withhold: Iterable[str] = (),
) -> Starlette:
    """The sandbox app. ``data`` defaults to :func:`demo_data` around ``clock()`` at start;
    ``withhold`` names v4 permissions the demo clients lack (answered 403)."""
    sandbox = Sandbox(data, clock or system_clock, consumers, withhold)

    def api(
        permission: Permission,
        default_json: bool,
        handler: Callable[[Request, World], Awaitable[answers.Answer]],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            sandbox.requests[handler.__name__] += 1
            answer = await sandbox.gate.refusal(request, permission)
            if answer is None:
                answer = await handler(request, sandbox.world(request))
            return render(answer, as_json=sandbox.as_json(request, default_json=default_json))

        return endpoint

    async def checkin(request: Request, world: World) -> answers.Answer:
        form = dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
        return answers.checkin(world, form.get("uitpasNumber", ""), form.get("checkinCode", ""))

    async def points(request: Request, world: World) -> answers.Answer:
        return answers.points(world, request.path_params["number"])

    async def promotions(request: Request, world: World) -> answers.Answer:
        return answers.promotions(world, request.query_params)

    async def promotion(request: Request, world: World) -> answers.Answer:
        return answers.promotion(world, request.path_params["id"], request.query_params)

    async def picture(request: Request) -> Response:
        promotion_id, _, variant = request.path_params["name"].partition("-")
        found = sandbox.data.promotion(promotion_id)
        path = f"/media/promotions/{request.path_params['name']}.png"
        if found is None or path not in found.pictures:
            return Response("Not Found", 404)
        png = promotion_picture(found.title, int(variant))
        return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    async def reset(request: Request) -> Response:
        sandbox.reset()
        return JSONResponse({"reset": True})

    async def add_passholders(request: Request) -> Response:
        try:
            fields: Any = await request.json()
            count = int(fields.get("count", 0))
            points = int(fields.get("points", 0))
        except (ValueError, TypeError, AttributeError):
            return JSONResponse({"error": 'send {"count": N, "points": P}'}, 400)
        if not 1 <= count <= 100_000 or points < 0:
            return JSONResponse({"error": "count must be 1..100000, points 0 or more"}, 400)
        return JSONResponse({"numbers": sandbox.add_passholders(count, points)}, 201)

    async def passholder(request: Request) -> Response:
        number = request.path_params["number"]
        found = sandbox.data.passholders.get(number)
        if found is None:
            return JSONResponse({"error": "unknown passholder"}, 404)
        return JSONResponse(
            {
                "number": found.number,
                "name": found.name,
                "status": found.status,
                "group": found.group,
                "points": sandbox.ledger.points(number),
                "checkins": len(sandbox.ledger.checkins(number)),
            }
        )

    async def events(request: Request) -> Response:
        return JSONResponse(
            [
                {
                    "id": e.id,
                    "title": e.title,
                    "checkinCode": e.checkin_code,
                    "start": e.start.isoformat(),
                    "end": e.end.isoformat(),
                    "points": e.points,
                    "longRunning": e.long_running,
                }
                for e in sandbox.data.events
            ]
        )

    async def faults(request: Request) -> Response:
        if request.method == "POST":
            try:
                fields: Any = await request.json()
                fault = Fault.from_json(fields if isinstance(fields, dict) else {})
            except ValueError as exc:
                return JSONResponse({"error": str(exc)}, 400)
            sandbox.faults.add(fault)
            return JSONResponse(sandbox.faults.describe(), 201)
        if request.method == "DELETE":
            sandbox.faults.clear()
        return JSONResponse(sandbox.faults.describe())

    async def settings(request: Request) -> Response:
        if request.method == "POST":
            try:
                fields: Any = await request.json()
            except ValueError:
                fields = None
            answer_format = fields.get("format") if isinstance(fields, dict) else None
            if answer_format not in ("json", "xml", "negotiate"):
                return JSONResponse({"error": "format must be json, xml or negotiate"}, 400)
            sandbox.answer_format = None if answer_format == "negotiate" else answer_format
        return JSONResponse({"format": sandbox.answer_format or "negotiate"})

    async def requests(request: Request) -> Response:
        if request.method == "DELETE":
            sandbox.requests.clear()
        return JSONResponse(dict(sandbox.requests))

    async def add_promotion(request: Request) -> Response:
        try:
            fields: Any = await request.json()
            promotion = _new_promotion(fields, sandbox.clock())
        except (ValueError, TypeError, KeyError) as exc:
            return JSONResponse({"error": f"bad promotion: {exc}"}, 400)
        sandbox.add_promotion(promotion)
        return JSONResponse({"id": promotion.id}, 201)

    async def remove_promotion(request: Request) -> Response:
        if not sandbox.remove_promotion(request.path_params["id"]):
            return JSONResponse({"error": "unknown promotion"}, 404)
        return JSONResponse({"removed": request.path_params["id"]})

    api_routes = [
        Route(
            "/uitpas/enduser/checkin",
            api(Permission.CHECKIN, True, checkin),
            methods=["POST"],
        ),
        Route("/uitpas/enduser/{number}", api(Permission.POINTS, True, points)),
        Route(
            "/uitpas/passholder/pointsPromotions",
            api(Permission.PROMOTIONS, False, promotions),
        ),
        Route(
            "/uitpas/promotion/pointsPromotion/{id}",
            api(Permission.PROMOTIONS, False, promotion),
        ),
    ]
    app = Starlette(
        routes=[
            Mount(API_PREFIX, routes=api_routes),
            Mount(
                V4_PREFIX,
                routes=[*v4_api.routes(sandbox, sandbox.uitid), *v4_family.routes(sandbox)],
            ),
            Mount(
                AUTH_PREFIX,
                routes=uitid.routes(
                    sandbox.uitid,
                    lambda: [(p.number, p.name) for p in sandbox.data.passholders.values()],
                ),
            ),
            Mount(SEARCH_PREFIX, routes=sandbox.search.routes()),
            *sandbox.search.control_routes(),
            *uitid.control_routes(sandbox.uitid),
            *permission_control_routes(sandbox.permissions),
            *rewards_api.control_routes(sandbox),
            *v4_family.control_routes(sandbox),
            Route("/media/promotions/{name:str}.png", picture),
            Route("/_sandbox/reset", reset, methods=["POST"]),
            Route("/_sandbox/passholders", add_passholders, methods=["POST"]),
            Route("/_sandbox/passholders/{number}", passholder),
            Route("/_sandbox/events", events),
            Route("/_sandbox/faults", faults, methods=["GET", "POST", "DELETE"]),
            Route("/_sandbox/settings", settings, methods=["GET", "POST"]),
            Route("/_sandbox/requests", requests, methods=["GET", "DELETE"]),
            Route("/_sandbox/promotions", add_promotion, methods=["POST"]),
            Route("/_sandbox/promotions/{id}", remove_promotion, methods=["DELETE"]),
        ],
        middleware=[Middleware(FaultMiddleware, faults=sandbox.faults)],
    )
    app.state.sandbox = sandbox
    return app


def _new_promotion(fields: Any, now: Any) -> Promotion:
    """A promotion from the control API: cashable and published from yesterday for a month."""
    if not isinstance(fields, dict):
        raise ValueError("a JSON object is expected")
    promotion_id = str(fields["id"])
    if not promotion_id.isdigit():
        raise ValueError("id must be digits, as UiTPAS's are")
    points = fields["points"]
    if not isinstance(points, int) or points < 0:
        raise ValueError("points must be a non-negative integer")
    units = fields.get("maxAvailableUnits")
    if units is not None and (not isinstance(units, int) or units < 0):
        raise ValueError("maxAvailableUnits must be a non-negative integer or null")
    day = timedelta(days=1)
    # ``expired``: its redeem period ended a minute ago (a reward that expires between the
    # bot's confirmation and the passholder's tap); ``online``: redeemed online, with a code.
    cashing_end = now - timedelta(minutes=1) if fields.get("expired") else now + 30 * day
    return Promotion(
        id=promotion_id,
        title=str(fields["title"]),
        points=points,
        description1=fields.get("description1"),
        description2=fields.get("description2"),
        in_spotlight=bool(fields.get("inSpotlight", False)),
        pictures=tuple(
            f"/media/promotions/{promotion_id}-{n}.png"
            for n in range(int(fields.get("pictures", 0)))
        ),
        max_available_units=units,
        units_taken=0,
        created=now,
        cashing_period_begin=now - day,
        cashing_period_end=cashing_end,
        publication_period_begin=now - day,
        publication_period_end=None,
        balies=(CC_DE_WERF,),
        cities=("Aalst",),
        online=bool(fields.get("online", False)),
    )
