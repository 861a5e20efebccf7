"""The bot's client permissions in the v4 sandbox, and withholding one of them.

publiq grants each client permissions per organizer; every v4 operation the bot uses names the
one it needs in the spec (``uitpas-v4-openapi.json``), and answers 403 ``auth/forbidden``
without it. The sandbox grants its demo clients exactly what the bot needs, unless a permission
is withheld (``uitpas-bot sandbox --withhold-permission REWARDS_REDEEM``, or ``POST
/_sandbox/permissions`` ``{"withhold": [...]}``), so an operator can see what ``uitpas-bot
doctor`` says about a client that publiq configured short.

``GET /permissions`` answers as the spec says: the caller's organizers with their permissions
(``permissionDetails``, and the deprecated ``permissions`` list alike).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

# Permission → its label as publiq's API gives it (Dutch, required by the spec; English).
GRANTED: dict[str, tuple[str, str]] = {
    "PASSES_READ": ("Passen opvragen", "Read passes"),
    "PASSHOLDERS_SELF_READ": ("Eigen pashoudergegevens opvragen", "Read own passholder data"),
    "PASSHOLDERS_SELF_CHECKIN": ("Zelf inchecken", "Self check-in"),
    "REWARDS_READ": ("Voordelen opvragen", "Read rewards"),
    "REWARDS_REDEEM": ("Voordelen omruilen", "Redeem rewards"),
    "PASSHOLDER_COUPONS_READ": ("Coupons van pashouders opvragen", "Read passholder coupons"),
    "REWARDS_PASSHOLDERS_READ": ("Voordelen per pashouder opvragen", "Read rewards per passholder"),
    "PASSHOLDERS_FAMILY_MEMBERS": ("Gezinsleden beheren", "Manage family members"),
}
ORGANIZER = {
    "id": "c097fa2e-d9be-42e6-b41a-ec3d4d4cbad1",
    "name": "CC De Werf",
    "address": {"postalCode": "9300", "city": "Aalst"},
}
CARD_SYSTEM_ID = 1


class Permissions:
    """What the demo clients may do; ``withheld`` ones are refused with 403."""

    def __init__(self, withheld: Iterable[str] = ()) -> None:
        self._at_start = self._checked(withheld)
        self.withheld = set(self._at_start)

    @staticmethod
    def _checked(names: Iterable[str]) -> frozenset[str]:
        found = frozenset(str(name).strip().upper() for name in names)
        unknown = sorted(found - GRANTED.keys())
        if unknown:
            raise ValueError(
                f"unknown permission {', '.join(unknown)}: one of {', '.join(GRANTED)}"
            )
        return found

    def reset(self) -> None:
        self.withheld = set(self._at_start)

    def withhold(self, names: Iterable[str]) -> None:
        self.withheld = set(self._checked(names))

    def allows(self, permission: str) -> bool:
        return permission not in self.withheld

    def organizers(self) -> list[dict[str, Any]]:
        granted = [p for p in GRANTED if self.allows(p)]
        return [
            {
                "organizer": ORGANIZER,
                "permissions": granted,
                "permissionDetails": [
                    {
                        "id": p,
                        "label": {"nl": GRANTED[p][0], "en": GRANTED[p][1]},
                        "cardSystemIds": [CARD_SYSTEM_ID],
                    }
                    for p in granted
                ],
            }
        ]


def forbidden(permission: str) -> Response:
    return JSONResponse(
        {
            "type": "https://api.publiq.be/probs/auth/forbidden",
            "title": "Forbidden",
            "status": 403,
            "detail": f"client is missing permission {permission}",
        },
        403,
        media_type="application/problem+json",
    )


Endpoint = Callable[[Request], Awaitable[Response]]


def needs(
    permissions: Permissions,
    permission: str,
    authenticated: Callable[[Request], bool],
    handler: Endpoint,
) -> Endpoint:
    """``handler`` behind ``permission``: an authenticated caller without it gets 403; an
    unauthenticated one is left to the handler, which answers 401 (the spec's order)."""

    async def endpoint(request: Request) -> Response:
        if authenticated(request) and not permissions.allows(permission):
            return forbidden(permission)
        return await handler(request)

    return endpoint


def routes(permissions: Permissions, authenticated: Callable[[Request], bool]) -> list[BaseRoute]:
    async def list_permissions(request: Request) -> Response:
        if not authenticated(request):
            return JSONResponse(
                {
                    "type": "https://api.publiq.be/probs/auth/unauthorized",
                    "title": "Unauthorized",
                    "status": 401,
                },
                401,
                media_type="application/problem+json",
            )
        return JSONResponse(permissions.organizers())

    return [Route("/permissions", list_permissions)]


def control_routes(permissions: Permissions) -> list[BaseRoute]:
    async def control(request: Request) -> Response:
        if request.method == "POST":
            try:
                fields = await request.json()
                names = fields["withhold"] if isinstance(fields, dict) else None
                if not isinstance(names, list):
                    raise TypeError
                permissions.withhold(names)
            except (ValueError, TypeError, KeyError) as error:
                detail = str(error) if isinstance(error, ValueError) else ""
                return JSONResponse(
                    {"error": detail or 'send {"withhold": ["PERMISSION", ...]}'}, 400
                )
        return JSONResponse({"withheld": sorted(permissions.withheld), "granted": list(GRANTED)})

    return [Route("/_sandbox/permissions", control, methods=["GET", "POST"])]
