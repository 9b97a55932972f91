"""Gazetteer lookups and geoparsing (toponyms in text -> places), without a trained NER.

The index (built by :mod:`sitrep.resolve.gazetteer_build`) maps transliteration-folded name keys
to places. Lookup ranks the candidates of one name by what a reader would use to pick among
them: the story's country, closeness to the other places in the story, the kind of place
(a province or base named outright beats a hamlet sharing its name) and population.

Geoparsing proposes spans from capitalised word runs (and "al-" names), keeps the longest span
whose key is in the index, drops common English words that are also towns ("Mobile", "Energy")
unless a locative cue ("in", "near", "north of") introduces them, then resolves all mentions of
the text together so they pull each other towards one region.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from sitrep.geo.distance import haversine_km
from sitrep.models import Place, PlaceMention
from sitrep.resolve import geoscore
from sitrep.resolve.gazetteer_build import (
    INDEX_VERSION,
    build_index,
    default_index_path,
    load_geonames_dump,
)
from sitrep.resolve.geowords import (
    ACTION_CUES,
    COMMON_WORDS,
    DEMONYM_COUNTRY,
    DEMONYMS,
    LEFT_OK,
    LOCATIVE_CUES,
    NEVER,
    ORGANISATIONS,
    SPEECH,
    TITLES,
)
from sitrep.resolve.names import ARTICLES, display_fold, has_arabic, name_key

__all__ = ["Gazetteer", "load_geonames_dump", "haversine_km"]

FEATURE_PRIOR = geoscore.FEATURE_PRIOR

#: Words after a name that say which kind of place it is ("Erbil province", "Mosul city").
FEATURE_WORDS = {
    "province": "province", "governorate": "province", "region": "province", "state": "province",
    "county": "district", "district": "district", "city": "city", "town": "town",
    "village": "village", "camp": "camp", "base": "base", "airbase": "base", "airport": "airport",
    # plurals: "Erbil and Dahuk provinces", "the villages of Bumbacari and Dudescu"
    "provinces": "province", "governorates": "province", "regions": "province",
    "states": "province", "counties": "district", "districts": "district", "cities": "city",
    "towns": "town", "villages": "village", "camps": "camp", "bases": "base",
}  # fmt: skip


#: All-capital short forms that do name places.
ALLCAPS_OK = frozenset({"US", "USA", "UK", "UAE", "DRC", "KSA", "PRC", "GB", "EU", "KRI"})

_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,3}")
_IRISH = re.compile(r"^[OD]['’][A-Z][a-z]")
_ELIDED = re.compile(r"^[dl]['’][A-Z]")  # "Côte d'Ivoire", "Val-d'Oise"

#: Abbreviated first words followed by a dot ("St. Marc", "Ft. Worth", "Mt. Kenya").
SHORT_PREFIXES = frozenset({"St", "Ste", "Ft", "Mt", "Pt"})

#: Directions that are also province names ("North" in Cameroon, "Central" in Ghana): never a
#: place when they merely open a longer capitalised run ("North Dallas").
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
     "upper", "lower", "northeast", "northwest", "southeast", "southwest", "greater"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass
class _CountedContext(geoscore.DocumentContext):
    """A document context that counts its picks' countries once, so that the share of each
    candidate's country is a lookup rather than a pass over every other pick (the geoparser
    asks it for every candidate of every span in every pass). Same values as the parent's.

    ``isos`` counts the countries of all the text's picks, the mention's own included;
    ``own_iso`` is the own pick's country, which ``picks`` leaves out."""

    isos: Counter[str | None] = field(default_factory=Counter)
    own_iso: str | None = None

    def country_share(self, iso: str | None) -> float:
        if not iso or not self.picks:
            return 0.0
        return (self.isos[iso] - (iso == self.own_iso)) / len(self.picks)


#: Name keys whose candidates a Gazetteer remembers (cleared when full).
_CANDIDATE_CACHE_SIZE = 50_000


@dataclass
class _Candidate:
    place: Place
    prior: float
    primary: bool


def _row_to_place(row: sqlite3.Row | tuple[Any, ...]) -> Place:
    (_, name, lat, lon, country, iso, iso_numeric, admin1, admin2, geonameid, feature,
     population, source) = row  # fmt: skip
    return Place(
        name=name,
        lat=lat,
        lon=lon,
        country=country,
        iso=iso,
        iso_numeric=iso_numeric,
        admin1=admin1,
        admin2=admin2,
        geonameid=geonameid,
        feature=feature,
        population=population,
        source=source,
    )


def _is_capitalised(token: str) -> bool:
    first = token[:1]
    # Arabic script starts at U+0600: the regex is only worth running from there on.
    return first.isupper() or first.isdigit() or (first >= "\u0600" and has_arabic(first))


