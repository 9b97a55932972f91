"""The dashboard in Chromium at desktop and phone sizes: pages fit a 390 px screen, the timeline
works from the keyboard with a fatalities line and without background events stretching it, the
map has named markers, type-coloured clusters, a detailed basemap, a view fitted to the bulk of
the events and an honest note, sources are short, and review shows errors and confirmations.

Needs /usr/bin/chromium and the built front-end; skipped with the reason otherwise, unless
SITREP_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from factories import add_article, add_event, fill_demo
from sitrep.serve import ServeSettings, create_app
from sitrep.serve.auth import create_token
from sitrep.serve.live import live_server
from sitrep.store.db import Store

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1360, "height": 900}

pytestmark = pytest.mark.browser


LONG = " ".join(
    f"Paragraph {n} of a long wire story about the attack and its aftermath." for n in range(80)
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The demo data plus an unlocated event, a mis-placed outlier and a long article."""
    path = tmp_path_factory.mktemp("site") / "demo.db"
    store = Store(f"sqlite:///{path}")
    fill_demo(store)
    with store.transaction() as s:
        art = add_article(s, "long", f"{LONG} Gunmen attacked a checkpoint near Mosul. {LONG}",
                          title="A long story", outlet="Wire")  # fmt: skip
        add_event(s, "ev-long", sentences=[(art, "Gunmen attacked a checkpoint near Mosul.")],
                  event_date="2024-01-20", event_type="Battles", sub_event_type="Armed clash",
                  country="Iraq", admin1="Nineveh", location="Mosul", latitude=36.34,
                  longitude=43.13, fatalities=2, actor1="Kataib Hezbollah")  # fmt: skip
        add_event(s, "ev-nowhere", sentences=[(art, "Gunmen attacked a checkpoint near Mosul.")],
                  event_date="2024-01-21", event_type="Battles", country="Iraq")  # fmt: skip
        add_event(s, "ev-outlier", sentences=[(art, "Gunmen attacked a checkpoint near Mosul.")],
                  event_date="2024-01-22", event_type="Battles", country="Iraq",
                  location="Mosul (mis-placed)", latitude=-33.87, longitude=151.2)  # fmt: skip
    token = create_token(store, "reviewer")
    with live_server(create_app(store, settings=ServeSettings())) as base:
        yield base, token
    store.dispose()


def _page(browser: Any, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors
    return page


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    page = _page(browser, PHONE)
    yield page
    page.context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    page = _page(browser, DESKTOP)
    yield page
    page.context.close()


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/", "#map[data-state=ready]"),
        ("/events/ev-long", "mark.source-sentence"),
        ("/events/ev-baghdad-1", "mark.source-sentence"),
        ("/actors/Kataib Hezbollah", "#actor-name"),
        ("/articles/art-0-a", "#article-text"),
        ("/api/v1/docs", "#swagger-ui .info"),
    ],
)
def test_browser_pages_fit_a_phone(
    phone: Any, site: tuple[str, str], path: str, ready: str
) -> None:
    base, _ = site
    phone.goto(base + path)
    phone.wait_for_selector(ready)
    phone.wait_for_load_state("networkidle")
    assert phone.locator('meta[name="viewport"]').count() == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width} px wide"
    assert phone.locator("h1").count() >= 1
    assert phone.errors == []


def test_browser_signed_in_event_page_fits_a_phone(phone: Any, site: tuple[str, str]) -> None:
    base, token = site
    phone.goto(base + "/login?next=/events/ev-long")
    phone.fill("#token", token)
    phone.click("#login-submit")
    phone.wait_for_selector("#edit-form")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_browser_sources_show_their_sentence_in_a_few_lines(
    desktop: Any, site: tuple[str, str]
) -> None:
    base, _ = site
    desktop.goto(base + "/events/ev-long")
    source = desktop.locator(".source").first
    text = source.locator(".context").inner_text()
    assert "Gunmen attacked a checkpoint near Mosul." in text
    assert len(text) < 800 and text.startswith("…") and text.endswith("…")
    assert source.bounding_box()["height"] < 400
    link = source.locator("a", has_text="Read the whole article")
    assert link.get_attribute("href") == "/articles/long"


def test_browser_skip_link_and_headings(desktop: Any, site: tuple[str, str]) -> None:
    base, _ = site
    desktop.goto(base + "/")
    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("location.hash") == "#main"
    assert desktop.locator("h1").count() == 1


def test_browser_timeline_keyboard_fatalities_and_background(
    desktop: Any, site: tuple[str, str]
) -> None:
    base, _ = site
    desktop.goto(base + "/")
    desktop.wait_for_selector("#timeline[data-state=ready] svg rect")
    timeline = desktop.locator("#timeline")
    # the 2019 background mention does not stretch the 2024 axis back to weekly slivers
    assert timeline.get_attribute("data-unit") == "week"
    assert int(timeline.get_attribute("data-bins")) <= 10
    assert "background mention" in timeline.inner_text()
    assert desktop.locator("#timeline polyline.fatalities").count() == 1
    labels = desktop.locator("#timeline svg text.axis").all_text_contents()
    assert any("2024" in t for t in labels)
    svg_box = desktop.locator("#timeline svg").bounding_box()
    for text in desktop.locator("#timeline svg text").all():
        box = text.bounding_box()
        assert (
            box["x"] >= svg_box["x"] - 1
            and box["x"] + box["width"] <= svg_box["x"] + svg_box["width"] + 1
        )
    desktop.focus("#timeline svg")
    desktop.keyboard.press("End")
    desktop.keyboard.press("Shift+ArrowLeft")
    assert "events" in desktop.inner_text("#timeline-status")
    selection = timeline.get_attribute("data-selection")
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**date_from=*")
    desktop.wait_for_selector("#map[data-state=ready]")
    first, last = selection.split("/")
    assert desktop.input_value("#f-date_from") == first
    assert desktop.input_value("#f-date_to") == last
    dates = desktop.locator("#events-table tbody tr td:first-child").all_inner_texts()
    assert dates and all(first <= d <= last for d in dates)
    assert desktop.errors == []


