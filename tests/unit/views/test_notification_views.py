"""The notifications' digest (issue 19): what UiTPAS says about a kansentarief reaches the
passholder, in their language where UiTPAS sent it, else in Dutch; one stop button per kind."""

from __future__ import annotations

from bot.services.notifications.kinds import KANSENTARIEF, LAST_CHANCE, Notice
from bot.views import notifications as views

ENDS = "2027-01-10T00:00:00+00:00"


def sign(payload: str) -> str:
    return f"signed:{payload}"


def tariff(**said: str) -> Notice:
    return Notice(KANSENTARIEF, "own", ends_at=ENDS, state="grace", **said)


def test_the_kansentarief_notice_carries_uitpas_end_user_message() -> None:
    notice = tariff(message_nl="Verleng aan de balie.", message_en="Renew at the desk.")
    dutch = views.digest([notice], "nl", sign).text
    assert "is voorbij" in dutch
    assert dutch.endswith("\nUiTPAS zegt: Verleng aan de balie.")
    assert views.digest([notice], "en", sign).text.endswith("\nUiTPAS says: Renew at the desk.")
    # Not sent in French: the Dutch one, which publiq always provides.
    assert views.digest([notice], "fr", sign).text.endswith("Verleng aan de balie.")


def test_without_an_end_user_message_only_the_bots_own_words() -> None:
    text = views.digest([tariff()], "nl", sign).text
    assert "UiTPAS zegt" not in text
    assert "verleng het nu bij je UiTPAS-balie" in text


def test_uitpas_words_are_escaped_for_telegrams_html() -> None:
    text = views.digest([tariff(message_nl="Kom langs & vraag <hulp>")], "nl", sign).text
    assert text.endswith("UiTPAS zegt: Kom langs &amp; vraag &lt;hulp&gt;")


def test_one_digest_one_stop_button_per_kind() -> None:
    last = Notice(LAST_CHANCE, "104", title="Turnzakje", points=2, ends_at=ENDS)
    reply = views.digest([tariff(), last, tariff()], "nl", sign)
    assert reply.keyboard is not None
    labels = [button.text for row in reply.keyboard.inline_keyboard for button in row]
    assert labels == ["🔕 Stop: Laatste kans op een voordeel", "🔕 Stop: Kansentarief loopt af"]
