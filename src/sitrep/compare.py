"""Comparing sitrep's events with a reference dataset (e.g. ACLED's own coding of the same weeks).

The matching rule, shared with ``sitrep evaluate``:

1. A pair is a *candidate* when the two events are of the same family (same ``event_type``, or
   the same ``sub_event_type`` when an event type is missing), their dates are at most
   ``tolerance_days`` apart, and their places agree: within ``radius_km`` of each other when
   both have coordinates, otherwise the same ``admin1`` and the same ``location`` (ignoring case).
2. Each candidate gets a score: 1, plus 0.5 for the same sub-event type, plus up to 0.25 for
   closeness in time and up to 0.25 for closeness in space, plus 0.25 for the same actor1 and
   0.1 for the same fatality count.
3. Pairs are taken greedily, best score first (ties broken by the events' order), each event
   used at most once. What is left of the reference is *missed*, what is left of sitrep's is
   *extra*.

Per-field agreement is then measured over the matched pairs only.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sitrep.errors import ExportError
from sitrep.geo.distance import haversine_km
from sitrep.models import EventRecord

#: The fields whose agreement is measured, in report order.
AGREEMENT_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "event_date", "place", "admin1", "actor1", "actor2",
    "fatalities",
)  # fmt: skip

PLACE_AGREEMENT_KM = 25.0


@dataclass
class Match:
    """One sitrep event paired with one reference event."""

    ours: EventRecord
    reference: EventRecord
    score: float
    days: int
    km: float | None  # None when either event has no coordinates


@dataclass
class FieldAgreement:
    """How often a field agrees over the matched pairs where both sides have a value."""

    agree: int = 0
    compared: int = 0

    @property
    def rate(self) -> float | None:
        return self.agree / self.compared if self.compared else None


@dataclass
class Comparison:
    """The outcome of :func:`compare`."""

    matched: list[Match] = field(default_factory=list)
    missed: list[EventRecord] = field(default_factory=list)  # in the reference only
    extra: list[EventRecord] = field(default_factory=list)  # in sitrep's events only
    agreement: dict[str, FieldAgreement] = field(default_factory=dict)
    tolerance_days: int = 1
    radius_km: float = 25.0

    @property
    def precision(self) -> float:
        total = len(self.matched) + len(self.extra)
        return len(self.matched) / total if total else 0.0

    @property
    def recall(self) -> float:
        total = len(self.matched) + len(self.missed)
        return len(self.matched) / total if total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _same_text(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and a.strip().lower() == b.strip().lower()  # type: ignore[union-attr]


def _distance(a: EventRecord, b: EventRecord) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km((a.latitude, a.longitude), (b.latitude, b.longitude))  # type: ignore[arg-type]


def _same_family(a: EventRecord, b: EventRecord) -> bool:
    if a.event_type and b.event_type:
        return a.event_type == b.event_type
    return bool(a.sub_event_type) and a.sub_event_type == b.sub_event_type


def _day(record: EventRecord) -> date | None:
    try:
        return date.fromisoformat(record.event_date) if record.event_date else None
    except ValueError:
        return None


def pair_score(
    ours: EventRecord, reference: EventRecord, *, tolerance_days: int = 1, radius_km: float = 25.0
) -> tuple[float, int, float | None] | None:
    """(score, days apart, km apart) when the two events are a candidate pair, else None."""
    if not _same_family(ours, reference):
        return None
    d1, d2 = _day(ours), _day(reference)
    if d1 is None or d2 is None:
        return None
    days = abs((d1 - d2).days)
    if days > tolerance_days:
        return None
    km = _distance(ours, reference)
    if km is not None:
        if km > radius_km:
            return None
        near = 1 - km / radius_km if radius_km else 1.0
    elif _same_text(ours.admin1, reference.admin1) and _same_text(
        ours.location, reference.location
    ):
        near = 1.0
    else:
        return None
    score = 1.0 + 0.25 * (1 - days / (tolerance_days + 1)) + 0.25 * near
    if ours.sub_event_type and ours.sub_event_type == reference.sub_event_type:
        score += 0.5
    if _same_text(ours.actor1, reference.actor1):
        score += 0.25
    if ours.fatalities == reference.fatalities:
        score += 0.1
    return score, days, km


def _agreement(matches: list[Match]) -> dict[str, FieldAgreement]:
    result = {name: FieldAgreement() for name in AGREEMENT_FIELDS}
    for m in matches:
        a, b = m.ours, m.reference
        for name in ("event_type", "sub_event_type", "event_date", "admin1", "actor1", "actor2"):
            x, y = getattr(a, name), getattr(b, name)
            if x or y:  # both empty says nothing (e.g. no second actor on either side)
                result[name].compared += 1
                result[name].agree += int(_same_text(x, y))
        if m.km is not None:
            result["place"].compared += 1
            result["place"].agree += int(m.km <= PLACE_AGREEMENT_KM)
        result["fatalities"].compared += 1
        result["fatalities"].agree += int(a.fatalities == b.fatalities)
    return result


def compare(
    ours: list[EventRecord],
    reference: list[EventRecord],
    *,
    tolerance_days: int = 1,
    radius_km: float = 25.0,
) -> Comparison:
    """Match sitrep's events with a reference dataset's by the rule in this module's docstring."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for j, ref in enumerate(reference):
        day = _day(ref)
        if day is not None:
            by_day[day].append(j)
    candidates: list[tuple[float, int, int, int, float | None]] = []
    for i, event in enumerate(ours):
        day = _day(event)
        if day is None:
            continue
        for offset in range(-tolerance_days, tolerance_days + 1):
            for j in by_day.get(date.fromordinal(day.toordinal() + offset), ()):
                scored = pair_score(
                    event, reference[j], tolerance_days=tolerance_days, radius_km=radius_km
                )
                if scored is not None:
                    candidates.append((scored[0], i, j, scored[1], scored[2]))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_ours: set[int] = set()
    used_ref: set[int] = set()
    matched: list[Match] = []
    for score, i, j, days, km in candidates:
        if i in used_ours or j in used_ref:
            continue
        used_ours.add(i)
        used_ref.add(j)
        matched.append(Match(ours[i], reference[j], round(score, 4), days, km))
    matched.sort(key=lambda m: (m.reference.event_date or "", m.reference.event_id_cnty or ""))
    return Comparison(
        matched=matched,
        missed=[r for j, r in enumerate(reference) if j not in used_ref],
        extra=[e for i, e in enumerate(ours) if i not in used_ours],
        agreement=_agreement(matched),
        tolerance_days=tolerance_days,
        radius_km=radius_km,
    )


