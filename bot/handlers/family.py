"""/family, /card and the "who's with you?" chooser's buttons (issue 16): thin adapters.

``/family add <number> <birth date | name>`` in one line, or ``/family add`` alone and two
questions answered by replying (force reply; the number waits in the database between them).
In groups /family and /card answer with a button to the private chat and nothing personal.
"""

from __future__ import annotations

import contextlib

from telegram import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.handlers.common import in_private_chat, language_of, send_reply
from bot.handlers.editing import edit_in_place
from bot.i18n import CATALOGUES, Language, t
from bot.services.card import CardService, CardShown
from bot.services.family import (
    AddStarted,
    BirthDateNotValid,
    DraftMissing,
    FamilyService,
    NameNotValid,
    family_verb,
    split_add,
)
from bot.services.family_checkin import ChooserShown, FamilyCheckedIn, FamilyCheckinService
from bot.services.family_memberships import FamilyMemberships
from bot.views import family as family_views
from bot.views.reply import Reply

# The questions of a step-by-step add, in every language: a reply to one of them is an answer.
_QUESTION_KEYS = ("family_ask_number", "family_ask_birth_date", "family_ask_name")
CARD_START = "card"  # /start card: the deep link of /card's button in a group


def _questions(key: str) -> frozenset[str]:
    return frozenset(catalogue[key] for catalogue in CATALOGUES.values())


class _RepliesTo(filters.MessageFilter):
    """A reply to one of the bot's family questions (their text is the bot's own)."""

    def __init__(self, texts: frozenset[str]) -> None:
        super().__init__()
        self._texts = texts

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return replied is not None and (replied.text or "") in self._texts


