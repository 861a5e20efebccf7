"""Checking in: from a photo (or a remembered code) to UiTPAS's answer, recorded in history."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.qr import ImageUnreadable
from bot.services.checkin_codes import CodeRejection, pick_checkin_code
from bot.services.outcomes import (
    AwaitingLink,
    CheckinAnswered,
    CheckinOutcome,
    CodeNotUsable,
    ImageProblem,
    PhotoNotUsable,
    UitpasSilent,
)
from bot.uitpas.api import UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import CheckinAnswer
from bot.uitpas.numbers import mask_uitpas_number
from storage.models import CheckinRecord
from storage.repositories import CheckinRepository, LinkRepository, PendingCheckinRepository

log = logging.getLogger(__name__)

OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN"

Decoder = Callable[[bytes], Awaitable[list[str]]]


class CheckinService:
    def __init__(
        self,
        uitpas: UitpasApi,
        decode: Decoder,
        links: LinkRepository,
        checkins: CheckinRepository,
        pending: PendingCheckinRepository,
        *,
        links_by_login: bool = False,
    ) -> None:
        self._uitpas = uitpas
        self._decode = decode
        self._links = links
        self._checkins = checkins
        self._pending = pending
        self._links_by_login = links_by_login

    async def check_in_photo(self, telegram_user_id: int, image: bytes) -> CheckinOutcome:
        try:
            texts = await self._decode(image)
        except ImageUnreadable:
            return PhotoNotUsable(ImageProblem.UNREADABLE)
        log.info("photo decoded", extra={"qr_codes": len(texts)})
        if not texts:
            return PhotoNotUsable(ImageProblem.NO_QR_CODE)
        code = pick_checkin_code(texts)
        if isinstance(code, CodeRejection):
            return CodeNotUsable(code)
        link = await self._links.get(telegram_user_id)
        if link is None:
            await self._pending.remember(telegram_user_id, code)
            return AwaitingLink(by_login=self._links_by_login)
        return await self.check_in_code(
            telegram_user_id, link.uitpas_number, code, codes_in_photo=len(texts)
        )

    async def check_in_code(
        self, telegram_user_id: int, uitpas_number: str, code: str, *, codes_in_photo: int = 1
    ) -> CheckinOutcome:
        try:
            answer = await self._uitpas.checkin(
                uitpas_number, code, telegram_user_id=telegram_user_id
            )
        except UitpasUnavailable as error:
            log.warning("check-in without answer: %s", error.reason.value)
            if error.sent:
                await self._checkins.add(
                    CheckinRecord(telegram_user_id=telegram_user_id, result_code=OUTCOME_UNKNOWN)
                )
            return UitpasSilent(maybe_saved=error.sent)
        if answer.refuses_the_bot:
            log.error(
                "UiTPAS refused the bot itself (code %s, HTTP %s): check UITPAS_CONSUMER_KEY, "
                "UITPAS_CONSUMER_SECRET and the consumer's permissions (legacy), or "
                "UITPAS_CLIENT_ID, UITPAS_CLIENT_SECRET and the client's permissions (v4)",
                answer.code,
                answer.http_status,
            )
        log.info("check-in answered", extra={"answer_code": answer.code})
        await self._checkins.add(_record(telegram_user_id, answer))
        return CheckinAnswered(answer, mask_uitpas_number(uitpas_number), codes_in_photo)


def _record(telegram_user_id: int, answer: CheckinAnswer) -> CheckinRecord:
    event = answer.event
    return CheckinRecord(
        telegram_user_id=telegram_user_id,
        result_code=answer.code[:64],
        event_id=event.id if event else None,
        event_title=event.title if event else None,
        organiser_name=event.organiser.name if event and event.organiser else None,
        points_saved=answer.saved_points if answer.succeeded else None,
        total_points=answer.points,
    )
