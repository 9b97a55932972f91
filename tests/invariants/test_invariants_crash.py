"""SIGKILL during review edits and merges, then resume and check: nothing half-written.

A child process edits notes and fatalities, confirms and merges events of a demo store in a
loop (each change one transaction with its audit rows). It is killed with SIGKILL at a random
moment (after a random number of committed changes). Then: ``PRAGMA integrity_check`` is ok,
``sitrep check`` finds no damage, every event's fields equal the last value its audit log
records (no change without its log row, no log row without its change), and the same loop
resumes on the store and runs to the end.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sitrep.serve.demo import fill_demo
from sitrep.store import Store

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}

EDITOR = textwrap.dedent(
    """
    import sys
    from sqlalchemy import select
    from sitrep.serve.review import confirm_event, edit_event, merge_events
    from sitrep.store import Event, Store
    store = Store(sys.argv[1])
    rounds = int(sys.argv[2])
    with store.session() as s:
        ids = list(s.scalars(select(Event.id).where(Event.merged_into.is_(None)).order_by(Event.id)))
    for n in range(rounds):
        event_id = ids[n % len(ids)]
        with store.session() as s:
            merged = s.get(Event, event_id).merged_into is not None
        if merged:
            continue
        edit_event(store, event_id, {"notes": f"round {n}", "fatalities": n % 50}, user="desk")
        if n % 7 == 3:
            confirm_event(store, event_id, user="desk")
        if n == 40:
            merge_events(store, ids[0], [ids[-1]], user="desk")
        print(n, flush=True)
    """
)


def last_logged(db: Path) -> dict[tuple[str, str], object]:
    """(event, field) -> the JSON text of the last value the audit log records."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT event_id, field, new_value FROM review_edits ORDER BY id"
        ).fetchall()
    return {(e, f): v for e, f, v in rows if f in {"notes", "fatalities"}}


def check_consistent(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        current = {
            e: (notes, fatalities)
            for e, notes, fatalities in conn.execute("SELECT id, notes, fatalities FROM events")
        }
    logged = last_logged(db)
    for (event_id, field), value in logged.items():
        notes, fatalities = current[event_id]
        now = notes if field == "notes" else fatalities
        recorded = json.loads(value) if isinstance(value, str) else value
        assert now == recorded, (event_id, field, now, value)
    result = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "check", "--db", f"sqlite:///{db}"],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return len(logged)


@pytest.mark.slow
def test_invariant_sigkill_during_review_edits_and_merge(tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    store = Store(f"sqlite:///{db}")
    fill_demo(store)
    store.dispose()
    url = f"sqlite:///{db}"
    kill_after = random.Random(19).randint(15, 60)
    proc = subprocess.Popen(
        [sys.executable, "-c", EDITOR, url, "400"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    done = 0
    deadline = time.monotonic() + 300
    while done < kill_after and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        done += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert done >= kill_after, proc.stderr.read() if proc.stderr else ""
    assert check_consistent(db) > 0

    resumed = subprocess.run(
        [sys.executable, "-c", EDITOR, url, "120"],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    check_consistent(db)
