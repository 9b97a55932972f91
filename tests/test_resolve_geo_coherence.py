"""The hard country-coherence constraint: a place outside every country a text is about needs
the text to say so (a qualifier, its province, its country), unless a reader knows it anyway
(a country, province, capital, city of 100k+ by its own name, a curated conflict place)."""

from __future__ import annotations

from sitrep.models import Place
from sitrep.resolve import geoscore
from sitrep.resolve.gazetteer import (
    Gazetteer,
    _Candidate,
    coherent,
    focus_countries,
    self_evident,
)


def _vector(**on: float) -> list[float]:
    vector = [0.0] * len(geoscore.FEATURES)
    vector[geoscore.FEATURES.index("primary")] = 1.0
    for name, value in on.items():
        vector[geoscore.FEATURES.index(name)] = value
    return vector


def _candidate(name: str, iso: str, feature: str = "town", population: int = 5_000) -> _Candidate:
    place = Place(name=name, lat=0.0, lon=0.0, iso=iso, feature=feature, population=population)
    return _Candidate(place, 0.0, True)


def test_self_evident_places() -> None:
    assert self_evident(Place(name="Iraq", lat=33, lon=44, iso="IQ", feature="country"))
    assert self_evident(Place(name="Texas", lat=31, lon=-99, iso="US", feature="province"))
    big = Place(name="Paris", lat=48.9, lon=2.3, iso="FR", feature="capital", population=2_000_000)
    assert self_evident(big)
    small = Place(name="Babylon", lat=40.7, lon=-73.3, iso="US", feature="town", population=12_000)
    assert not self_evident(small, _vector())
    # the text ties it to its province or country: "Kani township, Sagaing"
    assert self_evident(small, _vector(qualified=1.0))
    assert self_evident(small, _vector(named_admin1=1.0))
    # a big city matched only through one of its alternate names is no city a reader knows
    oued = Place(name="El Oued", lat=33.4, lon=6.9, iso="DZ", feature="city", population=186_525)
    assert not self_evident(oued, _vector(primary=0.0))


def test_focus_countries_come_from_what_a_reader_knows() -> None:
    picks = [
        Place(name="Iraq", lat=33, lon=44, iso="IQ", feature="country"),
        Place(name="Babylon", lat=40.7, lon=-73.3, iso="US", feature="town", population=12_000),
    ]
    focus = focus_countries(picks, [_vector(), _vector()], hint=None, demonyms=["SY"])
    assert focus == {"IQ", "SY"}


def test_coherent_moves_to_an_admissible_candidate_or_drops_the_name() -> None:
    abroad = _candidate("Hila", "ID")
    home = _candidate("Hila", "SY", feature="village", population=0)
    ranked = [(2.0, abroad), (1.0, home)]
    vectors = {id(abroad): _vector(), id(home): _vector()}
    assert coherent(ranked, vectors, {"SY"})[0][1] is home
    assert coherent([(2.0, abroad)], {id(abroad): _vector()}, {"SY"}) == []
    assert coherent(ranked, vectors, {"ID"})[0][1] is abroad


def _mentions(gaz: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.place.iso if m.place else None) for m in gaz.geoparse(text)]


def test_babylon_among_iraqi_places_is_not_new_york(gaz: Gazetteer) -> None:
    found = _mentions(
        gaz, "Iraqi forces arrested two suspects near Babylon, south of Baghdad, in Babil province."
    )
    assert ("Babylon", "US") not in found
    assert ("Baghdad", "IQ") in found


def test_attack_helicopters_in_syria_are_not_oklahoma(gaz: Gazetteer) -> None:
    found = _mentions(gaz, "Apache attack helicopters struck positions near Idlib and Aleppo.")
    assert all(iso != "US" for _, iso in found)
    assert ("Idlib", "SY") in found


def test_al_aqsa_in_jerusalem_is_not_in_france(gaz: Gazetteer) -> None:
    found = _mentions(gaz, "Israeli police stormed the Al Aqsa compound in Jerusalem on Friday.")
    assert all(iso != "FR" for _, iso in found)


def test_a_known_city_abroad_stays(gaz: Gazetteer) -> None:
    found = _mentions(gaz, "The flu spread from Dallas and Houston to Tokyo within a week.")
    assert ("Tokyo", "JP") in found
    assert ("Dallas", "US") in found


def test_a_place_lies_in_the_unit_written_after_it(gaz: Gazetteer) -> None:
    # no Kani in Sagaing is indexed: Kani, Japan (a city of 100,000) is still not it
    found = _mentions(gaz, "Clashes in Kani township, Sagaing region, killed 3.")
    assert ("Kani", "JP") not in found and ("Sagaing", "MM") in found
    # a list of places is no qualifier: Kirkuk is not in Diyala
    found = _mentions(gaz, "Attacks in Kirkuk, Diyala and Salahuddin.")
    assert [iso for _, iso in found] == ["IQ", "IQ", "IQ"] and found[0][0] == "Kirkuk"
    assert ("Atlanta", "US") in _mentions(gaz, "Atlanta, Georgia was hit by storms.")


def test_qamishli_among_syrian_places_is_in_syria(gaz: Gazetteer) -> None:
    found = _mentions(gaz, "A drone struck a car in Qamishli, Hasaka, killing two.")
    assert ("Qamishli", "SY") in found
