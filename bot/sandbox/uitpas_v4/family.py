"""The v4 family endpoints ("gezin"), over the sandbox's demo world, as publiq's spec has them.

- ``GET /passholders/me/uitid/registration-token`` (``x-client-id`` and HTTP Basic
  ``uitpasNumber:dateOfBirth``): a registration token for that passholder, the proof that whoever
  adds them to a family knows their birth date. A wrong pair is 401, as the spec lists no other.
- ``GET /passholders/{id}/family-members`` (the passholder's own token; ``id`` their own id or
  ``me``): the family, the passholder themself first with ``mainFamilyMember``.
- ``POST /passholders/{id}/family-members`` ``{"uitpasNumber", "icon"?}`` with the
  ``x-registration-token`` of the new member: 201, or ``invalid-uitpas-number``,
  ``passholder-not-found``, ``family-member-already-added``, ``too-many-family-members``
  (:data:`MAX_FAMILY_MEMBERS`), ``too-many-adults-in-family`` (:data:`MAX_ADULTS`).
- ``PUT …/family-members/{memberId}`` ``{"icon"}`` and ``DELETE …/family-members/{memberId}``:
  202 (a DELETE of someone not in the family too: it is already as asked; the spec lists no
  problem type for its 404); the main member cannot be removed (403), a member may leave.
- ``GET /passholders/{id}/families`` (the passholder's own token): the *other* families the
  passholder was added to, each main member's ``passholderId``, ``firstName``, ``name`` and
  ``memberSince``; leaving one is the ``DELETE`` above with the leaver's own token.
- ``PUT``'s ``icon`` is one of :data:`ICONS` (the spec's examples' ``iconN.png``; anything else
  is 400 ``body/invalid-data``), for any member, the main member included.
- ``POST /passholders/{id}/checkins``: the check-in of a family member with the parent's token
  (or of the passholder themself by id), counted as ``checkin`` like ``/me/checkins``.

The family relation is not mutual (the spec: "the list of family members is specific to this
passholder"): FAMILY_KANSENTARIEF's family holds CHILD; CHILD's own list is CHILD alone. Birth
dates are those the dataset's INSZ numbers encode; every other card is born on the spec's
example date. Control: ``GET /_sandbox/families`` shows every family (numbers per main member).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.sandbox.uitpas.data import (
    CHILD,
    FAMILY,
    FAMILY_KANSENTARIEF,
    CardStatus,
    is_wellformed_number,
)
from bot.sandbox.uitpas_v4 import permissions
from bot.sandbox.uitpas_v4.api import (
    DEMO_DATE_OF_BIRTH,
    _passholder,
    _passholder_id,
    _unauthorized,
    checkin_as,
    problem,
)

if TYPE_CHECKING:
    from bot.sandbox.uitpas.app import Sandbox

MAX_FAMILY_MEMBERS = 8  # the main member included
MAX_ADULTS = 2
ADULT_AGE = 18
PERMISSION = "PASSHOLDERS_FAMILY_MEMBERS"
ICONS = tuple(f"https://www.uitpas.be/_nuxt/img/icon{n}.png" for n in range(1, 9))
# From the INSZ numbers of publiq's test dataset (YYMMDD…): 80010170282, 91063061055,
# 15021760024.
BIRTH_DATES = {FAMILY: "1980-01-01", FAMILY_KANSENTARIEF: "1991-06-30", CHILD: "2015-02-17"}
SEEDED = {FAMILY_KANSENTARIEF: (CHILD,)}


def birth_date(number: str) -> str:
    return BIRTH_DATES.get(number, DEMO_DATE_OF_BIRTH)


def is_adult(number: str, today: date) -> bool:
    born = date.fromisoformat(birth_date(number))
    return (
        today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    ) >= ADULT_AGE


class Families:
    """Every family in memory, under one lock: main member's number → members' numbers and
    icons, in the order they were added; and the registration tokens handed out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            now = datetime.now(UTC).replace(microsecond=0)
            self._members: dict[str, list[tuple[str, str, datetime]]] = {
                main: [(n, ICONS[i + 1], now) for i, n in enumerate(children)]
                for main, children in SEEDED.items()
            }
            self._tokens: dict[str, str] = {}
            self._own_icons: dict[str, str] = {}  # a main member's own icon, once edited

    def issue_token(self, number: str) -> str:
        token = secrets.token_hex(16)
        with self._lock:
            self._tokens[token] = number
        return token

    def redeem_token(self, token: str) -> str | None:
        with self._lock:
            return self._tokens.pop(token, None)

    def members(self, main: str) -> list[tuple[str, str, datetime]]:
        with self._lock:
            return list(self._members.get(main, ()))

    def add(self, main: str, number: str, icon: str | None, today: date) -> str | None:
        """None when added, else the problem type's name."""
        with self._lock:
            family = self._members.setdefault(main, [])
            numbers = [main, *(n for n, _, _ in family)]
            if number in numbers:
                return "family-member-already-added"
            if len(numbers) >= MAX_FAMILY_MEMBERS:
                return "too-many-family-members"
            adults = sum(is_adult(n, today) for n in numbers)
            if is_adult(number, today) and adults >= MAX_ADULTS:
                return "too-many-adults-in-family"
            icon = icon or ICONS[len(family) % len(ICONS)]
            family.append((number, icon, datetime.now(UTC).replace(microsecond=0)))
            return None

    def update(self, main: str, number: str, icon: str) -> bool:
        with self._lock:
            if number == main:
                self._own_icons[main] = icon
                return True
            family = self._members.get(main, [])
            for index, (member, _, created) in enumerate(family):
                if member == number:
                    family[index] = (member, icon, created)
                    return True
            return False

    def remove(self, main: str, number: str) -> bool:
        with self._lock:
            family = self._members.get(main, [])
            kept = [m for m in family if m[0] != number]
            self._members[main] = kept
            return len(kept) != len(family)

    def own_icon(self, main: str) -> str:
        with self._lock:
            return self._own_icons.get(main, ICONS[0])

    def memberships(self, number: str) -> list[tuple[str, datetime]]:
        """The families ``number`` was added to (their main members), with since when."""
        with self._lock:
            return [
                (main, created)
                for main, family in self._members.items()
                for member, _, created in family
                if member == number
            ]

    def describe(self) -> dict[str, list[str]]:
        with self._lock:
            return {main: [n for n, _, _ in family] for main, family in self._members.items()}


