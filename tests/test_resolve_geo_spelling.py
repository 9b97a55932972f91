"""Geoparsing round 4: a city written as its own name beats a province a folded spelling
matched, a big city's endonym after "in" is kept, armed groups are not places."""

from __future__ import annotations

import pytest

from sitrep.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _places(gaz: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.place.country if m.place else None) for m in gaz.geoparse(text)]


def test_a_big_city_spelt_exactly_beats_a_province_matched_by_folding(gaz: Gazetteer) -> None:
    """Regression: "Hannover" resolved to Jamaica's Hanover parish (province prior)."""
    assert _places(gaz, "Around 50 students demonstrated in Hannover against tuition fees.") == [
        ("Hannover", "Germany")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Around 700 people demonstrated in Munchen against the war, criticising Russia.",
        "Hundreds of residents marched in Koeln on Sunday, naming Russia.",
    ],
)
def test_a_big_citys_endonym_after_in_is_kept(gaz: Gazetteer, text: str) -> None:
    """Regression: an alternate name with no support was dropped even for a 1M city."""
    found = _places(gaz, text)
    assert found[0][1] == "Germany"


def test_an_alternate_name_without_support_is_still_dropped_elsewhere(gaz: Gazetteer) -> None:
    """The al-Saadi rule still holds where no "in" introduces a big city."""
    text = "Iraqi officials said al-Saadi met militia leaders in Baghdad."
    assert [c for _, c in _places(gaz, text)] == ["Iraq"]


@pytest.mark.parametrize(
    "text",
    ["Al Shabaab fighters ambushed a convoy near Afgooye.", "Boko Haram raided Gwoza."],
)
def test_armed_groups_named_like_towns_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert all(
        not name.lower().startswith(("al shabaab", "boko")) for name, _ in _places(gaz, text)
    )
