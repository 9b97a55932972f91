"""Actor knowledge base: who is named in a report, under ACLED's canonical name.

Three kinds of reference are recognised:

* named actors from the curated table (``data/actors/actors.json``) and the names seen in ACLED
  (``data/actors/acled_seed.csv``), matched on transliteration-folded keys so "Kata'ib
  Hizballah" and "Kataeb Hezbollah" meet; acronyms ("KH", "PMF") match case-sensitively;
* state forces by nationality and force noun ("Turkish drones", "Iraqi troops");
* vague actors ("unidentified gunmen", "Iran-backed militias", "a farmer", "protesters"),
  which map to ACLED's generic actors for the event's country, keeping the raw text.

ACLED names state forces after the head of government's term, so an entry may carry
``periods`` and :meth:`ActorKB.resolve` picks the one in force on the event date. A state force
outside its home country is an external force (inter 8), as ACLED codes it. Unknown names are
never dropped: they come back as provisional entries. :func:`add_provisional` and :func:`merge`
are the pure table operations behind ``sitrep actors list|merge``.
"""

from __future__ import annotations

import copy
import csv
import functools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.models import ActorMatch
from sitrep.nlp.prefilter import Gated, lower_for_gate
from sitrep.resolve.names import ARTICLES, name_key

__all__ = ["ActorKB", "add_provisional", "merge", "country_info"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

#: Nationality words -> ISO alpha-2, for "Turkish drones", "Iraqi troops".
NATIONALITIES = {
    "american": "US", "us": "US", "u.s.": "US", "united states": "US", "iraqi": "IQ", "syrian": "SY",
    "iranian": "IR", "israeli": "IL", "turkish": "TR", "russian": "RU", "jordanian": "JO",
    "lebanese": "LB", "saudi": "SA", "emirati": "AE", "british": "GB", "uk": "GB", "french": "FR",
    "yemeni": "YE", "ukrainian": "UA", "egyptian": "EG", "kuwaiti": "KW", "qatari": "QA",
    "german": "DE", "pakistani": "PK", "afghan": "AF", "indian": "IN", "chinese": "CN",
    "kurdish": "IQ",
}  # fmt: skip

_MILITARY_NOUNS = (
    r"forces|troops|soldiers|army|military|warplanes|fighter jets|jets|aircraft|drones?|"
    r"helicopters?|artillery|air force|navy|air defen[cs]es|special forces|commandos|gunships?|"
    r"air ?strikes?|strikes?|missiles?|tanks?|units?"
)


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Nationality adjectives (lower case) -> ISO alpha-2: ``data/actors/demonyms.json`` plus
    :data:`NATIONALITIES`, which wins where both name a word."""
    path = DATA_DIR / "demonyms.json"
    try:
        table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"demonym table {path} cannot be read: {exc}") from exc
    table.pop("_comment", None)
    return {**table, **NATIONALITIES}


def _nationality_alternatives() -> str:
    words = {"American", "U.S.", "US", "United States", "UK"}
    words.update(w.title() for w in demonyms() if w.isalpha() or " " in w)
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_STATE_FORCE = re.compile(
    r"\b(" + _nationality_alternatives() + r")(?:-led)?\s+(?:(?:security|government|special|"
    r"military|armed|ground|air|naval|border|coalition|combat|attack)\s+)?("
    + _MILITARY_NOUNS
    + r"|police|policemen|police officers|police forces)\b"
)

_UNIDENTIFIED = re.compile(
    r"\b(?:(?:suspected|unidentified|unknown|masked|armed|rogue|outlaw)\s+)*"
    r"(?:(?:Iran-backed|Iranian-backed|Iran-aligned|Iran-linked|pro-Iran|pro-Iranian|Tehran-backed|"
    r"Shiite|Shia|Sunni|tribal|local|Iraqi|Syrian)\s+)?"
    r"(?:militias|militia|militiamen|militants|gunmen|assailants|attackers|armed men|armed group|"
    r"armed groups|insurgents|kidnappers|fighters|terrorists|bandits|armed individuals|"
    r"armed persons|armed assailants|hooded men|(?<=unidentified )(?:individuals|persons|people|men)|"
    r"(?<=unknown )(?:individuals|persons|people|men))\b",
    re.IGNORECASE,
)
#: Kinds of militia ACLED names by a place, people or clan, and their label in the name.
_MILITIA_KINDS = {
    "communal": "Communal Militia", "ethnic": "Ethnic Militia", "pastoral": "Ethnic Militia",
    "clan": "Clan Militia", "sub-clan": "Sub-Clan Militia", "subclan": "Sub-Clan Militia",
    "indigenous": "Indigenous Militia", "cult": "Cult Militia", "tribal": "Ethnic Militia",
}  # fmt: skip
_MILITIA_NAME = r"[A-Z][\w'’]+(?:[\s-][A-Z][\w'’]+){0,2}"
_MILITIA = re.compile(
    r"(?:(?P<unnamed>(?i:unidentified|unspecified|unknown))|(?P<name>" + _MILITIA_NAME + r"))\s+"
    r"(?:(?P<kind>(?i:communal|ethnic|clan|sub[\s-]?clan|indigenous|cult|pastoral|tribal))\s+)?"
    r"(?i:militias|militia|militiamen)\b"
)
#: "armed Fulani pastoralists": herders of a people, armed, are that people's militia.
_HERDERS = re.compile(
    r"(?i:armed)\s+(?P<name>" + _MILITIA_NAME + r")\s+(?i:pastoralists|herders|herdsmen)\b"
)
#: Capitalised words that start a sentence or describe a militia but do not name one.
_NOT_MILITIA_NAMES = frozenset(
    {"the", "a", "an", "suspected", "armed", "unidentified", "unknown", "presumed", "local",
     "rival", "several", "some", "many", "other", "members", "dozens", "hundreds", "pro",
     "anti", "government", "state", "shiite", "shia", "sunni", "islamist", "jihadist", "tribal",
     "allied", "loyalist", "iran-backed", "iranian-backed", "popular", "his", "their", "its",
     "self", "defense", "defence", "vigilante", "communal", "ethnic", "clan", "cult", "two",
     "three", "four", "five", "on", "in", "at", "and", "after", "when", "while", "assumed"}
)  # fmt: skip


def _not_a_militia_name(name: str) -> bool:
    words = re.split(r"[\s-]", name.lower())
    return (
        any(w in _NOT_MILITIA_NAMES for w in words)
        or name.lower() in demonyms()
        or words[-1] in demonyms()
        or _is_acronym(name)
    )


@functools.lru_cache(maxsize=2048)
def _is_province(name: str, country: str | None) -> bool:
    """Whether ``name`` is a province (of ``country`` when known): "Kaduna", "Zamfara"."""
    from sitrep.resolve.gazetteer import Gazetteer

    try:
        return Gazetteer.default().admin1_place(name, country) is not None
    except Exception:  # noqa: BLE001 - no gazetteer index: call it ethnic, ACLED's commoner kind
        return False


#: "armed men (assumed Darfur communal militia)", "gunmen, suspected to be X": the vague
#: words name the actor the brackets or the qualifier give.
_NAMED_AFTER = re.compile(
    r"^\s*(?:\(|,|-|–)?\s*(?:assumed|presumed|suspected|believed|coded\s+as|likely|"
    r"identified\s+as)(?:\s+to\s+be)?\s+(?:(?:members\s+of\s+)?(?:an?|the)\s+)?$",
    re.IGNORECASE,
)


def _name_the_vague(found: list[ActorMatch], shadow: str) -> None:
    """Give a vague mention the name of the actor that qualifies it (in place)."""
    for first, second in zip(found, found[1:], strict=False):
        if (
            first.canonical.startswith("Unidentified Armed Group")
            and not second.canonical.startswith("Unidentified Armed Group")
            and second.inter in (2, 3, 4)
            and _NAMED_AFTER.match(shadow[first.end or 0 : second.start or 0])
        ):
            first.canonical, first.inter = second.canonical, second.inter
            first.actor_type = second.actor_type


_CIVILIANS = re.compile(
    r"\b(?:civilians?|residents|villagers|farmers?|shepherds?|passers-by|bystanders|children|"
    r"a child|a boy|a girl|a woman|a man|worshippers|pilgrims|fishermen|truck drivers?|"
    r"a family|families|local people|inhabitants)\b",
    re.IGNORECASE,
)
_PROTESTERS = re.compile(r"\b(?:protesters|protestors|demonstrators)\b", re.IGNORECASE)
_RIOTERS = re.compile(r"\b(?:rioters|mobs?)\b", re.IGNORECASE)
#: The patterns above, each skipped on a sentence without any of the words it needs.
_STATE_FORCE_GATED = Gated(_STATE_FORCE)
_MILITIA_GATED = Gated(_MILITIA)
_HERDERS_GATED = Gated(_HERDERS)
_GENERIC = ((Gated(_UNIDENTIFIED), "Unidentified Armed Group", 3, "militia"),
            (Gated(_PROTESTERS), "Protesters", 6, "protesters"),
            (Gated(_RIOTERS), "Rioters", 5, "rioters"),
            (Gated(_CIVILIANS), "Civilians", 7, "civilians"))  # fmt: skip
_JOINER = re.compile(r"[\s\-'’]*")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MAX_WORDS = 9


@functools.lru_cache(maxsize=1)
def _country_table() -> dict[str, dict[str, Any]]:
    from sitrep.resolve.gazetteer_build import _countries

    return _countries()


@functools.lru_cache(maxsize=512)
def country_info(value: str | None) -> tuple[str, str] | tuple[None, None]:
    """(ISO alpha-2, ACLED country name) for an ISO code or a country name; (None, None) if unknown."""
    if not value:
        return None, None
    table = _country_table()
    if value.upper() in table and len(value) == 2:
        entry = table[value.upper()]
        return entry["iso"], entry["name"]
    iso = _country_keys().get(name_key(value)) or _country_keys().get(value.upper())
    return (iso, table[iso]["name"]) if iso else (None, None)


@functools.lru_cache(maxsize=1)
def _country_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for entry in _country_table().values():
        keys[entry["iso3"]] = entry["iso"]
        for alias in entry["aliases"]:
            keys.setdefault(name_key(alias), entry["iso"])
    return keys


#: The folded key of a stretch of text; the same stretches ("On 14 March", "Islamic State")
#: recur across articles, and folding is most of the cost of reading a sentence for actors.
_surface_key = functools.lru_cache(maxsize=65536)(name_key)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return (
        len(alias) <= 8
        and bool(letters)
        and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)
    )


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _in_span(on: date, start: str | None, end: str | None) -> bool:
    first, last = _parse_date(start), _parse_date(end)
    return (first is None or first <= on) and (last is None or on <= last)


class ActorKB:
    """Canonical actors, their aliases, affiliations and people, with lookup over text."""

    def __init__(self, entries: list[dict[str, Any]]):
        self.entries = [dict(e) for e in entries]
        self._by_name: dict[str, int] = {}
        self._keys: dict[str, list[int]] = {}
        self._acronyms: dict[str, list[int]] = {}
        self._state_names: dict[tuple[str, date | None, bool], dict[str, Any] | str] = {}
        for index, entry in enumerate(self.entries):
            names = [entry["canonical"], *[p["name"] for p in entry.get("periods", [])]]
            for name in names:
                self._by_name.setdefault(name, index)
            for alias in [*names, *entry.get("aliases", [])]:
                if _is_acronym(alias):
                    self._acronyms.setdefault(alias, []).append(index)
                else:
                    key = name_key(alias)
                    if key and index not in self._keys.setdefault(key, []):
                        self._keys[key].append(index)

    # ------------------------------------------------------------------ construction
    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> ActorKB:
        """The shipped knowledge base: the curated table, then ACLED's names it lacks."""
        return cls(load_table())

    # ------------------------------------------------------------------ naming
    def _entry_name(self, entry: dict[str, Any], on: date | None, country_name: str | None) -> str:
        if entry.get("parent"):
            parent_index = self._by_name.get(entry["parent"])
            if parent_index is not None:
                parent = self._entry_name(self.entries[parent_index], on, country_name)
                return f"{parent} {entry['unit']}"
        periods = entry.get("periods") or []
        if periods:
            if on is not None:
                for period in periods:
                    if _in_span(on, period.get("from"), period.get("to")):
                        return str(period["name"])
                if _parse_date(periods[0].get("from")) and on < _parse_date(periods[0]["from"]):  # type: ignore[operator]
                    return str(periods[0]["name"])
            return str(periods[-1]["name"])
        if entry.get("name_by_country") and country_name:
            return f"{entry['canonical']} ({country_name})"
        return str(entry["canonical"])

    def _match(
        self,
        entry: dict[str, Any],
        raw: str,
        *,
        country: str | None,
        on: date | None,
        start: int | None = None,
        end: int | None = None,
    ) -> ActorMatch:
        iso, country_name = country_info(country)
        home_iso, home_name = country_info(entry.get("country"))
        inter = entry.get("inter")
        if entry.get("type") in {"state", "government"} and iso and home_iso and iso != home_iso:
            inter = 8  # a state's forces abroad are external forces in ACLED's coding
        return ActorMatch(
            raw=raw,
            canonical=self._entry_name(entry, on, country_name),
            inter=inter,
            actor_type=entry.get("type"),
            country=home_name or country_name,
            provisional=bool(entry.get("provisional")),
            start=start,
            end=end,
        )

    @staticmethod
    def _generic(
        kind: str,
        inter: int,
        actor_type: str,
        raw: str,
        country: str | None,
        start: int | None = None,
        end: int | None = None,
    ) -> ActorMatch:
        _, country_name = country_info(country)
        canonical = f"{kind} ({country_name})" if country_name else kind
        return ActorMatch(
            raw=raw,
            canonical=canonical,
            inter=inter,
            actor_type=actor_type,
            country=country_name,
            start=start,
            end=end,
        )

    def _state_force(
        self,
        nationality: str,
        noun: str,
        raw: str,
        *,
        country: str | None,
        on: date | None,
        start: int | None = None,
        end: int | None = None,
    ) -> ActorMatch | None:
        iso = demonyms().get(nationality.lower())
        if iso is None:
            return None
        police = noun.lower().startswith("police")
        prefix = "Police Forces of" if police else "Military Forces of"
        candidates = [
            i
            for i, e in enumerate(self.entries)
            if e.get("country") == iso and e["canonical"].startswith(prefix) and not e.get("parent")
            and e.get("source") != "acled"
        ]  # fmt: skip
        if not candidates and police:
            candidates = [
                i
                for i, e in enumerate(self.entries)
                if e.get("country") == iso and e["canonical"].startswith("Military Forces of")
                and e.get("source") != "acled"
            ]  # fmt: skip
        if candidates:
            entry = self.entries[candidates[0]]
            return self._match(entry, raw, country=country, on=on, start=start, end=end)
        # No curated entry: ACLED's name for that country's forces on the event date
        # ("Nigerian police" -> "Police Forces of Nigeria (2015-)"), external abroad.
        hit = self.state_forces(iso, on=on, police=police, raw=raw, start=start, end=end)
        event_iso, _ = country_info(country)
        if hit is not None and event_iso and event_iso != iso:
            hit.inter = 8
        return hit

    # ------------------------------------------------------------------ public API
    def find_mentions(
        self, text: str, *, country: str | None = None, on: date | None = None
    ) -> list[ActorMatch]:
        """Actor references in ``text`` with character offsets, in text order.

        Named actors win over the generic patterns where they overlap; a vague noun right after
        a named actor ("Kataib Hezbollah militants") belongs to that actor and is not repeated.
        """
        shadow = re.sub(r"\b([A-Z])\.([A-Z])\.(?=[\s\-,;:)'’]|$)", r"\1\2  ", text)
        event_iso, _ = country_info(country)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(shadow)]
        found: list[ActorMatch] = []
        taken: list[tuple[int, int]] = []
        # whether token j and j + 1 are joined by nothing but spaces, hyphens or apostrophes
        joined = [
            gap == " " or _JOINER.fullmatch(gap) is not None
            for gap in (shadow[tokens[j][1] : tokens[j + 1][0]] for j in range(len(tokens) - 1))
        ]
        # reach[j]: how many tokens from j on are joined into one run (so a name starting at j
        # has at most that many words); counted once instead of per n-gram
        reach = [1] * len(tokens)
        for j in range(len(tokens) - 2, -1, -1):
            if joined[j]:
                reach[j] = reach[j + 1] + 1
        i = 0
        while i < len(tokens):
            match = None
            head = shadow[tokens[i][0] : tokens[i][1]]
            if not (head[:1].isupper() or head.lower() in ARTICLES):
                i += 1  # names start capitalised ("Kataib ...") or with "al-": skip the rest
                continue
            for n in range(min(_MAX_WORDS, reach[i]), 0, -1):
                last = i + n - 1
                start, end = tokens[i][0], tokens[last][1]
                surface = shadow[start:end]
                first_word, last_word = (
                    shadow[tokens[i][0] : tokens[i][1]],
                    shadow[tokens[last][0] : tokens[last][1]],
                )
                hyphenated = shadow[tokens[i][1] : tokens[i][1] + 1] == "-"
                if not (
                    first_word[:1].isupper()
                    or (first_word.lower() in ARTICLES and hyphenated and n > 1)
                ):
                    continue  # names start capitalised ("Kataib ...") or with "al-"
                if last_word.lower() in ARTICLES:
                    continue
                indexes = self._acronyms.get(surface.replace(" ", "")) if n <= 2 else None
                if indexes and event_iso:
                    indexes = [j for j in indexes if self._acronym_fits(j, event_iso)]
                if not indexes:
                    indexes = self._keys.get(_surface_key(surface))
                if indexes:
                    entry = self.entries[indexes[0]]
                    match = self._match(
                        entry, text[start:end], country=country, on=on, start=start, end=end
                    )
                    i = last + 1
                    break
            if match is None:
                i += 1
                continue
            found.append(match)
            taken.append((match.start or 0, match.end or 0))

        def free(a: int, b: int) -> bool:
            return not any(a < e and s < b for s, e in taken)

        lower = lower_for_gate(shadow)
        for m in _STATE_FORCE_GATED.finditer_lower(shadow, lower):
            if free(m.start(), m.end()):
                hit = self._state_force(
                    m.group(1).strip(),
                    m.group(2),
                    text[m.start() : m.end()],
                    country=country,
                    on=on,
                    start=m.start(),
                    end=m.end(),
                )
                if hit:
                    found.append(hit)
                    taken.append((m.start(), m.end()))
        for hit in self._militias(shadow, text, country, lower):
            if free(hit.start or 0, hit.end or 0):
                found.append(hit)
                taken.append((hit.start or 0, hit.end or 0))
        for pattern, kind, inter, actor_type in _GENERIC:
            for m in pattern.finditer_lower(shadow, lower):
                if not free(m.start(), m.end()):
                    continue
                # "Kataib Hezbollah militants": the noun belongs to the named actor before it.
                if any(0 <= m.start() - e <= 1 for _, e in taken):
                    taken.append((m.start(), m.end()))
                    continue
                found.append(
                    self._generic(
                        kind,
                        inter,
                        actor_type,
                        text[m.start() : m.end()],
                        country,
                        start=m.start(),
                        end=m.end(),
                    )
                )
                taken.append((m.start(), m.end()))
        found.sort(key=lambda a: a.start or 0)
        _name_the_vague(found, shadow)
        return found

    def _militias(
        self, shadow: str, text: str, country: str | None, lower: str | None
    ) -> list[ActorMatch]:
        """ACLED's names for communal, ethnic and clan militias, which it writes
        "<name> <Kind> Militia (<country>)": "Kaduna militiamen" -> "Kaduna Communal Militia
        (Nigeria)" (a province: communal), "suspected Pokot militia" -> "Pokot Ethnic Militia
        (Kenya)" (not a place: ethnic), "an unidentified cult militia" -> "Unidentified Cult
        Militia (Nigeria)"; a kind the text gives ("Meru ethnic militia", "Samburu pastoral
        militia", "armed Fulani pastoralists") wins."""
        out: list[ActorMatch] = []
        _, country_name = country_info(country)
        matches = [(m, False) for m in _MILITIA_GATED.finditer_lower(shadow, lower)]
        matches += [(m, True) for m in _HERDERS_GATED.finditer_lower(shadow, lower)]
        for m, herders in matches:
            name = m.group("name")
            kind = "ethnic" if herders else (m.group("kind") or "").lower().replace(" ", "-")
            if not herders and m.group("unnamed"):
                if kind in ("", "pastoral", "ethnic", "tribal"):
                    continue  # "unidentified militia": an unidentified armed group
                name = "Unidentified"
            else:
                # "Suspected Pokot militia" at a sentence start: the name is what follows
                words = name.split()
                while words and words[0].lower() in _NOT_MILITIA_NAMES:
                    words.pop(0)
                if not words or _not_a_militia_name(" ".join(words)):
                    continue
                name = " ".join(words)
            if not kind:
                kind = "communal" if _is_province(name, country) else "ethnic"
            label = _MILITIA_KINDS[kind]
            start = m.start() + (0 if herders or name == "Unidentified" else m.group(0).find(name))
            canonical = f"{name} {label}" + (f" ({country_name})" if country_name else "")
            out.append(
                ActorMatch(
                    raw=text[start : m.end()], canonical=canonical,
                    inter=4, actor_type="identity militia",
                    country=country_name, start=start, end=m.end(),
                )
            )  # fmt: skip
        return out

    def _acronym_fits(self, index: int, event_iso: str) -> bool:
        """Whether an acronym may name entry ``index`` in an event in ``event_iso``: a
        non-state group ACLED saw only in other countries is someone else ("NPA" in the
        Philippines is not France's New Anticapitalist Party)."""
        entry = self.entries[index]
        if entry.get("source") != "acled" or entry.get("inter") in (1, 8):
            return True
        seen = entry.get("countries") or ([entry["country"]] if entry.get("country") else [])
        return not seen or event_iso in seen

    def state_forces(
        self,
        country: str | None,
        *,
        on: date | None = None,
        police: bool = False,
        raw: str = "",
        start: int | None = None,
        end: int | None = None,
    ) -> ActorMatch | None:
        """The state forces of ``country`` when a text names them without a nationality
        ("military forces", "the police"), as in ACLED's notes, named for the event date.

        Curated entries with periods come first; otherwise the ACLED names of the seed table
        ("Military Forces of Nigeria (2015-)") whose years cover ``on``, the most used first;
        otherwise the name without a period. None when the country is unknown.
        """
        iso, country_name = country_info(country)
        if iso is None or country_name is None:
            return None
        key = (iso, on, police)
        if key not in self._state_names:
            self._state_names[key] = self._state_forces_by_country(iso, country_name, on, police)
        found = self._state_names[key]
        if found is None:
            return None
        if isinstance(found, dict):
            return self._match(found, raw, country=country, on=on, start=start, end=end)
        return ActorMatch(
            raw=raw, canonical=found, inter=1, actor_type="state", country=country_name,
            start=start, end=end,
        )  # fmt: skip

    def _state_forces_by_country(
        self, iso: str, country_name: str, on: date | None, police: bool
    ) -> dict[str, Any] | str:
        """The curated entry, or else the ACLED seed name, for :meth:`state_forces`."""
        prefix = "Police Forces of" if police else "Military Forces of"
        for entry in self.entries:
            if (
                entry.get("country") == iso
                and entry.get("periods")
                and entry["canonical"].startswith(prefix)
                and not entry.get("parent")
            ):
                return entry
        heads = (f"{prefix} {country_name} (", f"{prefix} the {country_name} (")
        named = [
            e for e in self.entries
            if e.get("source") == "acled" and e["canonical"].startswith(heads)
            and e["canonical"].endswith(")")
        ]  # fmt: skip
        best = None
        for entry in named:
            years = re.search(r"\((\d{4})-(\d{4})?\)$", entry["canonical"])
            if years is None:
                continue
            first, last = int(years.group(1)), int(years.group(2) or 9999)
            if on is None or first <= on.year <= last:
                best = entry
                break
        if best is None and named:
            best = named[0]
        return str(best["canonical"]) if best else f"{prefix} {state_name(country_name)}"

    def resolve(
        self, raw: str, *, country: str | None = None, on: date | None = None
    ) -> ActorMatch:
        """The canonical actor for ``raw`` (never None): a known name or alias, a state force by
        nationality, a generic actor for vague text, else a provisional entry named after the
        text (``provisional=True``)."""
        text = raw.strip()
        if text in self._by_name:
            return self._match(self.entries[self._by_name[text]], raw, country=country, on=on)
        indexes = self._acronyms.get(text) or self._keys.get(name_key(_strip_article(text)))
        if indexes:
            return self._match(self.entries[indexes[0]], raw, country=country, on=on)
        mentions = self.find_mentions(text, country=country, on=on)
        if mentions:
            best = max(mentions, key=lambda m: ((m.end or 0) - (m.start or 0), -(m.start or 0)))
            return ActorMatch(
                raw=raw,
                canonical=best.canonical,
                inter=best.inter,
                actor_type=best.actor_type,
                country=best.country,
                provisional=best.provisional,
            )
        _, country_name = country_info(country)
        return ActorMatch(
            raw=raw,
            canonical=provisional_name(text),
            inter=None,
            actor_type=None,
            country=country_name,
            provisional=True,
        )

    def get(self, canonical: str) -> dict[str, Any] | None:
        """The full entry (aliases, type, inter, country, affiliations, people, periods) for a
        canonical name, a period name ("... (2021-)") or an alias; None when unknown."""
        index = self._by_name.get(canonical)
        if index is None:
            indexes = self._acronyms.get(canonical) or self._keys.get(name_key(canonical))
            index = indexes[0] if indexes else None
        return copy.deepcopy(self.entries[index]) if index is not None else None

    def all(self) -> list[dict[str, Any]]:
        """Every entry, curated first."""
        return copy.deepcopy(self.entries)

    def affiliations(self, canonical: str, *, on: date | None = None) -> list[dict[str, Any]]:
        """The entry's affiliations in force on ``on`` (all of them when ``on`` is None)."""
        entry = self.get(canonical) or {}
        return [
            a
            for a in entry.get("affiliations", [])
            if on is None or _in_span(on, a.get("from"), a.get("to"))
        ]


