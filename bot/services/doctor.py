"""``uitpas-bot doctor``: can this configuration go live? One line per check, nothing secret.

An operator moving from the sandbox to publiq's test environment and on to production changes
a handful of variables and asks publiq for a client with the right permissions; what goes
wrong then shows up as a passholder's failed check-in. The doctor tries each part first, with
calls that change nothing: the configuration, a client token, the API, each permission the bot
needs (``bot.uitpas.v4.probe``), the login's redirect URL and ``PUBLIC_URL``, the database and
its schema, and the Telegram token. Each failing line names what is missing.

Secrets (bot token, client secret, encryption key, access tokens, a database password) never
reach the lines: they name variables, hosts and HTTP statuses only.
"""

from __future__ import annotations

import asyncio
import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.uitpas.v4.oauth import UitidAuth
from bot.uitpas.v4.probe import REQUIREMENTS, Access, V4Probe
from storage.database import Database

CALLBACK_PATH = "/oauth/callback"  # bot.web.oauth_callback's; services may not import bot.web
MINI_APP_PATH = "/app/"  # bot.web.mini_app's APP_PATH
_V4_REQUIRED = (
    "uitpas_api_url",
    "uitpas_auth_url",
    "uitpas_client_id",
    "uitpas_client_secret",
    "token_encryption_key",
    "public_url",
    "telegram_bot_token",
)


@dataclass(frozen=True, slots=True)
class Check:
    """``warning``: passes (the bot runs), but something will not work with real Telegram."""

    name: str
    ok: bool
    detail: str
    warning: bool = False

    def line(self) -> str:
        mark = "FAIL" if not self.ok else "warn" if self.warning else "ok  "
        return f"{mark}  {self.name}: {self.detail}"


