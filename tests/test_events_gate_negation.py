"""The gate refuses sentences whose every trigger word is negated, and knows assaults."""

from __future__ import annotations

import pytest

from sitrep.events.gate import event_sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "No arrests were made.",
        "No arrests made.",
        "There were no fatalities or injuries.",
        "No further arrests were reported.",
    ],
)
def test_negated_triggers_are_not_events(sentence: str) -> None:
    decision = event_sentence(sentence)
    assert not decision.is_event
    assert "negated" in decision.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "A rocket hit the base on Monday, causing no injuries.",
        "Police detained four people on Sunday.",
        "On 20 May 2022, party supporters assaulted and chased a man in Rongo.",
        "On 29 May 2022, a man was stabbed in the town centre.",
    ],
)
def test_events_with_a_negated_outcome_or_an_assault_pass(sentence: str) -> None:
    assert event_sentence(sentence).is_event
