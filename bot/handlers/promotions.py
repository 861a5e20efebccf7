"""/promotions and every promotion button: paging, the filter, details, stale and forged data.

The callback data is checked by :class:`~bot.views.callback_data.CallbackCodec` before anything
else; what fails the check never reaches a service. Answers only go to private chats: a
button pressed anywhere else (forged into a group) gets a toast and nothing personal.
"""

from __future__ import annotations

import dataclasses
import logging
from functools import partial
from typing import Protocol, TypeGuard

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.handlers.editing import edit_in_place
from bot.i18n import Language, t
from bot.services.outcomes import (
    ListChanged,
    PromotionDetail,
    PromotionListOutcome,
    PromotionPage,
    UitpasSilent,
)
from bot.services.promotions import PromotionService
from bot.views import account as account_views
from bot.views.callback_data import (
    PREFIX,
    SPOTLIGHT_PREFIX,
    CallbackCodec,
    ListEntry,
    ListPage,
    OpenList,
    SpotlightEntry,
)
from bot.views.reply import Reply

log = logging.getLogger(__name__)


class WishButton(Protocol):
    """Adds the ⭐ wish button to a reward's detail (the notifications' handlers, issue 19)."""

    async def with_wish_button(
        self, user_id: int, reward_id: str, language: Language, reply: Reply
    ) -> Reply: ...


class PromotionHandlers:
    def __init__(
        self,
        promotions: PromotionService,
        codec: CallbackCodec,
        *,
        wishes: WishButton | None = None,
    ) -> None:
        """``wishes`` (issue 19): adds ⭐ "tell me when I can get this" to a reward's detail."""
        self._promotions = promotions
        self._codec = codec
        self._wishes = wishes

    async def list_command(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        await message.reply_chat_action(ChatAction.TYPING)
        await self._send_list(message, user.id, language_of(update))

    async def button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or query.data is None or user is None:
            return
        language = language_of(update)
        message = query.message if query.message and query.message.is_accessible else None
        if not isinstance(message, Message) or message.chat.type != "private":
            await query.answer(t(language, "private_chat_only_toast"))
            return
        match self._codec.decode(user.id, query.data):
            case ListPage(
                page=page, only_affordable=flag, fingerprint=fingerprint, section=section
            ):
                await self._page(query, user.id, language, page, flag, fingerprint, section)
            case ListEntry(promotion_id=promotion_id, fingerprint=fingerprint) as entry:
                back = self._codec.encode(
                    user.id, ListPage(entry.page, entry.only_affordable, fingerprint)
                )
                await self._detail(
                    query, message, user.id, language, promotion_id, fingerprint, back=back
                )
            case SpotlightEntry(promotion_id=promotion_id):
                await self._detail(query, message, user.id, language, promotion_id, None)
            case OpenList():
                await query.answer()
                await self._send_list(message, user.id, language)
            case None:  # forged, damaged, or made for someone else: a fresh list, nothing more
                await query.answer(t(language, "promotions_changed_toast"))
                await self._send_list(message, user.id, language, changed=True)

    async def _page(
        self,
        query: CallbackQuery,
        user_id: int,
        language: Language,
        page: int,
        only_affordable: bool,
        fingerprint: str,
        section: str = "all",
    ) -> None:
        outcome = await self._promotions.page(
            user_id, page, only_affordable=only_affordable, listed_in=fingerprint, section=section
        )
        changed = isinstance(outcome, PromotionPage) and outcome.list_changed
        await query.answer(t(language, "promotions_changed_toast") if changed else None)
        reply = account_views.promotion_list(outcome, language, self._sign(user_id))
        message = query.message if isinstance(query.message, Message) else None
        if message is not None and message.photo:
            # ◀️ under a detail with its picture: a photo cannot become a text message, so
            # the list takes its place at the bottom of the chat.
            try:
                await message.delete()
            except TelegramError as error:  # older than 48 hours: the picture stays
                log.info("detail not deleted: %s", error)
            await send_reply(message, reply)
            return
        await edit_in_place(query, reply)

    async def _detail(
        self,
        query: CallbackQuery,
        message: Message,
        user_id: int,
        language: Language,
        promotion_id: str,
        fingerprint: str | None,
        *,
        back: str | None = None,
    ) -> None:
        detail = await self._promotions.detail(user_id, promotion_id, listed_in=fingerprint)
        if isinstance(detail, UitpasSilent):
            await query.answer(t(language, "uitpas_no_answer"), show_alert=True)
            return
        if isinstance(detail, ListChanged):
            outcome = _as_changed(await self._promotions.page(user_id))
            await query.answer(t(language, "promotions_changed_toast"))
            reply = account_views.promotion_list(outcome, language, self._sign(user_id))
            await edit_in_place(query, reply)
            return
        if detail is None:
            # Gone since the button was made: say so, and show what there is now.
            await query.answer(t(language, "promotion_gone"))
            await self._send_list(message, user_id, language, changed=fingerprint is not None)
            return
        await query.answer()
        reply = account_views.promotion_detail(
            detail, language, sign=self._sign(user_id), back=back
        )
        if self._wishes is not None and _out_of_reach(detail) and detail.promotion.id:
            reply = await self._wishes.with_wish_button(
                user_id, detail.promotion.id, language, reply
            )
        await send_reply(message, reply)

    async def _send_list(
        self, message: Message, user_id: int, language: Language, *, changed: bool = False
    ) -> None:
        outcome = await self._promotions.page(user_id)
        if changed:
            outcome = _as_changed(outcome)
        await send_reply(
            message, account_views.promotion_list(outcome, language, self._sign(user_id))
        )

    def _sign(self, user_id: int) -> account_views.Sign:
        return partial(self._codec.encode, user_id)

    def handlers(self) -> list[CommandHandler | CallbackQueryHandler]:
        return [
            CommandHandler("promotions", self.list_command, filters=filters.ChatType.PRIVATE),
            CallbackQueryHandler(self.button, pattern=f"^({PREFIX}|{SPOTLIGHT_PREFIX})"),
        ]


def _out_of_reach(detail: object) -> TypeGuard[PromotionDetail]:
    """A reward their points do not cover yet: the one a ⭐ wish is for."""
    if not isinstance(detail, PromotionDetail):
        return False
    points, total = detail.promotion.points, detail.total_points
    return points is not None and total is not None and points > total


def _as_changed(outcome: PromotionListOutcome) -> PromotionListOutcome:
    """The fresh list, saying that it replaces the one the button came from."""
    if isinstance(outcome, PromotionPage):
        return dataclasses.replace(outcome, list_changed=True)
    return outcome
