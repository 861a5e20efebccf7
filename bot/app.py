"""Wiring: services from settings, and the python-telegram-bot Application around them.

Everything that talks to the outside world (database, UiTPAS, Telegram) is built here and
handed inward, so tests build the very same Application against the local emulator and
sandbox by changing only settings.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.callback_data import CallbackCodec
from bot.config import Settings
from bot.handlers import checkin, errors, fallback, linking, points, promotions, start
from bot.i18n import CATALOGUES, Language, t
from bot.qr import decode_qr
from bot.services.checkin import CheckinService
from bot.services.linking import LinkService
from bot.services.login import LoginService
from bot.services.points import PointsService
from bot.services.promotion_catalogue import PromotionCatalogue
from bot.services.promotions import PromotionService
from bot.uitpas.api import UitpasApi
from bot.update_processor import PerUserUpdateProcessor
from storage.database import Database
from storage.repositories import CheckinRepository, LinkRepository, PendingCheckinRepository

log = logging.getLogger(__name__)

# A code photographed before linking is kept this long: check-in codes are valid for about
# five hours after an event, and a passholder who links a day later should not be surprised.
PENDING_CODE_LIFETIME = timedelta(hours=6)
MENU_COMMANDS = ("start", "link", "points", "promotions", "unlink", "help")
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


@dataclass(frozen=True, slots=True)
class Services:
    links: LinkService
    checkin: CheckinService
    promotions: PromotionService
    points: PointsService


async def decode_off_loop(image: bytes) -> list[str]:
    """QR decoding is CPU work: run it in a worker thread so the event loop keeps serving."""
    return await asyncio.to_thread(decode_qr, image)


def pending_checkins(database: Database) -> PendingCheckinRepository:
    return PendingCheckinRepository(database, keep_for=PENDING_CODE_LIFETIME)


def build_services(
    database: Database,
    uitpas: UitpasApi,
    *,
    promotions_cache_seconds: float = 300.0,
    login: LoginService | None = None,
) -> Services:
    """``login`` (v4 only) makes linking a UiTiD login instead of a typed number."""
    link_repository = LinkRepository(database)
    checkin_repository = CheckinRepository(database)
    pending_repository = pending_checkins(database)
    return Services(
        links=LinkService(link_repository, checkin_repository, pending_repository, login),
        checkin=CheckinService(
            uitpas,
            decode_off_loop,
            link_repository,
            checkin_repository,
            pending_repository,
            links_by_login=login is not None,
        ),
        promotions=PromotionService(
            uitpas,
            link_repository,
            PromotionCatalogue(uitpas, ttl_seconds=promotions_cache_seconds),
        ),
        points=PointsService(uitpas, link_repository, checkin_repository),
    )


def build_application(settings: Settings, services: Services) -> Application:
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    api = settings.telegram_api_url
    token = settings.telegram_bot_token.get_secret_value()
    secret = settings.callback_secret.get_secret_value() if settings.callback_secret else None
    codec = CallbackCodec.from_settings(secret, token)
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(PerUserUpdateProcessor())
        .get_updates_read_timeout(15)
        .build()
    )
    for group in (
        start.StartHandlers(services.links).handlers(),
        linking.LinkHandlers(services.links, services.checkin).handlers(),
        checkin.CheckinHandlers(services.checkin).handlers(),
        points.PointsHandlers(services.points, codec).handlers(),
        promotions.PromotionHandlers(services.promotions, codec).handlers(),
        fallback.handlers(),
    ):
        application.add_handlers(group)
    application.add_error_handler(errors.on_error)
    return application


async def publish_commands(application: Application) -> None:
    """The command menu in Dutch (also the default for every other language) and English."""
    for language in CATALOGUES:
        commands = [_command(language, name) for name in MENU_COMMANDS]
        await application.bot.set_my_commands(commands, language_code=language)
        if language == "nl":
            await application.bot.set_my_commands(commands)


def _command(language: Language, name: str) -> BotCommand:
    return BotCommand(name, t(language, f"command_{name}"))