class Gazetteer:
    """Place lookup and geoparsing over the compiled index.

    One instance holds one read-only SQLite connection per thread; ``Gazetteer.default()``
    returns a shared instance over the default index, building the index first when missing.
    """

    def __init__(self, path: str | Path, *, exclude_sources: Sequence[str] = ()):
        """``exclude_sources`` hides the places of those sources (``"ucdp"``, ``"user"``...):
        an evaluation on UCDP locations must not find the pack's own UCDP layer."""
        self.path = Path(path)
        self.exclude_sources = frozenset(exclude_sources)
        self._local = threading.local()
        self._countries: dict[str, tuple[str, str, int, str]] | None = None
        self._candidate_cache: dict[str, tuple[_Candidate, ...]] = {}

    # ------------------------------------------------------------------ construction
    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The shared gazetteer over the shipped index (built on first use if missing)."""
        path = default_index_path()
        if not path.exists() or _index_version(path) != INDEX_VERSION:
            build_index(path)  # missing, or built by an older sitrep: rebuild, never misread
        return cls(path)

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    # ------------------------------------------------------------------ candidates
    def _candidates(self, key: str) -> list[_Candidate]:
        """The places indexed under ``key`` (a fresh list; its candidates are shared: read only).

        Remembered per key: a geoparse asks for every capitalised run of the text and a corpus
        repeats its names, while the index never changes under a running process."""
        cached = self._candidate_cache.get(key)
        if cached is None:
            cached = self._query_candidates(key)
            if len(self._candidate_cache) >= _CANDIDATE_CACHE_SIZE:
                self._candidate_cache.clear()  # bounded; refilling is cheap
            self._candidate_cache[key] = cached
        return list(cached)

    def _query_candidates(self, key: str) -> tuple[_Candidate, ...]:
        if not key:
            return ()
        rows = self._db.execute(
            "SELECT p.*, n.is_primary FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?",
            (key,),
        ).fetchall()
        out = []
        for row in rows:
            place = _row_to_place(row[:-1])
            if place.source in self.exclude_sources:
                continue
            population = place.population or 0
            prior = FEATURE_PRIOR.get(place.feature or "", 0.3) + math.log10(population + 10) / 7
            if place.source in geoscore.CURATED_SOURCES:
                prior += 0.4  # curated for conflict reporting
            out.append(_Candidate(place, prior, bool(row[-1])))
        return tuple(out)

    def _fuzzy_keys(self, key: str, limit: int = 8) -> list[str]:
        """Index keys close to ``key`` (same first two letters, similar length), best first."""
        if len(key) < 5 or key.startswith("ar:"):
            return []
        prefix = key[:2]
        rows = self._db.execute(
            "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ?",
            (prefix, prefix + "\uffff", len(key) - 2, len(key) + 2),
        ).fetchall()
        floor = 85 if len(key) >= 7 else 90
        scored = [(fuzz.ratio(key, r[0]), r[0]) for r in rows]
        scored = [s for s in scored if s[0] >= floor]
        scored.sort(reverse=True)
        return [k for _, k in scored[:limit]]

    @staticmethod
    def _score(
        candidate: _Candidate,
        *,
        country: str | None,
        near: tuple[float, float] | None,
        feature: str | None,
        exact: str | None,
    ) -> float:
        """A single name's candidate scored with only the caller's context (for ``lookup``)."""
        vector = geoscore.features(
            candidate.place,
            primary=candidate.primary,
            exact=bool(exact) and display_fold(candidate.place.name) == exact,
            feature_word=feature,
            context=geoscore.DocumentContext(hint=country),
            near=near,
        )
        # The caller's point is firmer evidence than a text's median point (which the fitted
        # "near" weight is for), so it counts twice: "Paris" near Dallas is Paris, Texas, even
        # though the French capital is far more prominent.
        closeness = vector[geoscore.FEATURES.index("near")]
        return (
            geoscore.score(vector) + geoscore.WEIGHTS[geoscore.FEATURES.index("near")] * closeness
        )

    def _split_feature(self, name: str) -> tuple[str, str | None]:
        words = name.strip().split()
        if len(words) > 1 and words[-1].lower() in FEATURE_WORDS:
            return " ".join(words[:-1]), FEATURE_WORDS[words[-1].lower()]
        return name, None

    # ------------------------------------------------------------------ public API
    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        limit: int = 5,
    ) -> list[Place]:
        """Places called ``name``, best first.

        ``country`` (ISO alpha-2, or a country name) favours places in that country; ``near``
        (lat, lon) favours places close to it. A trailing feature word ("Erbil province",
        "Mosul city") favours that kind of place; when nothing matches exactly, near-miss
        spellings are tried (rapidfuzz ratio >= 85 on the folded key).
        """
        iso = self._iso(country) if country else None
        candidates = self._candidates(name_key(name))
        feature = None
        if not candidates:
            bare, feature = self._split_feature(name)
            if feature:
                candidates = self._candidates(name_key(bare))
                name = bare
        if not candidates or (iso and not any(c.place.iso == iso for c in candidates)):
            # A near-miss spelling inside the story's country beats an exact name abroad; with
            # a country given, fuzzy matches abroad are not offered at all.
            fuzzy = [c for key in self._fuzzy_keys(name_key(name)) for c in self._candidates(key)]
            if iso:
                fuzzy = [c for c in fuzzy if c.place.iso == iso]
            else:
                # with no country to keep it near, a near-miss spelling of a hamlet is a guess
                # on a guess ("Kapikule" is not the village Kapili 1,200 km away)
                fuzzy = [c for c in fuzzy if c.prior >= _HAMLET_PRIOR]
            candidates = fuzzy or candidates
        exact = display_fold(name)
        ranked = sorted(
            candidates,
            key=lambda c: -self._score(c, country=iso, near=near, feature=feature, exact=exact),
        )
        curated = [c.place for c in ranked if c.place.source in geoscore.CURATED_SOURCES]
        out: list[Place] = []
        for candidate in ranked:
            place = self._prefer_curated(candidate.place, curated)
            # The same place from two sources (supplement and GeoNames) appears once.
            if not any(
                haversine_km((p.lat, p.lon), (place.lat, place.lon)) < 5
                and p.feature == place.feature
                or haversine_km((p.lat, p.lon), (place.lat, place.lon)) < 1
                for p in out
            ):
                out.append(place)
            if len(out) >= limit:
                break
        return out

    @staticmethod
    def _prefer_curated(place: Place, curated: list[Place]) -> Place:
        """The supplement's entry for the same place (ACLED spelling, admin2), when there is one."""
        if place.source in geoscore.CURATED_SOURCES:
            return place
        for other in curated:
            if (
                other.feature not in {"province", "region"}
                and haversine_km((place.lat, place.lon), (other.lat, other.lon)) < 5
            ):
                return other
        return place

    def _country_table(self) -> dict[str, tuple[str, str, int, str]]:
        if self._countries is None:
            self._countries = {
                r[0]: (r[0], r[1], r[2], r[3]) for r in self._db.execute("SELECT * FROM countries")
            }
        return self._countries

    def _iso(self, name_or_iso: str) -> str | None:
        """ISO alpha-2 of a country given by alpha-2, alpha-3, numeric code or name."""
        value = name_or_iso.strip()
        table = self._country_table()
        if value.upper() in table and len(value) == 2:
            return value.upper()
        for iso, iso3, numeric, _ in table.values():
            if value.upper() == iso3 or (value.isdigit() and int(value) == numeric):
                return iso
        for candidate in self._candidates(name_key(value)):
            if candidate.place.feature == "country":
                return candidate.place.iso
        return None

    def country(self, name_or_iso: str) -> Place | None:
        """A country as a place, coded to its capital, with ``iso`` and ``iso_numeric`` set."""
        iso = self._iso(name_or_iso)
        if iso is None:
            return None
        row = self._db.execute(
            "SELECT * FROM places WHERE feature = 'country' AND iso = ?", (iso,)
        ).fetchone()
        return _row_to_place(row) if row else None

    def admin1_place(self, admin1: str, country: str | None) -> Place | None:
        """A province coded to its capital or centre, for geo_precision 3 events."""
        iso = self._iso(country) if country else None
        bare, _ = self._split_feature(admin1)
        for name in (admin1, bare):
            provinces = [
                c for c in self._candidates(name_key(name)) if c.place.feature == "province"
            ]
            if iso:
                provinces = [c for c in provinces if c.place.iso == iso]
            if provinces:
                return max(provinces, key=lambda c: c.prior).place
        return None

    def nearest_town(self, lat: float, lon: float) -> Place | None:
        """The nearest populated place (city, town or village) to a point, for "near X" coding."""
        for span in (0.3, 1.0, 3.0):
            rows = self._db.execute(
                "SELECT * FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                "AND feature IN ('city', 'town', 'village', 'capital')",
                (lat - span, lat + span, lon - span * 1.3, lon + span * 1.3),
            ).fetchall()
            if rows:
                best = min(rows, key=lambda r: haversine_km((lat, lon), (r[2], r[3])))
                return _row_to_place(best)
        return None

    # ------------------------------------------------------------------ geoparsing
    def geoparse(self, text: str, *, country_hint: str | None = None) -> list[PlaceMention]:
        """Toponyms in ``text`` with character offsets, each resolved using the whole text.

        ``country_hint`` (ISO alpha-2 or name) is the story's country when known; the
        countries and provinces the text names (and demonyms such as "Iraqi") act as further
        context, as does the closeness of the other places (see :mod:`sitrep.resolve.geoscore`).
        """
        mentions: list[PlaceMention] = []
        parsed = self.candidate_features(text, country_hint=country_hint)
        rankings = []
        for _, _, _, scored in parsed:
            ranked = sorted(
                ((geoscore.score(vector), candidate) for candidate, vector in scored),
                key=lambda pair: -pair[0],
            )
            rankings.append(_spelling_wins(ranked, scored))
        focus = focus_countries(
            [ranked[0][1].place for ranked in rankings],
            [
                dict((id(c), v) for c, v in scored)[id(ranked[0][1])]
                for ranked, (*_, scored) in zip(rankings, parsed, strict=True)
            ],
            hint=self._iso(country_hint) if country_hint else None,
            demonyms=[
                DEMONYM_COUNTRY[m.group().lower()]
                for m in _WORD.finditer(text)
                if m.group()[:1].isupper() and m.group().lower() in DEMONYM_COUNTRY
            ],
        )
        hint_iso = self._iso(country_hint) if country_hint else None
        # where the text's own conflict places lie (the caller's hint, sitrep's curated
        # places): firmer than countries a story only talks about ("the invasion of Ukraine")
        anchored = {hint_iso} if hint_iso else set()
        anchored |= {
            r[0][1].place.iso
            for r in rankings
            if r[0][1].place.source in geoscore.CURATED_SOURCES and r[0][1].place.iso
        }
        for index, ((start, end, surface, scored), ranked) in enumerate(
            zip(parsed, rankings, strict=True)
        ):
            qualifier = _comma_qualifier(text, parsed, rankings, index)
            if qualifier is not None:
                # "Kani township, Sagaing": the place lies in the unit written after it; a
                # namesake elsewhere (Kani, Japan, 100,000 people) is not it, however known
                vectors = {id(c): v for c, v in scored}
                ranked = [
                    pair
                    for pair in ranked
                    if vectors[id(pair[1])][_QUALIFIED]
                    or (pair[1].place.iso == qualifier.iso and qualifier.feature == "country")
                ]
                if not ranked:
                    continue
            if focus:
                vectors = {id(c): v for c, v in scored}
                cued = _IN_BEFORE.search(text, max(0, start - 8), start) is not None
                first = ranked[0][1]
                # "demonstrated in Pau" says Pau is a place, unless the text's places are
                # anchored elsewhere ("in Babylon" among Iraqi governorates)
                located = _place_cue(text, start, end) and not (
                    anchored and first.place.iso not in anchored
                )
                ranked = coherent(
                    ranked,
                    vectors,
                    focus | ({first.place.iso} if located and first.place.iso else set()),
                    cued=cued,
                )
                if not ranked:
                    continue  # only candidates abroad, and nothing in the text says so
                if (ranked[0][1] is not first or ranked[0][1].place.source in _PACK_SOURCES) and (
                    ranked[0][1].prior < _HAMLET_PRIOR and not _place_cue(text, start, end)
                ):
                    # a hamlet at home is no better a guess for a name abroad, and one of the
                    # pack's villages needs a cue: "said al-Saadi met" is a person
                    continue
            top = ranked[0][0]
            margin = top - ranked[1][0] if len(ranked) > 1 else 1.0
            confidence = max(0.05, min(1.0, 0.5 + margin / 2))
            vector = next(v for c, v in scored if c is ranked[0][1])
            if _incoherent_alias(ranked[0][1].place, vector, others=len(parsed) > 1) and not (
                (ranked[0][1].place.population or 0) >= _BIG_CITY
                and _IN_BEFORE.search(text, max(0, start - 8), start)
            ):
                continue  # kept: "demonstrated in Munchen" (an endonym of a big city)
            if not vector[_PRIMARY] and ranked[0][1].place.feature not in _WHOLE_OR_REGION:
                confidence *= 0.7  # only an alternate name matched: never fully sure
            curated = [c.place for _, c in ranked if c.place.source in geoscore.CURATED_SOURCES]
            chosen = self._prefer_curated(ranked[0][1].place, curated)
            mentions.append(
                PlaceMention(
                    text=surface,
                    start=start,
                    end=end,
                    place=replace(chosen),
                    score=round(confidence, 3),
                )
            )
        return mentions

    def candidate_features(
        self,
        text: str,
        *,
        country_hint: str | None = None,
        weights: Sequence[float] = geoscore.WEIGHTS,
    ) -> list[tuple[int, int, str, list[tuple[_Candidate, list[float]]]]]:
        """Each toponym span of ``text`` with its candidates' feature vectors (the input of
        :func:`geoscore.score`); ``weights`` rank the provisional picks that form the context.
        Public so that evaluation scripts can fit the weights."""
        spans = self._spans(text)
        if not spans:
            return []
        hint = self._iso(country_hint) if country_hint else None
        demonym_isos = [
            DEMONYM_COUNTRY[m.group().lower()]
            for m in _WORD.finditer(text)
            if m.group()[:1].isupper() and m.group().lower() in DEMONYM_COUNTRY
        ]
        # "Atlanta, Georgia": a comma-joined neighbour that can hold the head qualifies it.
        qualified: list[set[int]] = [set() for _ in spans]
        for index in range(len(spans) - 1):
            head, tail = spans[index], spans[index + 1]
            if text[head[1] : tail[0]] not in {", ", ","}:
                continue
            for a, candidate in enumerate(head[3]):
                for b, region in enumerate(tail[3]):
                    if geoscore.contains(region.place, candidate.place):
                        qualified[index].add(a)
                        qualified[index + 1].add(b)
        # Pass 1 resolves each span with only the hint and its own evidence; passes 2 and 3
        # resolve it against the rest of the text as the previous pass resolved it (the
        # countries and provinces it names, where its places lie), its own naming left out.
        # Whether each candidate is spelt exactly as the text writes it: the same in every pass.
        exacts = [
            [display_fold(c.place.name) == display_fold(span[2]) for c in span[3]] for span in spans
        ]
        picks: list[Place] | None = None
        out: list[tuple[int, int, str, list[tuple[_Candidate, list[float]]]]] = []
        for _ in range(3):
            if picks is None:
                countries: Counter[str] = Counter()
                admin1s: Counter[tuple[str, str]] = Counter()
                isos: Counter[str | None] = Counter()
            else:
                countries = Counter(p.iso for p in picks if p.feature == "country" and p.iso)
                countries += Counter(demonym_isos)
                admin1s = Counter(
                    (p.iso or "", p.admin1 or p.name) for p in picks if p.feature == "province"
                )
                isos = Counter(p.iso for p in picks)
            out = []
            for index, (start, end, surface, candidates, feature) in enumerate(spans):
                if picks is None:
                    context = geoscore.DocumentContext(hint=hint)
                else:
                    # The counts hold positive values only, so subtracting nothing is a no-op
                    # and the shared counters can stand in for copies.
                    own = picks[index]
                    context = _CountedContext(
                        hint=hint,
                        countries=countries - Counter([own.iso])
                        if own.feature == "country" and own.iso else countries,
                        admin1s=admin1s - Counter([(own.iso or "", own.admin1 or own.name)])
                        if own.feature == "province" else admin1s,
                        picks=[p for j, p in enumerate(picks) if j != index],
                        isos=isos,
                        own_iso=own.iso,
                    )  # fmt: skip
                near = context.median_point()
                scored = [
                    (
                        c,
                        geoscore.features(
                            c.place, primary=c.primary, exact=exacts[index][position],
                            feature_word=feature, context=context, near=near,
                            qualified=position in qualified[index],
                        ),
                    )
                    for position, c in enumerate(candidates)
                ]  # fmt: skip
                out.append((start, end, surface, scored))
            previous = picks
            picks = [
                max(scored, key=lambda cv: geoscore.score(cv[1], weights))[0].place
                for _, _, _, scored in out
            ]
            if previous is not None and all(a is b for a, b in zip(picks, previous, strict=True)):
                break  # the picks are settled: another pass would compute the same vectors
        return out

    def _spans(self, text: str) -> list[tuple[int, int, str, list[_Candidate], str | None]]:
        """Candidate toponym spans in text order (tokenised, filtered, abbreviations added)."""
        tokens = []
        for m in _TOKEN.finditer(text):
            word, end = m.group(), m.end()
            if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
                word, end = word[:-2], end - 2  # "China's" -> "China"
            tokens.append((word, m.start(), end))
        lowercase_words = {t.lower() for t, _, _ in tokens if t.islower()}
        doubted: set[str] = set()
        spans = self._find_spans(text, tokens, lowercase_words, doubted=doubted)
        established = {name_key(span[2]) for span in spans}
        if doubted & established:
            # One sense per discourse: a name the text uses as a place elsewhere ("near Fort
            # Hood ... Fort Hood said") is a place where only a weak cue was missing.
            spans = self._find_spans(text, tokens, lowercase_words, known=established)
        for match in _ABBREVIATION.finditer(text):  # "U.S.", "U.K.": tokens split them apart
            if any(s[0] <= match.start() < s[1] for s in spans):
                continue
            candidates = [
                c
                for c in self._candidates(name_key(match.group()))
                if c.place.feature in {"country", "province"}  # "U.K.", "D.C."
            ]
            if candidates:
                spans.append((match.start(), match.end(), match.group(), candidates, None))
        spans.sort(key=lambda span: span[0])
        return spans

    def _find_spans(
        self,
        text: str,
        tokens: list[tuple[str, int, int]],
        lowercase_words: set[str],
        *,
        known: set[str] | frozenset[str] = frozenset(),
        doubted: set[str] | None = None,
    ) -> list[tuple[int, int, str, list[_Candidate], str | None]]:
        """Longest-match toponym spans over capitalised runs.

        ``known`` holds the keys of names the text establishes as places elsewhere: they count
        as introduced by a locative cue. Keys rejected only for want of a cue are added to
        ``doubted``, so the caller knows whether a second pass with ``known`` can change
        anything."""
        spans: list[tuple[int, int, str, list[_Candidate], str | None]] = []
        count = len(tokens)
        i = 0

        def joined(a: int, b: int) -> bool:
            gap = text[tokens[a][2] : tokens[b][1]]
            if gap == ". " and tokens[a][0] in SHORT_PREFIXES:
                return True  # "St. Marc", "Mt. Hood"
            return gap in {" ", "-", "- ", " -"}

        while i < count:
            word, start, _ = tokens[i]
            lower = word.lower()
            starts_here = _is_capitalised(word) or (
                lower in ARTICLES
                and i + 1 < count
                and text[tokens[i][2] : tokens[i + 1][1]] == "-"
                and _is_capitalised(tokens[i + 1][0])
            )
            if not starts_here or word.isdigit() or word == "A":
                # "A US defence official": the article never begins a place name, and "A US"
                # must not fold into "aus" (regression: the demo coded a US story to Australia).
                i += 1
                continue
            # "As", "An", "At" begin sentences; only "Al"/"El" (or a hyphen) make an article.
            if (
                lower in ARTICLES
                and len(word) <= 3
                and word[:1].isupper()
                and i + 1 < count
                and lower not in {"al", "el"}
                and text[tokens[i][2] : tokens[i + 1][1]] != "-"
            ):
                i += 1
                continue
            # Extend over tokens joined by a space or hyphen that are capitalised or connectors.
            j = i
            while j + 1 < count and j - i < 6 and joined(j, j + 1):
                nxt = tokens[j + 1][0]
                if (
                    _is_capitalised(nxt)
                    or _ELIDED.match(nxt)
                    or (nxt.lower() in ARTICLES and not self._english_article(text, tokens, j + 1))
                    or nxt.lower() in {"of", "the", "bin", "ibn", "de", "la", "du"}
                    or self._hyphen_connector(text, tokens, j + 1)
                ):
                    j += 1
                else:
                    break
            j = self._linked_name(text, tokens, start, j)
            matched = False
            for k in range(j, i - 1, -1):
                last = tokens[k][0]
                if not (_is_capitalised(last) or _ELIDED.match(last)) or last.lower() in {
                    "of",
                    "the",
                    "de",
                    "la",
                    "du",
                }:
                    continue
                if k == i < j and word.lower() in DIRECTIONS:
                    continue  # "North Dallas", "West Midlands": not the province "North"
                surface = text[start : tokens[k][2]]
                key = name_key(surface)
                candidates = self._candidates(key)
                feature = self._feature_word(text, tokens, i, k)
                after = text[tokens[k][2] : tokens[k][2] + 2]
                if after[:1] == "-" and after[1:2].islower():
                    continue  # "Iran-backed", "US-led": an adjective, not a place reference
                if not candidates:
                    continue
                listed = _listed_after(text, start, spans)
                if not self._plausible(
                    i, k, j, tokens, text, lowercase_words, candidates, feature,
                    listed=listed, known=key in known,
                ):  # fmt: skip
                    if doubted is not None and not listed:
                        doubted.add(key)
                    continue
                if k == i and word.isupper() and len(word) <= 4 and word not in ALLCAPS_OK:
                    candidates = [
                        c for c in candidates if c.place.feature in {"country", "province"}
                    ]
                spans.append((start, tokens[k][2], surface, candidates, feature))
                i = k + 1
                matched = True
                break
            if not matched:
                # Names of people and organisations: skip the rest of the run, except a leading
                # word that may itself be a place heading a longer name ("Baghdad Operations").
                i = i + 1 if j == i else self._skip_run(i, j, tokens, text, lowercase_words)
        return spans

    def _linked_name(
        self, text: str, tokens: list[tuple[str, int, int]], start: int, j: int
    ) -> int:
        """The run's end, extended over a lower-case link inside a known town name ("Landau in
        der Pfalz", "Plau am See", "Bad Neustadt an der Saale"). Extended only when the whole
        name is in the index, so "Baghdad in Iraq" stays two places; one lookup per link."""
        m = j + 1
        while m < len(tokens) and m - j <= 2 and tokens[m][0] in _NAME_LINKS:
            m += 1
        if m == j + 1 or m >= len(tokens) or not _is_capitalised(tokens[m][0]):
            return j
        if any(text[tokens[n][2] : tokens[n + 1][1]] != " " for n in range(j, m)):
            return j
        return m if self._candidates(name_key(text[start : tokens[m][2]])) else j

    @staticmethod
    def _english_article(text: str, tokens: list[tuple[str, int, int]], at: int) -> bool:
        """Whether the article-like token at ``at`` is the English word ("Farm at Norfolk",
        "known as Kogelo"): lower case and not hyphenated to the next word ("at-Tanf")."""
        word = tokens[at][0]
        if word not in _ENGLISH_ARTICLES:
            return False
        return at + 1 >= len(tokens) or text[tokens[at][2] : tokens[at + 1][1]] != "-"

    @staticmethod
    def _feature_word(text: str, tokens: list[tuple[str, int, int]], i: int, k: int) -> str | None:
        """The kind of place the words around a span name: "Erbil Province", "a Washington
        state farm" (a feature word right after), "the state of Washington" (before)."""
        if k + 1 < len(tokens) and text[tokens[k][2] : tokens[k + 1][1]] == " ":
            after = tokens[k + 1][0].lower()
            if after in FEATURE_WORDS:
                return FEATURE_WORDS[after]
        if i >= 2 and tokens[i - 1][0] == "of" and tokens[i - 2][0].lower() in FEATURE_WORDS:
            return FEATURE_WORDS[tokens[i - 2][0].lower()]
        return None

    @staticmethod
    def _hyphen_connector(text: str, tokens: list[tuple[str, int, int]], at: int) -> bool:
        """A short lower-case word hyphenated between capitalised ones ("Port-au-Prince",
        "Stratford-upon-Avon", "Saint-Pierre-et-Miquelon") belongs to the name."""
        if at + 1 >= len(tokens) or at == 0:
            return False
        word = tokens[at][0]
        return (
            word.islower()
            and len(word) <= 4
            and text[tokens[at - 1][2] : tokens[at][1]] == "-"
            and text[tokens[at][2] : tokens[at + 1][1]] == "-"
            and _is_capitalised(tokens[at + 1][0])
        )

    @staticmethod
    def _transparent(
        at: int, tokens: list[tuple[str, int, int]], text: str, lowercase_words: set[str]
    ) -> bool:
        """Whether the capitalised word at ``at`` may stand left of a place without making it
        part of a person's or organisation's name: directions, demonyms, common words, and an
        ordinary word capitalised only because it opens a sentence ("Neighbouring Israel",
        "Current Hong Kong legislation")."""
        word = tokens[at][0]
        lower = word.lower()
        if lower in LEFT_OK or lower in COMMON_WORDS or word.isdigit():
            return True
        before = text[: tokens[at][1]].rstrip()
        sentence_start = not before or before[-1] in '.!?"“:\n'
        return sentence_start and (lower in lowercase_words or lower.endswith(("ing", "ed", "ly")))

    def _skip_run(
        self,
        i: int,
        j: int,
        tokens: list[tuple[str, int, int]],
        text: str,
        lowercase_words: set[str],
    ) -> int:
        # Words allowed to the left (directions, demonyms, "The", "A", a sentence-opening
        # ordinary word, an acronym such as "CDC") do not make the run a name.
        word = tokens[i][0]
        if self._transparent(i, tokens, text, lowercase_words) or (
            word.isupper() and 2 <= len(word) <= 5
        ):
            return i + 1
        # "Mayor of Boston", "University of Texas": the place after "of" is still a place.
        for at in range(i + 1, j):
            if tokens[at][0] == "of":
                return at + 1
        return j + 1

    @staticmethod
    def _plausible(
        i: int,
        k: int,
        j: int,
        tokens: list[tuple[str, int, int]],
        text: str,
        lowercase_words: set[str],
        candidates: list[_Candidate],
        feature: str | None,
        *,
        listed: bool = False,
        known: bool = False,
    ) -> bool:
        """Reject spans that are more likely ordinary words or parts of names.

        ``listed`` (the span follows a place in a list: "the villages of Ceamurlia de Jos,
        Maliuc and Caraorman") and ``known`` (the text uses the name as a place elsewhere)
        stand in for a locative cue for rare names and for a multi-word name before "said"
        ("Fort Hood said"); never for common words ("University of Rouen and University of
        Manchester") or a one-word name before "said" ("in Texas, Philmont said")."""
        words = [t[0] for t in tokens[i : k + 1]]
        previous = tokens[i - 1][0].lower() if i > 0 else ""
        cue = previous in LOCATIVE_CUES or feature is not None
        weak_cue = cue or known or listed
        best_prior = max(c.prior for c in candidates)
        is_country = any(c.place.feature in {"country", "continent"} for c in candidates)
        if previous in TITLES:
            return False
        if " ".join(w.lower() for w in words) in ORGANISATIONS:
            return False  # "Al Shabaab militants": the group, not the Iranian town
        if (
            k + 1 < len(tokens)
            and tokens[k + 1][0].lower() in SPEECH
            and not is_country
            and not cue  # "a resident of Tyler said" names the town
            and not (weak_cue and len(words) > 1)
            and text[tokens[k][2] : tokens[k + 1][1]] == " "
        ):
            return False
        if len(words) == 1:
            word = words[0]
            lower = word.lower()
            if lower in NEVER or lower in DEMONYMS:
                return False
            if lower in COMMON_WORDS or lower in ARTICLES:
                return cue and len(word) > 2
            if lower in lowercase_words and not weak_cue and not word.isupper():
                return False  # also used as an ordinary word in this very text
            if word.isupper() and len(word) <= 4 and word not in ALLCAPS_OK:
                # acronyms (UN, WHO, AP, MAC) rather than places, unless a country or province
                # is written that way ("NSW"); _find_spans then keeps only those candidates
                return any(c.place.feature in {"country", "province"} for c in candidates)
            if ("'" in word or "’" in word) and not _IRISH.match(word):
                return False  # contractions ("I've"), but O'Leary is a town
            if len(word) < 3 and not is_country:
                return False
        if best_prior < _HAMLET_PRIOR and not (weak_cue or previous in ACTION_CUES):
            # only hamlets by that name, and nothing says it is a place: with some 200,000
            # villages indexed, "said al-Saadi met" would otherwise be a village of Iraq
            return False
        # A small place heading a longer capitalised name ("David Heymann", "Franklin
        # Roosevelt") is part of that name, unless the next word says what kind of place.
        # Countries, provinces and cities are kept: GeoVirus-style annotation counts them there.
        strong = any(
            c.place.feature in {"country", "continent", "province", "region"}
            or (c.place.population or 0) >= 100_000
            for c in candidates
        )
        if not strong and k + 1 < len(tokens) and text[tokens[k][2] : tokens[k + 1][1]] == " ":
            following = tokens[k + 1][0]
            if (
                following[:1].isupper()
                and following.lower() not in FEATURE_WORDS
                and following.lower() not in NEVER
                and following.lower() not in LEFT_OK
            ):
                return False
        # A place inside a person's or organisation's name ("Bashar al-Assad"): the words to
        # its left in the same capitalised run must be directions, demonyms or a sentence start.
        if i > 0:
            gap = text[tokens[i - 1][2] : tokens[i][1]]
            prev_word = tokens[i - 1][0]
            acronym_before_city = prev_word.isupper() and 2 <= len(prev_word) <= 5 and strong
            if (
                gap in {" ", "-"}
                and _is_capitalised(prev_word)
                and not Gazetteer._transparent(i - 1, tokens, text, lowercase_words)
                and not acronym_before_city  # "CDC Atlanta"
            ):
                return False
        return True


