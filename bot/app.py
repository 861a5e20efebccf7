"""Wiring: services from settings, and the python-telegram-bot Application around them.

Everything that talks to the outside world (database, UiTPAS, Telegram) is built here and
handed inward, so tests build the very same Application against the local emulator and
sandbox by changing only settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllPrivateChats,
    MenuButtonDefault,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, TypeHandler
from telegram.request import HTTPXRequest

from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.handlers import (
    announcements,
    checkin,
    errors,
    event_link,
    events,
    fallback,
    family,
    group_privacy,
    linking,
    notifications,
    points,
    privacy,
    promotions,
    rewards,
    start,
)
from bot.handlers.admins import AdminChecker
from bot.i18n import CATALOGUES, DEFAULT_LANGUAGE, Language, t
from bot.observability.metrics import Metrics
from bot.qr.pool import DecodePool
from bot.services.announcements import AnnouncementService
from bot.services.card import CardService
from bot.services.checkin import CheckinService
from bot.services.events import EventSearch, EventsService
from bot.services.family import FamilyService
from bot.services.family_checkin import CHOOSER_LIFETIME, FamilyCheckinService
from bot.services.family_memberships import FamilyMemberships
from bot.services.history import HistoryService
from bot.services.lease_heartbeat import LeaseHeartbeat
from bot.services.linking import LinkService
from bot.services.login import LoginService
from bot.services.mini_app import MiniAppScreens, MiniAppService
from bot.services.notifications.preferences import NotificationPreferences
from bot.services.notifications.quiet import QuietHours
from bot.services.notifications.scheduler import NotificationScheduler
from bot.services.notifications.snapshot import SnapshotReader
from bot.services.passholders import FamilyPassholders
from bot.services.points import PointsService
from bot.services.privacy import PrivacyService
from bot.services.promotion_catalogue import PromotionCatalogue
from bot.services.promotions import PromotionService
from bot.services.reachability import ReachabilityService
from bot.services.redemption import RedemptionService, claim_key
from bot.services.reminders import ReminderService
from bot.services.send_budget import SendBudget
from bot.services.throttle import Throttle
from bot.services.update_claims import UpdateClaims
from bot.telegram.bot import PoisonSafeBot
from bot.telegram.request import TimedHTTPXRequest
from bot.telegram.update_processor import PerUserUpdateProcessor
from bot.uitpas.api import CheckinHistory, RewardTrading, UitpasApi
from bot.uitpas.family import FamilyApi
from bot.views import mini_app as mini_app_views
from bot.views.callback_data import CallbackCodec
from storage.announcements import (
    AnnouncementDraftRepository,
    AnnouncementMemberRepository,
    AnnouncementRepository,
)
from storage.coordination import (
    HandledUpdateRepository,
    Lease,
    LeaseKeeper,
    RecentCheckinCodeRepository,
    SendWindowRepository,
)
from storage.database import Database
from storage.family import (
    FamilyCardRepository,
    FamilyChoiceRepository,
    FamilyDraftRepository,
    FamilyPromptRepository,
    read_cards_ahead,
)
from storage.models import (
    AnnouncementDraft,
    AnnouncementMember,
    CheckinRecord,
    FamilyCard,
    FamilyCheckinPrompt,
    FamilyChoice,
    FamilyDraft,
    InactiveUser,
    PassholderLink,
    PendingCheckin,
    RecentCheckinCode,
    RedemptionClaim,
    ThrottleWindow,
    UitidLoginState,
    UitidToken,
)
from storage.notifications import NotificationRepository, notification_stores
from storage.personal_data import Deleter, PersonalData
from storage.redemptions import RedemptionClaimRepository
from storage.repositories import (
    CheckinRepository,
    LinkRepository,
    LoginReader,
    LoginStateRepository,
    PendingCheckinRepository,
    ThrottleRepository,
    UitidTokenRepository,
    UserStatusRepository,
)

log = logging.getLogger(__name__)

# A code photographed before linking is kept this long: check-in codes are valid for about
# five hours after an event, and a passholder who links a day later should not be surprised.
PENDING_CODE_LIFETIME = timedelta(hours=6)
MENU_COMMANDS = (
    "start",
    "link",
    "points",
    "history",
    "promotions",
    "family",
    "card",
    "notifications",
    "events",
    "unlink",
    "privacy",
    "forget",
    "help",
)
# Group admins' menu; members' menu in groups stays empty: nothing personal there.
ADMIN_MENU_COMMANDS = ("announce", "cancel", "remind", "stats")
# A step-by-step /announce left unanswered this long is forgotten.
DRAFT_LIFETIME = timedelta(hours=1)
# Edited messages are received only to say that edits are not read (a corrected number must be
# sent again), rather than leaving the user waiting for an answer that never comes;
# my_chat_member tells the bot it was added to a group (it then says how to announce).
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
    Update.INLINE_QUERY,  # inline mode: @bot words in any chat (issue 20)
]


@dataclass(frozen=True, slots=True)
class Services:
    links: LinkService
    checkin: CheckinService
    promotions: PromotionService
    points: PointsService
    privacy: PrivacyService
    throttle: Throttle
    reachability: ReachabilityService
    personal_data: PersonalData
    redemption: RedemptionService
    history: HistoryService
    announcements: AnnouncementService
    reminders: ReminderService
    recent_codes: RecentCheckinCodeRepository
    update_claims: UpdateClaims
    lease_heartbeat: LeaseHeartbeat
    send_budget: SendBudget
    # This instance's counters and latencies; the web server serves metrics.render().
    metrics: Metrics
    decode_pool: DecodePool
    events: EventsService
    # The family (issue 16): its members, the "who's with you?" check-in, the card picture.
    family: FamilyService
    family_checkin: FamilyCheckinService
    cards: CardService
    family_memberships: FamilyMemberships  # v4: leaving someone else's family, the icons
    # The Mini App's API (issue 18); None without a bot token to check its initData with.
    mini_app: MiniAppService | None = None
    # Notifications (issue 19): what each passholder chose, and the loop all instances share.
    notification_preferences: NotificationPreferences | None = None
    notifications: NotificationScheduler | None = None


def build_personal_data(database: Database) -> PersonalData:
    """Every store of personal data, for ``/forget`` and ``/privacy``. A feature adding a table
    adds it here, with the column that names the user (what /privacy counts).

    A test compares this with every table that has a ``telegram_user_id`` column.
    """
    personal_data = PersonalData()

    def add(table: str, deleter: Deleter, column: Any) -> None:
        personal_data.register(table, deleter, partial(database.count_matching, column))

    add(
        "pending_checkins",
        PendingCheckinRepository(database, keep_for=PENDING_CODE_LIFETIME).delete_for_user,
        PendingCheckin.telegram_user_id,
    )
    add("checkins", CheckinRepository(database).delete_for_user, CheckinRecord.telegram_user_id)
    add(
        "throttle_windows",
        ThrottleRepository(database).delete_for_user,
        ThrottleWindow.telegram_user_id,
    )
    add(
        "inactive_users",
        UserStatusRepository(database).delete_for_user,
        InactiveUser.telegram_user_id,
    )
    add(
        "passholder_links",
        LinkRepository(database).delete_for_user,
        PassholderLink.telegram_user_id,
    )
    add(
        "announcement_members",
        AnnouncementMemberRepository(database).delete_for_user,
        AnnouncementMember.telegram_user_id,
    )
    add(
        "announcement_drafts",
        AnnouncementDraftRepository(database, keep_for=DRAFT_LIFETIME).delete_for_user,
        AnnouncementDraft.actor_id,
    )
    add(
        "uitid_login_states",
        LoginStateRepository(database).delete_for_user,
        UitidLoginState.telegram_user_id,
    )
    add("uitid_tokens", UitidTokenRepository(database).delete_for_user, UitidToken.telegram_user_id)
    add(
        "recent_checkin_codes",
        recent_checkin_codes(database).delete_for_user,
        RecentCheckinCode.telegram_user_id,
    )
    add(
        "redemptions",
        RedemptionClaimRepository(database, lease=Lease(timedelta(seconds=15))).delete_for_user,
        RedemptionClaim.telegram_user_id,
    )
    for table, deleter, column in family_stores(database):
        add(table, deleter, column)
    for table, deleter, column in notification_stores(database):
        add(table, deleter, column)
    return personal_data


def family_stores(database: Database) -> list[tuple[str, Deleter, Any]]:
    """The family's tables (issue 16): what /forget, /privacy and /unlink cover of it."""
    return [
        (
            "family_cards",
            FamilyCardRepository(database).delete_for_user,
            FamilyCard.telegram_user_id,
        ),
        (
            "family_choices",
            FamilyChoiceRepository(database).delete_for_user,
            FamilyChoice.telegram_user_id,
        ),
        (
            "family_checkin_prompts",
            family_prompts(database).delete_for_user,
            FamilyCheckinPrompt.telegram_user_id,
        ),
        ("family_drafts", family_drafts(database).delete_for_user, FamilyDraft.telegram_user_id),
    ]


