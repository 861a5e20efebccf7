"""An async client for the legacy UiTPAS API: signed requests out, typed answers in.

Answer codes (``CHECKIN_CODE_EXPIRED``, ``ACCESS_DENIED``, ...) are ordinary answers, whatever
the HTTP status they come with: UiTPAS sends most of them as HTTP 400, and the code, not the
status, says what happened. :class:`~bot.uitpas.errors.UitpasUnavailable` is raised only when
there is no answer to read at all, with ``sent`` telling whether UiTPAS may have acted on the
request, because a check-in that timed out after it left may still have saved a point.

Nothing here logs a UiTPAS number or a check-in code: they are personal data, and they sit in
URLs and bodies, so logs name the operation instead of the URL.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Self, TypeVar
from urllib.parse import quote, urlencode

import httpx

from bot.http_transport import ShardedTransport
from bot.uitpas import parsing
from bot.uitpas.errors import UitpasUnavailable, UnavailableReason
from bot.uitpas.models import (
    CONSUMER_REFUSAL_STATUSES,
    AnswerCode,
    CheckinAnswer,
    PointsAnswer,
    PromotionAnswer,
    PromotionsAnswer,
)
from bot.uitpas.signing import FORM_CONTENT_TYPE, ConsumerAuth
from bot.uitpas.timing import RequestObserver, ignore, timed_request

logger = logging.getLogger(__name__)

Answer = TypeVar("Answer", CheckinAnswer, PointsAnswer, PromotionsAnswer, PromotionAnswer)

# publiq documents the promotion endpoints' answers only in XML (``/response/promotions/...``,
# ``pointsPromotionTO``), so those two calls ask for the documented shape rather than a JSON
# rendering nobody specified.
_XML_ACCEPT = {"Accept": "application/xml"}

# Failures that happen before a single byte of the request can have reached UiTPAS.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


class UitpasClient:
    """The legacy UiTPAS API ("UiTPAS API 3.0") as four async calls.

    One :class:`httpx.AsyncClient` per instance keeps connections alive between calls; close it
    with :meth:`aclose` or ``async with``. ``transport`` is for tests; ``observe`` is told
    each request's operation, outcome and duration (the metrics).
    """

    def __init__(
        self,
        base_url: str,
        consumer_key: str,
        consumer_secret: str,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        observe: RequestObserver = ignore,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._observe = observe
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=ConsumerAuth(consumer_key, consumer_secret),
            headers={"Accept": "application/json"},
            timeout=timeout,
            transport=transport or ShardedTransport(),
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    async def checkin(
        self, uitpas_number: str, checkin_code: str, *, telegram_user_id: int | None = None
    ) -> CheckinAnswer:
        """Save points with a check-in code: the whole decoded QR string, sent as it is.

        ``telegram_user_id`` is not needed here: the legacy API checks in by card number."""
        form = {"uitpasNumber": uitpas_number, "checkinCode": checkin_code}
        return await self._call(
            "checkin",
            "POST",
            "/uitpas/enduser/checkin",
            parsing.parse_checkin,
            CheckinAnswer,
            form=form,
        )

    async def points(self, uitpas_number: str) -> PointsAnswer:
        """A passholder's points."""
        path = f"/uitpas/enduser/{quote(uitpas_number, safe='')}"
        return await self._call("points", "GET", path, parsing.parse_points, PointsAnswer)

    async def promotions(
        self,
        *,
        uitpas_number: str | None = None,
        in_spotlight: bool | None = None,
        filter_on_user_points: bool | None = None,
        unexpired: bool | None = None,
        published: bool | None = None,
        sort: str | None = None,
        order: str | None = None,
        start: int = 0,
        max_results: int = 20,
    ) -> PromotionsAnswer:
        """Points promotions ("omruilvoordelen"); a None filter is left out of the request.

        "Only what I can get" (``filter_on_user_points``) also asks ``cashInState=POSSIBLE``,
        as publiq's own client does by default: enough points alone is not "can get" (sold
        out, outside the cashing period, another card system's)."""
        params = _query(
            uitpasNumber=uitpas_number,
            inSpotlight=in_spotlight,
            filterOnUserPoints=filter_on_user_points,
            cashInState="POSSIBLE" if filter_on_user_points else None,
            unexpired=unexpired,
            published=published,
            sort=sort,
            order=order,
            start=start,
            max=max_results,
        )
        return await self._call(
            "promotions",
            "GET",
            "/uitpas/passholder/pointsPromotions",
            parsing.parse_promotions,
            PromotionsAnswer,
            params=params,
            accept_xml=True,
        )

    async def promotion(
        self, promotion_id: str, *, uitpas_number: str | None = None
    ) -> PromotionAnswer:
        """One points promotion by its id; with ``uitpas_number`` its ``cashInState`` is that
        passholder's (enough points, already cashed in, ...)."""
        path = f"/uitpas/promotion/pointsPromotion/{quote(promotion_id, safe='')}"
        params = _query(uitpasNumber=uitpas_number)
        return await self._call(
            "promotion",
            "GET",
            path,
            parsing.parse_promotion,
            PromotionAnswer,
            params=params or None,
            accept_xml=True,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(
        self,
        operation: str,
        method: str,
        path: str,
        parse: Callable[[bytes, str | None], Answer],
        refused: type[Answer],
        *,
        params: Mapping[str, str] | None = None,
        form: Mapping[str, str] | None = None,
        accept_xml: bool = False,
    ) -> Answer:
        """Send one request and read its answer, whatever the HTTP status.

        ``refused`` is the answer type built when a 401/403 comes without a readable body.
        ``operation`` names the call in logs and errors in place of the URL, which may hold a
        UiTPAS number. Exception messages carry only the exception's type for the same reason.
        """
        content = urlencode(form).encode("ascii") if form is not None else None
        headers = {"Content-Type": FORM_CONTENT_TYPE} if form is not None else {}
        if accept_xml:
            headers.update(_XML_ACCEPT)
        started = time.monotonic()
        try:
            response = await timed_request(
                self._http,
                self._observe,
                operation,
                method,
                path,
                params=params,
                content=content,
                headers=headers or None,
            )
        except httpx.TimeoutException as exc:
            sent = not isinstance(exc, _NOT_SENT)
            logger.warning("UiTPAS %s: %s (sent=%s)", operation, type(exc).__name__, sent)
            raise UitpasUnavailable(
                UnavailableReason.TIMEOUT, f"{operation}: {type(exc).__name__}", sent=sent
            ) from exc
        except httpx.TransportError as exc:
            sent = not isinstance(exc, _NOT_SENT)
            logger.warning("UiTPAS %s: %s (sent=%s)", operation, type(exc).__name__, sent)
            raise UitpasUnavailable(
                UnavailableReason.CONNECTION, f"{operation}: {type(exc).__name__}", sent=sent
            ) from exc
        elapsed_ms = (time.monotonic() - started) * 1000
        content_type = response.headers.get("Content-Type")
        try:
            answer = parse(response.content, content_type)
        except parsing.UnreadableAnswer as exc:
            detail = f"{operation}: HTTP {response.status_code} {content_type or '-'}: {exc}"
            if response.status_code in CONSUMER_REFUSAL_STATUSES:
                # A bare 401/403 (a proxy's HTML page, an empty body) still says who is wrong:
                # the bot's consumer key, secret or permissions. Calling that "unavailable" would
                # send the operator looking for an outage that is not there.
                logger.error(
                    "UiTPAS %s: UiTPAS refuses the bot's credentials (check the consumer key, "
                    "secret and permissions)",
                    detail,
                )
                return refused(code=AnswerCode.CONSUMER_REFUSED, http_status=response.status_code)
            logger.warning("UiTPAS %s", detail)
            raise UitpasUnavailable(UnavailableReason.UNREADABLE, detail, sent=True) from exc
        answer = dataclasses.replace(answer, http_status=response.status_code)
        if answer.code == "ACCESS_DENIED":
            # The permission UiTPAS says is missing is what the operator must ask publiq for.
            logger.error(
                "UiTPAS %s: ACCESS_DENIED (HTTP %d), requiredPermission=%s",
                operation,
                response.status_code,
                answer.required_permission or "-",
            )
        logger.debug(
            "UiTPAS %s: HTTP %d, %s (%.0f ms)",
            operation,
            response.status_code,
            answer.code,
            elapsed_ms,
        )
        return answer


def _query(**params: str | bool | int | None) -> dict[str, str]:
    """Query parameters as UiTPAS reads (and signs) them: booleans as ``true``/``false``."""
    query: dict[str, str] = {}
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            query[name] = "true" if value else "false"
        else:
            query[name] = str(value)
    return query
