"""An analyst dates what the page does not: ``sitrep ingest --published DATE --outlet NAME``,
the same fields in JSON lines, and in the API push; on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from factories import client_for
from sitrep.serve.auth import create_token
from sitrep.store import Article, Event, Store

UNDATED = (
    "Rockets struck Ain al-Asad air base in western Iraq on Saturday, wounding two US "
    "soldiers, the US-led coalition said.\n\nNo group claimed the attack."
)


def sitrep(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args], capture_output=True, text=True, timeout=300
    )


def stored(url: str) -> tuple[list[Article], list[Event]]:
    store = Store(url)
    try:
        with store.session() as s:
            articles = list(s.scalars(select(Article).order_by(Article.source)))
            events = list(s.scalars(select(Event)))
            s.expunge_all()
        return articles, events
    finally:
        store.dispose()


def test_cli_given_date_and_outlet_date_an_undated_page(tmp_path: Path) -> None:
    page = tmp_path / "undated.txt"
    page.write_text(UNDATED, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'sitrep.db'}"
    result = sitrep(
        "ingest", str(page), "--published", "2024-01-28", "--outlet", "Test Wire",
        "--db", url, "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    articles, events = stored(url)
    [article] = articles
    assert article.published is not None and article.published.date() == date(2024, 1, 28)
    assert (article.published_from, article.outlet) == ("user", "Test Wire")
    assert events and {e.event_date for e in events} == {"2024-01-27"}  # that Saturday


def test_cli_without_a_given_date_the_event_stays_undated(tmp_path: Path) -> None:
    page = tmp_path / "undated.txt"
    page.write_text(UNDATED, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'sitrep.db'}"
    assert sitrep("ingest", str(page), "--db", url, "--json").returncode == 0
    [article], events = stored(url)
    assert article.published is None
    assert all(e.event_date is None for e in events)


def test_cli_refuses_a_given_date_it_cannot_read(tmp_path: Path) -> None:
    page = tmp_path / "undated.txt"
    page.write_text(UNDATED, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'sitrep.db'}"
    result = sitrep("ingest", str(page), "--published", "someday", "--db", url)
    assert result.returncode != 0
    assert "--published" in result.stderr and "not a date" in result.stderr


def test_json_lines_fields_win_over_the_given_defaults(tmp_path: Path) -> None:
    lines = tmp_path / "items.jsonl"
    lines.write_text(
        json.dumps({"id": "a", "text": UNDATED, "published": "2024-02-10", "outlet": "Own"})
        + "\n"
        + json.dumps({"id": "b", "text": UNDATED.replace("Saturday", "Friday")})
        + "\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'sitrep.db'}"
    result = sitrep(
        "ingest", str(lines), "--published", "2024-01-28", "--outlet", "Given", "--db", url,
        "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    articles, events = stored(url)
    by_line = {a.source.rsplit("#", 1)[1]: a for a in articles}
    assert by_line["1"].published is not None
    assert (by_line["1"].published.date(), by_line["1"].outlet) == (date(2024, 2, 10), "Own")
    assert by_line["2"].published is not None
    assert (by_line["2"].published.date(), by_line["2"].outlet) == (date(2024, 1, 28), "Given")
    assert {"2024-02-10", "2024-01-26"} <= {e.event_date for e in events}


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'api.db'}")


def test_api_push_dates_an_undated_text(sqlite_file: Store) -> None:
    token = create_token(sqlite_file, "feeder")
    body = {"text": UNDATED, "published": "2024-01-28", "outlet": "Test Wire"}
    with client_for(sqlite_file) as client:
        response = client.post(
            "/api/v1/articles", json=body, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 201, response.text
    with sqlite_file.session() as s:
        article = s.get(Article, response.json()["article_id"])
        assert article is not None and article.outlet == "Test Wire"
        assert article.published is not None and article.published.date() == date(2024, 1, 28)
        dates = {e.event_date for e in s.scalars(select(Event))}
    sqlite_file.dispose()
    assert dates == {"2024-01-27"}
