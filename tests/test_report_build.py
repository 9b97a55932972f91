"""Security reports: figures, changes from the previous period, offline SVG, print layout."""

from __future__ import annotations

import re
from datetime import date

import pytest
from lxml import etree

from export_factories import add_demo_events, add_event
from sitrep.errors import ExportError
from sitrep.report import build_report, report_data
from sitrep.report.stats import previous_period
from sitrep.store import Store

FROM, TO = date(2024, 1, 15), date(2024, 2, 29)


@pytest.fixture
def demo(store: Store) -> Store:
    add_demo_events(store)
    add_event(store, id="old", event_date="2024-01-20", background=True)  # not counted
    add_event(store, id="fp", event_date="2024-01-21", review_status="false_positive")
    return store


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        (date(2024, 1, 15), date(2024, 2, 29), (date(2023, 11, 30), date(2024, 1, 14))),
        (date(2024, 3, 1), date(2024, 3, 1), (date(2024, 2, 29), date(2024, 2, 29))),
    ],
)
def test_report_previous_period_has_equal_length(
    start: date, end: date, before: tuple[date, date]
) -> None:
    assert previous_period(start, end) == before


def test_report_figures(demo: Store) -> None:
    data = report_data(demo, FROM, TO)
    assert len(data.events) == 13 and len(data.previous) == 4
    assert data.fatalities == 55
    anbar = next(c for c in data.by_province if c.name == "Al Anbar")
    assert (anbar.now, anbar.before, anbar.fatalities) == (3, 0, 16)
    erbil = next(c for c in data.by_province if c.name == "Erbil")
    assert (erbil.now, erbil.delta) == (0, -1)
    assert "Harakat al-Nujaba" in data.gone_actors
    assert "SDF: Syrian Democratic Forces" in data.new_actors
    assert data.most_fatal[0].location == "Al Mayadin"
    assert data.most_sourced[0].location == "Tower 22"
    assert sum(sum(series) for series in data.weekly.values()) == 13


def test_report_country_filter(demo: Store) -> None:
    data = report_data(demo, FROM, TO, country="Syria")
    assert {e.country for e in data.events} == {"Syria"}
    assert len(data.events) == 4


def test_report_html_is_offline_printable_and_well_formed(demo: Store) -> None:
    page = build_report(demo, FROM, TO)
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert "@page" in page and "size: A4" in page
    assert page.count("<svg") == 3  # weekly chart, map, provinces
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        etree.fromstring(svg.encode())  # each chart is well-formed XML
    assert "Tower 22" in page and "Al Mayadin" in page
    assert "https://news.example/" in page  # notable events link their sources


def test_report_escapes_names(store: Store) -> None:
    add_event(store, event_date="2024-01-20", actor1="<script>alert(1)</script>", admin1="A&B")
    page = build_report(store, FROM, TO)
    assert "<script>" not in page and "&lt;script&gt;" in page and "A&amp;B" in page


def test_report_markdown_has_tables_without_charts(demo: Store) -> None:
    text = build_report(demo, FROM, TO, fmt="markdown")
    assert text.startswith("# Security report: all countries")
    assert "<svg" not in text
    assert "| Al Anbar | 3 | 0 | +3 | 16 |" in text
    assert "**New actors:**" in text


def test_report_of_an_empty_period(store: Store) -> None:
    page = build_report(store, FROM, TO)
    assert "No incidents in this period" in page
    assert "| week starting |" in build_report(store, FROM, TO, fmt="markdown")


def test_report_rejects_bad_arguments(store: Store) -> None:
    with pytest.raises(ExportError, match="the end is first"):
        build_report(store, TO, FROM)
    with pytest.raises(ExportError, match="choose 'html' or 'markdown'"):
        build_report(store, FROM, TO, fmt="pdf")  # type: ignore[arg-type]
