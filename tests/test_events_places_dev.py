"""Place mechanisms found on the development sample (training-country ACLED notes, round 8)."""

from __future__ import annotations

import pytest

from sitrep.events.places import choose_places, geoparse, plausible_places
from sitrep.resolve.gazetteer import haversine_km


def _chosen(sentence: str) -> list[tuple[str, str | None, tuple[float, float], int, str]]:
    mentions = plausible_places(geoparse(sentence), sentence)
    out = []
    for mention, precision, why in choose_places(sentence, 0, mentions):
        assert mention.place is not None
        place = mention.place
        out.append((place.name, place.feature, (place.lat, place.lon), precision, why))
    return out


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("Russian forces fired cluster munitions at Mykolaiv. Casualties unknown.", (46.97, 31.99)),
        ("Ukrainian forces clashed with Russian forces north-east of Kyiv.", (50.45, 30.52)),
        ("Protesters gathered in Kharkiv on Sunday.", (49.99, 36.23)),
    ],
)  # fmt: skip
def test_a_province_named_alone_is_coded_at_its_same_named_city(
    sentence: str, city: tuple[float, float]
) -> None:
    name, feature, point, precision, why = _chosen(sentence)[0]
    assert feature in ("city", "capital"), (name, why)
    assert haversine_km(point, city) <= 10
    assert "seat" in why


def test_a_province_without_a_city_of_its_name_keeps_its_own_point() -> None:
    name, feature, _, precision, _ = _chosen("Gunmen attacked a checkpoint in Anbar.")[0]
    assert (name, feature, precision) == ("Al Anbar", "province", 3)
