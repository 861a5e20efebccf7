"""Redeeming an online reward: an offer to confirm, then exactly one redemption for it.

Spending points must never happen twice for one confirmation, whoever asks how often:

1. Before calling UiTPAS, the redemption is **claimed** in the database
   (:class:`storage.redemptions.RedemptionClaimRepository`): one atomic upsert per (Telegram
   user, passholder, reward) that one caller wins, on PostgreSQL across instances as on SQLite.
   A second tap on the confirm button, a second confirmation message made before the
   redemption, or Telegram delivering the update again finds the claim: running (told to
   wait) or redeemed (shown the same code again, from ``GET /rewards/redeemed``). Only a
   confirmation made *after* a redemption (the passholder saw the new total and asked again)
   may redeem once more.
2. ``POST /rewards/redeemed`` is **never retried blindly**. Without an answer (a timeout), the
   redemption is looked for in ``GET /rewards/redeemed`` (same reward, dated since it was
   sent): found, it is told as redeemed; not found, the claim is kept as unknown and every
   later tap looks again first, and only once ``settle_after`` has passed without a trace is
   it released for a new redemption.
3. A claim whose instance died is taken over only after its lease lapsed, and the taker looks
   in the redeemed list (after the dead request's timeout) before redeeming.

Telegram-free: a Mini App redeems through the same service. Every method takes ``member``
(None: the linked card; else a family member's handle, see :mod:`bot.services.passholders`):
with a family, :meth:`RedemptionService.ask` says who can pay for a reward (each member's
own redeem-status), and the claim is per member, since its key is made from the number of
the card whose points are spent. The redemption goes with the passholder's own login (the
parent's, for a member), as publiq grants ``REWARDS_REDEEM``.

The claim keeps no number: its key is an HMAC of the number under a key the deployment
already has (:func:`claim_key`, from the secret that signs buttons), so a database copy alone
cannot be matched against a list of numbers. Claims made before the key existed (a plain
SHA-256) are still found while they live (a day): a confirmation answered before the upgrade
is answered with its own claim after it, never redeemed again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import hmac
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.services.outcomes import NotLinked, UitpasSilent
from bot.services.passholders import Passholders, not_found
from bot.services.trading_outcomes import (
    MemberRedeemStatus,
    MemberTab,
    Redeemed,
    RedeemedPage,
    RedeemNotAvailable,
    RedeemOffer,
    RedeemRefused,
    RedeemRunning,
    RedeemUnknown,
    Whose,
    WhosePoints,
    page_count,
)
from bot.uitpas.api import RewardTrading, UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import Promotion
from bot.uitpas.numbers import mask_uitpas_number
from bot.uitpas.trading import RedeemedAnswer, Redemption
from storage.redemptions import (
    OUTCOME_UNKNOWN,
    REDEEMED,
    EarlierRedemption,
    RedemptionClaimRepository,
    TakenOverRedemption,
)

log = logging.getLogger(__name__)

# A confirm button older than this shows a fresh confirmation instead (points may have moved).
CONFIRM_LIFETIME = timedelta(minutes=10)
# Two instances' clocks may differ: a redemption claimed up to this long before a confirmation
# was made still counts as that confirmation's own (never as an earlier one to redeem again).
CLOCK_MARGIN = timedelta(seconds=10)
DEFAULT_SETTLE_AFTER = timedelta(minutes=2)
# How many redemptions are searched for the one without answer: the newest few suffice.
LOOKUP_LIMIT = 20
REDEEMED_PAGE_SIZE = 5
# A finished claim answers copies of its confirmation; none is answered after its lifetime.
CLAIM_KEPT_FOR = timedelta(days=1)

RedeemOutcome = (
    Redeemed
    | RedeemRefused
    | RedeemRunning
    | RedeemUnknown
    | RedeemNotAvailable
    | RedeemOffer
    | NotLinked
    | UitpasSilent
)
OfferOutcome = RedeemOffer | RedeemRefused | RedeemNotAvailable | NotLinked | UitpasSilent


_CLAIM_KEY_LABEL = b"uitpas-bot redemption claims v1"


def claim_key(secret: str | None, bot_token: str | None) -> bytes:
    """The key of the claims' HMAC: derived from ``CALLBACK_SECRET`` or else the bot token,
    as the buttons' key is (never the secret itself), so every instance agrees on it with no
    new setting. Neither set (a bot that cannot talk to Telegram): a key of this process."""
    source = secret or bot_token
    if not source:
        return os.urandom(32)
    return hmac.new(source.encode(), _CLAIM_KEY_LABEL, hashlib.sha256).digest()


def passholder_key(uitpas_number: str, key: bytes) -> str:
    """What the claim keeps of the number: a keyed HMAC-SHA-256, never the number."""
    return hmac.new(key, uitpas_number.encode(), hashlib.sha256).hexdigest()


def _unkeyed_passholder_key(uitpas_number: str) -> str:
    """The claims' key before :func:`claim_key`: only looked for, while such claims live."""
    return hashlib.sha256(uitpas_number.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


class RedemptionService:
    def __init__(
        self,
        uitpas: UitpasApi,
        trading: RewardTrading | None,
        passholders: Passholders,
        claims: RedemptionClaimRepository,
        *,
        settle_after: timedelta = DEFAULT_SETTLE_AFTER,
        call_deadline: timedelta = timedelta(0),
        clock: Callable[[], datetime] = _now,
        on_redeemed: Callable[[str], None] | None = None,
        claim_key: bytes | None = None,
    ) -> None:
        """``trading`` None: the legacy API, which cannot redeem. ``call_deadline``: how long a
        request can be at UiTPAS (the client's timeout). ``on_redeemed`` hears the number of a
        passholder who spent points (the promotions cache forgets their list). ``claim_key``:
        the claims' HMAC key (:func:`claim_key`); None: one of this process only."""
        self._claim_key = claim_key or os.urandom(32)
        self._uitpas = uitpas
        self._trading = trading
        self._passholders = passholders
        self._claims = claims
        self._settle_after = settle_after
        self._call_deadline = call_deadline
        self._clock = clock
        self._on_redeemed = on_redeemed

    # --- the confirmation ----------------------------------------------------------------

    async def ask(self, telegram_user_id: int, reward_id: str) -> WhosePoints | OfferOutcome:
        """When "redeem" is tapped: with a family, whose points (each member's own
        redeem-status); without one, the confirmation right away."""
        family = await self._passholders.members(telegram_user_id) if self._trading else ()
        if not family:
            return await self.offer(telegram_user_id, reward_id)
        offers = await asyncio.gather(*(self._offer(m, reward_id) for m in family))
        if all(isinstance(o, UitpasSilent | RedeemNotAvailable) for o in offers):
            return offers[0]  # the same for everyone: not online, or UiTPAS silent
        statuses = []
        promotion = None
        for member, offered in zip(family, offers, strict=True):
            tab = MemberTab(member.handle or "", member.first_name, member.main)
            if isinstance(offered, RedeemOffer):
                promotion = promotion or offered.promotion
                statuses.append(MemberRedeemStatus(tab, offered.total_points, None))
            elif isinstance(offered, RedeemRefused):
                statuses.append(MemberRedeemStatus(tab, None, offered))
            # a member UiTPAS did not answer for gets no button and no line
        if promotion is None:
            promotion = await self._promotion_or_none(reward_id)
            if promotion is None:
                return UitpasSilent(maybe_saved=False)
        return WhosePoints(promotion, tuple(statuses))

    async def offer(
        self, telegram_user_id: int, reward_id: str, *, member: str | None = None
    ) -> OfferOutcome:
        """What confirming would cost and leave, if UiTPAS says it can be redeemed now."""
        whose = await self._passholders.card(telegram_user_id, member)
        if whose is None:
            return await not_found(self._passholders, telegram_user_id, member)
        return await self._offer(whose, reward_id)  # own card: no handle, no "whose" said

    async def _offer(self, whose: Whose, reward_id: str) -> OfferOutcome:
        """The offer for one card; ``whose`` with a handle: a member chosen, the replies say
        whose points."""
        if self._trading is None:
            return RedeemNotAvailable(legacy=True)
        number = whose.uitpas_number
        said = whose if whose.handle is not None else None
        try:
            promotion_answer, points_answer = await asyncio.gather(
                self._uitpas.promotion(reward_id, uitpas_number=number),
                self._uitpas.points(number),
            )
        except UitpasUnavailable:
            return UitpasSilent(maybe_saved=False)
        promotion = promotion_answer.promotion
        if not promotion_answer.succeeded or promotion is None:
            return dataclasses.replace(RedeemRefused.of(promotion_answer), whose=said)
        if promotion.redeem_status_forbidden:
            return RedeemRefused("ACCESS_DENIED", required_permission="REWARDS_REDEEM")
        if not promotion.online:
            return RedeemNotAvailable()
        if promotion.cash_in_state != "POSSIBLE":
            return RedeemRefused(
                promotion.cash_in_state or "REFUSED", promotion.cash_in_message, whose=said
            )
        if not points_answer.succeeded or points_answer.points is None:
            return UitpasSilent(maybe_saved=False)
        total, cost = points_answer.points, promotion.points or 0
        return RedeemOffer(
            promotion, total, total - cost, mask_uitpas_number(number), self._clock(), whose=said
        )

    async def _promotion_or_none(self, reward_id: str) -> Promotion | None:
        try:
            answer = await self._uitpas.promotion(reward_id)
        except UitpasUnavailable:
            return None
        return answer.promotion if answer.succeeded else None

    # --- the redemption --------------------------------------------------------------------

    async def redeem(
        self,
        telegram_user_id: int,
        reward_id: str,
        *,
        issued_at: datetime,
        member: str | None = None,
    ) -> RedeemOutcome:
        """Redeem for the confirmation made at ``issued_at``: at most once, however often.

        ``member``: with that family member's points (their claim, their total)."""
        card = await self._passholders.card(telegram_user_id, member)
        if card is None:
            return await not_found(self._passholders, telegram_user_id, member)
        if self._trading is None:
            return RedeemNotAvailable(legacy=True)
        outcome = await self._redeem(
            telegram_user_id, card.uitpas_number, reward_id, issued_at, member
        )
        if member is not None and isinstance(outcome, Redeemed | RedeemRefused):
            return dataclasses.replace(outcome, whose=card)
        return outcome

    async def _redeem(
        self,
        telegram_user_id: int,
        number: str,
        reward_id: str,
        issued_at: datetime,
        member: str | None,
    ) -> RedeemOutcome:
        if self._clock() - issued_at > CONFIRM_LIFETIME:
            fresh = await self.offer(telegram_user_id, reward_id, member=member)
            if isinstance(fresh, RedeemOffer):
                return dataclasses.replace(fresh, expired_before=True)
            return fresh
        key = await self._key(telegram_user_id, number, reward_id)
        for _ in range(2):  # a second round only after an unknown one was found not to be
            claim = await self._claims.claim(
                telegram_user_id, key, reward_id, issued_before=issued_at - CLOCK_MARGIN
            )
            match claim:
                case None:
                    return await self._send(telegram_user_id, number, key, reward_id)
                case TakenOverRedemption(claimed_at=claimed_at):
                    log.info("took over a redemption whose instance died; looking first")
                    await self._outlast(claimed_at)
                    found = await self._look_for(number, reward_id, claimed_at)
                    if isinstance(found, Redemption):
                        return await self._found(telegram_user_id, number, key, found)
                    if found is None:
                        await self._claims.answered(
                            telegram_user_id, key, reward_id, OUTCOME_UNKNOWN
                        )
                        return RedeemUnknown()
                    return await self._send(telegram_user_id, number, key, reward_id)
                case EarlierRedemption(result_code=None):
                    return RedeemRunning()
                case EarlierRedemption(result_code=code, redemption_id=redemption_id) if (
                    code == REDEEMED
                ):
                    return await self._again(number, reward_id, redemption_id)
                case EarlierRedemption(claimed_at=claimed_at):  # unknown: look before anything
                    found = await self._look_for(number, reward_id, claimed_at)
                    if isinstance(found, Redemption):
                        return await self._found(telegram_user_id, number, key, found)
                    if found is None or self._clock() - claimed_at < self._settle_after:
                        return RedeemUnknown()
                    log.info("an unknown redemption left no trace; it may be redeemed now")
                    await self._claims.release(telegram_user_id, key, reward_id)
        return RedeemRunning()  # someone else claimed it in between

    async def _key(self, telegram_user_id: int, number: str, reward_id: str) -> str:
        """The claim's key: the keyed one, unless a claim made before it still lives."""
        unkeyed = _unkeyed_passholder_key(number)
        if await self._claims.exists(telegram_user_id, unkeyed, reward_id):
            return unkeyed
        return passholder_key(number, self._claim_key)

    async def _send(
        self, telegram_user_id: int, number: str, key: str, reward_id: str
    ) -> RedeemOutcome:
        """The one ``POST /rewards/redeemed`` of a claim; its claim settled whatever happens."""
        assert self._trading is not None
        sent_at = self._clock()
        try:
            answer = await self._trading.redeem(
                number, reward_id, telegram_user_id=telegram_user_id
            )
        except UitpasUnavailable as error:
            if not error.sent:
                await self._claims.release(telegram_user_id, key, reward_id)
                return UitpasSilent(maybe_saved=False)
            log.warning("redemption without answer (%s); looking for it", error.reason.value)
            found = await self._look_for(number, reward_id, sent_at)
            if isinstance(found, Redemption):
                return await self._found(telegram_user_id, number, key, found)
            await self._claims.answered(telegram_user_id, key, reward_id, OUTCOME_UNKNOWN)
            return RedeemUnknown()
        except BaseException:
            # Sent or not, nobody knows: never a blind second try; the next tap looks first.
            await self._claims.answered(telegram_user_id, key, reward_id, OUTCOME_UNKNOWN)
            raise
        log.info("redemption answered: %s", answer.code, extra={"answer_code": answer.code})
        if not answer.succeeded:
            await self._claims.release(telegram_user_id, key, reward_id)
            return RedeemRefused.of(answer)
        redemption = answer.redemption or Redemption(reward_id=reward_id)
        await self._claims.answered(
            telegram_user_id, key, reward_id, REDEEMED, redemption_id=redemption.id
        )
        return await self._told(number, redemption)

    async def _found(
        self, telegram_user_id: int, number: str, key: str, redemption: Redemption
    ) -> Redeemed:
        """A redemption without answer that did happen: recorded, and told once as redeemed."""
        reward_id = redemption.reward_id or ""
        await self._claims.answered(
            telegram_user_id, key, reward_id, REDEEMED, redemption_id=redemption.id
        )
        told = await self._told(number, redemption)
        return Redeemed(
            told.redemption, told.title, told.points_spent, told.total_points, recovered=True
        )

    async def _told(self, number: str, redemption: Redemption) -> Redeemed:
        if self._on_redeemed is not None:
            self._on_redeemed(number)
        total = await self._points_or_none(number)
        return Redeemed(redemption, redemption.reward_title, redemption.points, total)

    async def _again(
        self, number: str, reward_id: str, redemption_id: str | None
    ) -> Redeemed | RedeemUnknown:
        """This confirmation was redeemed already: the same redemption again, from the list."""
        answer = await self._redeemed_or_none(number)
        found = None
        if answer is not None:
            found = next((r for r in answer.redemptions if r.id == redemption_id), None)
        total = await self._points_or_none(number)
        if found is None:
            found = Redemption(id=redemption_id, reward_id=reward_id)
        return Redeemed(found, found.reward_title, found.points, total, repeated=True)

    async def _look_for(
        self, number: str, reward_id: str, since: datetime
    ) -> Redemption | bool | None:
        """The redemption of ``reward_id`` sent at ``since``, if the list has it; False when
        the list says it is not there; None when the list could not be read."""
        answer = await self._redeemed_or_none(number)
        if answer is None:
            return None
        return answer.of_reward_since(reward_id, since) or False

    async def _redeemed_or_none(self, number: str) -> RedeemedAnswer | None:
        assert self._trading is not None
        try:
            answer = await self._trading.redeemed(number, limit=LOOKUP_LIMIT)
        except UitpasUnavailable:
            return None
        return answer if answer.succeeded else None

    async def _outlast(self, claimed_at: datetime) -> None:
        """Wait until a dead instance's request can no longer be at UiTPAS."""
        left = claimed_at + self._call_deadline - self._clock()
        if left > timedelta(0):
            await asyncio.sleep(min(left, self._call_deadline).total_seconds())

    async def _points_or_none(self, number: str) -> int | None:
        try:
            answer = await self._uitpas.points(number)
        except UitpasUnavailable:
            return None
        return answer.points if answer.succeeded else None

    async def purge(self) -> int:
        """Claims older than any confirmation that can still be answered (hourly)."""
        return await self._claims.purge_before(self._clock() - CLAIM_KEPT_FOR)

    # --- what was redeemed -----------------------------------------------------------------

    async def redeemed(
        self, telegram_user_id: int, page: int = 0, *, member: str | None = None
    ) -> RedeemedPage | RedeemRefused | RedeemNotAvailable | NotLinked | UitpasSilent:
        """``GET /rewards/redeemed`` for the passholder, a page of :data:`REDEEMED_PAGE_SIZE`."""
        if self._trading is None:
            own = await self._passholders.card(telegram_user_id)
            return RedeemNotAvailable(legacy=True) if own is not None else NotLinked()
        whose, family = await self._passholders.choose(telegram_user_id, member)
        if whose is None:
            return await not_found(self._passholders, telegram_user_id, member)
        number = whose.uitpas_number
        page = max(page, 0)
        try:
            answer = await self._trading.redeemed(
                number, start=page * REDEEMED_PAGE_SIZE, limit=REDEEMED_PAGE_SIZE
            )
        except UitpasUnavailable:
            return UitpasSilent(maybe_saved=False)
        if not answer.succeeded:
            return RedeemRefused.of(answer)
        total = answer.total if answer.total is not None else len(answer.redemptions)
        pages = page_count(total, REDEEMED_PAGE_SIZE)
        masked = mask_uitpas_number(number)
        return RedeemedPage(
            answer.redemptions, min(page, pages - 1), pages, masked, whose=whose, family=family
        )
