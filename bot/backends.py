"""The UiTPAS backend chosen by ``UITPAS_API``: the client the services use, and under v4 the
login machinery around it (UiTiD auth, encrypted sessions, the login service, the web server).

Everything else in the bot is the same for both; this is the one place that knows there are two.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import pending_checkins
from bot.config import Settings
from bot.observability.metrics import Metrics
from bot.services.login import LoginService
from bot.services.uitid_sessions import TokenCipher, UitidSessions
from bot.uitpas.api import CheckinHistory, RewardTrading, UitpasApi
from bot.uitpas.client import UitpasClient
from bot.uitpas.family import FamilyApi
from bot.uitpas.timing import RequestObserver, ignore
from bot.uitpas.v4.client import V4Client
from bot.uitpas.v4.oauth import UitidAuth
from bot.web.oauth_callback import CALLBACK_PATH
from bot.web.server import WebServer
from storage.database import Database
from storage.repositories import (
    LinkRepository,
    LoginReader,
    LoginStateRepository,
    UitidTokenRepository,
)


@dataclass(frozen=True, slots=True)
class Backend:
    uitpas: UitpasApi
    login: LoginService | None = None  # v4 only
    web: WebServer | None = None  # v4 and webhook mode
    history: CheckinHistory | None = None  # v4 only: the passholder's transactions
    trading: RewardTrading | None = None  # v4 only: redeeming, redeemed rewards, coupons
    family: FamilyApi | None = None  # v4 only: the family at UiTPAS (issue 16)
    # v4 only: where a login read with a photo's first statement goes (the sessions)
    read_ahead: LoginReader | None = None


def _missing(settings: Settings, *names: str) -> list[str]:
    return [name.upper() for name in names if getattr(settings, name) in (None, "")]


def _observer(metrics: Metrics | None) -> RequestObserver:
    return metrics.uitpas_request if metrics is not None else ignore


def legacy_backend(settings: Settings, metrics: Metrics | None = None) -> Backend:
    missing = _missing(settings, "uitpas_api_url", "uitpas_consumer_key", "uitpas_consumer_secret")
    if missing:
        raise ValueError(f"UITPAS_API=legacy needs {', '.join(missing)}")
    assert settings.uitpas_api_url
    assert settings.uitpas_consumer_key
    assert settings.uitpas_consumer_secret is not None
    client = UitpasClient(
        settings.uitpas_api_url,
        settings.uitpas_consumer_key,
        settings.uitpas_consumer_secret.get_secret_value(),
        timeout=settings.uitpas_timeout_seconds,
        observe=_observer(metrics),
    )
    return Backend(client)


def v4_backend(
    settings: Settings,
    database: Database,
    web: WebServer | None = None,
    metrics: Metrics | None = None,
) -> Backend:
    """The v4 client and login, served on ``web`` (bound already, so the redirect URL is
    known); without one, a web server on ``$PORT`` is bound here."""
    missing = _missing(
        settings,
        "uitpas_api_url",
        "uitpas_auth_url",
        "uitpas_client_id",
        "uitpas_client_secret",
        "token_encryption_key",
    )
    if missing:
        raise ValueError(f"UITPAS_API=v4 needs {', '.join(missing)}")
    assert settings.uitpas_api_url
    assert settings.uitpas_auth_url
    assert settings.uitpas_client_id
    assert settings.uitpas_client_secret is not None
    assert settings.token_encryption_key is not None
    cipher = TokenCipher(settings.token_encryption_key.get_secret_value())  # checked first
    web = web or WebServer(settings.web_host, settings.web_port(webhook=False))
    public_url = settings.public_url or f"http://127.0.0.1:{web.port}"
    auth = UitidAuth(
        settings.uitpas_auth_url,
        settings.uitpas_client_id,
        settings.uitpas_client_secret.get_secret_value(),
        timeout=settings.uitpas_timeout_seconds,
    )
    sessions = UitidSessions(auth, UitidTokenRepository(database), cipher)
    client = V4Client(
        settings.uitpas_api_url,
        auth,
        sessions,
        timeout=settings.uitpas_timeout_seconds,
        observe=_observer(metrics),
        spotlight_seconds=settings.promotions_cache_seconds,
    )
    login = LoginService(
        auth,
        client,
        sessions,
        LoginStateRepository(database),
        LinkRepository(database),
        pending_checkins(database),
        redirect_uri=f"{public_url}{CALLBACK_PATH}",
    )
    return Backend(
        client,
        login,
        web,
        history=client,
        trading=client,
        family=client,
        read_ahead=sessions.read_ahead,
    )


def make_backend(
    settings: Settings,
    database: Database,
    web: WebServer | None = None,
    metrics: Metrics | None = None,
) -> Backend:
    """``web``: the bot's web server when it runs one anyway (webhook mode); v4 shares it.
    ``metrics`` is where the client reports each UiTPAS request's latency."""
    if settings.uitpas_api == "v4":
        return v4_backend(settings, database, web, metrics)
    return Backend(legacy_backend(settings, metrics).uitpas, web=web)
