"""Mini Apps on the emulator: the menu button a bot sets, and opening a Mini App as a user.

``setChatMenuButton``/``getChatMenuButton`` keep what the bot set, per private chat or as the
default, exactly as sent (checked the Bot API's way: a known type, a web_app button with a
text and an http(s) URL; plain http is what Telegram's test environment allows for Mini Apps,
so a bot on a loopback address can be tried). ``POST /_emu/web_apps`` is a user tapping that
menu button, or a ``web_app`` button under one of the bot's messages: the emulator answers
what a Telegram client hands the Mini App, the launch URL with ``#tgWebAppData=…`` (initData
signed with this bot's token, as Telegram signs it), the version, platform and theme.

A direct link (``t.me/<bot>/<short_name>?startapp=…``, "Direct Link Mini Apps" in Telegram's
documentation) names an app the bot's owner registered with @BotFather's ``/newapp``, which
the Bot API cannot do: ``POST /_emu/web_apps/direct_links`` plays BotFather (a short name of
3-30 characters ``a-zA-Z0-9_``, as BotFather asks, and the app's URL). Opening one (``POST
/_emu/web_apps`` with ``direct_link``) hands the app initData without ``query_id`` (such an app
has no access to the chat) but with ``chat_type`` and ``chat_instance`` for the chat the link
was opened in, and a non-empty ``startapp`` as ``start_param`` in initData and as the GET
parameter ``tgWebAppStartParam`` (``[A-Za-z0-9_-]``, at most 512, what a t.me link carries).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
import secrets
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .errors import ApiError, bad_request
from .state import ACTIVE_STATUSES, World, now, user_json
from .transport import error_response, ok

MENU_BUTTON_TYPES = frozenset({"commands", "web_app", "default"})
SHORT_NAME = re.compile(r"[A-Za-z0-9_]{3,30}")  # BotFather's /newapp: "3-30 characters, a-zA-Z0-9_"
START_PARAM = re.compile(r"[A-Za-z0-9_-]{0,512}")  # what a t.me link's startapp may carry
# A direct link opened in a chat the emulator does not hold: Saved Messages ("sender"), or a
# private chat with someone; the bot's own chat, groups and channels are named by chat_id.
UNSEEN_CHAT_TYPES = frozenset({"sender", "private"})
BOT_API_VERSION = "9.3"  # the version this emulator's documents describe
THEMES = {  # what Telegram's default themes send as themeParams
    "light": {
        "bg_color": "#ffffff",
        "text_color": "#000000",
        "hint_color": "#999999",
        "link_color": "#2481cc",
        "button_color": "#2481cc",
        "button_text_color": "#ffffff",
        "secondary_bg_color": "#efeff3",
        "header_bg_color": "#ffffff",
        "accent_text_color": "#2481cc",
        "section_bg_color": "#ffffff",
        "section_header_text_color": "#6d6d71",
        "subtitle_text_color": "#999999",
        "destructive_text_color": "#ff3b30",
        "bottom_bar_bg_color": "#ffffff",
    },
    "dark": {
        "bg_color": "#212d3b",
        "text_color": "#ffffff",
        "hint_color": "#7d8b99",
        "link_color": "#5eabe1",
        "button_color": "#5288c1",
        "button_text_color": "#ffffff",
        "secondary_bg_color": "#151e27",
        "header_bg_color": "#242d39",
        "accent_text_color": "#64b5ef",
        "section_bg_color": "#17212b",
        "section_header_text_color": "#6ab3f3",
        "subtitle_text_color": "#708499",
        "destructive_text_color": "#ef5b5b",
        "bottom_bar_bg_color": "#0f161e",
    },
}


def check_web_app(value: Any, *, what: str) -> dict[str, str]:
    """A WebAppInfo with an http(s) URL, as sent."""
    url = value.get("url") if isinstance(value, dict) else None
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("https", "http") or not parts.netloc:
        raise bad_request(f"{what} Web App URL {url!r} is invalid")
    return {"url": url}


def parse_menu_button(value: Any) -> dict[str, Any] | None:
    """The menu button as stored, or None for ``default`` (and for no button at all)."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request("can't parse menu button JSON object") from None
    if not isinstance(value, dict) or value.get("type") not in MENU_BUTTON_TYPES:
        raise bad_request("can't parse menu button JSON object")
    kind = value["type"]
    if kind == "default":
        return None
    if kind == "commands":
        return {"type": "commands"}
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("menu button text must be non-empty")
    web_app = check_web_app(value.get("web_app"), what="menu button")
    return {"type": "web_app", "text": text, "web_app": web_app}


def menu_button_of(world: World, chat_id: int | None) -> dict[str, Any]:
    """What a user sees in the private chat: its own button, else the default, else commands."""
    found = world.menu_buttons.get(chat_id) if chat_id is not None else None
    found = found or world.menu_buttons.get(None)
    return copy.deepcopy(found) if found else {"type": "commands"}


def sign_init_data(fields: dict[str, str], token: str) -> str:
    """initData as Telegram builds it: the fields and their ``hash`` (HMAC-SHA-256 of the
    sorted ``key=value`` lines, keyed by HMAC-SHA-256("WebAppData", token))."""
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    digest = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest}, quote_via=quote)


def _button_url(world: World, user_id: int, body: dict[str, Any]) -> str:
    """The URL of the web_app button the user taps: the menu button, or a message's button."""
    if body.get("message_id") in (None, ""):
        button = menu_button_of(world, user_id)
        if button["type"] != "web_app":
            raise bad_request("the bot set no Mini App as this chat's menu button")
        return str(button["web_app"]["url"])
    chat = world.chats.get(user_id)
    message = chat.messages.get(int(body["message_id"])) if chat else None
    if message is None:
        raise bad_request("message not found in the user's private chat")
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    for row in rows:
        for button in row:
            if "web_app" in button and button.get("text") == body.get("text", button["text"]):
                return str(button["web_app"]["url"])
    raise bad_request("the message has no such web_app button")


