"""``uitpas-bot doctor`` against the whole local stack: the v4 sandbox (with a permission
withheld where the test says), the Telegram emulator and a real database (SQLite, PostgreSQL).

The probes go through ``SpecCheckingTransport``: every request the doctor sends to the v4 API,
and every answer the sandbox gives it (403s and ``GET /permissions`` included), is checked
against publiq's spec.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.config import Settings
from bot.sandbox.server import BackgroundServer
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.services.doctor import Check, Doctor
from bot.uitpas.v4.probe import REQUIREMENTS
from tests.support.harness import bot_settings
from tests.support.v4_spec import SpecCheckingTransport

REPO = Path(__file__).resolve().parents[2]
PERMISSIONS = [r.permission for r in REQUIREMENTS]


def settings_for(
    emulator: BackgroundServer, sandbox: BackgroundServer, database_url: str, **overrides: Any
) -> Settings:
    """An operator's v4 configuration, pointed at the stand-ins; PUBLIC_URL is the loopback
    address a local bot would have."""
    values: dict[str, Any] = {"backend": "v4", "public_url": "http://127.0.0.1:8080"}
    values.update(overrides)
    return bot_settings(emulator.url, sandbox.url, database_url, **values)


async def doctor(settings: Settings, sandbox: BackgroundServer) -> list[Check]:
    transport = SpecCheckingTransport(f"{sandbox.url}{V4_PREFIX}")
    checks = await Doctor(settings, transport=transport).run()
    assert any(c == f"GET {V4_PREFIX}/permissions 200" for c in transport.checked)
    return checks


def secrets_of(settings: Settings) -> list[str]:
    values = [settings.telegram_bot_token, settings.uitpas_client_secret]
    values.append(settings.token_encryption_key)
    return [v.get_secret_value() for v in values if v is not None]


def failing(checks: list[Check]) -> list[str]:
    return [check.name for check in checks if not check.ok]


async def withhold(sandbox: BackgroundServer, *permissions: str) -> None:
    async with httpx.AsyncClient(base_url=sandbox.url, timeout=10) as client:
        answer = await client.post("/_sandbox/permissions", json={"withhold": list(permissions)})
        assert answer.status_code == 200, answer.text


async def test_all_checks_pass_against_the_full_stack(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    settings = settings_for(emulator_server, sandbox_server, database_url)
    checks = await doctor(settings, sandbox_server)
    assert failing(checks) == [], "\n".join(c.line() for c in checks)
    names = {check.name for check in checks}
    expected = {
        "client token",
        "API reachable",
        "redirect URL",
        "PUBLIC_URL",
        "database",
        "Telegram",
    } | {f"permission {p}" for p in PERMISSIONS}
    assert expected <= names
    text = "\n".join(check.line() for check in checks)
    assert all(secret not in text for secret in secrets_of(settings))


async def test_an_http_public_url_warns_that_telegram_will_not_open_the_mini_app(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    settings = settings_for(emulator_server, sandbox_server, database_url)
    checks = await doctor(settings, sandbox_server)
    [check] = [c for c in checks if c.name == "Mini App"]
    assert (check.ok, check.warning) == (True, True)  # a warning, not a failure: exit 0
    assert check.line().startswith("warn  Mini App: http://127.0.0.1:8080/app/ is not https")
    assert "real Telegram refuses" in check.line()


async def test_an_https_public_url_serves_the_mini_app_without_a_warning(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    settings = settings_for(
        emulator_server, sandbox_server, database_url, public_url="https://bot.example.be"
    )
    checks = await Doctor(settings).run()
    [check] = [c for c in checks if c.name == "Mini App"]
    assert (check.ok, check.warning) == (True, False)
    assert check.line() == (
        "ok    Mini App: https://bot.example.be/app/ (register the domain with @BotFather: "
        "see the README)"
    )


@pytest.mark.parametrize("permission", PERMISSIONS)
async def test_a_withheld_permission_is_named_and_fails(
    emulator_server: BackgroundServer,
    sandbox_server: BackgroundServer,
    database_url: str,
    permission: str,
) -> None:
    await withhold(sandbox_server, permission)
    settings = settings_for(emulator_server, sandbox_server, database_url)
    checks = await doctor(settings, sandbox_server)
    assert failing(checks) == [f"permission {permission}"]
    [line] = [c.line() for c in checks if not c.ok]
    assert line.startswith(f"FAIL  permission {permission}: MISSING")
    assert "ask publiq" in line


@pytest.mark.empty_database
async def test_an_unmigrated_database_is_named(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    if database_url.startswith("sqlite:///"):  # an empty file, as a fresh volume has
        sqlite3.connect(database_url.removeprefix("sqlite:///")).close()
    settings = settings_for(emulator_server, sandbox_server, database_url)
    checks = await doctor(settings, sandbox_server)
    assert failing(checks) == ["database"]
    [line] = [c.line() for c in checks if not c.ok]
    assert "reachable but not migrated" in line
    assert "no revision" in line


async def test_an_unreachable_database_is_named(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer
) -> None:
    url = "postgresql://doctor:pa55word@127.0.0.1:9/nothing"  # the discard port: nobody there
    settings = settings_for(emulator_server, sandbox_server, url)
    checks = await doctor(settings, sandbox_server)
    assert failing(checks) == ["database"]
    [line] = [c.line() for c in checks if not c.ok]
    assert "unreachable" in line
    assert "pa55word" not in line


async def test_a_bad_telegram_token_is_named_and_not_printed(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    wrong = "123456:wrong-token-" + "z" * 20
    settings = settings_for(emulator_server, sandbox_server, database_url, telegram_bot_token=wrong)
    checks = await doctor(settings, sandbox_server)
    assert failing(checks) == ["Telegram"]
    [line] = [c.line() for c in checks if not c.ok]
    assert "TELEGRAM_BOT_TOKEN" in line
    assert "HTTP 401" in line
    assert wrong not in "\n".join(c.line() for c in checks)


async def test_wrong_client_credentials_fail_the_token_and_everything_after_it(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    settings = settings_for(
        emulator_server, sandbox_server, database_url, uitpas_client_secret="not-the-secret"
    )
    checks = await Doctor(settings).run()
    assert "client token" in failing(checks)
    [token] = [c for c in checks if c.name == "client token"]
    assert "invalid_client" in token.detail
    assert all(not c.ok for c in checks if c.name.startswith("permission "))
    assert "not-the-secret" not in "\n".join(c.line() for c in checks)


async def test_an_http_public_url_outside_loopback_fails(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    settings = settings_for(
        emulator_server, sandbox_server, database_url, public_url="http://bot.example.org"
    )
    checks = await doctor(settings, sandbox_server)
    assert failing(checks) == ["PUBLIC_URL", "redirect URL"]
    [line] = [c.line() for c in checks if c.name == "PUBLIC_URL"]
    assert "must be https" in line


async def test_a_redirect_url_uitid_does_not_know_is_named(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    """The client at publiq has another redirect URL registered than $PUBLIC_URL's."""
    async with httpx.AsyncClient(base_url=sandbox_server.url, timeout=10) as client:
        registered = {"redirectUris": ["https://bot.example.org/oauth/callback"]}
        answer = await client.post("/_sandbox/uitid/redirects", json=registered)
        assert answer.status_code == 200
    settings = settings_for(emulator_server, sandbox_server, database_url)
    checks = await doctor(settings, sandbox_server)
    assert failing(checks) == ["redirect URL"]
    [line] = [c.line() for c in checks if not c.ok]
    assert "UiTiD refuses http://127.0.0.1:8080/oauth/callback" in line
    assert "register it with publiq" in line


