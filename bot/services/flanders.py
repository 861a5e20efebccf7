"""Is a point in Flanders or Brussels? A coarse outline, good to a few kilometres.

UiTPAS and UiTdatabank cover Flanders and Brussels; a location elsewhere (Wallonia, France,
the Netherlands, a phone on holiday) would only ever find nothing, so the bot says so instead.
The outline follows the regional border through towns on either side of it (Menen in, Moeskroen
out; Halle in, Tubeke out; Tongeren in, Luik out; Voeren, an enclave, is left out); a point
within a few kilometres of the border may fall on the wrong side, where a search would at
worst find the events just across it.
"""

from __future__ import annotations

# (latitude, longitude), clockwise from the French border on the coast.
OUTLINE: tuple[tuple[float, float], ...] = (
    (51.13, 2.54),  # off De Panne
    (51.40, 3.37),  # off Knokke, the Dutch border
    (51.27, 3.55),
    (51.21, 3.80),
    (51.24, 4.02),
    (51.37, 4.23),
    (51.48, 4.50),
    (51.46, 4.93),
    (51.50, 5.05),
    (51.26, 5.24),
    (51.26, 5.50),
    (51.20, 5.85),  # Kinrooi, on the Maas
    (51.00, 5.76),
    (50.90, 5.66),  # Lanaken in, Maastricht out
    (50.80, 5.64),
    (50.75, 5.62),
    (50.73, 5.40),  # south of Tongeren
    (50.74, 5.05),
    (50.72, 4.90),  # south of Tienen
    (50.76, 4.62),
    (50.76, 4.40),  # south of Brussels
    (50.72, 4.24),  # Halle
    (50.72, 4.05),
    (50.74, 3.84),  # south of Geraardsbergen
    (50.73, 3.58),  # Ronse
    (50.76, 3.28),  # between Kortrijk and Moeskroen
    (50.78, 3.05),  # Wervik
    (50.80, 2.86),
    (50.82, 2.62),
    (50.95, 2.56),
)


def in_flanders_or_brussels(latitude: float, longitude: float) -> bool:
    """Ray casting against :data:`OUTLINE`."""
    inside = False
    count = len(OUTLINE)
    for index in range(count):
        lat1, lon1 = OUTLINE[index]
        lat2, lon2 = OUTLINE[(index + 1) % count]
        if (lon1 > longitude) != (lon2 > longitude):
            crossing = lat1 + (longitude - lon1) * (lat2 - lat1) / (lon2 - lon1)
            if latitude < crossing:
                inside = not inside
    return inside
