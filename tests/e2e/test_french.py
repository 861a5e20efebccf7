"""End to end, over HTTP: a French-speaking passholder (Telegram ``language_code`` "fr", as a
Paspartoe holder in Brussels) reads the whole journey in French, on both backends (issue 15,
point 18): /start, the command menu, linking, a check-in, /points, /promotions and a detail,
and v4's ``endUserMessage.fr`` where UiTPAS sends one.

French typography puts a no-break space before ``: ; ? !``; the tests write it as ``NBSP``.
"""

from __future__ import annotations

import re

import pytest

from bot.app import MENU_COMMANDS
from bot.sandbox.uitpas.data import BRUSSELS, NORMAL
from bot.uitpas.numbers import mask_uitpas_number
from tests.e2e.test_checkin import JAZZ_CODE, send_photo
from tests.e2e.test_points_and_promotions import data_of, edited, entries, press, send
from tests.e2e.test_v4_spec_answers import fault
from tests.support.groups import GROUP, announce, group_reply
from tests.support.harness import AN, BACKENDS, LEA, Harness, say
from tests.support.images import poster_photo

NBSP = "\u00a0"
FRENCH_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
FRENCH_CLOCK = rf"\d{{1,2}}{NBSP}h({NBSP}\d\d)?"  # 14 h 30, 20 h
DUTCH_WORDS = ("punten", "Je hebt", "gekoppeld", "voordeel", "Koppel")


def french(text: str) -> str:
    """The text, after checking that no Dutch slipped in."""
    for word in DUTCH_WORDS:
        assert word not in text, (word, text)
    return text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_start_greets_a_french_user_in_french(harness: Harness) -> None:
    text = french(await say(harness, LEA, "/start"))
    assert f"Bonjour Léa{NBSP}! 👋" in text
    assert "tu épargnes tes points UiTPAS avec une photo" in text
    if harness.backend == "v4":
        assert "appuie sur /link et connecte-toi avec ton UiTiD" in text
    else:
        assert "envoie ton numéro UiTPAS (13 chiffres, au dos de ta carte)" in text


async def test_the_command_menu_is_set_in_french(harness: Harness) -> None:
    menu = await harness.telegram.commands("fr", scope={"type": "all_private_chats"})
    descriptions = {entry["command"]: entry["description"] for entry in menu}
    assert descriptions["link"] == "Lie ton numéro UiTPAS"
    assert descriptions["points"] == "Tes points et tes derniers check-ins"
    assert set(descriptions) == set(MENU_COMMANDS)  # the whole menu, in French
    admins = await harness.telegram.commands("fr", scope={"type": "all_chat_administrators"})
    assert {"command": "announce", "description": "Annonce un événement (administrateurs)"} in (
        admins
    )


@pytest.mark.parametrize("backend", ["v4"])
async def test_the_login_page_says_it_in_french_too(harness: Harness) -> None:
    page = await harness.log_in(LEA, NORMAL)
    assert f"<p lang=fr>C'est fait{NBSP}! Tu peux retourner sur Telegram.</p>" in page.text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_linking_confirms_in_french_with_the_number_masked(harness: Harness) -> None:
    confirmation = french(await harness.link(LEA, NORMAL))
    masked = mask_uitpas_number(NORMAL)
    if harness.backend == "v4":
        assert f"✅ Tu es connecté{NBSP}; ton UiTPAS {masked} est lié." in confirmation
    else:
        assert f"✅ Ton UiTPAS {masked} est lié." in confirmation
    assert NORMAL not in confirmation


