"""v4 ``application/problem+json`` errors as the answer codes the legacy API uses.

The views already have a message for every legacy code, so mapping problem types onto them
keeps what a passholder reads the same under both APIs. Types without a legacy twin become an
upper-case code of their own (``checkin-not-allowed`` → ``CHECKIN_NOT_ALLOWED``), which the
views treat like any code they do not know: they show UiTPAS's own message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.uitpas.models import AnswerCode

PROBLEM_CONTENT_TYPE = "application/problem+json"

_BY_TYPE: dict[str, str] = {
    "checkin-code-expired": AnswerCode.CHECKIN_CODE_EXPIRED,
    "checkin-code-invalid": AnswerCode.CHECKIN_CODE_INVALID,
    "passholder-not-found": AnswerCode.UNKNOWN_UITPASNUMBER,
    "pass-not-found": AnswerCode.UNKNOWN_UITPASNUMBER,
    "invalid-uitpas-number": AnswerCode.PARSE_INVALID_UITPASNUMBER,
    "invalid-uitpasnumber": AnswerCode.PARSE_INVALID_UITPASNUMBER,
    "passholder-blocked": AnswerCode.INVALID_CARD_STATUS_BLOCKED,
    "card-blocked": AnswerCode.INVALID_CARD_STATUS_BLOCKED,
    "reward-not-found": "UNKNOWN_POINTS_PROMOTION_ID",
    "unauthorized": "ACCESS_DENIED",
    "forbidden": "ACCESS_DENIED",
}
_CARD_STATUS: dict[str, str] = {
    "BLOCKED": AnswerCode.INVALID_CARD_STATUS_BLOCKED,
    "DELETED": AnswerCode.INVALID_CARD_STATUS_DELETED,
}


@dataclass(frozen=True, slots=True)
class Problem:
    type: str  # the last path segment of the type URI, e.g. "checkin-code-expired"
    code: str  # the answer code it maps to
    message: str | None  # title/detail: for developers, kept for the unknown-code message
    end_user_message_nl: str | None


def problem_name(type_uri: str) -> str:
    return type_uri.rstrip("/").rsplit("/", 1)[-1].lower()


def read_problem(body: Any, status: int) -> Problem | None:
    """The problem in a decoded JSON body, or None when it is not one."""
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        return None
    name = problem_name(body["type"])
    code = _BY_TYPE.get(name)
    if name == "invalid-card-status":
        code = _CARD_STATUS.get(str(body.get("cardStatus", "")).upper(), "INVALID_CARD_STATUS")
    elif name == "checkin-not-allowed" and str(body.get("passType", "")).upper() == "GROUP":
        code = AnswerCode.GROUPPAS_NOT_ALLOWED
    if code is None:
        code = name.upper().replace("-", "_") or f"HTTP_{status}"
    end_user = body.get("endUserMessage")
    nl = end_user.get("nl") if isinstance(end_user, dict) else None
    detail = body.get("detail") or body.get("title")
    return Problem(
        type=name,
        code=str(code),
        message=nl if isinstance(nl, str) and nl else (detail if isinstance(detail, str) else None),
        end_user_message_nl=nl if isinstance(nl, str) and nl.strip() else None,
    )
