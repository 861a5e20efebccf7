"""Start and stop the whole bot: database, UiTPAS backend, web server and the Application.

``uitpas-bot run``, ``uitpas-bot webhook``, ``uitpas-bot demo`` and the end-to-end tests all go
through :func:`running_bot`, so what is tested is what operators run. The bot's web server
(``/healthz``, ``/telegram`` in webhook mode, ``/oauth/callback`` under ``UITPAS_API=v4``) runs
in this same event loop, on ``$PORT``; ``/metrics`` and the detailed ``/healthz`` on
``METRICS_PORT`` (or on ``$PORT`` behind ``METRICS_TOKEN``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.routing import BaseRoute
from telegram.ext import Application

from bot.app import (
    ALLOWED_UPDATES,
    Services,
    build_application,
    build_services,
    callback_codec,
    notification_offer,
    publish_commands,
    publish_menu_button,
)
from bot.backends import Backend, make_backend
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.handlers.checkin import counted_photo_of
from bot.handlers.linking import LinkHandlers
from bot.handlers.mini_app import MiniAppReplies
from bot.handlers.notifications import digest_sender
from bot.handlers.reminder_sender import prompt_deleter, reminder_sender
from bot.observability.metrics import Metrics
from bot.services.health import HealthService
from bot.services.login import LoginOutcome
from bot.uitdatabank import SearchClient
from bot.web.health import HealthCheck
from bot.web.mini_app import APP_PATH, MiniAppRoutes
from bot.web.oauth_callback import login_routes
from bot.web.server import WebServer, create_web_app, metrics_routes
from bot.web.webhook import WEBHOOK_PATH, TelegramWebhook, derive_webhook_secret
from storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunningBot:
    application: Application
    services: Services
    database: Database
    backend: Backend
    internal_web: WebServer | None = None  # METRICS_PORT: /metrics and the detailed /healthz
    mini_app_url: str | None = None  # what the menu button opens, when the app is served

    @property
    def web_url(self) -> str | None:
        """The bot's web server on loopback (tests and the demo), when it runs one."""
        web = self.backend.web
        return f"http://127.0.0.1:{web.port}" if web is not None else None

    @property
    def internal_url(self) -> str | None:
        """The operator's server (METRICS_PORT) on loopback, when it runs."""
        web = self.internal_web
        return f"http://127.0.0.1:{web.port}" if web is not None else None


HOUSEKEEPING_INTERVAL_SECONDS = 3600.0


