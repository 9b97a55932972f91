"""clean_text: what the sub-event classifier reads from a note or a news sentence."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.events.classify import clean_text


@pytest.mark.parametrize(
    ("raw", "present", "absent"),
    [
        # ACLED's bracketed tags exist only in notes: the model must not lean on them.
        ("On 3 March 2022, students protested in Nairobi (Nairobi). [size=no report]",
         ["students protested", "PLACE"], ["size", "[", "March", "Nairobi"]),
        ("On 1 May 2022, a man stabbed a woman in Lagos. [women targeted: girls]",
         ["stabbed a woman"], ["women targeted", "["]),
        ("Weapons seizure: On 2 June 2022, police seized 12 rifles near Kismayo.",
         ["police seized NUM rifles", "near PLACE"], ["Weapons seizure", "12", "Kismayo"]),
        # Actor words after a preposition name the actor, not a place: they stay.
        ("Militants from Islamic State attacked a checkpoint at Raqqa.",
         ["from Islamic State attacked", "at PLACE"], ["Raqqa"]),
        ("Rockets were fired at US forces in Syria on 4 January 2024.",
         ["at US forces", "in PLACE", "DATE"], ["Syria", "2024"]),
    ],
)  # fmt: skip
def test_clean_text_masks_country_clues_and_keeps_event_words(
    raw: str, present: list[str], absent: list[str]
) -> None:
    cleaned = clean_text(raw)
    for part in present:
        assert part in cleaned, (part, cleaned)
    for part in absent:
        assert part not in cleaned, (part, cleaned)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_clean_text_never_leaves_a_bracketed_tag_or_extra_spaces(text: str) -> None:
    cleaned = clean_text(text)
    assert re.search(r"\[[^\]]*\]", cleaned) is None
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned


@given(st.lists(st.sampled_from(["fired", "rockets", "at", "the", "base", "in", "Erbil", "7"])))
def test_clean_text_masks_every_number(words: list[str]) -> None:
    assert not re.search(r"\d", clean_text(" ".join(words)))