def family_prompts(database: Database) -> FamilyPromptRepository:
    return FamilyPromptRepository(database, keep_for=CHOOSER_LIFETIME)


def family_drafts(database: Database) -> FamilyDraftRepository:
    return FamilyDraftRepository(database, keep_for=DRAFT_LIFETIME)


def pending_checkins(database: Database) -> PendingCheckinRepository:
    return PendingCheckinRepository(database, keep_for=PENDING_CODE_LIFETIME)


def recent_checkin_codes(
    database: Database, settings: Settings | None = None, lease: Lease | None = None
) -> RecentCheckinCodeRepository:
    seconds = settings.checkin_repeat_seconds if settings is not None else 300
    return RecentCheckinCodeRepository(
        database,
        repeat_window=timedelta(seconds=seconds),
        lease=lease or Lease(timedelta(seconds=15)),
    )


def build_services(
    database: Database,
    uitpas: UitpasApi,
    settings: Settings | None = None,
    clock: Clock = system_clock,
    *,
    login: LoginService | None = None,
    metrics: Metrics | None = None,
    history: CheckinHistory | None = None,
    search: EventSearch | None = None,
    trading: RewardTrading | None = None,
    family_api: FamilyApi | None = None,
    read_ahead: LoginReader | None = None,
) -> Services:
    """``login`` (v4 only) makes linking a UiTiD login instead of a typed number, and answers
    an expired login with a new login link. ``history`` (v4 only): the passholder's
    transactions, by which a check-in without answer is settled (not by points), and /history.
    ``search``: UiTdatabank's Search API client (None: no client id; /events says the agenda
    does not answer). ``trading`` (v4 only): redeeming online, what was redeemed, coupons.
    ``read_ahead`` (v4 only): told the login read with a photo's count and link.

    ``metrics``: pass the one the UiTPAS client reports to (see ``make_backend``), so one
    registry holds all of this instance's figures; a new one otherwise.
    """
    settings = settings or Settings(_env_file=None)  # type: ignore[call-arg]
    metrics = metrics if metrics is not None else Metrics()
    link_repository = LinkRepository(database)
    checkin_repository = CheckinRepository(database)
    pending_repository = pending_checkins(database)
    personal_data = build_personal_data(database)
    # One lease for all this instance's claims, renewed by one heartbeat (LeaseHeartbeat).
    lease = Lease(timedelta(seconds=settings.update_lease_seconds))
    recent_codes = recent_checkin_codes(database, settings, lease)
    # QR decoding is CPU work: in a pool of threads sized to the cores, off the event loop.
    decode_pool = DecodePool(settings.decode_workers)
    catalogue = PromotionCatalogue(uitpas, ttl_seconds=settings.promotions_cache_seconds)
    checkin_service = CheckinService(
        uitpas,
        metrics.counting_decoder(decode_pool.decode),
        link_repository,
        checkin_repository,
        pending_repository,
        settle_after=timedelta(seconds=settings.unknown_outcome_settle_seconds),
        links_by_login=login is not None,
        recent_codes=recent_codes if settings.checkin_repeat_seconds else None,
        on_answer=metrics.checkin_answered,
        call_deadline=timedelta(seconds=settings.uitpas_timeout_seconds),
        history=history,
        login=login,
        refine_spotlight=catalogue.refine_spotlight,
    )
    send_budget = SendBudget(
        SendWindowRepository(database), per_second=settings.bulk_sends_per_second
    )
    announcement_repository = AnnouncementRepository(database)
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
    checkin_service.count_for_announcements(announcement_service)
    checkin_service.find_windows_with(announcement_service.checkin_window)
    family_service = FamilyService(
        uitpas, link_repository, FamilyCardRepository(database), family_drafts(database), family_api
    )
    family_checkin = FamilyCheckinService(
        checkin_service,
        family_service,
        uitpas,
        link_repository,
        FamilyChoiceRepository(database),
        family_prompts(database),
        family_api=family_api,
        recent_codes=recent_codes if settings.checkin_repeat_seconds else None,
        on_answer=metrics.checkin_answered,
    )
    # A deep link's code asks "who's with you?" too, as a photo does (issue 16).
    announcement_service.check_in_codes_with(family_checkin.code)
    # /unlink forgets the family's rows too (the family itself stays at UiTPAS under v4).
    forget_family = [deleter for _, deleter, _ in family_stores(database)]
    # ... and the notifications' subscriptions and memory of what was told (issue 19).
    forget_family += [deleter for _, deleter, _ in notification_stores(database)]
    links = LinkService(
        link_repository,
        checkin_repository,
        pending_repository,
        login,
        forget_family,
        uitpas=uitpas,
    )
    throttle_repository = ThrottleRepository(
        database,
        read_ahead=read_ahead,
        cards_ahead=read_cards_ahead if family_api is None else None,  # legacy's own cards
    )
    throttle = Throttle(
        throttle_repository,
        limit=settings.checkin_limit,
        window=timedelta(seconds=settings.checkin_window_seconds),
    )
    # Trading per family member (issue 17): a member's handle in a button names their card.
    passholders = FamilyPassholders(link_repository, family_service)
    redemption_claims = RedemptionClaimRepository(database, lease=lease)
    redemption = RedemptionService(
        uitpas,
        trading,
        passholders,
        redemption_claims,
        settle_after=timedelta(seconds=settings.unknown_outcome_settle_seconds),
        call_deadline=timedelta(seconds=settings.uitpas_timeout_seconds),
        on_redeemed=catalogue.forget,
        claim_key=claim_key(
            settings.callback_secret.get_secret_value() if settings.callback_secret else None,
            settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None,
        ),
    )
    preferences, scheduler = build_notifications(
        database,
        uitpas,
        catalogue,
        trading,
        settings,
        clock,
        link_repository,
        family_service,
        sends=send_budget,
    )
    cards = CardService(family_service, link_repository)
    promotions = PromotionService(uitpas, link_repository, catalogue, trading)
    mini_app = None
    if settings.telegram_bot_token is not None:
        mini_app = MiniAppService(
            checkin_service,
            throttle,
            links,
            bot_token=settings.telegram_bot_token.get_secret_value(),
            max_age=timedelta(seconds=settings.mini_app_max_age_seconds),
            family_checkin=family_checkin,
            screens=MiniAppScreens(
                cards, promotions, redemption, family_checkin, redeems_online=trading is not None
            ),
        )
    return Services(
        notification_preferences=preferences,
        notifications=scheduler,
        family=family_service,
        family_checkin=family_checkin,
        cards=cards,
        family_memberships=FamilyMemberships(family_service, link_repository, family_api),
        links=links,
        checkin=checkin_service,
        promotions=promotions,
        points=PointsService(uitpas, link_repository, checkin_repository, trading),
        privacy=PrivacyService(
            personal_data,
            link_repository,
            checkin_repository,
            retention=timedelta(days=settings.checkin_retention_days),
        ),
        throttle=throttle,
        reachability=ReachabilityService(UserStatusRepository(database)),
        personal_data=personal_data,
        redemption=redemption,
        history=HistoryService(passholders, checkin_repository, history),
        announcements=announcement_service,
        reminders=ReminderService(
            announcement_repository,
            clock,
            interval=settings.reminder_interval_seconds,
            budget=send_budget,
            drafts=AnnouncementDraftRepository(database, keep_for=DRAFT_LIFETIME),
        ),
        recent_codes=recent_codes,
        # A private photo is counted with its update's claim (webhook mode, PostgreSQL).
        update_claims=UpdateClaims(
            HandledUpdateRepository(database, lease=lease, photos=throttle_repository),
            throttle=throttle,
        ),
        lease_heartbeat=LeaseHeartbeat(LeaseKeeper(database, lease)),
        send_budget=send_budget,
        metrics=metrics,
        decode_pool=decode_pool,
        events=EventsService(
            search,
            uitpas,
            link_repository,
            clock=clock,
            time_zone=settings.time_zone,
            knows_kansentarief=login is not None,  # v4's passes name it; legacy's do not
        ),
        mini_app=mini_app,
    )


