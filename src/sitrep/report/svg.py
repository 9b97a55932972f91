"""Charts and a map as inline SVG, drawn here so reports need no JavaScript and no network.

The map uses an equirectangular projection scaled by the cosine of the middle latitude (fine at
the scale of a few countries), a one- or two-degree graticule, the approximate outlines from
``sitrep.report.outlines`` and one circle per event, sized by fatalities and coloured by type.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from html import escape

from sitrep.models import EventRecord
from sitrep.report.outlines import OUTLINES
from sitrep.report.stats import UNKNOWN, Change

#: One colour per ACLED event type (colour-blind-safe palette, also legible in greyscale print).
TYPE_COLOURS: dict[str, str] = {
    "Explosions/Remote violence": "#d55e00",
    "Battles": "#0072b2",
    "Violence against civilians": "#cc79a7",
    "Strategic developments": "#009e73",
    "Protests": "#e69f00",
    "Riots": "#56b4e9",
    UNKNOWN: "#999999",
}

FONT = "font-family='Helvetica, Arial, sans-serif'"


def colour_of(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or UNKNOWN, "#999999")


def _nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` that splits into four whole-number steps."""
    for candidate in (4, 8, 12, 16, 20, 40, 60, 80, 100):
        if value <= candidate:
            return candidate
    magnitude = 10 ** int(math.log10(value))
    for step in (2, 4, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 20 * magnitude


def legend(types: list[str], x: float, y: float) -> str:
    items = []
    for i, name in enumerate(types):
        yy = y + i * 16
        items.append(
            f"<rect x='{x}' y='{yy - 9}' width='10' height='10' fill='{colour_of(name)}'/>"
            f"<text x='{x + 15}' y='{yy}' font-size='11' {FONT}>{escape(name)}</text>"
        )
    return "".join(items)


def weekly_chart(weeks: list[date], weekly: dict[str, list[int]], *, width: int = 680) -> str:
    """Incidents per week, stacked by event type."""
    height, left, bottom, top = 240, 36, 34, 12
    legend_w = 190
    plot_w = width - left - legend_w - 10
    plot_h = height - top - bottom
    totals = [sum(series[i] for series in weekly.values()) for i in range(len(weeks))]
    ymax = _nice_max(max(totals, default=0))
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
        f"width='100%' role='img' aria-label='Incidents per week by type'>"
    ]
    for k in range(5):  # horizontal grid with labels
        value = ymax * k / 4
        y = top + plot_h - plot_h * k / 4
        parts.append(
            f"<line x1='{left}' x2='{left + plot_w}' y1='{y:.1f}' y2='{y:.1f}' stroke='#e3e3e3'/>"
            f"<text x='{left - 4}' y='{y + 4:.1f}' font-size='10' text-anchor='end' {FONT}>"
            f"{value:g}</text>"
        )
    slot = plot_w / max(len(weeks), 1)
    bar_w = max(slot * 0.7, 1)
    label_every = max(1, math.ceil(len(weeks) / 10))
    for i, week in enumerate(weeks):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        for name, series in weekly.items():
            if not series[i]:
                continue
            h = plot_h * series[i] / ymax
            y -= h
            parts.append(
                f"<rect x='{x:.1f}' y='{y:.1f}' width='{bar_w:.1f}' height='{h:.1f}' "
                f"fill='{colour_of(name)}'><title>{escape(name)}: {series[i]}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f"<text x='{x + bar_w / 2:.1f}' y='{top + plot_h + 14}' font-size='10' "
                f"text-anchor='middle' {FONT}>{week.strftime('%d %b')}</text>"
            )
    parts.append(
        f"<line x1='{left}' x2='{left + plot_w}' y1='{top + plot_h}' y2='{top + plot_h}' "
        "stroke='#555'/>"
        f"<text x='{left + plot_w / 2}' y='{height - 4}' font-size='10' text-anchor='middle' "
        f"fill='#555' {FONT}>week starting</text>"
    )
    parts.append(legend(list(weekly), left + plot_w + 16, top + 12))
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(rows: list[Change], *, width: int = 680, limit: int = 12) -> str:
    """Horizontal bars: incidents per province this period, with the previous period's mark."""
    rows = rows[:limit]
    bar_h, gap, label_w, top = 16, 6, 170, 8
    height = top + len(rows) * (bar_h + gap) + 24
    plot_w = width - label_w - 60
    xmax = _nice_max(max([max(r.now, r.before) for r in rows], default=0))
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
        "width='100%' role='img' aria-label='Incidents per province'>"
    ]
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = plot_w * row.now / xmax
        prev_x = label_w + plot_w * row.before / xmax
        parts.append(
            f"<text x='{label_w - 6}' y='{y + bar_h - 4}' font-size='11' text-anchor='end' "
            f"{FONT}>{escape(row.name[:28])}</text>"
            f"<rect x='{label_w}' y='{y}' width='{w:.1f}' height='{bar_h}' fill='#3b6e8f'>"
            f"<title>{escape(row.name)}: {row.now} (previous {row.before})</title></rect>"
            f"<line x1='{prev_x:.1f}' x2='{prev_x:.1f}' y1='{y - 2}' y2='{y + bar_h + 2}' "
            "stroke='#111' stroke-width='2'/>"
            f"<text x='{label_w + w + 6:.1f}' y='{y + bar_h - 4}' font-size='11' {FONT}>"
            f"{row.now}</text>"
        )
    parts.append(
        f"<text x='{label_w}' y='{height - 6}' font-size='10' fill='#555' {FONT}>"
        "bars: this period; black tick: previous period</text></svg>"
    )
    return "".join(parts)


# --------------------------------------------------------------------------- map


