"""Numbers, casualty figures and munition counts, with ACLED's conservative reading."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.nlp import Count, fatalities_acled, find_casualties, find_munitions, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seven", (7, 7)),
        ("twenty-five", (25, 25)),
        ("two hundred and fifty", (250, 250)),
        ("a dozen", (12, 12)),
        ("two dozen", (24, 24)),
        ("dozens", (12, 12)),
        ("dozens of", (12, 12)),
        ("hundreds", (100, 100)),
        ("several", (3, 3)),
        ("a few", (3, 3)),
        ("15 to 20", (15, 20)),
        ("15-20", (15, 20)),
        ("five or six", (5, 6)),
        ("between 17 and 25", (17, 25)),
        ("at least 5", (5, 5)),
        ("up to 20", (20, 20)),
        ("more than 100", (100, 100)),
        ("1,200", (1200, 1200)),
        ("3.5 million", (3_500_000, 3_500_000)),
        ("a", (1, 1)),
        ("an", (1, 1)),
        ("\u0663\u0664", (34, 34)),
        ("rockets", None),
        ("", None),
    ],
)
def test_parse_number(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_number(text) == expected


def figures(sentence: str) -> dict[str, tuple[int, int] | None]:
    return {
        role: (c.value_min, c.value_max) if c else None
        for role, c in find_casualties(sentence).items()
    }


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("The strike killed at least 12 people.", (12, 12), None),
        ("Three soldiers were killed and 40 wounded.", (3, 3), (40, 40)),
        ("The blast left 2 dead.", (2, 2), None),
        ("The blast left five people wounded.", None, (5, 5)),
        ("No casualties were reported.", (0, 0), (0, 0)),
        ("No one was hurt in the attack.", (0, 0), (0, 0)),
        ("One US contractor killed in drone attack.", (1, 1), None),
        ("25 fighters died in the clashes.", (25, 25), None),
        ("The death toll rose to 30.", (30, 30), None),
        ("The drone hit the base, injuring 34.", None, (34, 34)),
        ("34 service members suffered traumatic brain injuries.", None, (34, 34)),
        ("Between 17 and 25 killed in the raid.", (17, 25), None),
        ("An attack killed two and wounded five.", (2, 2), (5, 5)),
        ("A drone strike killed a senior commander.", (1, 1), None),
        ("Dozens of civilians were killed.", (12, 12), None),
        ("In 2020, 5 people were killed.", (5, 5), None),
        ("The attack killed three US soldiers and wounded more than 40 others.", (3, 3), (40, 40)),
        ("At least 12 were killed; the death toll later rose to 30.", (12, 12), None),
        ("Rockets hit the base on Monday.", None, None),
        ("Two policemen and one polio worker were killed.", (3, 3), None),
        ("A man was shot and killed outside his house.", (1, 1), None),
        ("The businessman was killed and two others were injured.", (1, 1), (2, 2)),
        ("Gunmen shot dead 3 policemen.", (3, 3), None),
        ("34 troops were diagnosed with TBI.", None, (34, 34)),
        ("He was killed 4 years ago.", None, None),
        ("1 fatality.", (1, 1), None),
        ("Armed men killed between 16 to 25 people.", (16, 25), None),
        ("The bodies of twelve civilians were found.", (12, 12), None),
    ],
)
def test_find_casualties(
    sentence: str, killed: tuple[int, int] | None, injured: tuple[int, int] | None
) -> None:
    assert figures(sentence) == {"killed": killed, "injured": injured}


def test_casualty_offsets_point_at_the_figure() -> None:
    sentence = "The strike killed at least 12 people."
    killed = find_casualties(sentence)["killed"]
    assert killed is not None
    assert sentence[killed.start : killed.end] == killed.text == "at least 12"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (None, 0),
        (Count(17, 25, "between 17 and 25", 0, 17, vague=False), 17),
        (Count(0, 0, "no casualties", 0, 13, vague=False), 0),
        (Count(12, 12, "dozens", 0, 6, vague=True), 12),
    ],
)
def test_fatalities_acled_is_conservative(count: Count | None, expected: int) -> None:
    assert fatalities_acled(count) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Militants fired 15 to 20 missiles at the base.", [(15, 20, "missile")]),
        ("three rockets hit the embassy", [(3, 3, "rocket")]),
        ("two drones and a one-way attack drone", [(2, 2, "drone"), (1, 1, "drone")]),
        ("two Katyusha rockets", [(2, 2, "rocket")]),
        ("five 107mm rockets", [(5, 5, "rocket")]),
        ("four mortar rounds", [(4, 4, "mortar")]),
        ("US jets struck 85 targets", []),
        (
            "US jets struck 85 targets with more than 125 precision munitions",
            [(125, 125, "munition")],
        ),
        ("a barrage of rockets", []),
        ("three UAVs were shot down", [(3, 3, "drone")]),
    ],
)
def test_find_munitions(sentence: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(c.value_min, c.value_max, c.kind) for c in find_munitions(sentence)] == expected


@given(st.text(max_size=200))
def test_parsers_never_raise(text: str) -> None:
    parse_number(text)
    find_casualties(text)
    find_munitions(text)


@given(st.integers(min_value=0, max_value=10**9))
def test_digit_strings_round_trip(n: int) -> None:
    assert parse_number(str(n)) == (n, n)
    assert parse_number(f"{n:,}") == (n, n)


@pytest.mark.parametrize(
    "text", ["two-" * 200 + "drones", "two " * 400 + "killed", "one and " * 200 + "rockets"]
)
def test_long_runs_of_number_words_are_handled(text: str) -> None:
    # regression: unbounded number-word chains once backtracked for seconds on such input
    find_munitions(text)
    find_casualties(text)
    assert parse_number(text) is None
