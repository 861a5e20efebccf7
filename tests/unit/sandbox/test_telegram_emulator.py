"""The Telegram emulator over real HTTP, driven by python-telegram-bot and the EmulatorClient.

Exact error strings are checked in the event log (what went over the wire): python-telegram-bot
strips "Bad Request: " and re-capitalizes the rest of the description in its exceptions.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import io
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio
from PIL import Image
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import EmulatorClient, EmulatorError, TelegramEmulator, TgUser
from bot.sandbox.telegram.client import BotCall

TOKEN = "123456:TEST-TOKEN"
ANN = TgUser(id=1001, first_name="Ann", username="ann")
BOB = TgUser(id=1002, first_name="Bob")
CAROL = TgUser(id=1003, first_name="Carol", language_code="fr")
GROUP_ID = -1001234567890


# One server, bot and client for the module (creating httpx clients costs tens of ms each);
# the emulator is reset before every test.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def emulator() -> TelegramEmulator:
    return TelegramEmulator()


@pytest.fixture(scope="module")
def server(emulator: TelegramEmulator) -> Iterator[BackgroundServer]:
    with serving(emulator.app) as running:
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


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def seconds(value: int | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def last_failure(client: EmulatorClient, method: str) -> BotCall:
    failures = [c for c in await client.calls() if c.method == method and not c.ok]
    assert failures, f"no failed {method} call recorded"
    return failures[-1]


async def wait_until_polling(emulator: TelegramEmulator) -> None:
    for _ in range(200):
        if emulator.world.updates.waiting_polls:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("getUpdates never started waiting")


# --- identity and transport ------------------------------------------------------------------


async def test_get_me_describes_the_configured_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name, me.is_bot) == (
        123456,
        "uitpas_test_bot",
        "UiTPAS Bot",
        True,
    )
    assert me.can_read_all_group_messages is False


async def test_a_wrong_token_is_unauthorized_in_telegrams_shape(server: BackgroundServer) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{server.url}/bot123456:WRONG/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    with pytest.raises(InvalidToken):
        await Bot("123456:WRONG", base_url=f"{server.url}/bot").get_me()


async def test_unknown_method_is_not_found(server: BackgroundServer) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{server.url}/bot{TOKEN}/sendTelepathy")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_json_bodies_query_strings_and_any_method_case_work(
    server: BackgroundServer, client: EmulatorClient
) -> None:
    await client.send_text(ANN, "hallo")
    async with httpx.AsyncClient() as http:
        by_json = await http.post(
            f"{server.url}/bot{TOKEN}/sendMessage", json={"chat_id": ANN.id, "text": "json"}
        )
        by_query = await http.get(
            f"{server.url}/bot{TOKEN}/SENDMESSAGE", params={"chat_id": ANN.id, "text": "query"}
        )
    assert by_json.json()["result"]["text"] == "json"
    assert by_query.json()["result"]["text"] == "query"
    assert [c.method for c in await client.calls()][-1] == "sendMessage"


# --- getUpdates --------------------------------------------------------------------------------


async def test_long_poll_returns_as_soon_as_a_user_writes(
    bot: Bot, client: EmulatorClient, emulator: TelegramEmulator
) -> None:
    started = asyncio.get_running_loop().time()
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await wait_until_polling(emulator)
    await client.send_text(ANN, "/start@uitpas_test_bot welkom")
    updates = await asyncio.wait_for(poll, 5)
    assert asyncio.get_running_loop().time() - started < 5
    (update,) = updates
    message = update.message
    assert message.text == "/start@uitpas_test_bot welkom"
    assert (message.from_user.id, message.from_user.language_code) == (ANN.id, "nl")
    assert (message.chat.type, message.chat.id) == ("private", ANN.id)
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bot_command", 0, 22)]


async def test_offset_confirms_earlier_updates_and_limit_caps_the_batch(
    bot: Bot, client: EmulatorClient
) -> None:
    for text in ("een", "twee", "drie"):
        await client.send_text(ANN, text)
    first_two = await bot.get_updates(limit=2)
    assert [u.message.text for u in first_two] == ["een", "twee"]
    assert [u.message.text for u in await bot.get_updates()] == ["een", "twee", "drie"]
    rest = await bot.get_updates(offset=first_two[-1].update_id + 1)
    assert [u.message.text for u in rest] == ["drie"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()
    message_ids = [u.message.message_id for u in (*first_two, *rest)]
    assert message_ids == sorted(set(message_ids))


async def test_a_second_poller_terminates_the_waiting_one(
    bot: Bot, client: EmulatorClient, emulator: TelegramEmulator, server: BackgroundServer
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=20))
    await wait_until_polling(emulator)
    async with Bot(TOKEN, base_url=f"{server.url}/bot") as second_instance:
        second = asyncio.create_task(second_instance.get_updates(timeout=20))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 5)
        await client.send_text(ANN, "hallo")
        assert [u.message.text for u in await asyncio.wait_for(second, 5)] == ["hallo"]


async def test_a_webhook_forbids_polling_until_deleted(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    assert await bot.set_webhook("https://bot.example.org/hook")
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("https://bot.example.org/hook", 1)
    with pytest.raises(Conflict):
        await bot.get_updates()
    failure = await last_failure(client, "getUpdates")
    assert failure.error_code == 409
    assert failure.description == (
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
        "delete the webhook first"
    )
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_set_webhook_needs_https(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="an https url must be provided"):
        await bot.set_webhook("http://bot.example.org/hook")


async def test_allowed_updates_filters_later_updates(bot: Bot, client: EmulatorClient) -> None:
    await bot.get_updates(allowed_updates=["callback_query"])
    await client.send_text(ANN, "niet voor de bot")
    assert await bot.get_updates() == ()
    sent = await bot.send_message(
        ANN.id,
        "kies",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("ja", callback_data="y")]]),
    )
    await client.press_button(ANN, sent.message_id, "y")
    (update,) = await bot.get_updates()
    assert update.callback_query.data == "y"


# --- sendMessage and formatting -----------------------------------------------------------------


async def test_commands_in_a_bots_message_are_found_as_telegram_finds_them(
    bot: Bot, client: EmulatorClient
) -> None:
    """Telegram marks /commands in every message, the bot's too, so a client can make them
    tappable (issue 15.13); not inside code or a link."""
    await client.send_text(ANN, "hallo")
    sent = await bot.send_message(
        ANN.id,
        "<b>Hulp</b>: /help, <b>/points</b> of <code>/link 0930</code>, "
        '<a href="https://x.be">/niet</a>',
        parse_mode="HTML",
    )
    assert sent.text == "Hulp: /help, /points of /link 0930, /niet"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 4),
        ("bot_command", 6, 5),
        ("bold", 13, 7),
        ("bot_command", 13, 7),
        ("code", 24, 10),
        ("text_link", 36, 5),
    ]
    plain = await bot.send_message(ANN.id, "Typ /start@uitpas_test_bot")
    assert [(e.type, e.offset) for e in plain.entities] == [("bot_command", 4)]


async def test_html_becomes_text_with_utf16_entities(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    sent = await bot.send_message(
        ANN.id,
        '😀 <b>Hoi</b> &amp; <a href="https://uitpas.be/?a=1&amp;b=2">welkom</a> &lt;3',
        parse_mode="HTML",
    )
    assert sent.text == "😀 Hoi & welkom <3"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 3, 3),
        ("text_link", 9, 6),
    ]
    assert sent.entities[1].url == "https://uitpas.be/?a=1&b=2"
    assert sent.from_user.id == 123456
    assert (await client.chat_messages(ANN.id))[-1]["text"] == "😀 Hoi & welkom <3"


@pytest.mark.parametrize(
    ("html", "description"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>vet", "Can't find end tag corresponding to start tag b"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("é<br>", 'Unsupported start tag "br" at byte offset 2'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href", "Unclosed start tag at byte offset 0"),
        ("Tom & Jerry", "Character '&' at byte offset 4 must be escaped as &amp;"),
        ("&nbsp;", "Character '&' at byte offset 0 must be escaped as &amp;"),
    ],
)
async def test_invalid_html_is_refused_as_telegram_words_it(
    bot: Bot, client: EmulatorClient, html: str, description: str
) -> None:
    await client.send_text(ANN, "hallo")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(ANN.id, html, parse_mode="HTML")
    failure = await last_failure(client, "sendMessage")
    assert failure.error_code == 400
    assert failure.description == f"Bad Request: can't parse entities: {description}"


async def test_all_supported_tags_parse(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>"
        '<del>d</del><span class="tg-spoiler">p</span><tg-spoiler>t</tg-spoiler><code>c</code>'
        '<pre><code class="language-python">x = 1</code></pre><blockquote expandable>q</blockquote>'
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    sent = await bot.send_message(ANN.id, html, parse_mode="HTML")
    types = [e.type for e in sent.entities]
    assert (types.count("bold"), types.count("spoiler")) == (2, 2)
    assert {"italic", "underline", "strikethrough", "code", "pre", "expandable_blockquote"} <= set(
        types
    )
    assert next(e for e in sent.entities if e.type == "pre").language == "python"


async def test_text_limits_count_the_parsed_text(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    assert await bot.send_message(ANN.id, f"<b>{'x' * 4096}</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(ANN.id, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(ANN.id, "<b> </b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(ANN.id, png(10, 10), caption="x" * 1025)


async def test_unknown_chats_are_not_found(bot: Bot, client: EmulatorClient) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hallo")
    assert (await last_failure(client, "sendMessage")).description == "Bad Request: chat not found"


async def test_callback_data_is_limited_to_64_bytes(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="é" * 32)]])
    assert await bot.send_message(ANN.id, "past", reply_markup=fits)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("te lang", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(ANN.id, "past niet", reply_markup=too_long)
    failure = await last_failure(client, "sendMessage")
    assert failure.description == "Bad Request: BUTTON_DATA_INVALID"


async def test_replies_quote_the_replied_message(bot: Bot, client: EmulatorClient) -> None:
    question = await client.send_text(ANN, "vraag")
    answer = await bot.send_message(ANN.id, "antwoord", reply_to_message_id=question["message_id"])
    assert answer.reply_to_message.text == "vraag"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(ANN.id, "?", reply_to_message_id=9999)


async def test_a_users_photo_or_file_can_answer_a_message_as_in_telegram(
    bot: Bot, client: EmulatorClient
) -> None:
    """The web chat's reply bar also works for a photo or a file (issue 15.12)."""
    await client.send_text(ANN, "hallo")
    question = await bot.send_message(ANN.id, "stuur de affiche")
    await client.send_photo(ANN, png(20, 20), reply_to_message_id=question.message_id)
    await client.send_document(
        ANN,
        png(20, 20),
        file_name="affiche.png",
        mime_type="image/png",
        reply_to_message_id=question.message_id,
    )
    updates = await bot.get_updates()
    photo, document = updates[-2].message, updates[-1].message
    for answer in (photo, document):
        assert answer.reply_to_message.message_id == question.message_id
        assert answer.reply_to_message.from_user.is_bot
        assert answer.reply_to_message.text == "stuur de affiche"
    assert photo.photo
    assert document.document.file_name == "affiche.png"
    with pytest.raises(EmulatorError, match="message to be replied not found"):
        await client.send_photo(ANN, png(20, 20), reply_to_message_id=9999)


