"""Everything a public bot receives, end to end: each gets a clear answer, nothing crashes,
nothing wrong is stored, and no reply is ever refused by Telegram because of what it carried.

The emulator validates every message the bot sends like Telegram does (strict HTML, 4096
characters, 64-byte callback data), so a reply that embedded hostile text unescaped would show
up here as a failed call, followed by the bot's "something went wrong".
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.demo.webchat.personas import spaced
from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import NORMAL
from bot.uitpas.numbers import mask_uitpas_number
from storage.repositories import CheckinRepository, LinkRepository
from tests.support.harness import AN, JOHN, Harness, StartBot, say
from tests.support.images import (
    animated_gif,
    cmyk_jpeg,
    png_bomb,
    poster_photo,
    qr_png,
    tiny_png,
)

JAZZ_CODE = "12345678"
INTERNAL_ERROR = "Er ging bij mij iets mis"
UNSUPPORTED = "Daar kan ik niets mee"


async def next_reply(harness: Harness, user: TgUser) -> BotCall:
    reply = await harness.telegram.wait_for_call(("sendMessage", "sendPhoto"), chat_id=user.id)
    assert reply.ok, reply.description  # Telegram (the emulator) accepted what the bot sent
    assert INTERNAL_ERROR not in (reply.text or "")
    return reply


async def assert_no_failed_sends(harness: Harness) -> None:
    calls = await harness.telegram.calls()
    failed = [c.describe() for c in calls if c.method.startswith("send") and not c.ok]
    assert not failed, failed
    assert not [c for c in calls if INTERNAL_ERROR in (c.text or "")]


def _file(**extra: Any) -> dict[str, Any]:
    return {"file_id": "hostile-file", "file_unique_id": "hostile-unique", **extra}


NON_TEXT_MESSAGES: dict[str, dict[str, Any]] = {
    "sticker": {
        "sticker": _file(width=512, height=512, is_animated=False, is_video=False, type="regular")
    },
    "voice": {"voice": _file(duration=3, mime_type="audio/ogg")},
    "audio": {"audio": _file(duration=180, mime_type="audio/mpeg")},
    "video": {"video": _file(width=1280, height=720, duration=10)},
    "video_note": {"video_note": _file(length=240, duration=5)},
    # A location is no longer one of these: it asks for the events near it (test_events.py).
    "venue": {
        "venue": {
            "location": {"latitude": 51.0543, "longitude": 3.7174},
            "title": "<b>CC</b> & co",
            "address": "Grote Markt 1",
        }
    },
    "contact": {"contact": {"phone_number": "+32470000000", "first_name": "<An>"}},
    "poll": {
        "poll": {
            "id": "1",
            "question": "Jazz of <i>theater</i>?",
            "options": [
                {"persistent_id": "a", "text": "jazz", "voter_count": 0},
                {"persistent_id": "b", "text": "theater", "voter_count": 0},
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    },
    "dice": {"dice": {"emoji": "🎲", "value": 6}},
}


@pytest.mark.parametrize("kind", sorted(NON_TEXT_MESSAGES))
async def test_non_text_messages_get_a_friendly_pointer(harness: Harness, kind: str) -> None:
    await harness.telegram.send_raw(AN, NON_TEXT_MESSAGES[kind])
    reply = await next_reply(harness, AN)
    assert UNSUPPORTED in reply.text
    assert "/help" in reply.text


async def test_an_update_the_library_cannot_read_does_not_stall_anyone(harness: Harness) -> None:
    """A poll option without the field PTB 22.8 requires: PTB cannot parse the update.

    Unguarded, PTB refetches the same batch forever and nobody gets an answer again.
    """
    unreadable = {"poll": {"id": "1", "question": "?", "options": [{"text": "x"}]}}
    await harness.telegram.send_raw(AN, unreadable)
    assert "/help" in await say(harness, JOHN, "hello")
    assert "/link" in await say(harness, AN, "/help")


async def test_a_gif_animation_is_not_taken_for_a_photo(harness: Harness) -> None:
    """Telegram sends GIFs as MP4 animations (with a document next to it)."""
    mp4 = _file(mime_type="video/mp4", file_name="funny.gif.mp4")
    animation = _file(width=320, height=240, duration=2, mime_type="video/mp4")
    await harness.telegram.send_raw(AN, {"animation": animation, "document": mp4})
    reply = await next_reply(harness, AN)
    assert "geen afbeelding" in reply.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x" * 4096, "Dat begrijp ik niet"),
        ("9" * 4096, "4096 cijfers"),  # looks like a number: the length is named
        ("<b>vet</b> & <script>alert(1)</script> &amp; </i>", "Dat begrijp ik niet"),
        ("*vet* _schuin_ [link](https://evil.example) `code` ~~x~~ ||spoiler||", "begrijp"),
        ("مرحبا، أريد نقاطي 👋🏽 \u202eevil\u202c", "Dat begrijp ik niet"),
        ("👨‍👩‍👧‍👦🏳️‍🌈🇧🇪", "Dat begrijp ik niet"),
        ("/link <b>0930</b>", "alleen uit cijfers"),
        ("/link " + "1" * 500, "500 cijfers"),
        ("/onbekend_commando", "Dat begrijp ik niet"),
        ("\u200b\u200b\u200b", "Dat begrijp ik niet"),
    ],
)
async def test_hostile_text_gets_a_valid_reply(harness: Harness, text: str, expected: str) -> None:
    reply = await say(harness, AN, text)
    assert expected in reply
    assert await LinkRepository(harness.running.database).get(AN.id) is None
    await assert_no_failed_sends(harness)


async def test_a_number_pasted_with_invisible_characters_links(harness: Harness) -> None:
    typed = spaced(NORMAL)
    reply = await say(harness, AN, f"\u200f{typed[:4]}\u200b{typed[4:]}\u200e")
    assert mask_uitpas_number(NORMAL) in reply


async def test_an_edited_message_is_answered_but_not_acted_on(harness: Harness) -> None:
    typo = NORMAL[:-1] + str((int(NORMAL[-1]) + 1) % 10)  # a typo: the check digit
    sent = await harness.telegram.send_text(AN, typo)
    assert "controlecijfer" in (await next_reply(harness, AN)).text
    await harness.telegram.send_raw(
        AN, {"message_id": sent["message_id"], "text": NORMAL}, edited=True
    )
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Ik lees alleen nieuwe berichten" in reply.text
    assert await LinkRepository(harness.running.database).get(AN.id) is None


async def test_an_edited_photo_caption_does_not_check_in_again(harness: Harness) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    sent = await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    assert "Je spaarde 1 punt" in (await next_reply(harness, AN)).text
    await harness.telegram.send_raw(
        AN, {"message_id": sent["message_id"], "caption": "nieuw"}, edited=True
    )
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Ik lees alleen nieuwe berichten" in reply.text
    assert await harness.sandbox_checkins(NORMAL) == 1


async def test_a_forwarded_photo_with_an_empty_caption_checks_in(harness: Harness) -> None:
    """John forwards a poster photo to An's... no: An forwards one John sent to her."""
    original = await harness.telegram.send_photo(JOHN, poster_photo(JAZZ_CODE))
    await next_reply(harness, JOHN)
    await say(harness, AN, f"/link {NORMAL}")
    forwarded = {
        "photo": original["photo"],
        "caption": "",
        "forward_origin": {
            "type": "user",
            "sender_user": JOHN.to_json() | {"is_bot": False},
            "date": 1_700_000_000,
        },
    }
    await harness.telegram.send_raw(AN, forwarded)
    reply = await next_reply(harness, AN)
    assert "Je spaarde 1 punt" in reply.text


