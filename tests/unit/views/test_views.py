"""Rendering outcomes: every answer code has its own words, values are escaped, buttons fit."""

from __future__ import annotations

import pytest

from bot.i18n import CATALOGUES, Language
from bot.services.checkin_codes import CodeProblem, CodeRejection
from bot.services.outcomes import (
    AwaitingLink,
    CheckinAnswered,
    CodeNotUsable,
    ImageProblem,
    PhotoNotUsable,
    PromotionDetail,
    UitpasRefused,
    UitpasSilent,
)
from bot.uitpas.models import AnswerCode, CheckinAnswer, Event, Organiser, Promotion
from bot.views import account as views_account
from bot.views import checkin as views
from bot.views.codes import LEGACY_CODE_MESSAGES

MASKED = "0930 •••• ••80 2"


def answered(code: str, **fields: object) -> CheckinAnswered:
    return CheckinAnswered(CheckinAnswer(code=code, **fields), MASKED)  # type: ignore[arg-type]


def test_success_names_points_total_event_and_organiser() -> None:
    event = Event(id="e1", title="Film <Noir> & co", organiser=Organiser(name="CC <Dender>"))
    reply = views.checkin(
        answered(AnswerCode.ACTION_SUCCEEDED, points=26, saved_points=1, event=event), "nl"
    )
    assert "1 punt bij <b>Film &lt;Noir&gt; &amp; co</b> (CC &lt;Dender&gt;)" in reply.text
    assert "in totaal 26 punten" in reply.text
    assert reply.keyboard is None


def test_spotlight_promotions_become_buttons_and_others_do_not() -> None:
    promotions = (
        Promotion(id="1", title="Gratis koffie", points=2, in_spotlight=True),
        Promotion(id="2", title="Niet in de kijker", points=5, in_spotlight=False),
        Promotion(id="x" * 80, title="Te lange id", points=5, in_spotlight=True),
    )
    reply = views.checkin(
        answered(AnswerCode.ACTION_SUCCEEDED, points=3, saved_points=1, promotions=promotions),
        "en",
    )
    assert reply.keyboard is not None
    buttons = [button for row in reply.keyboard.inline_keyboard for button in row]
    assert [(b.text, b.callback_data) for b in buttons] == [("Gratis koffie · 2 points", "promo:1")]
    assert "spotlight" in reply.text


@pytest.mark.parametrize(
    "code", [code for code in AnswerCode if code != AnswerCode.ACTION_SUCCEEDED]
)
def test_every_refusal_code_has_its_own_message(code: AnswerCode) -> None:
    others = {
        other: views.checkin(answered(other), "nl").text
        for other in AnswerCode
        if other not in (code, AnswerCode.ACTION_SUCCEEDED)
    }
    text = views.checkin(answered(code), "nl").text
    assert text not in others.values()
    assert "Je spaarde" not in text  # never reads as a success


def test_unknown_code_shows_uitpas_message_escaped_and_claims_nothing() -> None:
    text = views.checkin(answered("SOMETHING_NEW", message="Al <gespaard>"), "en").text
    assert "saved no point" in text
    assert "Al &lt;gespaard&gt;" in text
    assert "SOMETHING_NEW" not in text


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_an_unknown_code_never_reaches_the_passholder(language: Language) -> None:
    for message in (None, "Iets nieuws"):
        texts = [
            views.checkin(answered("SOMETHING_NEW", message=message), language).text,
            views_account.account_problem(
                UitpasRefused("SOMETHING_NEW", message, MASKED), language
            ),
        ]
        for text in texts:
            assert "SOMETHING_NEW" not in text
            assert ")." not in text


def test_silence_is_honest_about_what_may_have_happened() -> None:
    assert "No point was saved" in views.checkin(UitpasSilent(maybe_saved=False), "en").text
    assert "don't know" in views.checkin(UitpasSilent(maybe_saved=True), "en").text


