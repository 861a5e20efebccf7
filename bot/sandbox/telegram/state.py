"""The emulator's in-memory world: users, chats, members, messages, files and queues.

Both faces of the emulator work on this one object — the Bot API (what the bot does) and the
control API (what users do) — so the rules that concern both, like which group messages a bot
in privacy mode receives or the ``my_chat_member`` update a block produces, live here once.
"""

from __future__ import annotations

import copy
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .events import EventLog
from .faults import FaultBook
from .files import FileStore
from .updates import UpdateQueue
from .webhook import WebhookDelivery

if TYPE_CHECKING:  # inline.py reaches state.py through keyboards and web_apps
    from .inline import InlineQuery

ACTIVE_STATUSES = frozenset({"creator", "administrator", "member"})
MEMBER_STATUSES = ACTIVE_STATUSES | {"left", "kicked"}
ADMIN_STATUSES = frozenset({"creator", "administrator"})
# Messages that are not typed by a person; groups deliver them to bots even in privacy mode.
SERVICE_FIELDS = frozenset(
    {
        "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo",
        "delete_chat_photo", "group_chat_created", "supergroup_chat_created",
        "migrate_to_chat_id", "migrate_from_chat_id", "pinned_message",
    }
)  # fmt: skip
_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": True,
    "can_edit_stories": True,
    "can_delete_stories": True,
    "can_pin_messages": True,
}


def now() -> int:
    return int(time.time())


def user_json(user: dict[str, Any], *, is_bot: bool = False) -> dict[str, Any]:
    """A Telegram User object from the loose dicts tests and the control API pass around."""
    result: dict[str, Any] = {
        "id": int(user["id"]),
        "is_bot": bool(user.get("is_bot", is_bot)),
        "first_name": str(user.get("first_name") or ""),
    }
    for optional in ("last_name", "username", "language_code"):
        if user.get(optional):
            result[optional] = str(user[optional])
    return result


