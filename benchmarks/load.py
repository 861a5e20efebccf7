"""The load benchmark: how many check-ins per second the bot sustains in webhook mode on
PostgreSQL, and how close that comes to the machine's limit (decoding the same photos).

    .venv/bin/python -m benchmarks.load [--seconds 12] [--instances 1 2]
    .venv/bin/python -m benchmarks.load --steady 15 --seconds 8   # CPU per check-in, per thread

Every part runs as its own process on this machine, as in production but on loopback: the
Telegram emulator (``python -m bot.sandbox.telegram``), the UiTPAS sandbox (``uitpas-bot
sandbox``), the bot (``uitpas-bot webhook``, once or twice behind ``python -m
bot.sandbox.proxy``), PostgreSQL, and this driver, which plays the passholders. Each simulated
passholder is a distinct Telegram user with a distinct linked card, and sends one photo of a
check-in poster (Telegram-sized JPEGs, ``benchmarks.checkin_photos``) at a fixed arrival rate
(open loop: arrivals do not wait for answers). The emulator makes the photo's sizes, delivers
the update to the webhook and records when; latency runs from that delivery to the bot's
reply (``sendMessage``) arriving at the emulator.

In the same run, as the peer: decode-only throughput of the very bytes the bot downloads, with
the bot's own decode pool on all cores (``benchmarks.decode_pool``).

What is printed:
* the highest sustainable rate (found by stepping the arrival rate up until the bot falls
  behind), then p50/p95/p99 latency at 50% and 100% of it, the bot's peak memory (VmHWM) and
  the ratio to the decode-only limit;
* CPU seconds per check-in of each process (where the machine's time goes);
* the same with two instances behind a round-robin proxy;
* a run with every update delivered twice: lost and doubled check-ins (both must be zero),
  checked against the sandbox's own ledger.

Telegram lets a bot send about 30 messages a second; the bot runs here with
TELEGRAM_MESSAGES_PER_SECOND=1000 so that the machine, not that policy, is measured.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import hashlib
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from benchmarks.checkin_photos import telegram_sized_posters
from benchmarks.decode_pool import decode_only_throughput_async
from bot.sandbox.telegram import DEFAULT_TOKEN
from bot.sandbox.telegram.client import EmulatorClient, TgUser
from bot.sandbox.telegram.photos import renditions
from bot.sandbox.telegram.process import emulator_process
from bot.sandbox.uitpas.app import API_PREFIX
from bot.sandbox.uitpas.auth import DEMO_CONSUMERS
from bot.sandbox.uitpas_v4 import AUTH_PREFIX, V4_PREFIX
from bot.sandbox.uitpas_v4.uitid import DEMO_CLIENTS, REALM_PATH
from bot.uitpas.v4.oauth import EXPIRY_MARGIN_SECONDS
from storage.database import Database
from storage.repositories import LinkRepository, UitidTokenRepository

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
# The sandbox's events whose check-in window is open whenever the benchmark runs: happening
# now, starting in 3 h (codes work from 5 h before), and a months-long exhibition.
OPEN_CODES = [
    "12345678",
    "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8",
    "https://uitpas.be/?qr=primitieven4kz9",
]
FIRST_USER_ID = 1_000_000
SETTLE_SECONDS = 20.0  # after the last arrival, how long replies may still take
# A step whose p95 latency passes this is overloaded: queues are growing.
OVERLOADED_P95_MS = 500.0


# --- processes ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UITPAS_", "TELEGRAM_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


@contextlib.contextmanager
def child(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and modules
            command, env=env, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


async def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    async with httpx.AsyncClient(timeout=2) as client:
        for _ in range(600):
            if process.poll() is not None:
                raise RuntimeError(f"{url} exited; its log:\n{_tail(log)}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code < 500:
                    return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not come up; its log:\n{_tail(log)}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (from /proc; Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """All PostgreSQL server processes together: the live ones, plus what the postmaster's
    children that already exited used (each connection is a process that may come and go)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            parent = Path(f"/proc/{fields[1]}/comm")
            if not parent.exists() or parent.read_text().strip() != "postgres":  # postmaster
                total += (int(fields[13]) + int(fields[14])) / tick
    return total


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Stack:
    """The running processes of one configuration, and the passholders not used yet."""

    emulator_url: str
    emulator_pid: int
    sandbox_url: str
    sandbox_pid: int
    bot_pids: list[int]
    proxy_pid: int | None
    database_url: str
    kind: BotKind = field(default_factory=lambda: BotKind())
    token_key: str = ""  # TOKEN_ENCRYPTION_KEY (v4): the driver stores the logins with it
    counts_url: str | None = None  # the counting proxy's control URL, when counted
    bot_urls: list[str] = field(default_factory=list)  # each bot's own address
    numbers: list[str] = field(default_factory=list)
    next_user: int = FIRST_USER_ID

    def take_users(self, count: int) -> list[TgUser]:
        users = [
            TgUser(id=self.next_user + i, first_name=f"Bezoeker{i}", language_code="nl")
            for i in range(count)
        ]
        self.next_user += count
        return users

    def pids(self) -> dict[str, list[int]]:
        pids = {
            "bot": self.bot_pids,
            "emulator": [self.emulator_pid],
            "sandbox": [self.sandbox_pid],
            "driver": [os.getpid()],  # the simulated passholders: the load, not the system
        }
        if self.proxy_pid is not None:
            pids["proxy"] = [self.proxy_pid]
        return pids