# --- edits, deletions, buttons ------------------------------------------------------------------


async def test_edits_apply_in_place_and_refuse_no_ops(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ok")]])
    sent = await bot.send_message(ANN.id, "<b>oud</b>", parse_mode="HTML", reply_markup=keyboard)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<b>oud</b>", ANN.id, sent.message_id, parse_mode="HTML", reply_markup=keyboard
        )
    failure = await last_failure(client, "editMessageText")
    assert failure.description == (
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )
    # Same text without parse mode differs (no bold entity), and no markup drops the keyboard.
    edited = await bot.edit_message_text("oud", ANN.id, sent.message_id)
    assert edited.edit_date is not None
    assert edited.reply_markup is None
    stored = (await client.chat_messages(ANN.id))[-1]
    assert stored["text"] == "oud"
    assert {"entities", "reply_markup"}.isdisjoint(stored)
    assert "edit_date" in stored
    await bot.edit_message_reply_markup(ANN.id, sent.message_id, reply_markup=keyboard)
    assert (await client.chat_messages(ANN.id))[-1]["reply_markup"]["inline_keyboard"][0][0][
        "callback_data"
    ] == "ok"


async def test_unknown_or_foreign_messages_cannot_be_edited_or_deleted(
    bot: Bot, client: EmulatorClient
) -> None:
    mine = await client.send_text(ANN, "van Ann")
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", ANN.id, 9999)
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", ANN.id, mine["message_id"])
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ANN.id, 9999)
    assert await bot.delete_message(ANN.id, mine["message_id"])
    assert await client.chat_messages(ANN.id) == []