async def test_a_typo_in_the_number_is_explained_in_french(harness: Harness) -> None:
    text = french(await say(harness, LEA, f"/link {NORMAL[:-1]}"))
    assert f"Ça fait 12 chiffres{NBSP}; un numéro UiTPAS en a 13." in text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_check_in_is_answered_in_french(harness: Harness) -> None:
    await harness.link(LEA, NORMAL)
    reply = await send_photo(harness, LEA, poster_photo(JAZZ_CODE))
    text = french(reply.text or "")
    assert "✅ Tu as épargné 1 point à <b>Jazz op de Grote Markt</b> (CC De Werf)." in text
    assert "Tu as maintenant 26 points au total." in text
    assert f"🎁 À la une, appuie pour voir ce que tu peux en faire{NBSP}:" in text
    labels = [label for row in reply.buttons for label, _ in row]
    assert "Gratis koffie in de foyer · 5 points" in labels
    assert await harness.sandbox_points(NORMAL) == 26


@pytest.mark.parametrize("backend", BACKENDS)
async def test_points_and_history_in_french_with_a_french_date(harness: Harness) -> None:
    await harness.link(LEA, NORMAL)
    before = french(await say(harness, LEA, "/points"))
    assert "Tu n'as pas encore fait de check-in via ce bot." in before
    await send_photo(harness, LEA, poster_photo(JAZZ_CODE))
    reply = await send(harness, LEA, "/points")
    text = french(reply.text or "")
    assert f"💳 Ton UiTPAS {mask_uitpas_number(NORMAL)} a <b>26 points</b>." in text
    assert "<b>Tes derniers check-ins via ce bot</b>" in text
    [line] = [line for line in text.splitlines() if line.startswith("• ")]
    # "• 2 décembre à 14 h 30 – Jazz op de Grote Markt (CC De Werf) : +1 point"
    day = rf"(1er|\d{{1,2}}) ({FRENCH_MONTHS})( 20\d\d)?"
    pattern = rf"• {day} à {FRENCH_CLOCK} – Jazz op de Grote Markt \(CC De Werf\){NBSP}: \+1 point"
    assert re.fullmatch(pattern, line), line
    assert reply.buttons[0][0][0] == f"🎁 Qu'est-ce que je peux obtenir avec mes points{NBSP}?"


@pytest.mark.parametrize("backend", BACKENDS)
async def test_promotions_of_a_paspartoe_holder_in_french(harness: Harness) -> None:
    await harness.link(LEA, BRUSSELS)  # Paspartoe, Brussels' UiTPAS: 18 points
    listing = await send(harness, LEA, "/promotions")
    text = french(listing.text or "")
    assert "🎁 <b>Avantages à échanger</b> · tu as 18 points" in text
    legend = "✅ assez de points · ⭐ à la une. Appuie sur un avantage pour en voir les détails."
    assert legend in text
    assert entries(listing) == [
        "✅ ⭐ Paspartoe: gratis toegang Bozar · 6 points",
        "✅ Paspartoe: koffie in de Beursschouwburg · 2 points",
    ]
    await press(harness, LEA, listing, data_of(listing, "✅ Seulement ce que je peux obtenir"))
    filtered = await edited(harness, listing)
    assert "🎁 <b>Avantages à ta portée</b> · tu as 18 points" in filtered.text
    assert "📋 Voir tous les avantages" in [label for row in filtered.buttons for label, _ in row]
    await press(harness, LEA, listing, data_of(filtered, "✅ ⭐ Paspartoe: gratis toegang Bozar"))
    detail = await harness.telegram.wait_for_call(("sendPhoto", "sendMessage"), chat_id=LEA.id)
    words = french(detail.text or "")
    assert f"Nécessaire{NBSP}: <b>6 points</b>" in words
    assert f"✅ Tu as 18 points{NBSP}: assez pour échanger cet avantage." in words
    assert re.search(rf"📅 À échanger jusqu'au (1er|\d{{1,2}}) ({FRENCH_MONTHS}) 20\d\d\.", words)
    assert "📍 Tu l'échanges chez " in words
    assert f"{NBSP}: montre-y ton UiTPAS." in words


