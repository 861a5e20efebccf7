"""Errors the UiTPAS client raises.

Answer codes such as ``CHECKIN_CODE_EXPIRED`` are not errors: they are ordinary answers and travel
in the answer objects of :mod:`bot.uitpas.models`. Only the absence of a usable answer is an
exception, because then nobody knows what UiTPAS did and the caller must not pretend otherwise.
"""

from __future__ import annotations

from enum import StrEnum


class UnavailableReason(StrEnum):
    """Why no usable answer came back; kept apart so that logs and metrics can count them."""

    TIMEOUT = "timeout"
    CONNECTION = "connection"
    UNREADABLE = "unreadable"
    RATE_LIMITED = "rate_limited"  # still limited after the waits we allow ourselves


class UitpasUnavailable(Exception):
    """UiTPAS gave no answer we can read: timeout, refused connection, or a body without a code.

    ``sent`` tells whether the request may have reached UiTPAS. A check-in that timed out after
    it was sent may have saved a point, so the caller records its outcome as unknown rather
    than as failed.
    """

    def __init__(self, reason: UnavailableReason, detail: str = "", *, sent: bool = False) -> None:
        super().__init__(f"UiTPAS unavailable ({reason.value}){': ' + detail if detail else ''}")
        self.reason = reason
        self.detail = detail
        self.sent = sent