async def test_caption_edits(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    photo = await bot.send_photo(ANN.id, png(40, 30), caption="voor")
    edited = await bot.edit_message_caption(
        ANN.id, photo.message_id, caption="<i>na</i>", parse_mode="HTML"
    )
    assert (edited.caption, edited.caption_entities[0].type) == ("na", "italic")
    text = await bot.send_message(ANN.id, "tekst")
    with pytest.raises(BadRequest, match="There is no caption in the message to edit"):
        await bot.edit_message_caption(ANN.id, text.message_id, caption="x")


async def test_button_presses_need_the_button_and_are_answered_once(
    bot: Bot, client: EmulatorClient
) -> None:
    await client.send_text(ANN, "hallo")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="confirm:7")]])
    sent = await bot.send_message(ANN.id, "Inchecken?", reply_markup=keyboard)
    with pytest.raises(EmulatorError, match="no button"):
        await client.press_button(ANN, sent.message_id, "confirm:8")
    query_id = await client.press_button(ANN, sent.message_id, "confirm:7")
    query = (await bot.get_updates())[-1].callback_query
    assert (query.id, query.data, query.from_user.id) == (query_id, "confirm:7", ANN.id)
    assert query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query_id, text="Gelukt")
    assert (await client.callback_answer(query_id))["answer"]["text"] == "Gelukt"
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)
    assert (await last_failure(client, "answerCallbackQuery")).description == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    forced = await client.press_button(ANN, sent.message_id, "forged", force=True)
    assert forced != query_id


