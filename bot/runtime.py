"""Start and stop the whole bot: database, UiTPAS backend, web server and polling Application.

``uitpas-bot run``, ``uitpas-bot demo`` and the end-to-end tests all go through
:func:`running_bot`, so what is tested is what operators run. Under ``UITPAS_API=v4`` the bot's
web server (``/oauth/callback``) runs in this same event loop, on ``$PORT``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, Services, build_application, build_services, publish_commands
from bot.backends import Backend, make_backend
from bot.config import Settings
from bot.handlers.linking import LinkHandlers
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


@asynccontextmanager
async def running_bot(settings: Settings, *, poll_timeout: int = 10) -> AsyncIterator[RunningBot]:
    """The bot, migrated and polling, until the block ends; then everything is closed."""
    database = Database(settings.database_url)
    try:
        backend = make_backend(settings, database)
    except BaseException:
        await database.dispose()
        raise
    try:
        await database.migrate()
        services = build_services(
            database,
            backend.uitpas,
            promotions_cache_seconds=settings.promotions_cache_seconds,
            login=backend.login,
        )
        application = build_application(settings, services)
        async with application:
            await publish_commands(application)
            if backend.web is not None and backend.login is not None:
                announcer = LinkHandlers(services.links, services.checkin)

                async def announce(outcome: LoginOutcome) -> None:
                    await announcer.announce_login(application.bot, outcome)

                await backend.web.start(create_web_app(login_routes(backend.login, announce)))
            assert application.updater is not None
            await application.updater.start_polling(
                timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
            )
            await application.start()
            log.info(
                "bot @%s is polling (UiTPAS API: %s)", application.bot.username, settings.uitpas_api
            )
            try:
                yield RunningBot(application, services, database, backend)
            finally:
                await application.updater.stop()
                await application.stop()
    finally:
        if backend.web is not None:
            await backend.web.stop()
        await backend.uitpas.aclose()
        await database.dispose()
