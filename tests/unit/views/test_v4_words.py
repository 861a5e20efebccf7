"""What v4 says for the passholder reaches them: pass messages, endUserMessage, permissions,
redeem-status reasons; and what the bot does not know (an unknown problem) names no code."""

from __future__ import annotations

from bot.services.login import LoginFailed, LoginProblem, LoginSucceeded
from bot.services.outcomes import PointsBalance, PromotionDetail, UitpasRefused
from bot.services.trading_outcomes import RedeemRefused
from bot.uitpas.models import NOT_FOUND, REFUSED, PassMessage, Promotion
from bot.uitpas.trading import RedeemAnswer
from bot.uitpas.v4 import rewards as v4_rewards
from bot.views import account, family, linking, rewards

MASKED = "1000 •••• ••00 6"


def no_buttons(_button: object) -> None:
    return None


def test_pass_messages_and_the_end_user_message_are_under_the_total() -> None:
    balance = PointsBalance(
        MASKED,
        3,
        (),
        (PassMessage("WARN", "Je kansenstatuut <vervalt>."), PassMessage("INFO", "Welkom.")),
        "Je pas vervalt.",
        None,
    )
    lines = account.points(balance, "nl", no_buttons).text.splitlines()
    assert lines[1:4] == [
        "⚠️ Je kansenstatuut &lt;vervalt&gt;.",
        "ℹ️ Welkom.",
        "UiTPAS zegt: <i>Je pas vervalt.</i>",
    ]
    english = account.points(balance, "en", no_buttons).text
    assert "UiTPAS says: <i>Je pas vervalt.</i>" in english


def test_a_missing_permission_is_said_for_points_and_rewards() -> None:
    points = UitpasRefused("ACCESS_DENIED", None, MASKED, "PASSES_READ")
    assert "niet toe je punten te lezen" in account.account_problem(points, "nl")
    reward = UitpasRefused("ACCESS_DENIED", None, MASKED, "REWARDS_READ")
    text = account.promotion_detail(reward, "en").text
    assert "does not allow this bot to show this reward" in text
    assert "operator has been told" in text


def test_an_unknown_problem_names_no_code_but_shows_uitpas_words() -> None:
    for code in (REFUSED, NOT_FOUND):
        text = account.account_problem(UitpasRefused(code, None, MASKED), "en")
        assert code not in text
        assert text == "UiTPAS refused this. Try again later."
    said = UitpasRefused(REFUSED, "Niet nu.", MASKED, None, "Niet nu.", "Not now.")
    assert account.account_problem(said, "nl") == "🚫 Niet nu."
    assert account.account_problem(said, "en") == "🚫 Not now."


def test_redeem_status_reasons_have_their_own_words_and_uitpas_message() -> None:
    texts = set()
    for state in ("NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS", "NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS"):
        promotion = Promotion(
            id="102", title="Ticket", points=20, cash_in_state=state, cash_in_message="Niet hier."
        )
        text = account.promotion_detail(PromotionDetail(promotion, 25), "nl").text
        assert state not in text
        assert "UiTPAS zegt: <i>Niet hier.</i>" in text
        texts.add(text)
    assert len(texts) == 2


def test_a_forbidden_redeem_status_is_said_in_the_detail() -> None:
    promotion = Promotion(
        id="102", title="Ticket", points=20, cash_in_state="POSSIBLE", redeem_status_forbidden=True
    )
    text = account.promotion_detail(PromotionDetail(promotion, 25), "nl").text
    assert "niet toe na te gaan of jij dit voordeel nu kan omruilen" in text


def test_an_offline_reward_says_each_organizers_address_escaped() -> None:
    """The organizers' addresses as UiTPAS gives them (``organizers[].address``): in full, in
    part (publiq's test organizer has a city only), or not at all."""
    data = {
        "id": "7",
        "title": "Koffie",
        "points": 2,
        "organizers": [
            {"id": "a", "name": "CC <De> Werf", "address": {"street": "Molenstraat 51",
                                                          "postalCode": "9300", "city": "Aalst"}},
            {"id": "b", "name": "Test", "address": {"city": "Gent"}},
            {"id": "c", "name": "Zonder adres"},
            {"id": "d", "name": "Leeg", "address": {"street": " ", "city": ""}},
        ],
    }  # fmt: skip
    promotion = v4_rewards.reward(data)
    assert promotion is not None
    assert promotion.addresses == (
        ("CC <De> Werf", "Molenstraat 51, 9300 Aalst"),
        ("Test", "Gent"),
    )
    text = account.promotion_detail(PromotionDetail(promotion, 25), "nl").text
    assert (
        "📍 Omruilen doe je bij CC &lt;De&gt; Werf (Molenstraat 51, 9300 Aalst), Test (Gent),"
        " Zonder adres, Leeg: toon daar je UiTPAS."
    ) in text


