"""The event coder: one Document in, an Analysis with ACLED-coded events out.

For each sentence the gate (:mod:`sitrep.events.gate`) accepts, the coder sets every field from
the sentence and its paragraph, and records in ``reasons`` why each got its value:

* sub_event_type from the trained classifier (:mod:`sitrep.events.classify`), corrected by
  the weapons named when they contradict it; event_type and disorder_type follow from it;
* the date from the sentence's own time expressions, else the previous sentences of the same
  paragraph (``"The attack..."`` after a dated sentence); anchored on the publication date, so
  an undated article's "on Monday" stays undated rather than taking a made-up date;
* background when the date is more than 14 days before publication, in an earlier year, or the
  sentence reads as history ("has been", "since 2019", "previously", "recalled");
* the place attached by a locative preposition, with geo_precision from the kind of place and
  the preposition ("near"/"outside"/"between" -> 2, province/country -> 3);
* actors and roles (:mod:`sitrep.events.actors`), counts, weapons and modality (sitrep.nlp);
* one event per place when a sentence lists several ("in Babil, Diwaniyah and Dhi Qar");
* retellings of one event merged (:mod:`sitrep.events.notes`), each keeping all its sources.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from sitrep import nlp
from sitrep.events.actors import (
    article_actors,
    assign_roles,
    check_consistency,
    find_actors,
    finish_actors,
    relative,
    set_actors,
)
from sitrep.events.classify import SubEventClassifier
from sitrep.events.gate import event_sentence
from sitrep.events.neural import default_classifier
from sitrep.events.notes import generate_notes, merge_within_article
from sitrep.events.places import choose_places, defer_to_paragraph, geoparse, plausible_places
from sitrep.events.taxonomy import (
    SUB_EVENT_TYPES,
    disorder_type_of,
    event_type_of,
)
from sitrep.models import (
    Analysis,
    Document,
    Entity,
    EventRecord,
    PlaceMention,
    Source,
    Timex,
)
from sitrep.nlp.discourse import (
    ParagraphRole,
    current,
    read_paragraphs,
    recalled,
    recalled_date,
)
from sitrep.nlp.modality import account_side
from sitrep.resolve.regions import acled_region
from sitrep.stages import backend_factory

BACKGROUND_DAYS = 14

_HISTORY = re.compile(
    r"\b(?:has\s+been|have\s+been|since\s+(?:19|20)\d\d|previously|recalled|"
    r"years?\s+ago|last\s+year|anniversary|in\s+the\s+past|earlier\s+attacks?|"
    r"was\s+the\s+(?:first|last|deadliest)|at\s+the\s+time)\b",
    re.IGNORECASE,
)
_WEAPON_SUBTYPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:intercepted|shot\s+down|downed)\b", re.I), "Disrupted weapons use"),
    (re.compile(r"\b(?:air\s*strikes?|drone\s+strikes?|airstrikes?|warplanes?|jets|aircraft|"
                r"gunships?|AC-130|bombers?|drones?|UAVs?|"
                # in this theatre "US strikes" are air strikes
                r"(?:US|U\.S\.|American|Israeli|coalition|Jordanian|Turkish)\s+(?:\w+\s+)?strikes?)\b",
                re.I), "Air/drone strike"),
    # case-sensitive "shell": "Shell" is a company or a town; "tear gas shells" are not shelling
    (re.compile(r"\b(?:[Rr]ockets?|[Mm]issiles?|[Mm]ortars?|[Aa]rtillery|(?<!gas )shell(?:ed|ing|s)?|"
                r"Shelling|Katyusha)\b"), "Shelling/artillery/missile attack"),
    (re.compile(r"\b(?:roadside\s+bombs?|IEDs?|improvised\s+explosive|landmines?|car\s+bombs?|"
                r"(?:remote|anti-personnel|anti-tank|land|with)\s+mines|mine\s+(?:attack|explosion|blast)s?|"
                r"explosive\s+device)\b", re.I), "Remote explosive/landmine/IED"),
    (re.compile(r"\bsuicide\s+(?:bomber|bombing|attack)\b", re.I), "Suicide bomb"),
)  # fmt: skip
_GOT_THROUGH = re.compile(
    r"\bbut\b[^.]*\b(?:struck|hit|landed|impacted|exploded)\b|\bothers?\s+(?:struck|hit|landed)\b",
    re.I,
)
#: Interceptions that stopped the attack: "were all shot down", and the active voice, "forces
#: shot down two one-way attack drones" (ACLED codes both as Disrupted weapons use; the actor
#: rules give the drones' owner as actor2, see events/actors.py ``article_actors``).
_ALL_DISRUPTED = re.compile(
    r"\b(?:all|were|was)\s+(?:intercepted|shot\s+down|downed)\b|"
    r"\b(?:intercepted|shot\s+down|downed)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:drones?|UAVs?|rockets?|missiles?|projectiles?)\b",
    re.I,
)
#: Words saying a weapon was stopped before it struck (or found before it was used).
_INTERCEPTION = re.compile(
    r"\b(?:intercept\w*|shot\s+down|downed|defus\w*|dismantl\w*|discover\w*|seiz\w*|found|"
    r"recovered|neutrali[sz]\w*)\b",
    re.I,
)
#: Sides that make a fight an armed clash, and crowds that make it mob violence.
_ARMED_SIDE = re.compile(
    r"\b(?:forces|troops|soldiers?|militants?|militia\w*|rebels?|army|military|police\w*|gunmen|"
    r"fighters?|armed|insurgents?|jihadists?|terrorists?|bandits?|guards?|gendarm\w*|Shabaab|"
    r"Taliban|Houthis?|JNIM|ISWAP|Boko|NPA|ELN|FARC|dissidents?|combatants?|security|"
    r"commandos?|paramilitar\w*|VDP|Koglweogo|vigilantes?)\b",
    re.I,
)
_CROWD_SIDE = re.compile(
    r"\b(?:supporters|cadres|activists|villagers|residents|students|factions?|factional|"
    r"groups\s+of|two\s+groups|mobs?|crowds?|youths|members\s+of\s+(?:the\s+)?(?:rival\s+)?"
    r"part(?:y|ies))\b",
    re.I,
)
#: Protesters' own violence (burning an effigy is a peaceful protest's symbol, not violence).
_PROTEST_VIOLENCE = re.compile(
    r"\b(?:burn(?:ed|t|ing)|set\s+(?:ablaze|fire\s+to|on\s+fire)|torched)\s+(?!(?:\w+\s+)?"
    r"(?:effig|flags?\b|passports?|posters?|photos?|pictures?|portraits?|cop(?:y|ies)|books?|candles))|\b(?:pelted|threw|hurled)\s+(?:\w+\s+)?stones\b|\bstormed\b|\bvandali[sz]\w*|"
    r"\bransacked\b|\brioters\b",
    re.I,
)
#: The authorities stepping in at a protest (ACLED's protest with intervention).
_INTERVENTION = re.compile(
    r"\b(?:police|officers|security\s+forces|authorities|gendarm\w*)\b"
    r"(?:(?!\b(?:that|which|who)\b)[^.]){0,60}?\b(?:dispers\w*|"
    r"blocked|interrupted|detained|arrested|removed|stopped|broke\s+up|prevented|kettled)\b|"
    r"\b(?:tear\s*gas|water\s+cannons?|rubber\s+bullets|baton[- ]charged?|lathi[- ]charged?)\b|"
    r"\b(?:protesters|demonstrators|participants|marchers|activists|organi[sz]ers|students)\b"
    r"[^.]{0,30}?\b(?:were|was)\s+(?:detained|arrested|dispersed)\b",
    re.I,
)
#: Rioters fighting soldiers or police make mob violence, not an armed clash (ACLED).
_RIOTERS = re.compile(r"\brioters\b", re.I)
#: Crowds that attack: a mob or a party's supporters rather than an armed group.
_CROWD_ATTACKER = re.compile(
    r"\b(?:mobs?|youths|supporters|cadres|party\s+workers|members\s+of\s+(?:the\s+)?"
    r"(?:rival\s+)?part(?:y|ies))\b",
    re.I,
)
#: The paragraph's share of the sub-event vote against the sentence's (0.5 until measured:
#: 0.85 lifted the held-out ACLED coder and a country-grouped dev split alike, MODEL_CARD.md).
PARAGRAPH_WEIGHT = 0.85
#: Above this classifier probability the family-word check is skipped: on ACLED notes it
#: overruled right answers ("supporters clashed" as Mob violence) far more often than wrong ones.
FAMILY_CHECK_BELOW = 0.6
_REMOTE_FAMILY = {"Explosions/Remote violence"}
#: Strategic developments that name weapons without being attacks ("arrested for firing rockets").
_KEEP_OVER_WEAPONS = {
    "Arrests",
    "Agreement",
    "Change to group/activity",
    "Headquarters or base established",
}
#: "The strike killed ten people": a sentence that retells the event before it.
_FOLLOW_UP = re.compile(
    r"\b(?:the|this|that|these|those|\w+'s|\w+’s)\s+(?:\w+\s+)?(?:attacks?|strikes?|air\s*strikes?|"
    r"blasts?|explosions?|bombing|raid|assault|incident|operation|drone|killing|barrage)\b|"
    r"\bheard\s+(?:\w+\s+){0,4}?(?:explosions?|blasts?|sirens?|gunfire)\b|"
    r"^(?:[^.]*\b(?:were|was)\s+(?:killed|wounded|injured|hit|struck|targeted|attacked)\b)",
    re.IGNORECASE,
)


def _is_past(day: date | None, published: date | None) -> bool:
    """Whether ``day`` is background by date: over two weeks before publication, or in an
    earlier year."""
    if day is None or published is None:
        return False
    return published - day > timedelta(days=BACKGROUND_DAYS) or day.year < published.year


def _recalled(text: str, published: date | None) -> str | None:
    """History wording from :func:`sitrep.nlp.discourse.recalled`; a year must be an earlier
    one than the publication's ("in 2024" in a 2024 article is news)."""
    words = recalled(text)
    if words is None:
        return None
    year = re.search(r"(?:19|20)\d\d", words)
    if year and (published is None or int(year.group(0)) >= published.year):
        return None
    return words