def member_json(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember object for ``status``, with the fields python-telegram-bot requires."""
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_ADMIN_RIGHTS)
    elif status == "kicked":
        member["until_date"] = 0
    return member


def group_type(chat_id: int) -> str:
    """Supergroup ids look like -100xxxxxxxxxx; basic groups are small negative numbers."""
    return "supergroup" if chat_id <= -1_000_000_000_000 else "group"


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    members: dict[int, str] = field(default_factory=dict)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_message_id: int = 1
    reply_keyboard: dict[str, Any] | None = None

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    def to_json(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": self.type}
        for name in ("title", "username", "first_name", "last_name"):
            if getattr(self, name):
                chat[name] = getattr(self, name)
        return chat

    def full_info(self) -> dict[str, Any]:
        """A ChatFullInfo object as getChat returns it."""
        return {
            **self.to_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def add_message(self, sender: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
        message = {
            "message_id": self.next_message_id,
            "from": sender,
            "chat": self.to_json(),
            "date": now(),
            **fields,
        }
        self.messages[self.next_message_id] = message
        self.next_message_id += 1
        return message

    @property
    def chat_instance(self) -> str:
        return str((self.id * 0x9E3779B1) % (1 << 62))


@dataclass
class CallbackQuery:
    id: str
    chat_id: int
    message_id: int
    data: str
    answered: bool = False
    answer: dict[str, Any] | None = None


@dataclass
class Webhook:
    url: str = ""
    max_connections: int = 40
    secret_token: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


class World:
    """Everything the emulator knows; one instance per emulator, reset between tests."""

    def __init__(
        self,
        bot: dict[str, Any],
        *,
        strict_html: bool,
        privacy_mode: bool,
        local_webhooks: bool = False,
    ) -> None:
        self.bot = bot
        self.strict_html = strict_html
        self.privacy_mode = privacy_mode
        self.local_webhooks = local_webhooks
        self.events = EventLog()
        self.updates = UpdateQueue()
        self.delivery = WebhookDelivery(self)
        self.reset()

    def reset(self) -> None:
        """Forget everything but the update and event counters.

        Counters keep running so that a bot polling across the reset, with its ``offset``, and a
        test waiting on the event log, with its ``after``, do not miss what comes next.
        """
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, Chat] = {}
        self.blocked: set[int] = set()
        self.files = FileStore()
        self.delivery.reset()
        self.updates.reset()
        self.faults = FaultBook()
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        # setChatMenuButton: per private chat id, and the default under None.
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        # BotFather's /newapp: a direct link's short name (lowercased) and its app's URL.
        self.direct_links: dict[str, str] = {}
        self.webhook = Webhook()
        self.callbacks: dict[str, CallbackQuery] = {}
        self.inline_queries: dict[str, InlineQuery] = {}
        self.events.clear()

    # --- users and chats -------------------------------------------------------------------

    def remember_user(self, user: dict[str, Any]) -> dict[str, Any]:
        known = user_json(user)
        self.users[known["id"]] = known
        return known

    def private_chat(self, user: dict[str, Any]) -> Chat:
        """The private chat with ``user``, opened on first contact; names follow the profile."""
        chat = self.chats.get(user["id"])
        if chat is None:
            chat = Chat(id=user["id"], type="private")
            chat.members = {user["id"]: "member", self.bot["id"]: "member"}
            self.chats[chat.id] = chat
        chat.first_name = user["first_name"]
        chat.last_name = user.get("last_name")
        chat.username = user.get("username")
        return chat

    def find_chat(self, ref: int | str) -> Chat | None:
        if isinstance(ref, int):
            return self.chats.get(ref)
        if ref.startswith("@"):
            name = ref[1:].lower()
            return next(
                (
                    c
                    for c in self.chats.values()
                    if not c.is_private and (c.username or "").lower() == name
                ),
                None,
            )
        return None

    def status(self, chat: Chat, user_id: int) -> str:
        return chat.members.get(user_id, "left")

    def member(self, chat: Chat, user_id: int) -> dict[str, Any]:
        user = self.bot if user_id == self.bot["id"] else self.users[user_id]
        return member_json(user, self.status(chat, user_id))

    def set_status(
        self, chat: Chat, user: dict[str, Any], status: str, *, by: dict[str, Any] | None = None
    ) -> None:
        """Change a member's status, with the update Telegram sends about it.

        The bot hears about its own membership as ``my_chat_member`` and about others' as
        ``chat_member`` (which Telegram only sends when asked for via allowed_updates).
        """
        old = self.status(chat, user["id"])
        chat.members[user["id"]] = status
        if old == status:
            return
        kind = "my_chat_member" if user["id"] == self.bot["id"] else "chat_member"
        actor = by or user
        self.updates.push(
            kind,
            {
                "chat": chat.to_json(),
                "from": actor,
                "date": now(),
                "old_chat_member": member_json(user, old),
                "new_chat_member": member_json(user, status),
            },
        )

    def set_blocked(self, user: dict[str, Any], blocked: bool) -> None:
        """A block shows up for the bot as its status in the private chat turning ``kicked``."""
        was_blocked = user["id"] in self.blocked
        if blocked == was_blocked:
            return
        (self.blocked.add if blocked else self.blocked.discard)(user["id"])
        chat = self.chats.get(user["id"])
        if chat is not None:
            self.set_status(chat, self.bot, "kicked" if blocked else "member", by=user)

    # --- updates ---------------------------------------------------------------------------

    def bot_receives(self, chat: Chat, message: dict[str, Any]) -> bool:
        """Whether Telegram would hand this chat message to the bot."""
        if chat.is_private:
            return True
        bot_status = self.status(chat, self.bot["id"])
        if bot_status not in ACTIVE_STATUSES:
            return False
        if not self.privacy_mode or bot_status in ADMIN_STATUSES:
            return True
        if (message.get("via_bot") or {}).get("id") == self.bot["id"]:
            return True  # privacy mode still shows a bot the messages sent via itself
        if SERVICE_FIELDS & message.keys():
            return True
        replied = message.get("reply_to_message") or {}
        if (replied.get("from") or {}).get("id") == self.bot["id"]:
            return True
        return self._is_command_for_bot(message)

    def _is_command_for_bot(self, message: dict[str, Any]) -> bool:
        text = message.get("text") or message.get("caption") or ""
        entities = message.get("entities") or message.get("caption_entities") or []
        first = next((e for e in entities if e.get("offset") == 0), None)
        if not first or first.get("type") != "bot_command":
            return False
        command = text.encode("utf-16-le")[: first["length"] * 2].decode("utf-16-le")
        _, _, addressee = command.partition("@")
        return not addressee or addressee.lower() == self.bot["username"].lower()

    def deliver(self, chat: Chat, message: dict[str, Any], *, edited: bool = False) -> bool:
        if not self.bot_receives(chat, message):
            return False
        kind = "edited_message" if edited else "message"
        # A snapshot: the stored message may be edited later, the update must not change.
        return self.updates.push(kind, copy.deepcopy(message)) is not None

    def new_callback_query(self, chat: Chat, message: dict[str, Any], data: str) -> CallbackQuery:
        query = CallbackQuery(
            id=str(secrets.randbits(62)),
            chat_id=chat.id,
            message_id=message["message_id"],
            data=data,
        )
        self.callbacks[query.id] = query
        return query
