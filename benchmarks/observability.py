"""What the metrics and the per-update log line cost, per update, and what a scrape costs.

    .venv/bin/python -m benchmarks.observability [--updates 20000]

Per update the bot does: one counter and two histogram observations (update_handled), one
INFO line through the redacting formatter (text, then JSON), and for a photo check-in about
six more observations (QR read, answer code, two UiTPAS and three Telegram requests). The
lines go to an in-memory stream, so the figure is formatting, not the terminal. "scrape" is
``render()`` with every series a busy instance would have.
"""

from __future__ import annotations

import argparse
import io
import logging
import time

from bot.observability.logging_setup import JsonFormatter, RedactingFormatter
from bot.observability.metrics import Metrics

KINDS = ("photo", "document", "message", "command_start", "command_link", "callback_query")
CODES = ("ACTION_SUCCEEDED", "INVALID_CODE", "MAXIMUM_REACHED", "OUTCOME_UNKNOWN")


def per_update_us(updates: int, formatter: logging.Formatter | None) -> float:
    metrics = Metrics()
    log = logging.getLogger("bench.updates")
    log.handlers[:] = []
    log.propagate = False
    if formatter is not None:
        handler = logging.StreamHandler(io.StringIO())
        handler.setFormatter(formatter)
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    started = time.perf_counter()
    for n in range(updates):
        kind = KINDS[n % len(KINDS)]
        metrics.update_handled(kind, "ok", 0.084, 0.0)
        metrics.qr_read("read")
        metrics.checkin_answered(CODES[n % len(CODES)])
        metrics.uitpas_request("points", "2xx", 0.01)
        metrics.uitpas_request("checkin", "2xx", 0.02)
        for method in ("getFile", "file_download", "sendMessage"):
            metrics.telegram_request(method, "ok", 0.003)
        if formatter is not None:
            log.info(
                "update %s %s handled in %.0f ms",
                n,
                kind,
                84.0,
                extra={
                    "update_id": n,
                    "kind": kind,
                    "duration_ms": 84.0,
                    "lock_wait_ms": 0.0,
                    "outcome": "ok",
                },
            )
    return (time.perf_counter() - started) / updates * 1e6


def scrape_ms(rounds: int = 200) -> tuple[float, int]:
    metrics = Metrics()
    for kind in KINDS:
        metrics.update_handled(kind, "ok", 0.05, 0.0)
        metrics.update_handled(kind, "error", 0.05, 0.0)
    for code in CODES:
        metrics.checkin_answered(code)
    for operation in ("checkin", "points", "promotions", "promotion"):
        metrics.uitpas_request(operation, "2xx", 0.02)
        metrics.uitpas_request(operation, "error", 0.02)
    for method in ("getFile", "file_download", "sendMessage", "answerCallbackQuery"):
        metrics.telegram_request(method, "ok", 0.003)
    body, _ = metrics.render()
    started = time.perf_counter()
    for _ in range(rounds):
        metrics.render()
    return (time.perf_counter() - started) / rounds * 1000, len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=20000)
    args = parser.parse_args()
    metrics_only = per_update_us(args.updates, None)
    text = per_update_us(args.updates, RedactingFormatter("%(asctime)s %(levelname)s: %(message)s"))
    json_ = per_update_us(args.updates, JsonFormatter())
    scrape, size = scrape_ms()
    print(f"per photo update, metrics only (10 observations): {metrics_only:7.1f} µs")
    print(f"per photo update, metrics + text log line:       {text:7.1f} µs")
    print(f"per photo update, metrics + JSON log line:       {json_:7.1f} µs")
    print(f"{f'scrape (render(), {size} bytes):':50}{scrape:7.2f} ms")


if __name__ == "__main__":
    main()