@asynccontextmanager
async def running_bot(
    settings: Settings,
    *,
    poll_timeout: int = 10,
    clock: Clock = system_clock,
    polling: bool = True,
    webhook: bool = False,
    reminders: bool = True,
) -> AsyncIterator[RunningBot]:
    """The bot, migrated and receiving updates, until the block ends; then everything closes.

    Updates come by long polling, or with ``webhook=True`` as POSTs to ``/telegram`` (the
    webhook is registered at ``PUBLIC_URL`` on start). ``polling=False`` without ``webhook``
    runs an instance that only sends reminders; ``reminders=False`` one that only answers.
    """
    if webhook and polling:
        raise ValueError("an instance receives updates by polling or by webhook, not both")
    if webhook and not settings.public_url:
        raise ValueError("webhook mode needs PUBLIC_URL: where Telegram reaches this bot")
    database = Database(settings.database_url)
    metrics = Metrics()  # one registry for this instance: UiTPAS client, services, Telegram
    internal: WebServer | None = None
    try:
        web = _web_server(settings, webhook=webhook)
        internal = _internal_server(settings)
        backend = make_backend(settings, database, web, metrics)
        search = search_client(settings)
    except BaseException:
        if internal is not None:
            await internal.stop()
        await database.dispose()
        raise
    try:
        await database.migrate()
        services = build_services(
            database,
            backend.uitpas,
            settings,
            clock,
            login=backend.login,
            history=backend.history,
            trading=backend.trading,
            family_api=backend.family,
            metrics=metrics,
            search=search,
            read_ahead=backend.read_ahead,
        )
        app_url = mini_app_url(backend.web, services, settings.public_url)
        application = build_application(
            settings, services, mini_app_url=scan_offer_url(app_url, settings.telegram_api_url)
        )
        async with application:
            await publish_commands(application)
            await publish_menu_button(application, app_url)
            assert application.updater is not None
            if polling:
                await application.updater.start_polling(
                    timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
                )
            await application.start()
            housekeeping: asyncio.Task[None] | None = None
            receiver: TelegramWebhook | None = None
            if webhook:
                secret = webhook_secret(settings)
                receiver = TelegramWebhook(
                    application, services.update_claims, secret, photo_of=counted_photo_of
                )
            try:
                if backend.web is not None:  # once the Application takes what arrives there
                    routes = _web_routes(
                        settings, application, services, database, backend, receiver
                    )
                    await backend.web.start(create_web_app(*routes))
                if internal is not None:
                    await internal.start(
                        create_web_app(*_internal_routes(settings, services, database))
                    )
                elif settings.metrics_token is None:
                    log.info("metrics not served: set METRICS_PORT or METRICS_TOKEN to serve them")
                if webhook:
                    await _register_webhook(settings, application)
                if reminders:
                    services.reminders.start(
                        reminder_sender(application.bot), prompt_deleter(application.bot)
                    )
                    start_notifications(services, application, settings)
                log.info(
                    "bot @%s is %s (UiTPAS API: %s)",
                    application.bot.username,
                    "polling" if polling else "serving its webhook" if webhook else "up",
                    settings.uitpas_api,
                )
                housekeeping = asyncio.create_task(keep_house(services), name="housekeeping")
                services.lease_heartbeat.start()
                yield RunningBot(application, services, database, backend, internal, app_url)
            finally:
                if housekeeping is not None:
                    housekeeping.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await housekeeping
                await services.reminders.stop()
                if services.notifications is not None:
                    await services.notifications.stop()
                if polling:
                    await application.updater.stop()
                # Graceful stop: new updates are refused (503, Telegram sends them to another
                # instance) while the web server lets the running ones finish, up to
                # SHUTDOWN_GRACE_SECONDS; what is left is released by the heartbeat below.
                services.update_claims.stop_taking()
                grace = settings.shutdown_grace_seconds
                started = asyncio.get_running_loop().time()
                if receiver is not None and not await receiver.drain(grace):
                    log.warning("stopping: updates still running after the grace period")
                if backend.web is not None:  # no new updates while the Application stops
                    spent = asyncio.get_running_loop().time() - started
                    await backend.web.stop(grace_seconds=max(grace - spent, 0.0))
                await application.stop()
                # The handled updates' finished marks first (else given up below, a copy of
                # one would be taken over and handled again at once).
                try:
                    await services.update_claims.flush()
                except Exception:
                    log.warning("stopping: handled updates not marked finished; they lapse")
                # Whatever is still claimed was not finished: lapse it for the other instances.
                await services.lease_heartbeat.stop()
                services.decode_pool.close()
    finally:
        if backend.web is not None:
            await backend.web.stop()
        if internal is not None:
            await internal.stop()
        await backend.uitpas.aclose()
        if search is not None:
            await search.aclose()
        await database.dispose()


def start_notifications(services: Services, application: Application, settings: Settings) -> None:
    """The notifications' loop (issue 19), beside the reminders' and like it in every
    instance: the passholders are claimed in the database, so each is served by one."""
    if services.notifications is not None:
        services.notifications.start(digest_sender(application.bot, callback_codec(settings)))


def search_client(settings: Settings) -> SearchClient | None:
    """UiTdatabank's Search API, identified by the client id; None without one."""
    client_id = settings.search_client_id
    if client_id is None:
        log.warning("no SEARCH_API_CLIENT_ID or UITPAS_CLIENT_ID: /events cannot search")
        return None
    return SearchClient(settings.search_api_url, client_id, timeout=settings.uitpas_timeout_seconds)


def _web_server(settings: Settings, *, webhook: bool) -> WebServer | None:
    """Bound before anything starts, so the port (and the v4 login redirect) is known.

    It runs whenever there is something to serve: the webhook, the v4 login's callback, or
    (with ``PUBLIC_URL``, in any mode, on either API) the Mini App."""
    if webhook or settings.uitpas_api == "v4" or settings.public_url:
        return WebServer(
            settings.web_host,
            settings.web_port(webhook=webhook),
            grace_seconds=settings.shutdown_grace_seconds,
        )
    return None


def mini_app_url(
    web: WebServer | None, services: Services, public_url: str | None = None
) -> str | None:
    """``$PUBLIC_URL/app/`` (or the loopback address of the web server when PUBLIC_URL is
    unset, as for the v4 login); None when no web server runs or no token checks initData."""
    if web is None or services.mini_app is None:
        return None
    return f"{public_url or f'http://127.0.0.1:{web.port}'}{APP_PATH}"


