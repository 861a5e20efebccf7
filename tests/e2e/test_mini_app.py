"""The Mini App's API end to end: the real bot serving it, the emulator signing initData as
Telegram does, the sandbox checking in. A scan checks in like a photo and is answered in the
app and in the chat; anything Telegram did not sign is refused with 401 before UiTPAS is asked.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from bot.sandbox.server import BackgroundServer
from bot.sandbox.telegram.client import EmulatorClient, TgUser
from bot.sandbox.uitpas.data import NORMAL
from tests.support.harness import AN, BACKENDS, JOHN, Harness, StartBot
from tests.support.mini_app import (
    app_call,
    bot_token,
    documented_init_data,
    event_code,
    mini_app_settings,
    opened_init_data,
    sandbox_requests,
)

JAZZ = "Jazz op de Grote Markt"
RUMMAGE = "Rommelmarkt"  # ended yesterday: its code has expired
# The card and rewards screens' and the family chooser's routes (issue 18).
SCREEN_PATHS = ("card", "rewards", "reward", "redeem/offer", "redeem", "family/toggle", "family/go")
DIRECT_LINK = "uitpas"  # the short name of t.me/<bot>/uitpas, as registered with BotFather
GROUP = -100777


@pytest.fixture
async def app_bot(start_bot: StartBot) -> AsyncIterator[Harness]:
    async with start_bot(**mini_app_settings()) as harness:
        yield harness


async def scan(harness: Harness, user: TgUser, code: str) -> dict:
    init_data = await opened_init_data(harness, user)
    response = await app_call(harness, "scan", init_data, {"code": code})
    assert response.status_code == 200, response.text
    return response.json()


async def chat_reply(harness: Harness, user: TgUser, after: int):  # type: ignore[no-untyped-def]
    return await harness.telegram.wait_for_call("sendMessage", chat_id=user.id, after=after)


async def last_seq(harness: Harness) -> int:
    events = await harness.telegram.events(0)
    return events[-1]["seq"] if events else 0


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_menu_button_opens_the_app_in_every_private_chat(app_bot: Harness) -> None:
    button = await app_bot.telegram.menu_button(AN.id)
    assert button == {
        "type": "web_app",
        "text": "📷 Scan",
        "web_app": {"url": f"{app_bot.settings.public_url}/app/"},
    }
    assert app_bot.running.mini_app_url == f"{app_bot.settings.public_url}/app/"


async def test_a_menu_button_telegram_refuses_does_not_stop_the_bot(
    emulator_server: BackgroundServer, start_bot: StartBot
) -> None:
    """Real Telegram may refuse an http Mini App: the bot starts and answers all the same."""
    async with EmulatorClient(emulator_server.url) as telegram:
        await telegram.inject_fault(
            "setChatMenuButton", error_code=400, description="Bad Request: WEB_APP_URL_INVALID"
        )
    async with start_bot(**mini_app_settings()) as harness:
        assert await harness.telegram.menu_button(AN.id) == {"type": "commands"}
        await harness.telegram.send_text(AN, "/start")
        reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
        assert reply.ok


async def test_without_a_web_server_the_menu_button_lists_the_commands(harness: Harness) -> None:
    """Legacy without PUBLIC_URL serves no app: the button is Telegram's default again."""
    assert harness.running.mini_app_url is None
    assert await harness.telegram.menu_button(AN.id) == {"type": "commands"}
    await harness.telegram.send_text(AN, "/start")
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "web_app" not in str(reply.params.get("reply_markup"))


@pytest.mark.parametrize("backend", BACKENDS)
async def test_start_and_help_offer_the_scan_button(app_bot: Harness) -> None:
    for command in ("/start", "/help"):
        await app_bot.telegram.send_text(AN, command)
        reply = await app_bot.telegram.wait_for_call("sendMessage", chat_id=AN.id)
        [first, *_] = reply.params["reply_markup"]["inline_keyboard"]
        assert first == [{"text": "📷 Scan", "web_app": {"url": app_bot.running.mini_app_url}}]
        assert "📷 Scan" in (reply.text or "")
    # The button opens the app with initData for the one who tapped it.
    launch = await app_bot.telegram.open_web_app(AN, message_id=reply.result["message_id"])
    assert launch["url"].startswith(f"{app_bot.running.mini_app_url}#tgWebAppData=")
    session = await app_call(app_bot, "session", launch["init_data"])
    assert session.json()["language"] == "nl"


