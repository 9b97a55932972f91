"""Ingest and the dashboard on one SQLite file at the same time: nobody sees "database is locked".

``sitrep ingest`` runs as a subprocess over a generated corpus while this process serves the
dashboard and API from the same file (WAL) under uvicorn, and client threads read (lists,
filters, details, stats, pages) and write (review edits and confirmations with a token) as fast
as they can until the ingest ends. Every error on either side is counted; the count must be
zero, and the final database must be consistent and keep every review edit.
"""

from __future__ import annotations

import logging
import os
import random
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from sitrep.serve import create_app
from sitrep.serve.auth import create_token
from sitrep.serve.live import live_server
from sitrep.store import Article, Event, Mention, ReviewEdit, Store

pytestmark = pytest.mark.slow

REPORT = (
    "Rockets struck {base} on {day}, the US-led coalition said, and {n} people were wounded. "
    "Kataib Hezbollah denied any role in the attack on the base in {province}."
)
BASES = [
    ("Ain al-Asad air base", "Anbar"), ("Camp Taji", "Baghdad"), ("Harir base", "Erbil"),
    ("K-1 air base", "Kirkuk"), ("Camp Victory", "Baghdad"), ("Balad air base", "Salahuddin"),
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
ARTICLES = 30


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(ARTICLES):
        base, province = BASES[i % len(BASES)]
        paragraphs = [
            REPORT.format(base=base, day=DAYS[(i + k) % 6], n=i + k, province=province)
            for k in range(3)
        ]
        header = f"Attack report {i}\n\nPublished: 2024-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}"
        (folder / f"report-{i:03d}.txt").write_text(
            header + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8"
        )


class Errors(logging.Handler):
    """Counts server log records at ERROR and above, and any mentioning a lock."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f" {record.exc_info[1]!r}"
        if record.levelno >= logging.ERROR or "locked" in text.lower():
            self.lines.append(f"{record.name}: {text}")


@pytest.fixture
def server_errors() -> Iterator[Errors]:
    handler = Errors()
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)


def client_loop(
    base: str, token: str, stop: threading.Event, seed: int, writes: bool, tally: Counter[str]
) -> None:
    """Requests until ``stop``: reads of every kind, and review writes when ``writes``."""
    rng = random.Random(seed)
    auth = {"Authorization": f"Bearer {token}"}
    reads = [
        "/api/v1/events", "/api/v1/events?country=Iraq&sort=fatalities", "/api/v1/stats",
        "/api/v1/events/geo", "/api/v1/filters", "/api/v1/actors", "/api/v1/places", "/",
        "/?event_type=Explosions%2FRemote+violence",
    ]  # fmt: skip
    with httpx.Client(base_url=base, timeout=120) as client:
        while not stop.is_set():
            try:
                response = client.get(rng.choice(reads))
                tally["requests"] += 1
                if response.status_code >= 500 or "locked" in response.text:
                    tally["errors"] += 1
                    tally[f"error: {response.status_code} {response.text[:200]}"] += 1
                    continue
                items = client.get("/api/v1/events?limit=20").json()["items"]
                tally["requests"] += 1
                if not items:
                    continue
                event_id = rng.choice(items)["event_id"]
                detail = client.get(f"/api/v1/events/{event_id}")
                tally["requests"] += 1
                if detail.status_code >= 500:
                    tally["errors"] += 1
                if writes:
                    note = f"checked by thread {seed} #{tally['writes']}"
                    edit = client.patch(
                        f"/api/v1/events/{event_id}", json={"fields": {"tags": note}}, headers=auth
                    )
                    tally["requests"] += 1
                    tally["writes"] += 1
                    if edit.status_code == 200:
                        tally["edits"] += 1
                    elif edit.status_code >= 500 or "locked" in edit.text:
                        tally["errors"] += 1
                        tally[f"error: {edit.status_code} {edit.text[:200]}"] += 1
            except httpx.HTTPError as exc:
                tally["errors"] += 1
                tally[f"error: {exc!r}"] += 1


def test_reliability_ingest_while_the_dashboard_serves(
    tmp_path: Path, server_errors: Errors
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    store = Store(url)  # migrated before the race starts
    token = create_token(store, "reviewer")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    tally: Counter[str] = Counter()
    with live_server(create_app(store)) as base:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli", "ingest", str(corpus), "--db", url, "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        stop = threading.Event()
        threads = [
            threading.Thread(target=client_loop, args=(base, token, stop, n, n == 0, tally))
            for n in range(3)
        ]
        for thread in threads:
            thread.start()
        try:
            out, err = proc.communicate(timeout=600)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=120)
    print("concurrency tally:", {k: v for k, v in tally.items() if not k.startswith("error")})
    assert proc.returncode == 0, err
    assert "locked" not in err.lower(), err
    assert tally["requests"] > 20, "the dashboard was barely exercised during the ingest"
    assert tally["errors"] == 0, {k: v for k, v in tally.items() if k.startswith("error")}
    assert not server_errors.lines, server_errors.lines[:5]
    assert tally["edits"] > 0, "no review edit overlapped the ingest"

    with store.session() as s:
        articles = list(s.scalars(select(Article)))
        assert len(articles) == ARTICLES
        assert {a.status for a in articles} == {"ok"}
        for event in s.scalars(select(Event)):
            assert event.mentions, event.id
            assert event.source_count == len({m.article_id for m in event.mentions})
        pairs = s.execute(select(Mention.event_id, Mention.article_id, Mention.start)).all()
        assert len(pairs) == len(set(pairs))
        # every accepted edit is in the audit log, and the last one per event is still in force
        edits = list(s.scalars(select(ReviewEdit).order_by(ReviewEdit.id)))
        assert len(edits) == tally["edits"]
        last: dict[str, str] = {}
        for edit in edits:
            last[edit.event_id] = edit.new_value
        for event_id, value in last.items():
            event = s.get(Event, event_id)
            assert event is not None and event.tags == value and "tags" in event.locked_fields
    store.dispose()
