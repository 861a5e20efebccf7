"""The control API under ``/_emu``: what users do, and what tests want to see.

Pushes (messages, photos, documents, button presses) are the user side of Telegram: they land
in the chat and, when Telegram would deliver them, in the bot's update queue. The read side
(event log, chat contents, files, commands) lets tests and the demo observe the bot without
peeking into its internals. Errors use the Bot API's error shape for one less format.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .botapi import add_photo, scope_key, webhook_info
from .errors import ApiError, bad_request, not_found
from .faults import Fault
from .formatting import command_entities
from .keyboards import has_callback
from .multipart import MultipartError, Upload, parse_multipart
from .state import ACTIVE_STATUSES, MEMBER_STATUSES, Chat, World, group_type, now
from .transport import error_response, ok, unless_disconnected

MAX_EVENT_WAIT = 60.0
FAULT_FIELDS = frozenset(
    {"kind", "error_code", "description", "retry_after", "times", "processed", "delay"}
)


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise bad_request("JSON body expected") from None
    if not isinstance(body, dict):
        raise bad_request("JSON object expected")
    return body


async def _form_body(request: Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Multipart fields (``user`` as JSON) and files, for the upload endpoints."""
    try:
        parts = parse_multipart(await request.body(), request.headers.get("content-type", ""))
    except MultipartError as exc:
        raise bad_request(f"multipart/form-data expected: {exc}") from None
    fields: dict[str, Any] = {k: v for k, v in parts.items() if isinstance(v, str)}
    uploads = {k: v for k, v in parts.items() if isinstance(v, Upload)}
    try:
        fields["user"] = json.loads(fields.get("user", "null"))
    except ValueError:
        raise bad_request('field "user" must be a JSON object') from None
    return fields, uploads


def _int_or_none(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"integer expected, got {value!r}") from None


