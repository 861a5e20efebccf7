"""PTB's HTTP client for the Bot API, timing each request for the metrics.

The request URL holds the bot token (``/bot<token>/sendMessage``), so it is never a label or
a log field: only the Bot API method name is, and only when it looks like one. File downloads
(``/file/bot<token>/<path>``) are one label, whatever the path.
"""

from __future__ import annotations

import re
import time
from typing import Any

import httpx
from telegram.request import HTTPXRequest, RequestData

from bot.http_transport import ShardedTransport
from bot.observability.metrics import Metrics

# Bot API methods are camelCase words (sendMessage, getFile, setWebhook).
_METHOD = re.compile(r"[A-Za-z]{1,64}")
FILE_DOWNLOAD = "file_download"


def bot_api_method(url: str, file_url_prefix: str | None = None) -> str:
    """The label for a request URL: the method name, ``file_download`` or ``other``."""
    if file_url_prefix and url.startswith(file_url_prefix):
        return FILE_DOWNLOAD
    last = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return last if _METHOD.fullmatch(last) else "other"


class ShardedHTTPXRequest(HTTPXRequest):
    """:class:`HTTPXRequest` whose connections are spread over small pools
    (:class:`ShardedTransport`), together at most ``connection_pool_size``: with one pool of
    that size, httpcore's per-request bookkeeping grew with the connections a busy bot keeps
    open (see :mod:`bot.http_transport`)."""

    def _build_client(self) -> httpx.AsyncClient:
        """PTB's client, on a sharded transport. PTB calls this again to re-open a request
        object after shutdown, so each client gets a transport of its own (a closed one
        cannot be used again)."""
        arguments = dict(self._client_kwargs)
        if arguments.get("transport") is None and not arguments.get("http2"):
            limits: httpx.Limits = arguments.pop("limits")
            arguments["transport"] = ShardedTransport(max_connections=limits.max_connections)
        return httpx.AsyncClient(**arguments)


class TimedHTTPXRequest(ShardedHTTPXRequest):
    """:class:`HTTPXRequest` that reports each request's method, outcome and duration.

    ``file_url_prefix`` is the bot's ``base_file_url``, so downloads are told apart from
    methods. Outcome ``ok`` is an HTTP 2xx; a Telegram error answer or a network failure is
    ``error``.
    """

    def __init__(
        self, metrics: Metrics, *, file_url_prefix: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics
        self._file_url_prefix = file_url_prefix

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        started = time.perf_counter()
        outcome = "error"
        try:
            status, payload = await super().do_request(url, method, request_data, *args, **kwargs)
            outcome = "ok" if 200 <= status < 300 else "error"
            return status, payload
        finally:
            self._metrics.telegram_request(
                bot_api_method(url, self._file_url_prefix), outcome, time.perf_counter() - started
            )