# --- images -------------------------------------------------------------------------------


async def send_file(
    harness: Harness, data: bytes, name: str, mime: str | None, user: TgUser = AN
) -> BotCall:
    await harness.telegram.send_document(user, data, file_name=name, mime_type=mime)
    return await next_reply(harness, user)


@pytest.mark.parametrize(
    ("data", "name", "mime", "expected"),
    [
        (b"MZ\x90\x00 definitely not an image", "qr.png", "image/png", "niet openen"),
        (b"", "leeg.jpg", "image/jpeg", "niet openen"),
        (qr_png(JAZZ_CODE)[:200], "afgebroken.png", "image/png", "niet openen"),
        (poster_photo(JAZZ_CODE)[:5000], "afgebroken.jpg", "image/jpeg", "niet openen"),
        (png_bomb(20_000), "bom.png", "image/png", "niet openen"),
        (tiny_png(), "pixel.png", "image/png", "geen QR-code"),
        (b"<svg onload=alert(1)>", "qr.svg", "image/svg+xml", "niet openen"),
        (b"#!/bin/sh\nrm -rf /", "qr", None, "geen afbeelding"),
    ],
    ids=["not-an-image", "empty", "truncated-png", "truncated-jpeg", "bomb", "tiny", "svg", "sh"],
)
async def test_bad_image_files_are_explained_and_nothing_is_stored(
    harness: Harness, data: bytes, name: str, mime: str | None, expected: str
) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    reply = await send_file(harness, data, name, mime)
    assert expected in reply.text
    assert await CheckinRepository(harness.running.database).recent(AN.id) == []
    assert await harness.sandbox_checkins(NORMAL) == 0


