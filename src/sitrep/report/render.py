"""Rendering a security report as a printable HTML page (inline SVG) or as Markdown."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape

from sitrep.models import EventRecord
from sitrep.report.stats import Change, ReportData
from sitrep.report.svg import bar_chart, colour_of, event_map, weekly_chart

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 Helvetica, Arial, sans-serif; color: #1d2326; margin: 0 auto;
       max-width: 190mm; padding: 8mm 0; background: #fff; }
header { border-bottom: 3px solid #1f3a4d; padding-bottom: 4mm; margin-bottom: 5mm; }
header .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 8.5pt; color: #5b6b75; }
h1 { font-size: 19pt; margin: 1mm 0 1mm; color: #1f3a4d; }
h2 { font-size: 12.5pt; color: #1f3a4d; border-bottom: 1px solid #c9d3d9; padding-bottom: 1mm;
     margin: 7mm 0 3mm; break-after: avoid; }
.meta { color: #5b6b75; font-size: 9pt; }
.figures { display: flex; gap: 3mm; margin: 4mm 0; }
.figure { flex: 1; border: 1px solid #d7dee3; border-radius: 2mm; padding: 3mm 4mm; background: #f7f9fa; }
.figure b { display: block; font-size: 18pt; color: #1f3a4d; }
.figure span { font-size: 8.5pt; color: #5b6b75; }
.up { color: #b03a2e; } .down { color: #1e7b4f; } .same { color: #5b6b75; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 9pt; }
th { text-align: left; background: #eef2f4; color: #33444f; font-weight: 600; }
th, td { padding: 1.3mm 2mm; border-bottom: 1px solid #e1e6e9; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart { break-inside: avoid; margin: 2mm 0 4mm; }
.cols { display: flex; gap: 6mm; } .cols > div { flex: 1; min-width: 0; }
.swatch { display: inline-block; width: 8pt; height: 8pt; margin-right: 3pt; vertical-align: -1pt; }
.event { break-inside: avoid; border-left: 3px solid #c9d3d9; padding: 1mm 0 1mm 3mm; margin: 2mm 0; }
.event .head { font-weight: 600; }
.event .src { font-size: 8.5pt; color: #4a5961; margin: .6mm 0 0 0; }
.event .src a { color: #1f5f8b; text-decoration: none; }
footer { margin-top: 8mm; font-size: 8pt; color: #6b7b88; border-top: 1px solid #d7dee3; padding-top: 2mm; }
@media print { body { padding: 0; } a { color: inherit; } .pagebreak { break-before: page; } }
"""


def _delta(change: int, *, html: bool = True) -> str:
    if change > 0:
        text = f"▲ {change}"
        return f"<span class='up'>{text}</span>" if html else f"+{change}"
    if change < 0:
        text = f"▼ {-change}"
        return f"<span class='down'>{text}</span>" if html else str(change)
    return "<span class='same'>=</span>" if html else "0"


def _period(data: ReportData) -> str:
    return f"{data.date_from:%d %B %Y} – {data.date_to:%d %B %Y}"