@contextlib.asynccontextmanager
async def fresh_database() -> AsyncIterator[str]:
    name = f"uitpas_bot_load_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(POSTGRES_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@dataclass(frozen=True)
class BotKind:
    """Which bot a stack runs, on which UiTPAS API, and whether its traffic is counted."""

    api: str = "v4"  # "v4" or "legacy"
    floor: bool = False  # benchmarks.floor_bot instead of the product
    counted: bool = False  # through benchmarks.counting_proxy (round trips per peer)
    # v4: "renewing", each login's access token has expired (a login older than a day: the
    # check-in renews it first); "fresh", stored as the login callback stores it (a check-in
    # within the day: its access token is used as it is)
    logins: str = "renewing"


def _bot_env(kind: BotKind, urls: dict[str, str], database_url: str, public_url: str,
             port: int, key: str) -> dict[str, str]:  # fmt: skip
    """The bot's environment: webhook mode on the benchmark's peers (``urls``: telegram,
    sandbox; through the counting proxy when counted)."""
    values = {
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "TELEGRAM_API_URL": urls["telegram"],
        "DATABASE_URL": database_url,
        "PUBLIC_URL": public_url,
        "PORT": str(port),
        "WEB_HOST": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "TELEGRAM_MESSAGES_PER_SECOND": "1000",
        "UITPAS_API": kind.api,
    }
    if kind.api == "v4":
        client = DEMO_CLIENTS[0]
        values |= {
            "UITPAS_API_URL": f"{urls['sandbox']}{V4_PREFIX}",
            "UITPAS_AUTH_URL": f"{urls['sandbox']}{AUTH_PREFIX}",
            "UITPAS_CLIENT_ID": client.client_id,
            "UITPAS_CLIENT_SECRET": client.secret,
            "TOKEN_ENCRYPTION_KEY": key,
        }
    else:
        consumer = DEMO_CONSUMERS[0]
        values |= {
            "UITPAS_API_URL": f"{urls['sandbox']}{API_PREFIX}",
            "UITPAS_CONSUMER_KEY": consumer.key,
            "UITPAS_CONSUMER_SECRET": consumer.secret,
        }
    return _env(values)


@contextlib.contextmanager
def counting_proxy(targets: dict[str, str], logs: Path) -> Iterator[tuple[dict[str, str], str]]:
    """``benchmarks.counting_proxy`` in front of each target (``name -> host:port``): the
    addresses to use instead, and the proxy's control URL."""
    control = free_port()
    listen = {name: free_port() for name in targets}
    routes = [f"{name}={listen[name]}:{target}" for name, target in targets.items()]
    log = logs / "counting_proxy.log"
    command = [sys.executable, "-m", "benchmarks.counting_proxy", "--control", str(control)]
    command += [*routes, "--log-statements", str(logs / "statements.log")]
    with child(
        command,
        _env({}),
        log,
    ):
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", control)):
                break
            time.sleep(0.05)
        yield (
            {name: f"127.0.0.1:{port}" for name, port in listen.items()},
            (f"http://127.0.0.1:{control}/"),
        )


def _host_port(url: str) -> str:
    """``host:port`` of an http:// or a database URL."""
    if url.startswith("http"):
        return urlsplit(url).netloc
    parsed = make_url(url)
    return f"{parsed.host or '127.0.0.1'}:{parsed.port or 5432}"


