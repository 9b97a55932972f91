"""ACLED's regions: the ``region`` column, from a country's ISO 3166-1 alpha-2 code.

ACLED groups countries into these regions (a fact of its codebook, written out here and checked
against every country of the ACLED sample in ../shared/data); a country not listed gets no
region rather than a guess.
"""

from __future__ import annotations

_REGIONS: dict[str, str] = {
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Northern Africa": "DZ EG LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT",
    "Southern Africa": "BW LS NA SZ ZA ZM ZW",
    "South Asia": "BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AF AM AZ GE KG KZ TJ TM UZ",
    "Europe": (
        "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GL GR HR HU IE IM IS IT JE LI LT LU LV MC "
        "MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK"
    ),
    "North America": "BM CA MX PM US",
    "Central America": "BZ CR GT HN NI PA SV",
    "South America": "AR BO BR CL CO EC GY PE PY SR UY VE",
    "Caribbean": "AG AI AW BB BS CU CW DM DO GD GP HT JM KN KY LC MQ MS PR SX TC TT VC VG VI",
    "Oceania": "AU FJ FM KI MH NR NZ PG PW SB TO TV VU WS",
}

REGION_BY_ISO: dict[str, str] = {
    iso: region for region, codes in _REGIONS.items() for iso in codes.split()
}


def acled_region(iso2: str | None) -> str | None:
    """ACLED's region of a country, or None when unknown."""
    return REGION_BY_ISO.get(iso2.upper()) if iso2 else None
