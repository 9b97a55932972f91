"""docs/event-record.md documents exactly the event record, and the JSON-lines export matches it."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

from export_factories import add_article, add_event
from sitrep.export import export_events
from sitrep.export.formats import TRACE_FIELDS
from sitrep.models import ACLED_COLUMNS, EVENT_FIELDS, SITREP_COLUMNS, EventRecord
from sitrep.store import Store

DOC = Path(__file__).resolve().parents[1] / "docs" / "event-record.md"


def documented() -> dict[str, list[str]]:
    """Field names per section, in the order the tables list them."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        match = re.match(r"^\| `([a-z0-9_]+)` \|", line)
        if match:
            sections[current].append(match.group(1))
    return sections


def test_event_record_doc_lists_acled_then_sitrep_columns() -> None:
    sections = documented()
    assert tuple(sections["ACLED's columns"]) == ACLED_COLUMNS
    assert tuple(sections["sitrep's columns"]) == SITREP_COLUMNS
    assert tuple(sections["ACLED's columns"] + sections["sitrep's columns"]) == EVENT_FIELDS


def test_event_record_doc_covers_every_record_field() -> None:
    every = [
        name
        for section, names in documented().items()
        if section != "Review fields"
        for name in names
    ]
    assert sorted(every) == sorted(f.name for f in dataclasses.fields(EventRecord))
    assert tuple(documented()["Traceability fields"]) == TRACE_FIELDS


def test_event_record_jsonl_line_has_exactly_the_documented_keys(sqlite_store: Store) -> None:
    article = add_article(sqlite_store)
    add_event(sqlite_store, sources=[(article, "A drone struck Tower 22.")])
    out = io.StringIO()
    export_events(sqlite_store, "jsonl", out)
    line = json.loads(out.getvalue().splitlines()[0])
    sections = documented()
    assert (
        list(line)
        == sections["ACLED's columns"] + sections["sitrep's columns"] + sections["Review fields"]
    )
    assert set(line["sources"][0]) == {
        "article_id", "outlet", "url", "published", "sentence", "start", "end",
    }  # fmt: skip
