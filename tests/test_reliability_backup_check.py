"""``sitrep backup`` and ``sitrep check`` as subprocesses on real SQLite files.

The backup takes review edits that still sit in the ``-wal`` file (a plain file copy loses
them: shown here too), is a whole, checked database, and refuses to overwrite; on PostgreSQL it
says how to use pg_dump. ``sitrep check`` passes a healthy store and names what is wrong in a
damaged one (a mention pointing nowhere, a page overwritten with garbage) with exit code 1.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sitrep.serve.demo import fill_demo
from sitrep.serve.review import confirm_event, edit_event
from sitrep.store import Event, ReviewEdit, Store

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def sitrep(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )


def edits_in(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM review_edits").fetchone()[0])


@pytest.mark.slow
def test_reliability_backup_keeps_the_edits_still_in_the_wal(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    store = Store(f"sqlite:///{db}")
    fill_demo(store)
    with store.engine.connect() as conn:  # start from a checkpointed file
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with store.session() as s:
        ids = list(s.scalars(select(Event.id).order_by(Event.id).limit(5)))
        edits_before = s.scalar(select(func.count()).select_from(ReviewEdit)) or 0
    for event_id in ids:  # the store stays open: these commits stay in the -wal file
        edit_event(store, event_id, {"notes": f"checked by the desk {event_id}"}, user="ana")
        confirm_event(store, event_id, user="ana")
    with store.session() as s:
        edits_now = s.scalar(select(func.count()).select_from(ReviewEdit)) or 0
    assert edits_now > edits_before
    assert Path(f"{db}-wal").stat().st_size > 0

    copied = tmp_path / "copied.db"
    shutil.copy(db, copied)  # what people do, and what loses the recent reviews
    lost = edits_now - edits_in(copied)

    target = tmp_path / "backups" / "sitrep-backup.db"
    result = sitrep("backup", str(target), "--db", f"sqlite:///{db}", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["integrity"] == "ok" and summary["review_edits"] == edits_now
    assert edits_in(target) == edits_now
    assert not Path(f"{target}-wal").exists()
    assert lost > 0, "the plain copy kept every edit: this test no longer shows the hazard"
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        notes = dict(conn.execute("SELECT id, notes FROM events WHERE notes LIKE 'checked by%'"))
    assert set(notes) == set(ids)
    store.dispose()

    again = sitrep("backup", str(target), "--db", f"sqlite:///{db}")
    assert again.returncode == 1 and "exists already" in again.stderr
    assert edits_in(target) == edits_now  # not overwritten

    check = sitrep("check", "--db", f"sqlite:///{target}")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip().endswith("ok")


def test_reliability_backup_of_postgresql_points_to_pg_dump(tmp_path: Path) -> None:
    result = sitrep(
        "backup", str(tmp_path / "x.db"), "--db", "postgresql://ana:secret@db.example/sitrep"
    )
    assert result.returncode == 1
    assert "pg_dump --format=custom" in result.stderr
    assert "secret" not in result.stderr + result.stdout
    assert not (tmp_path / "x.db").exists()


@pytest.mark.slow
def test_reliability_check_names_the_damage(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    store = Store(f"sqlite:///{db}")
    fill_demo(store)
    store.dispose()
    healthy = sitrep("check", "--db", f"sqlite:///{db}", "--json")
    assert healthy.returncode == 0, healthy.stderr
    report = json.loads(healthy.stdout)
    assert report["problems"] == [] and report["integrity"] == "ok"
    assert report["orphan_mentions"] == 0
    assert sum(report["articles_by_status"].values()) > 0
    assert sum(report["events_by_review_status"].values()) > 0

    with sqlite3.connect(db) as conn:  # a mention whose event is gone (foreign keys off)
        conn.execute("PRAGMA foreign_keys=OFF")
        event_id = conn.execute("SELECT event_id FROM mentions LIMIT 1").fetchone()[0]
        conn.execute("UPDATE mentions SET event_id = 'gone' WHERE event_id = ?", (event_id,))
    orphan = sitrep("check", "--db", f"sqlite:///{db}")
    assert orphan.returncode == 1
    assert "mentions point to an event that does not exist" in orphan.stderr
    assert orphan.stdout.strip().endswith("damaged")

    broken = tmp_path / "broken.db"
    shutil.copy(db, broken)
    size = broken.stat().st_size
    with broken.open("r+b") as handle:  # garbage over pages in the middle of the file
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(b"\xde\xad\xbe\xef" * 2048)
    damaged = sitrep("check", "--db", f"sqlite:///{broken}")
    assert damaged.returncode == 1, damaged.stdout
    assert "Traceback" not in damaged.stderr
    assert "problem:" in damaged.stderr