async def opened_from_direct_link(harness: Harness, user: TgUser, **launch: Any) -> dict:
    """BotFather's /newapp names the bot's app; ``user`` opens t.me/<bot>/uitpas?startapp=…"""
    assert harness.running.mini_app_url is not None
    await harness.telegram.register_direct_link(DIRECT_LINK, harness.running.mini_app_url)
    return await harness.telegram.open_web_app(user, direct_link=DIRECT_LINK, **launch)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_direct_link_opens_the_same_app_and_the_reply_goes_to_the_private_chat(
    app_bot: Harness,
) -> None:
    """Opened from a direct link in a group: initData without query_id, with the group's
    chat_type and the start_param. The bot takes only the user from it, so the session and a
    scan work as from the menu button, and the reply goes into the private chat, not the group."""
    await app_bot.link(AN, NORMAL)
    await app_bot.telegram.create_group(GROUP, "Cultuurclub", {AN: "member"})
    launch = await opened_from_direct_link(app_bot, AN, start_param="card", chat_id=GROUP)
    assert launch["url"].startswith(f"{app_bot.running.mini_app_url}?tgWebAppStartParam=card#")
    fields = parse_qs(launch["init_data"])
    assert "query_id" not in fields
    assert (fields["chat_type"], fields["start_param"]) == (["group"], ["card"])
    session = await app_call(app_bot, "session", launch["init_data"])
    assert session.status_code == 200, session.text
    assert (session.json()["language"], session.json()["linked"]) == ("nl", True)
    before = await last_seq(app_bot)
    code = await event_code(app_bot, JAZZ)
    answer = await app_call(app_bot, "scan", launch["init_data"], {"code": code})
    assert answer.json()["status"] == "saved", answer.text
    reply = await chat_reply(app_bot, AN, before)
    assert "Je spaarde 1 punt" in (reply.text or "")
    in_group = [c for c in await app_bot.telegram.calls(before) if c.chat_id == GROUP]
    assert not [c for c in in_group if "punt" in (c.text or "")]
    assert await app_bot.sandbox_points(NORMAL) == 26


async def test_a_start_param_is_never_who_asks_nor_what_is_checked_in(app_bot: Harness) -> None:
    """The bot never reads start_param (the app only picks a tab by its exact name): one naming
    another user's id, a card number or a check-in code opens John's own session, checks
    nothing in and asks UiTPAS nothing."""
    await app_bot.link(AN, NORMAL)
    requests = await sandbox_requests(app_bot)
    before = await last_seq(app_bot)
    for start in (str(AN.id), NORMAL, await event_code(app_bot, JAZZ), "scan"):
        launch = await opened_from_direct_link(app_bot, JOHN, start_param=start)
        session = (await app_call(app_bot, "session", launch["init_data"])).json()
        assert (session["language"], session["linked"]) == ("en", False), start
        assert NORMAL not in str(session)
    assert await sandbox_requests(app_bot) == requests
    assert await app_bot.sandbox_checkins(NORMAL) == 0
    sent = [c for c in await app_bot.telegram.calls(before) if c.method == "sendMessage"]
    assert sent == []


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_scan_checks_in_and_answers_in_the_app_and_the_chat(app_bot: Harness) -> None:
    await app_bot.link(AN, NORMAL)
    before = await last_seq(app_bot)
    answer = await scan(app_bot, AN, await event_code(app_bot, JAZZ))
    assert answer["status"] == "saved"
    assert "Je spaarde 1 punt" in answer["text"]
    assert "Je hebt nu in totaal 26 punten." in answer["text"]
    assert "<b>" not in answer["text"]  # plain text for the app
    # The spotlight's buttons are in the chat only, and the app says so.
    assert "De voordelen in de kijker staan in de chat" in answer["text"]
    assert "tik om te zien" not in answer["text"]
    reply = await chat_reply(app_bot, AN, before)
    assert "Je spaarde 1 punt" in (reply.text or "")
    buttons = [data for row in reply.buttons for _, data in row]
    assert "promo:101" in buttons  # the spotlight, as after a photo
    assert await app_bot.sandbox_points(NORMAL) == 26


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_repeated_scan_asks_uitpas_once(app_bot: Harness) -> None:
    await app_bot.link(JOHN, NORMAL)
    code = await event_code(app_bot, JAZZ)
    await scan(app_bot, JOHN, code)
    answer = await scan(app_bot, JOHN, code)
    assert "You just scanned this code" in answer["text"]
    assert answer["status"] == "saved"
    assert await app_bot.sandbox_checkins(NORMAL) == 1
    assert await app_bot.sandbox_points(NORMAL) == 26


