"""Roles (issue 14): a country's name before generic forces names that country's forces as the
side that acts, a sentence-opening number is no name, and the victims are never actor1."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitrep.events.actors import find_actors
from sitrep.events.extract import extract
from sitrep.models import Document


@pytest.mark.parametrize(
    "sentence",
    [
        "The Myanmar military shelled the village of Kyauktaw in Rakhine State on Monday, "
        "killing three civilians.",
        "Myanmar's military shelled Kyauktaw in Rakhine State on Monday, killing three civilians.",
    ],
)
def test_country_name_before_generic_forces(sentence: str) -> None:
    doc = Document(id="mm", text=sentence, published=datetime(2024, 3, 5))
    (event,) = extract(doc).events
    assert (event.actor1 or "").startswith("Military Forces of Myanmar")
    assert event.actor2 == "Civilians (Myanmar)"


def test_foreign_country_forces_are_external() -> None:
    mentions = find_actors("Sudan's army shelled the camp.", country="Chad")
    army = next(m for m in mentions if "army" in m.raw)
    assert army.canonical.startswith("Military Forces of Sudan")
    assert army.inter == 8


def test_number_opening_a_sentence_is_not_a_name() -> None:
    text = "Two policemen were killed when militants attacked a checkpoint in Kirkuk on Monday."
    doc = Document(id="pol", text=text, published=datetime(2024, 3, 5))
    (event,) = extract(doc).events
    assert (event.actor2 or "").startswith("Police Forces of Iraq")
    assert event.actor1 != event.actor2


def test_victims_are_not_the_attackers() -> None:
    text = (
        "Four US soldiers and two Iraqi troops were wounded on Tuesday when rockets struck "
        "Ain al-Asad air base in western Iraq, officials said."
    )
    doc = Document(id="us", text=text, published=datetime(2024, 3, 6))
    (event,) = extract(doc).events
    assert not (event.actor1 or "").startswith("Military Forces of the United States")
    assert (event.actor2 or "").startswith("Military Forces of the United States")
