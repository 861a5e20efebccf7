"""Telegram's size limits, kept before anything is sent: 4096 characters of text, 1024 of a
caption (both counted after the HTML is parsed, in UTF-16 code units, as Telegram counts).

Text built from what UiTPAS or a user wrote (a promotion's title and descriptions, an event's
title, UiTPAS's own messages) has no length of its own, so every reply passes through here:
a caption too long loses its picture, a text too long is split between lines into several
messages (the buttons under the last), and a single line too long is shortened with "…". An
edit cannot become two messages: it keeps what fits (:func:`fit_one`). Callback data (64
bytes) is kept by :mod:`bot.views.callback_data`.
"""

from __future__ import annotations

import dataclasses
import html
import re

from bot.views.reply import Reply

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
_TAG = re.compile(r"<[^>]*>")
_TAG_NAME = re.compile(r"</?([a-z]+)[\s>]")
_ELLIPSIS = "…"


def visible_length(text: str) -> int:
    """How long Telegram finds HTML ``text``: without tags, entities as one character,
    in UTF-16 code units (an emoji counts two)."""
    plain_text = html.unescape(_TAG.sub("", text))
    return len(plain_text.encode("utf-16-le")) // 2


def fit(reply: Reply) -> list[Reply]:
    """``reply`` as messages Telegram accepts: one, unless the text is too long for one."""
    if reply.photo_url and visible_length(reply.text) > CAPTION_LIMIT:
        reply = dataclasses.replace(reply, photo_url=None)  # the words matter more
    if visible_length(reply.text) <= TEXT_LIMIT:
        return [reply]
    chunks = _split(reply.text, TEXT_LIMIT)
    return [
        Reply(chunk, reply.keyboard if index == len(chunks) - 1 else None)
        for index, chunk in enumerate(chunks)
    ]


def fit_one(reply: Reply) -> Reply:
    """One message that fits (for an edit): the first part, marked as cut, with the buttons."""
    parts = fit(reply)
    if len(parts) == 1:
        return parts[0]
    first = _split(reply.text, TEXT_LIMIT - 2)[0]
    return Reply(f"{first}\n{_ELLIPSIS}", reply.keyboard)


def _split(text: str, limit: int) -> list[str]:
    """Whole lines per chunk; a line longer than ``limit`` shortened on its own."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        if visible_length(line) > limit:
            line = _shorten_line(line, limit)
        length = visible_length(line)
        if current and size + 1 + length > limit:
            chunks.append(_balanced("\n".join(current)))
            current, size = [], 0
        size += length + (1 if current else 0)
        current.append(line)
    chunks.append(_balanced("\n".join(current)))
    return [chunk for chunk in chunks if chunk.strip()] or [_ELLIPSIS]


def _shorten_line(line: str, limit: int) -> str:
    """The line's text without its formatting, cut to ``limit`` with an ellipsis."""
    plain_text = html.unescape(_TAG.sub("", line))
    units = plain_text.encode("utf-16-le")[: (limit - 1) * 2]
    cut = units.decode("utf-16-le", errors="ignore").rstrip()
    return html.escape(cut, quote=False) + _ELLIPSIS


def _balanced(chunk: str) -> str:
    """A chunk whose tags open and close within it; else its text without formatting (a tag
    that spans two messages would make Telegram refuse both)."""
    for name in set(_TAG_NAME.findall(chunk)):
        if len(re.findall(rf"<{name}[\s>]", chunk)) != chunk.count(f"</{name}>"):
            return html.escape(html.unescape(_TAG.sub("", chunk)), quote=False)
    return chunk
