"""Actors in an event sentence, the role each plays (actor1 acts, actor2 is acted upon), and
the actor fields of an event record.

Names are resolved with ``sitrep.resolve.ActorKB``; a small built-in table adds the wording of
the Iraq/Syria militia-vs-US conflict the KB may miss ("Iran fired", "American contractor"), and
ACLED's generic actors are named for the event's country: "military forces" and "the police"
without a nationality are that country's state forces, "gang members" an unidentified gang,
"a group of locals" civilians. Roles come from the words around each mention (see
:func:`role_of`); :func:`article_actors` then fills sides a sentence leaves vague from what the
whole article says (a claim, the attacker of the article's other strikes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sitrep.events.roles_model import RoleModel, features
from sitrep.events.taxonomy import interaction_code
from sitrep.models import ActorMatch, EventRecord
from sitrep.nlp.prefilter import Gated, lower_for_gate


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    canonical: str  # "{us}" and "{country}" are filled in per event
    inter: int
    actor_type: str
    gated: Gated  # the regex, skipped on sentences without any of its words


def _p(pattern: str, canonical: str, inter: int, actor_type: str) -> _Pattern:
    regex = re.compile(pattern, re.IGNORECASE)
    return _Pattern(regex, canonical, inter, actor_type, Gated(regex))


#: Fallback table, most specific first; used only when sitrep.resolve has no ActorKB.
_TABLE: tuple[_Pattern, ...] = (
    _p(r"\bIslamic\s+Resistance\s+in\s+Iraq\b", "Islamic Resistance in Iraq", 3, "militia"),
    _p(r"\bKata[\'’]?ib\s+Hez?bollah\b|\bKata[\'’]?ib\s+Hizballah\b|\bKH\b", "Kataib Hezbollah", 3, "militia"),
    _p(r"\bKata[\'’]?ib\s+Sayyid\s+al-Shuhada\b", "Kataib Sayyid al-Shuhada", 3, "militia"),
    _p(r"\b(?:Harakat\s+)?al-Nujaba\b|\bNujaba\b", "Harakat Hezbollah al-Nujaba", 3, "militia"),
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
       r"(?:[\s-]+(?:and\s+)?(?:[\w-]+\s+){0,3})?(?:forces|troops|military|service\s*members|soldiers|"
       r"personnel|strikes?|airstrikes?|aircraft|jets|warplanes|drones?|bombers|gunships?|"
       r"Central\s+Command|base|bases|contractor|embassy|coalition|officials?)\b|\bUS-led\s+coalition\b|"
       r"\bCENTCOM\b|\bPentagon\b|\bthe\s+coalition\b|\b(?:the\s+)?United\s+States\b(?=\s+(?:struck|"
       r"launched|carried\s+out|conducted|bombed|attacked|targeted|hit|fired))", "{us}", 8, "state"),
    _p(r"\bIsraeli?\s+(?:forces|military|army|jets|warplanes|strikes?|Defen[cs]e\s+Forces)\b|\bIDF\b",
       "Military Forces of Israel (2022-)", 8, "state"),
    _p(r"\bIraqi\s+(?:security\s+)?(?:forces|army|military|troops|soldiers)\b",
       "Military Forces of Iraq (2022-)", 1, "state"),
    _p(r"\b(?:unknown|unidentified)\s+(?:gunmen|assailants|attackers|militants|group)\b|\bgunmen\b",
       "Unidentified Armed Group ({country})", 3, "unidentified"),
    _p(r"\bcivilians?\b|\bresidents\b|\bpassers-?by\b", "Civilians ({country})", 7, "civilians"),
    _p(r"\bprotesters\b|\bdemonstrators\b", "Protesters ({country})", 6, "protesters"),
    _p(r"\brioters\b", "Rioters ({country})", 5, "rioters"),
    _p(r"\b(?:a\s+group\s+of\s+)?locals\b|\blocal\s+(?:man|men|woman|women|people)\b",
       "Civilians ({country})", 7, "civilians"),
    _p(r"\b(?:(?:armed|criminal|drug|rival)\s+)?gang(?:s|sters)?(?:\s+members?)?\b|"
       r"\bdrug[\s-]+traffick(?:ers|ing\s+(?:groups?|gangs?|suspects?))\b|\bcartel\s+members\b|"
       r"\bmembers\s+of\s+(?:a|an|the)\s+(?:criminal|drug[\s-]+trafficking)\s+(?:group|gang|organi[sz]ation)\b",
       "Unidentified Gang ({country})", 3, "gang"),
)  # fmt: skip

#: State forces named without a nationality, as ACLED's notes do ("military forces fired").
_STATE_GENERIC = re.compile(
    r"\b(?:the\s+)?(?:military\s+(?:forces|troops|personnel|column|junta|regime)|military|army|"
    r"armed\s+forces|security\s+forces|government\s+forces|regime\s+forces|junta(?:\s+forces)?|"
    r"troops|soldiers|servicemen)\b(?!\s+(?:base|bases|statement|spokes\w+|officials?|court|"
    r"hospital|airport|site|facility|compound|sources?|council|command|camp|academy|"
    r"intelligence|convoy|police|vehicles?|post|checkpoint|operations?)\b)",
    re.IGNORECASE,
)
_POLICE_GENERIC = re.compile(
    r"\b(?:the\s+)?(?:police(?:\s+(?:forces?|officers?|personnel|units?|agents?))?|policemen|"
    r"policewomen)\b(?!\s+(?:station|stations|said|spokes\w+|chief|headquarters|checkpoint)\b)",
    re.IGNORECASE,
)

_STATE_GENERIC_GATED = Gated(_STATE_GENERIC)
_POLICE_GENERIC_GATED = Gated(_POLICE_GENERIC)


#: State forces named without a nationality in a sentence whose country is not known yet.
_UNNAMED_STATE = {False: "Unidentified Military Forces", True: "Unidentified Police Forces"}


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

    Uses ``sitrep.resolve.ActorKB`` and adds what the built-in table finds beyond it.
    """
    from sitrep.resolve.actors import ActorKB

    found: list[ActorMatch] = []
    try:
        found = list(ActorKB.default().find_mentions(text, country=country, on=on))
    except Exception:  # noqa: BLE001 - a KB failure must not lose the event; fall back
        found = []
    # The table adds what the KB does not cover (conflict-specific phrasings such as
    # "American contractor", "Iran fired"); the KB wins where both match.
    taken: list[tuple[int, int]] = [(a.start or 0, a.end or 0) for a in found]
    lower = lower_for_gate(text)
    for pattern in _TABLE:
        for match in pattern.gated.finditer_lower(text, lower):
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
    if ActorKB is not None:
        found.extend(_generic_state_forces(text, taken, country=country, on=on, lower=lower))
    found.sort(key=lambda a: a.start or 0)
    return found


