"""The event gate: news sentences that report an event pass, the rest say why they do not."""

from __future__ import annotations

import pytest

from sitrep.events.gate import event_sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Rockets struck Ain al-Asad air base on Monday, injuring two US service members.",
        "A US drone strike killed a senior commander of Kataib Hezbollah in Baghdad on Wednesday.",
        "Gunmen abducted two civilians in Basra on Saturday, police said.",
        "Thousands of protesters demonstrated outside the US embassy in Baghdad on Friday.",
        "All three drones were intercepted near Erbil airport on Thursday.",
    ],
)
def test_event_sentences_pass(sentence):
    assert event_sentence(sentence).is_event


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("The US is expected to strike Iran-backed militias in the coming days.", "forecast"),
        ("Washington could retaliate against the militias if attacks continue.", "forecast"),
        ("Iraq condemned the US strikes as a violation of its sovereignty.", "reaction"),
        ("Analysts say the strikes could escalate the conflict.", "forecast"),
        ("Iraq's prime minister met the US ambassador on Tuesday.", "no event trigger"),
        (
            "Militias have carried out more than 150 attacks on US forces since October.",
            "summarises",
        ),
        ("The group vowed to continue attacking US bases.", "no event trigger"),
        ("No group immediately claimed the attack on Monday.", "commentary"),
        ("It was the deadliest attack on US forces in the region since 2019.", "commentary"),
        (
            "The Pentagon has ordered two aircraft carrier strike groups to the region.",
            "no event trigger",
        ),
    ],
)
def test_non_event_sentences_are_rejected_with_a_reason(sentence, why):
    decision = event_sentence(sentence)
    assert not decision.is_event
    assert why in decision.reason


def test_bare_plural_without_a_date_is_generic():
    sentence = "CENTCOM said he had planned attacks on US forces in the region."
    assert not event_sentence(sentence, dated=False).is_event