@contextlib.asynccontextmanager
async def stack(instances: int, logs: Path, kind: BotKind = BotKind()) -> AsyncIterator[Stack]:
    """Emulator, sandbox, PostgreSQL database, ``instances`` bots (behind a proxy if two)."""
    with contextlib.ExitStack() as processes:
        emulator_url, emulator = processes.enter_context(emulator_process())
        sandbox_port = free_port()
        sandbox_log = logs / "sandbox.log"
        sandbox = processes.enter_context(
            child(
                [sys.executable, "-m", "bot", "sandbox", "--port", str(sandbox_port),
                 "--posters", str(logs / "posters")],
                _env({}),
                sandbox_log,
            )
        )  # fmt: skip
        sandbox_url = f"http://127.0.0.1:{sandbox_port}"
        await wait_until_up(f"{sandbox_url}/_sandbox/events", sandbox, sandbox_log)
        async with fresh_database() as database_url:
            database = Database(database_url)
            await database.migrate()  # before the bots start, so the links can go in now
            await database.dispose()
            urls = {"telegram": emulator_url, "sandbox": sandbox_url}
            bot_database_url = database_url
            control_url = None
            if kind.counted:
                targets = {
                    "database": _host_port(database_url),
                    "telegram": _host_port(emulator_url),
                    "uitpas": _host_port(sandbox_url),
                }
                relayed, control_url = processes.enter_context(counting_proxy(targets, logs))
                urls = {
                    "telegram": f"http://{relayed['telegram']}",
                    "sandbox": f"http://{relayed['uitpas']}",
                }
                host, port = relayed["database"].split(":")
                bot_database_url = (
                    make_url(database_url)
                    .set(host=host, port=int(port))
                    .render_as_string(hide_password=False)
                )
            bot_ports = [free_port() for _ in range(instances)]
            proxy_pid = None
            public_url = f"http://127.0.0.1:{bot_ports[0]}"
            if instances > 1:
                proxy_port = free_port()
                upstreams = [f"http://127.0.0.1:{port}" for port in bot_ports]
                proxy_log = logs / "proxy.log"
                proxy = processes.enter_context(
                    child(
                        [sys.executable, "-m", "bot.sandbox.proxy", "--port", str(proxy_port),
                         *upstreams],
                        _env({}),
                        proxy_log,
                    )
                )  # fmt: skip
                proxy_pid = proxy.pid
                public_url = f"http://127.0.0.1:{proxy_port}"
            key = Fernet.generate_key().decode()
            command = ["-m", "benchmarks.floor_bot"] if kind.floor else ["-m", "bot", "webhook"]
            bots = []
            for index, port in enumerate(bot_ports):
                env = _bot_env(kind, urls, bot_database_url, public_url, port, key)
                log = logs / f"bot{index + 1}.log"
                bot = processes.enter_context(child([sys.executable, *command], env, log))
                await wait_until_up(f"http://127.0.0.1:{port}/healthz", bot, log)
                bots.append(bot)
            if proxy_pid is not None:
                await wait_until_up(f"{public_url}/healthz", proxy, proxy_log)
            yield Stack(
                emulator_url,
                emulator.pid,
                sandbox_url,
                sandbox.pid,
                [bot.pid for bot in bots],
                proxy_pid,
                database_url,
                kind=kind,
                token_key=key,
                counts_url=control_url,
                bot_urls=[f"http://127.0.0.1:{port}" for port in bot_ports],
            )


async def link_passholders(running: Stack, users: Sequence[TgUser]) -> dict[int, str]:
    """Give each user a card of their own: new passholders in the sandbox, links in the
    database (linking itself is not what is measured). Under v4 each also logs in at the
    sandbox's UiTiD once (code flow with PKCE), and the tokens are stored encrypted and the
    passholder id with the link, as the bot's login callback stores them (it reads the id
    from /passholders/me), the access token only with ``logins="fresh"``; the floor bot gets
    the same links and logins."""
    async with httpx.AsyncClient(base_url=running.sandbox_url, timeout=60) as sandbox:
        answer = await sandbox.post("/_sandbox/passholders", json={"count": len(users)})
        answer.raise_for_status()
        numbers = answer.json()["numbers"]
        logged_in: dict[int, Login] = {}
        if running.kind.api == "v4":
            for start in range(0, len(users), 25):
                batch = users[start : start + 25]
                tokens = await asyncio.gather(
                    *(_log_in(sandbox, numbers[start + i]) for i in range(len(batch)))
                )
                logged_in.update(
                    (user.id, login) for user, login in zip(batch, tokens, strict=True)
                )
    fresh = running.kind.logins == "fresh"
    if running.kind.floor:  # no database: it is told the links
        given = {
            str(u.id): [n, *_floor_login(logged_in.get(u.id), fresh=fresh)]
            for u, n in zip(users, numbers, strict=True)
        }
        async with httpx.AsyncClient(timeout=60) as floor:
            for url in running.bot_urls:
                (await floor.post(f"{url}/_floor/links", json=given)).raise_for_status()
        return {user.id: number for user, number in zip(users, numbers, strict=True)}
    database = Database(running.database_url)
    links = LinkRepository(database)
    logins = UitidTokenRepository(database)
    cipher = Fernet(running.token_key.encode())
    try:
        for start in range(0, len(users), 50):
            batch = list(zip(users[start : start + 50], numbers[start : start + 50], strict=True))
            await asyncio.gather(
                *(
                    links.save(user.id, number, "nl", passholder_id=_passholder_id(logged_in, user))
                    for user, number in batch
                )
            )
            await asyncio.gather(
                *(
                    _store_login(logins, cipher, user.id, logged_in[user.id], fresh=fresh)
                    for user, _ in batch
                    if user.id in logged_in
                )
            )
    finally:
        await database.dispose()
    return {user.id: number for user, number in zip(users, numbers, strict=True)}


