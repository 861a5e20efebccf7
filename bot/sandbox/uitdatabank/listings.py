"""What UiTdatabank knows about each demo event beyond what UiTPAS knows: where it takes place,
its description, its type, its prices and its kansentarief. Events not listed here are not in
UiTdatabank (a check-in code can exist for an event nobody published).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.sandbox.uitpas.data import GENT


@dataclass(frozen=True, slots=True)
class Place:
    id: str  # a uuid, as UiTdatabank's places have
    name: str
    street: str
    postal_code: str
    locality: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Listing:
    place: Place
    description: str
    event_type: tuple[str, str]  # (term id, label) of the eventtype domain
    base_price: float
    # (label, price): the "uitpas" priceInfo entries, one per card system that has a tariff.
    uitpas_prices: tuple[tuple[str, float], ...] = ()
    periodic: bool = False  # an exhibition: calendarType periodic, no subEvents


_KANSENTARIEF_GENT = f"Kansentarief met {GENT.name}"

GROTE_MARKT_AALST = Place(
    "a1b2c3d4-0001-4c5d-8e9f-000000000001",
    "Grote Markt",
    "Grote Markt 1",
    "9300",
    "Aalst",
    50.9378,
    4.0403,
)
CC_DE_WERF_PLACE = Place(
    "a1b2c3d4-0002-4c5d-8e9f-000000000002",
    "CC De Werf",
    "Molenstraat 51",
    "9300",
    "Aalst",
    50.9396,
    4.0366,
)
DENDERKAAI = Place(
    "a1b2c3d4-0003-4c5d-8e9f-000000000003",
    "Werfplein",
    "Werfplein",
    "9300",
    "Aalst",
    50.9405,
    4.0395,
)
GASTHUYS = Place(
    "a1b2c3d4-0004-4c5d-8e9f-000000000004",
    "'t Gasthuys",
    "Oude Vismarkt 13",
    "9300",
    "Aalst",
    50.9372,
    4.0378,
)
BIB_AALST = Place(
    "a1b2c3d4-0005-4c5d-8e9f-000000000005",
    "Bibliotheek Aalst",
    "Graanmarkt 3",
    "9300",
    "Aalst",
    50.9363,
    4.0392,
)
SINT_BAAFS = Place(
    "a1b2c3d4-0006-4c5d-8e9f-000000000006",
    "Sint-Baafskathedraal",
    "Sint-Baafsplein",
    "9000",
    "Gent",
    51.0530,
    3.7270,
)
STAM_PLACE = Place(
    "a1b2c3d4-0007-4c5d-8e9f-000000000007",
    "STAM",
    "Godshuizenlaan 2",
    "9000",
    "Gent",
    51.0429,
    3.7155,
)
LADEUZEPLEIN = Place(
    "a1b2c3d4-0008-4c5d-8e9f-000000000008",
    "Ladeuzeplein",
    "Ladeuzeplein",
    "3000",
    "Leuven",
    50.8789,
    4.7050,
)

CONCERT = ("0.50.4.0.0", "Concert")
THEATER = ("0.55.0.0.0", "Theatervoorstelling")
MARKET = ("0.37.0.0.0", "Markt, braderie of kermis")
EXHIBITION = ("0.0.0.0.0", "Tentoonstelling")
READING = ("0.3.1.0.0", "Lezing of congres")
WORKSHOP = ("0.3.2.0.0", "Cursus of workshop")
FILM = ("0.50.6.0.0", "Film")

# By the demo events' ids (bot/sandbox/uitpas/data.py).
LISTINGS: dict[str, Listing] = {
    "e1a0c1de-0001-4a6e-9f00-000000000001": Listing(
        GROTE_MARKT_AALST,
        "Een avond jazz in open lucht, met drie bands uit de regio.",
        CONCERT,
        0.0,
    ),
    "e1a0c1de-0002-4a6e-9f00-000000000002": Listing(
        CC_DE_WERF_PLACE,
        "Het verhaal van de kleine prins, voor iedereen vanaf acht jaar.",
        THEATER,
        14.0,
        ((_KANSENTARIEF_GENT, 2.8),),
    ),
    "e1a0c1de-0003-4a6e-9f00-000000000003": Listing(
        DENDERKAAI,
        "Rommelmarkt langs de Dender: snuisterijen, boeken en platen.",
        MARKET,
        0.0,
    ),
    "e1a0c1de-0004-4a6e-9f00-000000000004": Listing(
        GASTHUYS,
        "Meesterwerken van de Vlaamse Primitieven, met een audiogids.",
        EXHIBITION,
        10.0,
        ((_KANSENTARIEF_GENT, 2.0),),
        periodic=True,
    ),
    "e1a0c1de-0005-4a6e-9f00-000000000005": Listing(
        BIB_AALST,
        "Verhalen voor kinderen van drie tot zes jaar, met een knutselmoment.",
        READING,
        0.0,
    ),
    "e1a0c1de-0006-4a6e-9f00-000000000006": Listing(
        SINT_BAAFS,
        "Het grote orgel van de kathedraal, met werk van Bach en Franck.",
        CONCERT,
        12.0,
        ((_KANSENTARIEF_GENT, 2.4),),
    ),
    "e1a0c1de-0007-4a6e-9f00-000000000007": Listing(
        STAM_PLACE,
        "Kinderen bouwen hun eigen stad in karton, na een rondleiding.",
        WORKSHOP,
        5.0,
        ((_KANSENTARIEF_GENT, 1.0),),
    ),
    "e1a0c1de-0008-4a6e-9f00-000000000008": Listing(
        LADEUZEPLEIN,
        "Een familiefilm op groot scherm onder de sterren. Breng een dekentje mee.",
        FILM,
        6.0,
    ),
}
