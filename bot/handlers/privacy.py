"""/privacy (what is stored and why) and /forget (delete it all, after a confirmation tap)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.handlers.common import edit_reply, in_private_chat, language_of, send_reply
from bot.i18n import t
from bot.services.privacy import PrivacyService
from bot.views import privacy as privacy_views
from bot.views.privacy import FORGET_NO_CALLBACK, FORGET_YES_CALLBACK
from bot.views.reply import Reply


class PrivacyHandlers:
    def __init__(self, privacy: PrivacyService) -> None:
        self._privacy = privacy

    async def privacy(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        summary = await self._privacy.summary(user.id)
        await send_reply(message, privacy_views.privacy(summary, language_of(update)))

    async def forget(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is not None:
            await send_reply(
                update.effective_message, privacy_views.forget_confirmation(language_of(update))
            )

    async def confirmed(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deletes the data of whoever tapped: the button carries no id that could be forged."""
        query, user = update.callback_query, update.effective_user
        if query is None or user is None:
            return
        if not in_private_chat(update):
            await query.answer(t(language_of(update), "private_only_button"), show_alert=True)
            return
        await self._privacy.forget(user.id)
        await query.answer()
        await edit_reply(query, Reply(t(language_of(update), "forgotten")))

    async def cancelled(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        await edit_reply(query, Reply(t(language_of(update), "forget_cancelled")))

    def handlers(self) -> list[CommandHandler | CallbackQueryHandler]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("privacy", self.privacy, filters=private),
            CommandHandler("forget", self.forget, filters=private),
            CallbackQueryHandler(self.confirmed, pattern=f"^{FORGET_YES_CALLBACK}$"),
            CallbackQueryHandler(self.cancelled, pattern=f"^{FORGET_NO_CALLBACK}$"),
        ]
