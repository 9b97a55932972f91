"""Every exported event imports back: undated events leave with an empty event_date that says
the date is unknown, and `sitrep import` accepts and flags them. An article dump is refused as
an event file. Real SQLite stores, the real CLI for the import message."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from export_factories import add_article, add_event
from sitrep.errors import ExportError
from sitrep.export import export_articles, export_events, import_file
from sitrep.export.formats import UNDATED_TAG
from sitrep.store import Store
from sitrep.store.queries import EventFilter, count_events

UNDATED = {"event_date": None, "year": None, "time_precision": None, "date_precision": None}


def _store_with_undated(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    article = add_article(store, text="Rockets hit Tower 22.")
    add_event(store, sources=[(article, "Rockets hit Tower 22.")])
    add_event(store, sources=[(article, "A drone struck the base.")], **UNDATED)
    add_event(store, **UNDATED, country=None, iso=None, location="Somewhere", notes="no date")
    return store


@pytest.mark.parametrize(("fmt", "suffix"), [("acled-csv", "csv"), ("jsonl", "jsonl")])
def test_export_import_keeps_every_event(tmp_path: Path, fmt: str, suffix: str) -> None:
    source = _store_with_undated(tmp_path / "a.db")
    out = tmp_path / f"events.{suffix}"
    written = export_events(source, fmt, str(out), EventFilter())
    assert written == 3
    target = Store(f"sqlite:///{tmp_path / 'b.db'}")
    summary = import_file(target, out)
    assert summary.errors == []
    assert (summary.added, summary.undated) == (3, 2)
    assert any("2 events have no event_date" in w for w in summary.warnings)
    with target.session() as s:
        assert count_events(s) == 3
    # and back out: the same count, dates still unknown (nothing invented)
    again = io.StringIO()
    assert export_events(target, fmt, again, EventFilter()) == 3
    if fmt == "acled-csv":
        rows = list(csv.DictReader(io.StringIO(again.getvalue())))
        undated = [r for r in rows if not r["event_date"]]
        assert len(undated) == 2
        assert all(r["year"] == "" and UNDATED_TAG in r["tags"] for r in undated)
        assert all(r["tags"].count(UNDATED_TAG) == 1 for r in undated)  # not appended twice
    else:
        lines = [json.loads(line) for line in again.getvalue().splitlines()]
        assert sum(1 for line in lines if line["event_date"] is None) == 2
    source.dispose()
    target.dispose()


def test_exported_acled_csv_says_the_date_is_unknown(tmp_path: Path) -> None:
    store = _store_with_undated(tmp_path / "a.db")
    out = io.StringIO()
    export_events(store, "acled-csv", out, EventFilter())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    dated = [r for r in rows if r["event_date"]]
    assert len(dated) == 1 and UNDATED_TAG not in dated[0]["tags"]
    store.dispose()


def test_cli_import_flags_undated_events(tmp_path: Path) -> None:
    store = _store_with_undated(tmp_path / "a.db")
    out = tmp_path / "events.csv"
    export_events(store, "acled-csv", str(out), EventFilter())
    store.dispose()
    db = f"sqlite:///{tmp_path / 'b.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "import", str(out), "--db", db],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "3 added" in done.stdout
    assert "2 events have no event_date" in done.stderr


def test_an_article_dump_is_not_an_event_file(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    add_article(store, text="Rockets hit Tower 22.", title="Rockets")
    dump = tmp_path / "articles.jsonl"
    export_articles(store, "jsonl", str(dump))
    target = Store(f"sqlite:///{tmp_path / 'b.db'}")
    with pytest.raises(ExportError, match="not an event file"):
        import_file(target, dump)
    with target.session() as s:
        assert count_events(s) == 0
    # a plain article record among event rows is refused row by row, never an all-null event
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        json.dumps({"event_id": "e1", "event_date": "2024-01-28"})
        + "\n"
        + json.dumps({"title": "Rockets", "text": "Rockets hit Tower 22."})
        + "\n",
        encoding="utf-8",
    )
    summary = import_file(target, mixed)
    assert summary.added == 1
    assert [e.line for e in summary.errors] == [2]
    assert "not an event" in summary.errors[0].reason
    store.dispose()
    target.dispose()
