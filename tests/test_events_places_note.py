"""ACLED notes: a district named after its seat, district-level coding statements, distances
that are no origin, and one pinned place per note."""

from __future__ import annotations

import pytest

from sitrep.events.places import (
    choose_places,
    coded_place,
    defer_to_paragraph,
    geoparse,
    plausible_places,
    resolve_qualified,
)
from sitrep.models import Place, PlaceMention


@pytest.mark.parametrize(
    ("sentence", "stand_in", "country"),
    [
        # the unit has no polygon name in the gazetteer: its seat, spelt as written, stands in
        # (made-up village names: the Middle East pack holds the real ones, see
        # test_events_places_acled_rules.py)
        ("Protesters gathered in Qzorbit Elias (Zahle), to protest.", "Zahle", "Lebanon"),
        # ... and beats India's Ghazipur district, which only resembles the name
        ("Hundreds protested in Sreepur upazila (Gazipur), against it.", "Gazipur", "Bangladesh"),
    ],
)
def test_a_district_named_after_its_seat_stands_in_by_the_seat(
    sentence: str, stand_in: str, country: str
) -> None:
    found = resolve_qualified(sentence)
    assert found and found[0].place is not None
    assert (found[0].place.name, found[0].place.country) == (stand_in, country)
    assert found[0].precision == 2


def test_a_province_spelt_otherwise_beats_a_homonymous_town() -> None:
    # "Andalucia" is a Colombian town too; the known city Malaga wins over either.
    found = resolve_qualified("People marched in Malaga (Andalucia), demanding wages.")
    assert found and found[0].place is not None and found[0].place.country == "Spain"


@pytest.mark.parametrize(
    "sentence",
    [
        "Houthi forces shelled Haradh (coded to district level) (Hajjah).",
        "Forces fired artillery at Bani Hasan (Abs) and Haradh (coded to district level) (Hajjah).",
        "Drones struck Haradh (coded to the district level) (Hajjah) and Abs (Hajjah).",
    ],
)
def test_district_level_coding_names_the_place_before_it(sentence: str) -> None:
    coded = coded_place(sentence)
    assert coded is not None and coded.place is not None
    assert coded.name == "Haradh" and coded.place.country == "Yemen"
    assert coded.precision == 2


def test_kilometres_from_a_place_is_near_it_not_an_origin() -> None:
    sentence = "A few kilometers from Ercilla (Araucania), hooded men ambushed vehicles on Route 5."
    chosen = choose_places(sentence, 0, plausible_places(geoparse(sentence), sentence))
    assert chosen and chosen[0][0].place is not None
    assert chosen[0][0].place.name == "Ercilla"


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        (
            "Rioters clashed in Kisii town centre (Nyaribari Chache, Kisii), ahead of a rally.",
            "Kisii",
        ),
        ("Forces took control of Qzishtun city and port (Al Ghaydah, Al Mahrah).", "Al Ghaydah"),
    ],
)
def test_kind_words_between_name_and_units(sentence: str, town: str) -> None:
    found = resolve_qualified(sentence)
    assert found and found[0].place is not None and found[0].place.name == town


def _place(name: str, country: str, feature: str = "town") -> PlaceMention:
    return PlaceMention(
        text=name, start=0, end=len(name), score=0.7,
        place=Place(name=name, lat=0.0, lon=0.0, country=country, feature=feature),
    )  # fmt: skip


PINNED = "A bomber detonated himself in Belet Weyne town (Belet Weyne, Hiraan)."
DETAIL = "Another SVIED exploded in between Kamal hotel and the main hospital."


def _paragraph() -> list[tuple[str, int]]:
    return [(PINNED, 0), (DETAIL, len(PINNED) + 1)]


@pytest.mark.parametrize(
    ("own", "defers"),
    [
        ([(_place("Kamal", "Indonesia"), 2, "attached by 'near'")], True),  # another country
        ([(_place("Hiraan", "Somalia", "province"), 3, "only a province")], True),  # a region
        ([], True),  # nothing
        ([(_place("Mogadishu", "Somalia"), 1, "attached by 'in'")], False),  # a town stays
    ],
)
def test_a_sentence_defers_to_the_place_its_note_pins(own: list, defers: bool) -> None:
    result = defer_to_paragraph(own, DETAIL, len(PINNED) + 1, _paragraph())
    if not defers:
        assert result == own
        return
    assert len(result) == 1 and result[0][0] is not None and result[0][0].place is not None
    assert result[0][0].place.name == "Beledweyne"
    assert "pins in another sentence" in result[0][2]


def test_a_coding_statement_in_another_sentence_pins_the_place() -> None:
    event = "Militiamen wounded seven persons in undisclosed communities in Zamfara."
    coding = "Location coded to Gusau (Gusau, Zamfara)."
    own = [(_place("Zamfara", "Nigeria", "province"), 3, "only a province is named")]
    result = defer_to_paragraph(own, event, 0, [(event, 0), (coding, len(event) + 1)])
    assert result[0][0] is not None and result[0][0].place is not None
    assert result[0][0].place.name == "Gusau"


