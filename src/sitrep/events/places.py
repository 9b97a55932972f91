"""The event's place: which toponym of a sentence is where the event happened, and how precisely.

The coder geoparses the whole article once (:func:`geoparse`), drops toponyms that are not
places of the story (:func:`plausible_places`: datelines, people's titles, adjectives, far-off
homonyms), and then, per event sentence, picks the event's own place (:func:`choose_places`)
with ACLED's ``geo_precision``:

* 1 — the named town or site ("in Ain al-Asad", "struck Tal Abyad");
* 2 — "near X", "N km from X", "between X and Y", or a district when the town itself is not in
  the gazetteer (ACLED codes to the nearest known place);
* 3 — only a province or region is known (coded to its centre).

ACLED notes write the admin units after the location: "in Minakulu sub-county (Oyam,
Northern)", "in Jibla (Ibb)". :func:`admin_qualifiers` reads them and :func:`choose_places`
uses them to pick the candidate in that admin1/admin2, or, when the gazetteer does not know the
village, to fall back to the admin2 (precision 2) or admin1 (precision 3) place.

A sentence that names only a country ("a wider war between Israel and Iran") does not give
the event a place: :func:`article_place` falls back to the article's main place (the most
frequent specific place, else the dateline), with a precision that says how little is known.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sitrep.models import Place, PlaceMention

#: A chosen place: the mention, ACLED geo_precision and the reason it was chosen.
Choice = tuple[PlaceMention, int, str]

_NEAR = re.compile(
    r"\b(?:near|outside|close\s+to|on\s+the\s+outskirts\s+of|outskirts\s+of|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"km\s+(?:from|of)|kilometers?\s+(?:from|of)|kilometres?\s+(?:from|of)|miles?\s+(?:from|of)|"
    r"between|area\s+of|vicinity\s+of|around)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_AT = re.compile(
    r"\b(?:in|at|on|inside|into|targeting|struck|hit|hitting|of)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
    re.I,
)
#: "fired from X", "moved towards X"; the words between may not be a locative preposition of
#: their own ("prevented them from destroying more properties in Katanga" is in Katanga).
#: "a few kilometers from X" measures from X: the event is near it, not coming from it.
#: "fired towards X" aims at X, the event's place; "took to the streets of X" is an idiom.
#: "coded to X" states ACLED's coding location, never a destination.
_ORIGIN = re.compile(
    r"\b(?:(?<!km\s)(?<!kms\s)(?<!kilometers\s)(?<!kilometres\s)(?<!kilometer\s)"
    r"(?<!kilometre\s)(?<!miles\s)(?<!mile\s)from|"
    r"(?<!fire\s)(?<!fired\s)(?<!shots\s)(?<!shells\s)(?<!rockets\s)(?:toward|towards)|"
    r"(?<!coded\s)(?<!took\s)(?<!take\s)(?<!taking\s)to)\s+(?:the\s+)?"
    r"(?:(?!(?:in|at|near|inside|into|on|within|across)\b)\w+\s+){0,4}$",
    re.I,
)
_LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")

#: Kinds of place, from the most to the least specific.
SITES = frozenset({"base", "site", "airport", "camp", "crossing", "field"})
TOWNS = frozenset({"city", "town", "village", "capital"})
REGIONS = frozenset({"province", "region", "admin1", "country", "continent", "water"})


# --------------------------------------------------------------------------- geoparsing


def place_record(mention: PlaceMention | dict[str, Any]) -> dict[str, Any]:
    """A place mention as JSON output writes it: the nested ``place`` record kept, and the
    fields a reader wants first (``lat``, ``lon``, ``country``, ``admin1``, ``start``,
    ``end``) at the top level too (None where the mention did not resolve)."""
    from sitrep.models import to_dict

    data = to_dict(mention) if isinstance(mention, PlaceMention) else dict(mention)
    place = data.get("place") or {}
    flat = {key: place.get(key) for key in ("lat", "lon", "country", "admin1")}
    return {**flat, "start": data.get("start"), "end": data.get("end"), **data}


def geoparse(text: str) -> list[PlaceMention]:
    """Toponyms of ``text`` resolved by the shipped gazetteer (none when it cannot load)."""
    from sitrep.resolve.gazetteer import Gazetteer

    try:
        return list(Gazetteer.default().geoparse(text))
    except Exception:  # noqa: BLE001 - no places is better than no events
        return []


#: "Palestine Street", "12th Brigade": a toponym inside the name of a street, unit or building.
_NOT_A_PLACE_AFTER = re.compile(r"\s+(?:Street|Road|Avenue|Brigade|Observatory)\b")
_DATELINE_AFTER = re.compile(r"[A-Z .,'-]*(?:\s*\([^)]{0,40}\))?\s*[-–—:]")


def is_dateline(text: str, mention: PlaceMention) -> bool:
    """Whether a toponym is a dateline: capitals at the start of a paragraph, then a dash."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    if text[line_start : mention.start].strip():
        return False
    surface = text[mention.start : mention.end]
    return surface.isupper() and bool(_DATELINE_AFTER.match(text, mention.end))


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|into|inside|across|to|of|near|from|on|within|throughout|outside|over|towards?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(r"\b(?:in|at|near|inside|outside)\s+$")
_IN_LIST_BEFORE = re.compile(r"(?:,|\band)\s+$")
#: "whom Washington blamed", "Tehran denied": a capital standing for its government.
_METONYM_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+|also\s+)?(?:said|says|blamed|blames|held|holds|accused|"
    r"accuses|denied|denies|condemned|condemns|warned|warns|vowed|vows|insisted|responded|"
    r"retaliated|announced|demanded|rejected|urged|threatened|wants|called|sees|saw)\b"
)
#: "Abu Baqir al-Saadi": an "al-" name right after a capitalised name is a family name.
_NAME_BEFORE_AL = re.compile(r"\b[A-Z][a-z]+\s+$")
_AL_PREFIX = re.compile(r"(?:al|el|Al|El)[- ]")
_PERSON_BEFORE = re.compile(
    r"\b(?:Col|Gen|Lt|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|President|spokesman|spokeswoman)\.?\s+$"
)