# --------------------------------------------------------------------------- rendering


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _label(record: EventRecord) -> list[str]:
    return [
        record.event_id_cnty or record.event_id or "",
        record.event_date or "",
        record.sub_event_type or record.event_type or "",
        ", ".join(p for p in (record.location, record.admin1, record.country) if p),
        record.actor1 or "",
        str(record.fatalities),
    ]


_EVENT_HEAD = ["id", "date", "type", "place", "actor1", "fatalities"]


def _summary_rows(c: Comparison) -> list[tuple[str, str]]:
    return [
        ("sitrep events", str(len(c.matched) + len(c.extra))),
        ("reference events", str(len(c.matched) + len(c.missed))),
        ("matched", str(len(c.matched))),
        ("missed (reference only)", str(len(c.missed))),
        ("extra (sitrep only)", str(len(c.extra))),
        ("precision", _pct(c.precision)),
        ("recall", _pct(c.recall)),
        ("F1", _pct(c.f1)),
    ]


def _markdown(c: Comparison, limit: int) -> str:
    out = [
        "# sitrep compared with the reference",
        "",
        f"Matching: same event type, dates within {c.tolerance_days} day(s), places within "
        f"{c.radius_km:g} km (or same admin1 and location), one-to-one, best score first.",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in _summary_rows(c)],
        "",
        "## Agreement on matched events",
        "",
        "| field | agree | compared | rate |",
        "|---|---:|---:|---:|",
        *[
            f"| {name} | {a.agree} | {a.compared} | {_pct(a.rate)} |"
            for name, a in c.agreement.items()
        ],
    ]

    def table(title: str, records: list[EventRecord]) -> list[str]:
        rows = [f"## {title} ({len(records)})", "", "| " + " | ".join(_EVENT_HEAD) + " |"]
        rows.append("|" + "---|" * len(_EVENT_HEAD))
        for record in records[:limit]:
            cells = [v.replace("|", "\\|") for v in _label(record)]
            rows.append("| " + " | ".join(cells) + " |")
        if len(records) > limit:
            rows.append(f"\n… and {len(records) - limit} more")
        return ["", *rows]

    out += table("Missed: in the reference only", c.missed)
    out += table("Extra: in sitrep only", c.extra)
    return "\n".join(out) + "\n"


def _html(c: Comparison, limit: int) -> str:
    esc = html.escape

    def table(head: list[str], rows: list[list[str]]) -> str:
        thead = "".join(f"<th>{esc(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{thead}</tr></thead><tbody>{body}</tbody></table>"

    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>sitrep compared with the reference</title><style>",
        "body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}",
        "table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}",
        "td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}",
        "th{background:#f4f4f4}@page{size:A4;margin:15mm}",
        "</style></head><body><h1>sitrep compared with the reference</h1>",
        f"<p>Matching: same event type, dates within {c.tolerance_days} day(s), places within "
        f"{c.radius_km:g} km (or same admin1 and location), one-to-one, best score first.</p>",
        table(["", ""], [list(r) for r in _summary_rows(c)]),
        "<h2>Agreement on matched events</h2>",
        table(
            ["field", "agree", "compared", "rate"],
            [[n, str(a.agree), str(a.compared), _pct(a.rate)] for n, a in c.agreement.items()],
        ),
    ]
    for title, records in (
        ("Missed: in the reference only", c.missed),
        ("Extra: in sitrep only", c.extra),
    ):
        parts.append(f"<h2>{esc(title)} ({len(records)})</h2>")
        parts.append(table(_EVENT_HEAD, [_label(r) for r in records[:limit]]))
        if len(records) > limit:
            parts.append(f"<p>… and {len(records) - limit} more</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def render_comparison(
    c: Comparison, fmt: Literal["html", "markdown"] = "html", *, limit: int = 200
) -> str:
    """The comparison as a stand-alone HTML page or Markdown (lists cut at ``limit`` rows)."""
    if fmt == "markdown":
        return _markdown(c, limit)
    if fmt == "html":
        return _html(c, limit)
    raise ExportError(f"cannot render a comparison as {fmt!r}: choose 'html' or 'markdown'")
