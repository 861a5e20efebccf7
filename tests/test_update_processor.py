"""Per-user ordering with cross-user parallelism."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.update_processor import PerUserUpdateProcessor


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