#: Characters that give Markdown (CommonMark, GFM tables) structure inside a line: escaped with
#: a backslash. (Line-start markers such as ``#`` or ``-`` cannot occur: no value starts a line.)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: object) -> str:
    """Untrusted text (actor names, places, titles, quotes) as literal Markdown: HTML
    characters as entities, so a renderer shows ``<script>`` instead of running it, Markdown
    specials escaped, so no link, emphasis or table cell is made by a name; one line."""
    value = " ".join(str(text).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def _md_link(label: object, url: str | None) -> str:
    """A Markdown link only for an http(s) address (never ``javascript:``), else the label."""
    if url and re.match(r"https?://[^\s<>]+$", url, flags=re.I):
        target = url.replace("(", "%28").replace(")", "%29")
        return f"[{_md(label)}](<{target}>)"
    return _md(label)


def _place(e: EventRecord) -> str:
    return ", ".join(p for p in (e.location, e.admin1, e.country) if p) or "place unknown"


def _changes_table(rows: list[Change], what: str, *, limit: int = 15) -> str:
    body = "".join(
        f"<tr><td>{escape(r.name)}</td><td class='n'>{r.now}</td><td class='n'>{r.before}</td>"
        f"<td class='n'>{_delta(r.delta)}</td><td class='n'>{r.fatalities}</td></tr>"
        for r in rows[:limit]
    )
    more = f"<p class='meta'>… and {len(rows) - limit} more</p>" if len(rows) > limit else ""
    return (
        f"<table><thead><tr><th>{escape(what)}</th><th class='n'>incidents</th>"
        "<th class='n'>previous</th><th class='n'>change</th><th class='n'>fatalities</th>"
        f"</tr></thead><tbody>{body}</tbody></table>{more}"
    )


def _event_html(e: EventRecord) -> str:
    sources = "".join(
        "<p class='src'>"
        + (
            f"<a href='{escape(s.url)}'>{escape(s.outlet or s.url)}</a>"
            if s.url
            else escape(s.outlet or "source")
        )
        + (f", {escape(s.published[:10])}" if s.published else "")
        + f": “{escape(s.sentence[:240])}”</p>"
        for s in e.sources[:4]
    )
    if len(e.sources) > 4:
        sources += f"<p class='src'>… and {len(e.sources) - 4} more sources</p>"
    actors = " vs ".join(escape(a) for a in (e.actor1, e.actor2) if a)
    return (
        f"<div class='event'><div class='head'><span class='swatch' "
        f"style='background:{colour_of(e.event_type)}'></span>{escape(e.event_date or '')} · "
        f"{escape(e.sub_event_type or e.event_type or '')} · {escape(_place(e))}</div>"
        f"<div>{actors} — <b>{e.fatalities}</b> killed"
        + (f", {e.injuries} injured" if e.injuries else "")
        + f", {len(e.sources)} source(s)</div>{sources}</div>"
    )


def render_html(data: ReportData, *, title: str | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no scripts)."""
    where = data.country or "all countries"
    title = title or f"Security report: {where}"
    n_now, n_before = len(data.events), len(data.previous)
    figures = [
        (str(n_now), f"incidents ({_delta(n_now - n_before)} vs previous)"),
        (
            str(data.fatalities),
            f"fatalities ({_delta(data.fatalities - data.previous_fatalities)})",
        ),
        (str(data.injuries), "injuries reported"),
        (str(len({e.admin1 for e in data.events if e.admin1})), "provinces affected"),
    ]
    figure_html = "".join(
        f"<div class='figure'><b>{v}</b><span>{t}</span></div>" for v, t in figures
    )
    actors = "".join(
        f"<tr><td>{escape(name)}</td><td class='n'>{n}</td><td class='n'>{a1}</td>"
        f"<td class='n'>{a2}</td></tr>"
        for name, n, a1, a2 in data.by_actor[:12]
    )
    new_actors = ", ".join(escape(a) for a in data.new_actors) or "none"
    gone = ", ".join(escape(a) for a in data.gone_actors) or "none"
    notable_fatal = "".join(_event_html(e) for e in data.most_fatal) or "<p>No fatalities.</p>"
    notable_sourced = "".join(_event_html(e) for e in data.most_sourced) or "<p>No sources.</p>"
    empty = "<p class='meta'>No incidents in this period.</p>" if not data.events else ""
    generated = datetime.now(UTC).strftime("%d %B %Y %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>
<body>
<header><div class="kicker">sitrep · security report</div><h1>{escape(title)}</h1>
<div class="meta">{_period(data)} · compared with {data.previous_from:%d %b} – {data.previous_to:%d %b %Y}
· generated {generated}</div></header>
<section class="figures">{figure_html}</section>{empty}
<h2>Incidents per week, by type</h2>
<div class="chart">{weekly_chart(data.weeks, data.weekly)}</div>
<h2>Where: incidents by province</h2>
<div class="chart">{event_map(data.events, country=data.country)}</div>
<div class="chart">{bar_chart(data.by_province)}</div>
<h2 class="pagebreak">What changed from the previous period</h2>
<div class="cols"><div>{_changes_table(data.by_type, "event type")}</div>
<div>{_changes_table(data.by_province, "province (admin1)")}</div></div>
<p><b>New actors</b> (not seen in the previous period): {new_actors}.</p>
<p><b>No longer active</b> (seen before, not now): {gone}.</p>
<h2>Actors</h2>
<table><thead><tr><th>actor</th><th class="n">incidents</th><th class="n">as actor 1</th>
<th class="n">as actor 2</th></tr></thead><tbody>{actors}</tbody></table>
<h2>Notable events: most fatalities</h2>{notable_fatal}
<h2>Notable events: most sources</h2>{notable_sourced}
<footer>Counts are of sitrep events (background mentions, false positives and merged events
excluded), coded with ACLED's categories. Map outlines are approximate and for orientation only.
Each event links to the reports it was coded from.</footer>
</body></html>
"""


def render_markdown(data: ReportData, *, title: str | None = None) -> str:
    """The report as Markdown: the same figures and tables, without charts."""
    where = data.country or "all countries"
    lines = [
        f"# {_md(title or f'Security report: {where}')}",
        "",
        f"{_period(data)}, compared with {data.previous_from:%d %b} – {data.previous_to:%d %b %Y}.",
        "",
        f"- **{len(data.events)}** incidents "
        f"({_delta(len(data.events) - len(data.previous), html=False)} vs previous period)",
        f"- **{data.fatalities}** fatalities "
        f"({_delta(data.fatalities - data.previous_fatalities, html=False)}), "
        f"**{data.injuries}** injuries reported",
        "",
        "## Incidents per week, by type",
        "",
        "| week starting | " + " | ".join(_md(t) for t in data.weekly) + " |",
        "|---|" + "---:|" * len(data.weekly),
    ]
    for i, week in enumerate(data.weeks):
        cells = " | ".join(str(series[i]) for series in data.weekly.values())
        lines.append(f"| {week.isoformat()} | {cells} |")
    for rows, what in ((data.by_type, "event type"), (data.by_province, "province (admin1)")):
        lines += [
            "",
            f"## By {what}",
            "",
            f"| {what} | incidents | previous | change | fatalities |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {_md(r.name)} | {r.now} | {r.before} | {_delta(r.delta, html=False)} "
            f"| {r.fatalities} |"
            for r in rows
        ]
    lines += [
        "",
        "## Actors",
        "",
        "| actor | incidents | as actor 1 | as actor 2 |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {_md(n)} | {c} | {a1} | {a2} |" for n, c, a1, a2 in data.by_actor[:20]]
    lines += [
        "",
        f"**New actors:** {', '.join(_md(a) for a in data.new_actors) or 'none'}.",
        "",
        f"**No longer active:** {', '.join(_md(a) for a in data.gone_actors) or 'none'}.",
    ]
    for heading, events in (
        ("Notable events: most fatalities", data.most_fatal),
        ("Notable events: most sources", data.most_sourced),
    ):
        lines += ["", f"## {heading}", ""]
        for e in events:
            actors = " vs ".join(_md(a) for a in (e.actor1, e.actor2) if a)
            kind = _md(e.sub_event_type or e.event_type or "")
            lines.append(
                f"- **{_md(e.event_date or '')}** {kind}, {_md(_place(e))}: {actors}; "
                f"{e.fatalities} killed, {len(e.sources)} source(s)"
            )
            for s in e.sources[:4]:
                link = _md_link(s.outlet or s.url or "source", s.url)
                lines.append(f"  - {link}: “{_md(s.sentence[:240])}”")
    return "\n".join(lines) + "\n"