def build_notifications(
    database: Database,
    uitpas: UitpasApi,
    catalogue: PromotionCatalogue,
    trading: RewardTrading | None,
    settings: Settings,
    clock: Clock,
    links: LinkRepository,
    family: FamilyService | None = None,
    *,
    sends: SendBudget | None = None,
) -> tuple[NotificationPreferences, NotificationScheduler]:
    """The notifications (issue 19): preferences for the handlers, the scheduler for the loop.

    Looks at passholders are limited across instances by a second purpose of the send budget's
    table (``uitpas-poll``, UITPAS_POLLS_PER_SECOND)."""
    repository = NotificationRepository(database)
    reader = SnapshotReader(uitpas, catalogue, trading, family)
    polls = SendBudget(
        SendWindowRepository(database),
        per_second=settings.uitpas_polls_per_second,
        purpose="uitpas-poll",
    )
    scheduler = NotificationScheduler(
        repository,
        links,
        UserStatusRepository(database),
        reader,
        clock,
        interval=settings.notify_interval_seconds,
        quiet=QuietHours.parse(settings.quiet_hours, ZoneInfo(settings.time_zone)),
        polls=polls,
        sends=sends,
        side_by_side=8 if database.engine.dialect.name == "postgresql" else 1,
    )
    return NotificationPreferences(repository, links, reader.kinds, clock), scheduler


