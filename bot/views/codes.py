"""Answer codes that have words of their own in both catalogues, shared by the views."""

from __future__ import annotations

# Legacy answer codes with words of their own (catalogue key ``code_<CODE>``). They stay plain
# strings rather than AnswerCode members: the client needs no decision on them, only the words.
LEGACY_CODE_MESSAGES = frozenset(
    {
        "INVALID_CARD",
        "INVALID_CARD_STATUS_LOCAL_STOCK",
        "INVALID_CARD_STATUS_STOCK",
        "INVALID_CARD_STATUS_PROVISIONED",
        "INVALID_CARD_STATUS_SENT_TO_BALIE",
        "ACTION_NOT_ALLOWED",
        "CHECKIN_CURRENTLY_NOT_ALLOWED",
        "MAXIMUM_REACHED",
        "PASSHOLDER_NO_ACTIVE_CARDSYSTEMS",
        "UNKNOWN_POINTS_PROMOTION_ID",
    }
)
