"""Provinces carry ACLED's admin1 spelling, and both spellings still resolve to them."""

from __future__ import annotations

import pytest

from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.gazetteer_build import ACLED_ADMIN1_NAMES


def _province(name: str, iso: str):  # type: ignore[no-untyped-def]
    found = [
        p for p in Gazetteer.default().lookup(name, limit=10)
        if p.feature == "province" and p.iso == iso
    ]  # fmt: skip
    assert found, f"{name!r} does not resolve to a province of {iso}"
    return found[0]


@pytest.mark.parametrize(
    ("written", "iso", "acled"),
    [
        ("Bavaria", "DE", "Bayern"),
        ("Bayern", "DE", "Bayern"),
        ("Lower Saxony", "DE", "Niedersachsen"),
        ("Shamal Kurdufan", "SD", "North Kordofan"),
        ("North Kordofan", "SD", "North Kordofan"),
        ("Hiiraan", "SO", "Hiraan"),
        ("Mont-Liban", "LB", "Mount Lebanon"),
        ("Metro Manila", "PH", "National Capital Region"),
    ],
)
def test_province_named_as_acled_writes_it(written: str, iso: str, acled: str) -> None:
    assert _province(written, iso).admin1 == acled


def test_towns_carry_the_acled_admin1() -> None:
    munich = [p for p in Gazetteer.default().lookup("Munich", limit=5) if p.iso == "DE"]
    assert munich and munich[0].admin1 == "Bayern"


@pytest.mark.parametrize(("written", "iso"), [("Los Rios", "CL"), ("West Kordofan", "SD")])
def test_regions_geonames_lacks_come_from_the_supplement(written: str, iso: str) -> None:
    assert _province(written, iso).admin1 == written


def test_table_maps_each_country_one_way() -> None:
    for iso, names in ACLED_ADMIN1_NAMES.items():
        assert len(iso) == 2
        assert not set(names) & set(names.values()), iso  # no name is both source and target


def test_a_direction_word_is_an_admin1_but_not_a_name() -> None:
    # ACLED calls Lebanon's governorate "South"; "South" alone must not find it in text.
    assert _province("Liban-Sud", "LB").admin1 == "South"
    jezzine = [p for p in Gazetteer.default().lookup("Jezzine", limit=3) if p.iso == "LB"]
    assert jezzine and jezzine[0].admin1 == "South"
    assert all(p.iso != "LB" for p in Gazetteer.default().lookup("South", limit=10))


def test_the_geonames_spelling_still_finds_a_renamed_province() -> None:
    assert _province("Soqatra", "YE").admin1 == "Suqutra"


@pytest.mark.parametrize(
    ("written", "feature", "iso", "admin1"),
    [
        # a city the province is named after stays the city; its towns carry ACLED's name
        ("Prague", "capital", "CZ", "Prague"),
        ("Beirut", "capital", "LB", "Beirut"),
        # news' "Kurdistan" is Iraq's region, not Iran's Kordestan province
        ("Kurdistan", "region", None, None),
    ],
)
def test_a_renamed_province_does_not_take_a_better_known_name(
    written: str, feature: str, iso: str | None, admin1: str | None
) -> None:
    top = Gazetteer.default().lookup(written, limit=1)[0]
    assert (top.feature, top.iso, top.admin1) == (feature, iso, admin1)


def test_training_countries_spellings() -> None:
    assert _province("Andalusia", "ES").admin1 == "Andalucia"
    assert _province("Gyeonggi-do", "KR").admin1 == "Gyeonggi"
