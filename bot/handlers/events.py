"""What's on (issue 20): /events, a shared location, the list's buttons, the "announce in a
group" deep link, and inline mode (``@bot words`` in any chat).

The location is read from the message and handed to the service; nothing here keeps it or
logs it. A list is sent as a reply to the message it answers (the location, or the /events
words), so ◀️/▶️ read the location or the words again from there: Telegram hands the replied
message back with every button press.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from telegram import (
    CallbackQuery,
    InlineQueryResultsButton,
    Message,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.clock import Clock, system_clock
from bot.handlers.admins import AdminChecker
from bot.handlers.announcements import AnnouncementHandlers
from bot.handlers.common import language_of, send_reply
from bot.handlers.editing import edit_in_place
from bot.i18n import Language, t
from bot.services.announcements import AnnouncementService, Ready
from bot.services.events import (
    FIRST_RADIUS_KM,
    WIDER_RADIUS_KM,
    AgendaSilent,
    AnnouncementFields,
    EventGone,
    EventsService,
)
from bot.views import events as event_views
from bot.views.callback_data import CallbackCodec
from bot.views.event_buttons import (
    EVENTS_PREFIX,
    AnnounceEvent,
    EditAnnouncement,
    EventButton,
    EventButtons,
    EventEntry,
    EventsPage,
)
from bot.views.reply import Reply

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"^/\S*\s*")
_DETAIL_DEEP_LINK = "ev_"
INLINE_CACHE_SECONDS = 60
_PROMPT_LINK = re.compile(r"^/start(@\w+)?\s+events\s*$")


def _is_prompt_link(message: Message) -> bool:
    return _PROMPT_LINK.match(message.text or "") is not None


class EventHandlers:
    def __init__(
        self,
        events: EventsService,
        announcements: AnnouncementService,
        announcing: AnnouncementHandlers,
        codec: CallbackCodec,
        admins: AdminChecker,
        clock: Clock = system_clock,
    ) -> None:
        self._events = events
        self._announcements = announcements
        self._announcing = announcing
        self._buttons = EventButtons(codec)
        self._admins = admins
        self._clock = clock

    # --- the private chat --------------------------------------------------------------------

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        language = language_of(update)
        words = " ".join(context.args or ())
        if not words.strip() or _is_prompt_link(message):
            prompt = event_views.prompt(language)
            await message.reply_text(
                prompt.text, parse_mode=ParseMode.HTML, reply_markup=prompt.keyboard
            )
            return
        await message.reply_chat_action(ChatAction.TYPING)
        outcome = await self._events.matching(user.id, words)
        await _quote(
            message, event_views.event_list(outcome, language, self._sign(user.id), self._now())
        )

    async def location(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.location is None:
            return
        await message.reply_chat_action(ChatAction.FIND_LOCATION)
        spot = message.location
        outcome = await self._events.near(user.id, spot.latitude, spot.longitude)
        language = language_of(update)
        await _quote(
            message, event_views.event_list(outcome, language, self._sign(user.id), self._now())
        )

    async def no_location(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """The 📍 label arrived as text: the client could not (or may not) share a location."""
        if update.effective_message is not None:
            text = t(language_of(update), "events_no_location")
            await send_reply(update.effective_message, Reply(text))

    async def detail_link(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """``/start ev_<id>``: the button under an event shared from inline mode."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not context.args:
            return
        event_id = context.args[0].removeprefix(_DETAIL_DEEP_LINK)
        await self._send_detail(message, user.id, event_id, language_of(update), context)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or query.data is None or user is None:
            return
        language = language_of(update)
        message = query.message if query.message and query.message.is_accessible else None
        if not isinstance(message, Message):
            await query.answer()
            return
        button = self._buttons.decode(user.id, query.data)
        private = message.chat.type == "private"
        match button:
            case EventsPage() if private:
                await self._page(query, message, user.id, button, language)
            case EventEntry(event_id=event_id) if private:
                await query.answer()
                await self._send_detail(message, user.id, event_id, language, context)
            case AnnounceEvent() | EditAnnouncement() if not private:
                await self._announce(query, message, user.id, button, language, context)
            case _:  # forged, someone else's, or in the wrong kind of chat
                await query.answer(t(language, "events_button_gone"))

    async def _page(
        self,
        query: CallbackQuery,
        message: Message,
        user_id: int,
        button: EventsPage,
        language: Language,
    ) -> None:
        source = message.reply_to_message
        if button.kind == "x":
            words = _COMMAND.sub("", source.text or "", count=1) if source is not None else ""
            if not words.strip():
                await query.answer(t(language, "events_search_gone"), show_alert=True)
                return
            outcome = await self._events.matching(user_id, words, button.page)
        else:
            if source is None or source.location is None:
                await query.answer(t(language, "events_location_gone"), show_alert=True)
                return
            radius = FIRST_RADIUS_KM if button.kind == "n" else WIDER_RADIUS_KM
            spot = source.location
            outcome = await self._events.near(
                user_id, spot.latitude, spot.longitude, button.page, within_km=radius
            )
        await query.answer()
        await edit_in_place(
            query, event_views.event_list(outcome, language, self._sign(user_id), self._now())
        )

    async def _send_detail(
        self,
        message: Message,
        user_id: int,
        event_id: str,
        language: Language,
        context: ContextTypes.DEFAULT_TYPE,
    ) -> None:
        await message.reply_chat_action(ChatAction.TYPING)
        outcome = await self._events.detail(user_id, event_id)
        reply = event_views.event_detail(outcome, language, context.bot.username, self._now())
        await send_reply(message, reply)

    # --- a group: announce an event in one tap -----------------------------------------------

    async def group_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """``/start@bot ev_<id>`` in a group: the admin picked this group for an event."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not context.args:
            return
        language = language_of(update)
        if not await self._admins.is_admin(context.bot, message):
            await send_reply(message, Reply(t(language, "admins_only")))
            return
        event_id = context.args[0].removeprefix(event_views.ANNOUNCE_DEEP_LINK_PREFIX)
        await message.reply_chat_action(ChatAction.TYPING)
        fields = await self._events.announcement_fields(event_id)
        if isinstance(fields, AnnouncementFields) and fields.start is not None:
            zone = self._announcements.zone
            reply = event_views.announce_preview(
                event_id, fields, language, zone, self._sign(user.id)
            )
        else:
            reply = _not_announceable(fields, language)
        await send_reply(message, reply)

    async def _announce(
        self,
        query: CallbackQuery,
        message: Message,
        user_id: int,
        button: AnnounceEvent | EditAnnouncement,
        language: Language,
        context: ContextTypes.DEFAULT_TYPE,
    ) -> None:
        bot = context.bot
        if not await self._admins.user_is_admin(bot, message.chat.id, user_id):
            await query.answer(t(language, "admins_only"), show_alert=True)
            return
        fields = await self._events.announcement_fields(button.event_id)
        if not isinstance(fields, AnnouncementFields) or fields.start is None:
            await query.answer()
            await send_reply(message, _not_announceable(fields, language))
            return
        zone = self._announcements.zone
        if isinstance(button, EditAnnouncement):
            await query.answer()
            await send_reply(message, event_views.announce_edit(fields, language, zone))
            return
        line = event_views.announcement_line(fields, zone)
        step = await self._announcements.begin(message.chat.id, user_id, language, line)
        if not isinstance(step, Ready):  # e.g. it started meanwhile: let the admin type it
            await query.answer()
            await send_reply(message, event_views.announce_edit(fields, language, zone))
            return
        await query.answer(t(language, "events_announce_done_toast"))
        await self._announcing.publish_ready(bot, step)
        try:
            await message.delete()  # the preview: the card replaces it
        except BadRequest:
            await message.edit_reply_markup(None)

    # --- inline mode -------------------------------------------------------------------------

    async def inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        if query is None:
            return
        language = language_of(update)
        button = InlineQueryResultsButton(
            text=t(language, "inline_search_in_bot"), start_parameter="events"
        )
        if not query.query.strip():
            await query.answer([], cache_time=INLINE_CACHE_SECONDS, button=button)
            return
        outcome = await self._events.matching(query.from_user.id, query.query, personal=False)
        articles = event_views.inline_articles(outcome, language, context.bot.username, self._now())
        # Not personal: the articles carry nothing of the user's, so Telegram may share the cache.
        await query.answer(articles, cache_time=INLINE_CACHE_SECONDS, button=button)

    def _sign(self, user_id: int) -> event_views.Sign:
        def sign(button: EventButton) -> str | None:
            return self._buttons.encode(user_id, button)

        return sign

    def _now(self) -> datetime:
        return self._clock()

    def handlers(self) -> list[BaseHandler]:  # type: ignore[type-arg]
        private = filters.ChatType.PRIVATE
        groups = filters.ChatType.GROUPS
        detail = filters.Regex(rf"^/start(@\w+)?\s+{_DETAIL_DEEP_LINK}")
        announce = filters.Regex(rf"^/start(@\w+)?\s+{event_views.ANNOUNCE_DEEP_LINK_PREFIX}")
        labels = "|".join(re.escape(label) for label in event_views.location_button_labels())
        return [
            # Before the plain /start handlers: the first matching handler wins.
            CommandHandler("start", self.detail_link, filters=private & detail),
            CommandHandler("start", self.group_start, filters=groups & announce),
            # The inline results' "search in the bot" button: /start events.
            CommandHandler("start", self.command, filters=private & filters.Regex(_PROMPT_LINK)),
            CommandHandler("events", self.command, filters=private),
            # A live location's later updates are edits: one search per share, not one a minute.
            MessageHandler(private & filters.LOCATION & ~filters.UpdateType.EDITED, self.location),
            MessageHandler(private & filters.Regex(rf"^({labels})$"), self.no_location),
            CallbackQueryHandler(self.button, pattern=f"^{EVENTS_PREFIX}"),
            InlineQueryHandler(self.inline),
        ]


def _not_announceable(
    fields: AnnouncementFields | EventGone | AgendaSilent, language: Language
) -> Reply:
    if isinstance(fields, AgendaSilent):
        return Reply(t(language, "events_silent"))
    if isinstance(fields, EventGone):
        return Reply(t(language, "events_gone"))
    return event_views.announce_no_start(fields, language)


async def _quote(message: Message, reply: Reply) -> None:
    """Send ``reply`` as a reply to ``message``: the list's page buttons read it again."""
    await message.reply_text(
        reply.text,
        parse_mode=ParseMode.HTML,
        reply_markup=reply.keyboard,
        do_quote=True,
        disable_web_page_preview=True,
    )