def build_application(
    settings: Settings, services: Services, *, mini_app_url: str | None = None
) -> Application:
    """``mini_app_url``: the Mini App's address when the bot's web server serves it; /start
    and /help then offer its scanner."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    api = settings.telegram_api_url
    token = settings.telegram_bot_token.get_secret_value()
    codec = callback_codec(settings)
    bot = PoisonSafeBot(
        token,
        base_url=f"{api}/bot",
        base_file_url=f"{api}/file/bot",
        # What ApplicationBuilder would build: a pool wide enough for concurrent updates, and
        # a separate single connection for long polling.
        request=TimedHTTPXRequest(
            services.metrics, file_url_prefix=f"{api}/file/bot", connection_pool_size=256
        ),
        get_updates_request=HTTPXRequest(connection_pool_size=1, read_timeout=15),
        rate_limiter=AIORateLimiter(
            overall_max_rate=settings.telegram_messages_per_second, max_retries=3
        ),
    )
    processor = PerUserUpdateProcessor(
        metrics=services.metrics, commands=(*MENU_COMMANDS, *ADMIN_MENU_COMMANDS)
    )
    application = ApplicationBuilder().bot(bot).concurrent_updates(processor).build()
    admins = AdminChecker()
    points_handlers = points.PointsHandlers(
        services.points, codec, ZoneInfo(settings.time_zone), services.family
    )
    announcement_handlers = announcements.AnnouncementHandlers(
        services.announcements, services.checkin, admins
    )
    for group in (
        fallback.edit_handlers(),
        # Before /start too: /start ev_<id> opens an event, or announces it in a group.
        events.EventHandlers(
            services.events, services.announcements, announcement_handlers, codec, admins
        ).handlers(),
        # Before /start: a /start with a deep-link payload must win over the plain one.
        event_link.EventLinkHandlers(services.announcements).handlers(),
        announcement_handlers.handlers(),
        # Before /start and /link: /start card, and answers to the family's questions.
        family.FamilyHandlers(
            services.family, services.family_checkin, services.cards, services.family_memberships
        ).handlers(),
        start.StartHandlers(services.links, mini_app_url).handlers(),
        linking.LinkHandlers(
            services.links,
            services.checkin,
            services.family_checkin,
            offer=notification_offer(services, codec),
        ).handlers(),
        checkin.CheckinHandlers(
            services.checkin, services.throttle, services.family_checkin
        ).handlers(),
        points_handlers.handlers(),
        promotions.PromotionHandlers(
            services.promotions, codec, wishes=notification_handlers(services, codec)
        ).handlers(),
        *_notification_handler_list(services, codec),
        rewards.RewardHandlers(services.redemption, services.history, codec).handlers(),
        privacy.PrivacyHandlers(services.privacy).handlers(),
        # /points sent in a group is answered in the private chat (or with a pointer to it).
        group_privacy.GroupPrivacyHandlers(
            services.checkin, admins, {"points": points_handlers.private_answer}
        ).handlers(),
        fallback.handlers(services.links),
    ):
        application.add_handlers(group)
    # Before every other handler: a user who writes is reachable again (they unblocked us).
    application.add_handler(
        TypeHandler(Update, errors.ActivityTracker(services.reachability).seen), group=-1
    )
    application.add_error_handler(errors.ErrorHandler(services.reachability).on_error)
    return application


def notification_handlers(
    services: Services, codec: CallbackCodec
) -> notifications.NotificationHandlers | None:
    if services.notification_preferences is None:
        return None
    return notifications.NotificationHandlers(services.notification_preferences, codec)


def _notification_handler_list(services: Services, codec: CallbackCodec) -> list[Any]:
    handlers = notification_handlers(services, codec)
    return [handlers.handlers()] if handlers is not None else []


def notification_offer(services: Services, codec: CallbackCodec) -> Any:
    """The notifications' one-tap offer under a link's confirmation (LinkHandlers' offer)."""
    handlers = notification_handlers(services, codec)
    return handlers.offer_keyboard if handlers is not None else None


def callback_codec(settings: Settings) -> CallbackCodec:
    """The key button data is signed with (the same for every instance): the chat's buttons,
    the notifications' and the Mini App's confirmation of a redemption, so a confirmation made
    in the app is the same confirmation as one in the chat."""
    assert settings.telegram_bot_token is not None
    secret = settings.callback_secret.get_secret_value() if settings.callback_secret else None
    return CallbackCodec.from_settings(secret, settings.telegram_bot_token.get_secret_value())


async def publish_commands(application: Application) -> None:
    """The command menus in every catalogue's language, Dutch also for every other language.

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
            if language == DEFAULT_LANGUAGE:
                await application.bot.set_my_commands(commands, scope=scope)
    await application.bot.delete_my_commands()


async def publish_menu_button(application: Application, mini_app_url: str | None) -> None:
    """The private chats' menu button opens the Mini App (Telegram's default one, so every
    private chat gets it); without a Mini App, back to the commands list, so a button left
    from an earlier run never points at an app that is not served any more."""
    if mini_app_url is None:
        await application.bot.set_chat_menu_button(menu_button=MenuButtonDefault())
        return
    button = mini_app_views.menu_button(mini_app_url, DEFAULT_LANGUAGE)
    try:
        await application.bot.set_chat_menu_button(menu_button=button)
    except BadRequest as error:  # an http PUBLIC_URL on real Telegram: start all the same
        log.warning(
            "Telegram refused the Mini App as menu button (%s); PUBLIC_URL must be https",
            error.message,
        )


def _command(language: Language, name: str) -> BotCommand:
    return BotCommand(name, t(language, f"command_{name}"))
