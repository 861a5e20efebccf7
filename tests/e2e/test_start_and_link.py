"""End to end, over HTTP: /start, /help, the command menu, linking and unlinking a card."""

from __future__ import annotations

import pytest

from bot.demo.webchat.personas import spaced
from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import HELP_EXAMPLE, NORMAL, OTHER
from bot.uitpas.numbers import mask_uitpas_number
from storage.repositories import LinkRepository
from tests.support.harness import AN, BACKENDS, JOHN, Harness, say

MASKED_NORMAL = mask_uitpas_number(NORMAL)
TYPED = spaced(NORMAL)  # "0900 0000 9590 2"
WRONG_CHECK_DIGIT = TYPED[:-1] + str((int(TYPED[-1]) + 1) % 10)


async def stored_number(harness: Harness, user: TgUser) -> str | None:
    link = await LinkRepository(harness.running.database).get(user.id)
    return link.uitpas_number if link else None


async def test_start_explains_the_two_steps_in_dutch(harness: Harness) -> None:
    text = await say(harness, AN, "/start")
    assert "Hallo An!" in text
    assert "UiTPAS-nummer" in text
    assert "foto van de check-in QR-code" in text


async def test_start_speaks_english_to_english_users(harness: Harness) -> None:
    text = await say(harness, JOHN, "/start")
    assert "Hi John!" in text
    assert "photo of the check-in QR code" in text


async def test_help_lists_the_commands(harness: Harness) -> None:
    text = await say(harness, JOHN, "/help")
    for command in ("/start", "/link", "/points", "/promotions", "/unlink", "/help"):
        assert command in text


async def test_command_menu_is_set_in_dutch_and_english(harness: Harness) -> None:
    private = {"type": "all_private_chats"}
    dutch = await harness.telegram.commands("nl", scope=private)
    english = await harness.telegram.commands("en", scope=private)
    default = await harness.telegram.commands("", scope=private)
    assert [c["command"] for c in dutch] == [
        "start",
        "link",
        "points",
        "history",
        "promotions",
        "family",
        "card",
        "notifications",
        "events",
        "unlink",
        "privacy",
        "forget",
        "help",
    ]
    assert dutch == default
    assert dutch[1]["description"] == "Koppel je UiTPAS-nummer"
    assert english[1]["description"] == "Link your UiTPAS number"


@pytest.mark.parametrize(
    "typed", [f"/link {TYPED}", f"/link {TYPED.replace(' ', '.')}", TYPED.replace(" ", "-")]
)
async def test_link_by_command_or_plain_text_confirms_masked(harness: Harness, typed: str) -> None:
    text = await say(harness, AN, typed)
    assert MASKED_NORMAL in text
    assert NORMAL not in text
    assert await stored_number(harness, AN) == NORMAL


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (f"/link {TYPED[:-2]}", "12 cijfers"),
        (f"/link {TYPED}1", "14 cijfers"),
        (f"/link {WRONG_CHECK_DIGIT}", "controlecijfer"),
        (f"/link {TYPED.replace('0', 'O', 1)}", "alleen uit cijfers"),
        (WRONG_CHECK_DIGIT, "controlecijfer"),
    ],
)
async def test_typos_are_explained_and_nothing_is_stored(
    harness: Harness, typed: str, expected: str
) -> None:
    text = await say(harness, AN, typed)
    assert expected in text
    assert await stored_number(harness, AN) is None


async def test_link_without_a_number_shows_how(harness: Harness) -> None:
    assert f"/link {spaced(HELP_EXAMPLE)}" in await say(harness, AN, "/link")


async def test_the_example_in_the_help_is_a_sandbox_card(harness: Harness) -> None:
    """Someone who types the help's example number in the demo gets a linked card."""
    text = await say(harness, AN, f"/link {spaced(HELP_EXAMPLE)}")
    assert mask_uitpas_number(HELP_EXAMPLE) in text
    assert await stored_number(harness, AN) == HELP_EXAMPLE