# --------------------------------------------------------------------------- tables


_THE_COUNTRY = re.compile(
    r"^(?:.*\bRepublic\b.*|United .+|Philippines|Netherlands|Bahamas|Maldives|Seychelles|.+ Islands)$"
)


def state_name(country_name: str) -> str:
    """The country as ACLED's state-force names write it: "the" before plural and republic
    names ("Military Forces of the Philippines", "... of the Democratic Republic of Congo")."""
    if _THE_COUNTRY.search(country_name) and not country_name.startswith("the "):
        return f"the {country_name}"
    return country_name


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


def provisional_name(raw: str) -> str:
    """A canonical name for an actor the table lacks: the raw text without a leading article,
    with its first letter capitalised ("the Ahrar al-Furat group" -> "Ahrar al-Furat group")."""
    text = " ".join(_strip_article(raw.strip()).split())
    return text[:1].upper() + text[1:] if text else "Unknown actor"


def _seed_aliases(name: str) -> list[str]:
    """ "PKK: Kurdistan Workers Party" -> ["PKK", "Kurdistan Workers Party"]."""
    if ": " in name:
        head, tail = name.split(": ", 1)
        return [head, tail]
    return []


def load_table(curated: Path | None = None, seed: Path | None = None) -> list[dict[str, Any]]:
    """The curated entries followed by the ACLED seed names they do not already cover."""
    curated = curated or DATA_DIR / "actors.json"
    seed = seed or DATA_DIR / "acled_seed.csv"
    try:
        entries: list[dict[str, Any]] = json.loads(curated.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"actor table {curated} cannot be read: {exc}") from exc
    covered = {e["canonical"] for e in entries}
    for entry in entries:
        covered.update(p["name"] for p in entry.get("periods", []))
    if seed.exists():
        with seed.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row["name"]
                if name in covered:
                    continue
                names = [c for c in (row.get("countries") or "").split("|") if c]
                isos = [i for i in (country_info(c)[0] for c in names) if i]
                iso = isos[0] if isos else None
                inter = int(row["inter"]) if row.get("inter") else None
                kind = {
                    1: "state",
                    2: "rebel",
                    3: "militia",
                    4: "identity militia",
                    5: "rioters",
                    6: "protesters",
                    7: "civilians",
                    8: "external",
                }.get(inter or 0)
                entries.append(
                    {
                        "canonical": name,
                        "aliases": _seed_aliases(name),
                        "type": kind,
                        "inter": inter,
                        "country": iso,
                        "countries": isos,
                        "source": "acled",
                    }
                )
                covered.add(name)
    return entries