@dataclass(frozen=True)
class Login:
    """What a passholder's login at the sandbox's UiTiD gave, and the id /me tells."""

    refresh_token: str = field(repr=False)
    access_token: str = field(repr=False)
    access_expires_at: datetime
    passholder_id: str | None


def _passholder_id(logged_in: dict[int, Login], user: TgUser) -> str | None:
    login = logged_in.get(user.id)
    return login.passholder_id if login else None


def _floor_login(login: Login | None, *, fresh: bool) -> list[str | None]:
    """The floor's [refresh token, access token]: the access token only when fresh."""
    if login is None:
        return [None, None]
    return [login.refresh_token, login.access_token if fresh else None]


async def _store_login(
    logins: UitidTokenRepository, cipher: Fernet, user_id: int, login: Login, *, fresh: bool
) -> None:
    """As ``UitidSessions`` stores a login; without its access token unless ``fresh``."""

    def encrypted(token: str) -> str:
        return cipher.encrypt(token.encode()).decode()

    if not fresh:
        await logins.save(user_id, encrypted(login.refresh_token))
        return
    await logins.save(
        user_id,
        encrypted(login.refresh_token),
        access_encrypted=encrypted(login.access_token),
        access_expires_at=login.access_expires_at,
    )


async def _log_in(sandbox: httpx.AsyncClient, number: str) -> Login:
    """A passholder's UiTiD login at the sandbox (what a browser does), and the passholder's
    id as the login callback reads it."""
    client = DEMO_CLIENTS[0]
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    redirect_uri = "http://127.0.0.1/oauth/callback"
    realm = f"{AUTH_PREFIX}{REALM_PATH}"
    login = await sandbox.post(
        f"{realm}/auth",
        data={
            "client_id": client.client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "state": "load",
            "passholder": number,
        },
    )
    code = parse_qs(urlsplit(login.headers["location"]).query)["code"][0]
    token = await sandbox.post(
        f"{realm}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
            "client_id": client.client_id,
            "client_secret": client.secret,
        },
    )
    token.raise_for_status()
    me = await sandbox.get(
        f"{V4_PREFIX}/passholders/me",
        headers={
            "Authorization": f"Bearer {token.json()['access_token']}",
            "x-client-id": client.client_id,
        },
    )
    me.raise_for_status()
    granted = token.json()
    lifetime = float(granted["expires_in"]) - EXPIRY_MARGIN_SECONDS
    return Login(
        str(granted["refresh_token"]),
        str(granted["access_token"]),
        datetime.now(UTC) + timedelta(seconds=lifetime),
        me.json().get("id"),
    )


# --- one phase: users arriving at a fixed rate ------------------------------------------------