class Extractor(Protocol):
    """A coding backend: the rule/statistical coder here, the LLM one in ``events.llm``."""

    name: str

    def extract(self, doc: Document) -> Analysis: ...


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    timexes: list[Timex] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)


def _published_date(doc: Document) -> date | None:
    if doc.published is None:
        return None
    return doc.published.date() if isinstance(doc.published, datetime) else doc.published


def _competing_accounts(
    events: list[EventRecord], sentences: list[_Sentence], roles: list[ParagraphRole]
) -> None:
    """Competing accounts make an event ``contested`` ("officials blamed the heat; witnesses
    saw a drone", "X claimed ... while Y denied"), each side's sentence cited in
    ``reasons["modality"]`` with its offsets. An account that there was no attack (an
    accident, nothing found in the sky) or that the accounts differ counts for the current
    events told in its paragraph or the one before it; a denial counts where it retells the
    event (a denial of involvement alone, "Iran denied any involvement", disputes who did it,
    not whether it happened, and leaves the event as reported)."""
    against: list[tuple[_Sentence, str]] = []
    for_attack: list[_Sentence] = []
    for sentence in sentences:
        if roles[sentence.paragraph].kind == "furniture":
            continue
        side = account_side(sentence.text)
        if side in ("denial", "no attack", "disputed"):
            against.append((sentence, side))
        elif side == "attack":
            for_attack.append(sentence)
    if not against:
        return
    by_start = {s.start: s for s in sentences}
    for event in events:
        if event.background:
            continue
        own = [by_start[src.start] for src in event.sources if src.start in by_start]
        near = {s.paragraph for s in own} | {s.paragraph + 1 for s in own}
        sides = [
            (s, kind)
            for s, kind in against
            if (kind == "denial" and s in own) or (kind != "denial" and s.paragraph in near)
        ]
        if not sides or (len(own) == 1 and all(s is own[0] for s, _ in sides)):
            continue  # one sentence alone: sentence_modality has read it already
        first = own[0] if own else None
        cited = [(first, "the report")] if first is not None else []
        cited += [(s, "an account of an attack") for s in for_attack
                  if s.paragraph in near and s is not first]  # fmt: skip
        cited += [(s, kind) for s, kind in sides if s is not first]
        event.modality = "contested"
        event.reasons["modality"] = "conflicting accounts in the article: " + " | ".join(
            f"{why} [{s.start}:{s.end}] {s.text!r}" for s, why in cited
        )


