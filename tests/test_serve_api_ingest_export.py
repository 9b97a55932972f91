"""Writes that reach other stages: ingesting an article over HTTP, downloading exports."""

from __future__ import annotations

import csv
import importlib.util
import io
import json

import pytest

from factories import client_for, fill_demo
from sitrep.serve.auth import create_token
from sitrep.store.db import Store
from sitrep.store.schema import Article

HAS_PIPELINE = importlib.util.find_spec("sitrep.pipeline") is not None


def _has_exporter() -> bool:
    try:
        from sitrep.export import export_events  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _has_exporter(), reason="sitrep.export is not installed")
@pytest.mark.parametrize("fmt", ["acled-csv", "jsonl"])
def test_serve_api_export_downloads_the_filtered_events(sqlite_store: Store, fmt: str) -> None:
    fill_demo(sqlite_store)
    with client_for(sqlite_store) as client:
        response = client.get(f"/api/v1/export/{fmt}?country=Syria")
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "acled-csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert {r["country"] for r in rows} == {"Syria"} and len(rows) == 3
    else:
        rows = [json.loads(line) for line in response.text.splitlines() if line.strip()]
        assert len(rows) == 3


def test_serve_api_article_post_needs_text(sqlite_store: Store) -> None:
    token = create_token(sqlite_store, "feeder")
    with client_for(sqlite_store) as client:
        response = client.post(
            "/api/v1/articles",
            json={"title": "no body"},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code in (422, 501)


@pytest.mark.skipif(not HAS_PIPELINE, reason="sitrep.pipeline is not installed")
def test_serve_api_article_post_ingests_one_item(sqlite_store: Store) -> None:
    token = create_token(sqlite_store, "feeder")
    body = {
        "text": "Rockets struck Ain al-Asad air base in western Iraq on Tuesday, officials said.",
        "title": "Rockets hit base",
        "published": "2024-01-10",
        "outlet": "Test Wire",
    }
    with client_for(sqlite_store) as client:
        response = client.post(
            "/api/v1/articles", json=body, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 201, response.text
    article_id = response.json()["article_id"]
    with sqlite_store.session() as s:
        article = s.get(Article, article_id)
        assert article is not None and article.title == "Rockets hit base"
