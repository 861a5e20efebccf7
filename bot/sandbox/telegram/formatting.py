"""Message text as Telegram sees it: HTML parse mode, bot commands, trimming, UTF-16 offsets.

The HTML parser follows Telegram's (TDLib's) own parser closely — the same tag set, the same
attribute rules and the same error messages with *byte* offsets — because the point of the
emulator is that markup which fails on Telegram fails here first. Entity offsets and lengths
are counted in UTF-16 code units, as in the real Bot API.

One deliberate difference, on by default (``strict``): real Telegram silently keeps a stray
``&`` or ``>`` as text, but the Bot API documentation requires them escaped, and an unescaped one
almost always means user input went into HTML unescaped. Strict mode reports it, so such bugs
surface in tests instead of as an odd "&lt;" in production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, bad_request

WHITESPACE = " \t\n\r\v\f"
ALLOWED_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
     "tg-emoji", "code", "pre", "blockquote"}
)  # fmt: skip
SIMPLE_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "span": "spoiler", "tg-spoiler": "spoiler", "code": "code",
}  # fmt: skip
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,10}|#[xX][0-9a-fA-F]{1,8});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _decode_entity(source: str, index: int) -> tuple[str, int] | None:
    """The character an HTML entity at ``index`` stands for, and where the entity ends."""
    match = _ENTITY.match(source, index)
    if match is None:
        return None
    name = match.group(1)
    if name in _NAMED:
        return _NAMED[name], match.end()
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


class _HtmlError(Exception):
    pass


@dataclass
class _OpenTag:
    name: str
    offset: int
    attributes: dict[str, str] = field(default_factory=dict)


class _HtmlParser:
    """One pass over the source, building plain text and entities as it goes."""

    def __init__(self, source: str, *, strict: bool) -> None:
        self.source = source
        self.strict = strict
        self.out: list[str] = []
        self.position = 0  # UTF-16 length of the text produced so far
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_OpenTag] = []

    def fail(self, message: str) -> _HtmlError:
        return _HtmlError(message)

    def at(self, index: int) -> int:
        return _byte_offset(self.source, index)

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.position += utf16_len(text)

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        source, i = self.source, 0
        specials = "<&>" if self.strict else "<&"
        while i < len(source):
            run_end = i
            while run_end < len(source) and source[run_end] not in specials:
                run_end += 1
            if run_end > i:
                self.emit(source[i:run_end])
                i = run_end
                continue
            char = source[i]
            if char == "&":
                decoded = _decode_entity(source, i)
                if decoded is not None:
                    self.emit(decoded[0])
                    i = decoded[1]
                elif self.strict:
                    raise self.fail(
                        f"Character '&' at byte offset {self.at(i)} must be escaped as &amp;"
                    )
                else:
                    self.emit("&")
                    i += 1
            elif char == ">":
                offset = self.at(i)
                raise self.fail(f"Character '>' at byte offset {offset} must be escaped as &gt;")
            elif source.startswith("</", i):
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
        if self.stack:
            raise self.fail(f"Can't find end tag corresponding to start tag {self.stack[-1].name}")
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self.out), self.entities

    def skip_spaces(self, i: int) -> int:
        while i < len(self.source) and self.source[i] in WHITESPACE:
            i += 1
        return i

    def start_tag(self, begin: int) -> int:
        source, i = self.source, begin + 1
        while i < len(source) and source[i] not in WHITESPACE and source[i] != ">":
            i += 1
        if i >= len(source):
            raise self.fail(f"Unclosed start tag at byte offset {self.at(begin)}")
        name = source[begin + 1 : i].lower()
        if name not in ALLOWED_TAGS:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {self.at(begin)}')
        tag = _OpenTag(name, self.position)
        while True:
            i = self.skip_spaces(i)
            if i >= len(source):
                raise self.fail(f"Unclosed start tag at byte offset {self.at(begin)}")
            if source[i] == ">":
                break
            i = self.attribute(tag, begin, i)
        if name == "span" and tag.attributes.get("class") != "tg-spoiler":
            raise self.fail(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.at(begin)}'
            )
        self.stack.append(tag)
        return i + 1

    def attribute(self, tag: _OpenTag, begin: int, i: int) -> int:
        source, name_begin = self.source, i
        while i < len(source) and source[i] not in WHITESPACE and source[i] not in "=>":
            i += 1
        attribute = source[name_begin:i].lower()
        if not attribute:
            raise self.fail(
                f'Empty attribute name in the tag "{tag.name}" at byte offset {self.at(name_begin)}'
            )
        i = self.skip_spaces(i)
        if i >= len(source):
            raise self.fail(f"Unclosed start tag at byte offset {self.at(begin)}")
        if source[i] != "=":
            if tag.name == "blockquote" and attribute == "expandable":
                tag.attributes["expandable"] = ""
                return i
            raise self.fail(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag.name}" at byte offset {self.at(i)}'
            )
        i = self.skip_spaces(i + 1)
        if i >= len(source):
            raise self.fail(f"Unclosed start tag at byte offset {self.at(begin)}")
        if source[i] in "'\"":
            quote, value_begin = source[i], i + 1
            i = source.find(quote, value_begin)
            if i < 0:
                raise self.fail(f"Unclosed start tag at byte offset {self.at(begin)}")
            value = _unescape(source[value_begin:i])
            i += 1
        else:
            value_begin = i
            while i < len(source) and _is_name_token_char(source[i]):
                i += 1
            value = source[value_begin:i].lower()
            if i < len(source) and source[i] not in WHITESPACE and source[i] != ">":
                raise self.fail(
                    f"Unexpected end of name token at byte offset {self.at(value_begin)}"
                )
        if i >= len(source):
            raise self.fail(f"Unclosed start tag at byte offset {self.at(begin)}")
        tag.attributes.setdefault(attribute, value)
        return i

    def end_tag(self, begin: int) -> int:
        source = self.source
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {self.at(begin)}")
        i = begin + 2
        while i < len(source) and source[i] not in WHITESPACE and source[i] != ">":
            i += 1
        end_name = source[begin + 2 : i].lower()
        i = self.skip_spaces(i)
        if i >= len(source) or source[i] != ">":
            raise self.fail(f"Unclosed end tag at byte offset {self.at(begin)}")
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise self.fail(
                f"Unmatched end tag at byte offset {self.at(begin)}, "
                f'expected "</{tag.name}>", found "</{end_name}>"'
            )
        self.close(tag)
        return i + 1

    def close(self, tag: _OpenTag) -> None:
        length = self.position - tag.offset
        if tag.name == "code" and self.stack and self.stack[-1].name == "pre":
            parent = self.stack[-1]
            if parent.offset == tag.offset:
                language = tag.attributes.get("class", "")
                if language.startswith("language-"):
                    parent.attributes["language"] = language.removeprefix("language-")
                return
        entity = _entity_for(tag)
        if entity is not None and length > 0:
            entity.update(offset=tag.offset, length=length)
            self.entities.append(entity)


def _is_name_token_char(char: str) -> bool:
    return (char.isascii() and char.isalnum()) or char in ".-"


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        decoded = _decode_entity(value, i) if value[i] == "&" else None
        if decoded is None:
            out.append(value[i])
            i += 1
        else:
            out.append(decoded[0])
            i = decoded[1]
    return "".join(out)


def _entity_for(tag: _OpenTag) -> dict[str, Any] | None:
    if tag.name in SIMPLE_TYPES:
        return {"type": SIMPLE_TYPES[tag.name]}
    if tag.name == "a":
        url = tag.attributes.get("href", "").strip()
        if not url:
            return None
        if "://" not in url and not url.startswith("tg:"):
            url = "http://" + url
        return {"type": "text_link", "url": url}
    if tag.name == "pre":
        entity: dict[str, Any] = {"type": "pre"}
        if tag.attributes.get("language"):
            entity["language"] = tag.attributes["language"]
        return entity
    if tag.name == "blockquote":
        expandable = "expandable" in tag.attributes
        return {"type": "expandable_blockquote" if expandable else "blockquote"}
    if tag.name == "tg-emoji" and tag.attributes.get("emoji-id"):
        return {"type": "custom_emoji", "custom_emoji_id": tag.attributes["emoji-id"]}
    return None


def parse_html(source: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities of Telegram-flavoured HTML, or ``ApiError`` as Telegram says it."""
    try:
        return _HtmlParser(source, strict=strict).parse()
    except _HtmlError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None


