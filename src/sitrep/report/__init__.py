"""Security reports: incidents per week, province, type and actor, changes, a map, notable events.

``build_report`` reads the store through the shared ``EventFilter`` (so a report counts exactly
what an export with the same filter would write) and renders offline: inline SVG, no scripts.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from sitrep.errors import ExportError
from sitrep.export.io import iter_event_records
from sitrep.report.render import render_html, render_markdown
from sitrep.report.stats import ReportData, compute, previous_period
from sitrep.store.db import Store
from sitrep.store.queries import EventFilter

__all__ = ["ReportData", "build_report", "report_data"]


def report_data(
    store: Store, date_from: date, date_to: date, *, country: str | None = None
) -> ReportData:
    """The figures of a report on ``date_from``..``date_to`` (inclusive) and the period before."""
    if date_to < date_from:
        raise ExportError(f"cannot build a report from {date_from} to {date_to}: the end is first")
    countries = [country] if country else None
    flt = EventFilter(date_from=date_from, date_to=date_to, country=countries, background=False)
    prev_from, prev_to = previous_period(date_from, date_to)
    before = EventFilter(date_from=prev_from, date_to=prev_to, country=countries, background=False)
    events = list(iter_event_records(store, flt))
    previous = list(iter_event_records(store, before))
    return compute(events, previous, date_from, date_to, country=country)


def build_report(
    store: Store,
    date_from: date,
    date_to: date,
    *,
    country: str | None = None,
    fmt: Literal["html", "markdown"] = "html",
    title: str | None = None,
) -> str:
    """A security report for the period as a printable HTML page or as Markdown."""
    if fmt not in ("html", "markdown"):
        raise ExportError(f"cannot build a report as {fmt!r}: choose 'html' or 'markdown'")
    data = report_data(store, date_from, date_to, country=country)
    if fmt == "markdown":
        return render_markdown(data, title=title)
    return render_html(data, title=title)
