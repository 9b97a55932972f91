"""One distance function, one Earth radius: every stage that measures kilometres shares it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sitrep.compare
import sitrep.evaluate
import sitrep.resolve.gazetteer
import sitrep.resolve.gazetteer_build
import sitrep.resolve.gazetteer_regions
import sitrep.resolve.geoscore
import sitrep.resolve.merge
from sitrep.geo.distance import EARTH_RADIUS_KM, haversine_km

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
points = st.tuples(latitudes, longitudes)


@pytest.mark.parametrize(
    "module",
    [
        sitrep.compare,
        sitrep.evaluate,
        sitrep.resolve.gazetteer,
        sitrep.resolve.gazetteer_build,
        sitrep.resolve.gazetteer_regions,
        sitrep.resolve.geoscore,
        sitrep.resolve.merge,
    ],
)
def test_geo_distance_is_the_one_function_every_stage_uses(module: object) -> None:
    assert module.haversine_km is haversine_km  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ((33.3152, 44.3661), (30.5085, 47.7804), 440, 460),  # Baghdad to Basra
        ((36.19, 44.01), (33.3152, 44.3661), 315, 325),  # Erbil to Baghdad
        ((0.0, 0.0), (0.0, 180.0), 20015, 20016),  # half the equator
    ],
)
def test_geo_distance_known_pairs(
    a: tuple[float, float], b: tuple[float, float], low: float, high: float
) -> None:
    assert low < haversine_km(a, b) < high


@given(points, points)
def test_geo_distance_is_symmetric_and_bounded(a: tuple[float, float], b: tuple[float, float]):
    d = haversine_km(a, b)
    assert d == pytest.approx(haversine_km(b, a), abs=1e-6)
    assert 0.0 <= d <= math.pi * EARTH_RADIUS_KM + 1e-6


@given(points)
def test_geo_distance_zero_to_itself(a: tuple[float, float]) -> None:
    assert haversine_km(a, a) == pytest.approx(0.0, abs=1e-6)
