"""Counts by ACLED's rules (issue 14, item 3): death verbs and number words as grammar, victim
lists added up, injuries kept apart from deaths, and model numbers never read as counts."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitrep.events.extract import extract
from sitrep.models import Document
from sitrep.nlp.numbers import find_casualties, find_munitions, is_model_number


def _figures(sentence: str) -> tuple[int | None, int | None]:
    found = find_casualties(sentence)
    killed, injured = found["killed"], found["injured"]
    return (
        killed.value_min if killed is not None else None,
        injured.value_min if injured is not None else None,
    )


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("The raid claimed the lives of ten civilians in the village.", 10, None),
        ("Claiming the lives of seven farmers, the attack shocked the district.", 7, None),
        ("12 police officers died when their patrol hit a mine.", 12, None),
        ("The gunman killed his wife and three children before fleeing.", 4, None),
        ("The assailants shot dead a teacher, his son and two neighbours.", 4, None),
        ("The strike killed two soldiers and a civilian and wounded five others.", 3, 5),
        ("The bombing killed a child and injured his mother.", 1, 1),
        ("Five service members and two contractors were injured in the attack.", None, 7),
        ("The shelling left three dead and seven wounded.", 3, 7),
        ("Four people were killed and 11 wounded, among them two children.", 4, 11),
    ],
)
def test_casualty_grammar(sentence: str, killed: int | None, injured: int | None) -> None:
    assert _figures(sentence) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iran fired Fateh 110 missiles at the base.", []),
        ("Russia launched Kh-101 cruise missiles overnight.", []),
        ("Russia fired 40 S-300 missiles at the city.", [(40, "missile")]),
        ("F-16 jets dropped 4 bombs on the depot.", [(4, "bomb")]),
        ("The group launched two Shahed-136 drones.", [(2, "drone")]),
        ("On 12 January, 12 rockets hit the base.", [(12, "rocket")]),
    ],
)
def test_model_numbers_are_never_counts(sentence: str, expected: list[tuple[int, str]]) -> None:
    assert [(m.value_min, m.kind) for m in find_munitions(sentence)] == expected


def test_model_number_detection() -> None:
    text = "Zelzal 2 and Kh-101 and January 12 and Friday 3"
    assert is_model_number(text, text.index("2"))
    assert is_model_number(text, text.index("101"))
    assert not is_model_number(text, text.index("12"))
    assert not is_model_number(text, text.index("3"))


def test_event_counts_keep_injuries_apart() -> None:
    text = (
        "Gunmen stormed a house in Baqubah on Tuesday, killing a farmer, his wife and two of "
        "their sons and wounding three neighbours, police said."
    )
    doc = Document(id="counts", text=text, published=datetime(2024, 3, 6, 10, 0))
    events = extract(doc).events
    assert events
    assert events[0].fatalities == 4
    assert events[0].injuries == 3