async def test_chat_actions_are_checked(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    assert await bot.send_chat_action(ANN.id, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(ANN.id, "dancing")


# --- files ----------------------------------------------------------------------------------


async def test_a_photo_sent_again_by_file_id_is_the_same_photo(
    bot: Bot, client: EmulatorClient
) -> None:
    first = await client.send_photo(ANN, png(2000, 1000))
    again = await client.send_photo(ANN, first["photo"][-1]["file_id"], caption="nog eens")
    assert again["photo"] == first["photo"]
    assert again["message_id"] != first["message_id"]
    with pytest.raises(EmulatorError, match="wrong file identifier"):
        await client.send_photo(ANN, "AgACAgQAAxk-not-a-file")
    updates = await bot.get_updates()
    assert [len(update.message.photo) for update in updates] == [4, 4]


async def test_user_photos_become_jpeg_sizes_like_telegram_makes(
    bot: Bot, client: EmulatorClient
) -> None:
    message = await client.send_photo(ANN, png(2000, 1000), caption="mijn QR")
    sizes = message["photo"]
    assert [(s["width"], s["height"]) for s in sizes] == [
        (90, 45),
        (320, 160),
        (800, 400),
        (1280, 640),
    ]
    assert len({s["file_id"] for s in sizes}) == 4
    assert all(s["file_size"] > 0 for s in sizes)
    (update,) = await bot.get_updates()
    assert update.message.caption == "mijn QR"
    largest = update.message.photo[-1]
    telegram_file = await bot.get_file(largest.file_id)
    assert telegram_file.file_path.endswith(".jpg")
    data = bytes(await telegram_file.download_as_bytearray())
    assert data == await client.download(largest.file_id)
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (1280, 640))


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((50, 40), [(50, 40)]),
        ((300, 600), [(45, 90), (160, 320), (300, 600)]),
        ((320, 100), [(90, 28), (320, 100)]),
    ],
)
async def test_small_photos_are_never_upscaled(
    client: EmulatorClient, size: tuple[int, int], expected: list[tuple[int, int]]
) -> None:
    message = await client.send_photo(ANN, png(*size))
    assert [(s["width"], s["height"]) for s in message["photo"]] == expected


