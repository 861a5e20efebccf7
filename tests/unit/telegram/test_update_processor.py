"""Per-user ordering with cross-user parallelism."""

from __future__ import annotations

import asyncio
import logging

import pytest
from telegram import Chat, Message, Update, User

from bot.observability.metrics import Metrics
from bot.telegram.update_processor import PerUserUpdateProcessor, mark_update_failed


def update(update_id: int, user_id: int) -> Update:
    user = User(user_id, "u", False)
    message = Message(update_id, None, Chat(user_id, "private"), from_user=user)  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_one_users_updates_run_in_order_while_others_run_alongside() -> None:
    processor = PerUserUpdateProcessor(16)
    log: list[str] = []
    release_first = asyncio.Event()

    async def slow(name: str) -> None:
        log.append(f"start {name}")
        await release_first.wait()
        log.append(f"end {name}")

    async def quick(name: str) -> None:
        log.append(f"run {name}")

    first = asyncio.create_task(processor.process_update(update(1, 7), slow("a1")))
    await asyncio.sleep(0)
    second = asyncio.create_task(processor.process_update(update(2, 7), quick("a2")))
    other = asyncio.create_task(processor.process_update(update(3, 8), quick("b1")))
    await other
    await asyncio.sleep(0.01)
    assert "run a2" not in log  # waits for the same user's first update
    assert "run b1" in log  # another user is not held up
    release_first.set()
    await asyncio.gather(first, second)
    assert log.index("end a1") < log.index("run a2")
    assert processor._locks == {}


async def test_each_update_is_counted_and_logged_once_with_its_outcome(
    caplog: pytest.LogCaptureFixture,
) -> None:
    metrics = Metrics()
    processor = PerUserUpdateProcessor(16, metrics=metrics)
    release = asyncio.Event()

    async def handled() -> None:
        await release.wait()

    async def failing() -> None:
        mark_update_failed()  # what the error handler does, in the update's own task

    caplog.set_level(logging.INFO, logger="bot.updates")
    first = asyncio.create_task(processor.process_update(update(41, 7), handled()))
    second = asyncio.create_task(processor.process_update(update(42, 7), failing()))
    await asyncio.sleep(0.05)
    release.set()
    await asyncio.gather(first, second)
    mark_update_failed()  # outside any update: changes nothing

    lines = {r.update_id: r for r in caplog.records if r.name == "bot.updates"}  # type: ignore[attr-defined]
    assert len(lines) == 2 == len([r for r in caplog.records if r.name == "bot.updates"])
    ok, failed = lines[41], lines[42]
    assert (ok.kind, ok.outcome) == ("message", "ok")  # type: ignore[attr-defined]
    assert ok.getMessage().startswith("update 41 message handled in ")
    assert ok.duration_ms >= 40  # type: ignore[attr-defined]
    assert failed.outcome == "error"  # type: ignore[attr-defined]
    assert failed.getMessage().startswith("update 42 message failed after ")
    assert failed.lock_wait_ms >= 40  # type: ignore[attr-defined]  # behind the first update
    body = metrics.render()[0].decode()
    assert 'uitpasbot_updates_total{kind="message",outcome="ok"} 1.0' in body
    assert 'uitpasbot_updates_total{kind="message",outcome="error"} 1.0' in body
