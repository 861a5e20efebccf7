"""The v4 sandbox's permissions: each operation behind the one the spec names, a withheld one
answered 403 ``auth/forbidden`` and left out of ``GET /permissions``, all spec-valid."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import NORMAL
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.sandbox.uitpas_v4.permissions import GRANTED
from tests.support.v4_spec import SpecCheckingTransport
from tests.unit.uitpas.test_uitpas_v4_client import REDIRECT, auth_for, log_in

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app(withhold=["PASSHOLDERS_SELF_CHECKIN"])) as server:
        yield server


async def test_a_withheld_user_operation_answers_403_per_spec(sandbox: BackgroundServer) -> None:
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    base = f"{sandbox.url}{V4_PREFIX}"
    transport = SpecCheckingTransport(base)
    headers = {"Authorization": f"Bearer {tokens.access_token}"}
    async with httpx.AsyncClient(base_url=base, transport=transport, headers=headers) as api:
        refused = await api.post("/passholders/me/checkins", json={"checkinCode": "12345678"})
        me = await api.get("/passholders/me")  # not withheld: still answers
        listed = await api.get("/permissions")
    await auth.aclose()
    assert refused.status_code == 403
    assert refused.json()["type"] == "https://api.publiq.be/probs/auth/forbidden"
    assert me.status_code == 200
    [organizer] = listed.json()
    ids = [detail["id"] for detail in organizer["permissionDetails"]]
    assert ids == [p for p in GRANTED if p != "PASSHOLDERS_SELF_CHECKIN"]
    assert len(transport.checked) == 3  # every exchange validated against the spec


async def test_without_a_token_it_is_401_not_403(sandbox: BackgroundServer) -> None:
    async with httpx.AsyncClient(base_url=f"{sandbox.url}{V4_PREFIX}") as api:
        assert (await api.post("/passholders/me/checkins", json={})).status_code == 401
        assert (await api.get("/permissions")).status_code == 401


async def test_the_control_api_changes_what_is_withheld_and_reset_restores_it(
    sandbox: BackgroundServer,
) -> None:
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        unknown = await control.post("/_sandbox/permissions", json={"withhold": ["BOGUS"]})
        assert unknown.status_code == 400
        assert "BOGUS" in unknown.json()["error"]
        changed = await control.post("/_sandbox/permissions", json={"withhold": ["rewards_read"]})
        assert changed.json()["withheld"] == ["REWARDS_READ"]
        await control.post("/_sandbox/reset")
        after = await control.get("/_sandbox/permissions")
        assert after.json()["withheld"] == ["PASSHOLDERS_SELF_CHECKIN"]


def test_the_command_refuses_an_unknown_permission_by_name() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--port", "0", "--withhold-permission", "NOPE"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 2
    assert "unknown permission NOPE" in finished.stderr
    assert "Traceback" not in finished.stderr
