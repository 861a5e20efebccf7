"""The UiTPAS client: typed answers in, signed HTTP requests out.

Only the names re-exported here are meant to be used outside this package.
"""

from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import (
    AnswerCode,
    CheckinAnswer,
    Event,
    Organiser,
    PointsAnswer,
    Promotion,
    PromotionAnswer,
    PromotionsAnswer,
)

__all__ = [
    "AnswerCode",
    "CheckinAnswer",
    "Event",
    "Organiser",
    "PointsAnswer",
    "Promotion",
    "PromotionAnswer",
    "PromotionsAnswer",
    "UitpasUnavailable",
]
