"""/history: the passholder's savings and spendings, ten lines a page.

Under v4 it is UiTPAS's own history (``GET /passholders/{id}/transactions``: check-ins and
redemptions, each with its points), asked a page at a time. The legacy API has no history, so
there it is the bot's own record of the check-ins made through it, and says so.
"""

from __future__ import annotations

import logging

from bot.services.checkin import OUTCOME_UNKNOWN, RECONCILED_CODES
from bot.services.outcomes import NotLinked, Settled, UitpasSilent
from bot.services.passholders import Passholders, not_found
from bot.services.trading_outcomes import HistoryPage, RedeemRefused, page_count
from bot.uitpas.api import CheckinHistory
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import AnswerCode, Transaction
from bot.uitpas.numbers import mask_uitpas_number
from storage.repositories import CheckinRepository

log = logging.getLogger(__name__)

PAGE_SIZE = 10
OWN_HISTORY_LIMIT = 500  # far more check-ins than a year of retention holds for one person
_OWN_CODES = (
    AnswerCode.ACTION_SUCCEEDED.value,
    OUTCOME_UNKNOWN,
    RECONCILED_CODES[Settled.SAVED],
)

HistoryOutcome = HistoryPage | NotLinked | UitpasSilent | RedeemRefused


class HistoryService:
    def __init__(
        self,
        passholders: Passholders,
        checkins: CheckinRepository,
        history: CheckinHistory | None,
    ) -> None:
        """``history`` None: the legacy API; the bot's own check-ins are all there is."""
        self._passholders = passholders
        self._checkins = checkins
        self._history = history

    async def page(
        self, telegram_user_id: int, page: int = 0, *, member: str | None = None
    ) -> HistoryOutcome:
        """``member`` (v4): a family member's handle; their history, with the parent's login.

        Legacy has no family history: the bot records a member's check-ins under no card, so
        there only the passholder's own check-ins through the bot are known (no member tabs).
        """
        if self._history is None:
            whose, family = await self._passholders.card(telegram_user_id), ()
        else:
            whose, family = await self._passholders.choose(telegram_user_id, member)
        if whose is None:
            return await not_found(self._passholders, telegram_user_id, member)
        masked = mask_uitpas_number(whose.uitpas_number)
        page = max(page, 0)
        if self._history is None:
            return await self._own(telegram_user_id, page, masked)
        try:
            answer = await self._history.transactions(
                telegram_user_id=telegram_user_id,
                start=page * PAGE_SIZE,
                limit=PAGE_SIZE,
                passholder_id=whose.passholder_id,
            )
        except UitpasUnavailable as error:
            log.warning("history without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=False)
        if not answer.succeeded:
            return RedeemRefused.of(answer)
        total = answer.total if answer.total is not None else len(answer.transactions)
        pages = page_count(total, PAGE_SIZE)
        return HistoryPage(
            answer.transactions,
            min(page, pages - 1),
            pages,
            masked,
            whose=whose,
            family=family,
        )

    async def _own(self, telegram_user_id: int, page: int, masked: str) -> HistoryPage:
        records = await self._checkins.recent(
            telegram_user_id, OWN_HISTORY_LIMIT, result_codes=_OWN_CODES
        )
        pages = page_count(len(records), PAGE_SIZE)
        page = min(page, pages - 1)
        shown = records[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        lines = tuple(
            Transaction(
                title=r.event_title,
                location=r.organiser_name,
                created=r.created_at,
                points=r.points_saved,
            )
            for r in shown
        )
        uncertain = tuple(r.result_code == OUTCOME_UNKNOWN for r in shown)
        return HistoryPage(lines, page, pages, masked, own_only=True, uncertain=uncertain)