def command_entities(text: str) -> list[dict[str, Any]]:
    """``bot_command`` entities for every /command (optionally /command@bot) in ``text``."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group()),
        }
        for match in _COMMAND.finditer(text)
    ]


# Inside these Telegram finds no command: code is shown as typed, a link's text is the link.
_NO_DETECTION = frozenset({"code", "pre", "text_link", "url", "email", "mention"})


def with_detected_commands(text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``entities`` plus the /commands Telegram's servers find in any message, a bot's too
    (so clients make them tappable), except inside code, pre and links."""
    closed = [
        (e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] in _NO_DETECTION
    ]
    found = [
        command
        for command in command_entities(text)
        if not any(
            start < command["offset"] + command["length"] and command["offset"] < end
            for start, end in closed
        )
    ]
    if not found:
        return entities
    return sorted([*entities, *found], key=lambda e: (e["offset"], -e["length"]))


def trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace as Telegram does, moving and clipping entities along."""
    stripped = text.strip(WHITESPACE)
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip(WHITESPACE))])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(size, entity["offset"] - lead + entity["length"])
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def format_text(
    text: str, parse_mode: str | None, entities: Any = None, *, strict: bool = True
) -> tuple[str, list[dict[str, Any]]]:
    """The text and entities Telegram stores for ``text`` sent with ``parse_mode``/``entities``."""
    if entities not in (None, "", []):
        if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
            raise bad_request("can't parse entities JSON object")
        return trim(text, [dict(entity) for entity in entities])
    mode = (parse_mode or "").strip().lower()
    if not mode:
        return trim(text, [])
    if mode == "html":
        return trim(*parse_html(text, strict=strict))
    if mode in ("markdown", "markdownv2"):
        raise ApiError(400, f"Bad Request: the emulator does not implement parse_mode {parse_mode}")
    raise bad_request("unsupported parse_mode")