def plausible_places(mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Drop toponyms that are likely people, organisations, datelines or far-off homonyms.

    An article is about a handful of countries: those of its confidently resolved places
    (score >= 0.9). A weak match (score < 0.8) in another country ("Wayne" in New Jersey for a
    spokesman's name) is a homonym, not the event's place.
    """
    resolved = [m for m in mentions if m.place is not None]
    countries = {m.place.country for m in resolved if m.score >= 0.9 and m.place is not None}
    kept = []
    for mention in mentions:
        place = mention.place
        if place is None:
            continue
        if _PERSON_BEFORE.search(text[max(0, mention.start - 20) : mention.start]):
            continue
        if _METONYM_AFTER.match(text, mention.end):
            continue
        near_before = text[max(0, mention.start - 25) : mention.start]
        if (
            _AL_PREFIX.match(mention.text)
            and _NAME_BEFORE_AL.search(near_before)
            and not _LOCATIVE_BEFORE.search(near_before)
        ):
            continue
        if (
            countries
            and place.country not in countries
            and mention.score < 0.8
            and not (
                (
                    (place.feature in TOWNS and (place.population or 0) >= 20_000)
                    or place.feature == "province"
                )
                and _IN_BEFORE.search(near_before)
            )
        ):
            continue  # a far-off homonym, unless the text puts something "in" it
        if text[mention.end : mention.end + 1].isalpha() or _NOT_A_PLACE_AFTER.match(
            text, mention.end
        ):
            continue
        if is_dateline(text, mention):
            continue  # "BEIRUT —": where the reporter filed from, not where the event happened
        before = text[max(0, mention.start - 25) : mention.start]
        if place.feature in ("country", "province") and not (
            _LOCATIVE_BEFORE.search(before)
            or (place.feature == "province" and _IN_LIST_BEFORE.search(before))
        ):
            continue  # "US civilian contractor", "whom Washington blamed": adjective or metonym
        if place.feature == "country" and _ACTOR_AFTER.match(text, mention.end):
            continue  # "strikes on US forces", "a Turkish-backed group": a home, not a place
        kept.append(mention)
    return kept


#: After a country: it names the home of an actor ("attacked US forces in Syria", "Iran-backed
#: militias", "the Saudi-led coalition"), and the event happened elsewhere.
_ACTOR_AFTER = re.compile(
    r"(?:-(?:led|backed|based|affiliated|aligned|supported|sponsored)\b|\s+(?:forces|troops|"
    r"soldiers|military|army|navy|air\s+force|jets|aircraft|warplanes|drones?|planes|"
    r"coalition|personnel|embassy|diplomats?|officials|government|authorities|"
    r"contractors?|convoys?|patrols?|bases)\b)",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- choosing


def choose_places(
    text: str,
    start: int,
    mentions: Sequence[PlaceMention],
    article: Sequence[PlaceMention] | None = None,
) -> list[Choice]:
    """The event's place(s) in one sentence, with geo_precision and reason.

    ``text`` is the sentence, ``start`` its offset in the article (mentions carry article
    offsets). Several places come back for a coordinated list ("in Babil, Diwaniyah and Dhi
    Qar"): ACLED codes one event per place. A sentence that names only countries ("a wider
    war between Israel and Iran") takes the article's main place instead (see
    :func:`article_place`) when ``article`` (all the article's places) is given.
    """
    chosen = _choose_in_sentence(text, start, mentions)
    if (
        article
        and chosen
        and all(
            m.place is not None and m.place.feature in ("country", "continent")
            for m, _, _ in chosen
        )
    ):
        main = article_place(article)
        if main is not None:
            main = _seat_for_province(main)  # a district stands in by its seat town
            return [(main[0], main[1], "the sentence names only a country; " + main[2])]
    return chosen


def article_place(mentions: Sequence[PlaceMention]) -> Choice | None:
    """The article's main place: its most often named town or site (the first on a tie).

    Used for an event whose sentence names only a country: ACLED codes such an event to the
    story's place, "near" it (geo_precision 2), rather than to a capital hundreds of km away.
    """
    specific = [m for m in mentions if m.place is not None and m.place.feature not in REGIONS]
    if not specific:
        return None
    counts = Counter((m.place.name, m.place.country) for m in specific if m.place is not None)
    best = max(specific, key=lambda m: (counts[(m.place.name, m.place.country)], -m.start))  # type: ignore[union-attr]
    n = counts[(best.place.name, best.place.country)]  # type: ignore[union-attr]
    return best, 2, f"the article's main place (named {n}x)"


def _choose_in_sentence(text: str, start: int, mentions: Sequence[PlaceMention]) -> list[Choice]:
    """The sentence's own place(s) (see :func:`choose_places`)."""
    qualified = _first_qualified(text, start)
    if qualified is not None:
        return [qualified]
    resolved = [m for m in mentions if m.place is not None and not _region_word(m.place)]
    resolved = _drop_qualifiers(text, start, resolved)
    if not resolved:
        return []
    scored: list[tuple[float, PlaceMention, int, str]] = []
    for order, mention in enumerate(sorted(resolved, key=lambda m: m.start)):
        assert mention.place is not None
        before = text[max(0, mention.start - start - 40) : mention.start - start]
        feature = mention.place.feature or ""
        score = mention.score - 0.75 * order  # the first place named is usually the event's
        if feature in SITES:
            score += 3
        elif feature in TOWNS or feature == "district":
            score += 2
        elif feature == "province":
            score += 1
        if _ORIGIN.search(before):
            score -= 2.5  # an origin or destination, not where the event happened
        if _NEAR.search(before):
            precision, why = 2, "attached by 'near/outside/between/...'"
            score += 1.5
        elif _AT.search(before):
            precision, why = 1, "attached by a locative preposition"
            score += 2
        else:
            precision, why = 1, "named in the sentence"
        if feature in REGIONS:
            precision, why = 3, f"only a {feature} is named"
        elif feature == "district" and precision == 1:
            precision, why = 2, "a district is named (coded to its centre or seat)"
        scored.append((score, mention, precision, why))
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    chosen: list[Choice] = [(best[1], best[2], best[3])]
    # "convoys were hit in Babil, Diwaniyah and Dhi Qar": one event per listed place.
    ordered = sorted(resolved, key=lambda m: m.start)
    index = ordered.index(best[1])
    group = [best[1]]
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(ordered):
            a, b = (ordered[i], ordered[i + step]) if step == 1 else (ordered[i + step], ordered[i])
            glue = text[a.end - start : b.start - start]
            if not _LIST_GLUE.match(glue) or "between" in text[: a.start - start][-30:]:
                break
            group.append(ordered[i + step])
            i += step
    if len(group) > 1:
        same_kind = [m for m in group if m.place and m.place.feature not in ("country",)]
        if len(same_kind) > 1:
            by = {id(s[1]): s for s in scored}
            chosen = [
                (m, by[id(m)][2], by[id(m)][3] + "; one of a list of places")
                for m in sorted(same_kind, key=lambda m: m.start)
            ]
    return [_seat_for_province(choice) for choice in chosen]


#: "Al Bab city in Aleppo countryside", "Sfuhen town in the Idleb countryside", "Kafr Nabl,
#: southern Idleb": what comes between a place and a larger place that only says where it lies.
_QUALIFIER_GLUE = re.compile(
    r"^(?:\s+(?:city|town|village|area|neighbou?rhood|district|sub-?district|camp|"
    r"municipality|locality|hamlet|quarter))?\s*(?:,|\bin|\bof)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)"
    r"(?:ern)?\s+|(?:rural|eastern|western|northern|southern)\s+)?$",
    re.IGNORECASE,
)
_COUNTRYSIDE_AFTER = re.compile(
    r"\s+(?:countryside|province|governorate|region|district|countryside|rural\s+area)\b",
    re.IGNORECASE,
)


#: Sources of the packaged village layers (tools/build_gazetteer_pack.py).
_PACK_SOURCES = frozenset({"wof", "ucdp", "opensyria"})


def _region_word(place: Place) -> bool:
    """A region spanning countries ("Middle East", "the Gulf", a sea, a continent) is never
    an event's place: ACLED codes the country-level place the text gives, or nothing."""
    return place.feature == "continent" or (place.feature in ("region", "water") and not place.iso)


def _drop_qualifiers(text: str, start: int, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Leave out the larger places that only qualify a place named just before them.

    "shelled Al Bab city in Aleppo countryside": Aleppo says where Al Bab lies, the event is in
    Al Bab (ACLED codes the most specific place: town > district > governorate). A larger place
    qualifies the one before it when only a kind word and "in"/","/"of" sit between them, it
    lies in the same country, and it is a province, a district, or a city that the text calls
    "countryside"/"province" (or whose province holds the smaller place).
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    dropped: set[int] = set()
    # A village homonym outside the province the sentence names is the wrong village
    # ("Ipekyolu town, Van" is not the village Ipekyolu in Malatya): the province stands.
    provinces = {
        (m.place.iso, _fold(m.place.admin1 or m.place.name))
        for m in ordered
        if m.place is not None and m.place.feature == "province"
    }
    for m in ordered:
        place = m.place
        if (
            place is not None
            and place.feature == "village"
            and place.source in _PACK_SOURCES
            and place.admin1
            and any(iso == place.iso for iso, _ in provinces)
            and (place.iso, _fold(place.admin1)) not in provinces
        ):
            dropped.add(id(m))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.place is None or b.place is None or id(a) in dropped:
            continue
        if a.place.feature in REGIONS or a.place.iso != b.place.iso:
            continue
        glue = text[a.end - start : b.start - start]
        if not _QUALIFIER_GLUE.match(glue) or (
            glue.strip() == ","
            and b.place.feature in TOWNS
            and not _COUNTRYSIDE_AFTER.match(text, b.end - start)
        ):
            continue  # "in Babil, Diwaniyah" is a list; "Atarib, Aleppo countryside" qualifies
        larger = b.place.feature in ("province", "region", "district") or (
            b.place.feature in TOWNS
            and (
                _COUNTRYSIDE_AFTER.match(text, b.end - start) is not None
                or (a.place.admin1 is not None and _fold(a.place.admin1) == _fold(b.place.admin1))
                and (b.place.population or 0) > (a.place.population or 0)
            )
        )
        if larger:
            dropped.add(id(b))
    return [m for m in mentions if id(m) not in dropped]


#: A province's seat stands in for it only when it is a real city (ACLED codes "Kyiv",
#: "Mykolaiv", "Diwaniyah" to the city, a village of the name would be a guess).
_SEAT_POPULATION = 50_000
#: How far a seat may lie from the province's point (a mean of its towns) and still be its own.
_SEAT_REACH_KM = 150.0
#: How far a district's seat may lie from the district's point.
_DISTRICT_REACH_KM = 40.0


def _seat_for_province(choice: Choice) -> Choice:
    """A province named alone is coded at its same-named seat city, not at its centre.

    ACLED codes "Russian forces fired at Mykolaiv" to the city and a province-level event to its
    capital; the gazetteer's province point is a mean of its towns, 20-50 km off the city
    ("Kyiv" province's point is 34 km from Kyiv). Only a city of the written name, in the same
    country and near the province, stands in; the precision stays what the sentence said.
    """
    mention, precision, why = choice
    province = mention.place
    if province is None or province.feature not in ("province", "district"):
        return choice
    from sitrep.geo.distance import haversine_km

    # A district ("Afrin district") is coded at its seat town whatever the town's size, as
    # ACLED codes district-level events (geo_precision 2); its seat lies inside it.
    district = province.feature == "district"
    written = _fold(mention.text)
    seats = [
        p
        for p in _lookup(mention.text, 10)
        if p.feature in TOWNS
        and p.iso == province.iso
        and (district or (p.population or 0) >= _SEAT_POPULATION or p.feature == "capital")
        and _fold(p.name)[:5] == written[:5]
        and haversine_km((p.lat, p.lon), (province.lat, province.lon))
        <= (_DISTRICT_REACH_KM if district else _SEAT_REACH_KM)
    ]
    if not seats:
        return choice
    seat = max(seats, key=lambda p: p.population or 0)
    return replace(mention, place=seat), precision, f"{why}; coded at its seat {seat.name!r}"


# --------------------------------------------------------------------------- ACLED qualifiers

#: "Minakulu sub-county (Oyam, Northern)", "Hpruso town (Hpruso township, Loikaw district)":
#: a capitalised name, an optional kind of place, then the admin units in parentheses.
_QUALIFIED = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:(?:[ -]| - )(?:[A-Z][\w'’.-]*|al|el|de|do|da|del|la|of|ad|as|ar))*)"
    r"(?P<kind>\s+(?:town\s+cent(?:er|re)|city\s+and\s+port|towns?|villages?|city|district|sub-?county|county|municipality|areas?|camp|"
    r"neighbou?rhood|commune|locality|township|payam|boma|ward|region|state|province|"
    r"governorate|department|kebele|woreda|parish|union|upazila|barangay|communit(?:y|ies)|"
    r"sector|axis|fronts?|frontline|corregimiento|vereda|settlement|quarter|suburb|estate|"
    r"island|market|hamlet|sub-?district|sub-?location|location|division|constituency|"
    r"chiefdom|mouza|zila|LGA|junction|checkpoints?|bridge|base|street|road|highway|hospital|"
    r"neighbou?rhoods|front\s+line|rural\s+area|mountains?|valley|farms?))?"
    r"\s*\((?P<quals>[^()]{2,160})\)"
)
#: "in Tejalpa, Morelos, a man was killed", "shelled Dibrova, Donetsk.": a place after a
#: locative preposition or an attack verb, a comma, then its province.
_COMMA_QUALIFIED = re.compile(
    r"\b(?:in|at|near|outside|around|over|into|towards?|shelled|struck|hit|retook|captured|"
    r"seized|attacked|bombed|targeted|liberated|entered)\s+(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})"
    r"(?:\s+(?:city|town|village|district|municipality|area))?,\s+(?P<quals>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})(?=\s*(?:[,.;]|$))"
)
_ADMIN_WORDS = re.compile(
    r"\s+(?:district|county|sub-?county|state|region|province|township|regency|municipality|"
    r"department|governorate|division|LGA|prefecture|commune|zone|city|town|village|payam|"
    r"upazila|woreda|parish|locality|sadar)\s*$",
    re.IGNORECASE,
)
_DIRECTIONS = frozenset(
    {"North", "South", "East", "West", "Central", "Northeast", "Northwest", "Southeast",
     "Southwest", "Upper", "Lower"}
)  # fmt: skip
#: Province names (folded) that say where in a country, not which country: "(Kantale,
#: Eastern)" is Sri Lanka's Eastern Province only if something else in the note is Sri Lankan.
_GENERIC_UNITS = frozenset(
    {"north", "south", "east", "west", "central", "centre", "center", "capital", "northern",
     "southern", "eastern", "western", "northeast", "northwest", "southeast", "southwest",
     "northeastern", "northwestern", "southeastern", "southwestern", "northcentral"}
)  # fmt: skip
_CODED_TO = re.compile(r"^\s*coded\s+to\s+", re.IGNORECASE)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|around|between|outskirts\s+of|vicinity\s+of|area\s+of|"
    r"(?:north|south|east|west)(?:east|west)?(?:ern)?\s+of|km\s+from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _fold(name: str | None) -> str:
    """A name reduced to lowercase ASCII letters, for comparing admin-unit spellings."""
    if not name:
        return ""
    from anyascii import anyascii

    return re.sub(r"[^a-z]", "", anyascii(name).lower())


def _same_admin(qualifier: str, place: Place) -> bool:
    """Whether ``qualifier`` names one of the admin units ``place`` lies in."""
    from rapidfuzz import fuzz

    wanted = _fold(qualifier)
    if len(wanted) < 3:
        return False
    for unit in (place.admin1, place.admin2, place.admin3):
        have = _fold(unit)
        if not have:
            continue
        if wanted == have or (
            min(len(wanted), len(have)) >= 5 and (wanted in have or have in wanted)
        ):
            return True
        if fuzz.ratio(wanted, have) >= 85:
            return True
    return False


@dataclass
class QualifiedPlace:
    """A place written with its admin units ("X (Y, Z)"), as ACLED notes write them."""

    name: str
    start: int
    end: int
    qualifiers: list[str]
    place: Place | None
    precision: int
    reason: str


def admin_qualifiers(text: str) -> list[tuple[str, int, int, list[str], bool]]:
    """Each "Name [kind] (Admin2, Admin1)" of ``text``: name, its span, the admin names, and
    whether the parentheses say "coded to" (then the first name is the coded place itself)."""
    out = []
    for match in _QUALIFIED.finditer(text):
        raw = match.group("quals")
        coded = bool(_CODED_TO.match(raw))
        parts = [_ADMIN_WORDS.sub("", p.strip()) for p in _CODED_TO.sub("", raw).split(",")]
        parts = [p for p in parts if p and p[:1].isupper() and len(p) <= 60]
        if all(p in _DIRECTIONS for p in parts):
            continue  # "Wadi al Jufrah (North)": part of the name, not Cameroon's North
        if not parts:
            continue
        out.append((match.group("name"), match.start("name"), match.end("name"), parts, coded))
    return out


_NEXT_UNITS = re.compile(r"[^()]*\([^()]*\)\s*\((?P<quals>[A-Z][^()]{1,120})\)")


def _units_after(text: str, end: int) -> list[str]:
    """The admin units of the parenthesis right after a "(coded to X)" that ends after
    ``end``: "Al Balaq (coded to Jabal al Balaq ash Sharqi) (Marib)" -> ["Marib"]."""
    match = _NEXT_UNITS.match(text, end)
    if match is None or "coded" in match.group("quals") or "unclear" in match.group("quals"):
        return []
    parts = [_ADMIN_WORDS.sub("", p.strip()) for p in match.group("quals").split(",")]
    return [p for p in parts if p and p[:1].isupper() and len(p) <= 60]


def comma_qualifiers(text: str) -> list[tuple[str, int, int, list[str], bool]]:
    """Each "in Name, Province" of ``text`` (same shape as :func:`admin_qualifiers`)."""
    return [
        (m.group("name"), m.start("name"), m.end("name"), [m.group("quals")], False)
        for m in _COMMA_QUALIFIED.finditer(text)
    ]


def _gazetteer():  # type: ignore[no-untyped-def]
    from sitrep.resolve.gazetteer import Gazetteer

    return Gazetteer.default()


@functools.lru_cache(maxsize=4096)
def _lookup(name: str, limit: int) -> tuple[Place, ...]:
    """Cached gazetteer lookup: admin names repeat from note to note (the index is read-only)."""
    return tuple(_gazetteer().lookup(name, limit=limit))


#: An admin unit written after a name ("Anka LGA", "Ramgati upazila"): ACLED codes the unit to
#: its seat, the town of the same name, "near" it (geo_precision 2).
_UNIT_AFTER = re.compile(
    r"\s+(?:LGA|L\.G\.A\.?|Local\s+Government(?:\s+Area)?|district|upazila|sub-?county|"
    r"municipality|locality|division|ward|township|woreda|payam|chiefdom|constituency|"
    r"sub-?district|county)\b",
    re.IGNORECASE,
)
#: A kind of place written as part of the name ("Kakuma Refugee Camp", "Idon Town").
_KIND_AFTER = re.compile(
    r"\s+(?:Town|City|Village|Community|Communities|(?:Refugee|IDP)\s+Camp|Camp|Area|Market)$"
)
#: A unit word before the name ("Barangay San Isidro", "Vereda La Esperanza").
_UNIT_BEFORE = re.compile(
    r"^(?:Barangay|Brgy\.?|Sitio|Purok|Upazila|Kebele|Vereda|Corregimiento|Municipality\s+of|"
    r"Town\s+of|City\s+of)\s+"
)
_DIRECTION_AFTER = re.compile(
    r"(?:\s+(?:North|South|East|West|Central|Northeast|Northwest|Southeast|Southwest))+$"
)
_DIRECTION_FORMS = {
    "North": "Northern", "South": "Southern", "East": "Eastern", "West": "Western",
    "Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West",
}  # fmt: skip


def head_names(name: str) -> list[tuple[str, bool]]:
    """The spellings to try for a qualified name, each with whether it names an admin unit.

    "Anka LGA" -> "Anka" (a unit: its seat stands in for it), "Barangay San Isidro" ->
    "San Isidro", "Kakuma Refugee Camp" -> "Kakuma", "Taizz - Usayfarah" (ACLED's city
    parts) -> "Taizz". The name as written comes first.
    """
    out: list[tuple[str, bool]] = [(name, False)]

    def add(variant: str, unit: bool) -> None:
        variant = variant.strip(" -,")
        if len(variant) >= 3 and all(variant != v for v, _ in out):
            out.append((variant, unit))

    stripped = _UNIT_BEFORE.sub("", name)
    add(stripped, False)
    unit = _UNIT_AFTER.search(stripped)
    if unit is not None and unit.end() == len(stripped):
        add(stripped[: unit.start()], True)
    kind = _KIND_AFTER.search(stripped)
    if kind is not None and unit is None:
        add(stripped[: kind.start()], False)
    if " - " in name:
        add(name.split(" - ")[0], False)
    return out


def _unit_lookup(name: str) -> tuple[Place, ...]:
    """Candidates of an admin-unit name, trying "West X" for "Western X" and back when the
    written form is unknown (GeoNames and ACLED spell Sudan's and Uganda's states differently)."""
    found = _lookup(name, 15)
    if any(p.feature in ("province", "region", "district") for p in found):
        return found
    first, _, rest = name.partition(" ")
    if rest and first in _DIRECTION_FORMS:
        other = _lookup(f"{_DIRECTION_FORMS[first]} {rest}", 15)
        if other:
            return other + found
    # "Jos North", "Ibadan South West", "Tigania West": a unit named after its seat town.
    seat = _DIRECTION_AFTER.sub("", name)
    if seat != name and len(seat) >= 3:
        towns = tuple(p for p in _lookup(seat, 15) if p.feature in TOWNS)
        return found + towns if found else towns
    return found


def resolve_qualified(text: str) -> list[QualifiedPlace]:
    """Places written as "X (Y, Z)" in ``text``, resolved inside their admin units.

    The candidate of X that lies in one of the named units wins; when the gazetteer has no X
    there, the most specific unit that resolves stands in for it: a district (geo_precision 2,
    ACLED's "part of a region") or the province (geo_precision 3). "X LGA", "X district" is
    coded to the unit's seat, the town X (geo_precision 2). When nothing corroborates the
    country of the units (no other name of the note has a candidate there) but X itself is
    known, X wins: "Valdivia (Los Rios)" is Chile's Valdivia, not Ecuador's Los Rios.
    """
    try:
        gazetteer = _gazetteer()
    except Exception:  # noqa: BLE001 - no gazetteer, no qualified places
        return []
    found: list[QualifiedPlace] = []
    written = [(q, True) for q in admin_qualifiers(text)]
    written += [(q, False) for q in comma_qualifiers(text)]
    for (name, start, end, qualifiers, coded), parenthesised in written:
        if _acronyms(qualifiers) and not coded:
            continue  # "United Democratic Alliance (UDA)": a name and its acronym
        whole = _parenthesised_name(name, qualifiers) if parenthesised and not coded else None
        if whole is not None:
            found.append(
                QualifiedPlace(
                    name, start, end, [], whole, 1,
                    f"{name!r} ({qualifiers[0]}) is the town's own name",
                )
            )  # fmt: skip
            continue
        source_name = ""
        if coded:
            source_name = name
            name, qualifiers = qualifiers[0], qualifiers[1:] or _units_after(text, end)
            if not qualifiers:
                continue  # "Urf (coded to Jabal Urf)" alone: nothing to resolve it inside
        names = head_names(name)
        if not coded and _UNIT_AFTER.match(text, end):
            names = [(n, True) for n, _ in names]  # "Ghamr district (Sadah)"
        regions, supported = _qualifier_places(gazetteer, qualifiers, [n for n, _ in names])
        head, unit = _head_candidates(gazetteer, names, qualifiers, regions)
        if not head and source_name:
            # "Midi (coded to Coast of Midi) (Hajjah)": the source's own name, known inside the
            # units and spelt as written, says more than a unit standing in for the coded name.
            source = head_names(source_name)
            head, unit = _head_candidates(gazetteer, source, qualifiers, regions)
            head = [p for p in head if any(_fold(p.name) == _fold(n) for n, _ in source)]
        near = bool(_NEAR_BEFORE.search(text[max(0, start - 30) : start]))
        why = ""
        # A town standing in for the outer unit is a weak clue too: a known city of the
        # name wins over it ("Malaga (Andalucia)" is Spain's, not near Colombia's Andalucia).
        seat_outer = bool(regions) and regions[-1][0].feature in TOWNS
        if not head and (not supported or not regions or seat_outer) and not _acronyms(qualifiers):
            loose, unit = _known_head(names)
            if loose is not None:
                head = [loose]
                why = "; its admin units do not resolve in its country"
        if not regions and not head:
            continue  # "(CONAIE)", "(UGPO)": an acronym or an aside, not admin units
        if not head and not parenthesised and not _comma_stand_in(name, regions):
            continue  # "in Babil, Diwaniyah and Dhi Qar" is a list, not a place and its unit
        if head:
            seat = " (the unit's seat)" if unit and head[0].feature in TOWNS else ""
            found.append(
                QualifiedPlace(
                    name, start, end, qualifiers, head[0], 2 if near or seat else 1,
                    f"{name!r} inside {', '.join(qualifiers)}"
                    + (" (near)" if near else "") + seat + why,
                )
            )  # fmt: skip
            continue
        stand_in, precision = regions[0]
        found.append(
            QualifiedPlace(
                name, start, end, qualifiers, stand_in, precision,
                f"{name!r} is not in the gazetteer: coded to {stand_in.name!r} "
                f"({stand_in.feature}) from its admin units",
            )
        )  # fmt: skip
    return found


def _comma_stand_in(name: str, regions: list[tuple[Place, int]]) -> bool:
    """Whether "in X, Province" with no X inside the province is coded to the province.

    "shelled Dibrova, Donetsk": the gazetteer's Dibrova lies in Poltava, 280 km off; the note
    says Donetsk, so the province stands in (geo_precision 3) rather than a homonym elsewhere.
    A name that is itself a province or country ("in Babil, Diwaniyah.") is a list instead.
    """
    if not regions or regions[-1][0].feature not in ("province", "region"):
        return False
    return not any(p.feature in REGIONS for p in _lookup(name, 5) if _fold(p.name) == _fold(name))


def _qualifier_places(  # type: ignore[no-untyped-def]
    gazetteer, qualifiers: list[str], head: Sequence[str] = ()
) -> tuple[list[tuple[Place, int]], bool]:
    """The admin units a note names, most specific first, each with the geo_precision a stand-in
    coded to it gets (district or same-named town 2, province 3), and whether anything else
    corroborates the country of the outermost unit.

    The outermost unit (usually the admin1) constrains the inner ones. When its name exists in
    several countries ("Plateau" in Nigeria and Benin, "Northern" in a dozen), the one in the
    country where the inner units and the place itself have candidates wins.
    """
    outer = qualifiers[-1]
    others = [q for q in qualifiers[:-1]] + list(head)
    outer_candidates = [
        p for p in _unit_lookup(outer) if p.feature in ("province", "region", "district")
    ]
    # The unit word was stripped from "Northern state": the gazetteer may name it with it
    # ("Northern State", Sudan), exactly as written.
    for word in ("State", "Region", "Province"):
        outer_candidates += [
            p
            for p in _lookup(f"{outer} {word}", 5)
            if p.feature in ("province", "region") and _fold(p.name) == _fold(f"{outer} {word}")
        ]
    # A district the gazetteer has no polygon name for ("Bar Elias (Zahle)", "Sreepur
    # (Gazipur)") is named after its seat: the town spelt exactly as written stands in for it,
    # and beats a district that only resembles the name (India's Ghazipur for Gazipur). A
    # province spelt otherwise ("Andalucia", "Andalusia") still beats a homonymous town.
    if not any(
        _fold(p.name) == _fold(outer) or p.feature in ("province", "region")
        for p in outer_candidates
    ):
        seats = [p for p in _lookup(outer, 15) if p.feature in TOWNS]
        exact = [p for p in seats if _fold(p.name) == _fold(outer)]
        # With nothing else to go on, the best-known spelling of a seat ("Tyr" is Tyre) also
        # stands in: one letter's difference, and the lookup's first choice.
        loose = [
            p
            for p in seats[:1]
            if not outer_candidates
            and len(_fold(outer)) >= 3
            and _fold(p.name).startswith(_fold(outer))
            and len(_fold(p.name)) - len(_fold(outer)) <= 1
        ]
        outer_candidates += exact or loose

    def support(place: Place) -> int:
        return sum(any(c.iso == place.iso for c in _unit_lookup(o)) for o in others)

    # Stable: on ties the name as written ("Sadah" is Yemen's, not Mayotte's "Sada"), then
    # the lookup order.
    ranked = sorted(outer_candidates, key=lambda p: (-support(p), _fold(p.name) != _fold(outer)))
    chosen_outer = ranked[0] if ranked else None
    if (
        chosen_outer is not None
        and _fold(outer) in _GENERIC_UNITS
        and support(chosen_outer) == 0
        and len({p.iso for p in ranked}) > 1
    ):
        # "Eastern", "Capital" alone name a province in a dozen countries: without a country
        # from the note any choice is arbitrary (American Samoa for Sri Lanka), so none.
        return [], True
    # Only a province nobody else places in its country is doubtful: a district ("Maqbanah")
    # is specific enough to trust on its own.
    supported = (
        chosen_outer is None or chosen_outer.feature == "district" or support(chosen_outer) > 0
    )
    out: list[tuple[Place, int]] = []
    for qualifier in qualifiers:
        if qualifier is outer:
            if chosen_outer is not None:
                precision = 3 if chosen_outer.feature in ("province", "region") else 2
                out.append((chosen_outer, precision))
            continue
        inside = [
            p
            for p in _unit_lookup(qualifier)
            if (_same_admin(outer, p) or p.feature == "country")
            and (chosen_outer is None or p.iso == chosen_outer.iso)
        ]
        # "(Birnin Gwari, Kaduna)" is the unit's seat Birnin Gwari, not "Sofo-Birnin-Gwari".
        inside.sort(key=lambda p: _fold(p.name) != _fold(qualifier))
        for place in inside:
            if place.feature in ("district", "province", "region") or place.feature in TOWNS:
                out.append((place, 2 if place.feature != "province" else 3))
                break
    return out, supported or not out


def _head_candidates(
    gazetteer,
    names: list[tuple[str, bool]],
    qualifiers: list[str],
    regions: list[tuple[Place, int]],
) -> tuple[list[Place], bool]:  # type: ignore[no-untyped-def]
    """Candidates of the qualified name that lie in its admin units, the best first, and
    whether the spelling that matched names an admin unit (then its seat stands in).

    The outermost unit (usually the admin1) must agree when any candidate agrees with it:
    "Hyderabad (Hyderabad, Sindh)" is the Sindh one, not the Indian city in a Hyderabad
    district. "Rio de Janeiro - North Zone" (ACLED's city parts) falls back to the city.
    """  # fmt: skip
    from sitrep.geo.distance import haversine_km

    # The most specific unit that resolved below the province bounds the place: "Barangay San
    # Vicente (Barcelona, Sorsogon)" is the one near Barcelona, not another in the region.
    # A district's point is the mean of its towns, so it gets a wider reach than a town's.
    inner = next((r for r, precision in regions if precision == 2), None)
    reach = 30 if inner is not None and inner.feature in TOWNS else 75
    for candidate_name, unit in names:
        places = [p for p in _lookup(candidate_name, 25) if p.feature not in REGIONS]
        inside = [p for p in places if _in_units(p, qualifiers, regions, candidate_name)]
        if inner is not None:
            inside = [
                p for p in inside if haversine_km((p.lat, p.lon), (inner.lat, inner.lon)) <= reach
            ]
        outer = [p for p in inside if _same_admin(qualifiers[-1], p)]
        if outer or inside:
            # The name as written beats a longer name that contains it ("Birnin Gwari" is
            # not the bigger "Sofo-Birnin-Gwari" 47 km away); the lookup order on ties.
            exact = _fold(candidate_name)
            return sorted(outer or inside, key=lambda p: _fold(p.name) != exact), unit
    return [], False


def _parenthesised_name(name: str, qualifiers: list[str]) -> Place | None:
    """The town whose own name has the parentheses: "Homberg (Ohm)", "Buchen (Odenwald)",
    "Freiburg (Elbe)" tell German towns apart by their river or hills, and the gazetteer
    knows them by that whole name ("Buchen in Odenwald")."""
    if len(qualifiers) != 1 or len(name.split()) > 2:
        return None
    for place in _lookup(f"{name} ({qualifiers[0]})", 3):
        if place.feature in TOWNS and _fold(place.name).startswith(_fold(name)):
            return place
    return None


def _acronyms(qualifiers: list[str]) -> bool:
    """Whether the parentheses hold only acronyms ("BAGHDAD (GWS) —": a news agency)."""
    return all(q.replace(".", "").isupper() for q in qualifiers)


def _known_head(names: list[tuple[str, bool]]) -> tuple[Place | None, bool]:
    """A prominent town any spelling of the name resolves to, ignoring the units.

    Only a city (100k+, a capital or a curated city) whose name is the one written (not a
    near-miss spelling): a village name the gazetteer does not know matches some far-off
    hamlet too easily.
    """
    for candidate_name, unit in names:
        for place in _lookup(candidate_name, 5):
            if (
                place.feature in TOWNS
                and (
                    (place.population or 0) >= 100_000
                    or place.feature == "capital"
                    or (place.source == "supplement" and place.feature == "city")
                )
                and _fold(place.name) == _fold(candidate_name)
            ):
                return place, unit
    return None, False


def _in_units(
    place: Place, qualifiers: list[str], regions: list[tuple[Place, int]], name: str = ""
) -> bool:
    """Whether a candidate lies in the named admin units: by name, or within reach of them.

    A unit that repeats the place's own name ("Bara (Bara locality, ...)") counts only when
    the candidate's unit contains it as spelt ("Bogota" in "Bogota D.C."): every homonym's
    municipality resembles its town ("Barra", Brazil; "Balad", Iraq), so a near match says
    nothing.
    """
    units = [_fold(u) for u in (place.admin1, place.admin2, place.admin3) if u]
    for qualifier in qualifiers:
        folded = _fold(qualifier)
        if name and folded == _fold(name) and not any(folded in u for u in units):
            continue
        if _same_admin(qualifier, place):
            return True
    from sitrep.geo.distance import haversine_km

    for region, precision in regions:
        reach = 40 if precision == 2 else 150
        if haversine_km((place.lat, place.lon), (region.lat, region.lon)) <= reach:
            return True
    return False


#: "..., coded to Eha Amufu (Isi Uzo, Enugu)", "(coded as Namtu town)", "[coded to Beryslav]",
#: "coded to nearby Kipese", "coded to the nearest town Gombi": the place a note says it is
#: coded at. Lower-case objects ("coded to district level", "coded as military") and counts
#: ("fatalities coded as 3") never match: the name must be capitalised.
_CODED_STATEMENT = re.compile(
    r"(?<![Ff]atalities\s)(?<![Ff]atalities\sare\s)\b(?:coded|located)\s+(?:to|at|as|in)\s+"
    r"(?:the\s+)?(?P<near>(?:nearest|nearby|closest|neighbou?ring)\s+"
    r"(?:(?:town|city|village|locality|settlement|location)\s+(?:of\s+)?)?)?"
    r"(?:(?:regional|provincial|district|county|territory|state|local)\s+capital,?\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:(?:[ -]| - )(?:[A-Z][\w'’.-]*|al|el|de|do|da|del|la|ad|as|ar))*)"
)
#: "Haradh (coded to district level) (Hajjah)": the name before the statement is the coded
#: place, at the precision of a district (geo_precision 2).
_CODED_LEVEL = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:(?:[ -])(?:[A-Z][\w'’.-]*|al|el|ad|as|ar|an))*)\s*[(\[]"
    r"coded\s+(?:to|at)\s+(?:the\s+)?(?:district|county|locality|LGA|admin\s*2)[\s-]+level[)\]]"
)
#: Words after a coded name that say what follows is not a place ("coded as Kashmir Rebels").
_NOT_A_PLACE_AFTER = re.compile(r"^\s+(?:[A-Z]\w*\s+)?(?:forces|rebels|militia|event)\b", re.I)
#: An admin-unit parenthesis or bracket: "(Sirwah, Marib)", "[Kherson]".
_UNITS = re.compile(r"[(\[](?P<quals>[A-Z][^()\[\]]{1,120})[)\]]")


def coded_place(text: str) -> QualifiedPlace | None:
    """The place ``text`` (an ACLED note's sentence) says the event is coded at, if any.

    ACLED writes its coding decision next to the place the source names: "in Ogbede-Mgbuji,
    coded to Eha Amufu (Isi Uzo, Enugu)", "Dhanah (coded to Wadi Dhanah) (Sirwah, Marib)",
    "Mariga LGA (Niger), coded to Mariga". That stated place is the gold location, so it
    wins over the name the source used. It is resolved inside the admin units written
    right after it, else the nearest ones written before it in the sentence; with no units
    at all, only a prominent town (see :func:`_known_head`) is trusted.
    """
    if "coded" not in text and "located" not in text:
        return None
    statements = [
        (m.start(), m.group("name").rstrip("."), m.start("name"), m.group("near") is not None, 0)
        for m in _CODED_STATEMENT.finditer(text)
    ]
    statements += [
        (m.start(), m.group("name"), m.start("name"), False, m.end() - m.end("name"))
        for m in _CODED_LEVEL.finditer(text)
    ]
    for match_start, name, name_start, near, level in sorted(statements):
        end = name_start + len(name)
        if not level and _NOT_A_PLACE_AFTER.match(text, end):
            continue
        # Units right after the name (possibly after the closing of "(coded to X)").
        after = re.match(r"\s*[)\]]?,?\s*(?P<units>[(\[][^()\[\]]*[)\]])", text[end + level :])
        units = _UNITS.fullmatch(after.group("units")) if after else None
        inline = re.match(r",\s*(?P<quals>[A-Z][^()\[\]]{1,120})[)\]]", text[end:])
        if units is None and inline is not None:
            units = inline  # "(coded to Ongata Rongai, Loitokitok, Kajiado)"
        if units is None:
            before = list(_UNITS.finditer(text[:match_start]))
            units = before[-1] if before else None
            if units is not None and units.group("quals").lower().startswith("coded"):
                units = None
        quals = units.group("quals") if units is not None else ""
        if quals and not quals.lower().startswith("coded"):
            for found in resolve_qualified(f"{name} ({quals})"):
                # A stand-in from the units says no more than the source's own name does.
                # A stand-in from the units says no more than the source's own name, and a
                # stated name is spelt exactly ("coded as Abba" is not Aba, 74 km away).
                stand_in = found.reason.startswith(f"{found.name!r} is not in the gazetteer")
                exact = found.place is not None and any(
                    _fold(n) == _fold(found.place.name) for n, _ in head_names(name)
                )
                if found.start == 0 and not stand_in and (exact or level):
                    return QualifiedPlace(
                        name, name_start, end, found.qualifiers, found.place,
                        2 if near or level else found.precision,
                        f"the note codes it to {name!r}"
                        + (" at district level" if level else "") + ": " + found.reason,
                    )  # fmt: skip
        known, _ = _known_head(head_names(name))
        if known is not None:
            return QualifiedPlace(
                name, name_start, end, [], known, 2 if near or level else 1,
                f"the note codes it to {name!r}, a known town",
            )  # fmt: skip
    return None


def _first_qualified(text: str, start: int) -> Choice | None:
    """The place the sentence says it is coded at, else its first "X (Y, Z)" place that is
    not an origin, as a choice."""
    found = _qualified_in(text)
    if found is None or found.place is None:
        return None
    mention = PlaceMention(
        text=found.name, start=start + found.start, end=start + found.end,
        place=replace(found.place), score=1.0,
    )  # fmt: skip
    return mention, found.precision, found.reason


@functools.lru_cache(maxsize=2048)
def _coded_in(text: str) -> QualifiedPlace | None:
    """:func:`coded_place`, cached: a note's sentences are read again for its other events
    and by :func:`defer_to_paragraph`. Callers copy what they keep (the result is shared)."""
    return coded_place(text)


@functools.lru_cache(maxsize=2048)
def _qualified_in(text: str) -> QualifiedPlace | None:
    """The sentence's coded place, else its first qualified place that is not an origin
    (offsets within ``text``; cached and shared, so callers copy what they keep)."""
    coded = _coded_in(text) if "coded" in text or "located" in text else None
    if coded is not None and coded.place is not None:
        return coded
    if "(" not in text and (", " not in text or _COMMA_QUALIFIED.search(text) is None):
        return None
    for found in sorted(resolve_qualified(text), key=lambda q: q.start):
        if found.place is None or _ORIGIN.search(text[max(0, found.start - 40) : found.start]):
            continue
        return found
    return None


# --------------------------------------------------------------------------- one place per note


@functools.lru_cache(maxsize=256)
def _paragraph_anchor(paragraph: tuple[tuple[str, int], ...]) -> Choice | None:
    """The paragraph's stated coding place ("coded to X" in any sentence), else its first
    place written with admin units, as a choice (see :func:`defer_to_paragraph`)."""
    for text, start in paragraph:
        if "coded" in text or "located" in text:
            coded = _coded_in(text)
            if coded is not None and coded.place is not None:
                mention = PlaceMention(
                    text=coded.name, start=start + coded.start, end=start + coded.end,
                    place=replace(coded.place), score=1.0,
                )  # fmt: skip
                return mention, coded.precision, coded.reason
    for text, start in paragraph:
        if "(" in text or "[" in text:
            found = _first_qualified(text, start)
            if found is not None:
                return found
    return None


def defer_to_paragraph(
    chosen: Sequence[tuple[PlaceMention | None, int | None, str]],
    text: str,
    start: int,
    paragraph: Sequence[tuple[str, int]],
) -> list[tuple[PlaceMention | None, int | None, str]]:
    """A sentence's places, or the paragraph's written coding place when that says more.

    An ACLED note tells one event and pins its place once, with admin units ("in Belet Weyne
    town (Belet Weyne, Hiraan)") or a coding statement ("Location coded to Gusau (Gusau,
    Zamfara)."); its other sentences add details whose toponyms are no event place ("between
    Kamal hotel and the main hospital", "Police and Abu tira intervened"). A sentence without
    units of its own therefore takes the paragraph's pinned place when its own choice is
    nothing, a place in another country, or only a region of the pinned place's country
    ("in the Anambra state house of assembly" beside "Ukpor (Nnewi South, Anambra)"). A town
    of the same country stays: a news paragraph may tell of two towns.
    """
    if not any("(" in t or "[" in t or "coded" in t for t, _ in paragraph):
        return list(chosen)
    if ("(" in text or "[" in text or "coded" in text) and (
        _coded_in(text) is not None or _qualified_in(text) is not None
    ):
        return list(chosen)  # the sentence pins its own place
    anchor = _paragraph_anchor(tuple((t, s) for t, s in paragraph))
    if anchor is None or anchor[0].place is None:
        return list(chosen)
    pinned = anchor[0].place

    def weaker(choice: tuple[PlaceMention | None, int | None, str]) -> bool:
        mention, precision, why = choice
        place = mention.place if mention is not None else None
        if place is None:
            return True
        if place.country != pinned.country:
            return True
        return precision == 3 or place.feature in REGIONS or "the article's main place" in why

    if chosen and not all(weaker(c) for c in chosen):
        return list(chosen)
    mention, precision, why = anchor
    copy = replace(mention, place=replace(mention.place)) if mention.place else mention
    return [(copy, precision, why + " (the place the note pins in another sentence)")]
