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
_ORIGIN = re.compile(r"\b(?:from|toward|towards|to)\s+(?:the\s+)?(?:\w+\s+){0,4}$", re.I)
_LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")

#: Kinds of place, from the most to the least specific.
SITES = frozenset({"base", "site", "airport", "camp", "crossing", "field"})
TOWNS = frozenset({"city", "town", "village", "capital"})
REGIONS = frozenset({"province", "region", "admin1", "country", "continent", "water"})


# --------------------------------------------------------------------------- geoparsing


def geoparse(text: str) -> list[PlaceMention]:
    """Toponyms of ``text`` resolved by the shipped gazetteer (none when it cannot load)."""
    try:
        from sitrep.resolve.gazetteer import Gazetteer
    except ImportError:  # pragma: no cover - resolve ships with the package
        return []
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
        if countries and place.country not in countries and mention.score < 0.8:
            continue
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
        kept.append(mention)
    return kept


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
    resolved = [m for m in mentions if m.place is not None]
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
    return chosen


# --------------------------------------------------------------------------- ACLED qualifiers

#: "Minakulu sub-county (Oyam, Northern)", "Hpruso town (Hpruso township, Loikaw district)":
#: a capitalised name, an optional kind of place, then the admin units in parentheses.
_QUALIFIED = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:(?:[ -]| - )(?:[A-Z][\w'’.-]*|al|el|de|do|da|del|la|of|ad|as|ar))*)"
    r"(?P<kind>\s+(?:town|village|city|district|sub-?county|county|municipality|area|camp|"
    r"neighbou?rhood|commune|locality|township|payam|boma|ward|region|state|province|"
    r"governorate|department|kebele|woreda|parish|union|upazila|barangay))?"
    r"\s*\((?P<quals>[^()]{2,160})\)"
)
#: "in Tejalpa, Morelos, a man was killed": a place, a comma, then its province.
_COMMA_QUALIFIED = re.compile(
    r"\b(?:in|at|near|outside|around)\s+(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}),\s+"
    r"(?P<quals>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})(?=\s*(?:[,.;]|$))"
)
_ADMIN_WORDS = re.compile(
    r"\s+(?:district|county|sub-?county|state|region|province|township|regency|municipality|"
    r"department|governorate|division|LGA|prefecture|commune|zone|city|town|village|payam|"
    r"upazila|woreda|parish)\s*$",
    re.IGNORECASE,
)
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
        if not parts:
            continue
        out.append((match.group("name"), match.start("name"), match.end("name"), parts, coded))
    return out


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


def resolve_qualified(text: str) -> list[QualifiedPlace]:
    """Places written as "X (Y, Z)" in ``text``, resolved inside their admin units.

    The candidate of X that lies in one of the named units wins; when the gazetteer has no X
    there, the most specific unit that resolves stands in for it: a district (geo_precision 2,
    ACLED's "part of a region") or the province (geo_precision 3).
    """
    try:
        gazetteer = _gazetteer()
    except Exception:  # noqa: BLE001 - no gazetteer, no qualified places
        return []
    found: list[QualifiedPlace] = []
    written = [(q, True) for q in admin_qualifiers(text)]
    written += [(q, False) for q in comma_qualifiers(text)]
    for (name, start, end, qualifiers, coded), parenthesised in written:
        if coded:
            name, qualifiers = qualifiers[0], qualifiers[1:] or qualifiers
        regions = _qualifier_places(gazetteer, qualifiers)
        head = _head_candidates(gazetteer, name, qualifiers, regions)
        if not regions and not head:
            continue  # "(CONAIE)", "(UGPO)": an acronym or an aside, not admin units
        near = bool(_NEAR_BEFORE.search(text[max(0, start - 30) : start]))
        if not head and not parenthesised:
            continue  # "in Babil, Diwaniyah and Dhi Qar" is a list, not a place and its unit
        if head:
            found.append(
                QualifiedPlace(
                    name, start, end, qualifiers, head[0], 2 if near else 1,
                    f"{name!r} inside {', '.join(qualifiers)}"
                    + (" (near)" if near else ""),
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


def _qualifier_places(gazetteer, qualifiers: list[str]) -> list[tuple[Place, int]]:  # type: ignore[no-untyped-def]
    """The admin units a note names, most specific first, each with the geo_precision a stand-in
    coded to it gets (district or same-named town 2, province 3); the outermost unit (usually
    the admin1) constrains the inner ones."""
    outer = qualifiers[-1]
    out: list[tuple[Place, int]] = []
    for qualifier in qualifiers:
        candidates = _lookup(qualifier, 15)
        inside = [
            p
            for p in candidates
            if qualifier is outer or _same_admin(outer, p) or p.feature == "country"
        ]
        for place in inside:
            if place.feature in ("district",) or (
                place.feature in TOWNS and qualifier is not outer
            ):
                out.append((place, 2))
                break
            if place.feature in ("province", "region"):
                out.append((place, 3))
                break
    return out


def _head_candidates(
    gazetteer, name: str, qualifiers: list[str], regions: list[tuple[Place, int]]
) -> list[Place]:  # type: ignore[no-untyped-def]
    """Candidates of the qualified name that lie in its admin units, the best first.

    The outermost unit (usually the admin1) must agree when any candidate agrees with it:
    "Hyderabad (Hyderabad, Sindh)" is the Sindh one, not the Indian city in a Hyderabad
    district. "Rio de Janeiro - North Zone" (ACLED's city parts) falls back to the city.
    """
    names = [name]
    if " - " in name:
        names.append(name.split(" - ")[0])
    for candidate_name in names:
        places = [p for p in _lookup(candidate_name, 25) if p.feature not in REGIONS]
        inside = [p for p in places if _in_units(p, qualifiers, regions)]
        outer = [p for p in inside if _same_admin(qualifiers[-1], p)]
        if outer or inside:
            return outer or inside
    return []


def _in_units(place: Place, qualifiers: list[str], regions: list[tuple[Place, int]]) -> bool:
    """Whether a candidate lies in the named admin units: by name, or within reach of them."""
    if any(_same_admin(q, place) for q in qualifiers):
        return True
    from sitrep.resolve.gazetteer import haversine_km

    for region, precision in regions:
        reach = 40 if precision == 2 else 150
        if haversine_km((place.lat, place.lon), (region.lat, region.lon)) <= reach:
            return True
    return False


def _first_qualified(text: str, start: int) -> Choice | None:
    """The sentence's first "X (Y, Z)" place that is not an origin, as a choice."""
    if "(" not in text:
        return None
    for found in sorted(resolve_qualified(text), key=lambda q: q.start):
        if found.place is None or _ORIGIN.search(text[max(0, found.start - 40) : found.start]):
            continue
        mention = PlaceMention(
            text=found.name, start=start + found.start, end=start + found.end,
            place=replace(found.place), score=1.0,
        )  # fmt: skip
        return mention, found.precision, found.reason
    return None