@pytest.mark.parametrize("backend", BACKENDS)
async def test_an_expired_code_saves_nothing(app_bot: Harness) -> None:
    await app_bot.link(AN, NORMAL)
    before = await last_seq(app_bot)
    answer = await scan(app_bot, AN, await event_code(app_bot, RUMMAGE))
    assert answer["status"] == "answered"
    # The sandbox's words under v4 (endUserMessage.nl), the bot's own under legacy.
    expected = "niet (meer)" if app_bot.backend == "v4" else "is niet meer (of nog niet) geldig"
    assert expected in answer["text"]
    assert "Je spaarde" not in answer["text"]
    reply = await chat_reply(app_bot, AN, before)
    assert expected in (reply.text or "")
    assert await app_bot.sandbox_points(NORMAL) == 25


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_foreign_url_is_refused_like_from_a_photo(app_bot: Harness) -> None:
    await app_bot.link(AN, NORMAL)
    requests = await sandbox_requests(app_bot)
    before = await last_seq(app_bot)
    answer = await scan(app_bot, AN, "https://example.org/win-a-prize")
    assert "example.org" in answer["text"]
    reply = await chat_reply(app_bot, AN, before)
    assert "example.org" in (reply.text or "")
    assert await sandbox_requests(app_bot) == requests


@pytest.mark.parametrize("backend", ["v4"])
async def test_an_expired_login_is_answered_with_the_login_button_in_the_chat(
    app_bot: Harness,
) -> None:
    """The app has no buttons: it says the login button is in the chat, where it is; logging
    in with it checks the scanned code in, no new scan needed."""
    await app_bot.link(AN, NORMAL)
    (
        await app_bot.sandbox.post("/_sandbox/uitid/expire", json={"tokens": "all"})
    ).raise_for_status()
    before = await last_seq(app_bot)
    answer = await scan(app_bot, AN, await event_code(app_bot, JAZZ))
    assert "Meld je opnieuw aan met de knop in de chat" in answer["text"]
    reply = await chat_reply(app_bot, AN, before)
    [[(label, url)]] = reply.buttons
    assert label == "Aanmelden met UiTiD"
    assert url is not None
    assert await app_bot.sandbox_points(NORMAL) == 25
    page = await app_bot.log_in(AN, NORMAL, url=url)
    assert page.status_code == 200, page.text
    await app_bot.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: "Je spaarde 1 punt" in (c.text or "")
    )
    assert await app_bot.sandbox_points(NORMAL) == 26


async def test_scans_and_photos_share_the_throttle(start_bot: StartBot) -> None:
    async with start_bot(checkin_limit=2, **mini_app_settings()) as harness:
        await harness.link(AN, NORMAL)
        for _ in range(2):
            await scan(harness, AN, "https://example.org/x")
        before = await last_seq(harness)
        answer = await scan(harness, AN, await event_code(harness, JAZZ))
        assert answer["status"] == "throttled"
        reply = await chat_reply(harness, AN, before)
        assert "s" in (reply.text or "")
        assert await harness.sandbox_checkins(NORMAL) == 0


async def test_opening_the_app_has_a_budget_too(start_bot: StartBot) -> None:
    async with start_bot(checkin_limit=1, **mini_app_settings()) as harness:
        init_data = await opened_init_data(harness, AN)
        assert (await app_call(harness, "session", init_data)).status_code == 200
        refused = await app_call(harness, "session", init_data)
        assert refused.status_code == 429
        assert "s" in refused.json()["text"]


def forged(harness: Harness) -> str:
    return documented_init_data(AN, "654321:NOT-THIS-BOT")


