"""The Mini App's words: a scan answers as a photo does, as plain text in the app."""

from __future__ import annotations

from bot.i18n import t
from bot.services.card import CardShown
from bot.services.checkin_codes import CodeProblem, CodeRejection
from bot.services.family import Member
from bot.services.mini_app import ScanThrottled
from bot.services.outcomes import (
    AwaitingLink,
    CheckinAnswered,
    CheckinRepeated,
    CodeNotUsable,
    NotLinked,
)
from bot.services.trading_outcomes import Redeemed, RedeemRefused, RedeemRunning, RedeemUnknown
from bot.uitpas.models import AnswerCode, CheckinAnswer
from bot.uitpas.trading import Redemption
from bot.views import checkin as checkin_views
from bot.views import mini_app as views
from bot.views.reply import Reply


def test_a_scan_reply_is_a_photos_reply() -> None:
    outcome = CodeNotUsable(CodeRejection(CodeProblem.FOREIGN_URL, host="example.org"))
    assert views.scan_reply(outcome, "nl") == checkin_views.checkin(outcome, "nl")


def test_over_the_limit_the_scan_gets_the_throttle_message() -> None:
    reply = views.scan_reply(ScanThrottled(12, tell_in_chat=True), "en")
    assert reply == checkin_views.throttled(12, "en")
    assert views.scan_status(ScanThrottled(12, tell_in_chat=False)) == "throttled"


def test_statuses() -> None:
    assert views.scan_status(CheckinRepeated("ACTION_SUCCEEDED", 1, 26)) == "saved"
    assert views.scan_status(CheckinRepeated(None, None, None)) == "answered"  # still running
    assert views.scan_status(AwaitingLink()) == "answered"


def test_the_app_gets_plain_text_and_no_pointer_to_buttons_it_does_not_have() -> None:
    text = "✅ Je spaarde 1 punt bij <b>Jazz &amp; Blues</b>\n\n🎁 In de kijker, tik om te zien"
    reply = Reply(text.replace("🎁 In de kijker, tik om te zien", "{header}"))
    header = t("nl", "spotlight_header")
    shown = views.app_text(Reply(reply.text.replace("{header}", header)), "nl")
    assert shown.startswith("✅ Je spaarde 1 punt bij Jazz & Blues")
    assert "<b>" not in shown
    assert header not in shown
    assert "staan in de chat" in shown


def test_the_scan_offer_puts_the_web_app_button_first() -> None:
    reply = views.with_scan_offer(Reply("Hallo"), "https://bot.example.be/app/", "nl")
    [[button]] = reply.keyboard.inline_keyboard if reply.keyboard else [[None]]
    assert button is not None
    assert button.web_app is not None
    assert button.web_app.url == "https://bot.example.be/app/"
    assert reply.text.endswith("tik op 📷 Scan.")
    assert views.with_scan_offer(Reply("Hallo"), None, "nl") == Reply("Hallo")


def test_the_apps_texts_name_scan_in_both_languages() -> None:
    for language in ("nl", "en"):
        texts = views.app_texts(language)
        assert "Scan" in texts["scan"]
        assert len(texts["scan_hint"]) <= 64  # ScanQrPopupParams.text: 0-64 characters


def test_a_login_to_renew_points_at_the_chats_button() -> None:
    answer = CheckinAnswer(code=AnswerCode.LOGIN_REQUIRED)
    outcome = CheckinAnswered(answer, "0930 •••• ••80 2", login_url="https://login.example")
    reply = views.scan_reply(outcome, "nl")
    assert "knop hieronder" in reply.text  # the chat's reply, with its login button
    shown = views.app_text(reply, "nl", outcome)
    assert "knop in de chat" in shown
    assert "hieronder" not in shown


# --- the card, rewards and family screens (issue 18) ----------------------------------------


def test_a_redemption_shows_its_code_apart_and_each_outcome_has_its_status() -> None:
    made = Redemption(id="r1", code="UIT-1 <x>", info_text="Op de webshop & zo")
    answer = views.redeemed(Redeemed(made, "Boekenbon", 25, 0), "nl")
    assert (answer["status"], answer["code"], answer["total"]) == ("redeemed", "UIT-1 <x>", 0)
    assert answer["info"] == "Op de webshop & zo"
    assert "Je code: UIT-1 <x>" in str(answer["text"])  # plain text, unescaped
    again = views.redeemed(Redeemed(made, "Boekenbon", 25, 0, repeated=True), "nl")
    assert again["status"] == "repeated"
    assert views.redeem_status(RedeemRunning()) == "running"
    assert views.redeem_status(RedeemUnknown()) == "unknown"
    refused = views.redeemed(RedeemRefused("REWARD_VOLUME_CONSTRAINT"), "nl")
    assert (refused["ok"], refused["status"]) == (False, "refused")
    assert refused["text"] == t("nl", "redeem_refused_sold_out")
    assert views.redeemed(NotLinked(), "en")["text"] == t("en", "needs_link")


def test_the_card_answer_holds_no_number_outside_the_picture() -> None:
    number, child = "0900011902815", "0900000031618"
    own = Member("p1", "Nadia", number, main=True)
    lina = Member("p2", "Lina", child)
    answer = views.card(CardShown(b"\x89PNG", own, (own, lina)), "nl")
    assert str(answer["image"]).startswith("data:image/png;base64,")
    rest = str({k: v for k, v in answer.items() if k != "image"})
    assert number not in rest
    assert child not in rest
    assert [m["id"] for m in answer["members"]] == [own.handle, lina.handle]  # type: ignore[index]
