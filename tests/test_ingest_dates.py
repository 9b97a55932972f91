"""Publication dates: every written form, URL dates, and the order of trust between sources."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.ingest.dates import (
    DateCandidate,
    choose_published,
    date_from_url,
    jalali_to_gregorian,
    parse_date,
)
from sitrep.ingest.parse import parse_item
from sitrep.models import RawItem

PLUS3 = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("03 February 2026 18:02 PM", datetime(2026, 2, 3, 18, 2), "day"),
        ("January 22, 2024", datetime(2024, 1, 22), "day"),
        ("21 January 2024", datetime(2024, 1, 21), "day"),
        ("Published: 2024-02-03T10:15:00+03:00", datetime(2024, 2, 3, 10, 15, tzinfo=PLUS3), "day"),
        ("2024-02-03T10:15:00Z", datetime(2024, 2, 3, 10, 15, tzinfo=UTC), "day"),
        (
            "Jan. 28, 2024 6:02 pm EST",
            datetime(2024, 1, 28, 18, 2, tzinfo=timezone(timedelta(hours=-5))),
            "day",
        ),
        (
            "Sunday, 28th of January 2024 at 14:30 GMT+3",
            datetime(2024, 1, 28, 14, 30, tzinfo=PLUS3),
            "day",
        ),
        ("12:30 AM? no: 1 March 2024 12:30 AM", datetime(2024, 3, 1, 0, 30), "day"),
        ("28/01/2024", datetime(2024, 1, 28), "day"),
        ("01/28/2024", datetime(2024, 1, 28), "day"),
        ("2024/01/28", datetime(2024, 1, 28), "day"),
        ("January 2024", datetime(2024, 1, 1), "month"),
        ("2024", datetime(2024, 1, 1), "year"),
        ("বুধবার, ৪ ফেব্রুয়ারি ২০২৬", datetime(2026, 2, 4), "day"),
        ("বুধবার, ৪ ফেব্রুয়ারি ২০২৬ | ২১ মাঘ ১৪৩২ বঙ্গাব্দ", datetime(2026, 2, 4), "day"),
        ("٢٨ يناير ٢٠٢٤", datetime(2024, 1, 28), "day"),
        ("الثلاثاء 16 شباط 2021", datetime(2021, 2, 16), "day"),
        ("28 كانون الثاني 2024", datetime(2024, 1, 28), "day"),
        ("۸ بهمن ۱۴۰۲", datetime(2024, 1, 28), "day"),
        ("۲۸ ژانویه ۲۰۲۴", datetime(2024, 1, 28), "day"),
        ("28 janvier 2024", datetime(2024, 1, 28), "day"),
    ],
)
def test_dates_parse_every_listed_form(text: str, expected: datetime, precision: str) -> None:
    assert parse_date(text) == (expected, precision)


@pytest.mark.parametrize(
    "text", ["", "no date here", "২১ মাঘ ১৪৩২", "15 Rajab 1445 AH", "31 February 2024"]
)
def test_dates_non_gregorian_or_impossible_dates_are_not_read(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/world/2024/01/28/rockets-hit-base/", (datetime(2024, 1, 28), "day")),
        ("https://x.com/2024-01-28-rockets", (datetime(2024, 1, 28), "day")),
        ("https://x.com/news/20240128/rockets", (datetime(2024, 1, 28), "day")),
        ("https://x.com/iraq/2019/12/story", (datetime(2019, 12, 1), "month")),
        ("https://x.com/story-1234567", None),
        (None, None),
    ],
)
def test_dates_from_url_patterns(url: str | None, expected: object) -> None:
    assert date_from_url(url) == expected


def test_dates_solar_hijri_new_year_and_leap_day() -> None:
    assert jalali_to_gregorian(1403, 1, 1) == datetime(2024, 3, 20)
    assert jalali_to_gregorian(1399, 12, 30) == datetime(2021, 3, 20)
    assert jalali_to_gregorian(1402, 13, 1) is None


def _candidate(day: int, source: str, *, updated: bool = False) -> DateCandidate:
    return DateCandidate(datetime(2024, 1, day), "day", source, str(day), updated)  # type: ignore[arg-type]


def test_dates_trust_order_user_first_then_metadata_then_text_then_url() -> None:
    pool = [
        _candidate(5, "url"),
        _candidate(4, "byline"),
        _candidate(3, "meta"),
        _candidate(2, "user"),
    ]
    assert choose_published(pool).source == "user"  # type: ignore[union-attr]
    assert choose_published(pool[:3]).source == "meta"  # type: ignore[union-attr]
    assert choose_published(pool[:2]).source == "byline"  # type: ignore[union-attr]


def test_dates_published_beats_updated() -> None:
    chosen = choose_published([_candidate(9, "meta", updated=True), _candidate(7, "byline")])
    assert chosen is not None and chosen.value.day == 7
    only_updated = choose_published([_candidate(9, "meta", updated=True)])
    assert only_updated is not None and only_updated.value.day == 9


def _text_item(text: str, **hints: object) -> RawItem:
    return RawItem(
        source="story.txt", raw=text.encode("utf-8"), media_type="text", hints=dict(hints)
    )


STORY = "Rockets struck the Ain al-Asad air base in western Iraq on Saturday, officials said, without casualties."


def test_dates_event_dates_in_the_body_are_never_the_publication_date() -> None:
    text = f"Rockets hit the base again\n\n{STORY}\n\nOn 3 January 2020 a US strike killed Qassem Soleimani near Baghdad airport."
    article = parse_item(_text_item(text))
    assert article.published is None
    assert article.published_missing_reason == "no date in metadata, text or URL"


def test_dates_user_date_wins_over_text() -> None:
    article = parse_item(
        _text_item(
            f"Rockets hit the base again\n\n21 January 2024\n\n{STORY}",
            published="2024-01-22",
            published_from="user",
        )
    )
    assert article.published == datetime(2024, 1, 22)
    assert article.published_from == "user"


def test_dates_text_header_date_with_stray_pm_keeps_the_minute() -> None:
    article = parse_item(
        _text_item(f"Rockets hit the base again\n\n03 February 2026 18:02 PM\n\n{STORY}")
    )
    assert article.published == datetime(2026, 2, 3, 18, 2)
    assert (article.published_precision, article.published_from) == ("day", "byline")


def test_dates_url_is_used_when_nothing_else_dates_the_article() -> None:
    article = parse_item(
        _text_item(f"Rockets hit the base again\n\n{STORY}", url="https://x.com/2024/01/28/rockets")
    )
    assert (article.published, article.published_from) == (datetime(2024, 1, 28), "url")


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31)))
def test_dates_written_forms_round_trip(value: datetime) -> None:
    day = value.replace(hour=0, minute=0, second=0, microsecond=0)
    assert parse_date(day.strftime("%d %B %Y")) == (day, "day")
    assert parse_date(day.strftime("%B %d, %Y")) == (day, "day")
    minute = value.replace(second=0, microsecond=0)
    assert parse_date(minute.strftime("%Y-%m-%d %H:%M")) == (minute, "day")