OFFICIAL_BOT_API = "https://api.telegram.org"


def scan_offer_url(app_url: str | None, telegram_api_url: str) -> str | None:
    """The Mini App's address for the 📷 Scan buttons under /start and /help, or None.

    api.telegram.org refuses a message whose web_app button is not https, and /start must
    not fail for it: there the buttons need https. A local Bot API server, the emulator or a
    test environment takes http (the menu button is set either way; see publish_menu_button).
    """
    if app_url is None:
        return None
    if app_url.startswith("https://") or telegram_api_url.rstrip("/") != OFFICIAL_BOT_API:
        return app_url
    return None


def _internal_server(settings: Settings) -> WebServer | None:
    """The operator's server on METRICS_HOST:METRICS_PORT (loopback unless said otherwise),
    where Prometheus scrapes /metrics and the detailed /healthz answers."""
    if settings.metrics_port is None:
        return None
    return WebServer(
        settings.metrics_host,
        settings.metrics_port,
        grace_seconds=settings.shutdown_grace_seconds,
    )


def _metrics_token(settings: Settings) -> str | None:
    token = settings.metrics_token
    return token.get_secret_value() if token is not None else None


def _internal_routes(
    settings: Settings, services: Services, database: Database
) -> list[Sequence[BaseRoute]]:
    assert settings.uitpas_api_url is not None
    return [
        HealthCheck(HealthService(database, settings.uitpas_api_url), detailed=True).routes(),
        metrics_routes(services.metrics.render, token=_metrics_token(settings)),
    ]


def webhook_secret(settings: Settings) -> str:
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    assert settings.telegram_bot_token is not None
    return derive_webhook_secret(settings.telegram_bot_token.get_secret_value())


def _web_routes(
    settings: Settings,
    application: Application,
    services: Services,
    database: Database,
    backend: Backend,
    receiver: TelegramWebhook | None,
) -> list[Sequence[BaseRoute]]:
    assert settings.uitpas_api_url is not None
    token = _metrics_token(settings)
    health = HealthService(database, settings.uitpas_api_url)
    # Public: ok / not ok only (details for the token's bearer); /metrics only behind the
    # token, and not at all here when they have their own port: 404 to whoever asks.
    routes: list[Sequence[BaseRoute]] = [HealthCheck(health, token=token).routes()]
    if token is not None and settings.metrics_port is None:
        routes.append(metrics_routes(services.metrics.render, token=token))
    if receiver is not None:
        routes.append(receiver.routes())
    if backend.login is not None:
        offer = notification_offer(services, callback_codec(settings))
        announcer = LinkHandlers(
            services.links, services.checkin, services.family_checkin, offer=offer
        )

        async def announce(outcome: LoginOutcome) -> None:
            await announcer.announce_login(application.bot, outcome)

        routes.append(login_routes(backend.login, announce))
    if services.mini_app is not None:
        replies = MiniAppReplies(application.bot)
        app_routes = MiniAppRoutes(
            services.mini_app, replies.deliver, tell=replies.tell, codec=callback_codec(settings)
        )
        routes.append(app_routes.routes())
    return routes


async def _register_webhook(settings: Settings, application: Application) -> None:
    """Every instance registers the same URL; Telegram answers "already set" to all but one."""
    url = f"{settings.public_url}{WEBHOOK_PATH}"
    await application.bot.set_webhook(
        url,
        secret_token=webhook_secret(settings),
        allowed_updates=ALLOWED_UPDATES,
        max_connections=settings.webhook_max_connections,
    )
    log.info("webhook registered at %s%s", settings.public_url, WEBHOOK_PATH)


async def housekeeping_once(services: Services) -> None:
    """Purge history past its retention period, and counts and claims nobody needs any more."""
    await services.privacy.purge_expired_history()
    await services.throttle.purge()
    await services.recent_codes.purge()
    await services.redemption.purge()
    await services.send_budget.purge()
    await services.update_claims.purge()
    if services.notifications is not None:
        await services.notifications.purge()


async def keep_house(services: Services, interval: float = HOUSEKEEPING_INTERVAL_SECONDS) -> None:
    """At start and then every ``interval`` seconds; a failure is logged and tried next time.

    Every instance runs it: the deletes are idempotent, so several instances do no harm.
    """
    while True:
        try:
            await housekeeping_once(services)
        except Exception:
            log.exception("housekeeping failed; trying again in %.0f s", interval)
        await asyncio.sleep(interval)