#: Arabic articles that are also English words: joined into a name only by a hyphen.
_ENGLISH_ARTICLES = frozenset({"at", "as", "an"})
#: Lower-case links inside town names: German ("Neustadt in Holstein", "Frankfurt am Main"),
#: Spanish, Portuguese and French ("San Cristobal de las Casas", "San Jose del Cabo",
#: "Vila Nova de Gaia", "Saint-Louis du Sud"). Joined only when the whole name is indexed.
_NAME_LINKS = frozenset(
    {"in", "im", "am", "an", "der", "dem", "ob", "bei", "vor",
     "de", "del", "la", "las", "los", "do", "da", "dos", "das", "du", "des"}
)  # fmt: skip
_LIST_GAP = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def _listed_after(
    text: str, start: int, spans: Sequence[tuple[int, int, str, list[_Candidate], str | None]]
) -> bool:
    """Whether the span starting at ``start`` follows a place span in a list ("the villages
    of Ceamurlia de Jos, Maliuc and Caraorman"): a list's items are of one kind."""
    if not spans:
        return False
    gap = text[spans[-1][1] : start]
    return len(gap) <= 7 and _LIST_GAP.fullmatch(gap) is not None


_PRIMARY = geoscore.FEATURES.index("primary")
_WHOLE_OR_REGION = frozenset({"country", "continent", "province", "region"})
_CURATED = geoscore.FEATURES.index("curated")
_SUPPORT = tuple(
    geoscore.FEATURES.index(name) for name in ("hint", "named_country", "same_country")
)


