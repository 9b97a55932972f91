"""``sitrep review ...`` from the command line, on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factories import add_article, add_event
from sitrep.store.db import Store
from sitrep.store.schema import Event

A = "Rockets hit Erbil air base on Monday."
B = "Separately, hundreds protested in Basra on Monday."


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sitrep.cli",
            "review",
            *args,
            "--db",
            db,
            *(["--user", "ana"] if args[0] != "log" else []),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_review_cli_edit_merge_split_confirm_false_positive_and_log(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    store = Store(db)
    with store.transaction() as s:
        a = add_article(s, "a1", f"{A} {B}", outlet="Rudaw")
        add_event(s, "e1", sentences=[(a, A), (a, B)], event_date="2024-01-01",
                  event_type="Battles", sub_event_type="Armed clash", country="Iraq", iso=368)  # fmt: skip
        add_event(s, "e2", sentences=[(a, A)], event_date="2024-01-01", country="Iraq")
        add_event(s, "e3", sentences=[(a, B)], event_date="2024-01-05", country="Iraq")
    store.dispose()

    edit = run(db, "edit", "e1", "fatalities=3", "sub_event_type=Air/drone strike", "--json")
    assert edit.returncode == 0, edit.stderr
    assert set(json.loads(edit.stdout)["changed"]) >= {"fatalities", "event_type"}
    bad = run(db, "edit", "e1", "country=Narnia")
    assert bad.returncode == 1 and "unknown country 'Narnia'" in bad.stderr
    assert run(db, "edit", "e1", "fatalities").returncode == 1  # not FIELD=VALUE

    log = json.loads(run(db, "log", "e1", "--json").stdout)
    assert log["review_status"] == "edited" and len(log["mentions"]) == 2
    assert run(db, "merge", "e1", "e2").returncode == 0
    split = run(db, "split", "e1", str(log["mentions"][1]["mention_id"]), "--json")
    assert split.returncode == 0, split.stderr + split.stdout
    new_id = json.loads(split.stdout)["new_event_id"]
    assert run(db, "confirm", "e1").returncode == 0
    assert run(db, "false-positive", "e3").returncode == 0
    text = run(db, "log", "e1").stdout
    assert "review status: confirmed" in text and "ana  edit  fatalities  1 -> 3" not in text
    assert "fatalities  0 -> 3" in text and "split_into" in text

    store = Store(db)
    with store.session() as s:
        assert s.get(Event, "e2").merged_into == "e1"  # type: ignore[union-attr]
        assert s.get(Event, "e3").review_status == "false_positive"  # type: ignore[union-attr]
        assert s.get(Event, new_id) is not None
    store.dispose()
