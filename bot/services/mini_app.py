"""The Mini App's use cases: who is asking (their ``initData``), and checking in a scanned code.

A code read by Telegram's own scanner goes the way a photo's code goes, minus the photo: the
same flood throttle (one budget for photos and scans, so the app does not double anyone's
rate), the same test of what is a check-in code (another site's URL is refused in the same
words), and :meth:`CheckinService.check_in_found_code` with its repeat rules, history and
every answer code. Telegram-free: the web route gives the text, Telegram gets the reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.services.card import CardService
from bot.services.checkin import CheckinService
from bot.services.checkin_codes import CodeRejection, check_code
from bot.services.family_checkin import ChooserShown, FamilyCheckinService
from bot.services.linking import LinkService
from bot.services.outcomes import CheckinOutcome, CodeNotUsable
from bot.services.promotions import PromotionService
from bot.services.redemption import RedemptionService
from bot.services.throttle import CHECKIN_ACTION, Throttle, Verdict
from bot.services.web_app_auth import InitDataProblem, WebAppUser, verify_init_data

# Opening the app (its session call) has a budget of its own, apart from check-ins.
SESSION_ACTION = "mini_app"
# The card and rewards screens' calls (a swipe, a detail, a redemption): a budget of their own.
SCREENS_ACTION = "mini_app_screens"


@dataclass(frozen=True, slots=True)
class ScanThrottled:
    """Over the check-in limit; ``tell_in_chat`` for the first one over it (said once)."""

    retry_in_seconds: int
    tell_in_chat: bool


ScanOutcome = CheckinOutcome | ScanThrottled
# A scan with a family first asks "who's with you?" in the app (ChooserShown).
AppScanOutcome = ScanOutcome | ChooserShown


@dataclass(frozen=True, slots=True)
class MiniAppSession:
    """What the app shows on opening: whether a card is linked (masked), nothing more."""

    masked_number: str | None


class MiniAppService:
    def __init__(
        self,
        checkin: CheckinService,
        throttle: Throttle,
        links: LinkService,
        *,
        bot_token: str,
        max_age: timedelta,
        family_checkin: FamilyCheckinService | None = None,
        screens: MiniAppScreens | None = None,
    ) -> None:
        """``family_checkin``: a scan with a family shows the chooser first. ``screens``: the
        card and rewards screens' services (None: the app has the scan only)."""
        self._checkin = checkin
        self._throttle = throttle
        self._links = links
        self._bot_token = bot_token
        self._max_age = max_age
        self._family_checkin = family_checkin
        self.screens = screens

    def authenticate(self, init_data: str | None) -> WebAppUser | InitDataProblem:
        """The user Telegram signed ``init_data`` for, or why nobody: the only source of a
        user id for every call of the app's API."""
        return verify_init_data(init_data, self._bot_token, max_age=self._max_age)

    async def session(self, user: WebAppUser) -> MiniAppSession | ScanThrottled:
        decision = await self._throttle.check(user.id, SESSION_ACTION)
        if not decision.allowed:
            return ScanThrottled(decision.retry_in_seconds, tell_in_chat=False)
        return MiniAppSession(await self._links.masked_number(user.id))

    async def allowed(self, user: WebAppUser) -> ScanThrottled | None:
        """A call of the card or rewards screens within the user's budget (None), or not."""
        decision = await self._throttle.check(user.id, SCREENS_ACTION)
        if decision.allowed:
            return None
        return ScanThrottled(decision.retry_in_seconds, tell_in_chat=False)

    async def scan(self, user: WebAppUser, text: str) -> AppScanOutcome:
        """Check in what the scanner read, as if it had been found in a photo: with a family,
        the chooser comes first (its go checks in, as the chat's does)."""
        decision = await self._throttle.check(user.id, CHECKIN_ACTION)
        if not decision.allowed:
            notify = decision.verdict == Verdict.THROTTLED_NOTIFY
            return ScanThrottled(decision.retry_in_seconds, tell_in_chat=notify)
        code = check_code(text)
        if isinstance(code, CodeRejection):
            return CodeNotUsable(code)
        if self._family_checkin is not None:
            chooser = await self._family_checkin.chooser_for_code(user.id, code)
            if chooser is not None:
                return chooser
        return await self._checkin.check_in_found_code(user.id, code)


@dataclass(frozen=True, slots=True)
class MiniAppScreens:
    """The services behind the card and rewards screens and the family chooser: the chat's
    own, so the app shows the same card, lists the same rewards and redeems through the same
    claim (a tap in the app and one in the chat redeem once)."""

    cards: CardService
    promotions: PromotionService
    redemption: RedemptionService
    family_checkin: FamilyCheckinService
    redeems_online: bool  # v4; legacy lists and details rewards only, as the chat does