def test_a_login_without_uitpas_shows_uitpas_words_and_a_forbidden_one_says_so() -> None:
    failed = LoginFailed(LoginProblem.NO_UITPAS, 1, "nl", "Je pas is geblokkeerd.")
    assert linking.login_failed(failed, "nl").text == "🚫 Je pas is geblokkeerd."
    english = linking.login_failed(failed, "en").text
    assert english.endswith("UiTPAS says: <i>Je pas is geblokkeerd.</i>")
    forbidden = LoginFailed(LoginProblem.NOT_ALLOWED, 1, "en")
    assert (
        "does not allow this bot to look up your UiTPAS"
        in linking.login_failed(forbidden, "en").text
    )


def test_the_login_confirmation_carries_the_pass_messages() -> None:
    linked = LoginSucceeded(
        1, "en", MASKED, None, (PassMessage("ERROR", "Kaart <geblokkeerd>"),), "Let op.", None
    )
    lines = linking.login_linked(linked, "en").text.splitlines()
    assert lines[-2:] == ["❗ Kaart &lt;geblokkeerd&gt;", "UiTPAS says: <i>Let op.</i>"]


# --- endUserMessage.fr (issue 15, point 18) ---------------------------------------------------


def test_a_french_end_user_message_replaces_our_words_for_a_french_user() -> None:
    said = UitpasRefused(
        REFUSED, "Niet nu.", MASKED, None, "Niet nu.", "Not now.", "Pas maintenant."
    )
    assert account.account_problem(said, "fr") == "🚫 Pas maintenant."
    assert account.account_problem(said, "en") == "🚫 Not now."
    assert account.account_problem(said, "nl") == "🚫 Niet nu."


def test_without_french_a_french_user_reads_our_words_then_the_dutch() -> None:
    said = UitpasRefused(REFUSED, "Niet nu.", MASKED, None, "Niet nu.", "Not now.")
    text = account.account_problem(said, "fr")
    assert text == "UiTPAS a refusé. Réessaie plus tard.\nUiTPAS dit\u00a0: <i>Niet nu.</i>"
    assert "Not now" not in text


def test_the_french_end_user_message_of_a_success_and_a_login() -> None:
    balance = PointsBalance(MASKED, 3, (), (), "Je pas vervalt.", "Expires.", "Ta carte expire.")
    assert (
        "UiTPAS dit\u00a0: <i>Ta carte expire.</i>"
        in account.points(balance, "fr", no_buttons).text
    )
    failed = LoginFailed(LoginProblem.NO_UITPAS, 1, "fr", "Geblokkeerd.", None, "Carte bloquée.")
    assert linking.login_failed(failed, "fr").text == "🚫 Carte bloquée."
    assert linking.login_failed(failed, "en").text.endswith("UiTPAS says: <i>Geblokkeerd.</i>")
    linked = LoginSucceeded(1, "fr", MASKED, None, (), "Let op.", None, "Attention.")
    assert linking.login_linked(linked, "fr").text.endswith("UiTPAS dit\u00a0: <i>Attention.</i>")


def test_the_french_end_user_message_of_a_family_and_a_redemption_refusal() -> None:
    full = UitpasRefused(
        "TOO_MANY_FAMILY_MEMBERS", None, MASKED, None, "Vol.", "Full.", "Famille pleine."
    )
    assert family.added(full, "fr").text == "🚫 Famille pleine."
    assert family.added(full, "en").text == "🚫 Full."
    answer = RedeemAnswer(
        "REWARD_VOLUME_CONSTRAINT",
        end_user_message_nl="Op.",
        end_user_message_en="Gone.",
        end_user_message_fr="Épuisé.",
    )
    refused = RedeemRefused.of(answer)
    assert rewards.refusal(refused, "fr") == "🚫 Épuisé."
    assert rewards.refusal(refused, "nl") == "🚫 Op."
