"""Which spans geoparse takes for toponyms (round 3): speech verbs after a locative cue,
directions that open a longer name, hyphenated and elided names, province acronyms, ordinary
words that open a sentence, feature words around a span, and the "al-Saadi" -> Wajir
regression (an alternate name matched in a country nothing else in the text points to).

Uses the installed index when it exists, else builds a small one (cities15000) from PyPI data.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.models import Place
from sitrep.resolve import geoscore
from sitrep.resolve.gazetteer import Gazetteer, _incoherent_alias
from sitrep.resolve.gazetteer_regions import strip_admin_suffix


def _found(gaz: Gazetteer, text: str, surface: str) -> Place:
    mentions = [m for m in gaz.geoparse(text) if surface in m.text and m.place]
    assert mentions, f"{surface!r} not found in {text!r}: {gaz.geoparse(text)}"
    place = mentions[0].place
    assert place is not None
    return place


@pytest.mark.parametrize(
    ("text", "surface", "iso"),
    [
        ("Mark Kitsmore, 54, of Tyler said it was cold in Texas.", "Tyler", "US"),
        ("A woman in Austin told media she had waited.", "Austin", "US"),
        ("He lives in North Dallas, Texas.", "Dallas", "US"),
        ("Aid reached Port-au-Prince on Monday.", "Port-au-Prince", "HT"),
        ("Cases in Burkina Faso, Cote d'Ivoire, Guinea and Liberia.", "Cote d'Ivoire", "CI"),
        ("Neighbouring Israel has a blockade on Gaza.", "Israel", "IL"),
        ("Earlier this week, the Mayor of Boston declared an emergency.", "Boston", "US"),
        ("Crowds flooded the hospital in St. Marc, Haiti.", "St. Marc", "HT"),
        ("Horses in New South Wales (NSW) fell ill. The NSW government acted.", "NSW", "AU"),
        ("A US strike in Baghdad killed two.", "Baghdad", "IQ"),
    ],
)
def test_toponym_is_found_and_placed(gaz: Gazetteer, text: str, surface: str, iso: str) -> None:
    assert _found(gaz, text, surface).iso == iso


def test_direction_opening_a_run_is_not_a_province(gaz: Gazetteer) -> None:
    # "North" alone is a Cameroonian province; in "North Dallas" it only says which part.
    assert all(m.place and m.place.iso == "US" for m in gaz.geoparse("He lives in North Dallas."))


def test_feature_word_after_the_name_picks_the_state(gaz: Gazetteer) -> None:
    place = _found(gaz, "The cow came from a Washington state farm near Canada.", "Washington")
    assert place.feature == "province" and place.lat > 45  # the state, not the capital


@pytest.mark.parametrize(
    "text",
    [
        "The strike killed al-Saadi and two others in Iraq.",
        "A US drone strike killed Kataib Hezbollah commander Abu Baqir al-Saadi in eastern "
        "Baghdad, Iraq.",
        "Abu Baqir al-Saadi, a commander, was killed in Baghdad.",
    ],
)
def test_family_name_is_not_a_far_away_town(gaz: Gazetteer, text: str) -> None:
    for mention in gaz.geoparse(text):
        assert mention.place is not None
        assert mention.place.iso in {"IQ", "US"}, mention


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Province of Pangasinan", "Pangasinan"),
        ("Departement de la Somme", "Somme"),
        ("Departement du Nord", "Nord"),
        ("Comuna Maliuc", "Maliuc"),
        ("Departamento de San Roque", "San Roque"),
        ("Province of", "Province of"),  # nothing left: unchanged
    ],
)
def test_admin_type_prefixes_are_stripped(raw: str, clean: str) -> None:
    assert strip_admin_suffix(raw) == clean


def _vector(**values: float) -> list[float]:
    return [values.get(name, 0.0) for name in geoscore.FEATURES]


@given(
    feature=st.sampled_from(["country", "continent", "province", "region"]),
    others=st.booleans(),
)
def test_regions_and_countries_are_never_dropped_as_incoherent(feature: str, others: bool) -> None:
    place = Place(name="X", lat=0.0, lon=0.0, feature=feature)
    assert not _incoherent_alias(place, _vector(), others=others)


@pytest.mark.parametrize(
    ("support", "dropped"),
    [({}, True), ({"primary": 1.0}, False), ({"curated": 1.0}, False),
     ({"hint": 1.0}, False), ({"named_country": 1.0}, False), ({"same_country": 0.5}, False)],
)  # fmt: skip
def test_alias_town_needs_some_support(support: dict[str, float], dropped: bool) -> None:
    town = Place(name="Wajir", lat=1.75, lon=40.06, iso="KE", feature="town")
    assert _incoherent_alias(town, _vector(**support), others=True) is dropped
    assert not _incoherent_alias(town, _vector(**support), others=False)
