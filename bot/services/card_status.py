"""A card's status, read when it is linked, so a passholder hears at once what the desk would say.

Both ways of linking (a typed number under legacy, the UiTiD login under v4) read the pass once;
UiTPAS refuses a card that is not active with an answer code (legacy) or an
``invalid-card-status`` problem with ``cardStatus`` and an ``endUserMessage`` (v4), which the
clients map onto the same codes.

A blocked card, or one not handed out yet, keeps its number when a UiTPAS desk unblocks or
activates it, so it is linked, with a warning; a deleted card never works again, so linking it
would only hide the problem until the next photo: it is refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.uitpas.api import UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import AnswerCode, PointsAnswer

log = logging.getLogger(__name__)

# "INVALID_CARD_STATUS_<STATUS>" too: UiTPAS may name a status the bot does not know by name.
_CARD_STATUS_PREFIX = AnswerCode.INVALID_CARD_STATUS


@dataclass(frozen=True, slots=True)
class CardStatusProblem:
    """The card is not active: ``code`` says how (an ``INVALID_CARD_STATUS…`` code)."""

    code: str
    end_user_message_nl: str | None = None
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None

    @property
    def final(self) -> bool:
        """A deleted card never works again: it is not linked."""
        return self.code == AnswerCode.INVALID_CARD_STATUS_DELETED


def card_status_problem(answer: PointsAnswer | None) -> CardStatusProblem | None:
    """The card-status refusal in a pass read, if that is what it is."""
    if answer is None or not answer.code.startswith(_CARD_STATUS_PREFIX):
        return None
    return CardStatusProblem(
        answer.code,
        answer.end_user_message_nl,
        answer.end_user_message_en,
        answer.end_user_message_fr,
    )


async def read_pass(uitpas: UitpasApi, number: str) -> PointsAnswer | None:
    """The pass as UiTPAS has it now, or None when UiTPAS does not answer: then the link is
    made without the check (the status shows up at the first photo or ``/points``)."""
    try:
        return await uitpas.points(number)
    except UitpasUnavailable as silent:
        log.info("pass not read while linking: %s", silent.reason.value)
        return None