def _event_timex(sentence: _Sentence) -> Timex | None:
    """The time expression that dates the sentence's event: the most precise anchored one."""
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    usable = [t for t in sentence.timexes if t.precision is not None]
    if not usable:
        return None
    before_since = [
        t
        for t in usable
        if not re.search(r"\bsince\s*$", sentence.text[: t.start - sentence.start], re.I)
    ]
    usable = before_since or usable
    return min(usable, key=lambda t: (rank.get(t.precision or "year", 4), t.start))


_WEEKDAY_ONLY = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$", re.IGNORECASE)
_DAY_RULE = (
    "a coarse date is coded to the first day of its span; a bare weekday named in an article "
    "published on that weekday is the publication day"
)


def _event_day(timex: Timex, published: date | None) -> date | None:
    """The event_date a time expression gives (see ``_DAY_RULE``)."""
    if timex.start_date is None:
        return None
    if timex.precision != "day":
        return nlp.event_day(timex)  # the one rule for vague dates (docs/nlp.md)
    if (
        published is not None
        and timex.relative
        and _WEEKDAY_ONLY.match(timex.text.strip())
        and published - timex.start_date == timedelta(days=7)
    ):
        return published
    return timex.start_date


#: Families the classifier may only pick when the sentence has their words: ACLED notes are
#: mostly protests, so on news sentences the model leans to "Peaceful protest" by default.
_FAMILY_WORDS: dict[str, re.Pattern[str]] = {
    "Protests": re.compile(
        r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march(?:ed|es)?|sit-in|"
        r"picket\w*|gathered|strike\s+by\s+workers)\b",
        re.I,
    ),
    "Riots": re.compile(
        r"\b(?:riot\w*|mob|protest\w*|demonstrat\w*|barricades?|stones?|vandal\w*|"
        r"youths|residents|villagers|locals|crowd|lynch\w*|stormed|torched|set\s+fire|"
        r"burn\w*|supporters|factions?|factional|students|individuals|motorists|"
        r"beat(?:en)?\s+up|assault\w*|altercation|physical\s+clash\w*|two\s+groups|"
        r"rival\s+groups|clash(?:ed|es)?\s+(?:between|with\s+each\s+other))\b",
        re.I,
    ),
}
#: Violence against civilians is refused when only military targets are named ("attack on US
#: forces at Ain al-Asad" is not an attack on civilians).
_MILITARY_TARGET = re.compile(
    r"\b(?:forces|troops|soldiers|service\s*members|military|base|bases|garrison|personnel|"
    r"militants|fighters|positions|coalition|convoys?|army|police\s+station|checkpoint)\b",
    re.I,
)
_CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|people|persons|man|men|woman|women|child(?:ren)?|"
    r"worshippers|journalists?|farmers|traders|pastoralists|famil(?:y|ies)|passers-?by|"
    r"abduct\w*|kidnap\w*|director|official|teacher|student\w*|villages?|elders?|drivers?|"
    r"motorists?|motorcyclists?|patients?|victims?|candidates?|chiefs?|herders?|shopkeepers?|"
    r"doctors?|nurses?|priests?|pastors?|imams?|businessm[ae]n|boys?|girls?|wife|husband|"
    r"relatives?|coordinator|activists?)\b",
    re.I,
)


