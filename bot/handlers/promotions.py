"""A tap on a promotion button: show that promotion to the passholder who tapped."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot import views
from bot.handlers.common import in_private_chat, language_of, send_reply
from bot.i18n import t
from bot.services.promotions import PromotionService
from bot.uitpas.errors import UitpasUnavailable
from bot.views import PROMOTION_CALLBACK_PREFIX

# What UiTPAS promotion ids look like; anything else in a button is forged or damaged and is
# never put into a UiTPAS request.
_PROMOTION_ID = re.compile(r"[A-Za-z0-9_-]{1,58}")


class PromotionHandlers:
    def __init__(self, promotions: PromotionService) -> None:
        self._promotions = promotions

    async def show(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or query.data is None or update.effective_user is None:
            return
        language = language_of(update)
        if not in_private_chat(update):  # the detail shows the tapper's points
            await query.answer(t(language, "private_only_button"), show_alert=True)
            return
        promotion_id = query.data.removeprefix(PROMOTION_CALLBACK_PREFIX)
        if not _PROMOTION_ID.fullmatch(promotion_id):
            await query.answer(t(language, "stale_button"), show_alert=True)
            return
        try:
            detail = await self._promotions.detail(update.effective_user.id, promotion_id)
        except UitpasUnavailable:
            await query.answer(t(language, "uitpas_no_answer"), show_alert=True)
            return
        await query.answer()
        if query.message is None or not query.message.is_accessible:
            return
        await send_reply(query.message, views.promotion(detail, language))  # type: ignore[arg-type]

    def handlers(self) -> list[CallbackQueryHandler]:
        return [CallbackQueryHandler(self.show, pattern=f"^{PROMOTION_CALLBACK_PREFIX}.+")]
