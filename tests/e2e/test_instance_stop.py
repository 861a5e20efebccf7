"""A rolling deploy under load: one of two ``uitpas-bot webhook`` processes on the real
PostgreSQL server gets SIGTERM while it handles many check-ins.

It stops taking updates at once (a copy sent to it is answered 503, so Telegram sends it again
and the proxy hands it to the other instance), finishes the ones it claimed within
``SHUTDOWN_GRACE_SECONDS`` and exits; nobody is lost, checked in twice or answered twice.
"""

from __future__ import annotations

import asyncio
import re
import signal
import time
from pathlib import Path

import pytest

from tests.e2e.test_instance_death import _everyone_checked_in_once_and_told_once, _stand

pytestmark = pytest.mark.postgres

PASSHOLDERS = 24  # half send a photo before the SIGTERM, half while it stops
GRACE_SECONDS = 20  # the default SHUTDOWN_GRACE_SECONDS


def _handled_after(log: str, marker: str) -> list[int]:
    """Update ids the log says were handled after the line containing ``marker``."""
    _, _, after = log.partition(marker)
    return [int(n) for n in re.findall(r"update (\d+) photo handled", after)]


async def test_an_instance_stopped_under_load_finishes_what_it_holds_and_loses_nobody(
    tmp_path: Path,
) -> None:
    async with _stand(tmp_path, passholders=PASSHOLDERS) as stand:
        # UiTPAS takes 3 s per check-in: when SIGTERM comes, the victim holds some at UiTPAS
        # and more are on their way to it.
        fault = await stand.control.post(
            "/_sandbox/faults", json={"path": "enduser/checkin", "delay": 3.0, "times": None}
        )
        fault.raise_for_status()
        half = PASSHOLDERS // 2
        await stand.send_photos_at_once(stand.users[:half])
        await asyncio.sleep(1.5)
        stopped = time.monotonic()
        stand.victim.send_signal(signal.SIGTERM)
        await stand.send_photos_at_once(stand.users[half:])
        code = await asyncio.to_thread(stand.victim.wait, GRACE_SECONDS + 15)
        took = time.monotonic() - stopped
        await _everyone_checked_in_once_and_told_once(stand, broken=False)
        refused = [d for d in await stand.telegram.deliveries() if d.status_code == 503]

        log = (tmp_path / "first.log").read_text()
        assert code == 0, log[-2000:]
        assert took < GRACE_SECONDS + 3, took
        # It finished what it held after the signal, and refused what came meanwhile.
        assert _handled_after(log, "INFO bot: stopping"), log[-3000:]
        assert "this instance is stopping; asked again" in log, log[-3000:]
        assert refused
        # Nothing it held was left to lapse: finished within the grace, or given up at once.
        assert "lease renewal failed" not in log
