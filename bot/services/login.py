"""Linking a card under v4: the passholder logs in with UiTiD (authorization code + PKCE).

1. :meth:`LoginService.start` makes a random ``state`` bound to the Telegram user, valid for
   ten minutes and usable once, and a PKCE verifier; the user gets the authorization URL.
2. UiTiD redirects the browser to ``{PUBLIC_URL}/oauth/callback?code=…&state=…``;
   :meth:`LoginService.complete` takes the state (deleting it), exchanges the code with the
   verifier, asks ``GET /passholders/me`` for the passholder's UiTPAS number, links the card
   and stores the refresh token encrypted.

How the bot learns the UiTPAS number: from ``/passholders/me`` with the fresh user token (the
number is needed for ``/points`` and the promotions, which use the bot's client token). The
user never types it under v4. Then the pass itself is read once (``GET /passes``): the spec
says its ``messages`` MUST be shown, and linking is where a passholder first meets the bot.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.services.card_status import CardStatusProblem, card_status_problem, read_pass
from bot.services.uitid_sessions import UitidSessions
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import PassMessage, PointsAnswer
from bot.uitpas.numbers import mask_uitpas_number
from bot.uitpas.v4.client import V4Client
from bot.uitpas.v4.oauth import OAuthRefused, UitidAuth, pkce_pair
from storage.models import UitidLoginState, utcnow
from storage.repositories import LinkRepository, LoginStateRepository, PendingCheckinRepository

log = logging.getLogger(__name__)

LOGIN_LIFETIME = timedelta(minutes=10)


class LoginProblem(StrEnum):
    UNKNOWN_STATE = "unknown_state"  # forged, already used, or replaced by a newer /link
    EXPIRED = "expired"  # older than ten minutes
    DENIED = "denied"  # the passholder cancelled at UiTiD
    CODE_REFUSED = "code_refused"  # reused or expired code, PKCE mismatch
    NO_UITPAS = "no_uitpas"  # logged in, but UiTiD has no UiTPAS for this account
    CARD_DELETED = "card_deleted"  # the account's only card is deleted: nothing is linked
    NOT_ALLOWED = "not_allowed"  # UiTPAS does not allow the bot to read /passholders/me (403)
    UNAVAILABLE = "unavailable"  # UiTiD or UiTPAS did not answer


@dataclass(frozen=True, slots=True)
class LoginSucceeded:
    telegram_user_id: int
    language: str
    masked_number: str
    pending_code: str | None
    messages: tuple[PassMessage, ...] = ()  # the pass's messages, to be shown with the link
    end_user_message_nl: str | None = None
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None
    card_problem: CardStatusProblem | None = None  # blocked or not active: linked, with a warning


@dataclass(frozen=True, slots=True)
class LoginFailed:
    problem: LoginProblem
    telegram_user_id: int | None = None  # known when the state was valid: we can tell them
    language: str | None = None
    end_user_message_nl: str | None = None
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None
    masked_number: str | None = None  # CARD_DELETED: which card was refused


LoginOutcome = LoginSucceeded | LoginFailed


def state_hash(state: str) -> str:
    return hashlib.sha256(state.encode("utf-8", "replace")).hexdigest()


class LoginService:
    def __init__(
        self,
        auth: UitidAuth,
        uitpas: V4Client,
        sessions: UitidSessions,
        states: LoginStateRepository,
        links: LinkRepository,
        pending: PendingCheckinRepository,
        *,
        redirect_uri: str,
    ) -> None:
        self._auth = auth
        self._uitpas = uitpas
        self._sessions = sessions
        self._states = states
        self._links = links
        self._pending = pending
        self.redirect_uri = redirect_uri

    async def start(self, telegram_user_id: int, language: str) -> str:
        """The URL of the login page for this user (a new, single-use ``state``)."""
        state = secrets.token_urlsafe(32)
        verifier, challenge = pkce_pair()
        await self._states.add(
            UitidLoginState(
                state_hash=state_hash(state),
                telegram_user_id=telegram_user_id,
                code_verifier=verifier,
                language=language,
                expires_at=utcnow() + LOGIN_LIFETIME,
            )
        )
        return self._auth.authorization_url(
            state=state, code_challenge=challenge, redirect_uri=self.redirect_uri
        )

    async def complete(
        self, state: str | None, code: str | None, error: str | None = None
    ) -> LoginOutcome:
        login = await self._states.take(state_hash(state)) if state else None
        if login is None:
            return LoginFailed(LoginProblem.UNKNOWN_STATE)
        user, language = login.telegram_user_id, login.language
        if utcnow() > login.expires_at:
            return LoginFailed(LoginProblem.EXPIRED, user, language)
        if error or not code:
            return LoginFailed(LoginProblem.DENIED, user, language)
        try:
            tokens = await self._auth.exchange_code(code, login.code_verifier, self.redirect_uri)
            me = await self._uitpas.me(tokens.access_token)
        except OAuthRefused as refused:
            log.info("login code refused: %s", refused.error)
            return LoginFailed(LoginProblem.CODE_REFUSED, user, language)
        except UitpasUnavailable as silent:
            log.warning("login without answer: %s", silent.reason.value)
            return LoginFailed(LoginProblem.UNAVAILABLE, user, language)
        if me.uitpas_number is None and me.required_permission is not None:
            return LoginFailed(LoginProblem.NOT_ALLOWED, user, language)  # the client logged it
        number = me.uitpas_number or me.inactive_card
        if number is None:
            log.info("logged in without a usable pass: %s", me.code)
            return LoginFailed(
                LoginProblem.NO_UITPAS,
                user,
                language,
                me.end_user_message_nl,
                me.end_user_message_en,
                me.end_user_message_fr,
            )
        answer = await read_pass(self._uitpas, number)
        problem = card_status_problem(answer)
        if problem is None and me.uitpas_number is None:  # the pass was not read: /me says why
            problem = CardStatusProblem(me.code)
        if problem is not None and problem.final:
            return LoginFailed(
                LoginProblem.CARD_DELETED,
                user,
                language,
                problem.end_user_message_nl,
                problem.end_user_message_en,
                problem.end_user_message_fr,
                masked_number=mask_uitpas_number(number),
            )
        await self._sessions.save(user, tokens)
        await self._links.save(user, number, language, passholder_id=me.passholder_id)
        pending = await self._pending.take(user) if problem is None else None
        linked = LoginSucceeded(
            user, language, mask_uitpas_number(number), pending, card_problem=problem
        )
        return _with_pass_words(linked, answer)

    async def forget(self, telegram_user_id: int) -> None:
        """Unfinished logins and the stored login of this user: revoked and deleted."""
        await self._states.delete_for_user(telegram_user_id)
        await self._sessions.forget(telegram_user_id)


def _with_pass_words(linked: LoginSucceeded, answer: PointsAnswer | None) -> LoginSucceeded:
    """The pass's messages and end-user message, if UiTPAS gave them now; the link is made
    either way (a refusal here shows up on /points, in words of its own)."""
    if answer is None or not answer.succeeded:
        return linked
    return dataclasses.replace(
        linked,
        messages=answer.messages,
        end_user_message_nl=answer.end_user_message_nl,
        end_user_message_en=answer.end_user_message_en,
        end_user_message_fr=answer.end_user_message_fr,
    )
