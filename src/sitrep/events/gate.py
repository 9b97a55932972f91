"""Is this news sentence reporting a political violence event or strategic development?

ACLED notes are all events, so the sub-event classifier cannot say "no". News is mostly not
events: background analysis, forecasts ("the US is expected to strike"), opinion, diplomacy,
condemnations. The gate needs a trigger (a word that names a violent act, a protest, an arrest,
an interception) and no cue that the sentence is hypothetical, negated, a forecast, a reaction
or a count of many past attacks. Every decision comes with the reason, which the coder keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: Words naming something that happened. Verbs in the past or passive, nouns of attacks.
TRIGGERS = _rx(
    r"\b(?:attack(?:ed|s)?|(?:air|drone)\s*strikes?|airstrikes?|strikes?(?!\s+groups?)|struck|bomb(?:ed|ing|ings|s)?|"
    r"shell(?:ed|ing)|rockets?|missiles?|mortars?|drones?|IEDs?|explosi(?:on|ons|ve)|explod(?:ed|es)|"
    r"blasts?|detonat(?:ed|ion)|killed|kill(?:s|ing)|wounded|injur(?:ed|ing|ies)|clash(?:ed|es)?|"
    r"fought|fighting|ambush(?:ed)?|gunmen|opened\s+fire|fired|shot|targeted|targeting|hit|raid(?:ed|s)?|"
    r"arrest(?:ed|s)?|detained|abduct(?:ed|ion)|kidnapp(?:ed|ing)|seized|captured|intercepted|"
    r"shot\s+down|downed|protest(?:ed|ers|s)?|demonstrat(?:ed|ors|ion|ions)|rioters?|riot(?:ed|s)?|"
    r"looted|torched|set\s+fire|assassinat(?:ed|ion)|barrage|salvo|bombard(?:ed|ment)|"
    r"took\s+control|withdrew|ceasefire|truce|marched|rallied|stormed|set\s+ablaze|beat\s+up|"
    r"lynched|looting|vandali[sz]ed|assault(?:ed|ing)?|stabbed|hacked\s+to\s+death)\b"
)

#: Forecasts, intentions and threats: the event has not happened.
FORECAST = _rx(
    r"\b(?:is|are|was|were)\s+(?:widely\s+)?expected\s+to|\b(?:vow(?:ed|s)?|threaten(?:ed|s)?|"
    r"warn(?:ed|s)?|pledg(?:ed|es)|promis(?:ed|es)|plans?|planning|intends?|prepar(?:ing|es))\s+to\b|"
    r"\b(?:will|would|could|might|may|should)\s+(?:\w+\s+)?(?:strike|attack|retaliate|respond|hit|"
    r"target|launch|escalate|face|be)\b|\bif\b.*\b(?:would|will)\b|\bpossible\s+(?:strikes?|attacks?)\b"
)

#: Reactions, diplomacy and commentary about an event reported elsewhere.
REACTION = _rx(
    r"\b(?:condemn(?:ed|s|ation)?|denounc(?:ed|es)|deplor(?:ed|es)|summon(?:ed|s)|called\s+for|"
    r"urged|urges|talks|negotiations?|met\s+with|meeting|visited|analysts?|experts?\s+say|"
    r"in\s+(?:my|our)\s+view|op-ed|editorial|sovereignty|violation\s+of)\b"
)

#: Aggregates: "more than 150 attacks since October" summarises, it does not report one event.
AGGREGATE = _rx(
    r"\b(?:more\s+than|over|at\s+least|nearly|some|dozens\s+of|hundreds\s+of|scores\s+of|a\s+series\s+of|"
    r"a\s+wave\s+of|a\s+string\s+of|\d{2,})\s+(?:\w+\s+){0,2}(?:attacks|strikes|incidents|times)\b"
    r".*\b(?:since|over\s+the\s+past|in\s+recent|this\s+year|so\s+far|according)\b|"
    r"\byears\s+of\s+(?:\w+\s+){0,3}(?:attacks|strikes)\b"
)

#: A bare plural ("attacks on US forces", "carrying out attacks") names a kind of act, not one.
GENERIC_PLURAL = _rx(r"(?<!the\s)(?<!these\s)(?<!those\s)(?<!\w's\s)\b(?:attacks|strikes)\b")


#: Commentary on an event told elsewhere: rankings, reactions, justifications, quotes about it.
COMMENTARY = _rx(
    r"\b(?:was|were)\s+the\s+(?:first|deadliest|most|largest|latest|biggest)\b|"
    r"\bcelebrat\w+\b|\bcalled\s+the\s+(?:strikes?|attacks?|killing|raid)\b|"
    r"\b(?:strikes?|attacks?)\s+(?:were|was)\s+[\"“]|\bseparate\s+and\s+distinct\b|"
    r"\bin\s+direct\s+response\b|\bdefined\s+the\b|\bmistake\b|\bjustified\b|"
    r"\bhas\s+accused\b|\baccused\s+(?:the\s+)?\w+\s+of\b|\bno\s+(?:group|one)\b|"
    r"\bfears?\b|\bfeared\b|\bnamed\s+the\b|\binformed\b|\bnotified\b|"
    r"\bcame\s+(?:\w+\s+){0,3}?(?:after|as|amid)\b|^\s*In\s+all\b|\bhad\s+not\s+taken\s+place\b"
)


#: "no" (or "nor", "without") right before a trigger, allowing one word between ("no further
#: arrests") or a coordinated trigger ("no fatalities or injuries").
_NO_BEFORE = _rx(r"\b(?:no|nor|without)\s+(?:\w+\s+){0,1}(?:(?:\w+\s+)?or\s+)?$")


@dataclass(frozen=True)
class GateDecision:
    """Whether a sentence reports an event, and why."""

    is_event: bool
    reason: str
    trigger: str | None = None


def _nlp_checks(sentence: str) -> tuple[bool, bool]:
    """(hypothetical, negated) from sitrep.nlp."""
    from sitrep.nlp import is_hypothetical, is_negated

    return is_hypothetical(sentence), is_negated(sentence)


def event_sentence(sentence: str, *, dated: bool = True) -> GateDecision:
    """Decide whether ``sentence`` reports an event (see the module docstring for the rule).

    ``dated`` says whether the sentence carries a time expression: a bare plural ("attacks on
    US forces") with no date and no other trigger is a generic statement, not an event.
    """
    trigger = TRIGGERS.search(sentence)
    if trigger is None:
        return GateDecision(False, "no event trigger word")
    word = trigger.group(0)
    if all(_NO_BEFORE.search(sentence[: m.start()]) for m in TRIGGERS.finditer(sentence)):
        # "No arrests were made.", "There were no fatalities or injuries.": nothing happened
        return GateDecision(False, "every trigger word is negated ('no ...')", word)
    if not dated:
        others = [
            m
            for m in TRIGGERS.finditer(sentence)
            if not GENERIC_PLURAL.fullmatch(m.group(0))
            or re.search(r"\b(?:the|these|those)\s+$", sentence[: m.start()], re.I)
        ]
        if not others:
            return GateDecision(False, "generic plural without a date", word)
    if AGGREGATE.search(sentence):
        return GateDecision(False, "summarises many past attacks", word)
    forecast = FORECAST.search(sentence)
    if forecast and forecast.start() < trigger.start() + 60:
        return GateDecision(False, f"forecast or threat ({forecast.group(0).strip()!r})", word)
    commentary = COMMENTARY.search(sentence)
    if commentary:
        return GateDecision(
            False, f"commentary on an event ({commentary.group(0).strip()!r})", word
        )
    reaction = REACTION.search(sentence)
    if reaction and not re.search(
        r"\b(?:killed|wounded|injured|struck|fired|hit)\b", sentence, re.I
    ):
        return GateDecision(False, f"reaction or commentary ({reaction.group(0)!r})", word)
    hypothetical, negated = _nlp_checks(sentence)
    if hypothetical:
        return GateDecision(False, "hypothetical (sitrep.nlp.is_hypothetical)", word)
    if negated:
        return GateDecision(False, "negated (sitrep.nlp.is_negated)", word)
    return GateDecision(True, f"trigger {word!r}", word)
