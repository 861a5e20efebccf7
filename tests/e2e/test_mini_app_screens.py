"""The Mini App's card and rewards screens and its family chooser, through its API end to end.

The real bot serving the app, the emulator signing initData as Telegram does, the sandboxes
answering, on both backends where it applies and both databases. The card comes back as a
picture a barcode scanner (zxing-cpp) reads as the exact number; a redemption goes through the
chat's service and claim, so taps in the app (and the chat's button) redeem once; a scan with a
family asks "who's with you?" in the app and checks each chosen member in.
"""

from __future__ import annotations

import asyncio
import base64
import io
from collections.abc import AsyncIterator
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import CHILD, FAMILY_KANSENTARIEF, NORMAL, ONLINE_VOUCHER
from bot.uitpas.numbers import mask_uitpas_number
from tests.e2e.test_family import JAZZ_CODE, with_family
from tests.e2e.test_redemption import VOUCHER_TITLE, confirm, confirmation, redemptions
from tests.support.harness import AN, BACKENDS, JOHN, LEA, Harness, StartBot
from tests.support.mini_app import app_call, mini_app_settings, opened_init_data, sandbox_requests

V4 = pytest.mark.parametrize("backend", ["v4"])


@pytest.fixture
async def app_bot(start_bot: StartBot) -> AsyncIterator[Harness]:
    async with start_bot(**mini_app_settings()) as harness:
        yield harness


async def api(harness: Harness, user: TgUser, path: str, body: Any = None) -> dict[str, Any]:
    init_data = await opened_init_data(harness, user)
    response = await app_call(harness, path, init_data, body)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    return dict(response.json())


def barcodes_in(data_url: str) -> list[str]:
    prefix = "data:image/png;base64,"
    assert data_url.startswith(prefix)
    image = Image.open(io.BytesIO(base64.b64decode(data_url.removeprefix(prefix))))
    return [found.text for found in zxingcpp.read_barcodes(image)]


def without_image(answer: dict[str, Any]) -> str:
    return str({key: value for key, value in answer.items() if key != "image"})


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_session_lists_the_card_and_rewards_screens(app_bot: Harness) -> None:
    body = await api(app_bot, AN, "session")
    assert body["screens"] == ["scan", "card", "rewards"]
    assert body["redeems_online"] is (app_bot.backend == "v4")  # legacy lists, as the chat
    assert body["texts"]["tab_card"] == "🪪 Kaart"
    english = await api(app_bot, JOHN, "session")
    assert english["texts"]["tab_rewards"] == "🎁 Rewards"
    french = await api(app_bot, LEA, "session")
    assert (french["language"], french["texts"]["tab_card"]) == ("fr", "🪪 Carte")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_card_reads_as_the_number_and_each_member_is_one_id_away(
    app_bot: Harness,
) -> None:
    await with_family(app_bot)
    own = await api(app_bot, AN, "card")
    assert barcodes_in(own["image"]) == [FAMILY_KANSENTARIEF]
    assert mask_uitpas_number(FAMILY_KANSENTARIEF) in own["caption"]
    [me, lina] = own["members"]
    assert me["id"] == own["shown"]
    assert lina["name"] == "Lina"
    assert lina["masked"] == mask_uitpas_number(CHILD)
    # Nothing but the picture holds a number; a member is named by an opaque id.
    for number in (FAMILY_KANSENTARIEF, CHILD):
        assert number not in without_image(own)
        assert number[:8] not in lina["id"]
    child = await api(app_bot, AN, "card", {"member": lina["id"]})
    assert barcodes_in(child["image"]) == [CHILD]
    assert child["shown"] == lina["id"]
    # Somebody else's id (or one made up) is no card at all.
    gone = await api(app_bot, AN, "card", {"member": "0123456789abcdef"})
    assert gone["ok"] is False
    assert "image" not in gone


