"""The event's place: admin units in parentheses, stand-ins for missing villages, precision."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.events.places import (
    admin_qualifiers,
    choose_places,
    comma_qualifiers,
    geoparse,
    head_names,
    plausible_places,
    resolve_qualified,
)


def _choose(sentence: str) -> list[tuple[str, str | None, str | None, int]]:
    mentions = plausible_places(geoparse(sentence), sentence)
    return [
        (m.text, m.place.country if m.place else None, m.place.feature if m.place else None, p)
        for m, p, _ in choose_places(sentence, 0, mentions)
    ]


@pytest.mark.parametrize(
    ("text", "name", "qualifiers", "coded"),
    [
        ("in Minakulu sub-county (Oyam, Northern), a man", "Minakulu", ["Oyam", "Northern"], False),
        ("in Hpruso town (Hpruso township, Loikaw district, Kayah state)", "Hpruso",
         ["Hpruso", "Loikaw", "Kayah"], False),
        ("between Jambeli and Palmar (coded to Jambeli, Santa Elena), for", "Palmar",
         ["Jambeli", "Santa Elena"], True),
        ("in Rio de Janeiro - North Zone (Rio de Janeiro), a man", "Rio de Janeiro - North Zone",
         ["Rio de Janeiro"], False),
    ],
)  # fmt: skip
def test_admin_qualifiers_read_acled_parentheses(
    text: str, name: str, qualifiers: list[str], coded: bool
) -> None:
    found = admin_qualifiers(text)
    assert [(f[0], f[3], f[4]) for f in found] == [(name, qualifiers, coded)]
    assert text[found[0][1] : found[0][2]] == name


def test_comma_form_reads_place_and_province() -> None:
    found = comma_qualifiers("Around 7 June 2022, in Tejalpa, Morelos, a man was killed.")
    assert [(f[0], f[3]) for f in found] == [("Tejalpa", ["Morelos"])]


@pytest.mark.parametrize(
    ("sentence", "country", "precision"),
    [
        # the head is in the gazetteer: the candidate inside the named admin1 wins
        ("On 1 April 2022, in Natal (Rio Grande do Norte), a man was killed.", "Brazil", 1),
        ("On 4 January 2022, workers held a protest in Hyderabad city (Hyderabad, Sindh).",
         "Pakistan", 1),
        ("On 1 May 2022, people marched in Malaga (Andalucia), demanding better wages.",
         "Spain", 1),
        # the village is missing: its district stands in (ACLED: part of a region)
        ("On 2 May 2022, in Minakulu sub-county (Oyam, Northern), a man was killed.", "Uganda", 2),
        ("On 5 June 2022, students burnt a hut near Oduu (Amuru, Northern).", "Uganda", 2),
    ],
)  # fmt: skip
def test_qualified_place_is_resolved_in_its_admin_units(
    sentence: str, country: str, precision: int
) -> None:
    chosen = _choose(sentence)
    assert len(chosen) == 1
    assert chosen[0][1] == country
    assert chosen[0][3] == precision


def test_missing_village_without_a_known_district_falls_back_to_the_province() -> None:
    found = resolve_qualified(
        "held a protest in Kasimbar district (Parigi Moutong regency, Central Sulawesi province)."
    )
    assert len(found) == 1
    assert found[0].place is not None and found[0].place.feature == "province"
    assert found[0].precision == 3
    assert "not in the gazetteer" in found[0].reason


@pytest.mark.parametrize(
    "sentence",
    [
        "indigenous supporters of the Confederation of Indigenous Nationalities (CONAIE) rallied.",
        "Members of the Tiwa Liberation Army (TLA) surrendered.",
    ],
)
def test_parentheses_that_are_not_admin_units_are_ignored(sentence: str) -> None:
    assert resolve_qualified(sentence) == []


def test_a_list_of_provinces_is_not_a_place_and_its_unit() -> None:
    chosen = _choose("Convoys were hit in Babil, Diwaniyah and Dhi Qar on Tuesday.")
    assert [c[0] for c in chosen] == ["Babil", "Diwaniyah", "Dhi Qar"]
    assert all(c[1] == "Iraq" for c in chosen)


@pytest.mark.parametrize(
    ("sentence", "place", "precision"),
    [
        ("Two rockets struck Ain al-Asad air base in Anbar on Monday.", "Ain al-Asad", 1),
        ("A drone hit a checkpoint near Tal Afar.", "Tal Afar", 2),
    ],
)
def test_news_sentences_keep_their_locative_place(
    sentence: str, place: str, precision: int
) -> None:
    chosen = _choose(sentence)
    assert chosen and chosen[0][0].startswith(place.split()[0])
    assert chosen[0][3] == precision


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="ABCxyz ()-,.", max_size=80))
def test_qualified_spans_always_point_into_the_text(text: str) -> None:
    for name, start, end, qualifiers, _ in admin_qualifiers(text) + comma_qualifiers(text):
        assert text[start:end] == name
        assert all(q for q in qualifiers)


def test_a_sentence_naming_only_countries_takes_the_articles_main_place() -> None:
    article = (
        "Rockets struck Ain al-Asad air base on Monday. Officials at Ain al-Asad counted the damage. "
        "Militias struck again in Iraq on Tuesday."
    )
    mentions = plausible_places(geoparse(article), article)
    start = article.index("Militias")
    sentence = article[start:]
    own = [m for m in mentions if m.start >= start]
    chosen = choose_places(sentence, start, own, mentions)
    assert len(chosen) == 1
    mention, precision, reason = chosen[0]
    assert mention.place is not None and mention.place.feature == "base"
    assert precision == 2
    assert "main place" in reason


def test_bare_washington_is_the_capital_and_k1_is_the_kirkuk_base() -> None:
    found = {
        m.text: m.place
        for m in geoparse("Rockets hit the K-1 air base. Officials in Washington blamed Iran.")
    }
    assert found["K-1"] is not None and found["K-1"].admin1 == "Kirkuk"
    assert found["Washington"] is not None and found["Washington"].feature == "city"


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        (
            "A strike in eastern Baghdad killed a commander whom Washington blamed for attacks.",
            "Washington",
        ),
        ("Tehran denied any role in the attack on the base in Erbil.", "Tehran"),
        (
            "CENTCOM named the commander as Abu Baqir al-Saadi after the strike in Baghdad.",
            "al-Saadi",
        ),
    ],
)
def test_places_metonyms_and_family_names_are_not_event_places(text: str, dropped: str) -> None:
    kept = {m.text for m in plausible_places(geoparse(text), text)}
    assert dropped not in kept
    assert kept & {"Baghdad", "Erbil"}


# --------------------------------------------------------------------------- round 4 mechanisms


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gombi LGA", [("Gombi LGA", False), ("Gombi", True)]),
        ("Gombi Local Government Area", [("Gombi Local Government Area", False), ("Gombi", True)]),
        ("Barangay San Roque", [("Barangay San Roque", False), ("San Roque", False)]),
        ("Dadaab Refugee Camp", [("Dadaab Refugee Camp", False), ("Dadaab", False)]),
        ("Sanaa - Shuub", [("Sanaa - Shuub", False), ("Sanaa", False)]),
        ("Mosul", [("Mosul", False)]),
    ],
)  # fmt: skip
def test_head_names_strip_unit_words_and_city_parts(
    name: str, expected: list[tuple[str, bool]]
) -> None:
    assert head_names(name) == expected


@pytest.mark.parametrize(
    ("sentence", "place", "country", "precision"),
    [
        # "X LGA": ACLED codes the unit to its seat, the town X, near it
        ("On 3 May 2022, gunmen attacked Gombi LGA (Adamawa), killing two farmers.",
         "Gombi", "Nigeria", 2),
        # an admin2 named after its seat plus a direction stands in through the seat
        ("On 3 May 2022, gunmen killed a farmer in Ungwar Zomo (Kaduna North, Kaduna).",
         "Kaduna", "Nigeria", 2),
        # "Plateau" is a province of Nigeria and of Benin: the inner unit says which
        ("On 3 May 2022, gunmen killed a farmer in Kwall village (Bassa, Plateau).",
         "Bassa", "Nigeria", 2),
        # a kind word outside the known list ("sector") still introduces the parentheses
        ("On 3 May 2022, soldiers clashed with militants in Qatabir sector "
         "(Kitaf wa Al Boqee, Sadah).", "Kitaf wa Al Boqee", "Yemen", 2),
        # a barangay is bounded by its municipality: the stand-in, not a namesake far away
        ("On 3 May 2022, militants clashed with soldiers in Barangay San Roque "
         "(Lantapan, Bukidnon, Northern Mindanao).", "Lantapan", "Philippines", 2),
        # nothing else places "Al Qahirah" in Egypt, and Mosul is a known city: Mosul
        ("On 3 May 2022, a sniper shot a boy in Mosul - Zanjili (Al Qahirah).",
         "Mosul", "Iraq", 1),
    ],
)  # fmt: skip
def test_qualified_places_use_unit_seats_and_agreeing_units(
    sentence: str, place: str, country: str, precision: int
) -> None:
    found = resolve_qualified(sentence)
    assert len(found) == 1
    assert found[0].place is not None
    assert (found[0].place.name, found[0].place.country) == (place, country)
    assert found[0].precision == precision


def test_words_between_from_and_the_place_may_not_hold_a_locative() -> None:
    """Regression: "prevented them from destroying more houses in X" read X as an origin."""
    sentence = "Rioters were stopped from destroying more houses in Bauchi (Warji, Bauchi)."
    chosen = choose_places(sentence, 0, plausible_places(geoparse(sentence), sentence))
    assert chosen and chosen[0][0].place is not None
    assert chosen[0][0].place.country == "Nigeria"


def test_a_town_named_with_in_survives_an_article_about_other_countries() -> None:
    """Regression: "demonstrated in Dresden ... the war in Ukraine" coded the event to Ukraine."""
    text = (
        "On 3 May 2022, about 300 people demonstrated in Leipzig against rising prices. "
        "Some called for peace in Ukraine and criticised Russia."
    )
    kept = plausible_places(geoparse(text), text)
    assert "Leipzig" in [m.text for m in kept]
    chosen = choose_places(text[:80], 0, [m for m in kept if m.start < 80], kept)
    assert chosen[0][0].text == "Leipzig"


@pytest.mark.parametrize("group", ["Al Shabaab", "al-Shabaab", "Boko Haram", "Hezbollah"])
def test_armed_group_names_are_not_places(group: str) -> None:
    text = f"On 3 May 2022, {group} militants attacked a base in Afgooye."
    assert [m.text for m in plausible_places(geoparse(text), text)] == ["Afgooye"]


def test_a_dateline_with_an_agency_in_parentheses_is_not_a_qualified_place() -> None:
    """Regression: "BAGHDAD (GWS) —" made Baghdad the event's place through the known-city
    fallback, ahead of the base the sentence names."""
    assert resolve_qualified("BAGHDAD (GWS) — Rockets struck Camp Taji on Monday.") == []
