"""The Bot API methods the emulator speaks, with Telegram's validation and error strings.

Each method reads normalized :class:`~.params.Params` and returns its ``result`` or raises
:class:`~.errors.ApiError`; transport, faults and the event log are the HTTP layer's business.
Method names are matched case-insensitively, as Telegram does.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import (
    CHAT_NOT_FOUND,
    NOT_MODIFIED,
    QUERY_TOO_OLD,
    ApiError,
    bad_request,
    conflict,
    forbidden,
    not_found,
)
from .files import StoredFile
from .formatting import format_text, with_detected_commands
from .inline import check_answer
from .keyboards import inline_keyboard, parse_reply_markup
from .multipart import Upload
from .params import Params
from .photos import InvalidDimensions, NotAnImage
from .state import ACTIVE_STATUSES, ADMIN_STATUSES, Chat, World, now
from .web_apps import menu_button_of, parse_menu_button
from .webhook import LOCAL_MAX_CONNECTIONS, MAX_CONNECTIONS, NOT_LOOPBACK, is_loopback

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_ANSWER_LIMIT = 200
DOWNLOAD_LIMIT = 20 * 1024 * 1024
PHOTO_UPLOAD_LIMIT = 10 * 1024 * 1024
DOCUMENT_UPLOAD_LIMIT = 50 * 1024 * 1024
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip
SCOPE_TYPES = frozenset(
    {
        "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
        "chat_administrators", "chat_member",
    }
)  # fmt: skip
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_WEBHOOK_PORTS = frozenset({80, 88, 443, 8443})
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
SECRET_TOKEN_LIMIT = 256
NO_WEBHOOK_POLLING = (
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
    "webhook first"
)


@dataclass(frozen=True)
class Reply:
    """A successful answer that also carries Telegram's optional ``description``."""

    result: Any
    description: str | None = None


Handler = Callable[["BotApi", Params], Awaitable[Any]]
METHODS: dict[str, tuple[str, Handler]] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name.lower()] = (name, handler)
        return handler

    return register


def resolve(name: str) -> tuple[str, Handler] | None:
    """The canonical spelling and handler of a method name, if the emulator knows it."""
    return METHODS.get(name.lower())


def _snapshot(message: dict[str, Any]) -> dict[str, Any]:
    """A copy for answers and logs, so later edits in place do not rewrite history."""
    return copy.deepcopy(message)


def scope_key(scope: Any) -> str:
    """Commands are stored per scope; chat and user ids are part of a scope's identity."""
    if scope in (None, ""):
        return "default"
    if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    parts = [scope["type"]]
    for key in ("chat_id", "user_id"):
        if key in scope:
            parts.append(f"{key}={scope[key]}")
    return ":".join(parts)