def _incoherent_alias(place: Place, vector: Sequence[float], *, others: bool) -> bool:
    """A town matched only through one of its alternate names, in a country that nothing else
    in the text points to ("al-Saadi" -> Wajir, Kenya, in a story about Iraq): more likely a
    person's or group's name than a place, so geoparse drops it (unless "in" introduces a city
    of 100k+: its alternate names are endonyms and exonyms, "in Munchen", not family names)."""
    return (
        others
        and not vector[_PRIMARY]
        and not vector[_CURATED]
        and place.feature not in _WHOLE_OR_REGION
        and not any(vector[i] for i in _SUPPORT)
    )


#: Below this prior a candidate is a hamlet: a name that needs the text to say it is a place.
_HAMLET_PRIOR = 0.55
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[\s,]*$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_LISTED_BEFORE = re.compile(r"(?:,|\band|\bor)\s+$")
#: Sources of the packaged village layers (tools/build_gazetteer_pack.py).
_PACK_SOURCES = frozenset({"wof", "ucdp", "opensyria"})


def _comma_qualifier(
    text: str,
    parsed: Sequence[tuple[int, int, str, Sequence[tuple[_Candidate, Sequence[float]]]]],
    rankings: Sequence[Sequence[tuple[float, _Candidate]]],
    index: int,
) -> Place | None:
    """The province or country written right after the town-level span ``index`` ("Kani
    township, Sagaing" -> Sagaing), as the text resolves it; None when no such unit follows,
    and for a list ("in Kirkuk, Diyala and Salahuddin": Kirkuk is not in Diyala)."""
    if index + 1 >= len(parsed) or rankings[index][0][1].place.feature in _WHOLE_OR_REGION:
        return None
    end, following = parsed[index][1], parsed[index + 1]
    gap = _KIND_COMMA.fullmatch(text[end : following[0]])
    if gap is None:
        return None
    unit = rankings[index + 1][0][1].place
    if unit.feature not in ("province", "country"):
        return None
    if not gap.group(1) and _LIST_GOES_ON.match(text, following[1]):
        return None
    return unit


