"""The emulator's inline mode over real HTTP, driven by python-telegram-bot: the update, the
answer's checks (Telegram's error strings), and a chosen result posted "via" the bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from telegram.error import BadRequest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import EmulatorClient, TelegramEmulator, TgUser

TOKEN = "123456:TEST-TOKEN"
ANN = TgUser(id=1001, first_name="Ann", username="ann")
GROUP_ID = -1001234567890

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with serving(TelegramEmulator(token=TOKEN).app) as running:
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
