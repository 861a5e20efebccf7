"""The emulator's building blocks on their own: HTML parsing, multipart, photos, queues."""

from __future__ import annotations

import io

import httpx
import pytest
from PIL import Image

from bot.sandbox.telegram.errors import ApiError
from bot.sandbox.telegram.faults import Fault, FaultBook
from bot.sandbox.telegram.formatting import command_entities, format_text, parse_html, trim
from bot.sandbox.telegram.keyboards import parse_reply_markup
from bot.sandbox.telegram.multipart import Upload, parse_multipart
from bot.sandbox.telegram.photos import (
    CACHE,
    InvalidDimensions,
    NotAnImage,
    RenditionCache,
    renditions,
)
from bot.sandbox.telegram.updates import UpdateQueue


def test_entity_offsets_count_utf16_units_and_nest_outer_first() -> None:
    text, entities = parse_html("👨‍👩‍👧 <b>é<i>𝄞x</i></b>")
    assert text == "👨‍👩‍👧 é𝄞x"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bold", 9, 4),
        ("italic", 10, 3),
    ]


def test_error_offsets_are_in_bytes() -> None:
    with pytest.raises(ApiError) as caught:
        parse_html("ééé <foo>")
    assert caught.value.description.endswith('Unsupported start tag "foo" at byte offset 7')


def test_lenient_mode_keeps_stray_ampersands_and_brackets_like_telegram() -> None:
    assert parse_html("Tom & Jerry > Nemo &copy;", strict=False) == (
        "Tom & Jerry > Nemo &copy;",
        [],
    )
    with pytest.raises(ApiError):
        parse_html("Tom & Jerry")


def test_numeric_entities_and_quoted_attributes_are_decoded() -> None:
    text, entities = parse_html("<a href='https://x.be/?q=&quot;a&quot;'>&#x1F600;&#65;</a>")
    assert text == "😀A"
    assert entities == [
        {"type": "text_link", "url": 'https://x.be/?q="a"', "offset": 0, "length": 3}
    ]


def test_trimming_moves_and_clips_entities() -> None:
    text, entities = trim("\n  hoi  \n", [{"type": "bold", "offset": 0, "length": 6}])
    assert text == "hoi"
    assert entities == [{"type": "bold", "offset": 0, "length": 3}]


def test_explicit_entities_win_over_parse_mode() -> None:
    entities = [{"type": "bold", "offset": 0, "length": 2}]
    assert format_text("<b>", "HTML", entities) == ("<b>", entities)


def test_unknown_parse_modes_are_refused() -> None:
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        format_text("x", "BBCode")


def test_commands_are_found_anywhere_but_not_inside_words_or_paths() -> None:
    found = command_entities("/start en /help@uitpas_test_bot, niet a/b of /x/y")
    assert [(e["offset"], e["length"]) for e in found] == [(0, 6), (10, 21)]


def test_multipart_parts_keep_binary_bytes_exactly() -> None:
    payload = b"\r\n--not-the-boundary\r\n\x00\xff" * 3
    request = httpx.Request(
        "POST",
        "http://x",
        data={"chat_id": "5", "caption": "é"},
        files={"document": ("a b.bin", payload, "application/x-test")},
    )
    parts = parse_multipart(request.read(), request.headers["content-type"])
    assert parts["chat_id"] == "5"
    assert parts["caption"] == "é"
    assert parts["document"] == Upload("a b.bin", "application/x-test", payload)


def _image_bytes(image: Image.Image, fmt: str, **save: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def test_transparent_images_are_flattened_on_white() -> None:
    clear = Image.new("RGBA", (20, 10), (0, 0, 0, 0))
    (only,) = renditions(_image_bytes(clear, "PNG"))
    with Image.open(io.BytesIO(only.jpeg)) as decoded:
        assert decoded.mode == "RGB"
        assert min(decoded.getpixel((5, 5))) > 245


def test_exif_orientation_is_applied_before_sizing() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise: a 1600x400 sensor image is 400x1600 upright
    data = _image_bytes(Image.new("RGB", (1600, 400)), "JPEG", exif=exif)
    assert [(r.width, r.height) for r in renditions(data)][-1] == (320, 1280)


def test_a_resent_photo_comes_from_the_cache_with_the_same_sizes() -> None:
    data = _image_bytes(Image.new("RGB", (1500, 900), (10, 120, 200)), "PNG")
    hits = CACHE.hits
    first = renditions(data)
    second = renditions(data)
    assert CACHE.hits == hits + 1
    assert [(r.width, r.height, len(r.jpeg)) for r in second] == [
        (r.width, r.height, len(r.jpeg)) for r in first
    ]
    assert [(r.width, r.height) for r in second] == [(90, 54), (320, 192), (800, 480), (1280, 768)]


def test_the_rendition_cache_forgets_the_least_recently_used() -> None:
    cache = RenditionCache(entries=2)
    cache.put(b"a", ())
    cache.put(b"b", ())
    assert cache.get(b"a") == ()  # "a" is now the most recently used
    cache.put(b"c", ())
    assert (cache.get(b"b"), cache.get(b"a"), cache.get(b"c")) == (None, (), ())
    assert len(cache) == 2


def test_non_images_are_refused() -> None:
    with pytest.raises(NotAnImage):
        renditions(b"GIF89a but not really")


def test_negative_offset_keeps_only_the_newest_updates() -> None:
    queue = UpdateQueue()
    for n in range(3):
        queue.push("message", {"n": n})
    queue.confirm(-1)
    assert queue.pending_count == 1


def test_faults_run_out_and_any_method_matches_everything() -> None:
    book = FaultBook()
    book.add(Fault(method="sendMessage", error_code=429, description="slow", times=2))
    book.add(Fault(method="*", error_code=502, description="down"))
    assert book.take("sendmessage").description == "slow"
    assert book.take("sendMessage").description == "slow"
    assert book.take("getFile").description == "down"
    assert book.take("sendMessage") is None


@pytest.mark.parametrize(
    ("markup", "description"),
    [
        ({"inline_keyboard": [[{"text": "x"}]]}, "Text buttons are unallowed"),
        (
            {"inline_keyboard": [[{"text": "x", "url": "javascript:alert(1)"}]]},
            "BUTTON_URL_INVALID",
        ),
        ({"inline_keyboard": [[{"text": "x", "callback_data": ""}]]}, "BUTTON_DATA_INVALID"),
        ({"inline_keyboard": [{"text": "x"}]}, "must be an Array of Arrays"),
        ("{not json", "can't parse reply keyboard markup JSON object"),
    ],
)
def test_invalid_keyboards_are_refused(markup: object, description: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_reply_markup(markup)
    assert description in caught.value.description


@pytest.mark.parametrize("size", [(2100, 100), (9000, 1100)])
def test_photos_out_of_telegrams_proportions_are_refused(size: tuple[int, int]) -> None:
    with pytest.raises(InvalidDimensions):
        renditions(_image_bytes(Image.new("RGB", size), "PNG"))