#: Capitalised words that open a sentence without naming anyone ("Two soldiers were killed").
_OPENERS = {
    "the", "a", "an", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "several", "some", "many", "both", "dozens", "hundreds", "scores", "at", "about", "around",
    "nearly", "more", "over", "one", "eleven", "twelve", "twenty", "thirty", "all", "other",
    "these", "those", "its", "their", "his", "her", "armed", "local", "state",
}  # fmt: skip
_NAME_BEFORE = re.compile(
    r"(?:^|[^\w'’.-])((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*?)(?:['’]s)?\s+(?:own\s+)?$"
)


def _iso_of(country: str | None) -> str | None:
    if not country:
        return None
    from sitrep.resolve.actors import country_info

    return country_info(country)[0]


def _country_before(text: str, start: int) -> tuple[str, str, int] | None:
    """(ISO, country name, offset) when a country's name stands right before generic forces:
    "the Myanmar military", "Sudan's army", "Burkina Faso troops"."""
    match = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if match is None:
        return None
    from sitrep.resolve.actors import country_info

    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[-size:])
        if candidate.lower() in _OPENERS:
            continue
        iso, name = country_info(candidate)
        if iso and name:
            where = match.start(1) + len(match.group(1)) - len(candidate)
            return iso, name, where
    return None


_NOT_STATE_BEFORE = {
    "private", "former", "rebel", "militia", "foreign", "other", "enemy", "allied", "coalition",
    "opposition", "insurgent", "own",
}  # fmt: skip


def _generic_state_forces(
    text: str,
    taken: list[tuple[int, int]],
    *,
    country: str | None,
    on: date | None,
    lower: str | None,
) -> list[ActorMatch]:
    """ "military forces", "the police": the event country's state forces, unless the words
    belong to a name before them ("TNLA troops", "Iraqi police": already matched or named).

    Without a country yet they come back as ACLED's "Unidentified Military Forces" /
    "Unidentified Police Forces"; :func:`set_actors` names them for the record's country."""
    from sitrep.resolve import ActorKB  # type: ignore[attr-defined]

    kb = ActorKB.default()
    out: list[ActorMatch] = []
    for pattern, police in ((_POLICE_GENERIC_GATED, True), (_STATE_GENERIC_GATED, False)):
        for match in pattern.finditer_lower(text, lower):
            start, end = match.start(), match.end()
            if any(start < e and s < end for s, e in taken):
                continue
            if any(0 <= start - e <= 1 for _, e in taken):
                continue  # "US Army soldiers": the noun belongs to the actor before it
            previous = re.search(r"([\w'’.-]+)\s*$", text[:start])
            word = previous.group(1) if previous else ""
            named = _country_before(text, start)
            if named is not None:
                # "the Myanmar military", "Sudan's army": that country's own forces
                iso, name, where = named
                hit = kb.state_forces(iso, on=on, police=police, raw=text[where:end],
                                      start=where, end=end)  # fmt: skip
                if hit is not None:
                    event_iso = _iso_of(country)
                    if event_iso and event_iso != iso:
                        hit.inter = 8
                    out.append(hit)
                    taken.append((where, end))
                continue
            if word[:1].isupper() and word.lower() not in _OPENERS:
                continue  # "Karen soldiers", "Myaing PDF troops": someone's named forces
            if previous and previous.group(1).lower() in _NOT_STATE_BEFORE:
                continue
            hit = kb.state_forces(country, on=on, police=police, raw=match.group(0),
                                  start=start, end=end)  # fmt: skip
            if hit is None:
                hit = ActorMatch(
                    raw=match.group(0), canonical=_UNNAMED_STATE[police], inter=1,
                    actor_type="state", start=start, end=end,
                )  # fmt: skip
            if hit is not None:
                out.append(hit)
                taken.append((start, end))
    return out


