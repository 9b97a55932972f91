"""The dashboard in a real Chromium: map markers, filters, event page, review, and no XSS.

Needs /usr/bin/chromium (Debian package) and the built front-end (npm ci && npm run build in
frontend/); skipped with the reason otherwise, unless SITREP_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factories import add_article, add_event, fill_demo
from sitrep.serve import ServeSettings, create_app
from sitrep.serve.auth import create_token
from sitrep.serve.live import live_server
from sitrep.store.db import Store

pytestmark = pytest.mark.browser


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base URL, reviewer token) of a live server over the demo data."""
    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    fill_demo(store)
    token = create_token(store, "reviewer")
    with live_server(create_app(store, settings=ServeSettings())) as base:
        yield base, token
    store.dispose()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_browser_dashboard_shows_markers_and_filters_narrow_table_and_map(page, site) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    page.goto(base + "/")
    page.wait_for_selector("#map[data-state=ready]")
    assert page.get_attribute("#map", "data-count") == "10"
    page.wait_for_selector("#timeline[data-state=ready] svg rect")
    assert page.locator(".sitrep-marker, .marker-cluster-sitrep").count() > 0
    assert page.locator("#events-table tbody tr").count() == 10
    page.select_option("#f-country", "Syria")
    page.click("#apply-filters")
    page.wait_for_selector("#map[data-state=ready]")
    assert page.locator("#events-table tbody tr").count() == 3
    assert page.get_attribute("#map", "data-count") == "3"
    assert page.inner_text("#event-total") == "3"
    assert page.errors == []  # type: ignore[attr-defined]


def test_browser_marker_click_opens_event_with_highlighted_source(page, site) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    page.goto(base + "/?q=basra")
    page.wait_for_selector("#map[data-state=ready]")
    page.click(".sitrep-marker[data-event-id='ev-basra-1']")
    page.wait_for_url("**/events/ev-basra-1")
    mark = page.locator("mark.source-sentence").first
    assert mark.inner_text().startswith("Hundreds protested in Basra")
    assert mark.is_visible()
    assert page.errors == []  # type: ignore[attr-defined]


def test_browser_review_edit_is_saved_and_audited(page, site) -> None:  # type: ignore[no-untyped-def]
    base, token = site
    page.goto(base + "/login?next=/events/ev-erbil-1")
    page.fill("#token", token)
    page.click("#login-submit")
    page.wait_for_url("**/events/ev-erbil-1")
    page.fill("#edit-fatalities", "2")
    page.click("#save-edit")
    page.wait_for_selector("#audit-log td:text('fatalities')")
    row = page.locator("#audit-log tbody tr").first.inner_text()
    assert "reviewer" in row and "edit" in row and "2" in row
    assert page.inner_text("#field-fatalities").startswith("2")
    assert page.inner_text("#review-status") == "edited"


PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    '"><svg onload="window.__xss = 3">',
]


def test_browser_xss_payloads_do_not_run(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store(f"sqlite:///{tmp_path / 'xss.db'}")
    with store.transaction() as s:
        evil = " ".join(PAYLOADS)
        sentence = f"Rockets {PAYLOADS[1]} hit the base."
        art = add_article(s, "x1", f"Intro {PAYLOADS[0]}. {sentence} End {PAYLOADS[2]}",
                          title=evil, outlet=PAYLOADS[1], url="javascript:window.__xss=4")  # fmt: skip
        add_event(s, "xss-1", sentences=[(art, sentence)], event_date="2024-01-01",
                  event_type=PAYLOADS[0], actor1=PAYLOADS[1], actor2=PAYLOADS[2],
                  location=evil, notes=evil, latitude=33.3, longitude=44.4)  # fmt: skip
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with live_server(create_app(store)) as base:
        for path in [
            "/",
            "/events/xss-1",
            "/articles/x1",
            f"/actors/{PAYLOADS[1]}",
            "/?q=%3Cscript",
        ]:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            if path == "/":
                page.wait_for_selector("#map[data-state=ready]")
                page.hover(".sitrep-marker")
            assert page.evaluate("window.__xss === undefined"), path
            assert page.locator("script:not([src])").count() == 0, path
        page.goto(base + "/events/xss-1")
        assert PAYLOADS[0] in page.inner_text("#event-title")  # shown as text
    context.close()
    store.dispose()
    assert dialogs == []


def test_browser_timeline_span_filters_everything(page, site) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    page.goto(base + "/")
    page.wait_for_selector("#timeline[data-state=ready] svg rect")
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.90, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.999, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**date_from=*")
    page.wait_for_selector("#map[data-state=ready]")
    date_from = page.input_value("#f-date_from")
    dates = page.locator("#events-table tbody tr td:first-child").all_inner_texts()
    assert date_from.startswith("20") and 0 < len(dates) < 10
    assert all(d >= date_from for d in dates)
    assert page.get_attribute("#map", "data-count") == str(len(dates))
