"""Injected failures, so tests can show how the bot copes with Telegram misbehaving."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ApiError

ANY_METHOD = "*"


@dataclass
class Fault:
    """What happens to the next ``times`` calls of ``method`` (``"*"`` for any).

    ``kind="error"`` answers with ``error_code``/``description`` (and ``retry_after`` for 429)
    without running the method. ``kind="drop"`` cuts the connection mid-response; with
    ``processed`` the method runs first, so the bot cannot know its message went out.
    ``delay`` seconds are waited before either, to provoke client timeouts. ``kind="late"``
    runs the method and records it at once, then answers ``delay`` seconds later: Telegram
    did it (the user sees the message) while the bot still waits to hear so.
    """

    method: str
    kind: str = "error"
    error_code: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    times: int = 1
    processed: bool = False
    delay: float = 0.0

    def error(self) -> ApiError:
        return ApiError(self.error_code, self.description, retry_after=self.retry_after)


class FaultBook:
    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        if fault.kind not in ("error", "drop", "late"):
            raise ValueError(f"unknown fault kind {fault.kind!r}")
        if fault.times < 1:
            raise ValueError("times must be at least 1")
        self._faults.append(fault)

    def take(self, method: str) -> Fault | None:
        """The first fault queued for ``method``, used up once its ``times`` run out."""
        for fault in self._faults:
            if fault.method == ANY_METHOD or fault.method.lower() == method.lower():
                fault.times -= 1
                if fault.times == 0:
                    self._faults.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        self._faults.clear()
