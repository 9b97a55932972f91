"""Hijri, Solar Hijri (Persian) and Bengali date lines read as Gregorian days."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.nlp import find_timexes
from sitrep.nlp.calendars import (
    bengali_to_gregorian,
    find_calendar_dates,
    hijri_to_gregorian,
    persian_to_gregorian,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saturday 15 Rajab 1445 AH", "2024-01-27"),
        ("Rajab 15, 1445", "2024-01-27"),
        ("1 Ramadan 1445 AH", "2024-03-11"),
        ("3 Dhu al-Hijjah 1444 H", "2023-06-21"),
        ("\u0661\u0665 \u0631\u062c\u0628 \u0661\u0664\u0664\u0665 \u0647\u0640", "2024-01-27"),
        ("8 Bahman 1402", "2024-01-28"),
        ("1 Farvardin 1403", "2024-03-20"),
        ("\u06f8 \u0628\u0647\u0645\u0646 \u06f1\u06f4\u06f0\u06f2", "2024-01-28"),
        ("1 Boishakh 1431", "2024-04-14"),
        ("8 Falgun 1430", "2024-02-21"),  # Language Martyrs' Day, 21 February
        ("1 Poush 1430 BS", "2023-12-16"),  # Victory Day, 16 December
        ("12 Chaitra 1430", "2024-03-26"),  # Independence Day, 26 March
        ("\u09e7\u09ea \u09ac\u09c8\u09b6\u09be\u0996 \u09e7\u09ea\u09e9\u09e7", "2024-04-27"),
    ],
)
def test_calendar_date_lines_convert(text: str, expected: str) -> None:
    [t] = find_calendar_dates(text)
    assert (t.value, t.precision, t.relative) == (expected, "day", False)
    assert t.start_date == date.fromisoformat(expected)
    assert type(t.start_date) is date


def test_invalid_days_are_dropped() -> None:
    assert find_calendar_dates("31 Esfand 1402") == []  # Esfand has 29 days in 1402
    assert persian_to_gregorian(1403, 12, 30) == date(2025, 3, 20)  # 1403 is a leap year
    assert hijri_to_gregorian(1200, 1, 1) is None  # outside Umm al-Qura's table
    assert bengali_to_gregorian(1430, 11, 31) is None
    assert bengali_to_gregorian(1431, 11, 30) is None  # Falgun 1431: February 2025 has 28 days


def test_bengali_falgun_has_30_days_when_february_has_29() -> None:
    assert bengali_to_gregorian(1430, 11, 30) == date(2024, 3, 14)  # February 2024 has 29
    assert bengali_to_gregorian(1430, 12, 1) == date(2024, 3, 15)
    assert bengali_to_gregorian(1429, 11, 29) == date(2023, 3, 14)


def test_find_timexes_reads_a_hijri_date_line_next_to_a_gregorian_one() -> None:
    found = find_timexes("Baghdad, 15 Rajab 1445 AH / 27 January 2024 - Rockets hit", None)
    assert [t.value for t in found] == ["2024-01-27", "2024-01-27"]


def test_offsets_point_into_native_script() -> None:
    text = "\u062a\u0647\u0631\u0627\u0646\u060c \u06f8 \u0628\u0647\u0645\u0646 \u06f1\u06f4\u06f0\u06f2 - x"
    [t] = find_calendar_dates(text)
    assert text[t.start : t.end] == t.text and t.text.startswith("\u06f8")
