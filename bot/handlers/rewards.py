"""Trading points in the chat: "redeem", confirm or cancel, what was redeemed, /history.

Thin, like every handler: the signed button is decoded, a service decides, a view words it.
The confirmation is its own message; confirming or cancelling edits it in place, so its
buttons are gone once answered. Answers only go to private chats.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatAction
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.handlers.editing import edit_in_place
from bot.i18n import Language, t
from bot.services.history import HistoryService
from bot.services.redemption import RedemptionService
from bot.services.trading_outcomes import RedeemOffer, RedeemRunning, RedeemUnknown, WhosePoints
from bot.views import rewards as reward_views
from bot.views.callback_data import (
    TRADING_PREFIX,
    CallbackCodec,
    HistoryList,
    RedeemAsk,
    RedeemCancel,
    RedeemConfirm,
    RedeemedList,
)
from bot.views.reply import Reply


class RewardHandlers:
    def __init__(
        self, redemption: RedemptionService, history: HistoryService, codec: CallbackCodec
    ) -> None:
        self._redemption = redemption
        self._history = history
        self._codec = codec

    async def history_command(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        await message.reply_chat_action(ChatAction.TYPING)
        outcome = await self._history.page(user.id)
        reply = reward_views.history_page(outcome, language_of(update), self._sign(user.id))
        await send_reply(message, reply)

    async def button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or query.data is None or user is None:
            return
        language = language_of(update)
        message = query.message if query.message and query.message.is_accessible else None
        if not isinstance(message, Message) or message.chat.type != "private":
            await query.answer(t(language, "private_chat_only_toast"))
            return
        sign = self._sign(user.id)
        match self._codec.decode(user.id, query.data):
            case RedeemAsk(promotion_id=promotion_id, member=None):
                # With a family: whose points first; without one, the confirmation.
                asked = await self._redemption.ask(user.id, promotion_id)
                await query.answer()
                await send_reply(message, _offer_reply(asked, language, sign))
            case RedeemAsk(promotion_id=promotion_id, member=member):
                offer = await self._redemption.offer(user.id, promotion_id, member=member)
                await query.answer()
                await send_reply(message, _offer_reply(offer, language, sign))
            case RedeemConfirm(promotion_id=promotion_id, issued=issued, member=member):
                await self._confirm(query, user.id, language, promotion_id, issued, member)
            case RedeemCancel():
                await query.answer()
                await edit_in_place(query, reward_views.cancelled(language))
            case RedeemedList(page=page, fresh=fresh, member=member):
                outcome = await self._redemption.redeemed(user.id, page, member=member)
                await query.answer()
                reply = reward_views.redeemed_page(outcome, language, sign)
                if fresh:
                    await send_reply(message, reply)
                else:
                    await edit_in_place(query, reply)
            case HistoryList(page=page, member=member):
                outcome = await self._history.page(user.id, page, member=member)
                await query.answer()
                await edit_in_place(query, reward_views.history_page(outcome, language, sign))
            case _:  # forged, damaged, or made for someone else: nothing happens
                await query.answer(t(language, "promotions_changed_toast"))

    async def _confirm(
        self,
        query: CallbackQuery,
        user_id: int,
        language: Language,
        promotion_id: str,
        issued: int,
        member: str | None = None,
    ) -> None:
        issued_at = datetime.fromtimestamp(issued, UTC)
        outcome = await self._redemption.redeem(
            user_id, promotion_id, issued_at=issued_at, member=member
        )
        if isinstance(outcome, RedeemRunning):  # the first tap answers in the message
            await query.answer(t(language, "redeem_running"))
            return
        await query.answer()
        sign = self._sign(user_id)
        if isinstance(outcome, RedeemOffer):  # the confirmation had expired: a fresh one
            await edit_in_place(query, reward_views.offer(outcome, language, sign))
            return
        if isinstance(outcome, RedeemUnknown):  # the same button, to look again later
            reply = reward_views.unknown(language, sign, promotion_id, issued, member)
            await edit_in_place(query, reply)
            return
        await edit_in_place(query, reward_views.redeem_outcome(outcome, language))

    def _sign(self, user_id: int) -> reward_views.Sign:
        return partial(self._codec.encode, user_id)

    def handlers(self) -> list[CommandHandler | CallbackQueryHandler]:
        return [
            CommandHandler("history", self.history_command, filters=filters.ChatType.PRIVATE),
            CallbackQueryHandler(self.button, pattern=f"^{TRADING_PREFIX}"),
        ]


def _offer_reply(outcome: object, language: Language, sign: reward_views.Sign) -> Reply:
    """Whose points (a family), the confirmation, or why there is none."""
    if isinstance(outcome, WhosePoints):
        return reward_views.whose_points(outcome, language, sign)
    if isinstance(outcome, RedeemOffer):
        return reward_views.offer(outcome, language, sign)
    return reward_views.redeem_outcome(outcome, language)  # type: ignore[arg-type]