def register_direct_link(world: World, body: dict[str, Any]) -> dict[str, str]:
    """BotFather's ``/newapp``: the short name of ``t.me/<bot>/<short_name>`` and its URL (sent
    again, the URL is replaced, as ``/editapp`` does)."""
    name = body.get("short_name")
    if not isinstance(name, str) or not SHORT_NAME.fullmatch(name):
        raise bad_request("a short name is 3-30 characters a-zA-Z0-9_")
    url = check_web_app({"url": body.get("url")}, what="direct link")["url"]
    world.direct_links[name.lower()] = url
    return {"short_name": name, "url": url, "link": f"https://t.me/{world.bot['username']}/{name}"}


def _chat_instance(world: World, key: str) -> str:
    """A 64-bit id, the same for everyone who opens the bot's apps in that chat."""
    digest = hashlib.sha256(f"{world.bot['id']}:{key}".encode()).digest()
    return str(int.from_bytes(digest[:8], "big", signed=True))


def _direct_link_fields(
    world: World, user_id: int, body: dict[str, Any]
) -> tuple[str, dict[str, str]]:
    """The app's URL and what a direct link adds to initData: the chat's type and instance,
    and the ``startapp`` parameter (also for the URL's query)."""
    url = world.direct_links.get(str(body["direct_link"]).lower())
    if url is None:
        raise bad_request(f"BOT_APP_INVALID: the bot has no Mini App {body['direct_link']!r}")
    if body.get("chat_id") not in (None, ""):
        chat_id = body["chat_id"]
        chat = world.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None or chat.members.get(user_id) not in ACTIVE_STATUSES:
            raise bad_request("the user is not in that chat")
        chat_type, key = chat.type, str(chat.id)
        if body.get("chat_type") not in (None, "", chat_type):
            raise bad_request(f"chat {chat.id} is a {chat_type} chat")
    else:
        chat_type = str(body.get("chat_type") or "private")
        if chat_type not in UNSEEN_CHAT_TYPES:
            raise bad_request("a group or channel is named by its chat_id")
        # "private" without a chat: the user's chat with the bot; "sender": Saved Messages.
        key = str(user_id) if chat_type == "private" else f"self:{user_id}"
    fields = {"chat_type": chat_type, "chat_instance": _chat_instance(world, key)}
    start = body.get("start_param") or ""
    if not isinstance(start, str) or not START_PARAM.fullmatch(start):
        raise bad_request("startapp is up to 512 characters A-Za-z0-9_-")
    if start:
        fields["start_param"] = start
        url += ("&" if urlsplit(url).query else "?") + urlencode({"tgWebAppStartParam": start})
    return url, fields


def launch(world: World, token: str, body: dict[str, Any]) -> dict[str, Any]:
    user = body.get("user")
    if not isinstance(user, dict) or not isinstance(user.get("id"), int):
        raise bad_request('"user" must be an object with an integer "id"')
    known = world.remember_user(user)
    if body.get("direct_link") not in (None, ""):
        url, fields = _direct_link_fields(world, known["id"], body)
    else:  # a button: the session's query_id lets the bot answer through answerWebAppQuery
        url = _button_url(world, known["id"], body)
        fields = {"query_id": "AA" + secrets.token_urlsafe(16)}
    scheme = str(body.get("color_scheme") or "light")
    if scheme not in THEMES:
        raise bad_request('"color_scheme" is light or dark')
    theme = THEMES[scheme]
    web_app_user = {**user_json(known), "allows_write_to_pm": True}
    fields.update(
        {
            "user": json.dumps(web_app_user, separators=(",", ":"), ensure_ascii=False),
            "auth_date": str(int(body.get("auth_date") or now())),
        }
    )
    init_data = sign_init_data(fields, token)
    version = str(body.get("version") or BOT_API_VERSION)
    platform = str(body.get("platform") or "android")
    fragment = urlencode(
        {
            "tgWebAppData": init_data,
            "tgWebAppVersion": version,
            "tgWebAppPlatform": platform,
            "tgWebAppThemeParams": json.dumps(theme, separators=(",", ":")),
        },
        quote_via=quote,
    )
    return {
        "url": f"{url}#{fragment}",
        "init_data": init_data,
        "version": version,
        "platform": platform,
        "color_scheme": scheme,
        "theme_params": theme,
    }


def _json_endpoint(answer: Any) -> Any:
    """A control endpoint taking a JSON object and answering ``answer(body)`` or its error."""

    async def endpoint(request: Request) -> Response:
        try:
            body = json.loads(await request.body() or b"{}")
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            return ok(answer(body))
        except ValueError:  # not JSON, or a number that is not one (message_id)
            return error_response(bad_request("JSON body expected"))
        except ApiError as error:
            return error_response(error)

    return endpoint


def web_app_routes(world: World, token: str) -> list[Route]:
    async def menu_button(request: Request) -> Response:
        chat = request.query_params.get("chat_id")
        return ok(menu_button_of(world, int(chat) if chat and chat.lstrip("-").isdigit() else None))

    return [
        Route(
            "/web_apps", _json_endpoint(lambda body: launch(world, token, body)), methods=["POST"]
        ),
        Route(
            "/web_apps/direct_links",
            _json_endpoint(lambda body: register_direct_link(world, body)),
            methods=["POST"],
        ),
        Route("/menu_button", menu_button, methods=["GET"]),
    ]
