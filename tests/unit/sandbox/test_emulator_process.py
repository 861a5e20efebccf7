"""``python -m bot.sandbox.telegram``: the emulator in its own process, as the benchmark runs it."""

from __future__ import annotations

import httpx

from bot.sandbox.server import serving
from bot.sandbox.telegram import EmulatorClient, TgUser
from bot.sandbox.telegram.process import emulator_process
from tests.support.echo import echo_app

TOKEN = "123456:TEST-TOKEN"


async def test_the_emulator_process_answers_delivers_and_stops_cleanly() -> None:
    seen: list[dict[str, object]] = []
    with serving(echo_app("bot", seen)) as hook, emulator_process() as (url, process):
        async with (
            httpx.AsyncClient(base_url=f"{url}/bot{TOKEN}") as api,
            EmulatorClient(url) as client,
        ):
            me = (await api.get("/getMe")).json()
            assert (me["ok"], me["result"]["username"]) == (True, "uitpas_test_bot")
            # Local mode is on: a loopback http webhook is accepted and receives the update.
            answer = await api.post("/setWebhook", json={"url": f"{hook.url}/telegram"})
            assert answer.json()["ok"], answer.json()
            await client.send_text(TgUser(id=4001, first_name="Ann"), "hallo")
            await client.wait_until_delivered(timeout=5)
        assert len(seen) == 1
        # Stop it with a webhook set (a delivery loop running): still a clean exit.
        process.terminate()
        assert process.wait(timeout=10) == 0
