"""Start and stop the whole bot: database, UiTPAS client, and the polling Application.

``uitpas-bot run``, ``uitpas-bot demo`` and the end-to-end tests all go through
:func:`running_bot`, so what is tested is what operators run.
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
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.handlers.reminder_sender import reminder_sender
from bot.uitpas.client import UitpasClient
from storage.database import Database

log = logging.getLogger(__name__)

HOUSEKEEPING_INTERVAL_SECONDS = 3600.0


@dataclass(frozen=True, slots=True)
class UitpasCredentials:
    url: str
    consumer_key: str
    consumer_secret: str


@dataclass(frozen=True, slots=True)
class RunningBot:
    application: Application
    services: Services
    database: Database


def uitpas_credentials(settings: Settings) -> UitpasCredentials:
    """The configured UiTPAS, or a ValueError naming what is missing."""
    if not settings.uitpas_api_url:
        raise ValueError("UITPAS_API_URL is not set")
    if not settings.uitpas_consumer_key or settings.uitpas_consumer_secret is None:
        raise ValueError(
            "UITPAS_CONSUMER_KEY and UITPAS_CONSUMER_SECRET must be set with UITPAS_API_URL"
        )
    return UitpasCredentials(
        settings.uitpas_api_url,
        settings.uitpas_consumer_key,
        settings.uitpas_consumer_secret.get_secret_value(),
    )


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
    credentials = uitpas_credentials(settings)
    database = Database(settings.database_url)
    uitpas = UitpasClient(
        credentials.url,
        credentials.consumer_key,
        credentials.consumer_secret,
        timeout=settings.uitpas_timeout_seconds,
    )
    try:
        await database.migrate()
        services = build_services(database, uitpas, settings, clock)
        application = build_application(settings, services)
        async with application:
            await publish_commands(application)
            assert application.updater is not None
            if polling:
                await application.updater.start_polling(
                    timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
                )
            await application.start()
            if reminders:
                services.reminders.start(reminder_sender(application.bot))
            log.info("bot @%s is %s", application.bot.username, "polling" if polling else "up")
            housekeeping = asyncio.create_task(keep_house(services), name="housekeeping")
            try:
                yield RunningBot(application, services, database)
            finally:
                housekeeping.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await housekeeping
                await services.reminders.stop()
                if polling:
                    await application.updater.stop()
                await application.stop()
    finally:
        await uitpas.aclose()
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