@dataclass
class PhaseResult:
    offered_rate: float
    users: int
    answered: int
    succeeded: int
    sustained_rate: float  # check-ins answered per second over the phase
    latencies_ms: list[float]
    cpu: dict[str, float]  # CPU seconds per check-in, per process kind
    behind: bool  # the bot did not keep up

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def run_phase(
    running: Stack, photos: Sequence[bytes | str], rate: float, seconds: float
) -> PhaseResult:
    count = max(1, round(rate * seconds))
    users = running.take_users(count)
    await link_passholders(running, users)
    async with EmulatorClient(running.emulator_url) as telegram:
        start_seq = await _last_seq(telegram)
        cpu_before = _cpu(running)
        started = time.monotonic()

        async def arrive(index: int, user: TgUser) -> None:
            await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
            await telegram.send_photo(user, photos[index % len(photos)])

        await asyncio.gather(*(arrive(i, user) for i, user in enumerate(users)))
        arrivals_done = time.monotonic()
        wanted = {user.id for user in users}
        replies: dict[int, dict[str, Any]] = {}
        deliveries: dict[int, float] = {}
        update_chat: dict[int, int] = {}
        after = start_seq
        deadline = arrivals_done + SETTLE_SECONDS
        while len(replies) < len(wanted) and time.monotonic() < deadline:
            entries = await telegram.events(after=after)
            for entry in entries:
                after = max(after, entry["seq"])
                params = entry.get("params") or {}
                chat_id = params.get("chat_id")
                if entry["method"] == "webhookDelivery" and chat_id in wanted:
                    update_chat[params["update_id"]] = chat_id
                    deliveries.setdefault(chat_id, entry["sent_at"])
                elif entry["method"] == "sendMessage" and entry.get("ok") and chat_id in wanted:
                    replies.setdefault(chat_id, entry)
            await asyncio.sleep(0.2)
        cpu_after = _cpu(running)
    latencies = [
        (reply["time"] - deliveries[chat_id]) * 1000
        for chat_id, reply in replies.items()
        if chat_id in deliveries
    ]
    succeeded = sum(
        "Je spaarde" in str(reply["params"].get("text", "")) for reply in replies.values()
    )
    first = min(deliveries.values(), default=0.0)
    last = max((reply["time"] for reply in replies.values()), default=first)
    span = max(last - first, 1e-6)
    answered = len(replies)
    sustained = answered / max(span, count / rate)
    used = {kind: cpu_after[kind] - cpu_before[kind] for kind in cpu_after}
    cpu = {kind: seconds_used / max(answered, 1) for kind, seconds_used in used.items()}
    # Behind: not everyone answered, or the answers drained well after the arrivals ended.
    behind = answered < count or last - first > count / rate + 2.0
    return PhaseResult(rate, count, answered, succeeded, sustained, latencies, cpu, behind)


async def _last_seq(telegram: EmulatorClient) -> int:
    entries = await telegram.events(after=0)
    return max((entry["seq"] for entry in entries), default=0)


def _cpu(running: Stack) -> dict[str, float]:
    cpu = {kind: sum(cpu_seconds(pid) for pid in pids) for kind, pids in running.pids().items()}
    cpu["postgres"] = postgres_cpu_seconds()
    return cpu


async def find_peak(
    running: Stack, photos: Sequence[bytes | str], start_rate: float, seconds: float
) -> tuple[float, list[PhaseResult]]:
    """Step the arrival rate up by half until the bot is overloaded, then halve the gap to the
    last rate it kept up with, twice. The peak is the highest *sustained* rate of a step that
    was not overloaded (what it delivered, not what was offered)."""
    steps: list[PhaseResult] = []

    async def step(rate: float) -> bool:
        result = await run_phase(running, photos, rate, seconds)
        steps.append(result)
        overloaded = (
            result.behind
            or result.sustained_rate < 0.95 * rate
            or result.percentile(0.95) > OVERLOADED_P95_MS
        )
        print(
            f"    offered {rate:6.1f}/s -> answered {result.answered}/{result.users}, "
            f"{result.sustained_rate:6.1f}/s, p95 {result.percentile(0.95):7.0f} ms"
            f"{'  (overloaded)' if overloaded else ''}",
            flush=True,
        )
        await asyncio.sleep(2)  # let queues drain and the machine settle between steps
        return not overloaded

    kept_up, rate = 0.0, start_rate
    while await step(rate):
        kept_up, rate = rate, rate * 1.5
    too_much = rate
    for _ in range(2):
        middle = (kept_up + too_much) / 2
        if await step(middle):
            kept_up = middle
        else:
            too_much = middle
    good = [s.sustained_rate for s in steps if s.offered_rate <= kept_up]
    return max(good, default=0.0), steps