def test_a_paragraph_without_units_changes_nothing() -> None:
    own = [(_place("Kamal", "Indonesia"), 2, "attached by 'near'")]
    text = "Another SVIED exploded near Kamal hotel."
    assert defer_to_paragraph(own, text, 0, [("Bombers struck the city.", 0), (text, 25)]) == own


def test_an_acronym_in_parentheses_is_no_admin_unit() -> None:
    # "(UDA)" stood in as Romania's town Uda for the party's name.
    found = resolve_qualified(
        "Supporters of United Democratic Alliance (UDA) stormed a debate in Kapsabet town "
        "(Chesumei, Nandi)."
    )
    assert [q.name for q in found] == ["Kapsabet"]
    assert found[0].place is not None and found[0].place.country == "Kenya"


@pytest.mark.parametrize(
    ("sentence", "country", "stand_in"),
    [
        # the coded name is unknown: the units in the next parenthesis stand in for it
        ("Jets struck Al Balaq (coded to Jabal al Balaq ash Sharqi) (Marib).", "Yemen", "Marib"),
        ("Forces shelled Qzadah (coded to Jabal Qzadah) (Al Jubah) today.", "Yemen", "Al Jubah"),
    ],
)
def test_a_coded_parenthesis_takes_the_units_written_after_it(
    sentence: str, country: str, stand_in: str
) -> None:
    found = resolve_qualified(sentence)
    assert found and found[0].place is not None
    assert (found[0].place.country, found[0].place.name) == (country, stand_in)


def test_a_coded_parenthesis_without_units_is_not_its_own_unit() -> None:
    # "(coded to Jabal Urf)" once resolved "Jabal Urf" inside "Jabal Urf" (India's Jabalpur).
    assert resolve_qualified("Forces fired artillery at Urf (coded to Jabal Urf) today.") == []


def test_the_source_name_stands_when_the_coded_name_is_unknown() -> None:
    found = resolve_qualified("Houthis shelled Midi (coded to Coast of Midi) (Hajjah).")
    assert found and found[0].place is not None
    assert (found[0].place.name, found[0].place.country) == ("Midi", "Yemen")


def test_plural_checkpoints_are_a_kind_word() -> None:
    found = resolve_qualified("Forces fired in the Wadi Sirr checkpoints (Al Qatn, Hadramawt).")
    assert found and found[0].place is not None and found[0].place.name == "Al Qatn"


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        ("Around 50 people demonstrated in Homberg (Ohm) against discrimination.", "Homberg"),
        ("People took to the streets in Buchen (Odenwald) to protest.", "Buchen in Odenwald"),
        ("Thousands marched in Freiburg (Elbe) (Stade, Niedersachsen).", "Freiburg (Elbe) Flecken"),
    ],
)
def test_a_parenthesis_that_is_part_of_a_town_name(sentence: str, town: str) -> None:
    found = resolve_qualified(sentence)
    assert found and found[0].place is not None
    assert (found[0].place.name, found[0].place.country) == (town, "Germany")
    assert found[0].precision == 1


def test_a_bridge_is_a_kind_word_and_its_district_seat_stands_in() -> None:
    found = resolve_qualified("Townspeople stood on the road at Qzisri bridge (Jezzine) today.")
    assert found and found[0].place is not None
    assert (found[0].place.name, found[0].place.country) == ("Jezzine", "Lebanon")


@pytest.mark.parametrize("distance", ["one kilometer", "2 km", "a few kilometres", "a mile"])
def test_any_distance_from_a_place_is_near_it(distance: str) -> None:
    sentence = f"Gunmen ambushed a truck {distance} from Ercilla (Araucania) on Route 5."
    chosen = choose_places(sentence, 0, plausible_places(geoparse(sentence), sentence))
    assert chosen and chosen[0][0].place is not None
    assert chosen[0][0].place.name == "Ercilla"


@pytest.mark.parametrize(
    "sentence",
    [
        "Refugees took to the streets of Er Qzachidiye camp (Tyr), to protest the raids.",
        "Israeli forces opened artillery fire towards Qzayr Harfa (Tyr), in retaliation.",
    ],
)
def test_streets_and_fire_towards_a_place_are_its_events(sentence: str) -> None:
    chosen = choose_places(sentence, 0, plausible_places(geoparse(sentence), sentence))
    assert chosen and chosen[0][0].place is not None
    # the seat's best-known spelling stands in for the unit ("Tyr" is Tyre)
    assert (chosen[0][0].place.name, chosen[0][0].place.country) == ("Tyre", "Lebanon")


def test_moving_towards_a_place_is_still_a_destination() -> None:
    sentence = "Troops clashed in Jezzine (Jezzine) and then moved towards Zahle (Zahle)."
    chosen = choose_places(sentence, 0, plausible_places(geoparse(sentence), sentence))
    assert chosen and chosen[0][0].place is not None and chosen[0][0].place.name == "Jezzine"