#: What may stand between a place and its unit: a kind word, then a comma.
_KIND_COMMA = re.compile(
    r"(\s+(?:township|town|village|city|district|sub-?district|county|area|camp))?\s*,\s*"
)
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*[A-Z]")


def _place_cue(text: str, start: int, end: int) -> bool:
    """A locative or action word before the name, or a kind word after it ("in X", "shelled
    X", "X village")."""
    before = _PREVIOUS_WORD.search(text, max(0, start - 20), start)
    if before and before.group(1).lower() in LOCATIVE_CUES | ACTION_CUES:
        return True
    if _LISTED_BEFORE.search(text, max(0, start - 8), start):
        return True  # "the villages of A, B and C"
    after = _NEXT_WORD.match(text, end)
    return bool(after and after.group(1).lower() in FEATURE_WORDS)


_NAMED_ADMIN1 = geoscore.FEATURES.index("named_admin1")
_QUALIFIED = geoscore.FEATURES.index("qualified")
_NAMED_COUNTRY = geoscore.FEATURES.index("named_country")
_HINT = geoscore.FEATURES.index("hint")
#: Places that a text can name without saying which country they are in: a reader knows them.
_SELF_EVIDENT = frozenset({"country", "continent", "province", "capital", "water"})


def self_evident(place: Place, vector: Sequence[float] | None = None) -> bool:
    """Whether a place stands on its own, wherever the text is about: a country, continent,
    province, capital, city of 100k+, a sitrep-curated conflict place, a sea or world region;
    or a place the text ties to its province or country ("Kani township, Sagaing")."""
    if place.feature in _SELF_EVIDENT or (place.feature == "region" and not place.iso):
        return True
    if place.source in geoscore.CURATED_SOURCES:
        return True
    # a big city by its own name ("Paris"), not through an alternate name ("Wadi" is one of
    # El Oued's, Algeria, not a city a reader knows)
    if (place.population or 0) >= _BIG_CITY and (vector is None or vector[_PRIMARY]):
        return True
    return vector is not None and bool(
        vector[_NAMED_ADMIN1] or vector[_QUALIFIED] or vector[_NAMED_COUNTRY] or vector[_HINT]
    )


