"""What /family add reads (issue 16): the number in groups, then a birth date or a name."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services.family import clean_name, family_verb, parse_birth_date, split_add

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0900 0119 0341 7 17/02/2015", ("0900 0119 0341 7", "17/02/2015")),
        ("0900011903417 Lina", ("0900011903417", "Lina")),
        ("0930 0000 0011 5 Bo De Smet", ("0930 0000 0011 5", "Bo De Smet")),
        ("0900.0119.0341.7 2015-02-17", ("0900.0119.0341.7", "2015-02-17")),
        ("0900 0119 0341 7", ("0900 0119 0341 7", "")),
    ],
)
def test_the_number_and_the_rest_are_split(text: str, expected: tuple[str, str]) -> None:
    assert split_add(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/02/2015", date(2015, 2, 17)),
        ("1-1-1980", date(1980, 1, 1)),
        ("2015-02-17", date(2015, 2, 17)),
        ("31/02/2015", None),  # no such day
        ("03/12/2026", None),  # tomorrow
        ("17/02/15", None),  # a two-digit year is a guess
        ("morgen", None),
    ],
)
def test_birth_dates(text: str, expected: date | None) -> None:
    assert parse_birth_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Bo", "Bo"), ("  Lina  Marie ", "Lina Marie"), ("Zoë", "Zoë"), ("", None), ("123", None)],
)
def test_names(text: str, expected: str | None) -> None:
    assert clean_name(text) == expected
    assert clean_name("x" * 33) is None


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("add", "add"),
        ("toevoegen", "add"),
        ("ajouter", "add"),
        ("Ajoute", "add"),
        ("remove", "remove"),
        ("verwijder", "remove"),
        ("retirer", "remove"),
        ("supprimer", "remove"),
        ("rename", "rename"),
        ("hernoem", "rename"),
        ("renommer", "rename"),
        ("Bo", None),
    ],
)
def test_the_verbs_are_read_in_english_dutch_and_french(word: str, verb: str | None) -> None:
    assert family_verb(word) == verb
