"""Provinces split after GeoNames' names were fixed (the DR Congo's 26 of 2015) are indexed
under their new names, and towns carry the new province as admin1."""

from __future__ import annotations

import pytest

from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.gazetteer_regions import (
    SPLIT_ADMIN1,
    assign_split_codes,
    loose_key,
    subdivision_spellings,
)


@pytest.mark.parametrize(
    ("written", "acled"),
    [
        ("Ituri", "Ituri"),
        ("Sud-Kivu", "Sud-Kivu"),
        ("South Kivu", "Sud-Kivu"),
        ("North Kivu", "Nord-Kivu"),
        ("Nord Kivu", "Nord-Kivu"),
        ("Tanganyika", "Tanganyika"),
        ("Haut-Katanga", "Haut-Katanga"),
        ("Kasai-Central", "Kasai-Central"),
        ("Kongo Central", "Kongo-Central"),
        ("Bas-Congo", "Kongo-Central"),
    ],
)
def test_the_2015_provinces_resolve_in_the_dr_congo(written: str, acled: str) -> None:
    found = [
        p for p in Gazetteer.default().lookup(written, limit=10)
        if p.feature == "province" and p.iso == "CD"
    ]  # fmt: skip
    assert found and found[0].admin1 == acled


@pytest.mark.parametrize(
    ("town", "province"),
    [
        ("Bunia", "Ituri"),
        ("Kisangani", "Tshopo"),
        ("Kalemie", "Tanganyika"),
        ("Lubumbashi", "Haut-Katanga"),
        ("Kolwezi", "Lualaba"),
        ("Kananga", "Kasai-Central"),
        ("Goma", "Nord-Kivu"),
        ("Bukavu", "Sud-Kivu"),
    ],
)
def test_towns_carry_their_new_province(town: str, province: str) -> None:
    found = [p for p in Gazetteer.default().lookup(town, limit=5) if p.iso == "CD"]
    assert found and found[0].admin1 == province


def test_each_code_gets_its_own_daughter() -> None:
    # Two codes whose towns sit near different daughters; the nearer pairing wins even when
    # one code's single town is closer to the other daughter than its own.
    codes = {"A": [(0.0, 0.0), (0.0, 0.2)], "B": [(0.0, 0.9)]}
    daughters = {"West": (0.0, 0.0), "East": (0.0, 1.0)}
    assert assign_split_codes(codes, daughters) == {"A": "West", "B": "East"}
    # more codes than daughters: each takes the nearest
    many = {"A": [(0.0, 0.0)], "B": [(0.0, 0.1)], "C": [(0.0, 0.9)]}
    assert assign_split_codes(many, daughters) == {"A": "West", "B": "West", "C": "East"}


def test_split_table_names_distinct_daughters() -> None:
    for (iso, parent), daughters in SPLIT_ADMIN1.items():
        assert len(iso) == 2 and parent
        assert len(set(daughters)) == len(daughters)


@pytest.mark.parametrize(
    ("written", "iso", "province"),
    [("Ghor", "AF", "Ghowr"), ("Paktiya", "AF", "Paktia")],
)
def test_an_iso_spelling_that_differs_by_transliteration_finds_the_province(
    written: str, iso: str, province: str
) -> None:
    found = Gazetteer.default().lookup(written, limit=3)
    assert found and (found[0].iso, found[0].feature, found[0].admin1) == (
        iso,
        "province",
        province,
    )


@pytest.mark.parametrize(
    ("a", "b"), [("Ghowr", "Ghor"), ("Khowst", "Khost"), ("Paktiya", "Paktia")]
)
def test_loose_key_folds_transliteration_digraphs(a: str, b: str) -> None:
    assert loose_key(a) == loose_key(b)


def test_subdivision_spellings_add_only_a_loose_match() -> None:
    assert subdivision_spellings("AF", ["Ghowr"]) == ["Ghor"]
    assert subdivision_spellings("AF", ["Nowhere Province"]) == []