class BotApi:
    def __init__(self, world: World) -> None:
        self.world = world

    async def call(self, name: str, params: Params) -> Reply:
        found = resolve(name)
        if found is None:
            raise not_found()
        result = await found[1](self, params)
        return result if isinstance(result, Reply) else Reply(result)

    # --- shared checks ---------------------------------------------------------------------

    def chat(self, params: Params) -> Chat:
        """The chat a method targets, refusing the way Telegram refuses."""
        ref = params.get("chat_id")
        if ref in (None, ""):
            raise bad_request("chat_id is empty")
        chat = self.world.find_chat(ref) if isinstance(ref, (int, str)) else None
        if chat is None:
            if isinstance(ref, int) and ref in self.world.users:
                raise forbidden("bot can't initiate conversation with a user")
            raise bad_request(CHAT_NOT_FOUND)
        if chat.is_private:
            if chat.id in self.world.blocked:
                raise forbidden("bot was blocked by the user")
            return chat
        status = self.world.status(chat, self.world.bot["id"])
        if status not in ACTIVE_STATUSES:
            kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
            verb = "was kicked from the" if status == "kicked" else "is not a member of the"
            raise forbidden(f"bot {verb} {kind}")
        return chat

    def reply_target(self, chat: Chat, params: Params) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id, lenient = (
                reply.get("message_id"),
                bool(reply.get("allow_sending_without_reply")),
            )
        else:
            message_id = params.get("reply_to_message_id")
            lenient = params.flag("allow_sending_without_reply")
        if message_id in (None, ""):
            return None
        replied = chat.messages.get(message_id) if isinstance(message_id, int) else None
        if replied is None:
            if lenient:
                return None
            raise bad_request("message to be replied not found")
        replied = _snapshot(replied)
        replied.pop("reply_to_message", None)
        return replied

    def text_and_entities(
        self, params: Params, *, caption: bool
    ) -> tuple[str, list[dict[str, Any]]]:
        field, entities_field = ("caption", "caption_entities") if caption else ("text", "entities")
        raw = params.text(field) or ""
        text, entities = format_text(
            raw,
            params.text("parse_mode"),
            params.get(entities_field),
            strict=self.world.strict_html,
        )
        if caption and len(text) > CAPTION_LIMIT:
            raise bad_request("message caption is too long")
        if not caption and not text:
            raise bad_request("message text is empty")
        if not caption and len(text) > TEXT_LIMIT:
            raise bad_request("message is too long")
        return text, with_detected_commands(text, entities)

    def caption_fields(self, params: Params) -> dict[str, Any]:
        caption, entities = self.text_and_entities(params, caption=True)
        fields: dict[str, Any] = {}
        if caption:
            fields["caption"] = caption
            if entities:
                fields["caption_entities"] = entities
        return fields

    def send(self, chat: Chat, params: Params, fields: dict[str, Any]) -> dict[str, Any]:
        """Store a bot message with its reply and markup, and answer with its snapshot."""
        markup = parse_reply_markup(params.get("reply_markup"))
        replied = self.reply_target(chat, params)
        if replied is not None:
            fields["reply_to_message"] = replied
        inline = inline_keyboard(markup)
        if inline is not None:
            fields["reply_markup"] = inline
        elif markup is not None and "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup is not None and markup.get("remove_keyboard"):
            chat.reply_keyboard = None
        return _snapshot(chat.add_message(self.world.bot, fields))

    def file_reference(self, params: Params, field: str) -> Upload | StoredFile | str:
        """An uploaded file, a known file_id, or an http(s) URL (recorded, never fetched)."""
        value: Any = params.uploads.get(field) or params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.uploads.get(value.removeprefix("attach://"))
            if value is None:
                raise bad_request("wrong HTTP URL specified")
        if isinstance(value, Upload):
            return value
        if not isinstance(value, str) or not value:
            raise bad_request(f"there is no {field} in the request")
        if value.startswith(("http://", "https://")):
            return value
        stored = self.world.files.get(value)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if stored.kind != field:
            raise bad_request(f"can't use file of type {stored.kind.title()} as {field.title()}")
        return stored

    def editable_message(self, params: Params) -> tuple[Chat, dict[str, Any]]:
        if params.get("inline_message_id"):
            raise bad_request("the emulator does not support inline messages")
        chat = self.chat(params)
        message_id = params.integer(
            "message_id",
            missing="message identifier is not specified",
            invalid="message to edit not found",
        )
        message = chat.messages.get(message_id)
        if message is None:
            raise bad_request("message to edit not found")
        if message["from"]["id"] != self.world.bot["id"]:
            raise bad_request("message can't be edited")
        return chat, message

    def apply_edit(
        self, message: dict[str, Any], changes: dict[str, Any], markup: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Edit in place, refusing a no-op like Telegram; a missing markup removes the buttons."""
        current = {key: message.get(key) for key in changes}
        if current == changes and message.get("reply_markup") == markup:
            raise bad_request(NOT_MODIFIED)
        for key, value in changes.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = now()
        return _snapshot(message)

    def edit_markup(self, params: Params) -> dict[str, Any] | None:
        markup = parse_reply_markup(params.get("reply_markup"))
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        return inline_keyboard(markup)

    # --- methods ---------------------------------------------------------------------------

    @method("getMe")
    async def get_me(self, params: Params) -> dict[str, Any]:
        return {
            **self.world.bot,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.world.privacy_mode,
            "supports_inline_queries": True,  # inline mode is on (/setinline at BotFather)
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    @method("getUpdates")
    async def get_updates(self, params: Params) -> list[dict[str, Any]]:
        if self.world.webhook.url:
            raise conflict(NO_WEBHOOK_POLLING)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.world.updates.set_allowed([str(kind) for kind in allowed])
        limit = params.optional_integer("limit", 100) or 100
        return await self.world.updates.poll(
            offset=params.optional_integer("offset", 0) or 0,
            limit=min(max(limit, 1), 100),
            wait_seconds=float(params.optional_integer("timeout", 0) or 0),
        )

    @method("setWebhook")
    async def set_webhook(self, params: Params) -> Reply:
        url = params.text("url") or ""
        if not url:
            return await self.delete_webhook(params)
        self.check_webhook_url(url)
        secret = params.text("secret_token")
        if secret is not None and len(secret) > SECRET_TOKEN_LIMIT:
            raise bad_request("secret token is too long")
        if secret and not _SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        if params.flag("drop_pending_updates"):
            self.world.updates.drop_pending()
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.world.updates.set_allowed([str(kind) for kind in allowed])
        webhook = self.world.webhook
        already = webhook.url == url
        if not already:  # a new address: start afresh, like Telegram's new WebhookActor
            self.world.delivery.stop()
            webhook.last_error_date = webhook.last_error_message = None
        webhook.url = url
        cap = LOCAL_MAX_CONNECTIONS if self.world.local_webhooks else MAX_CONNECTIONS
        wanted = params.optional_integer("max_connections", 40) or 40
        webhook.max_connections = min(max(wanted, 1), cap)
        webhook.secret_token = secret or None
        if is_loopback(url):
            self.world.delivery.start()
        else:  # the emulator never reaches out to the internet; updates stay pending
            webhook.last_error_date = now()
            webhook.last_error_message = NOT_LOOPBACK
        return Reply(True, "Webhook is already set" if already else "Webhook was set")

    def check_webhook_url(self, url: str) -> None:
        """api.telegram.org's rules, or a local server's (any http(s) URL) in local mode."""
        if self.world.local_webhooks:
            if not url.startswith(("http://", "https://")) or _port_of(url) < 0:
                raise bad_request("bad webhook: Wrong HTTP URL")
            return
        if not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if _port_of(url) not in _WEBHOOK_PORTS:
            raise bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )

    @method("deleteWebhook")
    async def delete_webhook(self, params: Params) -> Reply:
        self.world.delivery.stop()
        if params.flag("drop_pending_updates"):
            self.world.updates.drop_pending()
        webhook = self.world.webhook
        was_set = bool(webhook.url)
        webhook.url = ""
        webhook.last_error_date = webhook.last_error_message = None
        return Reply(True, "Webhook was deleted" if was_set else "Webhook is already deleted")

    @method("getWebhookInfo")
    async def get_webhook_info(self, params: Params) -> dict[str, Any]:
        return webhook_info(self.world)

    @method("sendMessage")
    async def send_message(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        text, entities = self.text_and_entities(params, caption=False)
        fields: dict[str, Any] = {"text": text}
        if entities:
            fields["entities"] = entities
        return self.send(chat, params, fields)

    @method("sendPhoto")
    async def send_photo(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        reference = self.file_reference(params, "photo")
        fields = self.caption_fields(params)
        if isinstance(reference, Upload):
            if len(reference.data) > PHOTO_UPLOAD_LIMIT:
                raise ApiError(413, "Request Entity Too Large")
            photo = add_photo(self.world, reference.data)
        elif isinstance(reference, str):
            photo = self.world.files.add_photo_url(reference)
        else:
            photo = self.world.files.photo_sizes(reference.file_id)
        return self.send(chat, params, {"photo": photo, **fields})

    @method("sendDocument")
    async def send_document(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        reference = self.file_reference(params, "document")
        fields = self.caption_fields(params)
        if isinstance(reference, Upload):
            if len(reference.data) > DOCUMENT_UPLOAD_LIMIT:
                raise ApiError(413, "Request Entity Too Large")
            if not reference.data:
                raise bad_request("file must be non-empty")
            stored = self.world.files.add_document(
                reference.data, reference.filename, reference.content_type
            )
        elif isinstance(reference, str):
            stored = self.world.files.add_document_url(reference)
        else:
            stored = reference
        return self.send(chat, params, {"document": stored.document(), **fields})

    @method("sendChatAction")
    async def send_chat_action(self, params: Params) -> bool:
        self.chat(params)
        if params.text("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    @method("editMessageText")
    async def edit_message_text(self, params: Params) -> dict[str, Any]:
        _, message = self.editable_message(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self.text_and_entities(params, caption=False)
        changes = {"text": text, "entities": entities or None}
        return self.apply_edit(message, changes, self.edit_markup(params))

    @method("editMessageCaption")
    async def edit_message_caption(self, params: Params) -> dict[str, Any]:
        _, message = self.editable_message(params)
        if "text" in message:
            raise bad_request("there is no caption in the message to edit")
        fields = self.caption_fields(params)
        changes = {
            "caption": fields.get("caption"),
            "caption_entities": fields.get("caption_entities"),
        }
        return self.apply_edit(message, changes, self.edit_markup(params))

    @method("editMessageReplyMarkup")
    async def edit_message_reply_markup(self, params: Params) -> dict[str, Any]:
        _, message = self.editable_message(params)
        return self.apply_edit(message, {}, self.edit_markup(params))

    @method("deleteMessage")
    async def delete_message(self, params: Params) -> bool:
        chat = self.chat(params)
        message_id = params.integer(
            "message_id",
            missing="message identifier is not specified",
            invalid="message to delete not found",
        )
        message = chat.messages.get(message_id)
        if message is None:
            raise bad_request("message to delete not found")
        own = message["from"]["id"] == self.world.bot["id"]
        bot_status = self.world.status(chat, self.world.bot["id"])
        if not (own or chat.is_private or bot_status in ADMIN_STATUSES):
            raise bad_request("message can't be deleted")
        del chat.messages[message_id]
        return True

    @method("answerCallbackQuery")
    async def answer_callback_query(self, params: Params) -> bool:
        query = self.world.callbacks.get(params.text("callback_query_id") or "")
        if query is None or query.answered:
            raise bad_request(QUERY_TOO_OLD)
        text = params.text("text") or ""
        if len(text) > CALLBACK_ANSWER_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        query.answer = {
            "text": text or None,
            "show_alert": params.flag("show_alert"),
            "url": params.text("url"),
        }
        return True

    @method("answerInlineQuery")
    async def answer_inline_query(self, params: Params) -> bool:
        query = self.world.inline_queries.get(params.text("inline_query_id") or "")
        check_answer(
            query, params.get("results"), params.get("button"), strict_html=self.world.strict_html
        )
        return True

    @method("getFile")
    async def get_file(self, params: Params) -> dict[str, Any]:
        stored = self.world.files.get(params.text("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if stored.data is None:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        if stored.size > DOWNLOAD_LIMIT:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": self.world.files.assign_path(stored),
        }

    def commands_key(self, params: Params) -> tuple[str, str]:
        language = params.text("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return scope_key(params.get("scope")), language

    @method("setMyCommands")
    async def set_my_commands(self, params: Params) -> bool:
        key = self.commands_key(params)
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        cleaned = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            name = str(command.get("command", "")).removeprefix("/")
            description = str(command.get("description", "")).strip()
            if not _COMMAND_NAME.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        if cleaned:
            self.world.commands[key] = cleaned
        else:
            self.world.commands.pop(key, None)
        return True

    @method("getMyCommands")
    async def get_my_commands(self, params: Params) -> list[dict[str, str]]:
        return copy.deepcopy(self.world.commands.get(self.commands_key(params), []))

    @method("deleteMyCommands")
    async def delete_my_commands(self, params: Params) -> bool:
        self.world.commands.pop(self.commands_key(params), None)
        return True

    def menu_button_chat(self, params: Params) -> int | None:
        """The private chat a menu button belongs to; None for the default one."""
        ref = params.get("chat_id")
        if ref in (None, ""):
            return None
        chat = self.world.find_chat(ref) if isinstance(ref, (int, str)) else None
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        if not chat.is_private:
            raise bad_request("menu button can be set only in private chats")
        return chat.id

    @method("setChatMenuButton")
    async def set_chat_menu_button(self, params: Params) -> bool:
        chat_id = self.menu_button_chat(params)
        button = parse_menu_button(params.get("menu_button"))
        if button is None:
            self.world.menu_buttons.pop(chat_id, None)
        else:
            self.world.menu_buttons[chat_id] = button
        return True

    @method("getChatMenuButton")
    async def get_chat_menu_button(self, params: Params) -> dict[str, Any]:
        chat_id = self.menu_button_chat(params)
        if chat_id is None:
            return copy.deepcopy(self.world.menu_buttons.get(None) or {"type": "default"})
        return menu_button_of(self.world, chat_id)

    def group_chat(self, params: Params) -> Chat:
        """A chat for member queries: the bot must still be able to see it."""
        ref = params.get("chat_id")
        chat = self.world.find_chat(ref) if isinstance(ref, (int, str)) and ref != "" else None
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND if ref not in (None, "") else "chat_id is empty")
        return chat

    @method("getChat")
    async def get_chat(self, params: Params) -> dict[str, Any]:
        return self.group_chat(params).full_info()

    @method("getChatMember")
    async def get_chat_member(self, params: Params) -> dict[str, Any]:
        chat = self.group_chat(params)
        user_id = params.integer("user_id", invalid="user not found")
        if user_id != self.world.bot["id"] and user_id not in self.world.users:
            raise bad_request("user not found")
        if chat.is_private and user_id not in chat.members:
            raise bad_request("user not found")
        return self.world.member(chat, user_id)

    @method("getChatAdministrators")
    async def get_chat_administrators(self, params: Params) -> list[dict[str, Any]]:
        chat = self.group_chat(params)
        if chat.is_private:
            raise bad_request("there are no administrators in the private chat")
        return [
            self.world.member(chat, user_id)
            for user_id, status in chat.members.items()
            if status in ADMIN_STATUSES
        ]

    @method("leaveChat")
    async def leave_chat(self, params: Params) -> bool:
        chat = self.chat(params)
        if chat.is_private:
            raise bad_request("chat member status can't be changed in private chats")
        self.world.set_status(chat, self.world.bot, "left")
        return True


def webhook_info(world: World) -> dict[str, Any]:
    """A WebhookInfo object: the URL, pending updates and the last delivery error."""
    webhook, updates = world.webhook, world.updates
    info: dict[str, Any] = {
        "url": webhook.url,
        "has_custom_certificate": False,
        "pending_update_count": updates.pending_count,
    }
    if webhook.url:
        info["max_connections"] = webhook.max_connections
        info["ip_address"] = "127.0.0.1"
        if updates.explicit_allowed:
            info["allowed_updates"] = updates.explicit_allowed
        if webhook.last_error_date is not None:
            info["last_error_date"] = webhook.last_error_date
            info["last_error_message"] = webhook.last_error_message
    return info


def add_photo(world: World, image: bytes) -> list[dict[str, Any]]:
    """Store an uploaded photo, refusing it the way Telegram does."""
    try:
        return world.files.add_photo(image)
    except NotAnImage:
        raise bad_request("IMAGE_PROCESS_FAILED") from None
    except InvalidDimensions:
        raise bad_request("PHOTO_INVALID_DIMENSIONS") from None


def _port_of(url: str) -> int:
    try:
        return urlsplit(url).port or 443
    except ValueError:
        return -1
