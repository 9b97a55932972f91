"""Document-level disambiguation in geoparse: each rule on a hand-written text, the "A US" ->
Australia regression, region points and the scoring model's pure parts.

Uses the installed index when it exists, else builds a small one (cities15000) from PyPI data.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.models import Place
from sitrep.resolve import geoscore
from sitrep.resolve.gazetteer import Gazetteer, haversine_km
from sitrep.resolve.gazetteer_regions import hedged_point, strip_admin_suffix


def _resolved(gaz: Gazetteer, text: str) -> dict[str, Place]:
    return {m.text: m.place for m in gaz.geoparse(text) if m.place is not None}


# ------------------------------------------------------------------ regression: the demo's Australia


@pytest.mark.parametrize(
    "text",
    [
        "A US defence official later said five service members were injured.",
        "A US drone strike hit a car near Jurf al-Sakhar.",
        "A UK official said the talks would continue.",
    ],
)
def test_sentence_initial_article_never_joins_a_country_code(gaz: Gazetteer, text: str) -> None:
    places = [m.place for m in gaz.geoparse(text) if m.place]
    assert all(p.iso != "AU" for p in places)


def test_iso3_codes_are_not_place_names_but_still_name_countries(gaz: Gazetteer) -> None:
    assert not any(p.feature == "country" for p in gaz.lookup("Aus"))
    australia = gaz.country("AUS")
    assert australia is not None and australia.iso == "AU"


# ------------------------------------------------------------------ document context


@pytest.mark.parametrize(
    ("text", "name", "iso"),
    [
        # The text names the US elsewhere: Georgia is the state.
        ("Cases rose in Texas and Florida, and officials in Georgia reported two more.", "Georgia", "US"),
        # Nothing American around it: Georgia is the country.
        ("Russia and Armenia closed their borders with Georgia on Monday.", "Georgia", "GE"),
        # "Atlanta, Georgia": the comma-joined state qualifies the city and vice versa.
        ("The samples were sent to Atlanta, Georgia for testing.", "Georgia", "US"),
        # A demonym sets the country context for an ambiguous town.
        ("Iraqi police said the convoy was hit near Hit.", "Hit", "IQ"),
    ],
)  # fmt: skip
def test_context_picks_the_namesake(gaz: Gazetteer, text: str, name: str, iso: str) -> None:
    assert _resolved(gaz, text)[name].iso == iso


def test_spatial_coherence_pulls_towards_the_other_places(gaz: Gazetteer) -> None:
    text = "Flooding hit Dallas, Fort Worth and Paris, and roads near Tyler were closed."
    paris = _resolved(gaz, text)["Paris"]
    assert paris.iso == "US"


def test_demonyms_are_context_not_toponyms(gaz: Gazetteer) -> None:
    mentions = gaz.geoparse("Syrian and Iraqi officials met in Amman.")
    assert [m.text for m in mentions] == ["Amman"]


def test_caller_hint_still_wins_for_bare_names(gaz: Gazetteer) -> None:
    place = gaz.geoparse("Fighting was reported in Tripoli.", country_hint="LB")[0].place
    assert place is not None and place.iso == "LB"


# ------------------------------------------------------------------ region points


@pytest.mark.parametrize(
    ("name", "country", "point"),
    [
        ("Queensland", "AU", (-23.0, 143.0)),
        ("British Columbia", "CA", (54.0, -125.0)),
        ("Texas", "US", (31.5, -99.3)),
        ("Scotland", "GB", (56.5, -4.2)),
    ],
)
def test_federal_regions_sit_at_their_conventional_centre(
    gaz: Gazetteer, name: str, country: str, point: tuple[float, float]
) -> None:
    place = gaz.admin1_place(name, country)
    assert place is not None and haversine_km((place.lat, place.lon), point) < 50


def test_province_named_alone_is_the_province(gaz: Gazetteer) -> None:
    place = _resolved(gaz, "Heavy snow fell across Queensland and Victoria, Australia.")
    assert place["Queensland"].feature == "province"


def test_hedged_point_moves_halfway_only_when_close() -> None:
    centre, capital = (10.0, 10.0), (11.0, 11.0)
    middle = hedged_point(centre, capital)
    assert middle == (10.5, 10.5)
    assert hedged_point(centre, (30.0, 30.0)) == centre
    assert hedged_point(centre, None) == centre


@given(st.floats(-60, 60), st.floats(-170, 170), st.floats(-1.5, 1.5), st.floats(-1.5, 1.5))
def test_hedged_point_is_within_161_km_of_both_when_it_moves(
    lat: float, lon: float, dlat: float, dlon: float
) -> None:
    centre, capital = (lat, lon), (lat + dlat, lon + dlon)
    point = hedged_point(centre, capital)
    if point != centre:
        assert haversine_km(point, centre) <= 161 and haversine_km(point, capital) <= 161


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Anhui Sheng", "Anhui"),
        ("Guangxi Zhuangzu Zizhiqu", "Guangxi"),
        ("Caerphilly County Borough", "Caerphilly"),
        ("City and Borough of Leeds", "Leeds"),
        ("Kent", "Kent"),
        (" Shi", " Shi"),
    ],
)
def test_strip_admin_suffix(raw: str, clean: str) -> None:
    assert strip_admin_suffix(raw) == clean


# ------------------------------------------------------------------ the scoring model


def _place(**kwargs: object) -> Place:
    base: dict[str, object] = {"name": "X", "lat": 0.0, "lon": 0.0}
    base.update(kwargs)
    return Place(**base)  # type: ignore[arg-type]


def test_feature_vector_matches_the_feature_names() -> None:
    vector = geoscore.features(
        _place(feature="town", iso="US", admin1="Texas", population=5000),
        primary=True,
        exact=True,
        feature_word=None,
        context=geoscore.DocumentContext(),
        near=None,
    )
    assert len(vector) == len(geoscore.FEATURES) == len(geoscore.WEIGHTS)


@pytest.mark.parametrize(
    ("feature", "context"),
    [
        ("named_country", geoscore.DocumentContext(countries=Counter({"US": 1}))),
        ("named_admin1", geoscore.DocumentContext(admin1s=Counter({("US", "Texas"): 1}))),
        ("hint", geoscore.DocumentContext(hint="US")),
        ("same_country", geoscore.DocumentContext(picks=[_place(iso="US", feature="city")])),
    ],
)
def test_each_context_feature_raises_the_score(
    feature: str, context: geoscore.DocumentContext
) -> None:
    place = _place(feature="town", iso="US", admin1="Texas", population=5000)

    def scored(ctx: geoscore.DocumentContext) -> tuple[float, list[float]]:
        vector = geoscore.features(
            place, primary=True, exact=True, feature_word=None, context=ctx, near=None
        )
        return geoscore.score(vector), vector

    plain, _ = scored(geoscore.DocumentContext())
    boosted, vector = scored(context)
    assert vector[geoscore.FEATURES.index(feature)] > 0
    assert boosted > plain


def test_closer_candidates_score_higher() -> None:
    near = (33.0, 44.0)
    close = _place(lat=33.1, lon=44.1, feature="town")
    far = _place(lat=40.0, lon=10.0, feature="town")
    context = geoscore.DocumentContext()

    def value(place: Place) -> float:
        return geoscore.score(
            geoscore.features(
                place, primary=True, exact=True, feature_word=None, context=context, near=near
            )
        )

    assert value(close) > value(far)


def test_contains() -> None:
    texas = _place(name="Texas", feature="province", iso="US", admin1="Texas")
    usa = _place(name="United States", feature="country", iso="US")
    tyler = _place(name="Tyler", feature="town", iso="US", admin1="Texas")
    assert geoscore.contains(texas, tyler) and geoscore.contains(usa, tyler)
    assert not geoscore.contains(tyler, texas) and not geoscore.contains(usa, usa)