class Control:
    def __init__(self, world: World) -> None:
        self.world = world

    # --- helpers ---------------------------------------------------------------------------

    def user(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or not isinstance(value.get("id"), int):
            raise bad_request('"user" must be an object with an integer "id"')
        if value["id"] == self.world.bot["id"]:
            raise bad_request("users cannot act as the bot")
        return self.world.remember_user(value)

    def chat_for(self, user: dict[str, Any], chat_id: Any) -> Chat:
        """The private chat with ``user`` (made on first contact) or a group they belong to."""
        chat_id = _int_or_none(chat_id)
        if chat_id is None or chat_id == user["id"]:
            if user["id"] in self.world.blocked:
                raise bad_request("the user has blocked the bot; unblock it first")
            return self.world.private_chat(user)
        chat = self.world.chats.get(chat_id)
        if chat is None or chat.is_private:
            raise bad_request("chat not found; create the group first")
        if self.world.status(chat, user["id"]) not in ACTIVE_STATUSES:
            raise bad_request("the user is not a member of the chat")
        return chat

    def existing_chat(self, chat_id: Any) -> Chat:
        chat = self.world.chats.get(_int_or_none(chat_id) or 0)
        if chat is None:
            raise not_found()
        return chat

    def reply_to(self, chat: Chat, message_id: Any) -> dict[str, Any] | None:
        message_id = _int_or_none(message_id)
        if message_id is None:
            return None
        replied = chat.messages.get(message_id)
        if replied is None:
            raise bad_request("message to be replied not found")
        replied = copy.deepcopy(replied)
        replied.pop("reply_to_message", None)
        return replied

    def post(self, chat: Chat, user: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
        """Add a user's message to the chat and queue it for the bot if Telegram would."""
        for text_field, entities_field in (("text", "entities"), ("caption", "caption_entities")):
            text = fields.get(text_field)
            if isinstance(text, str) and entities_field not in fields:
                entities = command_entities(text)
                if entities:
                    fields[entities_field] = entities
        message = chat.add_message(user, fields)
        delivered = self.world.deliver(chat, message)
        return self.pushed(copy.deepcopy(message), delivered=delivered)

    def pushed(self, result: Any, **extra: Any) -> Response:
        return ok(result, seq=self.world.events.last_seq, **extra)

    # --- user actions ----------------------------------------------------------------------

    async def message(self, request: Request) -> Response:
        """A text message (``text``, validated like a Telegram client) or raw ``fields``."""
        body = await _json_body(request)
        user = self.user(body.get("user"))
        chat = self.chat_for(user, body.get("chat_id"))
        if body.get("edited"):
            return self.edit(chat, user, dict(body.get("fields") or {}))
        if "text" in body:
            text = str(body["text"])
            if not text.strip():
                raise bad_request("message text is empty")
            if len(text) > 4096:
                raise bad_request("message is too long")
            fields: dict[str, Any] = {"text": text}
        else:
            fields = dict(body.get("fields") or {})
            if not fields:
                raise bad_request('"text" or "fields" is required')
        replied = self.reply_to(chat, body.get("reply_to_message_id"))
        if replied is not None:
            fields["reply_to_message"] = replied
        return self.post(chat, user, fields)

    def edit(self, chat: Chat, user: dict[str, Any], fields: dict[str, Any]) -> Response:
        message = chat.messages.get(_int_or_none(fields.pop("message_id", None)) or 0)
        if message is None or message["from"]["id"] != user["id"]:
            raise bad_request('"fields.message_id" must name a message this user sent')
        if "text" in fields and "entities" not in fields:
            message.pop("entities", None)
            entities = command_entities(str(fields["text"]))
            if entities:
                fields["entities"] = entities
        message.update(fields)
        message["edit_date"] = now()
        delivered = self.world.deliver(chat, message, edited=True)
        return self.pushed(copy.deepcopy(message), delivered=delivered)

    async def photo(self, request: Request) -> Response:
        fields, uploads = await _form_body(request)
        user = self.user(fields["user"])
        chat = self.chat_for(user, fields.get("chat_id"))
        upload = uploads.get("photo")
        if upload is not None:
            sizes = add_photo(self.world, upload.data)
        elif isinstance(fields.get("photo"), str):
            # A file_id: the same photo sent again (forwarded, re-shared), as the Bot API
            # allows; Telegram keeps one copy, and the load benchmark uploads each poster once.
            sizes = self.world.files.photo_sizes(fields["photo"])
            if not sizes:
                raise bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise bad_request('file field "photo" (or a file_id in "photo") is required')
        message: dict[str, Any] = {"photo": sizes}
        if fields.get("caption"):
            message["caption"] = fields["caption"]
        replied = self.reply_to(chat, fields.get("reply_to_message_id"))
        if replied is not None:  # a photo answering a message (in privacy mode: the bot's)
            message["reply_to_message"] = replied
        return self.post(chat, user, message)

    async def document(self, request: Request) -> Response:
        fields, uploads = await _form_body(request)
        user = self.user(fields["user"])
        chat = self.chat_for(user, fields.get("chat_id"))
        upload = uploads.get("document")
        if upload is None:
            raise bad_request('file field "document" is required')
        stored = self.world.files.add_document(
            upload.data,
            fields.get("file_name") or upload.filename,
            fields.get("mime_type") or upload.content_type,
        )
        message: dict[str, Any] = {"document": stored.document()}
        if fields.get("caption"):
            message["caption"] = fields["caption"]
        return self.post(chat, user, message)

    async def callback_query(self, request: Request) -> Response:
        """A button press; only on a button that exists, unless ``force`` (hostile clients)."""
        body = await _json_body(request)
        user = self.user(body.get("user"))
        chat = self.chat_for(user, body.get("chat_id"))
        data = body.get("data")
        if not isinstance(data, str):
            raise bad_request('"data" must be a string')
        message = chat.messages.get(_int_or_none(body.get("message_id")) or 0)
        if message is None:
            raise bad_request("message not found")
        if not body.get("force") and not (
            message["from"]["id"] == self.world.bot["id"] and has_callback(message, data)
        ):
            raise bad_request(f"the message has no button with callback_data {data!r}")
        query = self.world.new_callback_query(chat, message, data)
        self.world.updates.push(
            "callback_query",
            {
                "id": query.id,
                "from": user,
                "message": copy.deepcopy(message),
                "chat_instance": chat.chat_instance,
                "data": data,
            },
        )
        return self.pushed({"id": query.id})

    async def callback_answer(self, request: Request) -> Response:
        query = self.world.callbacks.get(request.path_params["query_id"])
        if query is None:
            raise not_found()
        return ok({"answered": query.answered, "answer": query.answer})

    # --- groups and users ------------------------------------------------------------------

    def status(self, value: Any) -> str:
        if value not in MEMBER_STATUSES:
            raise bad_request(f"status must be one of {sorted(MEMBER_STATUSES)}")
        return str(value)

    async def create_group(self, request: Request) -> Response:
        body = await _json_body(request)
        chat_id = _int_or_none(body.get("chat_id"))
        if chat_id is None or chat_id >= 0:
            raise bad_request("group chat ids are negative")
        if chat_id in self.world.chats:
            raise bad_request("chat already exists")
        chat_type = body.get("type") or group_type(chat_id)
        if chat_type not in ("group", "supergroup"):
            raise bad_request('type must be "group" or "supergroup"')
        members = []
        bot_status = self.status(body.get("bot_status") or "member")
        for entry in body.get("members") or []:
            user = entry.get("user") if isinstance(entry, dict) else None
            if isinstance(user, dict) and user.get("id") == self.world.bot["id"]:
                bot_status = self.status(entry.get("status"))
            else:
                members.append((self.user(user), self.status((entry or {}).get("status"))))
        chat = Chat(
            id=chat_id,
            type=chat_type,
            title=str(body.get("title") or ""),
            username=body.get("username"),
        )
        self.world.chats[chat_id] = chat
        for user, status in members:
            chat.members[user["id"]] = status
        creator = next(
            (u for u, s in members if s == "creator"), members[0][0] if members else None
        )
        self.world.set_status(chat, self.world.bot, bot_status, by=creator)
        return ok(chat.to_json())

    async def set_member(self, request: Request) -> Response:
        chat = self.existing_chat(request.path_params["chat_id"])
        if chat.is_private:
            raise bad_request("private chats have no member statuses to set")
        body = await _json_body(request)
        status = self.status(body.get("status"))
        raw_user = body.get("user")
        if isinstance(raw_user, dict) and raw_user.get("id") == self.world.bot["id"]:
            self.world.set_status(chat, self.world.bot, status)
        else:
            self.world.set_status(chat, self.user(raw_user), status)
        return self.pushed(True)

    async def chat_info(self, request: Request) -> Response:
        chat = self.existing_chat(request.path_params["chat_id"])
        members = [self.world.member(chat, user_id) for user_id in chat.members]
        return ok(
            {"chat": chat.full_info(), "members": members, "reply_keyboard": chat.reply_keyboard}
        )

    async def chat_messages(self, request: Request) -> Response:
        chat = self.existing_chat(request.path_params["chat_id"])
        return ok(copy.deepcopy(list(chat.messages.values())))

    async def block(self, request: Request) -> Response:
        body = await _json_body(request)
        user_id = _int_or_none(request.path_params["user_id"])
        raw_user = body.get("user") or self.world.users.get(user_id or 0) or {"id": user_id}
        if raw_user.get("id") != user_id:
            raise bad_request("user id in the path and the body differ")
        self.world.set_blocked(self.user(raw_user), bool(body.get("blocked", True)))
        return self.pushed(True)

    # --- faults, observation, reset --------------------------------------------------------

    async def add_fault(self, request: Request) -> Response:
        body = await _json_body(request)
        if not isinstance(body.get("method"), str):
            raise bad_request('"method" is required ("*" for any)')
        fields = {name: body[name] for name in FAULT_FIELDS & body.keys()}
        try:
            self.world.faults.add(Fault(method=body["method"], **fields))
        except (TypeError, ValueError) as exc:
            raise bad_request(str(exc)) from None
        return ok(True)

    async def clear_faults(self, request: Request) -> Response:
        self.world.faults.clear()
        return ok(True)

    async def events(self, request: Request) -> Response:
        """The event log after ``after``, long-polling up to ``timeout`` seconds for news."""
        after = _int_or_none(request.query_params.get("after")) or 0
        wait = min(float(request.query_params.get("timeout") or 0), MAX_EVENT_WAIT)
        answered, entries = await unless_disconnected(
            request, self.world.events.wait_after(after, wait)
        )
        if not answered:
            return Response(status_code=499)
        return ok(entries, last_seq=self.world.events.last_seq)

    async def file(self, request: Request) -> Response:
        stored = self.world.files.get(request.path_params["file_id"])
        if stored is None or stored.data is None:
            raise not_found()
        media_type = "image/jpeg" if stored.kind == "photo" else stored.mime_type
        return Response(stored.data, media_type=media_type)

    async def commands(self, request: Request) -> Response:
        scope_text = request.query_params.get("scope")
        scope = "default"
        if scope_text:
            try:
                scope = scope_key(json.loads(scope_text))
            except ValueError:
                raise bad_request("scope must be JSON") from None
        language = request.query_params.get("language_code", "")
        return ok(copy.deepcopy(self.world.commands.get((scope, language), [])))

    async def webhook(self, request: Request) -> Response:
        """getWebhookInfo's answer, the delivery knobs and the requests now in flight."""
        delivery = self.world.delivery
        return ok(
            {
                "info": webhook_info(self.world),
                "delivery": delivery.options.to_json(),
                "in_flight": delivery.in_flight,
            }
        )

    async def webhook_delivery(self, request: Request) -> Response:
        """Turn delivery knobs: timeout, retry backoff, duplicate delivery (see webhook.py)."""
        body = await _json_body(request)
        options = self.world.delivery.options
        changed = copy.copy(options)
        try:
            changed.change(body)
        except ValueError as exc:
            raise bad_request(str(exc)) from None
        self.world.delivery.options = changed
        self.world.delivery.notify()
        return ok(changed.to_json())

    async def reset(self, request: Request) -> Response:
        self.world.reset()
        return self.pushed(True)  # with the seq, so waits start after the reset


def _guarded(handler: Any) -> Any:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as error:
            return error_response(error)

    return endpoint


def control_routes(world: World) -> list[Route]:
    control = Control(world)
    table = [
        ("/messages", control.message, "POST"),
        ("/photos", control.photo, "POST"),
        ("/documents", control.document, "POST"),
        ("/callback_queries", control.callback_query, "POST"),
        ("/callback_queries/{query_id}", control.callback_answer, "GET"),
        ("/chats", control.create_group, "POST"),
        ("/chats/{chat_id}", control.chat_info, "GET"),
        ("/chats/{chat_id}/members", control.set_member, "POST"),
        ("/chats/{chat_id}/messages", control.chat_messages, "GET"),
        ("/users/{user_id}/block", control.block, "POST"),
        ("/faults", control.add_fault, "POST"),
        ("/faults", control.clear_faults, "DELETE"),
        ("/events", control.events, "GET"),
        ("/files/{file_id}", control.file, "GET"),
        ("/commands", control.commands, "GET"),
        ("/webhook", control.webhook, "GET"),
        ("/webhook/delivery", control.webhook_delivery, "POST"),
        ("/reset", control.reset, "POST"),
    ]
    return [Route(path, _guarded(handler), methods=[verb]) for path, handler, verb in table]
