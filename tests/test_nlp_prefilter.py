"""The regex pre-check never skips a pattern that would have matched."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.events import actors as event_actors
from sitrep.nlp.prefilter import Gated, lower_for_gate, required_words
from sitrep.resolve import actors as kb_actors


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\brioters\b", {"rioters"}),
        (r"\bprotesters\b|\bdemonstrators\b", {"protesters", "demonstrators"}),
        (r"\b(?:unknown|unidentified)\s+gunmen\b", {"gunmen"}),
        (r"(?:armed\s+)?gang(?:s|sters)?", {"gang"}),
        (r"\bIslamic\s+Resistance\s+in\s+Iraq\b", {"resistance"}),
        (r"(?<=unknown )(?:men|people)", {"men", "people"}),
    ],
)
def test_nlp_prefilter_reads_required_words(pattern: str, words: set[str]) -> None:
    assert required_words(re.compile(pattern, re.IGNORECASE)) == words


@pytest.mark.parametrize(
    "pattern",
    [r"\w+", r"(?:a|)b?", r"[A-Z]\w*", r"(\w)\1", r"x*", r"(?>ab)"],
)
def test_nlp_prefilter_no_words_means_always_run(pattern: str) -> None:
    gated = Gated(re.compile(pattern))
    assert gated.words is None or all(w for w in gated.words)
    assert gated.may_match(lower_for_gate("anything at all"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unidentified gunmen attacked the convoy.", ["Unidentified gunmen"]),
        ("UNIDENTIFIED GUNMEN", ["UNIDENTIFIED GUNMEN"]),
        ("The weather was calm.", []),
        ("unidentified gunmen", ["unidentified gunmen"]),
    ],
)
def test_nlp_prefilter_gated_finditer_matches_the_regex(text: str, expected: list[str]) -> None:
    gated = Gated(re.compile(r"\b(?:unknown|unidentified)\s+gunmen\b", re.IGNORECASE))
    assert [m.group(0) for m in gated.finditer(text)] == expected


def test_nlp_prefilter_lookalike_letters_always_run() -> None:
    # Python's case-insensitive matching equates the Kelvin sign with "k" and the long s
    # with "s": a lower-cased substring test would miss these, so the gate steps aside.
    pattern = re.compile(r"\bkidnappers\b", re.IGNORECASE)
    gated = Gated(pattern)
    for text in ("\u212aidnappers", "kidnapper\u017f"):
        assert pattern.search(text)
        assert lower_for_gate(text) is None
        assert [m.group(0) for m in gated.finditer(text)] == [text]


ACTOR_PATTERNS = [p.regex for p in event_actors._TABLE] + [
    event_actors._STATE_GENERIC,
    event_actors._POLICE_GENERIC,
    kb_actors._STATE_FORCE,
    kb_actors._MILITIA,
    kb_actors._HERDERS,
    kb_actors._UNIDENTIFIED,
    kb_actors._PROTESTERS,
    kb_actors._RIOTERS,
    kb_actors._CIVILIANS,
]
VOCABULARY = (
    "US American U.S. Iraqi Israeli Iranian Kataib Kata'ib Hezbollah Hizballah KH forces troops "
    "militia militias militiamen unknown unidentified gunmen armed men police policemen army "
    "the a of in Islamic Resistance Iraq State ISIS Revolutionary Guards Corps PMF Hashd Houthi "
    "Ansar Allah drone strike strikes civilians residents gang members Fulani herders Pokot "
    "ethnic communal Popular Mobilization Mobilisation Forces coalition Pentagon CENTCOM base "
    "protesters rioters mob locals local men Nujaba al-Nujaba Saraya Awliya al-Dam Asaib Ahl "
    "al-Haq fired launched \u212a \u017f \u0130 \u0131 - , ."
)
WORDS = VOCABULARY.split()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(["lower", "upper", "title", "same"])),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([" ", "  ", "-", "\n"]),
)
def test_nlp_prefilter_never_skips_a_match(words: list[tuple[str, str]], joiner: str) -> None:
    text = joiner.join(w if case == "same" else getattr(w, case)() for w, case in words)
    lower = lower_for_gate(text)
    for pattern in ACTOR_PATTERNS:
        gated = Gated(pattern)
        expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
        assert [(m.start(), m.end()) for m in gated.finditer_lower(text, lower)] == expected