@pytest.mark.parametrize(
    ("data", "name", "mime"),
    [
        (cmyk_jpeg(JAZZ_CODE), "drukproef.jpg", "image/jpeg"),
        (animated_gif(JAZZ_CODE, "second frame"), "bewegend.gif", "image/gif"),
    ],
    ids=["cmyk", "animated-gif"],
)
async def test_unusual_but_valid_images_check_in(
    harness: Harness, data: bytes, name: str, mime: str
) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    reply = await send_file(harness, data, name, mime)
    assert "Je spaarde 1 punt" in reply.text


# --- what a QR code can contain -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected", "reaches_uitpas"),
    [
        ("   ", "Deze QR-code is leeg", False),
        ("x" * 1500, "geen UiTPAS-check-in", False),
        ("abc\x00\x07\x1bdef", "geen UiTPAS-check-in", False),
        ("https://uitpas.be.evil.example/?qr=1", "(uitpas.be.evil.example)", False),
        ("javascript:alert(document.cookie)", "kent deze check-in code niet", True),
        ("<b>gratis</b> & <a href='x'>punten</a></i>", "kent deze check-in code niet", True),
        ("*vet* _x_ [a](https://evil.example) `c`", "kent deze check-in code niet", True),
        ("مرحبا 👋 \u202eedoc", "kent deze check-in code niet", True),
    ],
    ids=["blank", "kilobytes", "control-chars", "lookalike-host", "js-url", "html", "md", "rtl"],
)
async def test_qr_contents_are_escaped_refused_or_sent_verbatim(
    harness: Harness, content: str, expected: str, reaches_uitpas: bool
) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    reply = await send_file(harness, qr_png(content, scale=4), "qr.png", "image/png")
    assert expected in reply.text
    assert await harness.sandbox_checkins(NORMAL) == 0
    records = await CheckinRepository(harness.running.database).recent(AN.id)
    assert len(records) == (1 if reaches_uitpas else 0)
    await assert_no_failed_sends(harness)


async def test_binary_qr_content_gets_a_valid_reply(harness: Harness) -> None:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make_qr(bytes(range(256))[:200], error="l").save(buffer, kind="png", scale=4)
    await say(harness, AN, f"/link {NORMAL}")
    reply = await send_file(harness, buffer.getvalue(), "binair.png", "image/png")
    assert "punt" in reply.text or "QR-code" in reply.text
    assert await harness.sandbox_checkins(NORMAL) == 0
    await assert_no_failed_sends(harness)


async def test_uitpas_message_with_html_is_escaped(harness: Harness) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    await harness.fault(
        "enduser/checkin",
        status=400,
        body='{"code": "WEIRD", "message": "<b>Nee</b> & </i><script>x</script>"}',
        content_type="application/json",
    )
    reply = await send_file(harness, qr_png(JAZZ_CODE), "qr.png", "image/png")
    assert "&lt;b&gt;Nee&lt;/b&gt; &amp; &lt;/i&gt;&lt;script&gt;" in reply.text


# --- buttons ------------------------------------------------------------------------------


async def spotlight_message(harness: Harness, user: TgUser = AN) -> BotCall:
    await say(harness, user, f"/link {NORMAL}")
    await harness.telegram.send_photo(user, poster_photo(JAZZ_CODE))
    return await next_reply(harness, user)