async def duplicate_run(
    running: Stack, photos: Sequence[bytes | str], rate: float, seconds: float
) -> str:
    """Every update delivered twice, at the same moment (Telegram re-sending an update whose
    answer was late); the sandbox's ledger says what was really saved."""
    count = max(1, round(rate * seconds))
    users = running.take_users(count)
    numbers = await link_passholders(running, users)
    async with (
        EmulatorClient(running.emulator_url) as telegram,
        httpx.AsyncClient(base_url=running.sandbox_url, timeout=30) as sandbox,
    ):
        await telegram.webhook_delivery(duplicate=True, duplicate_gap_seconds=0.0)
        checkins_before = (await sandbox.get("/_sandbox/requests")).json().get("checkin", 0)
        start_seq = await _last_seq(telegram)
        started = time.monotonic()

        async def arrive(index: int, user: TgUser) -> None:
            await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
            await telegram.send_photo(user, photos[index % len(photos)])

        await asyncio.gather(*(arrive(i, user) for i, user in enumerate(users)))
        await telegram.wait_until_delivered(timeout=SETTLE_SECONDS + seconds)
        await asyncio.sleep(1.0)
        entries = await telegram.events(after=start_seq)
        await telegram.webhook_delivery(duplicate=False)
        copies = sum(
            1
            for entry in entries
            if entry["method"] == "webhookDelivery" and (entry.get("params") or {}).get("copy") == 2
        )
        replies: dict[int, int] = {}
        for entry in entries:
            chat_id = (entry.get("params") or {}).get("chat_id")
            if entry["method"] == "sendMessage" and entry.get("ok") and chat_id in numbers:
                replies[chat_id] = replies.get(chat_id, 0) + 1
        saved: dict[int, int] = {}
        for user in users:
            state = (await sandbox.get(f"/_sandbox/passholders/{numbers[user.id]}")).json()
            saved[user.id] = int(state["checkins"])
        checkins_after = (await sandbox.get("/_sandbox/requests")).json().get("checkin", 0)
    requests = checkins_after - checkins_before
    lost = sum(1 for user in users if saved[user.id] == 0 or replies.get(user.id, 0) == 0)
    doubled = sum(1 for user in users if saved[user.id] > 1 or replies.get(user.id, 0) > 1)
    return (
        f"{count} passholders, {copies} second copies delivered: "
        f"lost {lost}, doubled {doubled}; UiTPAS check-in requests {requests}"
        f" (one per passholder: {requests == count})"
    )


# --- the peer: decoding alone -------------------------------------------------------------------


def downloaded_bytes(photos: list[bytes]) -> list[bytes]:
    """What the bot downloads for each photo: the emulator's largest rendition."""
    return [max(renditions(photo), key=lambda r: r.width * r.height).jpeg for photo in photos]


# --- the report ------------------------------------------------------------------------------


def report(title: str, peak: float, half: PhaseResult, full: PhaseResult, memory: float,
           decode_limit: float) -> None:  # fmt: skip
    print(f"\n  {title}")
    print(
        f"    highest sustainable rate: {peak:.1f} check-ins/s = {peak / decode_limit:.0%} "
        f"of the decode-only limit ({decode_limit:.0f} photos/s)"
    )
    print("    | load | offered | sustained | p50 | p95 | p99 | answered |")
    print("    |---|---|---|---|---|---|---|")
    for name, phase in (("50%", half), ("100%", full)):
        print(
            f"    | {name} | {phase.offered_rate:.1f}/s | {phase.sustained_rate:.1f}/s "
            f"| {phase.percentile(0.5):.0f} ms | {phase.percentile(0.95):.0f} ms "
            f"| {phase.percentile(0.99):.0f} ms | {phase.answered}/{phase.users} "
            f"({phase.succeeded} saved) |"
        )
    cpu = ", ".join(f"{kind} {seconds * 1000:.1f} ms" for kind, seconds in full.cpu.items())
    print(f"    CPU per check-in at 100%: {cpu}")
    print(f"    bot peak memory (VmHWM): {memory:.0f} MB per instance (highest)")


async def upload_once(running: Stack, photos: list[bytes]) -> list[str]:
    """Send each poster photo once and keep its file_id: the passholders then send those
    photos again by file_id, as the Bot API allows, so the driver does not upload 160 KB per
    check-in and the emulator does not parse it (on Telegram's side, not the bot's machine).
    The bot still downloads and decodes the photo for every check-in."""
    uploader = TgUser(id=FIRST_USER_ID - 1, first_name="Affiche", language_code="nl")
    async with EmulatorClient(running.emulator_url) as telegram:
        file_ids = []
        for photo in photos:
            message = await telegram.send_photo(uploader, photo)
            file_ids.append(message["photo"][-1]["file_id"])
    return file_ids


@dataclass(frozen=True)
class Measured:
    """What a configuration's run found, to compare with the floor's."""

    peak: float
    cpu_per_checkin_ms: float  # the bot process(es), at 100% of the peak