async def ask_to_replace(harness: Harness, typed: str) -> BotCall:
    """Send ``typed`` while NORMAL is linked; the question the bot asks, checked."""
    await harness.telegram.send_text(AN, typed)
    question = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    text = question.text or ""
    assert f"Je UiTPAS {MASKED_NORMAL} is al gekoppeld" in text
    assert f"vervangen door {mask_uitpas_number(OTHER)}" in text
    assert OTHER not in text
    assert NORMAL not in text
    assert [data for _, data in question.buttons[0]] == ["relink:yes", "relink:no"]
    assert all(OTHER not in label for label, _ in question.buttons[0])
    assert await stored_number(harness, AN) == NORMAL  # nothing replaced yet
    return question


async def tap(harness: Harness, question: BotCall, data: str) -> str:
    await harness.telegram.press_button(AN, question.result["message_id"], data)
    edit = await harness.telegram.wait_for_call(
        "editMessageText", chat_id=AN.id, where=lambda c: c.seq > question.seq
    )
    return edit.text or ""


@pytest.mark.parametrize("typed", [f"/link {OTHER}", OTHER])
async def test_relinking_asks_first_and_replaces_on_yes(harness: Harness, typed: str) -> None:
    await say(harness, AN, f"/link {TYPED}")
    question = await ask_to_replace(harness, typed)
    await tap(harness, question, "relink:yes")
    confirmation = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: c.seq > question.seq
    )
    assert f"Je UiTPAS {mask_uitpas_number(OTHER)} is gekoppeld" in (confirmation.text or "")
    assert await stored_number(harness, AN) == OTHER


async def test_relinking_declined_keeps_the_card(harness: Harness) -> None:
    await say(harness, AN, f"/link {TYPED}")
    question = await ask_to_replace(harness, f"/link {OTHER}")
    assert f"{MASKED_NORMAL} blijft gekoppeld" in await tap(harness, question, "relink:no")
    assert await stored_number(harness, AN) == NORMAL


async def test_the_same_number_again_is_no_question(harness: Harness) -> None:
    await say(harness, AN, f"/link {TYPED}")
    assert f"Je UiTPAS {MASKED_NORMAL} is gekoppeld" in await say(harness, AN, NORMAL)


async def test_a_yes_whose_number_is_gone_replaces_nothing(harness: Harness) -> None:
    """The "yes" reads the number from the quoted message; without it, nothing changes."""
    await say(harness, AN, f"/link {TYPED}")
    await harness.telegram.send_text(AN, "hallo")
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    # A forged tap under a bot message that quotes nothing of An's.
    await harness.telegram.press_button(AN, reply.result["message_id"], "relink:yes", force=True)
    edit = await harness.telegram.wait_for_call(
        "editMessageText", chat_id=AN.id, where=lambda c: c.seq > reply.seq
    )
    assert "niet meer" in (edit.text or "")
    assert await stored_number(harness, AN) == NORMAL


@pytest.mark.parametrize("backend", BACKENDS)
async def test_bare_link_when_linked_names_the_current_card(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    text = await say(harness, AN, "/link")
    assert f"Je UiTPAS {MASKED_NORMAL} is" in text
    assert NORMAL not in text


async def test_start_after_linking_shows_the_masked_card(harness: Harness) -> None:
    await say(harness, AN, NORMAL)
    assert MASKED_NORMAL in await say(harness, AN, "/start")


async def test_unlink_forgets_the_card(harness: Harness) -> None:
    await say(harness, AN, NORMAL)
    text = await say(harness, AN, "/unlink")
    assert MASKED_NORMAL in text
    assert await stored_number(harness, AN) is None
    assert "geen UiTPAS" in await say(harness, AN, "/unlink")


async def test_the_link_belongs_to_the_user_not_the_chat(harness: Harness) -> None:
    await say(harness, AN, NORMAL)
    assert await stored_number(harness, JOHN) is None
    assert "Hi John!" in await say(harness, JOHN, "/start")


async def test_other_text_gets_a_pointer(harness: Harness) -> None:
    assert "/help" in await say(harness, AN, "hallo <b>bot</b> & co")
