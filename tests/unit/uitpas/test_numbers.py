"""UiTPAS number parsing, the Luhn check and masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.uitpas.numbers import (
    InvalidUitpasNumber,
    NumberProblem,
    looks_like_number_attempt,
    luhn_valid,
    mask_uitpas_number,
    parse_uitpas_number,
)


def with_check_digit(body: str) -> str:
    """Append the Luhn check digit, computed the textbook way (independent of luhn_valid)."""
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return body + str((10 - total % 10) % 10)


@pytest.mark.parametrize(
    "typed",
    [
        "0930056878802",
        "0930 0568 7880 2",
        "0930.0568.7880.2",
        "0930-0568-7880-2",
        " 0930056878802\n",
    ],
)
def test_typed_forms_of_a_valid_number_parse(typed: str) -> None:
    assert parse_uitpas_number(typed) == "0930056878802"


def test_number_not_starting_with_zero_is_valid() -> None:
    assert parse_uitpas_number("1000 0005 2000 6") == "1000000520006"


@pytest.mark.parametrize(
    ("typed", "problem", "count"),
    [
        ("0930 0568 7880", NumberProblem.TOO_SHORT, 12),
        ("0930 0568 7880 22", NumberProblem.TOO_LONG, 14),
        ("0930 0568 7880 3", NumberProblem.CHECK_DIGIT, 13),
        ("0930 O568 7880 2", NumberProblem.NOT_DIGITS, 12),
        ("", NumberProblem.TOO_SHORT, 0),
        ("٠٩٣٠٠٥٦٨٧٨٨٠٢", NumberProblem.NOT_DIGITS, 13),  # Arabic-Indic digits are not accepted
    ],
)
def test_typos_are_named(typed: str, problem: NumberProblem, count: int) -> None:
    with pytest.raises(InvalidUitpasNumber) as caught:
        parse_uitpas_number(typed)
    assert caught.value.problem == problem
    assert caught.value.digit_count == count


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_every_body_with_its_check_digit_parses(body: str) -> None:
    number = with_check_digit(body)
    assert luhn_valid(number)
    assert parse_uitpas_number(number) == number


@given(
    st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 12), st.integers(1, 9)
)
def test_any_single_digit_typo_is_caught(body: str, position: int, shift: int) -> None:
    number = with_check_digit(body)
    typo = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    with pytest.raises(InvalidUitpasNumber) as caught:
        parse_uitpas_number(typo)
    assert caught.value.problem == NumberProblem.CHECK_DIGIT


@given(st.text(max_size=40))
def test_parser_never_crashes_and_only_returns_valid_numbers(text: str) -> None:
    try:
        number = parse_uitpas_number(text)
    except InvalidUitpasNumber:
        return
    assert len(number) == 13
    assert number.isdigit()
    assert luhn_valid(number)


def test_mask_keeps_only_first_four_and_last_three_digits() -> None:
    assert mask_uitpas_number("0930056878802") == "0930 •••• ••80 2"
    masked = mask_uitpas_number("1000000520006")
    assert sum(ch.isdigit() for ch in masked) == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0930 0568 7880 2", True),
        ("0930.0568.78", True),
        ("2024", False),
        ("hallo", False),
        ("bel me op 0470 12 34 56", False),
        # A letter for a digit is a typo too (issue 15, point 9); words are not numbers.
        ("0930 0568 78A0 2", True),
        ("0930 0568 7880 O", True),
        ("O930.0568.7880.2", True),
        ("0930 0568 ABCD 2", False),
        ("abc123", False),
        ("hoeveel punten heb ik?", False),
    ],
)
def test_number_attempts_are_recognised(text: str, expected: bool) -> None:
    assert looks_like_number_attempt(text) is expected


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u202e"]


@given(
    body=st.text(alphabet="0123456789", min_size=12, max_size=12),
    inserts=st.lists(
        st.tuples(st.integers(min_value=0, max_value=13), st.sampled_from(INVISIBLE)), max_size=5
    ),
)
def test_invisible_characters_from_copy_paste_are_ignored(
    body: str, inserts: list[tuple[int, str]]
) -> None:
    """Zero-width spaces and bidi marks (pasted from a web page or an RTL chat) are dropped."""
    number = with_check_digit(body)
    typed = number
    for position, char in inserts:
        typed = typed[:position] + char + typed[position:]
    assert parse_uitpas_number(typed) == number
    assert looks_like_number_attempt(typed)


@given(st.text(max_size=40))
def test_parsing_never_fails_with_anything_but_a_reason(text: str) -> None:
    """Any text at all: a 13-digit ASCII number with a valid check digit, or a named problem."""
    problem: InvalidUitpasNumber | None = None
    try:
        number = parse_uitpas_number(text)
    except InvalidUitpasNumber as error:
        problem = error
    if problem is not None:
        assert problem.problem in NumberProblem
        assert problem.digit_count >= 0
    else:
        assert len(number) == 13
        assert number.isascii()
        assert number.isdigit()
        assert luhn_valid(number)
