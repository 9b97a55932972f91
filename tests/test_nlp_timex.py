"""Temporal expressions: finding them and anchoring them to the publication date.

Expected values are computed by hand from the base date, Sunday 28 January 2024.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.models import Timex
from sitrep.nlp import find_timexes, normalize, representative_date, time_precision

BASE = date(2024, 1, 28)  # a Sunday


def d(text: str) -> date:
    return date.fromisoformat(text)


def only(text: str, base: date | None = BASE, **kw: int) -> Timex:
    found = find_timexes(text, base, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "precision", "start", "end", "relative"),
    [
        # absolute, with and without a written year
        ("9 January", "2024-01-09", "day", "2024-01-09", "2024-01-09", True),
        ("January 9", "2024-01-09", "day", "2024-01-09", "2024-01-09", True),
        ("Jan. 9", "2024-01-09", "day", "2024-01-09", "2024-01-09", True),
        ("9 January 2024", "2024-01-09", "day", "2024-01-09", "2024-01-09", False),
        ("January 9, 2024", "2024-01-09", "day", "2024-01-09", "2024-01-09", False),
        ("2024-01-09", "2024-01-09", "day", "2024-01-09", "2024-01-09", False),
        ("09/01/2024", "2024-01-09", "day", "2024-01-09", "2024-01-09", False),
        ("01/13/2024", "2024-01-13", "day", "2024-01-13", "2024-01-13", False),
        ("on the 9th", "2024-01-09", "day", "2024-01-09", "2024-01-09", True),
        ("Dec.14th", "2023-12-14", "day", "2023-12-14", "2023-12-14", True),
        ("in the past 24 hours", "2024-01-28", "day", "2024-01-27", "2024-01-28", True),
        ("Dec. 30", "2023-12-30", "day", "2023-12-30", "2023-12-30", True),
        ("30 January", "2024-01-30", "day", "2024-01-30", "2024-01-30", True),  # base + 2 days
        ("5 February", "2023-02-05", "day", "2023-02-05", "2023-02-05", True),
        ("Saturday, January 27", "2024-01-27", "day", "2024-01-27", "2024-01-27", True),
        ("Friday, 9 February", "2024-02-09", "day", "2024-02-09", "2024-02-09", True),
        # relative days
        ("Saturday", "2024-01-27", "day", "2024-01-27", "2024-01-27", True),
        ("on Monday", "2024-01-22", "day", "2024-01-22", "2024-01-22", True),
        ("last Tuesday", "2024-01-23", "day", "2024-01-23", "2024-01-23", True),
        # the publication's own weekday is the publication day (same-day wire copy) ...
        ("Sunday night", "2024-01-28", "day", "2024-01-28", "2024-01-28", True),
        ("on Sunday", "2024-01-28", "day", "2024-01-28", "2024-01-28", True),
        # ... unless "last" says otherwise
        ("last Sunday", "2024-01-21", "day", "2024-01-21", "2024-01-21", True),
        ("next Monday", "2024-01-29", "day", "2024-01-29", "2024-01-29", True),
        ("yesterday", "2024-01-27", "day", "2024-01-27", "2024-01-27", True),
        ("today", "2024-01-28", "day", "2024-01-28", "2024-01-28", True),
        ("tonight", "2024-01-28", "day", "2024-01-28", "2024-01-28", True),
        ("overnight", "2024-01-27", "day", "2024-01-27", "2024-01-27", True),
        ("last night", "2024-01-27", "day", "2024-01-27", "2024-01-27", True),
        ("this morning", "2024-01-28", "day", "2024-01-28", "2024-01-28", True),
        ("two days ago", "2024-01-26", "day", "2024-01-26", "2024-01-26", True),
        ("exactly one year ago", "2023-01-28", "day", "2023-01-28", "2023-01-28", True),
        # relative weeks, months, years
        ("last week", "2024-W03", "week", "2024-01-15", "2024-01-21", True),
        ("the previous week", "2024-W03", "week", "2024-01-15", "2024-01-21", True),
        ("a week ago", "2024-W03", "week", "2024-01-15", "2024-01-21", True),
        ("last weekend", "2024-W03-WE", "week", "2024-01-20", "2024-01-21", True),
        ("the past few days", "2024-W04", "week", "2024-01-24", "2024-01-27", True),
        ("last month", "2023-12", "month", "2023-12-01", "2023-12-31", True),
        ("earlier this month", "2024-01", "month", "2024-01-01", "2024-01-27", True),
        ("this month", "2024-01", "month", "2024-01-01", "2024-01-31", True),
        ("three months ago", "2023-10", "month", "2023-10-01", "2023-10-31", True),
        ("in November", "2023-11", "month", "2023-11-01", "2023-11-30", True),
        ("in January", "2024-01", "month", "2024-01-01", "2024-01-31", True),
        ("mid-January", "2024-01", "month", "2024-01-11", "2024-01-20", True),
        ("in late December", "2023-12", "month", "2023-12-21", "2023-12-31", True),
        ("last year", "2023", "year", "2023-01-01", "2023-12-31", True),
        ("at the end of last year", "2023-12", "month", "2023-12-01", "2023-12-31", True),
        ("the spring", "2023-SP", "year", "2023-03-01", "2023-05-31", True),
        # written in full, vague
        ("9-11 January", "2024-W02", "week", "2024-01-09", "2024-01-11", True),
        ("January 9 to 11, 2024", "2024-W02", "week", "2024-01-09", "2024-01-11", False),
        ("between 2 and 20 January", "2024-01", "month", "2024-01-02", "2024-01-20", True),
        ("the first week of 2022", "2022-W01", "week", "2022-01-01", "2022-01-07", False),
        ("the last week of December 2023", "2023-W52", "week", "2023-12-25", "2023-12-31", False),
        ("in March 2023", "2023-03", "month", "2023-03-01", "2023-03-31", False),
        ("early 2020", "2020", "year", "2020-01-01", "2020-04-30", False),
        ("late 2019", "2019", "year", "2019-09-01", "2019-12-31", False),
        ("mid-2019", "2019", "year", "2019-05-01", "2019-08-31", False),
        ("summer 2011", "2011-SU", "year", "2011-06-01", "2011-08-31", False),
        ("the winter of 2011", "2011-WI", "year", "2010-12-01", "2011-02-28", False),
        ("in 2022", "2022", "year", "2022-01-01", "2022-12-31", False),
        ("in the 1980s", "198X", "year", "1980-01-01", "1989-12-31", False),
        ("the first half of 2023", "2023", "year", "2023-01-01", "2023-06-30", False),
    ],
)
def test_expressions_anchor_on_base(
    text: str, value: str, precision: str, start: str, end: str, relative: bool
) -> None:
    t = only(text)
    assert (t.value, t.precision, t.start_date, t.end_date, t.relative) == (
        value,
        precision,
        d(start),
        d(end),
        relative,
    )
    assert text.endswith(t.text)


@pytest.mark.parametrize("text", ["in recent weeks", "over the past few months", "recent days"])
def test_vague_spans_have_no_calendar_value(text: str) -> None:
    t = only(text)
    if "days" in text:
        assert t.precision == "week"
    else:
        assert (t.value, t.precision, t.start_date) == ("PAST_REF", None, None)


@pytest.mark.parametrize(
    "text", ["Saturday", "last week", "yesterday", "9 January", "in November", "two days ago"]
)
def test_without_base_relative_expressions_get_no_value(text: str) -> None:
    t = only(text, None)
    assert (t.value, t.precision, t.start_date) == (None, None, None)


def test_written_dates_need_no_base() -> None:
    t = only("9 January 2024", None)
    assert t.value == "2024-01-09"


def test_context_year_overrides_base_year() -> None:
    t = only("9 January", BASE, context_year=2022)
    assert (t.value, t.relative) == ("2022-01-09", False)
    assert only("in November", BASE, context_year=2021).value == "2021-11"


def test_two_days_joined_by_and_are_not_a_range() -> None:
    found = find_timexes("on 3 and 5 January 2024", BASE)
    assert [(t.text, t.value) for t in found] == [("5 January 2024", "2024-01-05")]


def test_offsets_point_into_the_text() -> None:
    text = "Rockets hit the base on Saturday, officials said on 29 January 2024."
    found = find_timexes(text, BASE)
    assert [text[t.start : t.end] for t in found] == ["Saturday", "29 January 2024"]
    assert [t.text for t in found] == ["Saturday", "29 January 2024"]


def test_arabic_indic_digits_are_read_and_offsets_kept() -> None:
    text = "\u0669 January \u0662\u0660\u0662\u0664"
    t = only(text)
    assert (t.value, t.text) == ("2024-01-09", text)


@pytest.mark.parametrize("text", ["They may attack.", "Forces march on.", "12 dead", "2000 troops"])
def test_non_dates_are_not_expressions(text: str) -> None:
    assert find_timexes(text, BASE) == []


def test_normalize_picks_the_longest_expression() -> None:
    t = normalize("on Saturday, January 27", BASE)
    assert t is not None and t.value == "2024-01-27"
    assert normalize("no date here", BASE) is None


@pytest.mark.parametrize(
    ("precision", "code"), [("day", 1), ("week", 2), ("month", 3), ("year", 3), (None, None)]
)
def test_time_precision_maps_to_acled(precision: str | None, code: int | None) -> None:
    assert time_precision(precision) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 January 2024", "2024-01-09"),
        ("the past 24 hours", "2024-01-28"),
        ("last week", "2024-01-15"),  # Monday 15 .. Sunday 21: the Monday
        ("in November", "2023-11-01"),
        ("last year", "2023-01-01"),
        ("last weekend", "2024-01-20"),
    ],
)
def test_representative_date_is_the_first_day_of_the_span(text: str, expected: str) -> None:
    assert representative_date(only(text)) == d(expected)


def test_representative_date_of_unanchored_is_none() -> None:
    assert representative_date(only("last week", None)) is None


EXPRESSIONS = [
    "9 January", "on Saturday", "last Tuesday", "yesterday", "two days ago", "last week",
    "the previous week", "last month", "earlier this month", "in November", "last year",
    "mid-January", "the spring", "last winter", "the past few days", "on the 9th",
    "Friday, 9 February", "exactly one year ago", "this Monday", "next week", "the past week",
    "at the end of last year", "a week ago", "three months ago", "last weekend", "the 29th of February",
    "9-11 January", "the past 24 hours",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(EXPRESSIONS),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=800),
)
def test_start_date_is_monotone_in_base(expression: str, base: date, step: int) -> None:
    later = date.fromordinal(base.toordinal() + step)
    a, b = normalize(expression, base), normalize(expression, later)
    if a is not None and b is not None and a.start_date and b.start_date:
        assert a.start_date <= b.start_date


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()), st.one_of(st.none(), st.integers()))
def test_never_raises(text: str, base: date | None, year: int | None) -> None:
    for t in find_timexes(text, base, context_year=year):
        assert 0 <= t.start < t.end <= len(text)
    normalize(text, base, context_year=year)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(EXPRESSIONS + ["next year", "tomorrow", "the 1980s"]), st.dates())
def test_never_raises_at_calendar_edges(text: str, base: date) -> None:
    for edge in (base, date.min, date.max):
        find_timexes(text, edge)


@pytest.mark.parametrize(
    ("base", "expected_start"),
    [
        (date(2000, 12, 1), date(1999, 12, 1)),  # inside winter 2001: last winter is the one before
        (date(2001, 1, 15), date(1999, 12, 1)),
        (date(2001, 2, 28), date(1999, 12, 1)),
        (date(2001, 3, 1), date(2000, 12, 1)),  # just after winter 2001: it is "last winter"
        (date(2001, 11, 30), date(2000, 12, 1)),
    ],
)
def test_last_winter_is_the_winter_before_the_current_one(base: date, expected_start: date) -> None:
    timex = normalize("last winter", base)
    assert timex is not None and timex.start_date == expected_start
