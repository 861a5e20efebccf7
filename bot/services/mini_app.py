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

from bot.services.checkin import CheckinService
from bot.services.checkin_codes import CodeRejection, check_code
from bot.services.linking import LinkService
from bot.services.outcomes import CheckinOutcome, CodeNotUsable
from bot.services.throttle import CHECKIN_ACTION, Throttle, Verdict
from bot.services.web_app_auth import InitDataProblem, WebAppUser, verify_init_data

# Opening the app (its session call) has a budget of its own, apart from check-ins.
SESSION_ACTION = "mini_app"


@dataclass(frozen=True, slots=True)
class ScanThrottled:
    """Over the check-in limit; ``tell_in_chat`` for the first one over it (said once)."""

    retry_in_seconds: int
    tell_in_chat: bool


ScanOutcome = CheckinOutcome | ScanThrottled


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
    ) -> None:
        self._checkin = checkin
        self._throttle = throttle
        self._links = links
        self._bot_token = bot_token
        self._max_age = max_age

    def authenticate(self, init_data: str | None) -> WebAppUser | InitDataProblem:
        """The user Telegram signed ``init_data`` for, or why nobody: the only source of a
        user id for every call of the app's API."""
        return verify_init_data(init_data, self._bot_token, max_age=self._max_age)

    async def session(self, user: WebAppUser) -> MiniAppSession | ScanThrottled:
        decision = await self._throttle.check(user.id, SESSION_ACTION)
        if not decision.allowed:
            return ScanThrottled(decision.retry_in_seconds, tell_in_chat=False)
        return MiniAppSession(await self._links.masked_number(user.id))

    async def scan(self, user: WebAppUser, text: str) -> ScanOutcome:
        """Check in what the scanner read, as if it had been found in a photo."""
        decision = await self._throttle.check(user.id, CHECKIN_ACTION)
        if not decision.allowed:
            notify = decision.verdict == Verdict.THROTTLED_NOTIFY
            return ScanThrottled(decision.retry_in_seconds, tell_in_chat=notify)
        code = check_code(text)
        if isinstance(code, CodeRejection):
            return CodeNotUsable(code)
        return await self._checkin.check_in_found_code(user.id, code)
