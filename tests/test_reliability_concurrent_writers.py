"""Two ``sitrep ingest`` processes on one store at once: neither crashes, nothing is left pending,
every item is stored once.

Before, the raw-bytes stage checked for a blob and then inserted it: both processes saw no row
and the second died on ``UNIQUE constraint failed: blobs.sha256`` (4 of 6 trials on SQLite),
leaving pending rows. Real processes, a real SQLite file (and a real PostgreSQL database).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sitrep.store import Article, Blob, Store

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
FILES = 120


def corpus(folder: Path) -> Path:
    """Short reports; every third shares its bytes with another file (one blob, two items)."""
    folder.mkdir()
    for i in range(FILES):
        n = i - i % 3 if i % 3 == 2 else i
        (folder / f"r{i:03d}.txt").write_text(
            f"Report {n}\n\nClashes near checkpoint {n} on Monday left {n % 7} people wounded, "
            "officials said.\n",
            encoding="utf-8",
        )
    return folder


def ingest_twice_at_once(folder: Path, url: str) -> list[subprocess.CompletedProcess[str]]:
    command = [sys.executable, "-m", "sitrep.cli", "ingest", str(folder), "--db", url]
    command += ["--no-extract", "--quiet"]
    Store(url).dispose()  # migrated once, so the two processes race on rows, not on the schema
    procs = [
        subprocess.Popen(
            command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(command, proc.returncode, out, err))
    return results


def check(url: str, results: list[subprocess.CompletedProcess[str]]) -> None:
    for result in results:
        assert "UNIQUE constraint" not in result.stderr, result.stderr[-2000:]
        assert "duplicate key" not in result.stderr, result.stderr[-2000:]
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert result.returncode == 0, result.stderr[-2000:]
    store = Store(url)
    with store.session() as s:
        statuses = dict(
            s.execute(select(Article.status, func.count()).group_by(Article.status)).all()
        )
        blobs = s.scalar(select(func.count()).select_from(Blob))
    store.dispose()
    assert statuses == {"ok": FILES}, statuses
    assert blobs == FILES - FILES // 3


@pytest.mark.slow
def test_reliability_two_ingests_on_one_sqlite_file(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    for trial in range(2):
        path = tmp_path / f"shared-{trial}.db"
        url = f"sqlite:///{path}"
        check(url, ingest_twice_at_once(folder, url))
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.mark.slow
@pytest.mark.postgres
def test_reliability_two_ingests_on_one_postgresql_database(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database(f"race{os.getpid()}")
    check(url, ingest_twice_at_once(corpus(tmp_path / "in"), url))
