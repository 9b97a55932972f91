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


@pytest.mark.parametrize(
    ("sentence", "admin1"),
    [
        ("On 15 May 2022, Russian forces shelled Dibrova, Donetsk. Casualties unknown.", "Donetsk"),
        ("On 20 June 2022, Russian forces fired artillery at Kvitneve, Mykolaiv.", "Mykolaiv"),
        ("On 31 March 2022, Ukrainian forces retook Havrylivka, Chernihiv.", "Chernihiv"),
    ],
)  # fmt: skip
def test_a_village_unknown_in_its_written_province_is_coded_to_the_province(
    sentence: str, admin1: str
) -> None:
    mentions = plausible_places(geoparse(sentence), sentence)
    mention, precision, _ = choose_places(sentence, 0, mentions)[0]
    assert mention.place is not None
    assert (mention.place.iso, mention.place.admin1, precision) == ("UA", admin1, 3)


def test_the_first_comma_form_may_carry_a_kind_word() -> None:
    sentence = (
        "On 1 January 2022, 16 people protested at Osaka station in Osaka city, Osaka, "
        "against the construction of the military base in Henoko, Okinawa."
    )
    name, _, point, _, _ = _chosen(sentence)[0]
    assert haversine_km(point, (34.69, 135.50)) <= 15, name


def test_a_list_of_provinces_after_a_comma_is_no_stand_in() -> None:
    sentence = "Convoys were hit in Babil, Diwaniyah."
    names = {name for name, *_ in _chosen(sentence)}
    assert names & {"Babil", "Al Qadisiyah", "Diwaniyah", "Ad Diwaniyah"}, names
