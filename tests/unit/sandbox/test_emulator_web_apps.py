"""The emulator's Mini App parts over real HTTP, driven by python-telegram-bot: the menu
button as the Bot API keeps it, web_app buttons checked, and opening a Mini App as a user
(initData signed as Telegram signs it, checked here with the bot's own validator), from a
button or from a direct link BotFather registered."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import pytest_asyncio
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)
from telegram.error import BadRequest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import EmulatorClient, EmulatorError, TelegramEmulator, TgUser
from bot.services.web_app_auth import WebAppUser, verify_init_data

TOKEN = "123456:TEST-TOKEN"
ANN = TgUser(id=1001, first_name="Ann", username="ann", language_code="en")
BOB = TgUser(id=1002, first_name="Bob")
APP = "https://bot.example.be/app/"

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with serving(TelegramEmulator().app) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(server: BackgroundServer) -> AsyncIterator[EmulatorClient]:
    async with EmulatorClient(server.url) as emulator_client:
        yield emulator_client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(server: BackgroundServer) -> AsyncIterator[Bot]:
    telegram_bot = Bot(TOKEN, base_url=f"{server.url}/bot", base_file_url=f"{server.url}/file/bot")
    async with telegram_bot:
        yield telegram_bot


@pytest_asyncio.fixture(autouse=True, loop_scope="module")
async def fresh_emulator(client: EmulatorClient) -> None:
    await client.reset()


async def test_the_default_menu_button_is_kept_as_sent_and_applies_to_private_chats(
    bot: Bot, client: EmulatorClient
) -> None:
    assert isinstance(await bot.get_chat_menu_button(), MenuButtonDefault)
    assert await bot.set_chat_menu_button(menu_button=MenuButtonWebApp("📷 Scan", WebAppInfo(APP)))
    button = await bot.get_chat_menu_button()
    assert button == MenuButtonWebApp("📷 Scan", WebAppInfo(APP))
    await client.send_text(ANN, "hi")  # the private chat exists from now on
    assert await client.menu_button(ANN.id) == {
        "type": "web_app",
        "text": "📷 Scan",
        "web_app": {"url": APP},
    }
    assert await bot.get_chat_menu_button(ANN.id) == button


async def test_a_chats_own_button_wins_and_default_takes_it_back(
    bot: Bot, client: EmulatorClient
) -> None:
    await client.send_text(ANN, "hi")
    await bot.set_chat_menu_button(menu_button=MenuButtonWebApp("Scan", WebAppInfo(APP)))
    await bot.set_chat_menu_button(ANN.id, MenuButtonCommands())
    assert await client.menu_button(ANN.id) == {"type": "commands"}
    await bot.set_chat_menu_button(ANN.id, MenuButtonDefault())
    assert (await client.menu_button(ANN.id))["type"] == "web_app"
    await bot.set_chat_menu_button(menu_button=MenuButtonDefault())
    assert await client.menu_button(ANN.id) == {"type": "commands"}


async def test_http_is_taken_as_telegrams_test_environment_takes_it(bot: Bot) -> None:
    local = "http://127.0.0.1:8080/app/"
    assert await bot.set_chat_menu_button(menu_button=MenuButtonWebApp("S", WebAppInfo(local)))


@pytest.mark.parametrize(
    "button",
    [
        {"type": "web_app", "text": "Scan", "web_app": {"url": "javascript:alert(1)"}},
        {"type": "web_app", "text": "Scan", "web_app": {}},
        {"type": "web_app", "text": " ", "web_app": {"url": APP}},
        {"type": "wep_app"},
        "not json",
    ],
)
async def test_a_bad_menu_button_is_refused(bot: Bot, button: object) -> None:
    with pytest.raises(BadRequest):
        await bot.do_api_request("setChatMenuButton", api_kwargs={"menu_button": button})
    assert isinstance(await bot.get_chat_menu_button(), MenuButtonDefault)


async def test_menu_buttons_are_for_private_chats(bot: Bot, client: EmulatorClient) -> None:
    await client.create_group(-100123, "Club", {ANN: "member"})
    with pytest.raises(BadRequest, match="private chats"):
        await bot.set_chat_menu_button(-100123, MenuButtonCommands())
    with pytest.raises(BadRequest, match="not found"):
        await bot.set_chat_menu_button(424242, MenuButtonCommands())


async def test_opening_from_the_menu_hands_over_signed_init_data(
    bot: Bot, client: EmulatorClient
) -> None:
    await bot.set_chat_menu_button(menu_button=MenuButtonWebApp("Scan", WebAppInfo(APP)))
    launch = await client.open_web_app(ANN, color_scheme="dark")
    url = urlsplit(launch["url"])
    assert launch["url"].startswith(APP + "#")
    fragment = parse_qs(url.fragment)
    assert fragment["tgWebAppData"] == [launch["init_data"]]
    assert fragment["tgWebAppVersion"] == ["9.3"]
    assert launch["theme_params"]["bg_color"] == "#212d3b"
    user = verify_init_data(launch["init_data"], TOKEN, max_age=timedelta(minutes=1))
    assert isinstance(user, WebAppUser)
    assert (user.id, user.first_name, user.language_code) == (ANN.id, "Ann", "en")
    assert not isinstance(
        verify_init_data(launch["init_data"], "654321:OTHER", max_age=timedelta(minutes=1)),
        WebAppUser,
    )


async def test_opening_needs_a_web_app_the_bot_offered(bot: Bot, client: EmulatorClient) -> None:
    with pytest.raises(EmulatorError, match="menu button"):
        await client.open_web_app(ANN)
    await client.send_text(BOB, "hi")
    sent = await bot.send_message(
        BOB.id,
        "Scan?",
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("📷 Scan", web_app=WebAppInfo(APP))]]
        ),
    )
    launch = await client.open_web_app(BOB, message_id=sent.message_id, text="📷 Scan")
    assert launch["url"].startswith(APP + "#tgWebAppData=")
    with pytest.raises(EmulatorError, match="no such web_app button"):
        await client.open_web_app(BOB, message_id=sent.message_id, text="other")


async def test_a_web_app_button_needs_an_http_url(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(BOB, "hi")
    markup = {"inline_keyboard": [[{"text": "x", "web_app": {"url": "tg://resolve"}}]]}
    with pytest.raises(BadRequest, match=r"(?i)web app url"):
        await bot.do_api_request(
            "sendMessage", api_kwargs={"chat_id": BOB.id, "text": "x", "reply_markup": markup}
        )


async def test_a_direct_link_botfather_registered_opens_with_the_chat_and_start_param(
    client: EmulatorClient,
) -> None:
    """As "Direct Link Mini Apps" documents: startapp comes as start_param in initData and as
    the GET parameter tgWebAppStartParam; chat_type and chat_instance name the chat; no
    query_id (such an app cannot send into the chat)."""
    registered = await client.register_direct_link("scan", APP)
    assert registered["link"] == "https://t.me/uitpas_test_bot/scan"
    launch = await client.open_web_app(ANN, direct_link="scan", start_param="card")
    url = urlsplit(launch["url"])
    assert launch["url"].startswith(APP + "?tgWebAppStartParam=card#tgWebAppData=")
    assert parse_qs(url.query) == {"tgWebAppStartParam": ["card"]}
    assert parse_qs(url.fragment)["tgWebAppData"] == [launch["init_data"]]
    fields = {key: value for key, [value] in parse_qs(launch["init_data"]).items()}
    assert "query_id" not in fields
    assert (fields["start_param"], fields["chat_type"]) == ("card", "private")
    assert int(fields["chat_instance"])  # a 64-bit id, as Telegram's
    user = verify_init_data(launch["init_data"], TOKEN, max_age=timedelta(minutes=1))
    assert isinstance(user, WebAppUser)
    assert user.id == ANN.id
    # Without startapp: no start_param at all, and the URL as registered.
    plain = await client.open_web_app(ANN, direct_link="SCAN")  # t.me names ignore case
    assert plain["url"].startswith(APP + "#tgWebAppData=")
    assert "start_param" not in parse_qs(plain["init_data"])


async def test_a_direct_link_in_a_group_says_so_the_same_for_every_member(
    client: EmulatorClient,
) -> None:
    await client.register_direct_link("scan", APP)
    await client.create_group(-100123, "Club", {ANN: "member", BOB: "member"})
    await client.create_group(-100456, "Other", {ANN: "member"})
    ann = await client.open_web_app(ANN, direct_link="scan", chat_id=-100123)
    bob = await client.open_web_app(BOB, direct_link="scan", chat_id=-100123)
    other = await client.open_web_app(ANN, direct_link="scan", chat_id=-100456)
    saved = await client.open_web_app(ANN, direct_link="scan", chat_type="sender")

    def field(launch: dict, name: str) -> str:
        return parse_qs(launch["init_data"])[name][0]

    assert field(ann, "chat_type") == field(bob, "chat_type") == "group"
    assert field(ann, "chat_instance") == field(bob, "chat_instance")
    assert field(other, "chat_instance") != field(ann, "chat_instance")
    assert field(saved, "chat_type") == "sender"
    with pytest.raises(EmulatorError, match="not in that chat"):
        await client.open_web_app(BOB, direct_link="scan", chat_id=-100456)
    with pytest.raises(EmulatorError, match="named by its chat_id"):
        await client.open_web_app(ANN, direct_link="scan", chat_type="group")


@pytest.mark.parametrize(
    ("launch", "error"),
    [
        ({"direct_link": "nope"}, "BOT_APP_INVALID"),
        ({"direct_link": "scan", "start_param": "a b"}, "startapp"),
        ({"direct_link": "scan", "start_param": "x" * 513}, "startapp"),
    ],
)
async def test_an_unknown_direct_link_or_a_start_param_no_link_carries_is_refused(
    client: EmulatorClient, launch: dict, error: str
) -> None:
    await client.register_direct_link("scan", APP)
    with pytest.raises(EmulatorError, match=error):
        await client.open_web_app(ANN, **launch)


@pytest.mark.parametrize(
    ("short_name", "url"),
    [("ab", APP), ("a-b-c", APP), ("x" * 31, APP), ("scan", "javascript:alert(1)"), ("", APP)],
)
async def test_botfather_refuses_a_bad_short_name_or_url(
    client: EmulatorClient, short_name: str, url: str
) -> None:
    with pytest.raises(EmulatorError, match="Bad Request"):
        await client.register_direct_link(short_name, url)
