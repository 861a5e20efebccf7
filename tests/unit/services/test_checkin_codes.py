"""Which decoded QR texts are sent to UiTPAS as check-in codes."""

from __future__ import annotations

import pytest

from bot.services.checkin_codes import CodeProblem, CodeRejection, check_code, pick_checkin_code


@pytest.mark.parametrize(
    "text",
    [
        "12345678",
        "https://uitpas.be/?qr=abc",
        "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8",
        "ABC-123",  # never require digits
    ],
)
def test_codes_are_sent_trimmed(text: str) -> None:
    assert check_code(f"  {text}\n") == text


@pytest.mark.parametrize(
    ("text", "problem", "host"),
    [
        ("   ", CodeProblem.EMPTY, None),
        ("https://example.com/uitpas.be", CodeProblem.FOREIGN_URL, "example.com"),
        ("https://uitpas.be.evil.example/?qr=1", CodeProblem.FOREIGN_URL, "uitpas.be.evil.example"),
        ("http://notuitpas.be/?qr=1", CodeProblem.FOREIGN_URL, "notuitpas.be"),
        ("x" * 600, CodeProblem.UNUSABLE, None),
        ("abc\x00def", CodeProblem.UNUSABLE, None),
    ],
)
def test_what_is_certainly_not_a_code_is_refused(
    text: str, problem: CodeProblem, host: str | None
) -> None:
    assert check_code(text) == CodeRejection(problem, host)


def test_uitpas_url_wins_over_other_codes_in_one_photo() -> None:
    texts = ["https://example.com", "12345678", "https://uitpas.be/?qr=xyz"]
    assert pick_checkin_code(texts) == "https://uitpas.be/?qr=xyz"


def test_plain_text_wins_over_a_foreign_link() -> None:
    assert pick_checkin_code(["https://example.com", "12345678"]) == "12345678"


def test_only_foreign_links_explain_why() -> None:
    assert pick_checkin_code(["https://example.com/a"]) == CodeRejection(
        CodeProblem.FOREIGN_URL, "example.com"
    )
