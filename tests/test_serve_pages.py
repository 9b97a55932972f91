"""Server-rendered pages: they render, escape article-derived text and carry the CSP header."""

from __future__ import annotations

import re

import pytest

from factories import add_article, add_event, client_for, fill_demo
from sitrep.serve.app import CONTENT_SECURITY_POLICY
from sitrep.serve.pages import safe_url, text_segments
from sitrep.store.db import Store

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture
def evil_store(sqlite_store: Store) -> Store:
    with sqlite_store.transaction() as s:
        sentence = f"Rockets {PAYLOAD} hit the base."
        art = add_article(s, "x1", f"Intro. {sentence} End.", title=PAYLOAD, outlet=PAYLOAD,
                          url="javascript:alert(3)")  # fmt: skip
        add_event(s, "e1", sentences=[(art, sentence)], event_date="2024-01-01",
                  event_type=PAYLOAD, actor1=PAYLOAD, location=PAYLOAD, notes=PAYLOAD,
                  latitude=33.0, longitude=44.0)  # fmt: skip
    return sqlite_store


@pytest.mark.parametrize(
    "path", ["/", "/?q=%3Cscript%3E", "/events/e1", "/articles/x1", "/actors/" + PAYLOAD, "/login"]
)
def test_serve_pages_escape_article_text(evil_store: Store, path: str) -> None:
    with client_for(evil_store) as client:
        response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    html = response.text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript' not in html.lower()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script in page"


def test_serve_pages_show_escaped_payload_as_text(evil_store: Store) -> None:
    with client_for(evil_store) as client:
        html = client.get("/events/e1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_serve_pages_dashboard_sorts_and_pages(sqlite_store: Store) -> None:
    fill_demo(sqlite_store)
    from sitrep.serve import ServeSettings

    with client_for(sqlite_store, ServeSettings(page_size=4)) as client:
        first = client.get("/?sort=fatalities&order=desc").text
        second = client.get("/?sort=fatalities&order=desc&offset=4").text
        bad = client.get("/?sort=secret", headers={"accept": "text/html"})
    ids_first = re.findall(r'data-event-id="([^"]+)"', first)
    ids_second = re.findall(r'data-event-id="([^"]+)"', second)
    assert len(ids_first) == len(ids_second) == 4
    assert not set(ids_first) & set(ids_second)
    assert ids_first[0] == "ev-qaim-1"  # 16 fatalities, the most
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert bad.status_code == 422 and "cannot sort" in bad.text


def test_serve_pages_empty_filter_fields_mean_any(sqlite_store: Store) -> None:
    fill_demo(sqlite_store)
    with client_for(sqlite_store) as client:
        html = client.get("/?date_from=&event_type=&country=Syria&q=&bbox=").text
    assert len(re.findall(r'<tr data-event-id="', html)) == 3


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://a.example/x", "https://a.example/x"), ("http://a", "http://a"),
     ("javascript:alert(1)", None), ("JaVaScRiPt:x", None), ("data:text/html,x", None),
     ("file.txt", None), (None, None)],
)  # fmt: skip
def test_serve_pages_only_link_http_urls(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_serve_pages_text_segments_mark_mentions() -> None:
    text = "One. Two three. Four."
    mentions = [
        {"start": 5, "end": 15, "event_id": "a"},
        {"start": 6, "end": 9, "event_id": "overlap"},
        {"start": 16, "end": 99, "event_id": "stale"},
    ]
    pieces = text_segments(text, mentions)
    assert "".join(p for p, _ in pieces) == text
    assert [(p, e) for p, e in pieces if e] == [("Two three.", "a")]