@pytest.mark.parametrize("backend", ["v4"])
async def test_uitpas_french_end_user_message_is_shown_to_a_french_user(
    harness: Harness,
) -> None:
    """publiq: always show the endUserMessage. In French when UiTPAS sends ``fr`` (it replaces
    our words); without it our French words, then UiTPAS's Dutch."""
    await harness.link(LEA, NORMAL)
    problem = {
        "type": "https://api.publiq.be/probs/uitpas/checkin-not-allowed",
        "title": "Check-in not allowed",
        "status": 400,
        "endUserMessage": {
            "nl": "Je hebt vandaag al punten gespaard voor dit evenement.",
            "fr": "Tu as déjà épargné des points pour cet événement aujourd'hui.",
        },
    }
    await fault(harness, "me/checkins", 400, problem)
    reply = await send_photo(harness, LEA, poster_photo(JAZZ_CODE))
    assert reply.text == "🚫 Tu as déjà épargné des points pour cet événement aujourd'hui."
    del problem["endUserMessage"]["fr"]  # type: ignore[attr-defined]
    await fault(harness, "me/checkins", 400, problem)
    reply = await send_photo(harness, LEA, poster_photo(JAZZ_CODE))
    assert (reply.text or "").endswith(
        f"UiTPAS dit{NBSP}: <i>Je hebt vandaag al punten gespaard voor dit evenement.</i>"
    )
    assert await harness.sandbox_points(NORMAL) == 25


async def test_a_french_admin_announces_in_french_words_and_reads_a_french_card(
    harness: Harness,
) -> None:
    """The card speaks the admin's language; the date is typed as a French speaker types it."""
    await harness.telegram.create_group(GROUP, "Maison de jeunes", {LEA: "creator", AN: "member"})
    await harness.telegram.wait_for_call(
        "sendMessage", chat_id=GROUP, where=lambda call: "/announce" in (call.text or "")
    )
    card = await announce(
        harness, "/announce Soirée cinéma | demain à 20 h 30 | Le Cellier", user=LEA
    )
    text = french(card.text or "")
    assert "📣 <b>Soirée cinéma</b>" in text
    weekdays = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    when = rf"🗓 ({weekdays}) (1er|\d{{1,2}}) ({FRENCH_MONTHS}) 20\d\d à 20{NBSP}h{NBSP}30"
    assert re.search(when, text), text
    assert f"🙋 Tu viens{NBSP}? Appuie sur «{NBSP}Je viens{NBSP}»." in text
    [[coming], [save]] = card.buttons
    assert (coming[0], save[0]) == ("🙋 Je viens", "⭐ Épargner mon point")
    asked = await group_reply(harness, LEA, "/announce Quiz | ven 32/12 20h | Le Cellier")
    assert (asked.text or "").startswith(f"Ce jour n'existe pas.\nQuand a lieu <b>Quiz</b>{NBSP}?")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_french_questions_get_the_right_pointer(harness: Harness) -> None:
    await harness.link(LEA, NORMAL)
    points = french(await say(harness, LEA, "combien de points j'ai ?"))
    assert points.startswith("💳 Tes points et tes derniers check-ins, tu les vois avec /points.")
    promotions = french(await say(harness, LEA, "quels avantages je peux obtenir ?"))
    assert "/promotions" in promotions
    assert "Je ne comprends pas" not in promotions


async def test_privacy_and_forget_in_french(harness: Harness) -> None:
    await harness.link(LEA, NORMAL)
    text = french(await say(harness, LEA, "/privacy"))
    assert "<b>Ce que ce bot garde sur toi, et pourquoi</b>" in text
    assert f"<b>En ce moment, je garde</b>{NBSP}: ton UiTPAS {mask_uitpas_number(NORMAL)}" in text
    await harness.telegram.send_text(LEA, "/forget")
    confirm = await harness.telegram.wait_for_call("sendMessage", chat_id=LEA.id)
    assert [label for row in confirm.buttons for label, _ in row] == [
        "Oui, tout effacer",
        "Non, ne rien effacer",
    ]
