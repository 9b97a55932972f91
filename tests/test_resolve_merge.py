"""Event merging: same-event scores, precision-keeping merges, clustering and coreference scores."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.models import EventRecord, Source
from sitrep.resolve.merge import (
    bcubed,
    ceaf_e,
    cluster_events,
    compatible_event_types,
    conll_f1,
    merge_into,
    muc,
    same_event,
)


def event(**fields: object) -> EventRecord:
    base: dict[str, object] = {
        "event_date": "2024-01-28", "date_precision": "day", "time_precision": 1, "country": "Jordan",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": "Unidentified Armed Group (Jordan)", "inter1": 3,
        "actor2": "Military Forces of the United States (2021-)", "inter2": 8,
        "location": "Tower 22", "latitude": 33.32, "longitude": 38.70, "geo_precision": 1,
        "admin1": "Mafraq", "fatalities": 3,
    }  # fmt: skip
    base.update(fields)
    return EventRecord(**base)  # type: ignore[arg-type]


def src(article: str, outlet: str) -> Source:
    return Source(
        article_id=article, outlet=outlet, url=None, published=None, sentence="s", start=0, end=1
    )


def test_identical_mentions_match_fully() -> None:
    assert same_event(event(), event()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("change", "matches"),
    [
        (
            {
                "event_date": "2024-01-05",
                "date_precision": "month",
                "time_precision": 3,
                "background": True,
            },
            True,
        ),
        ({"event_date": "2024-02-15", "date_precision": "month", "time_precision": 3}, False),
        ({"event_date": "2024-01-29"}, True),  # next-day report of a day-precise event
        ({"event_date": "2024-01-31"}, False),
        ({"latitude": 33.40, "longitude": 38.80}, True),  # ~13 km away
        ({"latitude": 32.0, "longitude": 36.0, "location": "Elsewhere"}, False),
        ({"location": "Tower 22", "latitude": None, "longitude": None}, True),
        ({"actor1": None}, True),
        ({"actor1": "Kataib Hezbollah"}, True),  # vague on one side joins the named one
        # same day, place and actors: one report's clash is another's strike
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, True),
        ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, False),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, True),
        ({"country": "Syria"}, False),
    ],
)
def test_same_event_tolerates_vaguer_mentions(change: dict[str, object], matches: bool) -> None:
    assert (same_event(event(), event(**change)) >= 0.5) is matches


def test_two_different_named_attackers_are_different_events() -> None:
    a = event(actor1="Kataib Hezbollah")
    b = event(actor1="Military Forces of Israel (2022-)")
    assert same_event(a, b) < 0.5


def test_swapped_roles_on_the_same_day_and_place_are_one_event() -> None:
    """One outlet names US forces as the target, another (wrongly) as the attacker."""
    a = event(actor1="Islamic Resistance in Iraq")
    b = event(actor1="Military Forces of the United States (2021-)", actor2=None)
    assert same_event(a, b) >= 0.5
    later = event(actor1="Military Forces of the United States (2021-)", event_date="2024-01-30")
    assert same_event(a, later) < 0.5


def test_untargeted_reports_naming_the_same_weapon_are_one_event() -> None:
    """Neither report names a target, so either attacker may be a misread target."""
    a = event(actor1="Islamic Resistance in Iraq", actor2=None, weapons=["drone"])
    b = event(actor1="Military Forces of the United States (2021-)", actor2=None, weapons=["drone"])
    assert same_event(a, b) >= 0.5
    assert same_event(a, event(**{**vars(b), "weapons": ["rocket"]})) < 0.5
    assert same_event(a, event(**{**vars(b), "event_date": "2024-01-29"})) < 0.5
    elsewhere = {"latitude": 33.40, "longitude": 38.80, "location": "Near Tower 22"}
    assert same_event(a, event(**{**vars(b), **elsewhere})) < 0.5


STRIKE = {"actor1": "Military Forces of the United States (2021-)", "actor2": "Kataib Hezbollah"}


@pytest.mark.parametrize(
    ("other", "matches"),
    [
        # Battles vs Explosions: one report's "clashes" is another's air strike, same day and place
        ({"event_type": "Battles", "sub_event_type": "Armed clash",
          "actor1": "Unidentified Armed Group (Iraq)", "actor2": None}, True),
        ({"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": None}, True),
        # ... but not a day later, not 13 km away, not with a different named attacker
        ({"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": None,
          "event_date": "2024-01-29"}, True),  # "Friday night" reported on Saturday
        ({"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": None,
          "event_date": "2024-01-30"}, False),
        ({"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": None,
          "latitude": 33.40, "longitude": 38.80, "location": "Near Tower 22"}, False),
        ({"event_type": "Battles", "sub_event_type": "Armed clash",
          "actor1": "Islamic Resistance in Iraq", "actor2": None}, False),
        # a strategic development naming the weapons fired that day is the attack retold
        ({"event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
          "weapons": ["armed drone"]}, True),
        ({"event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
          "weapons": []}, False),
        ({"event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
          "weapons": ["armed drone"], "date_precision": "month", "time_precision": 3}, False),
        # protests never merge with attacks
        ({"event_type": "Protests", "sub_event_type": "Peaceful protest",
          "actor1": "Protesters (Jordan)", "actor2": None}, False),
    ],
)  # fmt: skip
def test_event_types_meet_only_on_the_same_day_and_place(
    other: dict[str, object], matches: bool
) -> None:
    strike = event(**STRIKE, weapons=["armed drone"])
    assert (same_event(strike, event(**{**STRIKE, **other})) >= 0.5) is matches
    assert (same_event(event(**{**STRIKE, **other}), strike) >= 0.5) is matches


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        ("Battles", {"Battles", "Explosions/Remote violence", "Violence against civilians",
                     "Strategic developments"}),
        ("Strategic developments", {"Battles", "Explosions/Remote violence",
                                    "Violence against civilians", "Strategic developments"}),
        ("Protests", {"Protests"}),
        (None, {None}),
    ],
)  # fmt: skip
def test_compatible_event_types_lists_itself_first(
    event_type: str | None, expected: set[str | None]
) -> None:
    types = compatible_event_types(event_type)
    assert types[0] == event_type and set(types) == expected


def tied(sentence: str, **fields: object) -> EventRecord:
    """An undated mention (its article has no date) whose sentence is ``sentence``."""
    record = event(event_date=None, date_precision=None, time_precision=None, **fields)
    record.sources = [
        Source(
            article_id="u", outlet=None, url=None, published=None, sentence=sentence, start=0, end=1
        )
    ]
    return record


NAMED = {"actor1": "Kataib Hezbollah"}
ON_SUNDAY = "Kataib Hezbollah drones struck Tower 22 on Sunday, killing three US soldiers."


@pytest.mark.parametrize(
    ("sentence", "change", "matches"),
    [
        (ON_SUNDAY, {}, True),  # same place, kind, both actors, and "on Sunday" (28 Jan 2024)
        ("Kataib Hezbollah drones struck Tower 22 this week.", {}, True),
        ("Kataib Hezbollah drones struck Tower 22 on Tuesday.", {}, False),  # not its weekday
        ("Kataib Hezbollah drones struck Tower 22, killing three.", {}, False),  # no link
        (ON_SUNDAY, {"sub_event_type": "Shelling/artillery/missile attack"}, False),
        (ON_SUNDAY, {"latitude": 33.40, "longitude": 38.80, "location": "Near Tower 22"}, False),
        (ON_SUNDAY, {"actor1": "Islamic State"}, False),
        (ON_SUNDAY, {"actor1": None}, False),  # attacker not named: nothing ties it
        (ON_SUNDAY, {"actor2": "Military Forces of Jordan (2021-)"}, False),
    ],
)
def test_undated_mention_joins_a_dated_event_only_when_its_text_ties_them(
    sentence: str, change: dict[str, object], matches: bool
) -> None:
    dated = event(**NAMED)
    undated = tied(sentence, **{**NAMED, **change})
    assert (same_event(dated, undated) >= 0.5) is matches
    assert (same_event(undated, dated) >= 0.5) is matches


def test_undated_mentions_may_still_meet_each_other() -> None:
    one = tied("A drone struck Tower 22.", **NAMED)
    other = tied("Drones hit Tower 22, officials said.", **NAMED)
    assert same_event(one, other) >= 0.5


def test_conflicting_dates_are_kept_per_source() -> None:
    first = event(event_date="2024-01-28", sources=[src("a", "Wire")])
    second = event(event_date="2024-01-29", sources=[src("b", "Monitor")])
    undated = tied(ON_SUNDAY, **NAMED)
    merged = merge_into(merge_into(first, second), undated)
    assert merged.event_date == "2024-01-28"  # the event shows one date...
    dates = merged.reasons["source_dates"].split("; ")
    assert dates == ["2024-01-28 (day) [a]", "2024-01-29 (day) [b]", "undated [u]"]
    # agreeing sources add nothing
    assert "source_dates" not in merge_into(first, event(sources=[src("c", "X")])).reasons


def test_merging_an_attack_into_a_strategic_development_recodes_it() -> None:
    told_badly = event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        disorder_type="Strategic developments",
        weapons=["armed drone"],
    )
    attack = event(disorder_type="Political violence", weapons=["armed drone"])
    merged = merge_into(told_badly, attack)
    assert (merged.event_type, merged.sub_event_type, merged.disorder_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
        "Political violence",
    )
    assert "Change to group/activity" in merged.reasons["event_type"]
    kept = merge_into(attack, told_badly)
    assert kept.event_type == "Explosions/Remote violence"
    assert "Strategic developments" in kept.reasons["event_type"]


def test_disagreeing_weapons_weaken_a_sub_event_mismatch() -> None:
    a = event(weapons=["drone"])
    b = event(sub_event_type="Shelling/artillery/missile attack", weapons=["rocket"])
    c = event(sub_event_type="Shelling/artillery/missile attack")
    assert same_event(a, b) < same_event(a, c)


def test_merge_keeps_precise_values_and_records_conflicts() -> None:
    precise = event(
        sources=[src("a1", "Reuters")],
        source="Reuters",
        fatalities=3,
        injuries=34,
        munitions={"min": 1, "max": 1, "kind": "drone", "text": "one drone"},
    )
    vague = event(
        event_date="2024-01-10",
        date_precision="month",
        time_precision=3,
        location="Jordan",
        latitude=31.0,
        longitude=36.0,
        geo_precision=3,
        actor1="Islamic Resistance in Iraq",
        inter1=3,
        sources=[src("b1", "AP")],
        source="AP",
        fatalities=4,
        injuries=40,
        background=True,
        sub_event_type="Shelling/artillery/missile attack",
        munitions={"min": 2, "max": 2, "kind": "drone", "text": "two drones"},
    )
    merged = merge_into(precise, vague)
    assert (merged.event_date, merged.time_precision, merged.location) == (
        "2024-01-28",
        1,
        "Tower 22",
    )
    assert merged.actor1 == "Islamic Resistance in Iraq"  # named beats unidentified
    assert merged.fatalities == 3 and "3-4" in merged.reasons["fatalities"]
    assert merged.injuries == 34 and "34-40" in merged.reasons["injuries"]
    assert (
        merged.sub_event_type == "Air/drone strike"
        and "Shelling" in merged.reasons["sub_event_type"]
    )
    assert merged.munitions == {"min": 1, "max": 1, "kind": "drone", "text": "one drone"}
    assert "two drones" in merged.reasons["munitions"]
    assert [s.article_id for s in merged.sources] == ["a1", "b1"]
    assert merged.source == "Reuters; AP" and merged.reasons["source_count"] == "2"
    assert merged.background is False
    assert merged.interaction == 38
    # Inputs are untouched; merging the other way round still ends precise.
    assert precise.actor1 == "Unidentified Armed Group (Jordan)" and len(precise.sources) == 1
    reverse = merge_into(vague, precise)
    assert (reverse.event_date, reverse.geo_precision, reverse.location) == (
        "2024-01-28",
        1,
        "Tower 22",
    )


def test_merge_does_not_duplicate_sources() -> None:
    a = event(sources=[src("a1", "Reuters")])
    assert len(merge_into(a, a).sources) == 1


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("claimed", "reported", "reported"),
        ("claimed", "denied", "contested"),
        ("alleged", "alleged", "alleged"),
    ],
)
def test_merge_modality(left: str, right: str, expected: str) -> None:
    assert merge_into(event(modality=left), event(modality=right)).modality == expected


def test_cluster_events_groups_mentions() -> None:
    records = [
        event(),  # 0 Tower 22 attack
        event(
            location="Ain al-Asad",
            latitude=33.79,
            longitude=42.44,
            country="Iraq",
            admin1="Al Anbar",
            event_date="2024-01-20",
            actor1="Islamic Resistance in Iraq",
        ),  # 1 another attack
        event(
            event_date="2024-01-01", date_precision="month", time_precision=3, background=True
        ),  # 2 recalls 0
        event(latitude=33.33, longitude=38.71, source="AP"),  # 3 same as 0
        event(
            location="Ain al-Asad",
            latitude=33.79,
            longitude=42.44,
            country="Iraq",
            admin1="Al Anbar",
            event_date="2024-01-20",
            actor1=None,
        ),  # 4 same as 1
    ]
    assert cluster_events(records) == [[0, 2, 3], [1, 4]]
    assert cluster_events(records, threshold=1.01) == [[0], [1], [2], [3], [4]]


def test_bcubed_on_hand_made_clusters() -> None:
    gold = [["a", "b", "c"], ["d", "e"]]
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = bcubed([["a", "b"], ["c"], ["d", "e"]], gold)
    assert p == pytest.approx(1.0)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert f == pytest.approx(2 * p * r / (p + r))
    p, r, _ = bcubed([["a", "b", "c", "d", "e"]], gold)
    assert r == pytest.approx(1.0) and p == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)


def test_muc_and_ceaf_on_hand_made_clusters() -> None:
    gold = [["a", "b", "c"], ["d", "e"]]
    p, r, f = muc([["a", "b"], ["c"], ["d", "e"]], gold)
    assert (p, r) == (pytest.approx(1.0), pytest.approx(2 / 3))
    assert muc([["a"], ["b"]], [["a"], ["b"]]) == (1.0, 1.0, 1.0)
    assert ceaf_e(gold, gold)[2] == pytest.approx(1.0)
    assert conll_f1(gold, gold) == pytest.approx(1.0)
    assert 0 < conll_f1([["a", "b"], ["c"], ["d", "e"]], gold) < 1


partitions = st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=12).map(
    lambda labels: [[f"m{i}" for i, label in enumerate(labels) if label == k] for k in set(labels)]
)


@given(partitions, partitions)
def test_scores_are_bounded_and_perfect_on_identity(
    pred: list[list[str]], gold: list[list[str]]
) -> None:
    for score in (*bcubed(pred, gold), conll_f1(pred, gold)):
        assert 0.0 <= score <= 1.0 + 1e-9
    assert bcubed(gold, gold)[2] == pytest.approx(1.0)
    assert conll_f1(gold, gold) == pytest.approx(1.0)
