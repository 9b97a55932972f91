"""Weapon mentions: normalised names, categories and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.nlp import WEAPON_CATEGORIES, find_weapons


def names(text: str) -> list[tuple[str, str]]:
    return [(name, category) for name, _, _, category in find_weapons(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a ballistic missile", [("ballistic missile", "indirect")]),
        ("two cruise missiles", [("cruise missile", "indirect")]),
        ("Katyushas", [("Katyusha rocket", "indirect")]),
        ("Katyusha rockets", [("Katyusha rocket", "indirect")]),
        ("107mm rockets", [("rocket", "indirect")]),
        ("a rocket", [("rocket", "indirect")]),
        ("mortar rounds", [("mortar", "indirect")]),
        ("artillery fire", [("artillery", "indirect")]),
        ("a one-way attack drone", [("one-way attack drone", "air")]),
        ("a kamikaze drone", [("one-way attack drone", "air")]),
        ("Shahed-136 drones", [("Shahed-136", "air")]),
        ("an armed drone", [("armed drone", "air")]),
        ("a drone", [("drone", "air")]),
        ("a UAV", [("drone", "air")]),
        ("an MQ-9 Reaper", [("MQ-9 Reaper", "air")]),
        ("an AC-130J gunship", [("AC-130J", "air")]),
        ("a gunship", [("gunship", "air")]),
        ("F-15E jets", [("F-15E", "air")]),
        ("B-1B bombers", [("B-1B bomber", "air")]),
        ("fighter jets", [("fighter jet", "air")]),
        ("warplanes", [("fighter jet", "air")]),
        ("a helicopter", [("helicopter", "air")]),
        ("air strikes", [("airstrike", "air")]),
        ("an airstrike", [("airstrike", "air")]),
        ("a roadside bomb", [("IED", "ied")]),
        ("an IED", [("IED", "ied")]),
        ("a car bomb", [("car bomb (VBIED)", "ied")]),
        ("a landmine", [("landmine", "ied")]),
        ("a suicide vest", [("suicide vest", "suicide")]),
        ("a suicide car bomb", [("suicide car bomb (SVBIED)", "suicide")]),
        ("a hand grenade", [("grenade", "grenade")]),
        ("a rocket-propelled grenade", [("RPG", "small_arms")]),
        ("RPGs", [("RPG", "small_arms")]),
        ("small arms fire", [("small arms", "small_arms")]),
        ("a sniper", [("sniper", "small_arms")]),
        ("an anti-tank missile", [("anti-tank missile", "indirect")]),
        ("chlorine gas", [("chemical weapon", "chemical")]),
        ("a Hellfire missile", [("air-launched munition", "air")]),
        ("a remotely piloted aircraft", [("drone", "air")]),
        ("suicide vehicles", [("suicide car bomb (SVBIED)", "suicide")]),
        ("two tanks", [("tank", "other")]),
        ("Sam said the mine determines", []),
    ],
)
def test_find_weapons(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


def test_offsets_and_order() -> None:
    text = "Militants fired Katyushas and a drone; US warplanes answered."
    found = find_weapons(text)
    assert [text[s:e] for _, s, e, _ in found] == ["Katyushas", "drone", "warplanes"]


@given(st.text(max_size=200))
def test_never_raises_and_categories_are_known(text: str) -> None:
    for _, start, end, category in find_weapons(text):
        assert 0 <= start < end <= len(text)
        assert category in WEAPON_CATEGORIES