async def configuration(
    instances: int, photos: list[bytes], seconds: float, start_rate: float, decode_limit: float,
    logs: Path, *, duplicates: bool, kind: BotKind,
) -> Measured:  # fmt: skip
    label = (
        "one instance" if instances == 1 else f"{instances} instances behind a round-robin proxy"
    )
    if kind.floor:
        label = "the floor: benchmarks/floor_bot.py (no storage, no claims), one instance"
    print(f"\n== {label} (webhook mode, PostgreSQL, UiTPAS {kind.api}) ==", flush=True)
    async with stack(instances, logs, kind) as running:
        file_ids = await upload_once(running, photos)
        await run_phase(running, file_ids, start_rate / 2, 3)  # warm-up: caches, pools, JIT-less
        peak, _ = await find_peak(running, file_ids, start_rate, seconds)
        half = await run_phase(running, file_ids, peak * 0.5, seconds)
        full = await run_phase(running, file_ids, peak, seconds)
        memory = max(peak_memory_mb(pid) for pid in running.bot_pids)
        report(label, peak, half, full, memory, decode_limit)
        if duplicates:
            print("    every update delivered twice (at half the peak rate):", flush=True)
            verdict = await duplicate_run(running, file_ids, peak * 0.5, seconds)
            print(f"      {verdict}", flush=True)
    return Measured(peak, full.cpu["bot"] * 1000)