class FamilyHandlers:
    def __init__(
        self,
        family: FamilyService,
        checkin: FamilyCheckinService,
        cards: CardService,
        memberships: FamilyMemberships,
    ) -> None:
        self._family = family
        self._checkin = checkin
        self._cards = cards
        self._memberships = memberships

    # --- /family ---------------------------------------------------------------------------

    async def family(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        language = language_of(update)
        args = list(context.args or [])
        verb = family_verb(args[0]) if args else None
        rest = " ".join(args[1:])
        with contextlib.suppress(TelegramError):
            await message.reply_chat_action(ChatAction.TYPING)
        if verb == "add" and not rest:
            await self._ask(message, language, "family_ask_number")
        elif verb == "add":
            number, detail = split_add(rest)
            if not detail:  # only a number: the second question comes
                await self._started(message, user.id, number, language)
                return
            outcome = await self._family.add(user.id, number, detail)
            await send_reply(message, family_views.added(outcome, language))
        elif verb == "remove" and rest:
            outcome = await self._family.remove(user.id, rest)
            await send_reply(message, family_views.removed(outcome, language))
        elif verb == "rename" and len(args) >= 3:
            outcome = await self._family.rename(user.id, args[1], " ".join(args[2:]))
            await send_reply(message, family_views.removed(outcome, language))
        elif verb == "leave":
            outcome = await self._memberships.ask_leave(user.id, rest)
            await send_reply(message, family_views.leave(outcome, language))
        elif verb == "icon" and rest:
            outcome = await self._memberships.icon_choice(user.id, rest)
            await send_reply(message, family_views.icons(outcome, language))
        else:
            listing = await self._memberships.overview(user.id)
            await send_reply(message, family_views.listing(listing, language))

    async def _started(
        self, message: Message, user_id: int, number: str, language: Language
    ) -> None:
        started = await self._family.start_add(user_id, number)
        if isinstance(started, AddStarted):
            key = "family_ask_birth_date" if started.needs_birth_date else "family_ask_name"
            await self._ask(message, language, key)
        else:
            await send_reply(message, family_views.added(started, language))

    async def answer(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A reply to one of the family questions."""
        user, message = update.effective_user, update.effective_message
        if user is None or message is None or message.reply_to_message is None:
            return
        language = language_of(update)
        asked = message.reply_to_message.text or ""
        text = message.text or ""
        if asked in _questions("family_ask_number"):
            await self._started(message, user.id, text, language)
            return
        outcome = await self._family.finish_add(user.id, text)
        if isinstance(outcome, DraftMissing):
            await self._ask(message, language, "family_ask_number", "family_draft_missing")
            return
        await send_reply(message, family_views.added(outcome, language))
        if isinstance(outcome, BirthDateNotValid | NameNotValid):  # the number still waits
            await self._ask(message, language, asked_key(asked))

    async def _ask(
        self, message: Message, language: Language, key: str, before: str | None = None
    ) -> None:
        if before is not None:
            await send_reply(message, Reply(t(language, before)))
        await message.reply_text(
            t(language, key),
            reply_markup=ForceReply(
                selective=True, input_field_placeholder=t(language, f"{key}_hint")
            ),
        )

    # --- the chooser -----------------------------------------------------------------------

    async def chooser_button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or query.data is None or user is None:
            return
        language = language_of(update)
        if not in_private_chat(update):
            await query.answer(t(language, "private_only_button"), show_alert=True)
            return
        if query.data.startswith(family_views.GO_PREFIX):
            prompt_id = query.data.removeprefix(family_views.GO_PREFIX)
            outcome = await self._checkin.go(user.id, prompt_id)
        else:
            prompt_id, _, position = query.data.removeprefix(family_views.TOGGLE_PREFIX).partition(
                ":"
            )
            if not position.isdigit():
                await query.answer()
                return
            outcome = await self._checkin.toggle(user.id, prompt_id, int(position))
        toast = family_views.chooser_toast(outcome, language)
        if toast is not None:
            await query.answer(toast, show_alert=True)
            return
        await query.answer()
        if isinstance(outcome, ChooserShown):
            await edit_in_place(query, family_views.chooser(outcome, language))
        elif isinstance(outcome, FamilyCheckedIn) and isinstance(query.message, Message):
            await edit_in_place(query, Reply(t(language, "family_checking_in_done")))
            await send_reply(query.message, family_views.checked_in(outcome, language))

    # --- leaving someone else's family, the icons (v4) --------------------------------------

    async def family_button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """The buttons of /family: 🎨 (the icons), a tap on an icon, leave, and its ✅/❌."""
        pressed = await _private_press(update)
        if pressed is None:
            return
        query, user, language, data = pressed
        assert isinstance(query.message, Message)
        if data.startswith(family_views.ICON_PREFIX):  # a new message: the list stays
            handle = data.removeprefix(family_views.ICON_PREFIX)
            outcome = await self._memberships.icon_choice_for(user.id, handle)
            await send_reply(query.message, family_views.icons(outcome, language))
        elif data.startswith(family_views.SET_ICON_PREFIX):
            handle, _, position = data.removeprefix(family_views.SET_ICON_PREFIX).partition(":")
            index = int(position) if position.isdigit() else -1
            outcome = await self._memberships.set_icon(user.id, handle, index)
            await edit_in_place(query, family_views.icons(outcome, language))
        elif data.startswith(family_views.LEAVE_PREFIX):
            handle = data.removeprefix(family_views.LEAVE_PREFIX)
            outcome = await self._memberships.ask_leave_of(user.id, handle)
            await send_reply(query.message, family_views.leave(outcome, language))
        elif data.startswith(family_views.LEAVE_YES_PREFIX):
            handle = data.removeprefix(family_views.LEAVE_YES_PREFIX)
            outcome = await self._memberships.leave(user.id, handle)
            await edit_in_place(query, family_views.leave(outcome, language))
        elif data == family_views.LEAVE_NO:
            await edit_in_place(query, family_views.leave_kept(language))

    # --- /card -----------------------------------------------------------------------------

    async def card(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        await self._send_card(message, user.id, language_of(update), None)

    async def card_button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        pressed = await _private_press(update)
        if pressed is None:
            return
        query, user, language, data = pressed
        assert isinstance(query.message, Message)
        key = data.removeprefix(family_views.CARD_PREFIX)
        await self._send_card(query.message, user.id, language, key)

    async def _send_card(
        self, message: Message, user_id: int, language: Language, key: str | None
    ) -> None:
        with contextlib.suppress(TelegramError):
            await message.reply_chat_action(ChatAction.UPLOAD_PHOTO)
        outcome = await self._cards.card(user_id, key)
        if not isinstance(outcome, CardShown):
            await send_reply(message, family_views.card_problem(outcome, language))
            return
        await message.reply_photo(
            outcome.png,
            caption=family_views.card_caption(outcome.member, language),
            parse_mode="HTML",
            reply_markup=family_views.card_keyboard(outcome.members, outcome.member.key, language),
            do_quote=False,
        )

    async def in_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/card or /family in a group: a button to the private chat, nothing personal."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        language = language_of(update)
        url = f"https://t.me/{context.bot.username}?start={CARD_START}"
        button = InlineKeyboardButton(t(language, "open_private_chat"), url=url)
        await send_reply(
            message,
            Reply(t(language, "family_private_only"), InlineKeyboardMarkup([[button]])),
        )

    def handlers(self) -> list[BaseHandler]:  # type: ignore[type-arg]
        private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
        questions = frozenset().union(*(_questions(key) for key in _QUESTION_KEYS))
        card_link = filters.Regex(rf"^/start(@\w+)?\s+{CARD_START}\s*$")
        return [
            CommandHandler("start", self.card, filters=private & card_link),
            CommandHandler(["family", "gezin"], self.family, filters=private),
            CommandHandler("card", self.card, filters=private),
            CommandHandler(["family", "gezin", "card"], self.in_group, filters=groups),
            MessageHandler(
                private & filters.TEXT & ~filters.COMMAND & _RepliesTo(questions), self.answer
            ),
            CallbackQueryHandler(self.chooser_button, pattern=r"^fam:(t|go):"),
            CallbackQueryHandler(self.family_button, pattern=r"^fam:(ic|is|lv|ly):|^fam:ln$"),
            CallbackQueryHandler(self.card_button, pattern=f"^{family_views.CARD_PREFIX}"),
        ]


def asked_key(asked: str) -> str:
    """Which question ``asked`` was (its text in any language)."""
    return next((key for key in _QUESTION_KEYS if asked in _questions(key)), "family_ask_number")


async def _private_press(update: Update) -> tuple[CallbackQuery, User, Language, str] | None:
    """A button pressed in the private chat, answered; None (after a toast in a group, where
    nothing personal is shown) otherwise."""
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return None
    language = language_of(update)
    if not in_private_chat(update) or not isinstance(query.message, Message):
        await query.answer(t(language, "private_only_button"), show_alert=True)
        return None
    await query.answer()
    return query, user, language, query.data