_VIOLENT_ACT = re.compile(
    r"\b(?:struck|strikes?|airstrikes?|hit|killed|killing|attack(?:ed|s)?|fired|bomb(?:ed|s|ing)?|"
    r"shell(?:ed|ing)|rockets?|missiles?|drones?|explosions?|blasts?|clash(?:ed|es)?)\b",
    re.IGNORECASE,
)


def _family_allows(sub: str, text: str) -> bool:
    """Whether ``text`` has the words a sub-type's family needs (see _FAMILY_WORDS)."""
    family = SUB_EVENT_TYPES[sub]
    if sub == "Other" and _VIOLENT_ACT.search(text):
        return False  # a strike or attack is never ACLED's catch-all "Other"
    if family == "Violence against civilians":
        return bool(_CIVILIAN_WORDS.search(text)) or not _MILITARY_TARGET.search(text)
    words = _FAMILY_WORDS.get(family)
    return words is None or bool(words.search(text))


def _sub_event(
    text: str,
    probabilities: dict[str, float],
    context: str | None = None,
    around: dict[str, float] | None = None,
) -> tuple[str, float, str]:
    """Sub-event type of a sentence, read together with its paragraph when there is one.

    The model was trained on whole notes, and a note's later sentences often carry what decides
    the type ("Police dispersed them" makes a protest one with intervention), so the paragraph
    gets :data:`PARAGRAPH_WEIGHT` of the vote. The family-word check only overrides a classifier
    that is unsure (below :data:`FAMILY_CHECK_BELOW`); weapon words come in the order the
    sentence names them, so its main clause wins.
    """
    sentence, own = text, probabilities
    if context and around is not None and context.strip() != text.strip():
        probabilities = {
            k: (1 - PARAGRAPH_WEIGHT) * v + PARAGRAPH_WEIGHT * around[k]
            for k, v in probabilities.items()
        }
        text = context
    ranked = sorted(probabilities.items(), key=lambda kv: -kv[1])
    sub, probability = ranked[0]
    reason = f"classifier {probability:.2f}"
    for candidate, p in ranked if probability < FAMILY_CHECK_BELOW else ():
        if _family_allows(candidate, text):
            if candidate != sub:
                reason += f"; {sub} needs its family's words, next best {candidate} ({p:.2f})"
            sub, probability = candidate, p
            break
    found = [(m, weapon_sub) for pattern, weapon_sub in _WEAPON_SUBTYPES
             if (m := pattern.search(sentence))]  # fmt: skip
    found.sort(key=lambda mw: (mw[1] != "Disrupted weapons use", mw[0].start()))
    for match, weapon_sub in found:
        if weapon_sub == "Disrupted weapons use" and (
            not _ALL_DISRUPTED.search(sentence) or _GOT_THROUGH.search(sentence)
        ):
            continue  # an attack in which some munitions got through is coded as the attack
        if sub in _KEEP_OVER_WEAPONS and probability >= 0.3:
            break
        if (
            sub == "Disrupted weapons use"
            and own.get(sub, 0.0) >= 0.3
            and _INTERCEPTION.search(sentence)
            and not _GOT_THROUGH.search(sentence)
        ):
            break  # "soldiers defused an IED", "forces shot down a drone": the weapon was stopped
        if weapon_sub != sub and (
            # a remote-violence type resists the sentence's weapon words only when the sentence
            # itself says so: its paragraph may tell of another strike with another weapon
            SUB_EVENT_TYPES.get(sub) not in _REMOTE_FAMILY or own.get(sub, 0.0) < 0.5
        ):
            reason += f"; weapon {match.group(0)!r} -> {weapon_sub} (classifier said {sub})"
            sub = weapon_sub
        break
    if sub == "Armed clash" and _RIOTERS.search(text):
        reason += "; rioters are no organised armed side: Mob violence"
        sub = "Mob violence"
    elif sub == "Armed clash" and _CROWD_SIDE.search(text) and not _ARMED_SIDE.search(text):
        # ACLED's armed clash needs an organised armed side; party cadres or villagers
        # fighting each other are mob violence
        reason += "; a crowd and no armed side named: Mob violence"
        sub = "Mob violence"
    elif sub == "Peaceful protest" and (violent := _PROTEST_VIOLENCE.search(text)):
        # ACLED: demonstrators who burn, stone, storm or vandalise make a violent demonstration
        reason += f"; {violent.group(0)!r}: Violent demonstration"
        sub = "Violent demonstration"
    elif sub == "Peaceful protest" and (stopped := _INTERVENTION.search(text)):
        # ACLED: a protest the authorities dispersed, blocked or arrested people at
        reason += f"; {stopped.group(0)!r}: Protest with intervention"
        sub = "Protest with intervention"
    elif (
        sub == "Attack" and (crowd := _CROWD_ATTACKER.search(text)) and not _ARMED_SIDE.search(text)
    ):
        # an attack by a mob or a party's supporters, no armed group named: ACLED's mob violence
        reason += f"; attacked by {crowd.group(0)!r}, no armed side named: Mob violence"
        sub = "Mob violence"
    return sub, probability, reason


