"""End to end: metrics and health details are the operator's, not the public's (issue 15,
point 19). ``METRICS_PORT`` serves them on a second server bound to ``METRICS_HOST``
(loopback by default); ``METRICS_TOKEN`` serves them on the public port to its bearer only."""

from __future__ import annotations

import httpx
import pytest

from bot.config import Settings
from bot.sandbox.uitpas.data import NORMAL
from tests.support.harness import AN, BACKENDS, StartBot, say

TOKEN = "metrics-token-for-the-test"


def test_the_internal_server_listens_on_loopback_unless_told_otherwise() -> None:
    assert Settings(_env_file=None).metrics_host == "127.0.0.1"  # type: ignore[call-arg]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_metrics_on_their_own_port_and_not_on_the_public_one(start_bot: StartBot) -> None:
    async with start_bot(metrics_port=0) as harness, httpx.AsyncClient(timeout=10) as http:
        await say(harness, AN, "/help")
        internal = harness.running.internal_url
        assert internal is not None
        assert harness.running.internal_web is not None
        assert harness.running.internal_web.host == "127.0.0.1"
        metrics = await http.get(f"{internal}/metrics")
        assert metrics.status_code == 200
        assert "uitpasbot_updates_total" in metrics.text
        assert NORMAL not in metrics.text
        health = await http.get(f"{internal}/healthz")
        assert health.json() == {"status": "ok", "database": "ok", "uitpas": "ok"}
        public = harness.running.web_url
        if harness.backend == "v4":  # legacy polling runs no public web server at all
            assert public is not None
            assert (await http.get(f"{public}/metrics")).status_code == 404
            public_health = await http.get(f"{public}/healthz")
            assert (public_health.status_code, public_health.json()) == (200, {"status": "ok"})
        else:
            assert public is None


@pytest.mark.parametrize("backend", ["v4"])  # the v4 backend runs the public web server
async def test_metrics_behind_a_token_on_the_public_port(start_bot: StartBot) -> None:
    async with (
        start_bot(metrics_token=TOKEN) as harness,
        httpx.AsyncClient(timeout=10) as http,
    ):
        public = harness.running.web_url
        assert harness.running.internal_url is None
        assert (await http.get(f"{public}/metrics")).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert (await http.get(f"{public}/metrics", headers=wrong)).status_code == 401
        right = {"Authorization": f"Bearer {TOKEN}"}
        metrics = await http.get(f"{public}/metrics", headers=right)
        assert metrics.status_code == 200
        assert "uitpasbot_" in metrics.text
        assert (await http.get(f"{public}/healthz")).json() == {"status": "ok"}
        detailed = await http.get(f"{public}/healthz", headers=right)
        assert detailed.json() == {"status": "ok", "database": "ok", "uitpas": "ok"}


@pytest.mark.parametrize("backend", ["v4"])
async def test_without_port_or_token_nobody_reads_the_metrics(start_bot: StartBot) -> None:
    async with start_bot() as harness, httpx.AsyncClient(timeout=10) as http:
        public = harness.running.web_url
        assert (await http.get(f"{public}/metrics")).status_code == 404
        health = await http.get(f"{public}/healthz")
        assert (health.status_code, health.json()) == (200, {"status": "ok"})
