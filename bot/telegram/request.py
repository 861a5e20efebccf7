"""PTB's HTTP client for the Bot API, timing each request for the metrics.

The request URL holds the bot token (``/bot<token>/sendMessage``), so it is never a label or
a log field: only the Bot API method name is, and only when it looks like one. File downloads
(``/file/bot<token>/<path>``) are one label, whatever the path.
"""

from __future__ import annotations

import re
import time
from typing import Any

from telegram.request import HTTPXRequest, RequestData

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


class TimedHTTPXRequest(HTTPXRequest):
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
