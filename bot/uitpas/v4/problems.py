"""v4 ``application/problem+json`` errors as the answer codes the legacy API uses.

The views already have a message for every legacy code, so mapping problem types onto them
keeps what a passholder reads the same under both APIs. A type is recognised by its complete
URI, as the spec asks ("comparing the complete URI"): the types publiq lists in its errors
guides (``errors.md``, ``auth-errors.md``) without a legacy twin become an upper-case code of
their own (``…/uitpas/checkin-not-allowed`` → ``CHECKIN_NOT_ALLOWED``). A type publiq does not
list, or one in another namespace, is read by its HTTP status alone (``REFUSED``,
``NOT_FOUND``, ``ACCESS_DENIED``; a 5xx is no answer at all): its type is logged, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.uitpas.models import NOT_FOUND, REFUSED, AnswerCode

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEMS = "https://api.publiq.be/probs/"
UITPAS_PROBLEMS = PROBLEMS + "uitpas/"
FORBIDDEN = PROBLEMS + "auth/forbidden"
UNAUTHORIZED = PROBLEMS + "auth/unauthorized"
ABOUT_BLANK = "about:blank"  # RFC 9457: the status code says it all

# Types with a legacy twin, by complete URI.
_BY_TYPE: dict[str, str] = {
    UITPAS_PROBLEMS + "checkin-code-expired": AnswerCode.CHECKIN_CODE_EXPIRED,
    UITPAS_PROBLEMS + "checkin-code-invalid": AnswerCode.CHECKIN_CODE_INVALID,
    UITPAS_PROBLEMS + "passholder-not-found": AnswerCode.UNKNOWN_UITPASNUMBER,
    UITPAS_PROBLEMS + "pass-not-found": AnswerCode.UNKNOWN_UITPASNUMBER,
    UITPAS_PROBLEMS + "invalid-uitpas-number": AnswerCode.PARSE_INVALID_UITPASNUMBER,
    UITPAS_PROBLEMS + "passholder-blocked": AnswerCode.INVALID_CARD_STATUS_BLOCKED,
    UITPAS_PROBLEMS + "card-blocked": AnswerCode.INVALID_CARD_STATUS_BLOCKED,
    UITPAS_PROBLEMS + "reward-not-found": "UNKNOWN_POINTS_PROMOTION_ID",
    UITPAS_PROBLEMS + "passholder-no-active-cardsystems": "PASSHOLDER_NO_ACTIVE_CARDSYSTEMS",
    UNAUTHORIZED: "ACCESS_DENIED",
    FORBIDDEN: "ACCESS_DENIED",
}
# The rest of publiq's uitpas namespace (errors.md): known, named after the type.
_LISTED = frozenset(
    UITPAS_PROBLEMS + name
    for name in (
        "cardsystem-not-found", "checkin-not-allowed", "disributionkey-not-found",
        "event-already-has-ticketsales", "event-not-found", "family-member-already-added",
        "forbidden-underaged", "group-not-found", "insz-already-used", "insz-in-token-required",
        "invalid-card", "invalid-card-status", "invalid-card-system", "invalid-city",
        "invalid-coupon", "invalid-distributionkey", "invalid-insz-number",
        "invalid-postal-code", "maximum-reached", "organizer-not-found",
        "passholder-already-registered", "rate-limited", "report-not-found",
        "report-invalid-status", "reward-invalid-redeem-type", "reward-not-editable",
        "reward-passholder-volume-constraint", "reward-passholder-points-constraint",
        "reward-passholder-no-applicable-cardsystems", "reward-period-constraint",
        "reward-volume-constraint", "school-not-found", "social-tariff-expired",
        "ticket-sale-not-found", "too-many-adults-in-family", "too-many-family-members",
        "uitid-already-registered",
    )
)  # fmt: skip
_CARD_STATUS: dict[str, str] = {
    "BLOCKED": AnswerCode.INVALID_CARD_STATUS_BLOCKED,
    "DELETED": AnswerCode.INVALID_CARD_STATUS_DELETED,
}


@dataclass(frozen=True, slots=True)
class Problem:
    type: str  # the complete type URI, e.g. "https://api.publiq.be/probs/uitpas/pass-not-found"
    code: str  # the answer code it maps to
    message: str | None  # endUserMessage.nl: the only text meant for the passholder
    end_user_message_nl: str | None
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None
    detail: str | None = None  # title/detail: for developers and the log, never shown
    known: bool = True  # False: a type the bot does not know, read by its status


def by_status(status: int) -> str:
    """The code of a problem whose type the bot does not know."""
    if status in (401, 403):
        return "ACCESS_DENIED"
    if status == 404:
        return NOT_FOUND
    return REFUSED


def end_user_messages(body: Any) -> tuple[str | None, str | None, str | None]:
    """``endUserMessage`` (nl, en, fr) of any v4 body, problem or 200 answer; blanks are None.

    (The spec also allows ``de``; the bot speaks no German, and Dutch is always there.)
    """
    end_user = body.get("endUserMessage") if isinstance(body, dict) else None
    if not isinstance(end_user, dict):
        return None, None, None
    texts = (end_user.get(language) for language in ("nl", "en", "fr"))
    nl, en, fr = (text if isinstance(text, str) and text.strip() else None for text in texts)
    return nl, en, fr


def read_problem(body: Any, status: int) -> Problem | None:
    """The problem in a decoded JSON body, or None when it is not one."""
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        return None
    type_uri = body["type"].strip()
    code = _BY_TYPE.get(type_uri)
    known = code is not None or type_uri in _LISTED
    if type_uri == ABOUT_BLANK:
        # RFC 9457's "no more than the status says", for answers the spec lists no type for
        # (the family's 404s); a 5xx stays no answer at all.
        code, known = by_status(status), status < 500
    if type_uri == UITPAS_PROBLEMS + "invalid-card-status":
        code = _CARD_STATUS.get(str(body.get("cardStatus", "")).upper(), "INVALID_CARD_STATUS")
    elif (
        type_uri == UITPAS_PROBLEMS + "checkin-not-allowed"
        and str(body.get("passType", "")).upper() == "GROUP"
    ):
        code = AnswerCode.GROUPPAS_NOT_ALLOWED
    if code is None and known:
        code = type_uri.removeprefix(UITPAS_PROBLEMS).upper().replace("-", "_")
    if code is None:
        code = by_status(status)
    nl, en, fr = end_user_messages(body)
    detail = body.get("detail") or body.get("title")
    return Problem(
        type=type_uri,
        code=str(code),
        message=nl,
        end_user_message_nl=nl,
        end_user_message_en=en,
        end_user_message_fr=fr,
        detail=detail if isinstance(detail, str) and detail.strip() else None,
        known=known,
    )
