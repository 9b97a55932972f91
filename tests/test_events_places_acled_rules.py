"""ACLED's place rules for the event: the most specific named place (town > district >
governorate), a larger place that only says where the town lies is no event place, a region
spanning countries or the home country of an actor never is, and geo_precision 1/2/3."""

from __future__ import annotations

import pytest

from sitrep.events.places import choose_places, geoparse, plausible_places, resolve_qualified


def _choose(sentence: str) -> list[tuple[str, str | None, str | None, int]]:
    mentions = plausible_places(geoparse(sentence), sentence)
    return [
        (m.place.name if m.place else "", m.place.country if m.place else None,
         m.place.feature if m.place else None, precision)
        for m, precision, _ in choose_places(sentence, 0, mentions)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        ("SAA forces shelled Al Bab city in Aleppo countryside, killing 2 civilians.", "Al-Bab"),
        ("Clashes erupted in Atarib, Aleppo countryside.", "Al Atarib"),
        ("Rebels shelled Kafr Nabl, southern Idleb, killing one.", "Kafranbel"),
    ],
)
def test_a_town_named_in_the_note_beats_its_province(sentence: str, town: str) -> None:
    [(name, country, feature, precision)] = _choose(sentence)
    assert (name, country, precision) == (town, "Syria", 1)
    assert feature in {"town", "city", "village"}


def test_a_village_of_the_pack_is_the_event_place() -> None:
    # Sfuhen is in no population gazetteer: the Middle East pack (UCDP/WOF) holds it
    [(name, country, _, precision)] = _choose(
        "Regime forces shelled Sfuhen town in Idleb countryside."
    )
    assert (name, country, precision) == ("Sfuhen", "Syria", 1)


def test_a_list_of_provinces_is_still_one_event_each() -> None:
    chosen = _choose("Unidentified gunmen attacked convoys in Babil, Diwaniyah and Dhi Qar.")
    assert len(chosen) == 3
    assert {c[1] for c in chosen} == {"Iraq"}


def test_a_region_spanning_countries_is_never_the_place() -> None:
    assert _choose("Israeli aircraft struck targets across the Middle East.") == []
    chosen = _choose("Israeli aircraft struck targets in the Middle East near Damascus.")
    assert [c[0] for c in chosen] == ["Damascus"]


def test_the_home_of_an_actor_is_not_the_place() -> None:
    assert _choose("Militants fired rockets at United States forces, no casualties.") == []
    assert _choose("Protesters rallied in the United States against the war.")[0][3] == 3


def test_a_district_is_coded_at_its_seat_with_precision_2() -> None:
    [(name, country, feature, precision)] = _choose(
        "Turkish drones struck a car in Afrin district, killing 2."
    )
    assert (name, country, precision) == ("Afrin", "Syria", 2)
    assert feature in {"town", "city"}


@pytest.mark.parametrize(
    ("sentence", "village"),
    [
        ("Protesters gathered in Bar Elias (Zahle), to protest.", "Barr Elias"),
        ("Forces took control of Nishtun city and port (Al Ghaydah, Al Mahrah).", "Nishtun"),
        ("Refugees took to the streets of Er Rachidiye camp (Tyr), to protest.", "Er Rachidiye"),
    ],
)
def test_villages_the_pack_holds_are_coded_themselves(sentence: str, village: str) -> None:
    found = resolve_qualified(sentence)
    assert found and found[0].place is not None
    assert found[0].place.name == village and found[0].precision == 1


def test_a_village_homonym_outside_the_named_province_is_not_the_place() -> None:
    # the only indexed Ipekyolu is a village in Malatya; the note says Van
    chosen = _choose(
        "Police carried out an operation in the Kevenli neighborhood of Ipekyolu town, Van."
    )
    assert chosen and all(c[1] == "Turkey" for c in chosen)
    assert chosen[0][0] == "Van"


def test_the_articles_district_stands_in_by_its_seat() -> None:
    article = "Strikes hit positions in the al-Qaim district of Anbar province. Two died in Iraq."
    mentions = plausible_places(geoparse(article), article)
    start = article.index("Two died")
    sentence = article[start:]
    own = [m for m in mentions if m.start >= start]
    chosen = choose_places(sentence, start, own, mentions)
    assert chosen and chosen[0][0].place is not None
    assert chosen[0][0].place.feature in {"town", "city"} and chosen[0][1] == 2
