"""The document-level model that picks one place among the candidates sharing a name.

A reader resolving "Georgia" or "Victoria" uses what else the story says: which countries and
provinces it names (or implies with "Iraqi", "Texan"), where its other places are, and how
prominent each candidate is. Each candidate gets a small feature vector and a linear score:

==================  ==========================================================================
feature             meaning
==================  ==========================================================================
prior               kind of place for a bare name: country > province > capital > city > town
population          log10(population + 10) / 7
curated             the entry comes from sitrep's supplement (conflict places, ACLED spelling)
primary             the name is the place's own name, not one of its alternate names
exact               the text spells the name as the place's name does (case/accents aside)
country_exact       a country (or continent) named exactly: "Canada" is the country
hint                the candidate lies in the caller's country (``country_hint``, ``country=``)
named_country       the candidate's country is named elsewhere in the text (or by a demonym)
named_admin1        the candidate's province is named elsewhere in the text
near                exp(-km / 400) to the median point of the other mentions' picks
same_country        share of the other mentions whose pick lies in the candidate's country
feature_word        a following word says what kind of place it is ("Erbil province")
qualified           "Atlanta, Georgia": the candidate lies in one of the comma-joined
                    neighbour's candidates (or, for the neighbour, contains one of the head's)
==================  ==========================================================================

The weights were fitted by logistic regression (``eval/geo/fit_geoscore.py``, scikit-learn,
C=1.0, candidates labelled 1 when within 161 km of the gold point) on the *tuning half* of
GeoVirus (its first 114 articles), then rounded; the second half was never used to fit them.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.geo.distance import haversine_km
from sitrep.models import Place

FEATURES = (
    "prior", "population", "curated", "primary", "exact", "country_exact", "hint",
    "named_country", "named_admin1", "near", "same_country", "feature_word", "qualified",
)  # fmt: skip

#: Fitted weights, in FEATURES order (see the module docstring for how).
WEIGHTS = (1.0, 0.55, 0.4, 0.45, -0.2, 0.52, 1.5, 0.21, 0.48, 0.85, 0.32, 1.0, 1.0)

#: Feature priors: how likely a bare mention of the name means this kind of place.
FEATURE_PRIOR = {
    "country": 1.6, "continent": 1.6, "province": 1.5, "capital": 0.9, "city": 0.7, "base": 0.8,
    "airport": 0.6, "camp": 0.6, "crossing": 0.5, "region": 0.7, "district": 0.5, "site": 0.5,
    "field": 0.5, "town": 0.35, "village": 0.0, "water": 0.2,
}  # fmt: skip

_DISTANCE_SCALE_KM = 400.0
#: Sources whose entries are curated: sitrep's supplement, and the places the user taught it
#: from their reference dataset (``sitrep gazetteer learn``: its spelling and point win).
CURATED_SOURCES = frozenset({"supplement", "user"})
#: Reporters call a place of 200,000 a town and one of 20,000 a city ("the northern town of
#: Torun"): the gazetteer's population bands are not theirs, so any settlement word fits any
#: settlement.
_SETTLEMENTS = frozenset({"city", "town", "village", "capital"})
_WHOLE = frozenset({"country", "continent"})


@dataclass
class DocumentContext:
    """What the rest of the text says about where it is, seen from one mention.

    ``countries`` and ``admin1s`` count the mentions (other than the one being resolved) that
    name a country or province; ``picks`` are the other mentions' provisional places.
    """

    hint: str | None = None
    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    picks: Sequence[Place] = ()

    def median_point(self) -> tuple[float, float] | None:
        """Median of the other picks' points (countries left out: their centre says little)."""
        points = [(p.lat, p.lon) for p in self.picks if p.feature not in _WHOLE]
        if not points:
            return None
        lats = sorted(p[0] for p in points)
        lons = sorted(p[1] for p in points)
        return lats[len(lats) // 2], lons[len(lons) // 2]

    def country_share(self, iso: str | None) -> float:
        if not iso or not self.picks:
            return 0.0
        return sum(p.iso == iso for p in self.picks) / len(self.picks)


def base_prior(place: Place) -> float:
    """Kind-of-place prior plus the population term (the context-free part of the score)."""
    return FEATURE_PRIOR.get(place.feature or "", 0.3)


def features(
    place: Place,
    *,
    primary: bool,
    exact: bool,
    feature_word: str | None,
    context: DocumentContext,
    near: tuple[float, float] | None,
    qualified: bool = False,
) -> list[float]:
    """The feature vector of one candidate, in :data:`FEATURES` order."""
    whole = place.feature in _WHOLE
    if near is not None:
        closeness = math.exp(-haversine_km(near, (place.lat, place.lon)) / _DISTANCE_SCALE_KM)
    else:
        closeness = 0.0
    kind_matches = bool(feature_word) and (
        place.feature == feature_word
        or (feature_word in _SETTLEMENTS and place.feature in _SETTLEMENTS)
    )
    named_country = bool(place.iso) and context.countries.get(place.iso or "", 0) > 0
    named_admin1 = (
        bool(place.admin1)
        and place.feature != "province"
        and context.admin1s.get((place.iso or "", place.admin1 or ""), 0) > 0
    )
    return [
        base_prior(place),
        math.log10((place.population or 0) + 10) / 7,
        1.0 if place.source in CURATED_SOURCES else 0.0,
        1.0 if primary else 0.0,
        1.0 if exact else 0.0,
        1.0 if exact and whole else 0.0,
        1.0 if context.hint and place.iso == context.hint else 0.0,
        1.0 if named_country and not whole else 0.0,
        1.0 if named_admin1 else 0.0,
        closeness,
        context.country_share(place.iso),
        1.0 if kind_matches else 0.0,
        1.0 if qualified else 0.0,
    ]


def contains(region: Place, place: Place) -> bool:
    """Whether ``region`` (a country or province) holds ``place``."""
    if region.feature == "country":
        return bool(region.iso) and place.iso == region.iso and place.feature != "country"
    if region.feature == "province":
        return (
            place.iso == region.iso
            and place.feature != "province"
            and bool(place.admin1)
            and place.admin1 == (region.admin1 or region.name)
        )
    return False


def score(vector: Sequence[float], weights: Sequence[float] = WEIGHTS) -> float:
    """The linear score of a feature vector."""
    if len(weights) != len(vector):
        raise ValueError(f"{len(vector)} features for {len(weights)} weights")
    return sum(map(operator.mul, weights, vector))  # the hot loop of geoparse: no generator