def test_photo_problems_and_codes() -> None:
    assert "glare" in views.checkin(PhotoNotUsable(ImageProblem.NO_QR_CODE), "en").text
    assert "can't open" in views.checkin(PhotoNotUsable(ImageProblem.UNREADABLE), "en").text
    assert "won't guess" in views.checkin(PhotoNotUsable(ImageProblem.AMBIGUOUS), "en").text
    foreign = CodeNotUsable(CodeRejection(CodeProblem.FOREIGN_URL, "evil.example"))
    assert "evil.example" in views.checkin(foreign, "en").text
    assert "UiTPAS number" in views.checkin(AwaitingLink(), "en").text


def test_promotion_detail_says_whether_points_cover_it() -> None:
    promotion = Promotion(
        id="1", title="Ticket", points=10, description1="<b>x</b>", pictures=("http://p/1.png",)
    )
    enough = views_account.promotion_detail(PromotionDetail(promotion, total_points=12), "en")
    short = views_account.promotion_detail(PromotionDetail(promotion, total_points=4), "en")
    assert "enough" in enough.text
    assert "6 more points" in short.text
    assert "&lt;b&gt;x&lt;/b&gt;" in enough.text
    assert enough.photo_url == "http://p/1.png"
    assert "Unlimited" in enough.text
    assert (
        views_account.promotion_detail(None, "en").text == "This promotion is no longer available."
    )


async def test_an_ambiguous_photo_is_never_guessed_at() -> None:
    """The service turns the decoder's disagreement into its own outcome, before any lookup."""
    from bot.qr import AmbiguousPhoto
    from bot.services.checkin import CheckinService

    async def ambiguous(_image: bytes) -> list[str]:
        raise AmbiguousPhoto("two texts for one code")

    class NoLinks:
        async def get(self, _user: int) -> None:
            return None

    service = CheckinService(None, ambiguous, NoLinks(), None, None)  # type: ignore[arg-type]
    outcome = await service.check_in_photo(1, b"photo")
    assert outcome == PhotoNotUsable(ImageProblem.AMBIGUOUS)


@pytest.mark.parametrize("promotion_id", ["101", "abc-DEF_1", "9" * 30, "9" * 31, "a.b", "x" * 58])
def test_spotlight_buttons_are_exactly_the_ones_the_codec_reads_back(promotion_id: str) -> None:
    """One format, one definition: a button the view makes is never refused when pressed."""
    from bot.views.callback_data import CallbackCodec, SpotlightEntry

    codec = CallbackCodec.from_settings("secret", "123:token")
    data = views.promotion_callback_data(Promotion(id=promotion_id, in_spotlight=True))
    decoded = codec.decode(7, data) if data else None
    if data is None:
        assert codec.decode(7, "promo:" + promotion_id) is None
    else:
        assert decoded == SpotlightEntry(promotion_id)


# --- legacy answer codes with words of their own ----------------------------------------------

LEGACY_CODES = sorted(LEGACY_CODE_MESSAGES)


@pytest.mark.parametrize("language", sorted(CATALOGUES))
@pytest.mark.parametrize("code", LEGACY_CODES)
def test_legacy_codes_have_their_own_words_and_never_show_the_code(
    code: str, language: Language
) -> None:
    texts = {other: views.checkin(answered(other), language).text for other in LEGACY_CODES}
    text = texts[code]
    assert code not in text
    assert list(texts.values()).count(text) == 1
    assert text != views.checkin(answered("SOMETHING_NEW"), language).text
    refused = views_account.account_problem(UitpasRefused(code, None, MASKED), language)
    assert code not in refused
    assert refused != views_account.account_problem(
        UitpasRefused("SOMETHING_NEW", None, MASKED), language
    )


def test_a_legacy_code_keeps_uitpas_own_words_escaped() -> None:
    text = views.checkin(answered("CHECKIN_CURRENTLY_NOT_ALLOWED", message="<nu> niet"), "nl").text
    assert "&lt;nu&gt; niet" in text
    assert "geen punt gespaard" in text


@pytest.mark.parametrize("code", ["ACCESS_DENIED", AnswerCode.CONSUMER_REFUSED])
def test_points_and_promotions_say_uitpas_refuses_the_bot(code: str) -> None:
    text = views_account.account_problem(UitpasRefused(code, None, MASKED), "en")
    assert "refuses the bot's credentials" in text
    assert code not in text