#: Words allowed between a role cue and the actor ("at the US-led", "on two American"): small
#: words and adjectives, never a clause boundary ("said on Saturday that US strikes ...").
_FILLER = (
    r"(?:(?!(?:that|which|who|when|after|before|while|as|and|but|said|says|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b)[\w'’.-]+\s+){0,3}"
)
#: "facilities used by X", "sites belonging to X": X owns what was hit, so X is acted upon.
_OWNER_BEFORE = re.compile(
    r"\b(?:used|operated|run|controlled|held|occupied|manned|owned|frequented)\s+by\s+"
    + _FILLER
    + r"$|\b(?:belonging|linked|tied|affiliated|loyal)\s+(?:to|with)\s+"
    + _FILLER
    + "$",
    re.IGNORECASE,
)
_AGENT_BEFORE = re.compile(r"\bby\s+" + _FILLER + "$", re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:at|on|against|targeting|targeted|hit|hitting|struck|striking|attacked|attacking|"
    r"hosting|housing|host|hosts|houses|killing|killed|wounding|wounded|injuring|injured|ambushed|"
    r"into|toward|towards|shelled|shelling|bombed|bombing|raided|raiding|abducted|kidnapped|"
    r"arrested|detained|(?:positions?|bases?|sites?|facilities|headquarters|members|fighters|"
    r"commanders?|leaders?|depots?|convoys?|camps?|offices?)\s+of)\s+" + _FILLER + "$",
    re.IGNORECASE,
)
#: "clashed with X", "a firefight with X", "fighting between Y and X": X is the other side.
_OTHER_SIDE_BEFORE = re.compile(
    r"\b(?:clash(?:ed|es|ing)?|fought|fighting|firefights?|gunfights?|gun\s+battles?|"
    r"exchanges?\s+of\s+fire|exchanged\s+fire|skirmish(?:ed|es)?|battled?|engaged|"
    r"confrontations?|encounters?)\s+(?:with|against)\s+" + _FILLER + "$"
    r"|\bbetween\s+(?:[\w'’.-]+\s+){1,6}?and\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "injuries to X", "casualties among X": X suffered the attack.
_HARM_BEFORE = re.compile(
    r"\b(?:injur(?:y|ies)|casualties|wounds|damage|losses)\s+(?:to|among|of)\s+" + _FILLER + "$",
    re.IGNORECASE,
)
#: "where US troops are based", "X repelled the attack": X was attacked.
_DEFENDER_AFTER = re.compile(
    r"^\s*(?:(?:are|were|is|was)\s+(?:\w+\s+)?(?:based|stationed|deployed|housed)|"
    r"(?:repelled|repulsed|foiled|thwarted|fended\s+off)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
    r"(?:attacks?|assaults?|raids?|offensive))\b",
    re.IGNORECASE,
)
#: The actor's own words say what it is: "a US drone strike", "US warplanes" act.
_MEANS = re.compile(
    r"(?:strikes?|airstrikes?|drones?|warplanes|jets|aircraft|bombers|gunships?|helicopters?|"
    r"missiles?|artillery|fighter\s+jets|F-\d+\w*|AC-130\w*|raids?)$",
    re.IGNORECASE,
)
_AGENT_AFTER = re.compile(
    r"^\s*(?:(?:also|then|later|reportedly|allegedly|have|has|had|on\s+\w+)\s+){0,3}"
    r"(?:said\s+it\s+)?(?:fired|fires|launched|launches|struck|strikes|attacked|attacks|"
    r"carried\s+out|carries\s+out|conducted|claimed|claims|targeted|targets|hit|hits|bombed|"
    r"shelled|killed|kills|opened\s+fire|used|sent|shot|ambushed|detonated|planted|raided|"
    r"arrested|detained|seized|intercepted|downed|abducted|kidnapped|assaulted|stormed|"
    r"captured|retook|clashed|fought|exchanged\s+fire|engaged|destroyed|burned|set\s+fire)\b",
    re.IGNORECASE,
)
#: "US service members were wounded": the subject of a passive casualty verb is the target.
_TARGET_AFTER = re.compile(
    r"^\W*(?:and\s+\w+\s+|[\w'’-]+\s+){0,3}?(?:were|was|have\s+been|had\s+been|are|is|being)\s+"
    r"(?:\w+\s+)?(?:killed|wounded|injured|hurt|targeted|attacked|hit|evacuated|struck|shelled|"
    r"bombed|ambushed|abducted|kidnapped|arrested|detained|treated|evaluated|hospitali[sz]ed)\b|"
    r"^\W*(?:suffered|sustained)\b",
    re.IGNORECASE,
)
#: "the Pentagon said", "US officials told": a source of information, not a side of the event.
_SPEAKER_AFTER = re.compile(
    r"^\W*(?:[\w'’.-]+\s+){0,2}?(?:said|says|told|reported|announced|confirmed|added|stated|"
    r"spokesm[ae]n|spokeswoman|spokesperson|press\s+secretary|statement|officials?\s+said|"
    r"officials?\s+(?:described|blamed|accused|called|insisted|maintained|attributed|"
    r"dismissed))\b",
    re.IGNORECASE,
)
#: "X denied (that) it carried out any strike", "X rejected the accusation": a denier is a
#: party to the account, never the perpetrator (ACLED codes the attack to whoever did it or
#: to an unidentified group, never to the side that denies it).
_DENIER_AFTER = re.compile(
    r"^\W*(?:[\w'’.-]+\s+){0,3}?(?:has\s+|had\s+|have\s+|also\s+|quickly\s+|later\s+|"
    r"strongly\s+|flatly\s+)*(?:denied|denies|deny|denying|rejected|rejects|dismissed|"
    r"dismisses|refuted|refutes)\b",
    re.IGNORECASE,
)
#: A coordinated subject of a passive casualty verb: "Four US service members and two members
#: of the Iraqi security forces were wounded" (no verb between the mention and "were").
_COORDINATED_TARGET_AFTER = re.compile(
    r"^(?:(?!\b(?:said|says|who|which|that|when|after|fired|launched|struck|attacked|killed|"
    r"hit|targeted)\b)[^.;:!?])*?\b(?:and|as\s+well\s+as)\b(?:(?!\b(?:said|says|who|which|"
    r"that|when|after|fired|launched|struck|attacked|killed|hit|targeted)\b)[^.;:!?]){0,80}?"
    r"\b(?:were|was|have\s+been|had\s+been|are)\s+(?:\w+\s+)?(?:killed|wounded|injured|hurt|"
    r"evacuated|treated|hospitali[sz]ed)\b",
    re.IGNORECASE,
)
#: "which hosts Iraqi forces and American troops": every conjunct of a hosted list is hit.
_HOSTED_LIST_BEFORE = re.compile(
    r"\b(?:hosting|housing|hosts|houses|host|house)\s+(?:[\w'’.-]+\s+){1,6}?"
    r"(?:and|as\s+well\s+as)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "near the US embassy": a landmark, not a side.
_PLACE_BEFORE = re.compile(r"\b(?:near|outside|inside|close\s+to|next\s+to)\s+(?:the\s+)?$", re.I)
_SPEAKER_BEFORE = re.compile(
    r"\b(?:according\s+to|said|told|quoted|cited)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE
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


def role_of(
    sentence: str, mention: ActorMatch, *, event_type: str | None = None
) -> tuple[str, str]:
    """("agent" | "target" | "speaker" | "neutral", why) for one mention in its sentence.

    The cues are checked from the most to the least telling: what the actor owns was hit
    ("used by X"), "by X", the actor's own words ("a US drone strike"), a target cue before it
    ("at/on/against X", "positions of X", "clashed with X", "between Y and X", "injuries to
    X"), a passive casualty verb after it, a speech verb after it ("the Pentagon said"), an
    attack verb after it ("X fired"). In a battle both sides fight and both take losses, so
    "X were killed" does not make X the side acted upon (ACLED names the first side first).
    """
    start, end = mention.start or 0, mention.end or 0
    before, after = sentence[max(0, start - 80) : start], sentence[end : end + 80]
    if _OWNER_BEFORE.search(before):
        return "target", f"{mention.raw!r} owns what was hit ('used by / belonging to ...')"
    if _PLACE_BEFORE.search(before) and not _MEANS.search(mention.raw):
        return "speaker", f"{mention.raw!r} names a landmark near the event"
    if _SPEAKER_BEFORE.search(before):
        return "speaker", f"{mention.raw!r} is a source of the report"
    if _DENIER_AFTER.search(after):
        return "speaker", f"{mention.raw!r} denies it: a denier is never the perpetrator"
    if _AGENT_BEFORE.search(before):
        return "agent", f"{mention.raw!r} acts ('by ...')"
    if _MEANS.search(mention.raw):
        return "agent", f"{mention.raw!r} names the means of attack (the attacker's)"
    if _TARGET_BEFORE.search(before):
        return "target", f"{mention.raw!r} is the object of the attack ('at/on/against ...')"
    if _OTHER_SIDE_BEFORE.search(before):
        return "target", f"{mention.raw!r} is the other side ('clashed with / between ... and')"
    if _HARM_BEFORE.search(before):
        return "target", f"{mention.raw!r} suffered the attack ('injuries to ...')"
    if _HOSTED_LIST_BEFORE.search(before):
        return "target", f"{mention.raw!r} is hosted where the attack hit ('hosts X and Y')"
    if _DEFENDER_AFTER.search(after):
        return "target", f"{mention.raw!r} was attacked ('are based / repelled the attack')"
    if _TARGET_AFTER.search(after):
        if event_type == "Battles":
            return "neutral", f"{mention.raw!r} took losses in a battle (a side, not a target)"
        return "target", f"{mention.raw!r} suffered the attack (passive casualty verb)"
    if _SPEAKER_AFTER.search(after):
        return "speaker", f"{mention.raw!r} is a source of the report"
    if _COORDINATED_TARGET_AFTER.search(after) and not _AGENT_AFTER.search(after):
        if event_type == "Battles":
            return "neutral", f"{mention.raw!r} took losses in a battle (a side, not a target)"
        return "target", f"{mention.raw!r} suffered the attack (coordinated subject of a passive)"
    if _AGENT_AFTER.search(after):
        return "agent", f"{mention.raw!r} acts (subject of the attack verb)"
    if mention.inter == 7:
        return "target", f"{mention.raw!r}: civilians are acted upon"
    return "neutral", f"{mention.raw!r} is named"


#: The role model decides a mention the rules leave "neutral" only when at least this sure;
#: chosen on the development countries (HELD_OUT_COUNTRIES, 1,140 notes) among 0.5 / 0.6 /
#: 0.7 / 0.8: actor1 0.620 / 0.626 / 0.628 / 0.626, actor2 0.705 / 0.705 / 0.705 / 0.704.
ROLE_MODEL_MIN = 0.7


def _role_model() -> RoleModel | None:
    return RoleModel.default()


def _learned_role(
    model: RoleModel,
    sentence: str,
    mentions: list[ActorMatch],
    index: int,
    why: str,
    event_type: str | None,
) -> tuple[str, str]:
    """The learned role (:mod:`sitrep.events.roles_model`) of a mention no rule cue decides."""
    mention = mentions[index]
    feats = features(
        sentence, mention.start or 0, mention.end or 0, index=index, count=len(mentions),
        inter=mention.inter, rule_role="neutral", rule_reason=why, event_type=event_type,
    )  # fmt: skip
    probabilities = model.probabilities(feats)
    label = max(probabilities, key=lambda k: probabilities[k])
    p = probabilities[label]
    if p < ROLE_MODEL_MIN:
        return "neutral", why
    if label == "actor1":
        return "agent", f"{mention.raw!r} acts (role model, p={p:.2f})"
    if label == "actor2":
        return "target", f"{mention.raw!r} is acted upon (role model, p={p:.2f})"
    return "speaker", f"{mention.raw!r} takes no side (role model, p={p:.2f})"


def unidentified(country: str | None) -> ActorMatch:
    """ACLED's actor for an attack nobody is named for, in the event's country."""
    return ActorMatch(
        raw="",
        canonical=f"Unidentified Armed Group ({country or 'Iraq'})",
        inter=3,
        actor_type="unidentified",
        country=country,
    )


def assign_roles(
    sentence: str,
    mentions: list[ActorMatch],
    *,
    claimant: ActorMatch | None = None,
    country: str | None = None,
    event_type: str | None = None,
) -> Roles:
    """Pick actor1 (the side that acts) and actor2 (the side acted upon) among ``mentions``.

    Offsets in ``mentions`` are relative to ``sentence``. A claimant (from "X claimed the
    attack") is always actor1. When only a target is found, actor1 is an unidentified armed
    group in the event's country, as ACLED codes unattributed attacks. A mention heard only as
    a source ("the coalition said") plays no part unless nothing else is named. In an attack
    on armed and civilian targets alike ("killing a civilian contractor and wounding a US
    service member") the armed side is actor2, as ACLED codes an attack on a base.
    """
    agents: list[tuple[ActorMatch, str]] = []
    targets: list[tuple[ActorMatch, str]] = []
    neutral: list[tuple[ActorMatch, str]] = []
    model = _role_model()
    for index, mention in enumerate(mentions):
        role, why = role_of(sentence, mention, event_type=event_type)
        if role == "neutral" and model is not None:
            role, why = _learned_role(model, sentence, mentions, index, why, event_type)
        if role == "agent":
            agents.append((mention, why))
        elif role == "target":
            targets.append((mention, why))
        elif role == "neutral":
            neutral.append((mention, why))
    reason1 = reason2 = ""
    actor1 = actor2 = None
    if claimant is not None:
        actor1, reason1 = claimant, f"claimed by {claimant.raw!r}"
        agents = [a for a in agents if a[0].canonical != claimant.canonical]
    elif agents:
        actor1, reason1 = agents.pop(0)
    targets = [t for t in targets if actor1 is None or t[0].canonical != actor1.canonical]
    if event_type in _ARMED_FAMILIES:
        # stable: armed targets first, civilians after, each in text order
        targets.sort(key=lambda t: t[0].inter == 7)
    if targets:
        actor2, reason2 = targets.pop(0)
    for mention, why in neutral:
        after_target = actor2 is not None and (mention.start or 0) > (actor2.start or 0)
        if (
            actor1 is None
            and not after_target
            and (actor2 is None or mention.canonical != actor2.canonical)
        ):
            actor1, reason1 = mention, why + ": the first actor named acts"
        elif (
            actor2 is None
            and mention.canonical != (actor1.canonical if actor1 else None)
            and not mention.canonical.startswith("Unidentified")
        ):
            actor2, reason2 = mention, why + ": the other actor named"
    if actor1 is None and actor2 is not None:
        actor1 = unidentified(country)
        reason1 = "no attacker named: unidentified armed group in the event's country"
    if actor1 is not None and actor2 is not None and actor1.canonical == actor2.canonical:
        actor2, reason2 = None, "same actor on both sides dropped"
    assoc1 = [a for a, _ in agents if actor1 is None or a.canonical != actor1.canonical]
    assoc2 = [t for t, _ in targets if actor2 is None or t.canonical != actor2.canonical]
    return Roles(actor1, actor2, assoc1, assoc2, reason1, reason2)


# --------------------------------------------------------------------------- records

#: ACLED's generic actors (named "<kind> (<country>)") and their inter codes.
GENERIC = {
    "Protesters": 6, "Rioters": 5, "Civilians": 7, "Unidentified Armed Group": 3,
    "Unidentified Gang": 3,
}  # fmt: skip
_GENERIC_NAME = re.compile(
    r"^("
    + "|".join(re.escape(k) for k in GENERIC)
    + r"|.+ (?:Communal|Ethnic|Clan|Sub-Clan|Indigenous|Cult) Militia)(?:\s+\(([^()]*)\))?$"
)


def _in_country(name: str | None, country: str | None) -> str | None:
    """A generic actor named for the event's country: "Protesters (Kosovo)" for an event in
    South Africa was named from a wrongly resolved toponym; the record's country wins."""
    if not name or not country:
        return name
    match = _GENERIC_NAME.match(name)
    if match is None:
        return name
    return f"{match.group(1)} ({country})"


def set_actors(record: EventRecord, roles: Roles) -> None:
    """Write the roles into ``record``: actors, inter codes, raw text, associated actors,
    reasons, then ACLED's generic actors by event family, the interaction code and
    civilian targeting."""
    a1, a2 = _for_record(roles.actor1, record), _for_record(roles.actor2, record)
    if a1 is not None:
        record.actor1, record.inter1, record.actor1_text = a1.canonical, a1.inter, a1.raw or None
        record.reasons["actor1"] = roles.reason1
    if a2 is not None:
        record.actor2, record.inter2, record.actor2_text = a2.canonical, a2.inter, a2.raw or None
        record.reasons["actor2"] = roles.reason2
    assoc1 = {m.canonical for a in roles.assoc1 if (m := _for_record(a, record)) is not None}
    assoc2 = {m.canonical for a in roles.assoc2 if (m := _for_record(a, record)) is not None}
    record.assoc_actor_1 = "; ".join(sorted(assoc1 - {record.actor1})) or None
    record.assoc_actor_2 = "; ".join(sorted(assoc2 - {record.actor2})) or None
    family_actors(record)
    finish_actors(record)


def _for_record(match: ActorMatch | None, record: EventRecord) -> ActorMatch | None:
    """State forces named without a nationality ("the military", "police forces") belong to
    the record's country, which may be another than the sentence's first toponym said (or
    none was known when the sentence was read)."""
    if match is None or not record.country or match.actor_type != "state":
        return match
    raw = match.raw.strip()
    police = _POLICE_GENERIC.fullmatch(raw) is not None
    if not police and _STATE_GENERIC.fullmatch(raw) is None:
        return match
    from sitrep.resolve import ActorKB  # type: ignore[attr-defined]

    on = date.fromisoformat(record.event_date) if record.event_date else None
    hit = ActorKB.default().state_forces(
        record.country, on=on, police=police, raw=match.raw, start=match.start, end=match.end
    )
    return hit if hit is not None else match


def finish_actors(record: EventRecord) -> None:
    """The fields that follow from the actors: interaction and civilian targeting."""
    record.interaction = interaction_code(record.inter1, record.inter2)
    record.civilian_targeting = (
        "Civilian targeting"
        if record.inter2 == 7
        and record.event_type in ("Violence against civilians", "Explosions/Remote violence")
        else None
    )


def family_actors(record: EventRecord) -> None:
    """ACLED's generic actors: protests are by "Protesters (<country>)", riots by "Rioters
    (<country>)" (named groups become associated actors), an unattributed act of violence by
    "Unidentified Armed Group (<country>)"; generic names take the event's country. Then the
    other side by event type (:func:`family_targets`)."""
    country = record.country
    family = record.event_type
    record.actor1 = _in_country(record.actor1, country)
    record.actor2 = _in_country(record.actor2, country)
    lead = {"Protests": "Protesters", "Riots": "Rioters"}.get(family or "")
    if lead and country and not (record.actor1 or "").startswith(lead):
        if record.actor1 and not record.actor1.startswith("Unidentified"):
            record.assoc_actor_1 = "; ".join(filter(None, [record.actor1, record.assoc_actor_1]))
        record.actor1, record.inter1 = f"{lead} ({country})", GENERIC[lead]
        record.reasons["actor1"] = f"{family}: ACLED's generic {lead.lower()} actor"
    elif (
        record.actor1 is None
        and country
        and family in ("Battles", "Explosions/Remote violence", "Violence against civilians")
    ):
        record.actor1, record.inter1 = f"Unidentified Armed Group ({country})", 3
        record.reasons["actor1"] = "no actor named: unidentified armed group in the event's country"
    if record.actor1 == record.actor2 and not same_side_allowed(record):
        record.actor2 = record.inter2 = None
    family_targets(record)


#: State forces and foreign forces: the only side a protest has besides the protesters.
_STATE_INTER = (1, 8)


def family_targets(record: EventRecord) -> None:
    """actor2 by ACLED's event-type conventions (checked on the ACLED training countries):

    * Violence against civilians: actor2 is always "Civilians (<country>)" (every training
      row); a named victim that is not civilians ("an off-duty police officer") is still a
      civilian here, and an actor1 read as civilians gives way to an unidentified armed group.
    * Protests: no actor2 for a peaceful protest (96% of rows); otherwise only the state
      forces that intervened.
    * Mob violence: the crowd's victims, "Civilians (<country>)", when no one else is named
      (54% of rows; none is named in 1%).
    """
    country, family, sub = record.country, record.event_type, record.sub_event_type
    if family == "Violence against civilians" and country:
        if record.inter1 == 7:
            record.actor1, record.inter1 = f"Unidentified Armed Group ({country})", 3
            record.reasons["actor1"] = "violence against civilians is by an armed actor: " + (
                "unidentified armed group in the event's country"
            )
        if record.inter2 != 7:
            was = f" (named: {record.actor2})" if record.actor2 else ""
            record.actor2, record.inter2 = f"Civilians ({country})", 7
            record.reasons["actor2"] = f"violence against civilians targets civilians{was}"
    elif family == "Protests" and record.actor2 is not None:
        if sub == "Peaceful protest" or record.inter2 not in _STATE_INTER:
            record.reasons["actor2"] = f"{sub}: no other side ({record.actor2} dropped)"
            record.actor2 = record.inter2 = None
    elif sub == "Mob violence" and record.actor2 is None and country:
        record.actor2, record.inter2 = f"Civilians ({country})", 7
        record.reasons["actor2"] = "mob violence with no victim named: civilians"


# --------------------------------------------------------------------------- consistency

#: Sub-event types in which ACLED codes one actor on both sides (intra-group violence), and
#: the actor categories it does so for. Counted on the ACLED training countries (2022 H1, not
#: the held-out nor the sealed countries, 6,660 rows): Armed clash 61 of 568 (militias 58,
#: identity militias 3), Peaceful protest 32 (protesters), Mob violence 28 and Violent
#: demonstration 8 (rioters); never in remote violence, violence against civilians or
#: strategic developments, and never for state forces, rebels or external forces.
INTRA_GROUP_SUBTYPES = frozenset(
    {"Armed clash", "Peaceful protest", "Mob violence", "Violent demonstration"}
)
INTRA_GROUP_INTER = frozenset({3, 4, 5, 6})

#: Reasons that come from a weak cue (no word of the sentence says the actor acted): the
#: first actor named, the attacker of another event, the group an article names most.
_WEAK_ROLE = re.compile(
    r"first actor named|the other actor named|the article's other|names most|is named\b"
)


def same_side_allowed(record: EventRecord) -> bool:
    """Whether ACLED would code ``record``'s actor1 on both sides (see INTRA_GROUP_*)."""
    return record.sub_event_type in INTRA_GROUP_SUBTYPES and record.inter1 in INTRA_GROUP_INTER


def check_consistency(record: EventRecord, text: str | None = None) -> EventRecord:
    """The checks an analyst applies to a coded event, each fix recorded in
    ``reasons["consistency"]``:

    * no actor on both sides unless ACLED codes intra-group violence for the sub-type and the
      actor's category (:func:`same_side_allowed`); the side read from the weaker cue gives way
      (an attacker taken from elsewhere in the article yields to a victim the sentence names);
    * a denier ("US Central Command denied that it had carried out any strike") is never
      actor1: an armed event falls back to an unidentified armed group;
    * an event with neither actor nor place says so: the text gives none.
    """
    notes: list[str] = []
    if record.actor1 and record.actor1 == record.actor2 and not same_side_allowed(record):
        weak1 = bool(_WEAK_ROLE.search(record.reasons.get("actor1", "")))
        weak2 = bool(_WEAK_ROLE.search(record.reasons.get("actor2", "")))
        if weak1 and not weak2:
            notes.append(f"{record.actor1} on both sides: actor1 came from a weaker cue")
            _unattributed(record)
        else:
            notes.append(f"{record.actor1} on both sides: actor2 dropped")
            record.actor2 = record.inter2 = record.actor2_text = None
            record.reasons["actor2"] = "same actor on both sides dropped"
    denier_text = _denier_of(record, text)
    if denier_text and record.actor1 and record.actor1_text:
        said = record.actor1_text.lower()
        if said in denier_text.lower() or denier_text.lower() in said:
            notes.append(f"{record.actor1_text!r} denies the event: a denier is never actor1")
            _unattributed(record)
    if not record.actor1 and not record.location:
        notes.append("the text names no actor and no place for this event")
    if notes:
        record.reasons["consistency"] = "; ".join(notes)
        finish_actors(record)
    return record


def _unattributed(record: EventRecord) -> None:
    armed = record.event_type in (*_ARMED_FAMILIES, "Violence against civilians")
    if armed and record.country:
        record.actor1, record.inter1 = f"Unidentified Armed Group ({record.country})", 3
        record.reasons["actor1"] = "no reliable attacker: unidentified armed group"
    else:
        record.actor1 = record.inter1 = None
        record.reasons["actor1"] = "no reliable actor"
    record.actor1_text = None


def _denier_of(record: EventRecord, text: str | None) -> str | None:
    from sitrep.nlp.modality import denier

    for source in record.sources:
        who = denier(source.sentence)
        if who:
            return who
    return None


# --------------------------------------------------------------------------- the article

_CLAIM = re.compile(
    r"\b(?:claimed|claims|claiming)\s+(?:responsibility|the\s+(?:attacks?|strikes?)|"
    r"(?:the\s+)?(?:drone|rocket|missile)\s+attacks?|(?:\w+\s+)?attacks\s+on)\b"
    r"|\bclaimed\s+(?:it|them)\b"
    r"|\bsaid\b[^.]{0,40}?\bthat\s+it\s+(?:had\s+)?(?:attacked|targeted|struck|launched)\b",
    re.IGNORECASE,
)
#: Vague words for an armed group the article names elsewhere ("Iran-backed militias").
_VAGUE_GROUP = re.compile(
    r"\b(?:Iran-backed|Iranian-backed|Iran-aligned|Iran-linked|pro-Iran|pro-Iranian|"
    r"Tehran-backed)\b|\bthe\s+(?:group|militia|faction)\b",
    re.IGNORECASE,
)
_ARMED_FAMILIES = ("Explosions/Remote violence", "Battles")
#: Sub-types whose unnamed other side is the armed group the article names most: the target of
#: an air strike, the owner of the drones or rockets that were shot down.
_OTHER_SIDE_IS_LEAD = ("Air/drone strike", "Disrupted weapons use")


def _named_group(actor: ActorMatch) -> bool:
    return actor.inter in (2, 3, 4) and not actor.canonical.startswith("Unidentified")


def article_actors(
    events: list[EventRecord], text: str, *, on: date | None = None
) -> list[EventRecord]:
    """Fill sides a sentence leaves vague from what the whole article says.

    * An attack the article attributes ("... claimed the attack") to one named group is that
      group's, where its sentence names no attacker or only a vague one ("Iran-backed
      militants"); ACLED codes a claimed attack to the claimant.
    * A strike whose sentence names no attacker ("the strikes killed eight members") is by the
      one named attacker of the article's other strikes of the same sub-event type.
    * A vague target ("facilities used by Iran-backed militias") is the armed group the article
      names most, when it names one.
    Reasons record each change. ``events`` are changed in place and returned.
    """
    if not events:
        return events
    claimants: set[str] = set()
    for claim in _CLAIM.finditer(text):
        first = max(text.rfind(". ", 0, claim.start()), text.rfind("\n", 0, claim.start())) + 1
        stop = text.find(". ", claim.end())
        sentence = text[first : stop if stop != -1 else len(text)]
        # The claimant is the subject: the first group named before the verb ("The Islamic
        # Resistance in Iraq, an umbrella of factions including Kataib Hezbollah, claimed").
        before_verb = claim.start() - first
        groups = [
            m for m in find_actors(sentence, on=on)
            if _named_group(m) and (m.end or 0) <= before_verb
        ]  # fmt: skip
        claimants.update(m.canonical for m in groups[:1])
    claimant = next(iter(claimants)) if len(claimants) == 1 else None
    # The armed group the article's events name most (cheaper than a second scan of the text).
    named: dict[str, int] = {}
    for event in events:
        for name, inter in ((event.actor1, event.inter1), (event.actor2, event.inter2)):
            if name and inter in (2, 3, 4) and not name.startswith("Unidentified"):
                named[name] = named.get(name, 0) + 1
    lead_group = max(named, key=lambda k: named[k]) if named else None
    attackers: dict[str, set[str]] = {}
    for event in events:
        why = event.reasons.get("actor1", "")
        if (
            event.actor1
            and not event.background  # history lends no attacker to the news
            and not event.actor1.startswith("Unidentified")
            and ("acts" in why or "means of attack" in why)
            and not _WEAK_ROLE.search(why)
        ):
            attackers.setdefault(str(event.sub_event_type), set()).add(event.actor1)
    for event in events:
        if event.event_type not in _ARMED_FAMILIES:
            if event.sub_event_type == "Disrupted weapons use":
                _lead_as_other_side(event, lead_group, vague1=False)
            continue
        vague1 = (event.actor1 or "").startswith("Unidentified Armed Group") and (
            not event.actor1_text or _VAGUE_GROUP.search(event.actor1_text) is not None
        )
        state_target = event.inter2 in (None, 1, 7, 8)
        if vague1 and claimant and not event.background and state_target:
            event.actor1, event.inter1 = claimant, 3
            event.reasons["actor1"] = f"the article says {claimant} claimed the attack"
        elif vague1 and not event.actor1_text:
            same = attackers.get(str(event.sub_event_type), set())
            targets = {event.actor2, *(event.assoc_actor_2 or "").split("; ")}
            if len(same) == 1 and (name := next(iter(same))) not in targets:
                source = next(e for e in events if e.actor1 == name)
                event.actor1, event.inter1 = name, source.inter1
                event.reasons["actor1"] = f"the article's other {event.sub_event_type} is by {name}"
        _lead_as_other_side(event, lead_group, vague1)
    return events


def _lead_as_other_side(event: EventRecord, lead_group: str | None, vague1: bool) -> None:
    """actor2 is ``lead_group`` (the armed group the article names most) when the sentence
    names the other side only vaguely ("Iran-backed militias"), or not at all in an air strike
    or an interception (the drones' owner) whose attacker or interceptor is named."""
    vague2 = (event.actor2 or "").startswith("Unidentified Armed Group") and bool(
        event.actor2_text and _VAGUE_GROUP.search(event.actor2_text)
    )
    unnamed2 = event.actor2 is None and event.actor2_text is None and not vague1
    if (vague2 or unnamed2 and event.sub_event_type in _OTHER_SIDE_IS_LEAD) and lead_group \
            and lead_group != event.actor1:  # fmt: skip
        event.actor2, event.inter2 = lead_group, 3
        event.reasons["actor2"] = f"the armed group the article names most: {lead_group}"
    finish_actors(event)


def relative(match: ActorMatch, offset: int) -> ActorMatch:
    """The same mention with offsets shifted by ``-offset`` (document -> sentence)."""
    return replace(
        match,
        start=None if match.start is None else match.start - offset,
        end=None if match.end is None else match.end - offset,
    )
