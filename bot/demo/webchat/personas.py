"""Who the visitor can be in the web chat: fixed Telegram users and one group.

The personas are fixed so that the web chat never needs a login, but nothing is pre-linked:
each persona is a Telegram user without a card, and the visitor links one by typing a demo
card number, as a real passholder would. The suggested numbers are sandbox data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import BLOCKED, FAMILY_KANSENTARIEF, NORMAL, OTHER


def spaced(number: str) -> str:
    """A card number as printed on the card (4-4-4-1), easier to read aloud and to type."""
    return f"{number[:4]} {number[4:8]} {number[8:12]} {number[12:]}"


@dataclass(frozen=True, slots=True)
class Persona:
    key: str
    user: TgUser
    card: str
    card_note: str  # what happens with this card, shown next to the number
    group_status: str

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "id": self.user.id,
            "name": self.user.first_name,
            "language": self.user.language_code,
            "card": spaced(self.card),
            "card_note": self.card_note,
            "group_status": self.group_status,
        }


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    title: str


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "an",
        TgUser(id=424201, first_name="An", username="an_demo", language_code="nl"),
        NORMAL,
        "25 points · group admin",
        "creator",
    ),
    Persona(
        "bo",
        TgUser(id=424202, first_name="Bo", username="bo_demo", language_code="en"),
        BLOCKED,
        "blocked card · member of the group",
        "member",
    ),
    # A parent with one child (publiq's test dataset): under v4 her family at UiTPAS holds her
    # daughter Lina, so a photo asks "who's with you?" and /card shows both cards.
    Persona(
        "nadia",
        TgUser(id=424203, first_name="Nadia", username="nadia_demo", language_code="nl"),
        FAMILY_KANSENTARIEF,
        "family account with her daughter Lina (v4)",
        "member",
    ),
)
GROUP = Group(id=-1001234567890, title="Cultuurclub Aalst")
# A third, working card anyone can link instead (3 points: most promotions out of reach).
SPARE_CARD = OTHER


def persona(key: str) -> Persona | None:
    return next((p for p in PERSONAS if p.key == key), None)