def routes(sandbox: Sandbox) -> list[BaseRoute]:
    families: Families = sandbox.families

    def user_number(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            return None
        token = sandbox.uitid.access(header[7:].strip())
        return token.number if token is not None else None

    def authenticated(request: Request) -> bool:
        header = request.headers.get("authorization", "")
        return header.lower().startswith("bearer ") and (
            sandbox.uitid.access(header[7:].strip()) is not None
        )

    def by_id(passholder_id: str) -> str | None:
        return next(
            (n for n in sandbox.data.passholders if _passholder_id(n) == passholder_id), None
        )

    def main_of(request: Request) -> str | Response:
        """The main member the path names, if it is the caller (or ``me``)."""
        number = user_number(request)
        if number is None:
            return _unauthorized()
        wanted = request.path_params["passholder_id"]
        if wanted not in ("me", _passholder_id(number)):
            return _forbidden("not this passholder's family")
        return number

    def member(number: str, icon: str, created: datetime, main: bool) -> dict[str, Any]:
        found = sandbox.data.passholders[number]
        passholder = _passholder(found, sandbox.ledger.points(number))
        passholder["dateOfBirth"] = birth_date(number)
        return {
            "uitpasNumber": number,
            "passholder": passholder,
            "creationDate": created.isoformat(),
            "icon": icon,
            "mainFamilyMember": main,
        }

    async def registration_token(request: Request) -> Response:
        if request.headers.get("x-client-id") not in sandbox.uitid.clients:
            return _unauthorized()
        credentials = _basic(request.headers.get("authorization", ""))
        if credentials is None:
            return _unauthorized()
        number, born = credentials
        found = sandbox.data.passholders.get(number)
        if found is None or found.status is not CardStatus.ACTIVE or birth_date(number) != born:
            return problem(
                401, "auth/unauthorized", "Unauthorized",
                detail="no passholder with this UiTPAS number and date of birth",
            )  # fmt: skip
        return JSONResponse({"token": families.issue_token(number)})

    async def list_members(request: Request) -> Response:
        main = main_of(request)
        if isinstance(main, Response):
            return main
        own = member(main, families.own_icon(main), datetime(2020, 1, 1, tzinfo=UTC), True)
        rest = [member(n, icon, at, False) for n, icon, at in families.members(main)]
        return JSONResponse([own, *rest])

    async def add_member(request: Request) -> Response:
        main = main_of(request)
        if isinstance(main, Response):
            return main
        body = await _json(request)
        if isinstance(body, Response):
            return body
        number = body.get("uitpasNumber")
        icon = body.get("icon")
        if not isinstance(number, str) or (icon is not None and not isinstance(icon, str)):
            return problem(400, "body/invalid-data", "uitpasNumber is required")
        number = number.strip()
        if not is_wellformed_number(number):
            return problem(
                400, "uitpas/invalid-uitpas-number", "Invalid UiTPAS number",
                "Dit is geen geldig UiTPAS-nummer.",
            )  # fmt: skip
        found = sandbox.data.passholders.get(number)
        if found is None or found.status is not CardStatus.ACTIVE:
            return problem(
                400, "uitpas/passholder-not-found", "Passholder not found", "Onbekende UiTPAS."
            )
        token = request.headers.get("x-registration-token", "")
        if families.redeem_token(token.strip()) != number:
            return problem(
                400, "body/invalid-data", "Invalid registration token",
                detail="x-registration-token must be the new member's registration token",
            )  # fmt: skip
        refused = families.add(main, number, icon, sandbox.clock().date())
        if refused is not None:
            return problem(400, "uitpas/" + refused, refused, _REFUSALS_NL[refused])
        return Response(status_code=201)

    async def update_member(request: Request) -> Response:
        main = main_of(request)
        if isinstance(main, Response):
            return main
        body = await _json(request)
        if isinstance(body, Response):
            return body
        icon = body.get("icon")
        if not isinstance(icon, str) or icon.strip() not in ICONS:
            return problem(400, "body/invalid-data", "icon must be one of the UiTPAS icons")
        number = by_id(request.path_params["member_id"])
        if number is None or not families.update(main, number, icon.strip()):
            return _not_found("Family member not found")
        return Response(status_code=202)

    async def delete_member(request: Request) -> Response:
        caller = user_number(request)
        if caller is None:
            return _unauthorized()
        main = by_id(request.path_params["passholder_id"])
        if request.path_params["passholder_id"] == "me":
            main = caller
        number = by_id(request.path_params["member_id"])
        if main is None or number is None:
            return _not_found("Family member not found")
        if caller not in (main, number) or number == main:
            return _forbidden("only the main member removes others; anyone may leave")
        families.remove(main, number)  # removing who is not (or no longer) there: nothing to do
        return Response(status_code=202)

    async def other_families(request: Request) -> Response:
        number = main_of(request)
        if isinstance(number, Response):
            return number
        answer = []
        for main, since in families.memberships(number):
            holder = sandbox.data.passholders[main]
            answer.append(
                {
                    "passholderId": _passholder_id(main),
                    "firstName": holder.first_name,
                    "name": holder.last_name,
                    "memberSince": since.isoformat(),
                }
            )
        return JSONResponse(answer)

    async def member_checkin(request: Request) -> Response:
        caller = user_number(request)
        if caller is None:
            return _unauthorized()
        wanted = request.path_params["passholder_id"]
        if wanted in ("me", _passholder_id(caller)):
            return await checkin_as(sandbox, request, caller)
        in_family = {_passholder_id(n): n for n, _, _ in families.members(caller)}
        if wanted not in in_family:
            return _forbidden("not a member of this passholder's family")
        return await checkin_as(sandbox, request, in_family[wanted])

    def needs(handler: permissions.Endpoint) -> permissions.Endpoint:
        return permissions.needs(sandbox.permissions, PERMISSION, authenticated, handler)

    def counted(name: str, handler: permissions.Endpoint) -> permissions.Endpoint:
        async def endpoint(request: Request) -> Response:
            sandbox.requests[name] += 1
            return await handler(request)

        return endpoint

    members_path = "/passholders/{passholder_id}/family-members"
    return [
        Route("/passholders/me/uitid/registration-token", registration_token),
        Route(members_path, counted("family", needs(list_members)), methods=["GET"]),
        Route(members_path, needs(add_member), methods=["POST"]),
        Route(members_path + "/{member_id}", needs(update_member), methods=["PUT"]),
        Route(members_path + "/{member_id}", needs(delete_member), methods=["DELETE"]),
        Route("/passholders/{passholder_id}/families", needs(other_families), methods=["GET"]),
        Route(
            "/passholders/{passholder_id}/checkins",
            counted(
                "checkin",
                permissions.needs(
                    sandbox.permissions, "PASSHOLDERS_SELF_CHECKIN", authenticated, member_checkin
                ),
            ),
            methods=["POST"],
        ),
    ]


def control_routes(sandbox: Sandbox) -> list[BaseRoute]:
    async def describe(_request: Request) -> Response:
        return JSONResponse(sandbox.families.describe())

    return [Route("/_sandbox/families", describe)]


_REFUSALS_NL = {
    "family-member-already-added": "Deze persoon is al lid van je gezin.",
    "too-many-family-members": "Je gezin heeft al het maximum aantal leden.",
    "too-many-adults-in-family": "Je gezin heeft al het maximum aantal volwassenen.",
}


def _not_found(title: str) -> Response:
    """A 404 of the family's routes: the spec lists no problem type for them, so the type is
    RFC 9457's ``about:blank`` (the status says it all)."""
    body = {"type": "about:blank", "title": title, "status": 404}
    return JSONResponse(body, 404, media_type="application/problem+json")


def _forbidden(detail: str) -> Response:
    return problem(403, "auth/forbidden", "Forbidden", detail=detail)


def _basic(header: str) -> tuple[str, str] | None:
    """``Basic base64(uitpasNumber:dateOfBirth)``, or None."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    number, colon, born = decoded.partition(":")
    return (number.strip(), born.strip()) if colon else None


async def _json(request: Request) -> dict[str, Any] | Response:
    try:
        body = await request.json()
    except ValueError:
        return problem(400, "body/invalid-syntax", "Invalid JSON")
    if not isinstance(body, dict):
        return problem(400, "body/invalid-data", "an object is expected")
    return body
