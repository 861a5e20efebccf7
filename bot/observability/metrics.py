"""Prometheus metrics of one bot instance: what it handled, what UiTPAS answered, how fast.

Each :class:`Metrics` owns its own registry rather than prometheus_client's global one: tests
(and the load benchmark) run several bot instances in one process, and each must count only
its own work. ``render()`` is what ``GET /metrics`` serves.

Labels are a small, fixed vocabulary (update kinds, answer codes, operation and Bot API method
names), never a URL, a user id or a card number: Prometheus keeps every label value forever,
and URLs here hold bot tokens and UiTPAS numbers.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Literal

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

from bot.qr import AmbiguousPhoto, ImageUnreadable

QrResult = Literal["read", "no_code", "ambiguous", "unreadable"]
QR_RESULTS: tuple[QrResult, ...] = ("read", "no_code", "ambiguous", "unreadable")
UPDATE_OUTCOMES = ("ok", "error")
# UiTPAS answer codes are upper-case words; anything else (a server gone odd) is one label.
_ANSWER_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
# Seconds: a reply within 50 ms is good, 250 ms the p95 target, 10 s the UiTPAS timeout.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

Decoder = Callable[[bytes], Awaitable[list[str]]]


class Metrics:
    """Counters and latency histograms, each instance in its own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.updates = Counter(
            "uitpasbot_updates",
            "Telegram updates handled, by kind and outcome (error: a handler raised).",
            ["kind", "outcome"],
            registry=self.registry,
        )
        self.update_seconds = Histogram(
            "uitpasbot_update_seconds",
            "Time to handle one update, waiting for the same user's earlier updates included.",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.update_lock_wait_seconds = Histogram(
            "uitpasbot_update_lock_wait_seconds",
            "Part of the handling time spent waiting for the same user's earlier updates.",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.checkins = Counter(
            "uitpasbot_checkins",
            "Check-ins sent to UiTPAS, by answer code (OUTCOME_UNKNOWN: sent, no answer; "
            "NOT_SENT: UiTPAS unreachable before the request left).",
            ["answer_code"],
            registry=self.registry,
        )
        self.qr_reads = Counter(
            "uitpasbot_qr_reads",
            "Photos decoded: read (at least one code), no_code, ambiguous, unreadable.",
            ["result"],
            registry=self.registry,
        )
        self.uitpas_seconds = Histogram(
            "uitpasbot_uitpas_request_seconds",
            "UiTPAS API requests by operation and outcome (HTTP status class, or error).",
            ["operation", "outcome"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.telegram_seconds = Histogram(
            "uitpasbot_telegram_request_seconds",
            "Telegram Bot API requests by method and outcome (ok, or error).",
            ["method", "outcome"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        for result in QR_RESULTS:  # present at 0, so rate() and ratios work from the start
            self.qr_reads.labels(result)

    def render(self) -> tuple[bytes, str]:
        """The Prometheus text exposition and its content type, for ``GET /metrics``."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def update_handled(
        self, kind: str, outcome: str, seconds: float, lock_wait_seconds: float
    ) -> None:
        self.updates.labels(kind, outcome).inc()
        self.update_seconds.labels(kind).observe(seconds)
        self.update_lock_wait_seconds.observe(lock_wait_seconds)

    def checkin_answered(self, answer_code: str) -> None:
        code = answer_code if _ANSWER_CODE.fullmatch(answer_code) else "OTHER"
        self.checkins.labels(code).inc()

    def qr_read(self, result: QrResult) -> None:
        self.qr_reads.labels(result).inc()

    def uitpas_request(self, operation: str, outcome: str, seconds: float) -> None:
        self.uitpas_seconds.labels(operation, outcome).observe(seconds)

    def telegram_request(self, method: str, outcome: str, seconds: float) -> None:
        self.telegram_seconds.labels(method, outcome).observe(seconds)

    def counting_decoder(self, decode: Decoder) -> Decoder:
        """``decode`` that also counts what each photo gave; results and errors pass through.

        A wrapper rather than a change to the decoder, so however the decoder runs (thread,
        process pool) every photo is counted once, whichever handler asked.
        """

        async def counted(image: bytes) -> list[str]:
            try:
                texts = await decode(image)
            except AmbiguousPhoto:  # a kind of ImageUnreadable: checked first
                self.qr_read("ambiguous")
                raise
            except ImageUnreadable:
                self.qr_read("unreadable")
                raise
            self.qr_read("read" if texts else "no_code")
            return texts

        return counted