async def press_forged(harness: Harness, user: TgUser, message: BotCall, data: str) -> dict:
    query_id = await harness.telegram.press_button(
        user, message.result["message_id"], data, force=True
    )
    await harness.telegram.wait_for_call(
        "answerCallbackQuery", where=lambda c: c.params.get("callback_query_id") == query_id
    )
    return await harness.telegram.callback_answer(query_id)


@pytest.mark.parametrize(
    "data",
    ["hack", "prom", "promo", "forget", "forget:yes;DROP TABLE", "recheck:7002", "<b>x</b>", "🎁"],
)
async def test_unknown_or_truncated_button_data_is_answered_not_obeyed(
    harness: Harness, data: str
) -> None:
    message = await spotlight_message(harness)
    answer = await press_forged(harness, AN, message, data)
    assert answer["answered"]
    assert "Deze knop werkt niet meer" in answer["answer"]["text"]
    assert await LinkRepository(harness.running.database).get(AN.id) is not None
    await assert_no_failed_sends(harness)


@pytest.mark.parametrize("data", ["promo:999999", "promo:abc-DEF_1"])
async def test_unknown_promotion_ids_say_the_promotion_is_gone(harness: Harness, data: str) -> None:
    """Said in the button's answer; the current list follows (issue 4's design)."""
    message = await spotlight_message(harness)
    answer = await press_forged(harness, AN, message, data)
    assert "Dit voordeel is niet meer beschikbaar" in answer["answer"]["text"]
    reply = await next_reply(harness, AN)
    assert "Voordelen om te ruilen" in reply.text


@pytest.mark.parametrize(
    "data", ["promo:../../admin", "promo:%00<b>", "promo: ", "promo:1?x=2", "promo:" + "9" * 58]
)
async def test_malformed_promotion_ids_never_reach_uitpas(harness: Harness, data: str) -> None:
    message = await spotlight_message(harness)
    before = (await harness.sandbox.get("/_sandbox/requests")).json()
    answer = await press_forged(harness, AN, message, data)
    assert "De lijst is veranderd" in answer["answer"]["text"]
    assert "Voordelen om te ruilen" in (await next_reply(harness, AN)).text
    after = (await harness.sandbox.get("/_sandbox/requests")).json()
    assert after.get("promotion", 0) == before.get("promotion", 0)


async def test_a_promotion_button_shows_the_tappers_points_not_the_senders(
    harness: Harness,
) -> None:
    """Button data carries no user: John's forged promo:101 shows John's (absent) card."""
    message = await spotlight_message(harness, AN)
    await harness.telegram.send_text(JOHN, "/help")
    help_message = await next_reply(harness, JOHN)
    assert message
    await press_forged(harness, JOHN, help_message, "promo:101")
    detail = await next_reply(harness, JOHN)
    assert "Gratis koffie" in detail.text
    assert "You have" not in detail.text  # John linked no card: no points, not An's


async def test_buttons_still_work_after_a_restart(start_bot: StartBot) -> None:
    async with start_bot() as harness:
        message = await spotlight_message(harness)
    async with start_bot() as harness:
        await press_forged(harness, AN, message, "promo:101")
        detail = await next_reply(harness, AN)
        assert "Gratis koffie" in detail.text
        assert "Je hebt 26 punten" in detail.text


async def test_a_promotion_removed_since_the_button_was_sent(harness: Harness) -> None:
    message = await spotlight_message(harness)
    removed = await harness.sandbox.delete("/_sandbox/promotions/101")
    removed.raise_for_status()
    query_id = await harness.telegram.press_button(AN, message.result["message_id"], "promo:101")
    await harness.telegram.wait_for_call(
        "answerCallbackQuery", where=lambda c: c.params.get("callback_query_id") == query_id
    )
    answer = await harness.telegram.callback_answer(query_id)
    assert "Dit voordeel is niet meer beschikbaar" in answer["answer"]["text"]
    reply = await next_reply(harness, AN)
    labels = [label for row in reply.buttons for label, _ in row]
    assert labels
    assert not [label for label in labels if "Gratis koffie in de foyer" in label]
