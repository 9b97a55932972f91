"""Geoparsing cues that come from the rest of the text (geocoding round 5): a name the text
uses as a place elsewhere, an item listed after a place, English words that look like Arabic
articles, and settlement words that do not follow the gazetteer's population bands.

Uses the installed index when it exists, else builds a small one (cities15000) from PyPI data.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.resolve.gazetteer import Gazetteer, _listed_after
from sitrep.resolve.gazetteer_build import _trimmed_centre


def _surfaces(gaz: Gazetteer, text: str) -> list[str]:
    return [m.text for m in gaz.geoparse(text) if m.place]


def test_a_place_named_elsewhere_survives_said(gaz: Gazetteer) -> None:
    text = "He died at his home near Fort Hood military base. Fort Hood said he was ill."
    assert _surfaces(gaz, text).count("Fort Hood") == 2


def test_a_one_word_name_before_said_stays_a_person_even_after_a_place(gaz: Gazetteer) -> None:
    text = "Asked about the deaths in Texas, Philmont said he was worried. Houston is calm."
    assert "Philmont" not in _surfaces(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "Grants went to the University of Rouen and University of Manchester researchers.",
        "It breaks the Act of the Philippines and Republic Act 9296.",
    ],
)
def test_a_list_never_makes_a_common_word_a_place(gaz: Gazetteer, text: str) -> None:
    surfaces = _surfaces(gaz, text)
    assert "University" not in surfaces and "Republic" not in surfaces


def test_an_item_listed_after_a_place_is_cued_like_after_in(gaz: Gazetteer) -> None:
    # "Reading" is also an ordinary word of this text, which alone would reject it.
    text = "Protests spread to Leeds, Reading and York. Officials were reading statements."
    assert "Reading" in _surfaces(gaz, text)


def test_english_at_does_not_join_a_farm_name_to_the_county(gaz: Gazetteer) -> None:
    text = "35,000 chickens at Witford Lodge Farm at Norfolk, England are to be culled."
    places = {m.text: m.place for m in gaz.geoparse(text) if m.place}
    assert "Norfolk" in places and places["Norfolk"].iso == "GB"


def test_a_hyphenated_arabic_article_still_joins(gaz: Gazetteer) -> None:
    places = {m.text: m.place for m in gaz.geoparse("Drones hit the garrison at at-Tanf.")}
    assert any("Tanf" in surface for surface in places)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Two cases in Poland were found in the northern town of Torun, on the Vistula.", "PL"),
        ("Two cases in Poland were found in the village of Torun, on the Vistula.", "PL"),
    ],
)
def test_settlement_words_fit_any_settlement(gaz: Gazetteer, text: str, iso: str) -> None:
    places = {m.text: m.place for m in gaz.geoparse(text) if m.place}
    assert places["Torun"].iso == iso


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("Mosul, Kirkuk", True),
        ("Mosul and Kirkuk", True),
        ("Mosul, and Kirkuk", True),
        ("Mosul or Kirkuk", True),
        ("Mosul. Kirkuk", False),
        ("Mosul said Kirkuk", False),
        ("Mosul;Kirkuk", False),
    ],
)
def test_listed_after(text: str, listed: bool) -> None:
    start = text.index("Kirkuk")
    span = (0, 5, "Mosul", [], None)
    assert _listed_after(text, start, [span]) is listed


@given(st.text(max_size=30))
def test_listed_after_needs_a_previous_place(text: str) -> None:
    assert _listed_after(text, len(text), []) is False


@pytest.mark.parametrize(
    ("points", "lon_range"),
    [
        ([(-17.6, 177.4), (-18.1, 178.4), (-16.4, 179.4), (-16.8, -179.9)], (177.0, 180.0)),
        ([(1.3, 173.0), (1.9, -157.4), (1.4, 172.9)], (-180.0, 180.0)),
        ([(48.8, 2.3), (45.7, 4.8), (43.3, 5.4)], (2.3, 5.4)),
    ],
)
def test_trimmed_centre_keeps_islands_across_the_antimeridian(
    points: list[tuple[float, float]], lon_range: tuple[float, float]
) -> None:
    _, lon = _trimmed_centre(points, trim=0.0)
    assert -180 <= lon <= 180
    assert lon_range[0] <= lon <= lon_range[1] or lon <= -179


@given(st.lists(st.tuples(st.floats(-60, 60), st.floats(-179.9, 179.9)), min_size=1, max_size=20))
def test_trimmed_centre_is_a_valid_coordinate(points: list[tuple[float, float]]) -> None:
    lat, lon = _trimmed_centre(points)
    assert -60 <= lat <= 60 and -180 <= lon <= 180


@pytest.mark.parametrize(
    ("text", "surface", "iso"),
    [
        ("Dead swans were found on the German island Rugen in the Baltic Sea.", "Rugen", "DE"),
        ("Troops clashed with rebels on Mindanao on Sunday.", "Mindanao", "PH"),
        ("Flights to Kyushu were cancelled after the typhoon.", "Kyushu", "JP"),
    ],
)
def test_islands_are_places(gaz: Gazetteer, text: str, surface: str, iso: str) -> None:
    places = {m.text: m.place for m in gaz.geoparse(text) if m.place}
    assert places[surface].iso == iso and places[surface].source == "supplement"