async def test_something_that_is_not_an_image_is_refused(client: EmulatorClient) -> None:
    with pytest.raises(EmulatorError, match="IMAGE_PROCESS_FAILED"):
        await client.send_photo(ANN, b"not a picture")


async def test_bot_photos_by_upload_file_id_and_url(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    uploaded = await bot.send_photo(ANN.id, png(1000, 1000))
    assert [p.width for p in uploaded.photo] == [90, 320, 800, 1000]
    again = await bot.send_photo(ANN.id, uploaded.photo[0].file_id)
    assert [p.file_unique_id for p in again.photo] == [p.file_unique_id for p in uploaded.photo]
    by_url = await bot.send_photo(ANN.id, "https://example.org/qr.png")
    assert len(by_url.photo) == 1
    sent = await client.wait_for_call(
        "sendPhoto", after=0, where=lambda c: "example" in str(c.params)
    )
    assert sent.params["photo"] == "https://example.org/qr.png"
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(ANN.id, "AgACAgQAAxkBAAI-no-such-file")


async def test_documents_are_kept_byte_for_byte(bot: Bot, client: EmulatorClient) -> None:
    payload = bytes(range(256)) * 10
    message = await client.send_document(ANN, payload, file_name="ticket.pdf", caption="bewijs")
    document = message["document"]
    assert (document["file_name"], document["mime_type"], document["file_size"]) == (
        "ticket.pdf",
        "application/pdf",
        len(payload),
    )
    telegram_file = await bot.get_file(document["file_id"])
    assert bytes(await telegram_file.download_as_bytearray()) == payload
    echoed = await bot.send_document(ANN.id, document["file_id"])
    assert echoed.document.file_unique_id == document["file_unique_id"]
    uploaded = await bot.send_document(ANN.id, b"a,b\n1,2\n", filename="export.csv")
    assert (uploaded.document.file_name, uploaded.document.file_size) == ("export.csv", 8)
    with pytest.raises(BadRequest, match="Can't use file of type document as photo"):
        await bot.send_photo(ANN.id, document["file_id"])


async def test_files_over_20_mb_cannot_be_fetched_by_bots(bot: Bot, client: EmulatorClient) -> None:
    big = b"\0" * (20 * 1024 * 1024 + 1)
    message = await client.send_document(ANN, big, file_name="video.bin")
    assert message["document"]["file_size"] == len(big)
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(message["document"]["file_id"])
    assert (await last_failure(client, "getFile")).description == "Bad Request: file is too big"


# --- faults, blocking, groups, commands -------------------------------------------------------


@pytest.mark.filterwarnings("ignore:.*retry_after.*timedelta")
async def test_injected_429_surfaces_as_retry_after_once(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    await client.inject_fault(
        "sendMessage", error_code=429, description="Too Many Requests: retry after 3", retry_after=3
    )
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ANN.id, "eerste")
    assert seconds(caught.value.retry_after) == 3
    failure = await last_failure(client, "sendMessage")
    assert (failure.error_code, failure.description) == (429, "Too Many Requests: retry after 3")
    assert (await bot.send_message(ANN.id, "tweede")).text == "tweede"
    assert [m["text"] for m in await client.chat_messages(ANN.id)] == ["hallo", "tweede"]


async def test_server_errors_and_dropped_connections(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    await client.inject_fault("*", error_code=502, description="Bad Gateway", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(ANN.id, "x")
    await client.drop_connection("sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(ANN.id, "kwijt")
    await client.drop_connection("sendMessage", processed=True)
    with pytest.raises(NetworkError):
        await bot.send_message(ANN.id, "toch verstuurd")
    assert [m["text"] for m in await client.chat_messages(ANN.id)] == ["hallo", "toch verstuurd"]
    assert (await bot.send_message(ANN.id, "weer goed")).text == "weer goed"


async def test_a_late_answer_is_recorded_before_the_bot_hears_of_it(
    bot: Bot, client: EmulatorClient
) -> None:
    """``kind="late"``: the message is in the chat (and the event log) while the bot still
    waits for its answer; a bot that dies meanwhile cannot know it was sent."""
    await client.send_text(ANN, "hallo")
    await client.answer_late("sendMessage", delay=1.0)
    sending = asyncio.create_task(bot.send_message(ANN.id, "laat"))
    call = await client.wait_for_call("sendMessage", chat_id=ANN.id, timeout=5)
    assert call.text == "laat"
    assert not sending.done()
    assert [m["text"] for m in await client.chat_messages(ANN.id)] == ["hallo", "laat"]
    assert (await sending).text == "laat"
    assert (await bot.send_message(ANN.id, "vlot")).text == "vlot"


async def test_a_user_who_blocked_the_bot_is_forbidden(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    await client.block_bot(ANN)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ANN.id, "hoi?")
    updates = await bot.get_updates()
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"
    await client.block_bot(ANN, blocked=False)
    assert await bot.send_message(ANN.id, "welkom terug")


async def test_groups_answer_member_questions_truthfully(bot: Bot, client: EmulatorClient) -> None:
    await client.create_group(
        GROUP_ID, "UiTPAS-team", {ANN: "creator", BOB: "administrator", CAROL: "member"}
    )
    chat = await bot.get_chat(GROUP_ID)
    assert (chat.type, chat.title) == ("supergroup", "UiTPAS-team")
    admins = await bot.get_chat_administrators(GROUP_ID)
    assert {(a.user.id, a.status) for a in admins} == {
        (ANN.id, "creator"),
        (BOB.id, "administrator"),
    }
    assert (await bot.get_chat_member(GROUP_ID, CAROL.id)).status == "member"
    assert (await bot.get_chat_member(GROUP_ID, 123456)).status == "member"
    await client.set_member_status(GROUP_ID, CAROL, "left")
    assert (await bot.get_chat_member(GROUP_ID, CAROL.id)).status == "left"
    with pytest.raises(BadRequest, match="User not found"):
        await bot.get_chat_member(GROUP_ID, 999)
    with pytest.raises(EmulatorError, match="not a member"):
        await client.send_text(CAROL, "ik ben weg", chat_id=GROUP_ID)


async def test_privacy_mode_only_passes_commands_and_replies_in_groups(
    bot: Bot, client: EmulatorClient
) -> None:
    await client.create_group(GROUP_ID, "Team", {ANN: "creator", BOB: "member"})
    await client.send_text(BOB, "gewoon gepraat", chat_id=GROUP_ID)
    await client.send_text(BOB, "/saldo@some_other_bot", chat_id=GROUP_ID)
    await client.send_text(BOB, "/saldo@uitpas_test_bot", chat_id=GROUP_ID)
    await client.send_text(ANN, "/help", chat_id=GROUP_ID)
    updates = await bot.get_updates()
    assert updates[0].my_chat_member.new_chat_member.status == "member"
    assert [u.message.text for u in updates[1:]] == ["/saldo@uitpas_test_bot", "/help"]
    assert len(await client.chat_messages(GROUP_ID)) == 4


async def test_a_bot_outside_a_group_cannot_post_there(bot: Bot, client: EmulatorClient) -> None:
    await client.create_group(-4001, "Zonder bot", {ANN: "creator"}, bot_status="kicked")
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(-4001, "hallo")
    await client.create_group(-4002, "Met bot", {ANN: "creator"})
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(ANN.id, "privé")


async def test_commands_are_kept_per_scope_and_language(bot: Bot, client: EmulatorClient) -> None:
    await bot.set_my_commands([("start", "Begin"), ("saldo", "Je punten")])
    await bot.set_my_commands([("start", "Commencer")], language_code="fr")
    await bot.set_my_commands([("admin", "Beheer")], scope={"type": "all_chat_administrators"})
    assert [c["command"] for c in await client.commands()] == ["start", "saldo"]
    assert await client.commands("fr") == [{"command": "start", "description": "Commencer"}]
    assert [c.command for c in await bot.get_my_commands(language_code="fr")] == ["start"]
    assert await client.commands(scope={"type": "all_chat_administrators"}) == [
        {"command": "admin", "description": "Beheer"}
    ]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Start!", "x")])
    await bot.delete_my_commands(language_code="fr")
    assert await client.commands("fr") == []


# --- the event log and the client -----------------------------------------------------------


async def test_event_log_normalizes_parameters(bot: Bot, client: EmulatorClient) -> None:
    await client.send_text(ANN, "hallo")
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Ja", callback_data="y"),
                InlineKeyboardButton("Site", url="https://uitpas.be"),
            ]
        ]
    )
    await bot.send_message(ANN.id, "Kies", reply_markup=keyboard)
    call = await client.wait_for_call("sendMessage", chat_id=ANN.id)
    assert call.ok
    assert call.params["chat_id"] == ANN.id
    assert isinstance(call.params["reply_markup"], dict)
    assert call.text == "Kies"
    assert call.buttons == [[("Ja", "y"), ("Site", "https://uitpas.be")]]
    assert call.result["message_id"] == 2


async def test_wait_for_call_wakes_on_the_call_and_defaults_to_after_the_last_push(
    bot: Bot, client: EmulatorClient
) -> None:
    await client.send_text(ANN, "hallo")
    await bot.send_message(ANN.id, "vóór de push")
    await client.send_text(ANN, "nog eens")
    waiter = asyncio.create_task(client.wait_for_call("sendMessage", timeout=5))
    await asyncio.sleep(0.05)
    assert not waiter.done()
    await bot.send_message(ANN.id, "na de push")
    assert (await asyncio.wait_for(waiter, 5)).text == "na de push"


async def test_wait_for_call_explains_what_it_saw_on_timeout(
    bot: Bot, client: EmulatorClient
) -> None:
    await client.send_text(ANN, "hallo")
    await bot.send_message(ANN.id, "iets anders")
    with pytest.raises(AssertionError) as caught:
        await client.wait_for_call("sendPhoto", chat_id=ANN.id, timeout=0.3)
    report = str(caught.value)
    assert "no matching sendPhoto call in chat 1001" in report
    assert "sendMessage chat=1001 text='iets anders'" in report


async def test_raw_and_edited_user_messages(bot: Bot, client: EmulatorClient) -> None:
    sticker = {
        "file_id": "CAACAgIAAxkBAAEBsticker",
        "file_unique_id": "AgADsticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    await client.send_raw(ANN, {"sticker": sticker})
    original = await client.send_text(ANN, "/start")
    await client.send_raw(ANN, {"message_id": original["message_id"], "text": "/help"}, edited=True)
    sticker_update, message_update, edit_update = await bot.get_updates()
    assert sticker_update.message.sticker.width == 512
    assert message_update.message.text == "/start"
    edited = edit_update.edited_message
    assert (edited.message_id, edited.text) == (original["message_id"], "/help")
    assert edited.edit_date is not None


# --- inline mode: the update, the answer's checks, a chosen result posted "via" the bot --------


def article(result_id: str, text: str = "<b>Film</b> op het plein") -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title="Film",
        input_message_content=InputTextMessageContent(text, parse_mode="HTML"),
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("Meer", url="https://t.me/uitpas_test_bot?start=ev_1")]]
        ),
    )


