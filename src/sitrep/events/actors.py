"""Actors in an event sentence and the role each plays (actor1 acts, actor2 is acted upon).

Names are resolved with ``sitrep.resolve.ActorKB`` when the package provides it; until then a
small built-in table covers the actors of the Iraq/Syria militia-vs-US conflict that sitrep was
built for, plus ACLED's generic actors (unidentified armed groups, civilians, protesters).
Roles come from the words around each mention: "by X", "X fired", "X claimed" make X the actor;
"at/on/against X", "bases hosting X", "killing X" make X the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sitrep.models import ActorMatch


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    canonical: str  # "{us}" and "{country}" are filled in per event
    inter: int
    actor_type: str


def _p(pattern: str, canonical: str, inter: int, actor_type: str) -> _Pattern:
    return _Pattern(re.compile(pattern, re.IGNORECASE), canonical, inter, actor_type)


#: Fallback table, most specific first; used only when sitrep.resolve has no ActorKB.
_TABLE: tuple[_Pattern, ...] = (
    _p(r"\bIslamic\s+Resistance\s+in\s+Iraq\b", "Islamic Resistance in Iraq", 3, "militia"),
    _p(r"\bKata[\'’]?ib\s+Hez?bollah\b|\bKata[\'’]?ib\s+Hizballah\b|\bKH\b", "Kataib Hezbollah", 3, "militia"),
    _p(r"\bKata[\'’]?ib\s+Sayyid\s+al-Shuhada\b", "Kataib Sayyid al-Shuhada", 3, "militia"),
    _p(r"\b(?:Harakat\s+)?al-Nujaba\b|\bNujaba\b", "Harakat al-Nujaba", 3, "militia"),
    _p(r"\bSaraya\s+Awliya\s+al-Dam\b", "Saraya Awliya al-Dam", 3, "militia"),
    _p(r"\bAsa[\'’]?ib\s+Ahl\s+al-Haq\b", "Asaib Ahl al-Haq", 3, "militia"),
    _p(r"\bIran\b(?=\s+(?:fired|launched|struck|attacked|targeted))|\bIranian\s+(?:missiles?|forces)\b",
       "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", 8, "state"),
    _p(r"\b(?:Islamic\s+)?Revolutionary\s+Guards?(?:\s+Corps)?\b|\bIRGC\b",
       "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", 8, "state"),
    _p(r"\bPopular\s+Mobili[sz]ation\s+(?:Forces|Units)\b|\bPMF\b|\bHashd\b",
       "Military Forces of Iraq (2022-) Popular Mobilization Forces", 1, "state"),
    _p(r"\bIslamic\s+State\b|\bISIS\b|\bISIL\b|\bDaesh\b", "Islamic State ({country})", 2, "rebel"),
    _p(r"\bHouthis?\b|\bAnsar\s+Allah\b", "Houthi Movement", 3, "militia"),
    _p(r"\bIran-(?:backed|aligned)\s+(?:militias?|groups?|fighters)\b|\bmilitia(?:s|men)?\b",
       "Unidentified Armed Group ({country})", 3, "militia"),
    _p(r"\b(?:U\.S\.|US|U\.S|American|United\s+States|Pentagon|CENTCOM|US-led|coalition)\b"
       r"(?:[\s-]+(?:and\s+)?(?:\w+[\s-]+){0,2})?(?:forces|troops|military|service\s*members|soldiers|"
       r"personnel|strikes?|airstrikes?|aircraft|jets|warplanes|drones?|bombers|gunships?|"
       r"Central\s+Command|base|bases|contractor|embassy|coalition|officials?)\b|\bUS-led\s+coalition\b|"
       r"\bCENTCOM\b|\bPentagon\b|\bthe\s+coalition\b", "{us}", 8, "state"),
    _p(r"\bIsraeli?\s+(?:forces|military|army|jets|warplanes|strikes?|Defen[cs]e\s+Forces)\b|\bIDF\b",
       "Military Forces of Israel (2022-)", 8, "state"),
    _p(r"\bIraqi\s+(?:security\s+)?(?:forces|army|military|troops|soldiers)\b",
       "Military Forces of Iraq (2022-)", 1, "state"),
    _p(r"\b(?:unknown|unidentified)\s+(?:gunmen|assailants|attackers|militants|group)\b|\bgunmen\b",
       "Unidentified Armed Group ({country})", 3, "unidentified"),
    _p(r"\bcivilians?\b|\bresidents\b|\bpassers-?by\b", "Civilians ({country})", 7, "civilians"),
    _p(r"\bprotesters\b|\bdemonstrators\b", "Protesters ({country})", 6, "protesters"),
    _p(r"\brioters\b", "Rioters ({country})", 5, "rioters"),
)  # fmt: skip


def us_forces(on: date | None) -> str:
    """ACLED's name for the US military, dated by the president's term on the event date."""
    if on is None or on >= date(2021, 1, 20) and on < date(2025, 1, 20):
        return "Military Forces of the United States (2021-)"
    if on < date(2021, 1, 20) and on >= date(2017, 1, 20):
        return "Military Forces of the United States (2017-2021)"
    if on >= date(2025, 1, 20):
        return "Military Forces of the United States (2025-)"
    return "Military Forces of the United States (2009-2017)"


def find_actors(
    text: str, *, country: str | None = None, on: date | None = None
) -> list[ActorMatch]:
    """Actor mentions in ``text`` with offsets, resolved to ACLED-style names.

    Uses ``sitrep.resolve.ActorKB`` when available, otherwise the built-in table.
    """
    try:
        from sitrep.resolve import ActorKB  # type: ignore[attr-defined]
    except ImportError:
        ActorKB = None  # noqa: N806
    found: list[ActorMatch] = []
    if ActorKB is not None:
        try:
            found = list(ActorKB.default().find_mentions(text, country=country, on=on))
        except Exception:  # noqa: BLE001 - a KB failure must not lose the event; fall back
            found = []
    # The table adds what the KB does not cover (conflict-specific phrasings such as
    # "American contractor", "Iran fired"); the KB wins where both match.
    taken: list[tuple[int, int]] = [(a.start or 0, a.end or 0) for a in found]
    for pattern in _TABLE:
        for match in pattern.regex.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            canonical = pattern.canonical.format(us=us_forces(on), country=country or "Iraq")
            found.append(
                ActorMatch(
                    raw=match.group(0), canonical=canonical, inter=pattern.inter,
                    actor_type=pattern.actor_type, country=country,
                    start=match.start(), end=match.end(),
                )
            )  # fmt: skip
            taken.append((match.start(), match.end()))
    found.sort(key=lambda a: a.start or 0)
    return found


_AGENT_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:at|on|against|targeting|targeted|hit|struck|hosting|housing|host|killing|killed|near|inside|into|"
    r"wounding|wounded|injuring|injured|striking|hitting|attacked|attacking|toward|towards|"
    r"positions\s+of|base\s+of|bases\s+of)\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+|\w+\s+){0,3}$",
    re.IGNORECASE,
)
_AGENT_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:said\s+it\s+)?(?:fired|launched|struck|strikes?|airstrikes?|attacked|"
    r"carried\s+out|conducted|claimed|targeted|hit|bombed|shelled|killed|opened\s+fire|used|sent|"
    r"shot|ambushed|detonated|planted|raided|arrested|seized|intercepted|downed)\b",
    re.IGNORECASE,
)


#: "US service members were wounded": the subject of a passive casualty verb is the target.
_TARGET_AFTER = re.compile(
    r"^\W*(?:and\s+\w+\s+|\w+\s+){0,3}?(?:were|was|have\s+been|had\s+been|are|is)\s+"
    r"(?:\w+\s+)?(?:killed|wounded|injured|hurt|targeted|attacked|hit|evacuated)\b|"
    r"^\W*(?:suffered|sustained)\b",
    re.IGNORECASE,
)
#: "the Pentagon said", "US officials told": a source of information, not a side of the event.
_SPEAKER_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:said|says|told|reported|announced|confirmed|added|stated|"
    r"spokesman|spokeswoman|officials?\s+said)\b",
    re.IGNORECASE,
)


@dataclass
class Roles:
    """The sides of one event and why each got its role."""

    actor1: ActorMatch | None
    actor2: ActorMatch | None
    assoc1: list[ActorMatch]
    assoc2: list[ActorMatch]
    reason1: str
    reason2: str


def assign_roles(
    sentence: str,
    mentions: list[ActorMatch],
    *,
    claimant: ActorMatch | None = None,
    country: str | None = None,
) -> Roles:
    """Pick actor1 (the side that acts) and actor2 (the side acted upon) among ``mentions``.

    Offsets in ``mentions`` are relative to ``sentence``. A claimant (from "X claimed the
    attack") is always actor1. When only a target is found, actor1 is an unidentified armed
    group in the event's country, as ACLED codes unattributed attacks.
    """
    agents: list[ActorMatch] = []
    targets: list[ActorMatch] = []
    neutral: list[ActorMatch] = []
    for mention in mentions:
        start, end = mention.start or 0, mention.end or 0
        before, after = sentence[max(0, start - 60) : start], sentence[end : end + 60]
        if _AGENT_BEFORE.search(before):
            agents.append(mention)
        elif _TARGET_BEFORE.search(before) or _TARGET_AFTER.search(after) or mention.inter == 7:
            targets.append(mention)
        elif _SPEAKER_AFTER.search(after) and claimant is None:
            continue  # a source of the report, not a side
        elif _AGENT_AFTER.search(after):
            agents.append(mention)
        else:
            neutral.append(mention)
    reason1 = reason2 = ""
    actor1 = actor2 = None
    if claimant is not None:
        actor1, reason1 = claimant, f"claimed by {claimant.raw!r}"
        agents = [a for a in agents if a.canonical != claimant.canonical]
    elif agents:
        actor1, reason1 = agents.pop(0), f"{agents and 'first ' or ''}agent of the action"
        reason1 = f"{actor1.raw!r} acts (subject of the attack verb or 'by ...')"
    if targets:
        actor2, reason2 = targets.pop(0), "target of the action ('at/on/against/hosting ...')"
    for mention in neutral:
        if actor1 is None and (actor2 is None or mention.canonical != actor2.canonical):
            actor1, reason1 = mention, f"{mention.raw!r} is the first actor named"
        elif actor2 is None and mention.canonical != (actor1.canonical if actor1 else None):
            actor2, reason2 = mention, f"{mention.raw!r} is the other actor named"
    if actor1 is None and actor2 is not None:
        actor1 = ActorMatch(
            raw="",
            canonical=f"Unidentified Armed Group ({country or 'Iraq'})",
            inter=3,
            actor_type="unidentified",
            country=country,
        )
        reason1 = "no attacker named: unidentified armed group in the event's country"
    if actor1 is not None and actor2 is not None and actor1.canonical == actor2.canonical:
        actor2, reason2 = None, "same actor on both sides dropped"
    assoc1 = [a for a in agents if actor1 is None or a.canonical != actor1.canonical]
    assoc2 = [t for t in targets if actor2 is None or t.canonical != actor2.canonical]
    return Roles(actor1, actor2, assoc1, assoc2, reason1, reason2)


def relative(match: ActorMatch, offset: int) -> ActorMatch:
    """The same mention with offsets shifted by ``-offset`` (document -> sentence)."""
    return replace(
        match,
        start=None if match.start is None else match.start - offset,
        end=None if match.end is None else match.end - offset,
    )
