"""The taxonomy table: sub-type -> event type -> disorder type, and ACLED interaction codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.events.taxonomy import (
    SUB_EVENT_TYPES,
    disorder_type_of,
    event_type_of,
    interaction_code,
    normalise_disorder_type,
)


def test_all_25_acled_sub_event_types_are_known():
    assert len(SUB_EVENT_TYPES) == 25
    assert len(set(SUB_EVENT_TYPES.values())) == 6


@pytest.mark.parametrize(
    ("sub", "event_type", "disorder"),
    [
        ("Air/drone strike", "Explosions/Remote violence", "Political violence"),
        ("Armed clash", "Battles", "Political violence"),
        ("Attack", "Violence against civilians", "Political violence"),
        ("Peaceful protest", "Protests", "Demonstrations"),
        ("Violent demonstration", "Riots", "Demonstrations"),
        ("Mob violence", "Riots", "Political violence"),
        ("Disrupted weapons use", "Strategic developments", "Strategic developments"),
    ],
)
def test_sub_type_implies_event_and_disorder_type(sub, event_type, disorder):
    assert event_type_of(sub) == event_type
    assert disorder_type_of(sub) == disorder


def test_acled_misspelling_is_read_as_demonstrations():
    assert normalise_disorder_type("Demostrations") == "Demonstrations"
    assert normalise_disorder_type("Political violence") == "Political violence"


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(3, 8, 38), (8, 3, 38), (6, None, 60), (None, 7, 70), (1, 1, 11), (None, None, None)],
)
def test_interaction_smaller_code_first_single_actor_times_ten(inter1, inter2, expected):
    assert interaction_code(inter1, inter2) == expected


@given(st.integers(1, 8), st.integers(1, 8))
def test_interaction_is_symmetric(a, b):
    assert interaction_code(a, b) == interaction_code(b, a)