async def asked(bot: Bot, client: EmulatorClient, query: str = "film") -> str:
    query_id = await client.inline_query(ANN, query)
    [update] = await bot.get_updates(timeout=1)
    assert update.inline_query is not None
    assert update.inline_query.id == query_id
    assert update.inline_query.query == query
    assert update.inline_query.from_user.id == ANN.id
    assert update.inline_query.chat_type == "sender"
    await bot.get_updates(offset=update.update_id + 1, timeout=0)
    return query_id


async def test_the_bot_says_it_supports_inline_queries(bot: Bot) -> None:
    assert (await bot.get_me()).supports_inline_queries


async def test_an_answer_is_stored_for_the_user_to_see(bot: Bot, client: EmulatorClient) -> None:
    query_id = await asked(bot, client)
    button = InlineQueryResultsButton("In de bot", start_parameter="events")
    assert await bot.answer_inline_query(query_id, [article("a1")], button=button)
    answer = await client.inline_answer(query_id)
    assert answer["answered"]
    [result] = answer["answer"]["results"]
    assert result["title"] == "Film"
    assert answer["answer"]["button"]["start_parameter"] == "events"


async def test_a_query_is_answered_once(bot: Bot, client: EmulatorClient) -> None:
    query_id = await asked(bot, client)
    await bot.answer_inline_query(query_id, [])
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_inline_query(query_id, [])
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_inline_query("12345", [])


