"""Comparison with a reference dataset: the matching rule, per-field agreement, rendering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.compare import compare, pair_score, render_comparison
from sitrep.errors import ExportError
from sitrep.geo.distance import haversine_km
from sitrep.models import EventRecord


def ev(**kw: object) -> EventRecord:
    base: dict[str, object] = {
        "event_date": "2024-01-28",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Islamic Resistance in Iraq",
        "actor2": "Military Forces of the United States (2021-)",
        "country": "Jordan",
        "admin1": "Mafraq",
        "location": "Tower 22",
        "latitude": 33.32,
        "longitude": 38.70,
        "fatalities": 3,
    }
    base.update(kw)
    return EventRecord(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "matches"),
    [
        ({}, True),
        ({"event_date": "2024-01-29"}, True),  # within one day
        ({"event_date": "2024-01-30"}, False),
        ({"latitude": 33.50}, True),  # about 20 km
        ({"latitude": 33.60}, False),  # about 31 km
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, False),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, True),  # same family
        ({"latitude": None, "longitude": None}, True),  # same admin1 and location
        ({"latitude": None, "longitude": None, "location": "Rukban"}, False),
        ({"event_date": None}, False),
    ],
)
def test_compare_candidate_rule(change: dict[str, object], matches: bool) -> None:
    assert (pair_score(ev(**change), ev()) is not None) is matches


def test_compare_greedy_one_to_one_prefers_the_closer_pair() -> None:
    ref = [ev(event_id_cnty="JOR1"), ev(event_id_cnty="JOR2", event_date="2024-01-29")]
    ours = [ev(event_id="a", event_date="2024-01-29"), ev(event_id="b")]
    c = compare(ours, ref)
    pairs = {(m.ours.event_id, m.reference.event_id_cnty) for m in c.matched}
    assert pairs == {("a", "JOR2"), ("b", "JOR1")}
    assert not c.missed and not c.extra and c.f1 == 1.0


def test_compare_lists_missed_extra_and_agreement() -> None:
    ref = [
        ev(event_id_cnty="JOR1", fatalities=3),
        ev(
            event_id_cnty="IRQ9", country="Iraq", admin1="Al Anbar", latitude=34.37, longitude=41.09
        ),
    ]
    ours = [ev(event_id="a", fatalities=2, actor2=None), ev(event_id="z", event_date="2024-03-01")]
    c = compare(ours, ref)
    assert [m.reference.event_id_cnty for m in c.matched] == ["JOR1"]
    assert [r.event_id_cnty for r in c.missed] == ["IRQ9"]
    assert [e.event_id for e in c.extra] == ["z"]
    assert (c.precision, c.recall) == (0.5, 0.5)
    agreement = c.agreement
    assert (agreement["fatalities"].agree, agreement["fatalities"].compared) == (0, 1)
    assert agreement["actor2"].rate == 0.0 and agreement["actor1"].rate == 1.0
    assert agreement["place"].rate == 1.0 and agreement["event_date"].rate == 1.0


def test_compare_haversine_known_distance() -> None:
    # Baghdad to Basra is about 450 km
    assert 440 < haversine_km((33.3152, 44.3661), (30.5085, 47.7804)) < 460


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.floats(33.0, 33.5), st.floats(38.5, 39.0)), max_size=8
    ),
    st.lists(
        st.tuples(st.integers(0, 5), st.floats(33.0, 33.5), st.floats(38.5, 39.0)), max_size=8
    ),
)
def test_compare_counts_add_up(
    a: list[tuple[int, float, float]], b: list[tuple[int, float, float]]
) -> None:
    ours = [ev(event_date=f"2024-01-{10 + d:02d}", latitude=la, longitude=lo) for d, la, lo in a]
    ref = [ev(event_date=f"2024-01-{10 + d:02d}", latitude=la, longitude=lo) for d, la, lo in b]
    c = compare(ours, ref)
    assert len(c.matched) + len(c.extra) == len(ours)
    assert len(c.matched) + len(c.missed) == len(ref)
    assert len({id(m.ours) for m in c.matched}) == len(c.matched)
    assert len({id(m.reference) for m in c.matched}) == len(c.matched)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_compare_renders(fmt: str) -> None:
    c = compare([ev(event_id="a", location="<b>Tower|22</b>", event_date="2024-02-01")], [ev()])
    text = render_comparison(c, fmt)  # type: ignore[arg-type]
    assert "precision" in text and "fatalities" in text
    if fmt == "html":
        assert "&lt;b&gt;" in text and "<b>Tower" not in text
    else:
        assert "Tower\\|22" in text


def test_compare_render_rejects_unknown_format() -> None:
    with pytest.raises(ExportError, match="choose 'html' or 'markdown'"):
        render_comparison(compare([], []), "pdf")  # type: ignore[arg-type]