def _bounds(events: list[EventRecord], country: str | None) -> tuple[float, float, float, float]:
    points = [(e.longitude, e.latitude) for e in events if e.latitude is not None]
    if not points and country and country in OUTLINES:
        points = list(OUTLINES[country])
    if not points:
        points = [(38.5, 29.0), (48.6, 37.4)]  # Iraq and Syria
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    min_lon, max_lon = min(lons) - 1.0, max(lons) + 1.0  # type: ignore[type-var, operator]
    min_lat, max_lat = min(lats) - 1.0, max(lats) + 1.0  # type: ignore[type-var, operator]
    # keep a sensible minimum extent so one event does not fill the page
    if max_lon - min_lon < 4:
        mid = (max_lon + min_lon) / 2
        min_lon, max_lon = mid - 2, mid + 2
    if max_lat - min_lat < 3:
        mid = (max_lat + min_lat) / 2
        min_lat, max_lat = mid - 1.5, mid + 1.5
    return float(min_lon), float(min_lat), float(max_lon), float(max_lat)


def event_map(events: list[EventRecord], *, country: str | None = None, width: int = 680) -> str:
    """Events on a map with approximate country outlines, a graticule and province labels."""
    min_lon, min_lat, max_lon, max_lat = _bounds(events, country)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = width / ((max_lon - min_lon) * kx)
    height = int((max_lat - min_lat) * scale)
    if height > 560:  # keep the map on one A4 page: widen the longitude span instead
        scale = 560 / (max_lat - min_lat)
        height = 560
        extra = (width / (scale * kx) - (max_lon - min_lon)) / 2
        min_lon, max_lon = min_lon - extra, max_lon + extra

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - min_lon) * kx * scale, (max_lat - lat) * scale

    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='100%' "
        "role='img' aria-label='Map of incidents'>"
        f"<defs><clipPath id='frame'><rect width='{width}' height='{height}'/></clipPath></defs>"
        f"<rect width='{width}' height='{height}' fill='#e9eef1'/><g clip-path='url(#frame)'>"
    ]
    for name, ring in OUTLINES.items():
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in ring))
        fill = "#ffffff" if country in (None, name) else "#f7f7f2"
        parts.append(
            f"<polygon points='{path}' fill='{fill}' stroke='#8a8a8a' stroke-width='1'>"
            f"<title>{escape(name)}</title></polygon>"
        )
        cx = sum(p[0] for p in ring) / len(ring)
        cy = sum(p[1] for p in ring) / len(ring)
        x, y = xy(cx, cy)
        parts.append(
            f"<text x='{x:.1f}' y='{y:.1f}' font-size='15' fill='#b9b9b9' text-anchor='middle' "
            f"letter-spacing='3' {FONT}>{escape(name.upper())}</text>"
        )
    step = 1 if max_lon - min_lon <= 8 else 2
    for lon in range(math.ceil(min_lon), math.floor(max_lon) + 1):
        if lon % step:
            continue
        x, _ = xy(lon, 0)
        parts.append(
            f"<line x1='{x:.1f}' x2='{x:.1f}' y1='0' y2='{height}' stroke='#d5dde3' "
            f"stroke-dasharray='2,3'/><text x='{x + 2:.1f}' y='{height - 4}' font-size='9' "
            f"fill='#6b7b88' {FONT}>{lon}°E</text>"
        )
    for lat in range(math.ceil(min_lat), math.floor(max_lat) + 1):
        if lat % step:
            continue
        _, y = xy(0, lat)
        parts.append(
            f"<line x1='0' x2='{width}' y1='{y:.1f}' y2='{y:.1f}' stroke='#d5dde3' "
            f"stroke-dasharray='2,3'/><text x='3' y='{y - 2:.1f}' font-size='9' fill='#6b7b88' "
            f"{FONT}>{lat}°N</text>"
        )
    placed = sorted(
        (e for e in events if e.latitude is not None and e.longitude is not None),
        key=lambda e: -(e.fatalities or 0),
    )
    for e in placed:
        x, y = xy(e.longitude, e.latitude)  # type: ignore[arg-type]
        r = 3.5 + 2.2 * math.sqrt(e.fatalities or 0)
        label = f"{e.event_date} {e.sub_event_type or e.event_type or ''}, {e.location or ''}"
        parts.append(
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{min(r, 18):.1f}' fill='{colour_of(e.event_type)}' "
            f"fill-opacity='0.75' stroke='#ffffff' stroke-width='0.8'><title>{escape(label)} "
            f"({e.fatalities} killed)</title></circle>"
        )
    # province labels at the middle of their events, busiest first
    spots: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for e in placed:
        if e.admin1:
            spots[e.admin1].append(xy(e.longitude, e.latitude))  # type: ignore[arg-type]
    for name, pts in sorted(spots.items(), key=lambda kv: -len(kv[1]))[:10]:
        x = sum(p[0] for p in pts) / len(pts)
        y = min(p[1] for p in pts) - 10
        parts.append(
            f"<text x='{x:.1f}' y='{y:.1f}' font-size='11' text-anchor='middle' fill='#222' "
            f"stroke='#ffffff' stroke-width='3' paint-order='stroke' {FONT}>{escape(name)}</text>"
        )
    parts.append("</g>")
    types = sorted({e.event_type or UNKNOWN for e in placed})
    if types:
        box_h = 16 * len(types) + 10
        parts.append(
            f"<rect x='{width - 205}' y='8' width='198' height='{box_h}' "
            "fill='#ffffff' fill-opacity='0.85' stroke='#cccccc'/>"
        )
        parts.append(legend(types, width - 198, 24))
    parts.append(f"<rect width='{width}' height='{height}' fill='none' stroke='#9aa5ad'/></svg>")
    return "".join(parts)