class Doctor:
    def __init__(
        self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._settings = settings
        self._transport = transport  # tests: validate the probes against the spec

    async def run(self) -> list[Check]:
        settings = self._settings
        checks = [self._configuration(), self._public_url(), self._mini_app()]
        if settings.uitpas_api == "v4":
            checks.append(self._encryption_key())
            checks.extend(await self._uitpas())
        checks.append(await self._database())
        checks.append(await self._telegram())
        return checks

    # --- configuration ---------------------------------------------------------------------

    def _configuration(self) -> Check:
        settings = self._settings
        if settings.uitpas_api != "v4":
            return Check(
                "configuration",
                False,
                "UITPAS_API=legacy: publiq phased the legacy API out on 18 December 2024; "
                "set UITPAS_API=v4 (the doctor checks v4 only)",
            )
        missing = [n.upper() for n in _V4_REQUIRED if getattr(settings, n) in (None, "")]
        if missing:
            hint = (
                " (without UITPAS_API_URL the bot uses its built-in sandbox)"
                if "UITPAS_API_URL" in missing
                else ""
            )
            return Check("configuration", False, f"not set: {', '.join(missing)}{hint}")
        return Check("configuration", True, f"UITPAS_API=v4 at {_host(settings.uitpas_api_url)}")

    def _encryption_key(self) -> Check:
        key = self._settings.token_encryption_key
        if key is None:
            return Check("token encryption key", False, "TOKEN_ENCRYPTION_KEY is not set")
        try:
            Fernet(key.get_secret_value())
        except (ValueError, TypeError):
            return Check(
                "token encryption key",
                False,
                "TOKEN_ENCRYPTION_KEY is not a Fernet key (urlsafe base64 of 32 bytes)",
            )
        return Check("token encryption key", True, "a valid Fernet key")

    def _public_url(self) -> Check:
        url = self._settings.public_url
        if not url:
            return Check(
                "PUBLIC_URL", False, "not set: UiTiD must send passholders back to the bot"
            )
        problem = _public_url_problem(url)
        if problem:
            return Check("PUBLIC_URL", False, problem)
        note = " (loopback, for tests only: production needs https)" if _loopback(url) else ""
        return Check("PUBLIC_URL", True, f"{url}{note}")

    def _mini_app(self) -> Check:
        """The Mini App is served at $PUBLIC_URL/app/ and set as the menu button at start even
        over http (the emulator and Telegram's test environment open it); real Telegram
        opens Mini Apps over https only, so say so before a passholder taps a dead button."""
        url = self._settings.public_url
        if not url or _public_url_problem(url):
            return Check("Mini App", True, "not served: PUBLIC_URL is not set", warning=True)
        app = f"{url}{MINI_APP_PATH}"
        if urlsplit(url).scheme != "https":
            return Check(
                "Mini App",
                True,
                f"{app} is not https: the menu button and the 📷 Scan buttons are set, but "
                "real Telegram refuses to open a Mini App without https (fine with the "
                "emulator and Telegram's test environment)",
                warning=True,
            )
        return Check(
            "Mini App", True, f"{app} (register the domain with @BotFather: see the README)"
        )

    # --- UiTPAS ----------------------------------------------------------------------------

    async def _uitpas(self) -> list[Check]:
        settings = self._settings
        names = ["client token", "API reachable"]
        names += [f"permission {r.permission}" for r in REQUIREMENTS]
        names.append("redirect URL")
        if not (
            settings.uitpas_api_url
            and settings.uitpas_auth_url
            and settings.uitpas_client_id
            and settings.uitpas_client_secret is not None
        ):
            return [Check(n, False, "not checked: configuration incomplete") for n in names]
        auth = UitidAuth(
            settings.uitpas_auth_url,
            settings.uitpas_client_id,
            settings.uitpas_client_secret.get_secret_value(),
            timeout=settings.uitpas_timeout_seconds,
            transport=self._transport,
        )
        async with V4Probe(
            settings.uitpas_api_url,
            auth,
            timeout=settings.uitpas_timeout_seconds,
            transport=self._transport,
        ) as probe:
            token = await probe.token()
            auth_host = _host(settings.uitpas_auth_url)
            checks = [Check("client token", token.ok, f"{token.detail} by {auth_host}")]
            if not token.ok:
                return checks + [Check(n, False, "not checked: no client token") for n in names[1:]]
            granted = await probe.granted()  # first: the rewards probed are the client's
            reachable = await probe.reachable()
            api_host = _host(settings.uitpas_api_url)
            checks.append(Check("API reachable", reachable.ok, f"{api_host}: {reachable.detail}"))
            checks.extend(await self._permissions(probe, granted))
            checks.append(await self._redirect(probe))
        return checks

    async def _permissions(
        self, probe: V4Probe, listed: tuple[frozenset[str] | None, str]
    ) -> list[Check]:
        granted, source = listed
        checks = []
        for requirement in REQUIREMENTS:
            name = f"permission {requirement.permission}"
            needed = f"the bot needs it for {requirement.why}"
            tried = (
                await probe.try_operation(requirement.permission)
                if requirement.probe
                else Access.UNKNOWN
            )
            if tried is Access.FORBIDDEN:
                detail = f"MISSING: {requirement.operations} answered 403; {needed}"
                checks.append(Check(name, False, f"{detail}; ask publiq to grant it"))
            elif granted is not None and requirement.permission not in granted:
                detail = f"MISSING from GET /permissions; {needed} ({requirement.operations})"
                checks.append(Check(name, False, f"{detail}; ask publiq to grant it"))
            elif granted is None and tried is not Access.ALLOWED:
                checks.append(Check(name, False, f"cannot be verified ({source}); {needed}"))
            else:
                how = "granted" if granted is not None else "the probe was allowed"
                if tried is Access.ALLOWED and granted is not None:
                    how = "granted, and the probe was allowed"
                checks.append(Check(name, True, f"{how}: {requirement.operations}"))
        return checks

    async def _redirect(self, probe: V4Probe) -> Check:
        public_url = self._settings.public_url
        if not public_url or _public_url_problem(public_url):
            return Check("redirect URL", False, "not checked: PUBLIC_URL is not usable")
        redirect = f"{public_url}{CALLBACK_PATH}"
        accepted = await probe.redirect_accepted(redirect)
        if accepted is None:
            return Check("redirect URL", False, f"{redirect}: UiTiD did not answer")
        if not accepted:
            return Check(
                "redirect URL",
                False,
                f"UiTiD refuses {redirect}: register it with publiq as the client's login "
                "redirect URL",
            )
        return Check("redirect URL", True, f"{redirect} accepted by UiTiD's login page")

    # --- database and Telegram -------------------------------------------------------------

    async def _database(self) -> Check:
        url = self._settings.database_url
        try:
            shown = make_url(url).render_as_string(hide_password=True)
        except Exception:
            return Check("database", False, "DATABASE_URL is not a database URL")
        path = self._settings.sqlite_path
        if path is not None and not await asyncio.to_thread(path.exists):
            return Check(
                "database",
                False,
                f"{shown}: no such file; the bot creates and migrates it when it starts",
            )
        try:
            database = Database(url)
        except ValueError as error:
            return Check("database", False, str(error))
        try:
            async with asyncio.timeout(self._settings.uitpas_timeout_seconds):
                current, head = await database.revisions()
        except Exception as error:
            return Check("database", False, f"{shown} unreachable ({type(error).__name__})")
        finally:
            await database.dispose()
        if current != head:
            return Check(
                "database",
                False,
                f"{shown} reachable but not migrated (schema at {current or 'no revision'}, "
                f"newest {head}): start the bot once, it migrates at start",
            )
        return Check("database", True, f"{shown} reachable, migrated to {head}")

    async def _telegram(self) -> Check:
        settings = self._settings
        if settings.telegram_bot_token is None:
            return Check("Telegram", False, "TELEGRAM_BOT_TOKEN is not set")
        token = settings.telegram_bot_token.get_secret_value()
        try:
            async with httpx.AsyncClient(
                timeout=settings.uitpas_timeout_seconds, transport=self._transport
            ) as http:
                response = await http.get(f"{settings.telegram_api_url}/bot{token}/getMe")
        except httpx.HTTPError as error:  # its text holds the URL, so the token: never shown
            return Check(
                "Telegram",
                False,
                f"{_host(settings.telegram_api_url)} did not answer ({type(error).__name__})",
            )
        try:
            body = response.json()
        except ValueError:
            body = None
        result = body.get("result") if isinstance(body, dict) else None
        if response.status_code == 200 and isinstance(result, dict) and body.get("ok"):
            return Check("Telegram", True, f"getMe: @{result.get('username')}")
        if response.status_code in (401, 404):
            return Check(
                "Telegram",
                False,
                f"getMe answered HTTP {response.status_code}: Telegram does not know "
                "TELEGRAM_BOT_TOKEN (copy it again from @BotFather)",
            )
        return Check("Telegram", False, f"getMe answered HTTP {response.status_code}")


def _host(url: str | None) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "?"


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _public_url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return f"{url} is not an http(s) address"
    if parts.query or parts.fragment:
        return f"{url}: no query or fragment, please (the bot appends /telegram, {CALLBACK_PATH})"
    if parts.scheme == "http" and not _loopback(url):
        return f"{url}: must be https (Telegram's webhook and UiTiD's redirect need it)"
    return None