@pytest.mark.parametrize(
    ("results", "error"),
    [
        ([article("same"), article("same")], "RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], "RESULT_ID_INVALID"),
        ([article(str(n)) for n in range(51)], "RESULTS_TOO_MUCH"),
        ([article("a1", "<b>unclosed")], "parse entities"),
    ],
)
async def test_answers_telegram_refuses(
    bot: Bot, client: EmulatorClient, results: list[InlineQueryResultArticle], error: str
) -> None:
    query_id = await asked(bot, client)
    with pytest.raises(BadRequest, match=f"(?i){error}"):
        await bot.answer_inline_query(query_id, results)
    assert not (await client.inline_answer(query_id))["answered"]


async def test_a_bad_start_parameter_is_refused(bot: Bot, client: EmulatorClient) -> None:
    query_id = await asked(bot, client)
    button = InlineQueryResultsButton("In de bot", start_parameter="not allowed!")
    with pytest.raises(BadRequest, match=r"(?i)START_PARAM_INVALID"):
        await bot.answer_inline_query(query_id, [], button=button)


async def test_a_chosen_result_is_the_users_message_via_the_bot(
    bot: Bot, client: EmulatorClient
) -> None:
    query_id = await asked(bot, client)
    await bot.answer_inline_query(query_id, [article("a1")])
    await client.create_group(GROUP_ID, "Vrienden", {ANN: "member"})
    message = await client.choose_inline_result(ANN, query_id, "a1", chat_id=GROUP_ID)
    assert message["from"]["id"] == ANN.id
    assert message["via_bot"]["username"] == "uitpas_test_bot"
    assert message["text"] == "Film op het plein"
    assert message["entities"][0]["type"] == "bold"
    [[button]] = message["reply_markup"]["inline_keyboard"]
    assert button["url"].endswith("?start=ev_1")
