"""Group announcements in Telegram: /announce (one line or step by step), the card's
"I'm coming" button, /cancel, /remind, /stats, and the hello when the bot joins a group.

Every admin command asks ``AdminChecker`` again: command menus are no access control.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import re

from telegram import (
    Bot,
    ForceReply,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatMemberStatus, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.handlers.admins import AdminChecker, actor_id
from bot.handlers.common import language_of, send_reply
from bot.handlers.photos import download_image
from bot.i18n import Language, language_for, t
from bot.i18n.dates import when_text
from bot.services.announcements import (
    AnnouncementService,
    Ask,
    Card,
    Ready,
    ReminderNotUnderstood,
    parse_reminder,
)
from bot.services.checkin import CheckinService
from bot.services.published_announcement import MemberCounts, PublishedAnnouncement
from bot.views import announcements as announcement_views
from bot.views.reply import Reply

log = logging.getLogger(__name__)

_COMMAND_PREFIX = re.compile(r"^/\S*\s*")
_ACTIVE = {ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}


class AnnouncementHandlers:
    def __init__(
        self, service: AnnouncementService, checkin: CheckinService, admins: AdminChecker
    ) -> None:
        self._service = service
        self._checkin = checkin
        self._admins = admins
        self._card_locks: dict[str, asyncio.Lock] = {}

    # --- /announce and its steps ------------------------------------------------------------

    async def announce(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not await self._admin_or_refuse(message, context.bot):
            return
        language = language_of(update)
        actor = actor_id(message)
        assert actor is not None
        code, poster_id = None, None
        poster = message.reply_to_message
        if poster is not None and (poster.photo or poster.document):
            await message.reply_chat_action(ChatAction.TYPING)
            image = await download_image(context.bot, poster)
            found = await self._checkin.code_in_photo(image) if image is not None else None
            if not isinstance(found, tuple):
                no_code = t(language, "announce_poster_no_code")
                await self._admin_error(message, context.bot, no_code)
                return
            code, poster_id = found[0], poster.message_id
        typed = _COMMAND_PREFIX.sub("", message.text or "", count=1)
        step = await self._service.begin(
            message.chat.id,
            actor,
            language,
            typed,
            checkin_code=code,
            poster_message_id=poster_id,
        )
        await self._follow(message, context.bot, step, language)

    async def draft_answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A reply to one of the bot's questions; anything else is none of the bot's business."""
        message = update.effective_message
        if message is None or message.text is None or message.reply_to_message is None:
            return
        replied = message.reply_to_message
        if replied.from_user is None or replied.from_user.id != context.bot.id:
            return
        actor = actor_id(message)
        if actor is None:
            return
        step = await self._service.answer(message.chat.id, actor, replied.message_id, message.text)
        if step is None:
            return
        language = language_of(update)
        await self._follow(message, context.bot, step, language)
        # The question is answered: it only clutters the group now (the bot may always
        # delete its own messages, admin or not).
        with contextlib.suppress(TelegramError):
            await replied.delete()

    async def _follow(
        self, message: Message, bot: Bot, step: Ask | Ready, language: Language
    ) -> None:
        if isinstance(step, Ready):
            if await self._admin_or_refuse(message, bot):  # may have been demoted meanwhile
                await self._publish(bot, step)
            return
        prompt = await message.reply_text(
            announcement_views.ask(step, language, self._service.zone),
            parse_mode=ParseMode.HTML,
            reply_markup=ForceReply(selective=True),
            do_quote=True,
        )
        actor = actor_id(message)
        assert actor is not None
        await self._service.remember_prompt(message.chat.id, actor, prompt.message_id)

    async def publish_ready(self, bot: Bot, ready: Ready) -> None:
        """Post the card of a draft filled in elsewhere (an event from UiTdatabank, issue 20);
        the caller has checked that its actor is an admin."""
        await self._publish(bot, ready)

    async def _publish(self, bot: Bot, ready: Ready) -> None:
        announcement = await self._service.publish(ready)
        reply = announcement_views.card(announcement, MemberCounts(), bot.username)
        try:
            card = await bot.send_message(
                announcement.chat_id,
                reply.text,
                parse_mode=ParseMode.HTML,
                reply_markup=reply.keyboard,
            )
        except TelegramError:
            await self._service.cancel(announcement)  # no card, so no reminder to a card either
            raise
        await self._service.card_posted(announcement.id, card.message_id)
        if ready.poster_message_id is not None:
            # The poster's QR code lets anyone check in from home; remove it when the bot may.
            with contextlib.suppress(TelegramError):
                await bot.delete_message(announcement.chat_id, ready.poster_message_id)

    async def _admin_or_refuse(self, message: Message, bot: Bot) -> bool:
        if await self._admins.is_admin(bot, message):
            return True
        language = language_for(message.from_user.language_code if message.from_user else None)
        await send_reply(message, Reply(t(language, "admins_only")))
        with contextlib.suppress(TelegramError):  # the bot is no admin there: it stays
            await message.delete()
        return False

    # --- on the card ------------------------------------------------------------------------

    async def rsvp(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or query.data is None or update.effective_user is None:
            return
        language = language_of(update)
        token = query.data.removeprefix(announcement_views.RSVP_PREFIX)
        lock = self._card_locks.setdefault(token, asyncio.Lock())
        async with lock:  # one card edit at a time, so the count shown is never an older one
            result = await self._service.toggle_coming(token, update.effective_user.id)
            if result is Card.NOT_A_CARD:
                await query.answer(t(language, "rsvp_gone"))
                return
            if result is Card.CANCELLED:
                await query.answer(t(language, "rsvp_cancelled"))
                return
            if result is Card.STARTED:
                await query.answer(t(language, "rsvp_started"))
                return
            assert not isinstance(result, Card)
            await query.answer(t(language, "rsvp_coming" if result.coming else "rsvp_not_coming"))
            announcement = result.announcement
            if announcement.card_message_id is None and query.message is not None:
                # Pressed before the announcing update stored the card's id: this is the card.
                announcement = dataclasses.replace(
                    announcement, card_message_id=query.message.message_id
                )
            await self._edit_card(context.bot, announcement, result.counts)

    async def _edit_card(
        self, bot: Bot, announcement: PublishedAnnouncement, counts: MemberCounts
    ) -> None:
        if announcement.card_message_id is None:
            return
        reply = announcement_views.card(announcement, counts, bot.username)
        try:
            await bot.edit_message_text(
                reply.text,
                chat_id=announcement.chat_id,
                message_id=announcement.card_message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=reply.keyboard,
            )
        except BadRequest as error:
            if "not modified" not in error.message.lower():
                raise

    async def _card_for(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, command: str
    ) -> PublishedAnnouncement | None:
        """The announcement whose card the admin's command replies to, or a usage reply."""
        message = update.effective_message
        assert message is not None
        replied = message.reply_to_message
        announcement = None
        if replied is not None and replied.from_user and replied.from_user.id == context.bot.id:
            announcement = await self._service.card(message.chat.id, replied.message_id)
        if announcement is None:
            text = t(language_of(update), "card_reply_needed", command=command)
            await self._admin_error(message, context.bot, text)
        return announcement

    async def _admin_error(self, message: Message, bot: Bot, text: str) -> None:
        """An admin's mistake is the admin's business: told privately, naming the group; in
        the group only when that is impossible (an anonymous admin, or one who never opened
        the private chat)."""
        user = message.from_user
        if message.sender_chat is None and user is not None:
            language = language_for(user.language_code)
            where = t(language, "admin_error_in_group", group=message.chat.title or "")
            try:
                await bot.send_message(user.id, f"{where}\n{text}", parse_mode=ParseMode.HTML)
            except TelegramError:
                pass
            else:
                return
        await send_reply(message, Reply(text))

    async def cancel(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not await self._admin_or_refuse(message, context.bot):
            return
        language = language_of(update)
        replied = message.reply_to_message
        actor = actor_id(message)
        draft_prompt = (
            await self._service.draft_prompt(message.chat.id, actor)
            if replied is None and actor is not None
            else None
        )
        if (
            replied is None
            and actor is not None
            and await self._service.drop_draft(message.chat.id, actor)
        ):
            if draft_prompt is not None:  # the abandoned question goes with its draft
                with contextlib.suppress(TelegramError):
                    await context.bot.delete_message(message.chat.id, draft_prompt)
            await send_reply(message, Reply(t(language, "draft_dropped")))
            return
        announcement = await self._card_for(update, context, "/cancel")
        if announcement is None:
            return
        cancelled = await self._service.cancel(announcement)
        if cancelled is None:
            await self._admin_error(message, context.bot, t(language, "cancel_already"))
            return
        await self._edit_card(context.bot, cancelled, MemberCounts())
        await send_reply(message, Reply(t(language, "cancel_done", title=announcement.title)))

    async def remind(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not await self._admin_or_refuse(message, context.bot):
            return
        language = language_of(update)
        typed = " ".join(context.args or [])
        try:
            before = parse_reminder(typed)
        except ReminderNotUnderstood:
            await self._admin_error(message, context.bot, t(language, "remind_usage"))
            return
        announcement = await self._card_for(update, context, "/remind")
        if announcement is None:
            return
        if announcement.cancelled_at is not None:
            await self._admin_error(message, context.bot, t(language, "cancel_already"))
            return
        try:
            remind_at = await self._service.set_reminder(announcement, before)
        except LookupError:
            await self._admin_error(message, context.bot, t(language, "remind_already_sent"))
            return
        except ValueError:
            await self._admin_error(message, context.bot, t(language, "remind_too_late"))
            return
        if remind_at is None:
            text = t(language, "remind_off", title=announcement.title)
        else:
            when = when_text(remind_at, self._service.zone, language)
            text = t(language, "remind_set", title=announcement.title, when=when)
        await send_reply(message, Reply(text))

    async def stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not await self._admin_or_refuse(message, context.bot):
            return
        announcement = await self._card_for(update, context, "/stats")
        if announcement is None:
            return
        counts = await self._service.counts(announcement)
        await send_reply(message, announcement_views.stats(announcement, counts))

    async def added_to_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Say hello once, when someone adds the bot: admins learn /announce right away."""
        change = update.my_chat_member
        if change is None or change.chat.type not in ("group", "supergroup"):
            return
        if change.old_chat_member.status in _ACTIVE or change.new_chat_member.status not in _ACTIVE:
            return
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(
                change.chat.id, t(language_of(update), "bot_added"), parse_mode=ParseMode.HTML
            )

    def handlers(self) -> list[BaseHandler]:  # type: ignore[type-arg]
        groups = filters.ChatType.GROUPS
        return [
            CommandHandler("announce", self.announce, filters=groups),
            CommandHandler("cancel", self.cancel, filters=groups),
            CommandHandler("remind", self.remind, filters=groups),
            CommandHandler("stats", self.stats, filters=groups),
            MessageHandler(
                groups & filters.TEXT & ~filters.COMMAND & filters.REPLY, self.draft_answer
            ),
            CallbackQueryHandler(self.rsvp, pattern=f"^{announcement_views.RSVP_PREFIX}"),
            ChatMemberHandler(self.added_to_group, ChatMemberHandler.MY_CHAT_MEMBER),
        ]