def _event_id(doc_id: str, sentence_start: int, place: str | None) -> str:
    digest = hashlib.sha1(f"{doc_id}:{sentence_start}:{place}".encode()).hexdigest()[:12]
    return f"ev-{digest}"


class RuleExtractor:
    """The default coder: gate + classifier + rules over sitrep.nlp and sitrep.resolve."""

    name = "default"

    def __init__(self, classifier: SubEventClassifier | None = None) -> None:
        self._classifier = classifier

    @property
    def classifier(self) -> SubEventClassifier:
        if self._classifier is None:
            self._classifier = default_classifier()  # neural (ONNX) if shipped, else TF-IDF
        return self._classifier

    def extract(self, doc: Document) -> Analysis:
        """Code every event ``doc`` reports (see the module docstring)."""
        published = _published_date(doc)
        text = doc.text or ""
        paragraphs = nlp.paragraphs(text) or [(0, len(text))]
        timexes = nlp.document_timexes(text, published, paragraphs)  # anchored by discourse
        places = plausible_places(geoparse(text), text)
        sentences: list[_Sentence] = []
        for p_index, (p_start, p_end) in enumerate(paragraphs):
            for s_start, s_end in nlp.split_sentences(text[p_start:p_end]):
                start, end = p_start + s_start, p_start + s_end
                sentences.append(
                    _Sentence(
                        start, end, text[start:end], p_index,
                        [t for t in timexes if start <= t.start < end],
                        [m for m in places if start <= m.start < end],
                    )
                )  # fmt: skip
        analysis = Analysis(
            id=doc.id, published=published.isoformat() if published else None, language="en",
            timexes=timexes, places=places,
        )  # fmt: skip
        roles = read_paragraphs(text, paragraphs)
        accepted = []
        for index, sentence in enumerate(sentences):
            if roles[sentence.paragraph].kind == "furniture":
                continue  # a related headline, a caption, a share prompt: never an event
            dated = any(t.precision in ("day", "week") for t in sentence.timexes)
            decision = event_sentence(sentence.text, dated=dated)
            if decision.is_event:
                accepted.append((index, decision))
        # One classifier batch per document: each accepted sentence and its paragraph.
        texts: dict[str, None] = {}
        for index, _ in accepted:
            texts[sentences[index].text] = None
            texts[self._paragraph(sentences, index)] = None
        probabilities = dict(
            zip(texts, self.classifier.probabilities_many(list(texts)), strict=True)
        )
        # The neural classifier's NO-EVENT class (sitrep.events.neural): a document reports no
        # event when every accepted sentence and its paragraph read as no event. Not per
        # sentence: in a conflict report it dropped the claims, tallies and casualty details
        # that carry the event's actor and counts (MODEL_CARD.md of the model).
        no_event = getattr(self.classifier, "is_no_event", None)
        if no_event is not None and all(
            no_event(sentences[i].text, self._paragraph(sentences, i)) for i, _ in accepted
        ):
            accepted = []
        events: list[EventRecord] = []
        article_day: tuple[date, Timex] | None = None  # the first dated, current event
        for index, decision in accepted:
            sentence = sentences[index]
            last = events[-1] if events else None
            coded = self._code(
                doc,
                published,
                sentences,
                index,
                decision.reason,
                analysis,
                last,
                article_day,
                probabilities,
                roles,
            )
            events.extend(coded)
            if article_day is None:
                for event in coded:
                    if event.event_date and not event.background and event.date_precision == "day":
                        timex = next(
                            (t for t in sentence.timexes + timexes if t.text == event.date_text),
                            None,
                        )
                        if timex is not None:
                            article_day = (date.fromisoformat(event.event_date), timex)
                            break
        events = article_actors(events, doc.text, on=published)
        analysis.events = merge_within_article(events)
        _competing_accounts(analysis.events, sentences, roles)
        for event in analysis.events:
            check_consistency(event, text)
            finish_actors(event)
            event.notes = generate_notes(event)
        return analysis

    @staticmethod
    def _paragraph(sentences: list[_Sentence], index: int) -> str:
        number = sentences[index].paragraph
        return " ".join(s.text for s in sentences if s.paragraph == number)

    def _code(
        self,
        doc: Document,
        published: date | None,
        sentences: list[_Sentence],
        index: int,
        gate_reason: str,
        analysis: Analysis,
        last: EventRecord | None = None,
        article_day: tuple[date, Timex] | None = None,
        probabilities: dict[str, dict[str, float]] | None = None,
        roles: list[ParagraphRole] | None = None,
    ) -> list[EventRecord]:
        """Code the event(s) of sentence ``index``: one per listed place."""
        assert probabilities is not None
        sentence = sentences[index]
        reasons: dict[str, str] = {"event": gate_reason}
        if roles is not None:
            reasons["discourse"] = roles[sentence.paragraph].reason
        paragraph = self._paragraph(sentences, index)
        sub, probability, reasons["sub_event_type"] = _sub_event(
            sentence.text,
            probabilities[sentence.text],
            paragraph,
            probabilities.get(paragraph),
        )
        follow_up = _FOLLOW_UP.search(sentence.text)
        own_place = any(
            m.place is not None and m.place.feature not in ("country", "province")
            for m in sentence.places
        )
        if (
            last is not None
            and last.sub_event_type
            and sub != last.sub_event_type
            and (follow_up or (not own_place and event_type_of(sub) == last.event_type))
        ):
            follow_up = follow_up or re.search(r"\w+", sentence.text)
            assert follow_up is not None
            reasons["sub_event_type"] = (
                f"retells the previous event ({follow_up.group(0).strip()!r}): {last.sub_event_type}"
                f" (classifier said {sub})"
            )
            sub = last.sub_event_type

        # Date: the sentence's own expression, else the closest earlier one in the paragraph
        # (not a recalled event's date for a sentence about the news: "this latest attack").
        news_words = current(sentence.text)
        timex = _event_timex(sentence)
        if timex is not None:
            reasons["event_date"] = f"{timex.text!r} in the sentence"
        else:
            for previous in reversed(sentences[:index]):
                if previous.paragraph != sentence.paragraph:
                    break
                timex = _event_timex(previous)
                if timex is not None:
                    earlier = _event_day(timex, published)
                    if news_words and _is_past(earlier, published):
                        reasons["event_date"] = (
                            f"{timex.text!r} in an earlier sentence dates a recalled event, not "
                            f"this one ({news_words!r})"
                        )
                        timex = None
                        break
                    reasons["event_date"] = (
                        f"{timex.text!r} in an earlier sentence of the paragraph"
                    )
                    break
        event_day = _event_day(timex, published) if timex is not None else None
        ago = recalled_date(sentence.text, published)
        if ago is not None and (
            timex is None
            or timex.relative
            or timex.text in ago[2]
            or "event_date" not in reasons
            or "earlier sentence" in reasons["event_date"]
        ):
            # "Two years ago this week": counted back from the publication date
            event_day = ago[0]
            timex = Timex(
                ago[2], sentence.start, sentence.start, ago[0].isoformat(), ago[1],  # type: ignore[arg-type]
                start_date=ago[0], end_date=ago[0], relative=True,
            )  # fmt: skip
            reasons["event_date"] = f"{ago[2]!r} counted back from the publication date"
        if (
            timex is not None
            and event_day is not None
            and event_day != nlp.representative_date(timex)
        ):
            reasons["event_date"] += f"; {timex.text!r} read as {event_day} ({_DAY_RULE})"
        if event_day is None and timex is None and article_day is not None:
            event_day, timex = article_day
            reasons["event_date"] = (
                f"no time expression in the sentence or its paragraph: the date of the article's "
                f"main event ({timex.text!r})"
            )
        if event_day is None:
            unanchored = timex or next(iter(sentence.timexes), None)
            reasons["event_date"] = (
                f"{unanchored.text!r} cannot be anchored (undated article)"
                if unanchored is not None
                else "no time expression in the sentence or its paragraph"
            )
        precision = timex.precision if timex is not None and event_day is not None else None

        background = False
        history = _HISTORY.search(sentence.text) or _recalled(sentence.text, published)
        if history is not None and news_words:
            history = None  # "this latest attack ... since 2017": the news, told with history
        if (
            event_day
            and published
            and (
                published - event_day > timedelta(days=BACKGROUND_DAYS)
                or event_day.year < published.year
            )
        ):
            background, reasons["background"] = (
                True,
                (f"event date {event_day} is well before publication {published}"),
            )
        elif history:
            words = history if isinstance(history, str) else history.group(0)
            background, reasons["background"] = True, f"history wording {words!r}"
        if (
            background
            and event_day is not None
            and event_day == published
            and timex is not None
            and timex.relative
        ):
            event_day, precision = None, None
            reasons["event_date"] += (
                "; dropped: a background event cannot take the publication date"
            )

        modality, claimant_text = nlp.sentence_modality(sentence.text)
        # A toponym inside an actor's name ("US warplanes", "Iraqi police") is not a place.
        country_hint = next(
            (
                m.place.country
                for m in sentence.places
                if m.place is not None and m.place.feature != "country"
            ),
            next((m.place.country for m in sentence.places if m.place is not None), None),
        )
        mentions = find_actors(sentence.text, country=country_hint, on=event_day or published)
        if (
            last is not None
            and last.sub_event_type
            and sub != last.sub_event_type
            and not own_place
            and not any(t.precision is not None for t in sentence.timexes)
            and (modality in ("denied", "contested") or not mentions)
        ):
            # Nothing of its own to tell it apart from the event before it: a denial of that
            # event or a further detail of it ("One of the injured was in serious condition").
            reasons["sub_event_type"] = (
                f"{'a denial' if modality == 'denied' else 'an account'} with no actor, place or "
                f"date of its own: the previous event, {last.sub_event_type} "
                f"(classifier said {sub})"
            )
            sub = last.sub_event_type
        actor_spans = [(a.start or 0, a.end or 0) for a in mentions]
        sentence.places = [
            m
            for m in sentence.places
            if not any(s <= m.start - sentence.start < e for s, e in actor_spans)
        ]
        chosen: list[tuple[PlaceMention | None, int | None, str]] = list(
            choose_places(sentence.text, sentence.start, sentence.places, analysis.places)
        )
        if not chosen:
            for previous in reversed(sentences[:index]):
                if previous.paragraph != sentence.paragraph:
                    break
                earlier = choose_places(previous.text, previous.start, previous.places)
                if earlier:
                    chosen = [
                        (
                            earlier[0][0],
                            earlier[0][1],
                            earlier[0][2] + " (in an earlier sentence of the paragraph)",
                        )
                    ]
                    break
        # An ACLED-style note pins its place once ("X (Admin2, Admin1)", "coded to X").
        chosen = defer_to_paragraph(
            chosen,
            sentence.text,
            sentence.start,
            [(s.text, s.start) for s in sentences if s.paragraph == sentence.paragraph],
        )
        chosen = chosen or [(None, None, "no resolvable place in the sentence or its paragraph")]
        country_hint = next(
            (m.place.country for m, _, _ in chosen if m is not None and m.place is not None),
            country_hint,
        )
        mentions_doc = [relative(a, -sentence.start) for a in mentions]
        analysis.entities.extend(
            Entity(a.raw, "ACTOR", a.start or 0, a.end or 0, a.canonical) for a in mentions_doc
        )
        claimant = None
        if claimant_text:
            found = find_actors(claimant_text, country=country_hint, on=event_day)
            claimant = found[0] if found else None
        roles = assign_roles(
            sentence.text, mentions, claimant=claimant, country=country_hint,
            event_type=event_type_of(sub),
        )  # fmt: skip

        casualties = nlp.find_casualties(sentence.text)
        killed, injured = casualties.get("killed"), casualties.get("injured")
        munitions = nlp.find_munitions(sentence.text)
        weapons = nlp.find_weapons(sentence.text)
        for name, w_start, w_end, _category in weapons:
            analysis.entities.append(
                Entity(name, "WEAPON", sentence.start + w_start, sentence.start + w_end)
            )

        source = Source(
            article_id=doc.id, outlet=doc.outlet, url=doc.url,
            published=published.isoformat() if published else None,
            sentence=sentence.text, start=sentence.start, end=sentence.end,
        )  # fmt: skip
        out: list[EventRecord] = []
        for mention, geo_precision, place_reason in chosen:
            place = mention.place if mention is not None else None
            record = EventRecord(
                event_id=_event_id(doc.id, sentence.start, place.name if place else None),
                event_date=event_day.isoformat() if event_day else None,
                year=event_day.year if event_day else None,
                time_precision=nlp.time_precision(precision),
                date_precision=precision,
                date_text=timex.text if timex is not None and event_day else None,
                disorder_type=disorder_type_of(sub), event_type=event_type_of(sub),
                sub_event_type=sub,
                fatalities=nlp.fatalities_acled(killed),
                injuries=injured.value_min if injured is not None else None,
                munitions=(
                    {"min": munitions[0].value_min, "max": munitions[0].value_max,
                     "kind": munitions[0].kind, "text": munitions[0].text}
                    if munitions else None
                ),
                weapons=sorted({w[0] for w in weapons}),
                modality=modality, claimed_by=claimant.canonical if claimant else claimant_text,
                background=background, sources=[source],
                source=doc.outlet, reasons=dict(reasons),
            )  # fmt: skip
            if place is not None and mention is not None:
                record.location, record.latitude, record.longitude = (
                    place.name,
                    place.lat,
                    place.lon,
                )
                record.country, record.admin1, record.admin2 = (
                    place.country,
                    place.admin1,
                    place.admin2,
                )
                record.iso, record.geo_precision, record.location_text = (
                    place.iso_numeric,
                    geo_precision,
                    mention.text,
                )
                record.region = acled_region(place.iso)
            record.reasons["location"] = (
                f"{mention.text!r}: {place_reason}" if mention is not None else place_reason
            )
            set_actors(record, roles)
            record.reasons["fatalities"] = (
                f"killed {killed.text!r} -> {record.fatalities} (ACLED conservative)"
                if killed is not None
                else "no killed count: 0"
            )
            record.reasons["modality"] = f"sitrep.nlp.sentence_modality -> {modality}"
            record.confidence = round(
                min(
                    1.0,
                    0.35 + 0.35 * probability + (0.15 if place else 0) + (0.15 if event_day else 0),
                ),
                3,
            )
            if len(chosen) > 1:
                record.reasons["disaggregation"] = f"one event per listed place ({len(chosen)})"
            out.append(record)
        return out


_REGISTRY: dict[str, Extractor] = {}


def register(extractor: Extractor) -> None:
    """Make a backend available to :func:`get_extractor` under its ``name``."""
    _REGISTRY[extractor.name] = extractor


def get_extractor(name: str = "default") -> Extractor:
    """The coding backend called ``name``: "default" (rules + classifier), "llm", or one a
    package adds through the ``sitrep.backends`` entry points (:mod:`sitrep.stages`)."""
    if name not in _REGISTRY:
        extractor: Extractor = backend_factory(name)()
        register(extractor)
        _REGISTRY.setdefault(name, extractor)
    return _REGISTRY[name]


def extract(doc: Document) -> Analysis:
    """Code the events of one document with the default backend (stateless)."""
    return get_extractor("default").extract(doc)
