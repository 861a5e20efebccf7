"""Settings from the environment (and a ``.env`` file), validated once at start-up.

Secrets are ``SecretStr`` so that printing the settings, or an exception that contains them,
never shows a token.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///uitpas-bot.sqlite3"
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # the Bot API's own getFile limit
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"

    uitpas_api: Literal["legacy", "v4"] = Field(
        default="v4",
        description="Which UiTPAS API generation to speak: v4 (client credentials plus a "
        "UiTiD login per passholder; publiq's current API, the default) or legacy (consumer "
        "key; publiq phased it out on 18 December 2024, still supported here).",
    )
    uitpas_api_url: str | None = Field(
        default=None,
        description="legacy: the API prefix, e.g. https://test.uitid.be/uitid/rest; "
        "v4: the API base, e.g. https://api-test.uitpas.be. "
        "Unset: the built-in sandbox is started and used.",
    )
    uitpas_auth_url: str | None = Field(
        default=None, description="v4: the UiTiD server, e.g. https://account-test.uitid.be"
    )
    uitpas_client_id: str | None = None
    uitpas_client_secret: SecretStr | None = None
    token_encryption_key: SecretStr | None = Field(
        default=None,
        description="v4: Fernet key (urlsafe base64 of 32 bytes) encrypting refresh tokens.",
    )
    public_url: str | None = Field(
        default=None,
        description="v4: where users' browsers reach the bot's web server; the login "
        "redirect is {public_url}/oauth/callback. Unset: http://127.0.0.1:{port}.",
    )
    web_host: str = "0.0.0.0"  # noqa: S104 - the web server is meant to be reachable
    port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="the bot's web server port; unset: 8443 under `uitpas-bot webhook`, "
        "else 8080 (the v4 login callback)",
    )
    # Metrics and health details are for the operator, not for whoever reaches PUBLIC_URL:
    # on their own port (bound to loopback unless said otherwise), or behind a bearer token.
    metrics_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="serve /metrics and the detailed /healthz on this port (bound to "
        "METRICS_HOST), not on the public one",
    )
    metrics_host: str = "127.0.0.1"
    metrics_token: SecretStr | None = Field(
        default=None,
        description="bearer token: /metrics (and /healthz details) on the public port only "
        "with `Authorization: Bearer <token>`",
    )
    webhook_secret: SecretStr | None = Field(
        default=None,
        description="webhook mode: the X-Telegram-Bot-Api-Secret-Token Telegram must send "
        "(1-256 of A-Z a-z 0-9 _ -). Unset: derived from the bot token, so every instance "
        "agrees on it without more configuration.",
    )
    webhook_max_connections: int = Field(
        default=40, ge=1, le=100, description="webhook mode: Telegram's parallel connections"
    )
    search_api_url: str = Field(
        default="https://search.uitdatabank.be",
        description="UiTdatabank's Search API (events for /events and inline mode); "
        "https://search-test.uitdatabank.be for publiq's test environment",
    )
    search_api_client_id: str | None = Field(
        default=None,
        description="the client id sent as x-client-id to the Search API. Unset: "
        "UITPAS_CLIENT_ID (the UiTPAS integration's own id, as publiq allows); with neither, "
        "/events says the agenda is not available",
    )
    uitpas_consumer_key: str | None = None
    uitpas_consumer_secret: SecretStr | None = None
    uitpas_timeout_seconds: float = Field(default=10.0, gt=0, le=120)

    callback_secret: SecretStr | None = Field(
        default=None,
        description="Key that signs button data. Unset: derived from the bot token, so "
        "buttons keep working across restarts and stop working when the token is revoked.",
    )
    promotions_cache_seconds: float = Field(
        default=300.0,
        ge=0,
        le=3600,
        description="How long a card system's promotions list is reused; 0 turns it off.",
    )

    database_url: str = DEFAULT_DATABASE_URL

    time_zone: str = Field(
        default="Europe/Brussels", description="Groups' time zone: how typed dates are read"
    )
    reminder_minutes_before: int = Field(default=60, ge=1, le=14 * 24 * 60)
    reminder_interval_seconds: float = Field(default=30.0, gt=0, le=3600)
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = Field(
        default="text", description="json: one JSON object per line, for a log collector."
    )

    # Check-in history is personal data: kept this long, then purged (hourly).
    checkin_retention_days: int = Field(default=365, ge=1, le=3650)
    # Flood control: at most this many photos/image files per user per window (all instances).
    checkin_limit: int = Field(default=10, ge=1, le=1000)
    checkin_window_seconds: int = Field(default=60, ge=1, le=86400)
    # A timed-out check-in may still be running at UiTPAS; unchanged points only mean "not
    # saved" after this long.
    unknown_outcome_settle_seconds: float = Field(default=120.0, ge=0, le=86400)
    # The same code from the same passholder within this many seconds gets the first answer
    # again instead of a second UiTPAS request; 0 turns that off.
    checkin_repeat_seconds: int = Field(default=300, ge=0, le=86400)
    # Claims across instances (an update, a check-in code) are leases of this many seconds,
    # renewed every third of it while the instance works: a dead instance's claims are taken
    # over this long after it died, a living one's never (storage.coordination.Lease).
    update_lease_seconds: float = Field(default=15.0, ge=1, le=600)
    # On SIGTERM: how long the instance finishes the updates it holds before it gives the
    # rest up (their leases lapse at once, so another instance takes them).
    shutdown_grace_seconds: float = Field(default=20.0, ge=0, le=600)
    # Messages per second this instance sends at most (PTB's AIORateLimiter): Telegram's limit
    # is about 30 per bot; only a bot with paid broadcasts may go higher (up to 1000).
    telegram_messages_per_second: int = Field(default=30, ge=1, le=1000)
    # Reminders and notification digests (bulk sends) per second, shared by all instances:
    # Telegram allows about 30 messages a second per bot, and replies to users need the rest.
    bulk_sends_per_second: int = Field(default=10, ge=1, le=30)
    # A Mini App's initData is taken this long after Telegram signed it (when the app opened).
    mini_app_max_age_seconds: int = Field(
        default=3600,
        ge=1,
        le=7 * 24 * 3600,
        description="The Mini App's API accepts Telegram's initData for this long after the "
        "app was opened (auth_date); older ones are answered 401.",
    )
    decode_workers: int | None = Field(
        default=None,
        ge=1,
        le=256,
        description="Threads decoding QR photos at once. Unset: one per core this process "
        "may use (more only add contention; see bot/qr/pool.py).",
    )

    # --- notifications (issue 19) ---
    notify_interval_seconds: float = Field(
        default=3600.0,
        gt=0,
        le=7 * 24 * 3600,
        description="Notifications: each instance's round every this many seconds, and the "
        "time between two looks at one passholder.",
    )
    uitpas_polls_per_second: int = Field(
        default=2,
        ge=1,
        le=1000,
        description="Notifications: passholders looked at per second at most, across all "
        "instances (each look is 1-4 UiTPAS requests).",
    )
    quiet_hours: str = Field(
        default="21-9",
        description="Notifications: no message from START to END o'clock in TIME_ZONE (held "
        "notices go out after); `off` sends at any hour.",
    )

    @field_validator(
        "telegram_api_url", "uitpas_api_url", "uitpas_auth_url", "public_url", "search_api_url"
    )
    @classmethod
    def _strip_trailing_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    @field_validator(
        "telegram_bot_token",
        "uitpas_consumer_secret",
        "callback_secret",
        "uitpas_client_secret",
        "token_encryption_key",
        "webhook_secret",
        "decode_workers",
        "search_api_client_id",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    def web_port(self, *, webhook: bool) -> int:
        if self.port is not None:
            return self.port
        return 8443 if webhook else 8080

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use e.g. Europe/Brussels)") from None
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours_shape(cls, value: str) -> str:
        cleaned = value.strip().lower()
        if cleaned == "off":
            return cleaned
        start, dash, end = cleaned.partition("-")
        if not (dash and start.isdigit() and end.isdigit()):
            raise ValueError("QUIET_HOURS must be START-END in hours (e.g. 21-9) or off")
        if int(start) > 23 or int(end) > 23 or int(start) == int(end):
            raise ValueError("QUIET_HOURS needs two different hours from 0 to 23, e.g. 21-9")
        return f"{int(start)}-{int(end)}"

    @property
    def search_client_id(self) -> str | None:
        """The Search API's client id: its own setting, else the UiTPAS integration's."""
        return self.search_api_client_id or self.uitpas_client_id

    @property
    def uses_sandbox(self) -> bool:
        return not self.uitpas_api_url

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, when the database is one; used to tell operators where data lives."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and self.database_url != prefix:
            return Path(self.database_url.removeprefix(prefix))
        return None
