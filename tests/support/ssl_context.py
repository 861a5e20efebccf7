"""One default SSL context for every httpx client the tests build, instead of one each.

httpx builds a verifying context per client (``create_ssl_context``), and loading certifi's
bundle into it costs ~45 ms of CPU. A started bot has three clients (two for the Bot API, one
for UiTPAS) and its test two more (emulator and sandbox control): a quarter of a second of
CPU per end-to-end test, on two cores shared by four workers. Every one of those clients talks
plain HTTP on loopback, and a context with the same settings verifies the same way, so the
tests build it once per process and hand it out again. Clients given their own ``verify=`` (a
context, ``False``) or a client certificate are left alone.
"""

from __future__ import annotations

import os
import ssl
from typing import Any

import httpx._transports.default as transports

_original = transports.create_ssl_context
_shared: dict[tuple[bool, str | None, str | None], ssl.SSLContext] = {}


def _create_ssl_context(verify: Any = True, cert: Any = None, trust_env: bool = True) -> Any:
    if verify is not True or cert is not None:
        return _original(verify=verify, cert=cert, trust_env=trust_env)
    # What httpx's default context depends on: trust_env and, with it, these variables.
    key = (
        trust_env,
        os.environ.get("SSL_CERT_FILE") if trust_env else None,
        os.environ.get("SSL_CERT_DIR") if trust_env else None,
    )
    if key not in _shared:
        _shared[key] = _original(verify=True, cert=None, trust_env=trust_env)
    return _shared[key]


def share_default_ssl_context() -> None:
    """Install the shared context for this process (both httpx transports use this name)."""
    transports.create_ssl_context = _create_ssl_context
