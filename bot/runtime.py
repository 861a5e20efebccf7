"""Start and stop the whole bot: database, UiTPAS backend, web server and polling Application.

``uitpas-bot run``, ``uitpas-bot demo`` and the end-to-end tests all go through
:func:`running_bot`, so what is tested is what operators run. Under ``UITPAS_API=v4`` the bot's
web server (``/oauth/callback``) runs in this same event loop, on ``$PORT``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, Services, build_application, build_services, publish_commands
from bot.backends import Backend, make_backend
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.handlers.linking import LinkHandlers
from bot.handlers.reminder_sender import reminder_sender
from bot.services.login import LoginOutcome
from bot.web import create_web_app
from bot.web_login import login_routes
from storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunningBot:
    application: Application
    services: Services
    database: Database
    backend: Backend

    @property
    def web_url(self) -> str | None:
        """The bot's web server on loopback (tests and the demo), when it runs one."""
        web = self.backend.web
        return f"http://127.0.0.1:{web.port}" if web is not None else None


log = logging.getLogger(__name__)

HOUSEKEEPING_INTERVAL_SECONDS = 3600.0


@asynccontextmanager
async def running_bot(
    settings: Settings,
    *,
    poll_timeout: int = 10,
    clock: Clock = system_clock,
    polling: bool = True,
    reminders: bool = True,
) -> AsyncIterator[RunningBot]:
    """The bot, migrated and polling, until the block ends; then everything is closed.

    ``polling=False`` runs an instance that only sends reminders (Telegram allows one
    getUpdates consumer per bot); ``reminders=False`` one that only answers updates.
    """
    database = Database(settings.database_url)
    try:
        backend = make_backend(settings, database)
    except BaseException:
        await database.dispose()
        raise
    try:
        await database.migrate()
        services = build_services(database, backend.uitpas, settings, clock, login=backend.login)
        application = build_application(settings, services)
        async with application:
            await publish_commands(application)
            if backend.web is not None and backend.login is not None:
                announcer = LinkHandlers(services.links, services.checkin)

                async def announce(outcome: LoginOutcome) -> None:
                    await announcer.announce_login(application.bot, outcome)

                await backend.web.start(create_web_app(login_routes(backend.login, announce)))
            assert application.updater is not None
            if polling:
                await application.updater.start_polling(
                    timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
                )
            await application.start()
            if reminders:
                services.reminders.start(reminder_sender(application.bot))
            log.info(
                "bot @%s is %s (UiTPAS API: %s)",
                application.bot.username,
                "polling" if polling else "up",
                settings.uitpas_api,
            )
            housekeeping = asyncio.create_task(keep_house(services), name="housekeeping")
            try:
                yield RunningBot(application, services, database, backend)
            finally:
                housekeeping.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await housekeeping
                await services.reminders.stop()
                if polling:
                    await application.updater.stop()
                await application.stop()
                services.decode_pool.close()
    finally:
        if backend.web is not None:
            await backend.web.stop()
        await backend.uitpas.aclose()
        await database.dispose()


async def housekeeping_once(services: Services) -> None:
    """Purge history past its retention period and throttle counts nobody needs any more."""
    await services.privacy.purge_expired_history()
    await services.throttle.purge()


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
