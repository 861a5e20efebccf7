"""Test-side client for the emulator's control API.

Tests of the bot act as Telegram users through this client (send a message, press a button)
and then wait for what the bot does, as recorded in the emulator's event log. Waiting is a
long poll on that log, so a test wakes the moment the bot calls, with no sleeps or busy loops.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from ..http_shards import ClientShards

EVENT_POLL_SECONDS = 30.0


class EmulatorError(RuntimeError):
    """The control API refused a request (for instance a press on a button that is not there)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(f"{status}: {description}")
        self.status = status
        self.description = description


@dataclass(frozen=True)
class TgUser:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "nl"

    def to_json(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "first_name": self.first_name}
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user


@dataclass(frozen=True)
class BotCall:
    """One Bot API call the bot made, as the emulator recorded it."""

    seq: int
    method: str
    params: dict[str, Any]
    ok: bool
    result: Any = None
    error_code: int | None = None
    description: str | None = None

    @classmethod
    def from_json(cls, entry: dict[str, Any]) -> BotCall:
        return cls(
            seq=entry["seq"],
            method=entry["method"],
            params=entry.get("params") or {},
            ok=bool(entry.get("ok")),
            result=entry.get("result"),
            error_code=entry.get("error_code"),
            description=entry.get("description"),
        )

    @property
    def text(self) -> str | None:
        """The text the bot sent: ``text``, or the ``caption`` of a photo or document."""
        value = self.params.get("text", self.params.get("caption"))
        return None if value is None else str(value)

    @property
    def chat_id(self) -> int | None:
        chat_id = self.params.get("chat_id")
        if isinstance(chat_id, int):
            return chat_id
        if isinstance(self.result, dict) and isinstance(self.result.get("chat"), dict):
            return self.result["chat"].get("id")
        return None

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Rows of (text, callback_data or url) of an inline keyboard; (text, None) otherwise."""
        markup = self.params.get("reply_markup")
        if not isinstance(markup, dict):
            return []
        if "inline_keyboard" in markup:
            return [
                [(b.get("text", ""), b.get("callback_data", b.get("url"))) for b in row]
                for row in markup["inline_keyboard"]
            ]
        return [
            [(b if isinstance(b, str) else b.get("text", ""), None) for b in row]
            for row in markup.get("keyboard", [])
        ]

    def describe(self) -> str:
        where = f" chat={self.chat_id}" if self.chat_id is not None else ""
        if self.ok:
            text = f" text={self.text!r}" if self.text is not None else ""
            return f"#{self.seq} {self.method}{where}{text}"
        return f"#{self.seq} {self.method}{where} FAILED {self.error_code}: {self.description}"


@dataclass(frozen=True)
class Delivery:
    """One webhook request the emulator made (a ``webhookDelivery`` event).

    ``sent_at``/``answered_at`` are wall-clock times like the ``time`` of the bot's calls, so
    "update delivered → reply sent" is a reply's time minus the delivery's ``sent_at``.
    """

    seq: int
    update_id: int
    attempt: int
    copy: int
    ok: bool
    status_code: int | None
    error: str | None
    sent_at: float
    answered_at: float
    chat_id: int | None = None

    @classmethod
    def from_json(cls, entry: dict[str, Any]) -> Delivery:
        params = entry.get("params") or {}
        return cls(
            seq=entry["seq"],
            update_id=params["update_id"],
            attempt=params["attempt"],
            copy=params.get("copy", 1),
            ok=bool(entry.get("ok")),
            status_code=entry.get("status_code"),
            error=entry.get("description"),
            sent_at=entry["sent_at"],
            answered_at=entry["answered_at"],
            chat_id=params.get("chat_id"),
        )


DELIVERY_EVENT = "webhookDelivery"


class EmulatorClient:
    def __init__(self, base_url: str) -> None:
        # Several small pools: a load test pushing from hundreds of users at once would make
        # one big httpx pool spend most of the CPU on its own bookkeeping (see http_shards).
        self._http = ClientShards(base_url=base_url.rstrip("/") + "/_emu", timeout=30.0)
        self._last_push_seq = 0

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self._http.pick().request(method, path, **kwargs)
        try:
            body = response.json()
        except ValueError:
            raise EmulatorError(response.status_code, response.text) from None
        if not body.get("ok"):
            raise EmulatorError(response.status_code, body.get("description", response.text))
        if "seq" in body:
            self._last_push_seq = body["seq"]
        return body["result"]

    # --- what users do ---------------------------------------------------------------------

    async def send_text(
        self,
        user: TgUser,
        text: str,
        *,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """Send ``text`` as ``user`` (to the private chat unless ``chat_id``); the Message."""
        body = {
            "user": user.to_json(),
            "chat_id": chat_id,
            "text": text,
            "reply_to_message_id": reply_to_message_id,
        }
        return await self._request("POST", "/messages", json=body)

    async def send_photo(
        self,
        user: TgUser,
        image: bytes | str,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """Send a photo: its bytes, or the ``file_id`` of a photo already sent (sent again)."""
        data = _form(
            user, chat_id=chat_id, caption=caption, reply_to_message_id=reply_to_message_id
        )
        if isinstance(image, str):
            # A part without a file name is a plain field: multipart all the same.
            files = {"photo": (None, image.encode())}
            return await self._request("POST", "/photos", data=data, files=files)
        files = {"photo": ("photo.jpg", image, "image/jpeg")}
        return await self._request("POST", "/photos", data=data, files=files)

    async def send_document(
        self,
        user: TgUser,
        data: bytes,
        *,
        file_name: str,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        form = _form(
            user,
            chat_id=chat_id,
            caption=caption,
            mime_type=mime_type,
            reply_to_message_id=reply_to_message_id,
        )
        files = {"document": (file_name, data, mime_type or "application/octet-stream")}
        return await self._request("POST", "/documents", data=form, files=files)

    async def send_raw(
        self,
        user: TgUser,
        fields: dict[str, Any],
        *,
        chat_id: int | None = None,
        edited: bool = False,
    ) -> dict[str, Any]:
        """Any message fields as-is (``{"sticker": {...}}``); ``edited`` edits ``message_id``."""
        body = {"user": user.to_json(), "chat_id": chat_id, "fields": fields, "edited": edited}
        return await self._request("POST", "/messages", json=body)

    async def press_button(
        self,
        user: TgUser,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        force: bool = False,
    ) -> str:
        """Press the button with ``data`` under a bot message; returns the callback query id."""
        body = {
            "user": user.to_json(),
            "chat_id": chat_id,
            "message_id": message_id,
            "data": data,
            "force": force,
        }
        result = await self._request("POST", "/callback_queries", json=body)
        return str(result["id"])

    async def callback_answer(self, query_id: str) -> dict[str, Any]:
        """``{"answered": bool, "answer": {"text", "show_alert", "url"} | None}``."""
        return await self._request("GET", f"/callback_queries/{query_id}")

    async def inline_query(
        self, user: TgUser, query: str, *, chat_type: str | None = "sender"
    ) -> str:
        """Type ``@bot <query>`` as ``user``; returns the inline query's id."""
        body = {"user": user.to_json(), "query": query, "chat_type": chat_type}
        result = await self._request("POST", "/inline_queries", json=body)
        return str(result["id"])

    async def inline_answer(self, query_id: str) -> dict[str, Any]:
        """``{"answered": bool, "answer": {"results", "button"?} | None}``."""
        return await self._request("GET", f"/inline_queries/{query_id}")

    async def choose_inline_result(
        self, user: TgUser, query_id: str, result_id: str, *, chat_id: int | None = None
    ) -> dict[str, Any]:
        """Pick a result: posted as ``user``'s message "via" the bot in ``chat_id``."""
        body = {"user": user.to_json(), "result_id": result_id, "chat_id": chat_id}
        return await self._request("POST", f"/inline_queries/{query_id}/choose", json=body)

    async def create_group(
        self,
        chat_id: int,
        title: str,
        members: dict[TgUser, str],
        *,
        chat_type: str | None = None,
        bot_status: str = "member",
    ) -> None:
        """A group (supergroup for -100… ids) with member statuses; the bot joins it too."""
        entries = [{"user": u.to_json(), "status": status} for u, status in members.items()]
        body = {"chat_id": chat_id, "title": title, "members": entries, "type": chat_type}
        if bot_status != "member":
            body["bot_status"] = bot_status
        await self._request("POST", "/chats", json=body)

    async def set_member_status(self, chat_id: int, user: TgUser, status: str) -> None:
        body = {"user": user.to_json(), "status": status}
        await self._request("POST", f"/chats/{chat_id}/members", json=body)

    async def block_bot(self, user: TgUser, blocked: bool = True) -> None:
        body = {"user": user.to_json(), "blocked": blocked}
        await self._request("POST", f"/users/{user.id}/block", json=body)

    # --- faults ----------------------------------------------------------------------------

    async def inject_fault(
        self,
        method: str,
        *,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (``"*"``: any) with this error."""
        body = {
            "method": method,
            "kind": "error",
            "error_code": error_code,
            "description": description,
            "retry_after": retry_after,
            "times": times,
        }
        await self._request("POST", "/faults", json=body)

    async def drop_connection(
        self, method: str, *, times: int = 1, processed: bool = False, delay: float = 0.0
    ) -> None:
        """Cut the connection of the next calls; ``processed``: after the method took effect."""
        body = {
            "method": method,
            "kind": "drop",
            "times": times,
            "processed": processed,
            "delay": delay,
        }
        await self._request("POST", "/faults", json=body)

    async def answer_late(self, method: str, *, delay: float, times: int = 1) -> None:
        """Do the next calls of ``method`` and record them at once, answering ``delay`` s later."""
        body = {"method": method, "kind": "late", "times": times, "delay": delay}
        await self._request("POST", "/faults", json=body)

    async def clear_faults(self) -> None:
        await self._request("DELETE", "/faults")

    # --- webhook delivery ------------------------------------------------------------------

    async def webhook_delivery(
        self,
        *,
        duplicate: bool | None = None,
        duplicate_gap_seconds: float | None = None,
        timeout_seconds: float | None = None,
        retry_initial_seconds: float | None = None,
        retry_max_seconds: float | None = None,
    ) -> dict[str, Any]:
        """Turn the delivery knobs (``None`` leaves one as it is); returns all of them.

        ``duplicate`` sends every update twice, the copy ``duplicate_gap_seconds`` after the
        original without waiting for its answer; ``timeout_seconds`` is how long the emulator
        waits for the bot's answer before it gives up and, after a backoff from
        ``retry_initial_seconds`` doubling up to ``retry_max_seconds``, delivers again.
        """
        knobs = {
            "duplicate": duplicate,
            "duplicate_gap_seconds": duplicate_gap_seconds,
            "timeout_seconds": timeout_seconds,
            "retry_initial_seconds": retry_initial_seconds,
            "retry_max_seconds": retry_max_seconds,
        }
        body = {name: value for name, value in knobs.items() if value is not None}
        return await self._request("POST", "/webhook/delivery", json=body)

    async def webhook_info(self) -> dict[str, Any]:
        """What getWebhookInfo answers the bot (``url``, ``pending_update_count``, errors)."""
        return (await self._request("GET", "/webhook"))["info"]

    async def webhook_state(self) -> dict[str, Any]:
        """``{"info": WebhookInfo, "delivery": knobs, "in_flight": requests now open}``."""
        return await self._request("GET", "/webhook")

    async def deliveries(self, after: int = 0) -> list[Delivery]:
        """The webhook requests recorded after event ``after``, oldest first."""
        return [
            Delivery.from_json(entry)
            for entry in await self._events(after, 0)
            if entry["method"] == DELIVERY_EVENT
        ]

    async def wait_for_delivery(
        self,
        *,
        update_id: int | None = None,
        ok: bool | None = None,
        after: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - bounds a series of long polls, not one await
    ) -> Delivery:
        """The first webhook request after ``after`` (default: the last push) that matches."""
        call = await self.wait_for_call(
            DELIVERY_EVENT,
            after=after,
            where=lambda c: (
                (update_id is None or c.params.get("update_id") == update_id)
                and (ok is None or c.ok == ok)
            ),
            timeout=timeout,
        )
        return next(d for d in await self.deliveries(call.seq - 1) if d.seq == call.seq)

    async def wait_until_delivered(
        self,
        timeout: float = 10.0,  # noqa: ASYNC109 - bounds a series of long polls, not one await
    ) -> None:
        """Wait until no update is pending: every one was confirmed by a 2xx answer."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cursor = self._last_push_seq
        while (info := await self.webhook_info())["pending_update_count"]:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"updates still pending after {timeout}s: {info}")
            entries = await self._events(cursor, min(remaining, 1.0))
            if entries:
                cursor = entries[-1]["seq"]

    # --- what the bot did ------------------------------------------------------------------

    async def _events(self, after: int, wait: float) -> list[dict[str, Any]]:
        return await self._request(
            "GET",
            "/events",
            params={"after": after, "timeout": wait},
            timeout=wait + 10.0,
        )

    async def events(self, after: int = 0) -> list[dict[str, Any]]:
        """The raw event log after ``after``: each call with its wall-clock ``time`` (and each
        webhook delivery with ``sent_at``/``answered_at``), for timing measurements."""
        return await self._events(after, 0)

    async def calls(self, after: int = 0, wait: float = 0) -> list[BotCall]:
        """The calls after ``after``; with ``wait``, long-poll that many seconds for the first."""
        return [BotCall.from_json(entry) for entry in await self._events(after, wait)]

    async def wait_for_call(
        self,
        method: str | tuple[str, ...],
        *,
        chat_id: int | None = None,
        after: int | None = None,
        where: Callable[[BotCall], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - bounds a series of long polls, not one await
    ) -> BotCall:
        """The first matching call after ``after`` (default: this client's last push)."""
        wanted = {method.lower()} if isinstance(method, str) else {m.lower() for m in method}
        start = self._last_push_seq if after is None else after
        cursor, seen = start, []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (remaining := deadline - loop.time()) > 0:
            for entry in await self._events(cursor, min(remaining, EVENT_POLL_SECONDS)):
                call = BotCall.from_json(entry)
                cursor = call.seq
                seen.append(call)
                if (
                    call.method.lower() in wanted
                    and (chat_id is None or call.chat_id == chat_id)
                    and (where is None or where(call))
                ):
                    return call
        raise AssertionError(_timeout_report(method, chat_id, start, timeout, seen))

    async def chat_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The chat's messages in their current state (edits applied, deletions gone)."""
        return await self._request("GET", f"/chats/{chat_id}/messages")

    async def chat(self, chat_id: int) -> dict[str, Any]:
        """``{"chat": ChatFullInfo, "members": [ChatMember], "reply_keyboard": ...}``."""
        return await self._request("GET", f"/chats/{chat_id}")

    async def download(self, file_id: str) -> bytes:
        response = await self._http.pick().get(f"/files/{file_id}")
        if response.status_code != 200:
            raise EmulatorError(response.status_code, response.text)
        return response.content

    async def commands(
        self, language_code: str = "", scope: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        params = {"language_code": language_code}
        if scope is not None:
            params["scope"] = json.dumps(scope)
        return await self._request("GET", "/commands", params=params)

    async def menu_button(self, chat_id: int | None = None) -> dict[str, Any]:
        """The menu button a user sees in their private chat (``chat_id``), or the default."""
        params = {"chat_id": str(chat_id)} if chat_id is not None else {}
        return await self._request("GET", "/menu_button", params=params)

    async def open_web_app(
        self,
        user: TgUser,
        *,
        message_id: int | None = None,
        text: str | None = None,
        direct_link: str | None = None,
        start_param: str | None = None,
        chat_id: int | None = None,
        chat_type: str | None = None,
        color_scheme: str = "light",
        version: str | None = None,
        platform: str | None = None,
        auth_date: int | None = None,
    ) -> dict[str, Any]:
        """The user taps the Mini App menu button (or the ``web_app`` button ``text`` under
        ``message_id``), or opens the direct link ``t.me/<bot>/<direct_link>?startapp=
        <start_param>`` in the chat ``chat_id`` (default: their chat with the bot; ``chat_type``
        "sender" for Saved Messages): the launch URL with its signed ``#tgWebAppData``, and the
        rest a Telegram client hands the Mini App (``init_data``, ``theme_params``, ...)."""
        body: dict[str, Any] = {"user": user.to_json(), "color_scheme": color_scheme}
        optional = {
            "message_id": message_id,
            "text": text,
            "direct_link": direct_link,
            "start_param": start_param,
            "chat_id": chat_id,
            "chat_type": chat_type,
            "version": version,
            "platform": platform,
            "auth_date": auth_date,
        }
        body.update({key: value for key, value in optional.items() if value is not None})
        return await self._request("POST", "/web_apps", json=body)

    async def register_direct_link(self, short_name: str, url: str) -> dict[str, Any]:
        """What the bot's owner does with @BotFather's ``/newapp`` (no Bot API method can):
        ``t.me/<bot>/<short_name>`` opens ``url``."""
        body = {"short_name": short_name, "url": url}
        return await self._request("POST", "/web_apps/direct_links", json=body)

    async def reset(self) -> None:
        await self._request("POST", "/reset")


def _form(user: TgUser, **fields: Any) -> dict[str, str]:
    form = {"user": json.dumps(user.to_json())}
    form.update({name: str(value) for name, value in fields.items() if value is not None})
    return form


def _timeout_report(
    method: str | tuple[str, ...],
    chat_id: int | None,
    after: int,
    timeout: float,
    seen: list[BotCall],
) -> str:
    wanted = method if isinstance(method, str) else " or ".join(method)
    where = f" in chat {chat_id}" if chat_id is not None else ""
    shown = [call for call in seen if call.method != "getUpdates"]
    lines = [f"no matching {wanted} call{where} within {timeout}s after event #{after}."]
    lines.append(
        "Calls seen (getUpdates left out):" if shown else "No calls seen (getUpdates left out)."
    )
    lines.extend(f"  {call.describe()}" for call in shown)
    return "\n".join(lines)