def focus_countries(
    picks: Sequence[Place],
    vectors: Sequence[Sequence[float]],
    *,
    hint: str | None,
    demonyms: Sequence[str] = (),
) -> set[str]:
    """The countries a text is about: the caller's hint, the countries it names or implies
    ("Iraqi"), and the countries of the places that stand on their own (:func:`self_evident`)."""
    focus = {hint} if hint else set()
    focus.update(demonyms)
    for place, vector in zip(picks, vectors, strict=True):
        if place.iso and self_evident(place, vector):
            focus.add(place.iso)
    return focus


def coherent(
    ranked: list[tuple[float, _Candidate]],
    vectors: Mapping[int, Sequence[float]],
    focus: set[str],
    *,
    cued: bool = False,
) -> list[tuple[float, _Candidate]]:
    """The hard country-coherence constraint: a candidate outside every country the text is
    about (``focus``) needs the text to say so (:func:`self_evident`). The ranking from its
    first admissible candidate on; empty when none is admissible ("Babylon" in a note about
    Iraq is not Babylon, New York; "attack helicopters" are not Apache, Oklahoma)."""
    for index, (_, candidate) in enumerate(ranked):
        place = candidate.place
        if not place.iso or place.iso in focus or self_evident(place, vectors[id(candidate)]):
            return ranked[index:]
        if cued and (place.population or 0) >= _BIG_CITY:
            return ranked[index:]  # "demonstrated in Munchen": a big city's endonym after "in"
    return []


