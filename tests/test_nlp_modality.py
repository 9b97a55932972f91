"""Modality (reported, claimed, alleged, denied, contested), hypotheticals and negation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.nlp import denier, is_hypothetical, is_negated, sentence_modality


@pytest.mark.parametrize(
    ("sentence", "modality", "who"),
    [
        ("Three rockets hit the base on Monday.", "reported", None),
        ("Kataib Hezbollah claimed responsibility for the attack.", "claimed", "Kataib Hezbollah"),
        (
            "The Islamic Resistance in Iraq said it targeted the base with drones.",
            "claimed",
            "The Islamic Resistance in Iraq",
        ),
        (
            "In a statement, the Islamic Resistance in Iraq claimed the attack.",
            "claimed",
            "Islamic Resistance in Iraq",
        ),
        ("Responsibility was claimed by the Islamic State.", "claimed", "Islamic State"),
        ("No group has claimed responsibility.", "reported", None),
        ("The militia allegedly fired rockets.", "alleged", None),
        ("Rockets reportedly hit the base.", "alleged", None),
        ("Suspected militants fired rockets.", "alleged", None),
        ("The group is believed to have launched the drone.", "alleged", None),
        ("Iran denied any involvement in the attack.", "denied", None),
        ("Kataib Hezbollah rejected reports that it carried out the strike.", "denied", None),
        ("The group claimed the attack, but Iran denied involvement.", "contested", "The group"),
        ("Conflicting reports emerged about the strike.", "contested", None),
    ],
)
def test_sentence_modality(sentence: str, modality: str, who: str | None) -> None:
    assert sentence_modality(sentence) == (modality, who)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iran denied any involvement in the attack.", "Iran"),
        ("Kataib Hezbollah rejected reports that it carried out the strike.", "Kataib Hezbollah"),
        ("Rockets hit the base.", None),
    ],
)
def test_denier(sentence: str, expected: str | None) -> None:
    assert denier(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The US is expected to strike Iran.", True),
        ("The militia could attack again.", True),
        ("US forces would respond.", True),
        ("Kataib Hezbollah threatened to attack US forces.", True),
        ("The group vowed to continue attacks.", True),
        ("Officials plan to retaliate.", True),
        ("Iran warned that it will respond.", True),
        ("Analysts say the strikes will escalate.", True),
        ("If the militias attack, the US would respond.", True),
        ("The attack could have killed dozens.", True),
        ("Rockets struck the base on Monday.", False),
        ("In May, rockets struck the base.", False),
        ("The group, which vowed to continue, attacked the base.", False),
        ("Kataib Hezbollah claimed the attack and said it would continue.", False),
    ],
)
def test_is_hypothetical(sentence: str, expected: bool) -> None:
    assert is_hypothetical(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("There was no attack on the base.", True),
        ("No rockets were fired.", True),
        ("The militia did not attack the base.", True),
        ("US officials said no drone strike took place.", True),
        ("No one was hurt in the attack.", False),
        ("It was not immediately clear who carried out the attack.", False),
        ("The attack did not cause casualties.", False),
        ("No group has claimed the attack.", False),
        ("Rockets hit the base, but there were no injuries.", False),
        ("It was not the first attack on the base.", False),
        ("The drones caused no damage.", False),
        ("Three rockets hit the base.", False),
    ],
)
def test_is_negated(sentence: str, expected: bool) -> None:
    assert is_negated(sentence) is expected


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    modality, _ = sentence_modality(text)
    assert modality in {"reported", "claimed", "alleged", "denied", "contested"}
    is_hypothetical(text)
    is_negated(text)
