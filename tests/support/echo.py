"""An upstream for proxy and webhook tests: it says who it is and what it got."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.sandbox.telegram.webhook import SECRET_HEADER


def echo_app(name: str, seen: list[dict[str, object]]) -> Starlette:
    """An upstream that says who it is and what it got; ``/status/N`` answers N."""

    async def echo(request: Request) -> Response:
        body = await request.body()
        entry = {
            "upstream": name,
            "method": request.method,
            "path": request.url.path,
            "query": request.url.query,
            "secret": request.headers.get(SECRET_HEADER),
            "body": body.decode(),
        }
        seen.append(entry)
        status = int(request.path_params.get("code", 200))
        return JSONResponse(entry, status_code=status, headers={"x-upstream": name})

    methods = ["GET", "POST", "PUT", "DELETE"]
    return Starlette(
        routes=[
            Route("/status/{code:int}", echo, methods=methods),
            Route("/{rest:path}", echo, methods=methods),
        ]
    )
