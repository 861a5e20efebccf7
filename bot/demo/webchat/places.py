"""Preset places the web chat can share as a location (issue 20): a desktop browser has no GPS
worth the name, and the demo should show "what's on near me" in Gent, Aalst or Leuven.

Only these can be sent: the page names a place, the server sends its coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name: str
    latitude: float
    longitude: float

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name}


PLACES = (
    Place("gent", "Gent, Korenmarkt", 51.0543, 3.7174),
    Place("aalst", "Aalst, Grote Markt", 50.9378, 4.0403),
    Place("leuven", "Leuven, Grote Markt", 50.8789, 4.7009),
)
BY_KEY = {place.key: place for place in PLACES}
