"""The API under hostile bodies and expensive reads, on a live server (uvicorn on 127.0.0.1 in a
thread, real HTTP with httpx, a real SQLite file).

* a lone surrogate (``"\\ud800"``) in an article's text or title or an event's notes is a 422
  in the error shape, not a 500, and changes nothing;
* a 500 carries the security headers like every other response;
* an article's analysis is computed once, not on every read, even when many reads arrive at
  once; a document over the time budget fails there too, and on ``POST /api/v1/articles``
  (both run on the server's worker threads, where the old SIGALRM budget did not work).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

import sitrep.workers as workers
from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.serve import analysis, create_app
from sitrep.serve.auth import create_token
from sitrep.serve.demo import fill_demo
from sitrep.serve.live import live_server
from sitrep.store import Article, Event, ReviewEdit, Store

EVENT = "ev-erbil-1"
ERROR_KEYS = {"status", "code", "message", "detail"}
SECURITY = {
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
}
EVENT_SENTENCE = (
    "On 3 March 2021 gunmen from the Islamic State attacked an army checkpoint near Kirkuk, "
    "killing four soldiers and wounding 12 civilians, while Kataib Hezbollah claimed the attack. "
)
PATHOLOGICAL = EVENT_SENTENCE * 1000


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Store, FastAPI, str]]:
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    fill_demo(store)
    token = create_token(store, "reviewer")
    yield store, create_app(store), token
    store.dispose()


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text)
    assert set(response.headers) >= SECURITY, response.headers
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    return body["error"]  # type: ignore[no-any-return]


def counts(store: Store) -> tuple[int, int, int]:
    with store.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Article)) or 0,
            s.scalar(select(func.count()).select_from(ReviewEdit)) or 0,
            s.scalar(select(func.count()).select_from(Event)) or 0,
        )


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        (
            "POST",
            "/api/v1/articles",
            b'{"text": "Rockets hit Baghdad \\ud800 today.", "source": "a"}',
        ),
        (
            "POST",
            "/api/v1/articles",
            b'{"text": "Rockets hit Baghdad today.", "title": "x \\uDC00", "source": "b"}',
        ),
        ("PATCH", f"/api/v1/events/{EVENT}", b'{"fields": {"notes": "seen \\ud83d alone"}}'),
        ("PATCH", f"/api/v1/events/{EVENT}", b'{"fields": {"actor1": "\\udfff"}}'),
    ],
)
def test_security_lone_surrogate_is_a_422_not_a_500(
    demo: tuple[Store, FastAPI, str], method: str, path: str, body: bytes
) -> None:
    store, app, token = demo
    before = counts(store)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with live_server(app) as base:
        response = httpx.request(method, base + path, content=body, headers=headers, timeout=60)
        error = error_of(response, 422)
        assert "lone surrogate" in error["message"]
        # a surrogate *pair* is an ordinary character and goes through
        fine = body.replace(b"\\ud800", b"\\ud83d\\ude00").replace(b"\\uDC00", b"\\ud83d\\ude00")
        if fine != body:
            ok = httpx.request(method, base + path, content=fine, headers=headers, timeout=120)
            assert ok.status_code < 500, ok.text
    if fine == body:
        assert counts(store) == before


def test_security_a_500_carries_the_security_headers(demo: tuple[Store, FastAPI, str]) -> None:
    _, app, _ = demo

    @app.get("/api/v1/test-crash", include_in_schema=False)
    def crash() -> None:
        raise RuntimeError("a bug")

    with live_server(app) as base:
        for accept in ("application/json", "text/html"):
            response = httpx.get(f"{base}/api/v1/test-crash", headers={"Accept": accept})
            assert response.status_code == 500
            assert set(response.headers) >= SECURITY, response.headers
            assert "'unsafe-inline'" not in response.headers["content-security-policy"]
            assert "a bug" not in response.text


def first_article(store: Store) -> str:
    with store.session() as s:
        article_id = s.scalars(
            select(Article.id).where(Article.status == "ok").order_by(Article.id)
        ).first()
    assert article_id is not None
    return article_id


@pytest.mark.slow
def test_security_article_reads_compute_the_analysis_once(
    demo: tuple[Store, FastAPI, str],
) -> None:
    store, app, _ = demo
    analysis.clear()
    article_id = first_article(store)
    before = analysis.extractions
    with live_server(app) as base:
        url = f"{base}/api/v1/articles/{article_id}"
        results: list[httpx.Response] = []

        def read() -> None:
            results.append(httpx.get(url, timeout=300))

        readers = [threading.Thread(target=read) for _ in range(6)]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
        results.append(httpx.get(url, timeout=300))
        page = httpx.get(f"{base}/articles/{article_id}", timeout=300)
    assert [r.status_code for r in results] == [200] * 7
    views = [r.json()["analysis"] for r in results]
    assert views[0]["available"] is True
    assert all(v == views[0] for v in views)
    assert page.status_code == 200
    assert analysis.extractions - before == 1


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_security_time_budget_holds_on_api_threads(
    demo: tuple[Store, FastAPI, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document the extractor cannot finish: the push records the budget failure, the read
    shows it, and a second read does not try again."""
    store, app, token = demo
    analysis.clear()
    monkeypatch.setattr(workers, "DOCUMENT_BUDGET_SECONDS", 0.5)
    Pipeline(store, extract=False, stories=False).ingest(
        [RawItem(source="slow.txt", raw=PATHOLOGICAL.encode(), media_type="text")]
    )
    with store.session() as s:
        slow_id = s.scalars(select(Article.id).where(Article.source == "slow.txt")).one()
    before = analysis.extractions
    with live_server(app) as base:
        pushed = httpx.post(
            f"{base}/api/v1/articles",
            json={"text": PATHOLOGICAL + " Pushed.", "source": "pushed.txt"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=300,
        )
        first = httpx.get(f"{base}/api/v1/articles/{slow_id}", timeout=300)
        second = httpx.get(f"{base}/api/v1/articles/{slow_id}", timeout=300)
    assert pushed.status_code == 201, pushed.text
    assert pushed.json()["status"] == "failed"
    assert "exceeded its time budget of 0.5 s" in pushed.json()["error"]
    for response in (first, second):
        assert response.status_code == 200
        view = response.json()["analysis"]
        assert view["available"] is False
        assert "exceeded its time budget of 0.5 s" in view["reason"]
    assert analysis.extractions - before == 1


@pytest.mark.parametrize(
    "query",
    ["min_sources=5101261580839596064768", "min_fatalities=99999999999999999999999"],
)
def test_security_a_number_past_64_bits_is_a_422(
    demo: tuple[Store, FastAPI, str], query: str
) -> None:
    """Found by schemathesis: a filter without an upper bound reached SQLite (OverflowError,
    500); whatever parameter it is, it is a 422 in the error shape."""
    _, app, _ = demo
    with live_server(app) as base:
        response = httpx.get(f"{base}/api/v1/events?{query}")
    error = error_of(response, 422)
    assert "too large" in error["message"] or error["code"] == "validation_error"
