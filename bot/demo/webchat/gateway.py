"""The web chat's one way to the bot: the Telegram emulator's control API, over HTTP.

The browser cannot talk to the emulator itself: the emulator listens on a loopback port that a
phone on the Wi-Fi (``--lan``) cannot reach, and its control API would let a page act as any
user. So the web chat's server relays a small set of user actions for its personas, and reads
chats, files and the event log — the same things a Telegram client sees.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx

from bot.sandbox.telegram.client import BotCall, EmulatorClient, EmulatorError, TgUser
from bot.sandbox.telegram.multipart import Upload
from bot.sandbox.uitpas_v4 import AUTH_PREFIX
from bot.sandbox.uitpas_v4.uitid import REALM_PATH

# Long polls from the browser end after this long even when nothing happens, so that a page
# left open through a restart of the demo notices and reconnects.
WAIT_SECONDS = 25.0
# ... in slices this long, so that a page's wait ends soon after the demo is told to stop
# (uvicorn lets running requests finish before it exits).
WAIT_SLICE_SECONDS = 1.0
# The bot polling the emulator shows up as getUpdates calls: nothing a chat needs to redraw for.
_QUIET_METHODS = frozenset({"getUpdates", "getMe", "setMyCommands", "deleteWebhook"})


# The two pages of a v4 login the visitor's browser sees: the sandbox's UiTiD login page and the
# bot's callback. The web chat relays exactly these (a phone on the Wi-Fi reaches neither the
# sandbox nor the bot's web server, which listen on loopback), and nothing else.
LOGIN_PAGE_PATH = f"{AUTH_PREFIX}{REALM_PATH}/auth"
CALLBACK_PATH = "/oauth/callback"


@dataclass(frozen=True, slots=True)
class Relayed:
    status: int
    body: bytes
    headers: dict[str, str]


class EmulatorGateway:
    """User actions for the personas and the views a Telegram client has, via the emulator.

    Created outside the web server's event loop, so its HTTP clients are made on first use,
    inside that loop.
    """

    def __init__(self, emulator_url: str, sandbox_url: str) -> None:
        self.emulator_url = emulator_url
        self.sandbox_url = sandbox_url.rstrip("/")
        self._emulator: EmulatorClient | None = None
        self._http: httpx.AsyncClient | None = None
        # Photos the bot sent by URL have no bytes in the emulator; their file_id → URL comes
        # from the sendPhoto calls in the event log, read up to ``_scanned``.
        self._photo_urls: dict[str, str] = {}
        self._scanned = 0
        self._scan_lock = asyncio.Lock()
        self.closing = False  # set from the thread that stops the demo; read between slices
        # v4: the web chat's own address, which is the bot's PUBLIC_URL (so UiTiD sends the
        # browser back here), and the bot's web server the callback is relayed to, once known.
        self.public_url: str | None = None
        self.bot_web_url: str | None = None

    @property
    def emulator(self) -> EmulatorClient:
        if self._emulator is None:
            self._emulator = EmulatorClient(self.emulator_url)
        return self._emulator

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=10.0)
        return self._http

    async def aclose(self) -> None:
        if self._emulator is not None:
            await self._emulator.aclose()
        if self._http is not None:
            await self._http.aclose()

    # --- what the visitor does -------------------------------------------------------------

    async def send_text(
        self, user: TgUser, chat_id: int, text: str, reply_to: int | None = None
    ) -> dict[str, Any]:
        return await self.emulator.send_text(
            user, text, chat_id=chat_id, reply_to_message_id=reply_to
        )

    async def send_photo(
        self,
        user: TgUser,
        chat_id: int,
        image: bytes,
        caption: str | None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        return await self.emulator.send_photo(
            user, image, caption=caption, chat_id=chat_id, reply_to_message_id=reply_to
        )

    async def send_document(
        self, user: TgUser, chat_id: int, upload: Upload, reply_to: int | None = None
    ) -> dict[str, Any]:
        return await self.emulator.send_document(
            user,
            upload.data,
            file_name=upload.filename or "file",
            mime_type=upload.content_type,
            chat_id=chat_id,
            reply_to_message_id=reply_to,
        )

    async def send_location(
        self, user: TgUser, chat_id: int, latitude: float, longitude: float
    ) -> dict[str, Any]:
        location = {"latitude": latitude, "longitude": longitude}
        return await self.emulator.send_raw(user, {"location": location}, chat_id=chat_id)

    async def press(self, user: TgUser, chat_id: int, message_id: int, data: str) -> str:
        return await self.emulator.press_button(user, message_id, data, chat_id=chat_id)

    # --- a v4 login, relayed --------------------------------------------------------------

    async def login_page(
        self, method: str, query: str, body: bytes, content_type: str | None
    ) -> Relayed:
        """The sandbox's UiTiD login page (and its form post), as the browser would see it.

        UiTiD's redirect back to ``PUBLIC_URL/oauth/callback`` is made relative, so a phone
        that opened the chat at this machine's LAN address lands on the same address.
        """
        headers = {"content-type": content_type} if content_type else {}
        response = await self.http.request(
            method,
            f"{self.sandbox_url}{LOGIN_PAGE_PATH}",
            params=httpx.QueryParams(query),
            content=body,
            headers=headers,
        )
        return self._relayed(response)

    async def callback(self, query: str) -> Relayed | None:
        """The bot's ``/oauth/callback``; ``None`` while the bot's web server is not up."""
        if self.bot_web_url is None:
            return None
        response = await self.http.get(
            f"{self.bot_web_url}{CALLBACK_PATH}", params=httpx.QueryParams(query)
        )
        return self._relayed(response)

    def _relayed(self, response: httpx.Response) -> Relayed:
        headers = {"content-type": response.headers.get("content-type", "text/html")}
        location = response.headers.get("location")
        if location is not None:
            if self.public_url and location.startswith(self.public_url + "/"):
                location = location.removeprefix(self.public_url)
            headers["location"] = location
        return Relayed(response.status_code, response.content, headers)

    # --- what a Telegram client shows ------------------------------------------------------

    async def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The chat as it is now; a private chat that was never opened is simply empty."""
        try:
            return await self.emulator.chat_messages(chat_id)
        except EmulatorError as error:
            if error.status == 404:
                return []
            raise

    async def wait(self, after: int) -> dict[str, Any]:
        """Long-poll the event log until the bot does something a chat shows.

        Returns the new ``seq`` to wait after, and the answers to button presses (the toast a
        Telegram client shows) with their query ids, so a page shows only its own.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        cursor = after
        while not self.closing and (remaining := deadline - loop.time()) > 0:
            calls = await self.emulator.calls(cursor, wait=min(remaining, WAIT_SLICE_SECONDS))
            if not calls:
                continue
            cursor = calls[-1].seq
            shown = [call for call in calls if call.method not in _QUIET_METHODS]
            if shown:
                return {"seq": cursor, "changed": True, "answers": _answers(shown)}
        return {"seq": cursor, "changed": False, "answers": []}

    async def commands(self, user: TgUser, chat_id: int, is_admin: bool) -> list[dict[str, str]]:
        """The command menu a Telegram client shows this user in this chat.

        Telegram picks the most specific scope that has commands, trying the user's language
        before the default list in each scope; so does this.
        """
        if chat_id > 0:
            scopes: list[dict[str, Any]] = [
                {"type": "chat", "chat_id": chat_id},
                {"type": "all_private_chats"},
            ]
        else:
            scopes = [{"type": "chat_member", "chat_id": chat_id, "user_id": user.id}]
            if is_admin:
                scopes.append({"type": "chat_administrators", "chat_id": chat_id})
            scopes.append({"type": "chat", "chat_id": chat_id})
            if is_admin:
                scopes.append({"type": "all_chat_administrators"})
            scopes.append({"type": "all_group_chats"})
        scopes.append({"type": "default"})
        for scope in scopes:
            for language in dict.fromkeys((user.language_code or "", "")):
                found = await self.emulator.commands(language, scope)
                if found:
                    return found
        return []

    async def file(self, file_id: str) -> tuple[bytes, str] | None:
        """A file's bytes and type: uploaded ones from the emulator, URL photos from the sandbox.

        A URL is only fetched when it points into the sandbox: the web chat must not become a
        way to make this machine fetch arbitrary addresses.
        """
        response = await self.http.get(f"{self.emulator_url}/_emu/files/{file_id}")
        if response.status_code == 200:
            return response.content, response.headers.get("content-type", "image/jpeg")
        url = await self._photo_url(file_id)
        if url is None or not url.startswith(self.sandbox_url + "/"):
            return None
        response = await self.http.get(url)
        if response.status_code != 200:
            return None
        return response.content, response.headers.get("content-type", "image/png")

    async def _photo_url(self, file_id: str) -> str | None:
        async with self._scan_lock:
            if file_id not in self._photo_urls:
                calls = await self.emulator.calls(self._scanned)
                for call in calls:
                    self._remember_photo_url(call)
                if calls:
                    self._scanned = calls[-1].seq
            return self._photo_urls.get(file_id)

    def _remember_photo_url(self, call: BotCall) -> None:
        url = call.params.get("photo")
        if call.method != "sendPhoto" or not call.ok or not isinstance(url, str):
            return
        for size in (call.result or {}).get("photo") or []:
            self._photo_urls[size["file_id"]] = url


def _answers(calls: list[BotCall]) -> list[dict[str, Any]]:
    return [
        {
            "query_id": str(call.params.get("callback_query_id")),
            "text": call.params.get("text") or "",
            "show_alert": bool(call.params.get("show_alert")),
        }
        for call in calls
        if call.method == "answerCallbackQuery" and call.ok and call.params.get("text")
    ]