async def test_legacy_is_not_a_configuration_to_go_live_with(
    emulator_server: BackgroundServer, sandbox_server: BackgroundServer, database_url: str
) -> None:
    settings = settings_for(emulator_server, sandbox_server, database_url, backend="legacy")
    checks = await Doctor(settings).run()
    assert failing(checks)[0] == "configuration"
    assert "UITPAS_API=legacy" in checks[0].detail


# --- the command itself ---------------------------------------------------------------------


def environment(settings: Settings) -> dict[str, str]:
    """The settings as an operator writes them: environment variables, nothing else."""
    assert settings.telegram_bot_token is not None
    assert settings.uitpas_client_secret is not None
    assert settings.token_encryption_key is not None
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "UITPAS_API": "v4",
        "UITPAS_API_URL": settings.uitpas_api_url or "",
        "UITPAS_AUTH_URL": settings.uitpas_auth_url or "",
        "UITPAS_CLIENT_ID": settings.uitpas_client_id or "",
        "UITPAS_CLIENT_SECRET": settings.uitpas_client_secret.get_secret_value(),
        "TOKEN_ENCRYPTION_KEY": settings.token_encryption_key.get_secret_value(),
        "PUBLIC_URL": settings.public_url or "",
        "TELEGRAM_BOT_TOKEN": settings.telegram_bot_token.get_secret_value(),
        "TELEGRAM_API_URL": settings.telegram_api_url,
        "DATABASE_URL": settings.database_url,
    }


def run_doctor(settings: Settings, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "doctor"],
        cwd=folder,  # no .env there
        env=environment(settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_the_command_exits_0_with_every_line_ok_and_no_secret(
    emulator_server: BackgroundServer,
    sandbox_server: BackgroundServer,
    database_url: str,
    tmp_path: Path,
) -> None:
    settings = settings_for(emulator_server, sandbox_server, database_url)
    finished = run_doctor(settings, tmp_path)
    output = finished.stdout + finished.stderr
    assert finished.returncode == 0, output
    lines = finished.stdout.splitlines()
    checks, summary = lines[:-1], lines[-1]
    assert len(checks) >= 6 + len(PERMISSIONS)
    # PUBLIC_URL is loopback http: only the Mini App line warns (real Telegram wants https).
    assert [line.split(":")[0] for line in checks if line.startswith("warn")] == ["warn  Mini App"]
    assert all(line.startswith(("ok  ", "warn  Mini App")) for line in checks), output
    assert summary == f"{len(checks)} of {len(checks)} checks pass (1 with a warning)"
    for secret in secrets_of(settings):
        assert secret not in output


async def test_the_command_names_the_withheld_permission_and_exits_1(
    emulator_server: BackgroundServer,
    sandbox_server: BackgroundServer,
    database_url: str,
    tmp_path: Path,
) -> None:
    await withhold(sandbox_server, "REWARDS_REDEEM")
    settings = settings_for(emulator_server, sandbox_server, database_url)
    finished = run_doctor(settings, tmp_path)
    output = finished.stdout + finished.stderr
    assert finished.returncode == 1, output
    failed = [line for line in finished.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1, output
    assert failed[0].startswith("FAIL  permission REWARDS_REDEEM: MISSING")
    for secret in secrets_of(settings):
        assert secret not in output
