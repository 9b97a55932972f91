"""ACLED's stated coding location ("coded to X") wins over the name the source used."""

from __future__ import annotations

import pytest

from sitrep.events.places import (
    admin_qualifiers,
    choose_places,
    coded_place,
    geoparse,
    plausible_places,
    resolve_qualified,
)


def _chosen(sentence: str) -> tuple[str | None, str | None, str]:
    mentions = plausible_places(geoparse(sentence), sentence)
    chosen = choose_places(sentence, 0, mentions)
    assert chosen, sentence
    mention, _, why = chosen[0]
    assert mention.place is not None
    return mention.place.name, mention.place.admin1, why


@pytest.mark.parametrize(
    ("sentence", "town", "admin1"),
    [
        # the stated place comes after the source's village and a comma
        (
            "On 2 May 2022, gunmen attacked farmers in Umuzike-Obi, coded to Orlu (Orlu, Imo).",
            "Orlu",
            "Imo",
        ),
        # "coded to" inside the parentheses, the units in a second pair
        (
            "On 3 May 2022, militiamen raided Tsohon Gari (coded to Gusau) (Gusau, Zamfara).",
            "Gusau",
            "Zamfara",
        ),
        # the units written before the statement
        (
            "On 4 May 2022, troops clashed with bandits in Shiroro LGA (Niger), coded to Kuta.",
            "Kuta",
            "Niger",
        ),
        # the units inline after the stated name
        (
            "On 5 May 2022, residents protested in the estate (coded to Nsukka, Nsukka, Enugu).",
            "Nsukka",
            "Enugu",
        ),
    ],
)
def test_the_stated_coding_location_wins(sentence: str, town: str, admin1: str) -> None:
    name, province, why = _chosen(sentence)
    assert (name, province) == (town, admin1)
    assert "codes it to" in why


def test_coded_to_is_not_read_as_a_destination() -> None:
    # Before: "to" before the qualified place read as a destination, and the source's own
    # village name (a 40 km-off homonym) won.
    sentence = "Herders attacked two civilians in Amagu-Ikwo, coded to Eha Amufu (Isi Uzo, Enugu)."
    assert _chosen(sentence)[0] == "Eha Amufu"


@pytest.mark.parametrize(
    "sentence",
    [
        "Police fired on militants (coded as Kashmir Rebels) attempting to cross the line.",
        "Unclear fatalities coded as 10.",
        "Soldiers clashed with fighters (coded as Popular Resistance forces) near the road.",
        "Fatalities coded to Kramatorsk event.",
    ],
)
def test_actors_counts_and_levels_are_not_coding_locations(sentence: str) -> None:
    assert coded_place(sentence) is None


def test_a_stated_name_the_gazetteer_lacks_defers_to_the_sources_own_place() -> None:
    # "Xyzville" is unknown: the units would only stand in, which the source's name does too.
    assert (
        coded_place("Gunmen attacked Gusau (Gusau, Zamfara), coded to Xyzville (Zamfara).") is None
    )
    # A stated name must be spelt as written, not matched through fuzzy folding.
    assert coded_place("Gunmen attacked a village in Imo, coded as Abbba (Imo).") is None


def test_a_lone_direction_in_parentheses_is_part_of_the_name() -> None:
    assert admin_qualifiers("forces gained ground around Wadi Jufrah (North) today") == []


def test_the_units_seat_beats_a_longer_name_containing_it() -> None:
    # "(Birnin Gwari, Kaduna)": the district's seat Birnin Gwari, not Sofo-Birnin-Gwari.
    found = resolve_qualified("bandits attacked Unguwar Makera (Birnin Gwari, Kaduna).")
    assert found and found[0].place is not None
    assert found[0].place.name == "Birnin Gwari"


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        # nothing else places the province: the name as written beats a folded near-miss
        ("Houthi forces clashed with troops in Zzqfront (Zzqdistrict, Sadah).", "YE"),
        # "locality" and "state" are unit words; Sudan's province is "Northern State"
        ("Protesters blocked the road in Zzqvillage (Merowe locality, Northern state ).", "SD"),
    ],
)
def test_the_outer_unit_is_read_in_the_right_country(sentence: str, iso: str) -> None:
    found = resolve_qualified(sentence)
    assert found and found[0].place is not None
    assert found[0].place.iso == iso


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        # the unit repeating the town's name does not admit a foreign near-homonym
        ("A bomb hit a checkpoint near Balcad town (Balcad, Middle Shabelle).", "SO"),
        # ... but still counts when the candidate's unit contains it as spelt
        ("Protesters marched in Bogota - Kennedy (Bogota, D.C.).", "CO"),
    ],
)
def test_a_unit_repeating_the_name_needs_the_same_spelling(sentence: str, iso: str) -> None:
    found = resolve_qualified(sentence)
    assert found and found[0].place is not None
    assert found[0].place.iso == iso