async def test_without_a_linked_card_the_card_screen_says_how_to_link(app_bot: Harness) -> None:
    answer = await api(app_bot, JOHN, "card")
    assert answer["ok"] is False
    assert answer["text"].startswith("First link your UiTPAS")
    assert "image" not in answer


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_rewards_list_puts_the_spotlight_first_and_opens_a_detail(
    app_bot: Harness,
) -> None:
    await app_bot.link(AN, NORMAL)
    listing = await api(app_bot, AN, "rewards")
    assert listing["ok"] is True
    assert "25 punten" in listing["header"]
    spotlight = [reward["spotlight"] for reward in listing["rewards"]]
    assert spotlight[0] is True
    assert spotlight == sorted(spotlight, reverse=True)
    assert len(listing["rewards"]) > 5  # the whole list, not the chat's first page
    assert all("<" not in reward["text"] for reward in listing["rewards"])
    first = listing["rewards"][0]
    detail = await api(app_bot, AN, "reward", {"id": first["id"]})
    assert detail["ok"] is True
    assert "<b>" not in detail["text"]
    voucher = await api(app_bot, AN, "reward", {"id": ONLINE_VOUCHER})
    assert VOUCHER_TITLE in voucher["text"]
    assert voucher["redeemable"] is (app_bot.backend == "v4")


async def test_legacy_cannot_redeem_online_and_says_so(app_bot: Harness) -> None:
    await app_bot.link(AN, NORMAL)
    offer = await api(app_bot, AN, "redeem/offer", {"id": ONLINE_VOUCHER})
    assert offer["ok"] is False
    assert "confirm" not in offer


@V4
async def test_a_redemption_in_the_app_redeems_once_and_the_chat_keeps_the_code(
    app_bot: Harness,
) -> None:
    await app_bot.link(AN, NORMAL)
    offer = await api(app_bot, AN, "redeem/offer", {"id": ONLINE_VOUCHER})
    assert offer["ok"] is True
    assert "25 punten" in offer["text"]
    assert await redemptions(app_bot) == []  # nothing before the confirmation
    init_data = await opened_init_data(app_bot, AN)
    # A double tap: both sent at once; the claim lets one through to UiTPAS.
    first, second = await asyncio.gather(
        *(app_call(app_bot, "redeem", init_data, {"confirm": offer["confirm"]}) for _ in "ab")
    )
    answers = sorted((first.json(), second.json()), key=lambda a: a["status"] != "redeemed")
    [made] = await redemptions(app_bot)
    assert answers[0]["status"] == "redeemed"
    assert answers[0]["code"] == made["code"]
    assert answers[0]["total"] == 0
    assert f"Je code: {made['code']}" in answers[0]["text"]
    assert answers[1]["status"] in ("running", "repeated")
    chat = await app_bot.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: made["code"] in (c.text or "")
    )
    assert f"<code>{made['code']}</code>" in (chat.text or "")
    # A third tap later: the same code again, nothing redeemed, no second chat message.
    again = await api(app_bot, AN, "redeem", {"confirm": offer["confirm"]})
    assert again["status"] == "repeated"
    assert again["code"] == made["code"]
    assert len(await redemptions(app_bot)) == 1
    assert await app_bot.sandbox_points(NORMAL) == 0
    sent = [
        c
        for c in await app_bot.telegram.calls()
        if c.method == "sendMessage" and made["code"] in (c.text or "")
    ]
    assert len(sent) == 1


@V4
async def test_the_app_and_the_chat_share_one_claim(app_bot: Harness) -> None:
    """Confirmed in the chat; the app's confirmation made before it redeems nothing more."""
    await app_bot.link(AN, NORMAL)
    offer = await api(app_bot, AN, "redeem/offer", {"id": ONLINE_VOUCHER})
    in_chat = await confirmation(app_bot, AN, ONLINE_VOUCHER)
    result = await confirm(app_bot, AN, in_chat)
    assert "Omgeruild" in (result.text or "")
    answer = await api(app_bot, AN, "redeem", {"confirm": offer["confirm"]})
    assert answer["status"] == "repeated"
    assert len(await redemptions(app_bot)) == 1


@V4
async def test_a_refusal_is_told_in_its_own_words(app_bot: Harness) -> None:
    await app_bot.link(AN, NORMAL)
    first = await api(app_bot, AN, "redeem/offer", {"id": ONLINE_VOUCHER})
    await api(app_bot, AN, "redeem", {"confirm": first["confirm"]})
    # 0 points left: the voucher costs 25.
    refused = await api(app_bot, AN, "redeem/offer", {"id": ONLINE_VOUCHER})
    assert refused["ok"] is False
    assert refused["status"] == "refused"
    assert "punten" in refused["text"]


