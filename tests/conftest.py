"""Shared fixtures: the real bot against the real emulator, sandbox and databases over HTTP.

``harness`` starts, for one test, a Telegram Bot API emulator and a UiTPAS sandbox on loopback
ports, a fresh database (SQLite, and PostgreSQL when it answers), and the bot itself exactly as
``uitpas-bot run`` builds it, polling the emulator. Tests act as Telegram users through the
emulator's control API and read what the bot did from its Bot API call log.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.clock import Clock, system_clock
from bot.runtime import running_bot
from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.telegram.client import EmulatorClient
from bot.sandbox.uitpas.app import API_PREFIX
from bot.sandbox.uitpas.app import create_app as create_sandbox_app
from storage.database import Database
from tests.support.harness import Harness, StartBot, bot_settings, fresh_postgres_database
from tests.support.log_capture import CAPTURE, find_leaks
from tests.support.ssl_context import share_default_ssl_context
from tests.support.templates import PostgresTemplate, SqliteTemplate, Templates

_bots_started = 0


def pytest_configure(config: pytest.Config) -> None:
    CAPTURE.install()
    share_default_ssl_context()


@pytest.fixture(autouse=True)
def _capture_logs() -> None:
    """Put the session's log capture back if a test (the demo) reconfigured logging."""
    CAPTURE.install()


def _findings() -> dict[str, Any]:
    """What this process's capture saw, as plain data (an xdist worker sends it on)."""
    leaks = find_leaks(CAPTURE.lines, CAPTURE.raw)
    return {
        "leaks": [f"{leak.what} in a {leak.check} line of logger {leak.logger}" for leak in leaks],
        "lines": len(CAPTURE.lines),
        "own_records": CAPTURE.own_records(),
        "bots_started": _bots_started,
    }


_worker_findings: list[dict[str, Any]] = []
"""On the xdist controller: what each worker's capture saw, as the workers finish."""


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """xdist, on the controller: a worker finished (or died); keep its findings."""
    findings = getattr(node, "workeroutput", {}).get("log_leak_check")
    if findings is None:
        findings = {
            "leaks": [f"worker {node.gateway.id} sent no log findings (down: {error})"],
            "lines": 0,
            "own_records": 0,
            "bots_started": 0,
        }
    _worker_findings.append(findings)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when any captured log line holds a secret or a demo UiTPAS number.

    Under xdist each worker captures its own tests' records and hands its findings to the
    controller (``workeroutput``), which judges them all and fails the run.
    """
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller judges
        workeroutput["log_leak_check"] = _findings()
        return
    everything = [_findings(), *_worker_findings]
    problems = [leak for findings in everything for leak in findings["leaks"]]
    if any(f["bots_started"] and not f["own_records"] for f in everything):
        problems.append("the log capture saw no record of the bot: it is not really capturing")
    bots_started = sum(f["bots_started"] for f in everything)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if problems:
        if reporter is not None:
            reporter.write_sep("=", "log leak check FAILED", red=True)
            for problem in sorted(set(problems)):
                reporter.write_line(problem)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif reporter is not None and bots_started:
        lines = sum(f["lines"] for f in everything)
        reporter.write_line(f"log leak check: {lines} log lines, none with a secret or card number")


class _TestsApp:
    """An ASGI app that hands each request to the app the running test installed.

    Starting and stopping a server costs ~0.2 s (uvicorn's shutdown ticks); an end-to-end test
    needs two. So each test process keeps one server for the sandbox and one for the emulator,
    and every test gets fresh ones all the same: a new sandbox app, a new emulator, with none
    of the last test's state. A request goes to the app that was current when it arrived.
    """

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


@pytest.fixture(scope="session")
def _sandbox_host() -> Iterator[tuple[_TestsApp, BackgroundServer]]:
    host = _TestsApp()
    with serving(host) as server:
        yield host, server


@pytest.fixture(scope="session")
def _emulator_host() -> Iterator[tuple[_TestsApp, BackgroundServer]]:
    host = _TestsApp()
    with serving(host) as server:
        yield host, server


@pytest.fixture
def sandbox_server(_sandbox_host: tuple[_TestsApp, BackgroundServer]) -> BackgroundServer:
    """A fresh UiTPAS sandbox for this test (on this process's sandbox server)."""
    host, server = _sandbox_host
    host.app = create_sandbox_app()
    return server


@pytest.fixture
def emulator_server(_emulator_host: tuple[_TestsApp, BackgroundServer]) -> BackgroundServer:
    """A fresh Telegram emulator for this test (on this process's emulator server)."""
    host, server = _emulator_host
    host.app = TelegramEmulator().app
    return server


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """This process's migrated databases to copy (tests/support/templates.py)."""
    templates = Templates(
        SqliteTemplate(tmp_path_factory.mktemp("template") / "bot.sqlite3"), PostgresTemplate()
    )
    yield templates
    templates.postgres.drop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, _templates: Templates
) -> AsyncIterator[str]:
    """A fresh database at the newest revision; empty with ``@pytest.mark.empty_database``."""
    empty = request.node.get_closest_marker("empty_database") is not None
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        if not empty:
            await _templates.sqlite.copy_to(path)
        yield f"sqlite:///{path}"
        return
    async with fresh_postgres_database(None if empty else _templates.postgres) as url:
        yield url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """The bot's ``Database`` on ``database_url``, migrated to head, disposed after."""
    database = Database(database_url)
    await database.migrate()
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
def backend() -> str:
    """The UiTPAS API the bot speaks. Legacy unless a test parametrises it, e.g. with
    ``@pytest.mark.parametrize("backend", BACKENDS)`` for the scenarios that run on both."""
    return "legacy"


@pytest.fixture
def start_bot(
    emulator_server: BackgroundServer,
    sandbox_server: BackgroundServer,
    database_url: str,
    backend: str,
) -> StartBot:
    """Start the bot with settings overrides (``uitpas_api_url=...``); use ``async with``.

    ``clock``, ``polling`` and ``reminders`` go to ``running_bot``: a test clock, and a second
    instance on the same database that does not poll.
    """

    @asynccontextmanager
    async def start(
        *,
        clock: Clock = system_clock,
        polling: bool = True,
        reminders: bool = True,
        **overrides: Any,
    ) -> AsyncIterator[Harness]:
        global _bots_started
        _bots_started += 1
        settings = bot_settings(
            emulator_server.url,
            f"{sandbox_server.url}{API_PREFIX}",
            database_url,
            backend=backend,
            **overrides,
        )
        async with (
            EmulatorClient(emulator_server.url) as telegram,
            httpx.AsyncClient(base_url=sandbox_server.url, timeout=10) as sandbox,
            running_bot(
                settings, poll_timeout=1, clock=clock, polling=polling, reminders=reminders
            ) as running,
        ):
            yield Harness(telegram, sandbox, running, settings)

    return start


@pytest.fixture
async def harness(start_bot: StartBot) -> AsyncIterator[Harness]:
    async with start_bot() as running:
        yield running
