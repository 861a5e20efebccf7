"""One timed HTTP request to UiTPAS, reported by operation name, never by URL.

Both clients send every request through :func:`timed_request`, so latency is measured at a
single seam. The operation (``checkin``, ``points``, ...) is the label because paths hold
UiTPAS numbers (``/uitpas/enduser/<number>``), which must never reach metrics or logs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

# (operation, outcome, seconds); outcome is the HTTP status class ("2xx", "4xx", ...) or
# "error" when no response came back.
RequestObserver = Callable[[str, str, float], None]


def ignore(_operation: str, _outcome: str, _seconds: float) -> None:
    """The observer of a client nobody measures (tests, the scan command)."""


async def timed_request(
    http: httpx.AsyncClient,
    observe: RequestObserver,
    operation: str,
    method: str,
    path: str,
    **kwargs: Any,
) -> httpx.Response:
    """``http.request(method, path, **kwargs)``, its duration told to ``observe``.

    A cancelled request is not reported: nobody waited for it to fail.
    """
    started = time.perf_counter()
    try:
        response = await http.request(method, path, **kwargs)
    except Exception:
        observe(operation, "error", time.perf_counter() - started)
        raise
    observe(operation, f"{response.status_code // 100}xx", time.perf_counter() - started)
    return response
