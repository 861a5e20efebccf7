"""Which decoded QR text is a check-in code, and which must not be sent to UiTPAS at all.

A check-in code is whatever the QR code holds (digits in old posters, ``https://…uitpas.be/?qr=…``
URLs today), so digits are never required. What is refused is what certainly is not one: empty
codes, links to other websites (never followed), and texts too long or too odd to be a code.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

MAX_CODE_LENGTH = 512
_UITPAS_DOMAIN = "uitpas.be"


class CodeProblem(StrEnum):
    EMPTY = "empty"
    FOREIGN_URL = "foreign_url"
    UNUSABLE = "unusable"


@dataclass(frozen=True, slots=True)
class CodeRejection:
    problem: CodeProblem
    host: str | None = None


def _url_host(text: str) -> str | None:
    """The host of an http(s) URL, or None when the text is not such a URL."""
    if not text.lower().startswith(("http://", "https://")):
        return None
    try:
        return (urlsplit(text).hostname or "").lower()
    except ValueError:
        return ""


def _is_uitpas_host(host: str) -> bool:
    return host == _UITPAS_DOMAIN or host.endswith("." + _UITPAS_DOMAIN)


def check_code(text: str) -> str | CodeRejection:
    """The code to send (trimmed), or why this text is not one."""
    code = text.strip()
    if not code:
        return CodeRejection(CodeProblem.EMPTY)
    if len(code) > MAX_CODE_LENGTH or any(unicodedata.category(ch) == "Cc" for ch in code):
        return CodeRejection(CodeProblem.UNUSABLE)
    host = _url_host(code)
    if host is not None and not _is_uitpas_host(host):
        if not host:
            return CodeRejection(CodeProblem.UNUSABLE)
        return CodeRejection(CodeProblem.FOREIGN_URL, host=host)
    return code


def pick_checkin_code(texts: list[str]) -> str | CodeRejection:
    """From all codes in a photo, the one that looks most like a UiTPAS check-in.

    A uitpas.be URL wins over bare text, which wins over nothing; when none qualifies, the
    first rejection explains why (a poster's website link is the usual case).
    """
    checked = [check_code(text) for text in texts]
    usable = [code for code in checked if isinstance(code, str)]
    for code in usable:
        host = _url_host(code)
        if host and _is_uitpas_host(host):
            return code
    if usable:
        return usable[0]
    return checked[0] if checked else CodeRejection(CodeProblem.EMPTY)
