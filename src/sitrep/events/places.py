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

import re
from collections.abc import Sequence

from sitrep.models import PlaceMention

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


def choose_places(text: str, start: int, mentions: Sequence[PlaceMention]) -> list[Choice]:
    """The event's place(s) in one sentence, with geo_precision and reason.

    ``text`` is the sentence, ``start`` its offset in the article (mentions carry article
    offsets). Several places come back for a coordinated list ("in Babil, Diwaniyah and Dhi
    Qar"): ACLED codes one event per place.
    """
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
