"""``GET /oauth/callback``: where UiTiD sends the passholder's browser after logging in.

The page only says "done, go back to Telegram" (or what went wrong, in Dutch, English and
French: the browser's language is unknown). What matters happens in Telegram: the bot tells the user
there, because that is where they are. Codes, states and numbers never reach the logs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from bot.services.login import LoginFailed, LoginOutcome, LoginProblem, LoginService

log = logging.getLogger(__name__)

CALLBACK_PATH = "/oauth/callback"

_PAGES = {
    None: (
        "Gelukt! Je kan terug naar Telegram.",
        "Done! You can go back to Telegram.",
        "C'est fait\u00a0! Tu peux retourner sur Telegram.",
    ),
    LoginProblem.UNKNOWN_STATE: (
        "Deze aanmeldlink is ongeldig of al gebruikt. Tik /link in Telegram voor een nieuwe.",
        "This login link is invalid or was used already. Tap /link in Telegram for a new one.",
        "Ce lien de connexion n'est pas valable ou a déjà servi. Touche /link dans Telegram "
        "pour en avoir un nouveau.",
    ),
    LoginProblem.EXPIRED: (
        "Deze aanmeldlink is verlopen (10 minuten). Tik /link in Telegram voor een nieuwe.",
        "This login link expired (10 minutes). Tap /link in Telegram for a new one.",
        "Ce lien de connexion a expiré (10 minutes). Touche /link dans Telegram pour en avoir "
        "un nouveau.",
    ),
    LoginProblem.DENIED: ("Aanmelden geannuleerd.", "Login cancelled.", "Connexion annulée."),
    LoginProblem.CODE_REFUSED: (
        "UiTiD aanvaardde deze aanmelding niet (meer). Tik /link in Telegram om opnieuw te "
        "beginnen.",
        "UiTiD did not accept this login. Tap /link in Telegram to start again.",
        "UiTiD n'a pas (plus) accepté cette connexion. Touche /link dans Telegram pour "
        "recommencer.",
    ),
    LoginProblem.NO_UITPAS: (
        "Bij dit UiTiD-account hoort geen actieve UiTPAS.",
        "This UiTiD account has no active UiTPAS.",
        "Aucun UiTPAS actif n'est lié à ce compte UiTiD.",
    ),
    LoginProblem.CARD_DELETED: (
        "De UiTPAS van dit UiTiD-account is verwijderd; ik heb ze niet gekoppeld. Meer uitleg "
        "staat in Telegram.",
        "The UiTPAS of this UiTiD account was deleted; it was not linked. Telegram says more.",
        "L'UiTPAS de ce compte UiTiD a été supprimé\u00a0; je ne l'ai pas lié. Telegram t'en "
        "dit plus.",
    ),
    LoginProblem.NOT_ALLOWED: (
        "UiTPAS staat deze bot niet toe je UiTPAS op te vragen. De beheerder is verwittigd.",
        "UiTPAS does not allow this bot to look up your UiTPAS. The operator has been told.",
        "UiTPAS ne permet pas à ce bot de consulter ton UiTPAS. L'administrateur est prévenu.",
    ),
    LoginProblem.UNAVAILABLE: (
        "UiTPAS antwoordde niet. Probeer het zo meteen opnieuw met /link.",
        "UiTPAS did not answer. Try again shortly with /link.",
        "UiTPAS n'a pas répondu. Réessaie dans un instant avec /link.",
    ),
}

Announce = Callable[[LoginOutcome], Awaitable[None]]


def login_routes(login: LoginService, announce: Announce) -> list[BaseRoute]:
    """The callback route; ``announce`` tells the user in Telegram (errors there are logged,
    and do not change what the browser sees: the login itself is done)."""

    async def callback(request: Request) -> Response:
        query = request.query_params
        outcome = await login.complete(query.get("state"), query.get("code"), query.get("error"))
        problem = outcome.problem if isinstance(outcome, LoginFailed) else None
        try:
            await asyncio.shield(announce(outcome))
        except Exception:
            log.exception("telling the user about their login failed")
        nl, en, fr = _PAGES[problem]
        status = 200 if problem is None else 400
        page = (
            "<!doctype html><html><meta charset=utf-8><meta name=viewport "
            "content='width=device-width'><title>UiTPAS-bot</title>"
            f"<p>{nl}</p><p lang=en>{en}</p><p lang=fr>{fr}</p></html>"
        )
        return HTMLResponse(page, status, headers={"Cache-Control": "no-store"})

    return [Route(CALLBACK_PATH, callback)]