@V4
async def test_a_confirmation_the_bot_did_not_sign_redeems_nothing(app_bot: Harness) -> None:
    await app_bot.link(AN, NORMAL)
    offer = await api(app_bot, AN, "redeem/offer", {"id": ONLINE_VOUCHER})
    init_data = await opened_init_data(app_bot, AN)
    for confirm_data in ("trd:C:113:9999999999:forged", offer["confirm"][:-2] + "xx", 5, None):
        response = await app_call(app_bot, "redeem", init_data, {"confirm": confirm_data})
        assert response.status_code == 400, response.text
    # An's signed confirmation in John's hands is not John's (nor An's) redemption.
    johns = await app_call(
        app_bot, "redeem", await opened_init_data(app_bot, JOHN), {"confirm": offer["confirm"]}
    )
    assert johns.status_code == 400
    assert await redemptions(app_bot) == []


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_scan_with_a_family_asks_who_is_there_and_checks_each_in(
    app_bot: Harness,
) -> None:
    await with_family(app_bot)
    chooser = await api(app_bot, AN, "scan", {"code": JAZZ_CODE})
    assert chooser["status"] == "chooser"
    assert [(m["name"], m["chosen"]) for m in chooser["members"]][1] == ("Lina", False)
    assert chooser["members"][0]["chosen"] is True
    assert await app_bot.sandbox_checkins(FAMILY_KANSENTARIEF) == 0  # nobody before "go"
    toggled = await api(
        app_bot, AN, "family/toggle", {"chooser": chooser["chooser"], "position": 1}
    )
    assert [m["chosen"] for m in toggled["members"]] == [True, True]
    assert "(2)" in toggled["go"]
    done = await api(app_bot, AN, "family/go", {"chooser": chooser["chooser"]})
    assert done["status"] == "saved"
    assert "Lina\n✅ Je spaarde 1 punt" in done["text"]
    chat = await app_bot.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: "<b>Lina</b>" in (c.text or "")
    )
    assert "Je spaarde 1 punt" in (chat.text or "")
    # A second go (a double tap): nobody is checked in twice.
    again = await api(app_bot, AN, "family/go", {"chooser": chooser["chooser"]})
    assert again["ok"] is False
    assert "al ingecheckt" in again["text"]
    assert await app_bot.sandbox_checkins(CHILD) == 1
    assert await app_bot.sandbox_checkins(FAMILY_KANSENTARIEF) == 1
    # The choice is remembered for the next scan, as in the chat.
    second = await api(app_bot, AN, "scan", {"code": JAZZ_CODE})
    assert [m["chosen"] for m in second["members"]] == [True, True]


async def test_someone_elses_chooser_is_not_theirs(app_bot: Harness) -> None:
    await with_family(app_bot)
    chooser = await api(app_bot, AN, "scan", {"code": JAZZ_CODE})
    requests = await sandbox_requests(app_bot)
    answer = await api(app_bot, JOHN, "family/go", {"chooser": chooser["chooser"]})
    assert answer["ok"] is False
    assert await sandbox_requests(app_bot) == requests


async def test_bad_bodies_on_the_screens_get_a_clear_400(app_bot: Harness) -> None:
    init_data = await opened_init_data(app_bot, AN)
    for path, body in (
        ("card", {"member": 5}),
        ("reward", {}),
        ("redeem/offer", {"id": ["113"]}),
        ("redeem", {}),
        ("family/toggle", {"chooser": "x", "position": "1"}),
        ("family/go", {}),
        ("rewards", ["not", "an", "object"]),
    ):
        response = await app_call(app_bot, path, init_data, body)
        assert response.status_code == 400, (path, response.text)
        assert response.json()["error"]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_screens_are_rate_limited_per_user_and_a_refusal_asks_uitpas_nothing(
    start_bot: StartBot,
) -> None:
    """The card and rewards calls have a budget per user, as photos and scans do: over it,
    429 before UiTPAS is asked; another user's budget is their own."""
    async with start_bot(checkin_limit=2, **mini_app_settings()) as harness:
        await harness.link(AN, NORMAL)
        await harness.link(JOHN, NORMAL)
        an = await opened_init_data(harness, AN)
        for path in ("rewards", "card"):
            assert (await app_call(harness, path, an)).status_code == 200
        requests = await sandbox_requests(harness)
        for path in ("rewards", "card", "reward", "redeem/offer", "family/go"):
            refused = await app_call(harness, path, an, {"id": ONLINE_VOUCHER, "chooser": "x"})
            assert refused.status_code == 429, (path, refused.text)
            assert refused.json()["error"] == "throttled"
            assert refused.headers["cache-control"] == "no-store"
        assert await sandbox_requests(harness) == requests
        john = await opened_init_data(harness, JOHN)
        assert (await app_call(harness, "rewards", john)).status_code == 200