_EXACT = geoscore.FEATURES.index("exact")
_BIG_CITY = 100_000
_SETTLEMENT_KINDS = frozenset({"city", "town", "village", "capital"})
_IN_BEFORE = re.compile(r"\b(?:in|at)\s+$")


def _spelling_wins(
    ranked: list[tuple[float, _Candidate]], scored: Sequence[tuple[_Candidate, list[float]]]
) -> list[tuple[float, _Candidate]]:
    """Put a city of 100k+ written exactly as its own name ahead of a province that only a
    folded spelling matched: "Hannover" is the German city, not Jamaica's Hanover parish,
    whose kind-of-place prior would otherwise win on a bare name."""
    vectors = {id(c): v for c, v in scored}
    top = ranked[0][1]
    if vectors[id(top)][_EXACT]:
        return ranked
    if top.place.feature in _SETTLEMENT_KINDS:
        # "Hassloch" is the town of 20,000 spelt so, not the hamlet Hasloch that the folded
        # key (doubled letters) also matches: a more populous settlement spelt as written wins.
        for index, (_, candidate) in enumerate(ranked[1:], start=1):
            if (
                vectors[id(candidate)][_EXACT]
                and vectors[id(candidate)][_PRIMARY]
                and candidate.place.feature in _SETTLEMENT_KINDS
                and (candidate.place.population or 0) > (top.place.population or 0)
            ):
                return [ranked[index]] + ranked[:index] + ranked[index + 1 :]
        return ranked
    if top.place.feature not in ("province", "region"):
        return ranked
    for index, (_, candidate) in enumerate(ranked[1:], start=1):
        vector = vectors[id(candidate)]
        if (
            vector[_EXACT]
            and vector[_PRIMARY]
            and candidate.place.feature in ("city", "capital")
            and (candidate.place.population or 0) >= _BIG_CITY
        ):
            return [ranked[index]] + ranked[:index] + ranked[index + 1 :]
    return ranked


def _index_version(path: Path) -> str | None:
    """The format version an index file was built with (None when unreadable)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None
