"""Linking a Telegram user to a UiTPAS card, and forgetting them again.

Under the legacy API a card is linked by typing its number; under v4 by logging in with UiTiD
(:mod:`bot.services.login`), and then ``login`` is set: ``/unlink`` also revokes that login.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from bot.services.card_status import card_status_problem, read_pass
from bot.services.outcomes import (
    CardRefused,
    LinkOutcome,
    LinkResult,
    NumberNotValid,
    ReplaceAsked,
)
from bot.uitpas.api import UitpasApi
from bot.uitpas.numbers import (
    InvalidUitpasNumber,
    looks_like_number_attempt,
    mask_uitpas_number,
    parse_uitpas_number,
)
from storage.repositories import CheckinRepository, LinkRepository, PendingCheckinRepository

if TYPE_CHECKING:
    from bot.services.login import LoginService


class LinkService:
    def __init__(
        self,
        links: LinkRepository,
        checkins: CheckinRepository,
        pending: PendingCheckinRepository,
        login: LoginService | None = None,
        also_forget: Sequence[Callable[[int], Awaitable[int]]] = (),
        *,
        uitpas: UitpasApi | None = None,
    ) -> None:
        """``also_forget``: what else ``/unlink`` deletes about the user (the family's rows).
        ``uitpas``: where a typed number's card status is read (legacy); without it, a
        number is linked unchecked."""
        self._uitpas = uitpas
        self._links = links
        self._checkins = checkins
        self._pending = pending
        self._login = login
        self._also_forget = tuple(also_forget)

    @property
    def by_login(self) -> bool:
        """True under v4: a card is linked by logging in, not by typing its number."""
        return self._login is not None

    async def login_url(self, telegram_user_id: int, language: str) -> str:
        """A fresh UiTiD login link for this user (v4 only)."""
        if self._login is None:
            raise RuntimeError("linking by login is only possible with UITPAS_API=v4")
        return await self._login.start(telegram_user_id, language)

    @staticmethod
    def looks_like_number(text: str) -> bool:
        """Whether free text is most likely someone typing their card number: such text gets
        an answer about linking (or, under v4, the login button) instead of none at all."""
        return looks_like_number_attempt(text)

    async def link(
        self, telegram_user_id: int, typed_number: str, language: str, *, replace: bool = False
    ) -> LinkOutcome:
        """Store the card, or on a typo store nothing and say what is wrong with the number.

        When another card is linked, nothing changes without ``replace``: a number typed by
        mistake (someone else's card, an old one) must not silently take over the history.
        The card's status is read first (:mod:`bot.services.card_status`): a deleted card is
        refused before anything is asked or stored. A code photographed before linking is
        handed back once, so the caller can check it in without asking for a new photo; not
        for a card that is not active, where it would only be refused.
        """
        try:
            number = parse_uitpas_number(typed_number)
        except InvalidUitpasNumber as error:
            return NumberNotValid(error.problem, error.digit_count)
        masked = mask_uitpas_number(number)
        answer = await read_pass(self._uitpas, number) if self._uitpas is not None else None
        problem = card_status_problem(answer)
        if problem is not None and problem.final:
            return CardRefused(masked, problem)
        current = await self._links.get(telegram_user_id)
        if current is not None and current.uitpas_number != number and not replace:
            return ReplaceAsked(mask_uitpas_number(current.uitpas_number), masked)
        await self._links.save(telegram_user_id, number, language)
        pending = await self._pending.take(telegram_user_id) if problem is None else None
        return LinkResult(masked_number=masked, pending_code=pending, card_problem=problem)

    async def unlink(self, telegram_user_id: int) -> str | None:
        """Forget the card, the history, any remembered code and (v4) the UiTiD login, which is
        revoked at UiTiD too; the masked number, if any."""
        link = await self._links.get(telegram_user_id)
        if self._login is not None:
            await self._login.forget(telegram_user_id)
        await self._pending.forget(telegram_user_id)
        await self._checkins.delete_for_user(telegram_user_id)
        for forget in self._also_forget:
            await forget(telegram_user_id)
        if link is None:
            return None
        await self._links.delete(telegram_user_id)
        return mask_uitpas_number(link.uitpas_number)

    async def linked_number(self, telegram_user_id: int) -> str | None:
        link = await self._links.get(telegram_user_id)
        return link.uitpas_number if link else None

    async def masked_number(self, telegram_user_id: int) -> str | None:
        """The linked card as it may be shown in a chat (never the whole number), if any."""
        number = await self.linked_number(telegram_user_id)
        return mask_uitpas_number(number) if number else None