def test_browser_map_names_colours_fits_and_counts(desktop: Any, site: tuple[str, str]) -> None:
    base, _ = site
    desktop.goto(base + "/")
    desktop.wait_for_selector("#map[data-state=ready]")
    note = desktop.inner_text("#map-note")
    # 13 visible events: 12 located (one of them far away), 1 without coordinates
    assert "12 of 13 events on the map" in note and "1 without coordinates" in note
    # the view fits the bulk in the Middle East, not the outlier in Australia
    bounds = desktop.evaluate(
        "(() => { const r = document.querySelector('#map').getBoundingClientRect();"
        " return [r.width, r.height]; })()"
    )
    assert bounds[0] > 0
    names = desktop.eval_on_selector_all(
        ".leaflet-marker-icon[aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert names and all(
        n.startswith(("Event: ", "1", "2", "3", "4", "5", "6", "7", "8", "9")) for n in names
    )
    assert any(n.startswith("Event: ") for n in names) or any("events:" in n for n in names)
    assert desktop.locator(".sitrep-marker[data-event-id='ev-outlier']").count() == 0  # off view
    visible = desktop.locator(".sitrep-marker, .sitrep-cluster").count()
    assert visible > 0
    colours = desktop.eval_on_selector_all(
        ".sitrep-marker, .sitrep-cluster",
        "els => els.map(e => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor)",
    )
    assert len(set(colours)) > 1  # coloured by type, not one colour for all
    desktop.wait_for_selector("#map[data-basemap=detailed]")
    assert desktop.locator(".map-label-place").count() > 0
    assert desktop.errors == []


def test_browser_map_shows_provinces_when_zoomed(desktop: Any, site: tuple[str, str]) -> None:
    base, _ = site
    desktop.goto(base + "/?country=Iraq&admin1=Erbil")
    desktop.wait_for_selector("#map[data-state=ready]")
    desktop.wait_for_selector("#map[data-basemap=detailed]")
    provinces = desktop.locator(".map-label-admin1").all_text_contents()
    everything = desktop.locator(".map-label").all_text_contents()
    assert provinces and "Erbil" in everything, everything  # Erbil, city or province
    assert desktop.locator(".leaflet-overlay-pane path, .leaflet-basemap-pane path").count() > 0


def test_browser_review_refusal_keeps_input_and_save_confirms(
    desktop: Any, site: tuple[str, str]
) -> None:
    base, token = site
    desktop.goto(base + "/login?next=/events/ev-asad-1")
    desktop.fill("#token", token)
    desktop.click("#login-submit")
    desktop.wait_for_selector("#edit-form")
    desktop.fill("#edit-country", "Narnia")
    desktop.fill("#edit-notes", "checked against two wires")
    desktop.click("#save-edit")
    desktop.wait_for_selector("#err-country")
    assert "unknown country" in desktop.inner_text("#err-country")
    assert desktop.input_value("#edit-country") == "Narnia"
    assert desktop.input_value("#edit-notes") == "checked against two wires"
    desktop.fill("#edit-country", "Syria")
    desktop.select_option("#edit-sub_event_type", "Air/drone strike")
    desktop.click("#save-edit")
    desktop.wait_for_selector("#review-confirmation")
    message = desktop.inner_text("#review-confirmation")
    assert "Saved" in message and "country" in message and "iso" in message
    assert desktop.inner_text("#field-iso").startswith("760")
    assert desktop.inner_text("#field-event_type").startswith("Explosions/Remote violence")


def test_browser_world_view_has_no_bands_across_the_map(
    desktop: Any, site: tuple[str, str]
) -> None:
    """Countries crossing the antimeridian (Russia, Fiji) used to draw horizontal bands across
    the whole map; Antarctica drew one near 60S."""
    base, _ = site
    desktop.goto(base + "/")
    desktop.wait_for_selector("#map[data-state=ready]")
    for _ in range(8):  # out to the smallest zoom
        if desktop.locator(".leaflet-control-zoom-out.leaflet-disabled").count():
            break
        desktop.click(".leaflet-control-zoom-out")
        desktop.wait_for_timeout(300)
    width = desktop.locator("#map").bounding_box()["width"]
    bands = desktop.eval_on_selector_all(
        ".leaflet-overlay-pane path",
        f"els => els.map(e => e.getBoundingClientRect())"
        f".filter(r => r.width > {width} * 0.95 && r.height < 40).length",
    )
    assert bands == 0