def add_provisional(
    table: list[dict[str, Any]],
    raw: str,
    *,
    country: str | None = None,
    inter: int | None = None,
    actor_type: str | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Add an actor the table lacks; returns (new table, the entry).

    Pure: ``table`` is not modified. When ``raw`` already names an entry (canonical name or
    alias, transliteration-folded), that entry is returned and the table is unchanged.
    """
    key = name_key(_strip_article(raw))
    for entry in table:
        names = [
            entry["canonical"],
            *entry.get("aliases", []),
            *[p["name"] for p in entry.get("periods", [])],
        ]
        if any(name_key(n) == key for n in names):
            return list(table), copy.deepcopy(entry)
    iso, _ = country_info(country)
    entry = {
        "canonical": provisional_name(raw),
        "aliases": [raw.strip()],
        "type": actor_type,
        "inter": inter,
        "country": iso,
        "provisional": True,
        "affiliations": [],
        "people": [],
    }
    return [*copy.deepcopy(table), entry], copy.deepcopy(entry)


def merge(table: list[dict[str, Any]], source: str, target: str) -> list[dict[str, Any]]:
    """Fold entry ``source`` into entry ``target`` (both canonical names); returns the new table.

    The source's name and aliases become aliases of the target, its people and affiliations
    move over, and affiliations elsewhere that pointed at the source point at the target.
    The merged entry stops being provisional when the target was not. Raises ConfigError when
    either name is not in the table.
    """
    new = copy.deepcopy(table)
    by_name = {e["canonical"]: e for e in new}
    if source not in by_name or target not in by_name:
        missing = source if source not in by_name else target
        raise ConfigError(f"cannot merge actors: {missing!r} is not in the actor table")
    if source == target:
        return new
    src, dst = by_name[source], by_name[target]
    aliases = dst.setdefault("aliases", [])
    for alias in [src["canonical"], *src.get("aliases", [])]:
        if alias not in aliases and alias != dst["canonical"]:
            aliases.append(alias)
    for field in ("people", "affiliations"):
        for item in src.get(field, []):
            if item not in dst.setdefault(field, []):
                dst[field].append(item)
    dst["provisional"] = bool(dst.get("provisional")) and bool(src.get("provisional"))
    for entry in new:
        for affiliation in entry.get("affiliations", []):
            if affiliation.get("target") == source:
                affiliation["target"] = target
    return [e for e in new if e is not src]