def altered(harness: Harness) -> str:
    good = documented_init_data(JOHN, bot_token(harness))
    return good.replace(str(JOHN.id), str(AN.id))  # John's signature, An's id


def expired(harness: Harness) -> str:
    max_age = harness.settings.mini_app_max_age_seconds
    return documented_init_data(AN, bot_token(harness), auth_date=time.time() - max_age - 5)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kind", ["missing", "empty", "forged", "altered", "expired", "scheme"])
async def test_init_data_telegram_did_not_sign_is_refused_and_nothing_happens(
    app_bot: Harness, kind: str
) -> None:
    await app_bot.link(AN, NORMAL)
    code = await event_code(app_bot, JAZZ)
    requests = await sandbox_requests(app_bot)
    before = await last_seq(app_bot)
    init_data = {
        "missing": None,
        "empty": "",
        "forged": forged(app_bot),
        "altered": altered(app_bot),
        "expired": expired(app_bot),
        "scheme": None,
    }[kind]
    assert app_bot.running.mini_app_url is not None
    for path in ("scan", "session", *SCREEN_PATHS):
        if kind == "scheme":  # a good initData, not sent the way the app sends it
            good = await opened_init_data(app_bot, AN)
            async with httpx.AsyncClient() as http:
                response = await http.post(
                    f"{app_bot.running.mini_app_url}api/{path}",
                    json={"code": code, "user": {"id": AN.id}},
                    headers={"Authorization": f"Bearer {good}"},
                )
        else:
            body = {"code": code, "id": "113", "member": None, "confirm": "x", "chooser": "x"}
            response = await app_call(app_bot, path, init_data, body)
        assert response.status_code == 401, (path, response.text)
        assert response.headers["www-authenticate"] == "tma"
        assert response.headers["cache-control"] == "no-store"
    assert await sandbox_requests(app_bot) == requests
    assert await app_bot.sandbox_points(NORMAL) == 25
    sent = [e for e in await app_bot.telegram.events(before) if e["method"] == "sendMessage"]
    assert sent == []


async def test_a_user_id_in_the_body_is_not_who_checks_in(app_bot: Harness) -> None:
    await app_bot.link(AN, NORMAL)
    response = await app_call(
        app_bot,
        "scan",
        await opened_init_data(app_bot, JOHN),
        {"code": await event_code(app_bot, JAZZ), "user_id": AN.id},
    )
    assert "send your UiTPAS number" in response.json()["text"]  # John has none: code kept
    assert await app_bot.sandbox_points(NORMAL) == 25


async def test_the_session_says_whether_a_card_is_linked_masked(app_bot: Harness) -> None:
    response = await app_call(app_bot, "session", await opened_init_data(app_bot, JOHN))
    body = response.json()
    assert (body["language"], body["linked"]) == ("en", False)
    assert body["screens"] == ["scan", "card", "rewards"]
    assert "Scan" in body["texts"]["scan"]
    await app_bot.link(AN, NORMAL)
    body = (await app_call(app_bot, "session", await opened_init_data(app_bot, AN))).json()
    assert body["linked"] is True
    assert NORMAL not in str(body)
    assert "Scan" in body["texts"]["scan"]


async def test_bad_bodies_get_a_clear_400(app_bot: Harness) -> None:
    init_data = await opened_init_data(app_bot, AN)
    for body in ({}, {"code": 5}, ["code"]):
        response = await app_call(app_bot, "scan", init_data, body)
        assert response.status_code == 400
        assert "code" in response.json()["error"]


async def test_every_response_is_no_store_and_the_page_has_a_strict_policy(
    app_bot: Harness,
) -> None:
    url = app_bot.running.mini_app_url
    assert url is not None
    async with httpx.AsyncClient() as http:
        for path in ("", "app.js", "app.css", "nothing-here"):
            response = await http.get(f"{url}{path}")
            assert response.headers["cache-control"] == "no-store"
            assert response.headers["x-content-type-options"] == "nosniff"
        page = await http.get(url)
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self' https://telegram.org" in policy
    assert "unsafe-inline" not in policy
    assert '<script src="https://telegram.org/js/telegram-web-app.js"></script>' in page.text
