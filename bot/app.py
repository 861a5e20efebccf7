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

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.handlers import (
    announcements,
    checkin,
    errors,
    event_link,
    fallback,
    group_privacy,
    linking,
    promotions,
    start,
)
from bot.handlers.admins import AdminChecker
from bot.i18n import CATALOGUES, Language, t
from bot.qr import decode_qr
from bot.services.announcements import AnnouncementService
from bot.services.checkin import CheckinService
from bot.services.linking import LinkService
from bot.services.promotions import PromotionService
from bot.services.reminders import ReminderService
from bot.uitpas.api import UitpasApi
from bot.update_processor import PerUserUpdateProcessor
from storage.announcements import (
    AnnouncementDraftRepository,
    AnnouncementMemberRepository,
    AnnouncementRepository,
)
from storage.database import Database
from storage.repositories import CheckinRepository, LinkRepository, PendingCheckinRepository

log = logging.getLogger(__name__)

# A code photographed before linking is kept this long: check-in codes are valid for about
# five hours after an event, and a passholder who links a day later should not be surprised.
PENDING_CODE_LIFETIME = timedelta(hours=6)
# A step-by-step /announce left unanswered this long is forgotten.
DRAFT_LIFETIME = timedelta(hours=1)
MENU_COMMANDS = ("start", "link", "unlink", "help")
# Group admins' menu; members' menu in groups stays empty: nothing personal there.
ADMIN_MENU_COMMANDS = ("announce", "cancel", "remind", "stats")
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


@dataclass(frozen=True, slots=True)
class Services:
    links: LinkService
    checkin: CheckinService
    promotions: PromotionService
    announcements: AnnouncementService
    reminders: ReminderService


async def decode_off_loop(image: bytes) -> list[str]:
    """QR decoding is CPU work: run it in a worker thread so the event loop keeps serving."""
    return await asyncio.to_thread(decode_qr, image)


def build_services(
    database: Database, uitpas: UitpasApi, settings: Settings, clock: Clock = system_clock
) -> Services:
    link_repository = LinkRepository(database)
    checkin_repository = CheckinRepository(database)
    pending_repository = PendingCheckinRepository(database, keep_for=PENDING_CODE_LIFETIME)
    announcement_repository = AnnouncementRepository(database)
    checkin_service = CheckinService(
        uitpas, decode_off_loop, link_repository, checkin_repository, pending_repository
    )
    announcement_service = AnnouncementService(
        announcement_repository,
        AnnouncementMemberRepository(database),
        AnnouncementDraftRepository(database, keep_for=DRAFT_LIFETIME),
        link_repository,
        pending_repository,
        checkin_service,
        clock=clock,
        time_zone=settings.time_zone,
        remind_before=timedelta(minutes=settings.reminder_minutes_before),
    )
    checkin_service.add_listener(announcement_service.checked_in)
    return Services(
        links=LinkService(link_repository, checkin_repository, pending_repository),
        checkin=checkin_service,
        promotions=PromotionService(uitpas, link_repository),
        announcements=announcement_service,
        reminders=ReminderService(
            announcement_repository, clock, interval=settings.reminder_interval_seconds
        ),
    )


def build_application(settings: Settings, services: Services) -> Application:
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    api = settings.telegram_api_url
    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(PerUserUpdateProcessor())
        .get_updates_read_timeout(15)
        .build()
    )
    admins = AdminChecker()
    for group in (
        # First: its /start with a deep-link payload must win over the plain /start.
        event_link.EventLinkHandlers(services.announcements).handlers(),
        announcements.AnnouncementHandlers(
            services.announcements, services.checkin, admins
        ).handlers(),
        start.StartHandlers(services.links).handlers(),
        linking.LinkHandlers(services.links, services.checkin).handlers(),
        checkin.CheckinHandlers(services.checkin).handlers(),
        promotions.PromotionHandlers(services.promotions).handlers(),
        # Personal commands answered privately when sent in a group: add "points" here.
        group_privacy.GroupPrivacyHandlers(services.checkin, admins, {}).handlers(),
        fallback.handlers(),
    ):
        application.add_handlers(group)
    application.add_error_handler(errors.on_error)
    return application


async def publish_commands(application: Application) -> None:
    """The command menus in Dutch (also for every other language) and English.

    Personal commands only in private chats; in groups, admins get the announcement commands
    and members no menu at all. (The default scope stays empty: Telegram falls back to it in
    groups, where /link would invite people to post their card number.)
    """
    menus = (
        (BotCommandScopeAllPrivateChats(), MENU_COMMANDS),
        (BotCommandScopeAllChatAdministrators(), ADMIN_MENU_COMMANDS),
    )
    for scope, names in menus:
        for language in CATALOGUES:
            commands = [_command(language, name) for name in names]
            await application.bot.set_my_commands(commands, scope=scope, language_code=language)
            if language == "nl":
                await application.bot.set_my_commands(commands, scope=scope)
    await application.bot.delete_my_commands()


def _command(language: Language, name: str) -> BotCommand:
    return BotCommand(name, t(language, f"command_{name}"))
