"""Telegram's limits in the views: counted as Telegram counts, split where Telegram can take it."""

from __future__ import annotations

from bot.views.limits import CAPTION_LIMIT, TEXT_LIMIT, fit, fit_one, visible_length
from bot.views.reply import Reply


def test_length_is_counted_after_html_in_utf16_units() -> None:
    assert visible_length("<b>a&amp;b</b>") == 3
    assert visible_length("😀") == 2  # outside the BMP: two UTF-16 code units


def test_a_long_text_is_split_between_lines_with_the_buttons_last() -> None:
    keyboard = object()
    lines = [f"<b>regel {n}</b> " + "x" * 90 for n in range(100)]
    parts = fit(Reply("\n".join(lines), keyboard))  # type: ignore[arg-type]
    assert len(parts) == 3
    assert all(visible_length(p.text) <= TEXT_LIMIT for p in parts)
    assert [p.keyboard for p in parts] == [None, None, keyboard]
    assert "\n".join(p.text for p in parts) == "\n".join(lines)  # nothing lost


def test_emoji_lines_are_counted_as_telegram_counts_them() -> None:
    parts = fit(Reply("\n".join(["😀" * 100] * 30)))  # 3000 characters, 6000 units
    assert len(parts) == 2


def test_a_tag_across_two_parts_is_dropped_rather_than_broken() -> None:
    text = "<i>" + "\n".join(["y" * 100] * 60) + "</i>"
    parts = fit(Reply(text))
    assert len(parts) == 2
    assert all("<i>" not in p.text and "</i>" not in p.text for p in parts)


def test_one_overlong_line_is_shortened_with_an_ellipsis() -> None:
    [part] = fit(Reply("<b>" + "&lt;" * 5000 + "</b>"))
    assert visible_length(part.text) == TEXT_LIMIT
    assert part.text.endswith("…")


def test_a_caption_too_long_loses_its_picture() -> None:
    [part] = fit(Reply("z" * (CAPTION_LIMIT + 1), photo_url="https://example.org/p.png"))
    assert part.photo_url is None


def test_an_edit_keeps_the_first_part_and_its_buttons() -> None:
    keyboard = object()
    reply = fit_one(Reply("\n".join(["w" * 100] * 60), keyboard))  # type: ignore[arg-type]
    assert visible_length(reply.text) <= TEXT_LIMIT
    assert reply.text.endswith("\n…")
    assert reply.keyboard is keyboard