def thread_cpu_seconds(pid: int) -> dict[str, float]:
    """CPU of each thread of a process by thread name (the main thread is ``python``)."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        name = "main" if task.name == str(pid) else (task / "comm").read_text().strip()
        fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        used[name] = used.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return used


async def _round_trips(running: Stack) -> dict[str, int]:
    if running.counts_url is None:
        return {}
    async with httpx.AsyncClient(timeout=10) as client:
        counts = (await client.get(running.counts_url)).json()
    return {name: int(count["round_trips"]) for name, count in counts.items()}


async def closed_loop(running: Stack, photos: Sequence[bytes | str], count: int) -> PhaseResult:
    """``count`` passholders one after the other, each photo sent when the previous reply
    came: never more than one check-in in flight, so a machine busy with other work slows it
    down but cannot push it into overload (retries, re-deliveries), which would inflate the
    CPU and round trips per check-in."""
    users = running.take_users(count)
    await link_passholders(running, users)
    latencies, succeeded = [], 0
    started = time.monotonic()
    async with EmulatorClient(running.emulator_url) as telegram:
        for index, user in enumerate(users):
            after = await _last_seq(telegram)
            sent = time.monotonic()
            await telegram.send_photo(user, photos[index % len(photos)])
            reply = await telegram.wait_for_call(
                "sendMessage", chat_id=user.id, after=after, timeout=60
            )
            latencies.append((time.monotonic() - sent) * 1000)
            succeeded += "Je spaarde" in (reply.text or "")
    rate = count / max(time.monotonic() - started, 1e-6)
    return PhaseResult(rate, count, count, succeeded, rate, latencies, {}, False)


async def steady(
    photos: list[bytes], rate: float, seconds: float, rounds: int, logs: Path, kind: BotKind,
    closed: int = 0,
) -> float:  # fmt: skip
    """The bot's CPU per check-in at one fixed rate, per thread, median of ``rounds`` phases:
    the figure to compare two versions of the bot with (less noisy than the peak). Its
    traffic goes through the counting proxy: round trips per check-in to PostgreSQL, the Bot
    API (requests and the photo's download) and UiTPAS. The bot's total CPU per check-in."""
    name = "floor bot" if kind.floor else "bot"
    async with stack(1, logs, dataclasses.replace(kind, counted=True)) as running:
        file_ids = await upload_once(running, photos)
        await run_phase(running, file_ids, rate / 2, 3)
        pid = running.bot_pids[0]
        per_round: list[dict[str, float]] = []
        trips: list[dict[str, float]] = []
        for _ in range(rounds):
            before, trips_before = thread_cpu_seconds(pid), await _round_trips(running)
            if closed:
                result = await closed_loop(running, file_ids, closed)
            else:
                result = await run_phase(running, file_ids, rate, seconds)
            after, trips_after = thread_cpu_seconds(pid), await _round_trips(running)
            answered = max(result.answered, 1)
            per_round.append(
                {name: (after[name] - before.get(name, 0.0)) * 1000 / answered for name in after}
            )
            trips.append({p: (trips_after[p] - trips_before[p]) / answered for p in trips_after})
        names = sorted({name for used in per_round for name in used})
        how = (
            f"{closed} check-ins one at a time (closed loop)"
            if closed
            else f"at {rate:.0f}/s, phases of {seconds:.0f} s"
        )
        print(f"{name} (UiTPAS {kind.api}) CPU per check-in, {how}, median of {rounds} rounds:")
        for thread in names:
            values = [used.get(thread, 0.0) for used in per_round]
            if statistics.median(values) >= 0.05:
                rounded = [round(value, 1) for value in values]
                print(f"  {thread:<16} {statistics.median(values):5.1f} ms  {rounded}")
        total = statistics.median(sum(used.values()) for used in per_round)
        print(f"  {'all threads':<16} {total:5.1f} ms")
        print("  round trips per check-in (counted on the wire, median of the phases):")
        for peer in sorted(trips[0]):
            print(f"    {peer:<10} {statistics.median(t[peer] for t in trips):5.2f}")
        if closed:
            print(f"  latency p50 {result.percentile(0.5):.0f} ms (last round)")
        print(f"  load average: {os.getloadavg()[0]:.2f}", flush=True)
        return total


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--seconds", type=float, default=12.0, help="length of a measured phase")
    parser.add_argument("--start-rate", type=float, default=8.0, help="first step of the search")
    parser.add_argument("--photos", type=int, default=24, help="distinct poster photos")
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--api", choices=["v4", "legacy"], default="v4", help="the UiTPAS API the bots speak"
    )
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the floor peer (benchmarks/floor_bot.py)"
    )
    parser.add_argument(
        "--steady",
        type=float,
        metavar="RATE",
        help="instead: the bot's CPU per check-in, per thread, and its round trips, at this "
        "fixed rate (and the floor's)",
    )
    parser.add_argument(
        "--closed",
        type=int,
        default=0,
        metavar="COUNT",
        help="with --steady: rounds of COUNT check-ins one at a time instead of a fixed rate "
        "(robust on a machine busy with other work)",
    )
    parser.add_argument(
        "--logins",
        choices=["renewing", "fresh"],
        default="renewing",
        help="v4: each passholder's access token expired (every check-in renews the login "
        "first, as a day after logging in) or as the login stored it (within the day)",
    )
    parser.add_argument("--logs", type=Path, help="keep the processes' logs in this folder")
    args = parser.parse_args(argv)
    kind = BotKind(api=args.api, logins=args.logins)
    floor = dataclasses.replace(kind, floor=True)
    if args.steady:
        photos = telegram_sized_posters(OPEN_CODES, args.photos, seed=2024)
        with tempfile.TemporaryDirectory(prefix="uitpas-load-") as folder:
            logs = args.logs or Path(folder)
            (logs / "bot").mkdir(parents=True, exist_ok=True)
            (logs / "floor").mkdir(parents=True, exist_ok=True)
            rate, seconds, closed = args.steady, args.seconds, args.closed
            product = await steady(photos, rate, seconds, 4, logs / "bot", kind, closed)
            if not args.no_floor:
                least = await steady(photos, rate, seconds, 4, logs / "floor", floor, closed)
                print(f"bot CPU per check-in: {product / max(least, 1e-9):.1f}x the floor's")
        return 0
    print(f"machine: {os.cpu_count()} cores; every process below shares them", flush=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    photos = telegram_sized_posters(OPEN_CODES, args.photos, seed=2024)
    downloaded = downloaded_bytes(photos)
    workers = len(os.sched_getaffinity(0))
    decode_limit = await decode_only_throughput_async(downloaded, workers, seconds=5.0)
    print(
        f"decode-only limit: {decode_limit:.1f} photos/s ({workers} decode threads, "
        f"{len(downloaded)} Telegram-sized poster photos, the bytes the bot downloads)",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="uitpas-load-") as folder:
        measured = {}
        for instances in args.instances:
            measured[instances] = await configuration(
                instances, photos, args.seconds, args.start_rate, decode_limit, Path(folder),
                duplicates=True, kind=kind,
            )  # fmt: skip
        if not args.no_floor:
            least = await configuration(
                1, photos, args.seconds, args.start_rate, decode_limit, Path(folder),
                duplicates=False, kind=floor,
            )  # fmt: skip
            print("\n== the product against the floor (one instance each) ==")
            for instances, found in measured.items():
                cpu_ratio = found.cpu_per_checkin_ms / max(least.cpu_per_checkin_ms, 1e-9)
                print(
                    f"    {instances} instance(s): throughput {found.peak / least.peak:.0%} of the "
                    f"floor's ({found.peak:.1f} vs {least.peak:.1f} check-ins/s); CPU per "
                    f"check-in {cpu_ratio:.1f}x"
                    f" the floor's ({found.cpu_per_checkin_ms:.1f} vs "
                    f"{least.cpu_per_checkin_ms:.1f} ms)"
                )
    print(f"load average at end: {os.getloadavg()[0]:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
