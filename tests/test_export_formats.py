"""Exports: every format from a real store, ACLED's conventions, safe download paths."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from export_factories import add_article, add_event
from sitrep.errors import ExportError
from sitrep.events.taxonomy import SUB_EVENT_TYPES
from sitrep.export import FORMATS, export_articles, export_events, safe_output_path
from sitrep.export.formats import (
    PLOVER_EVENTS,
    acled_row,
    interaction_code,
    iso3_of,
    stable_event_id_cnty,
)
from sitrep.models import ACLED_COLUMNS, EVENT_FIELDS, EventRecord
from sitrep.store import Store
from sitrep.store.queries import EventFilter


@pytest.fixture
def filled(store: Store) -> Store:
    a1 = add_article(store, outlet="Reuters")
    a2 = add_article(store, outlet="AP")
    add_event(
        store,
        id="tower22",
        sources=[(a1, "A drone struck Tower 22."), (a2, "Three soldiers were killed.")],
    )
    add_event(
        store,
        id="qaim",
        event_date="2024-02-02",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of the United States (2021-)",
        inter1=8,
        actor2="Kataib Hezbollah",
        inter2=3,
        interaction=None,
        iso=368,
        country="Iraq",
        admin1="Al Anbar",
        location="Al Qaim",
        latitude=34.37,
        longitude=41.09,
        fatalities=16,
        notes=None,
        sources=[(a1, "US jets struck Al Qaim.")],
    )
    add_event(
        store,
        id="nogeo",
        event_date="2024-01-20",
        disorder_type="Demostrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Iraq)",
        inter1=6,
        actor2=None,
        inter2=None,
        interaction=None,
        iso=368,
        country="Iraq",
        admin1="Baghdad",
        location=None,
        latitude=None,
        longitude=None,
        fatalities=0,
    )
    add_event(store, id="fp", review_status="false_positive")
    return store


def _text(store: Store, fmt: str, flt: EventFilter | None = None) -> tuple[int, str]:
    out = io.StringIO()
    count = export_events(store, fmt, out, flt)
    return count, out.getvalue()


def test_export_acled_csv_has_acled_columns_and_conventions(filled: Store) -> None:
    count, text = _text(filled, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == 3  # the false positive is left out
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    by_loc = {r["location"]: r for r in rows}
    qaim = by_loc["Al Qaim"]
    assert qaim["event_id_cnty"].startswith("IRQ")
    assert qaim["year"] == "2024" and qaim["fatalities"] == "16"  # integers, never "16.0"
    assert qaim["interaction"] == "38"  # derived: smaller code first
    assert qaim["source"] == "Reuters"
    assert qaim["notes"] == "US jets struck Al Qaim."  # first reporting sentence when no notes
    assert int(qaim["timestamp"]) > 1_600_000_000
    assert by_loc["Tower 22"]["source"] == "Reuters; AP"
    protest = by_loc[""]
    assert protest["disorder_type"] == "Demonstrations"
    assert protest["interaction"] == "60"
    assert protest["latitude"] == "" and protest["actor2"] == ""


def test_export_acled_ids_are_stable(filled: Store) -> None:
    first = [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(_text(filled, "acled-csv")[1]))]
    again = [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(_text(filled, "acled-csv")[1]))]
    assert first == again and len(set(first)) == 3


def test_export_jsonl_lines_have_exactly_the_event_fields(filled: Store) -> None:
    count, text = _text(filled, "jsonl")
    lines = [json.loads(line) for line in text.splitlines()]
    assert count == len(lines) == 3
    for line in lines:
        # the event record's fields, then where review left the event
        assert tuple(line) == (*EVENT_FIELDS, "review_status")
        assert line["review_status"] == "unreviewed"
    tower = next(line for line in lines if line["event_id"] == "tower22")
    assert [s["outlet"] for s in tower["sources"]] == ["Reuters", "AP"]
    assert tower["sources"][0]["sentence"] == "A drone struck Tower 22."


def test_export_jsonl_with_trace_adds_provenance(filled: Store) -> None:
    out = io.StringIO()
    export_events(filled, "jsonl", out, trace=True)
    line = json.loads(out.getvalue().splitlines()[0])
    assert {"actor1_text", "actor2_text", "location_text", "date_text", "reasons"} <= set(line)


def test_export_full_csv_keeps_structures_as_json(filled: Store) -> None:
    _, text = _text(filled, "csv")
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert tuple(next(iter(rows.values())).keys()) == EVENT_FIELDS
    assert json.loads(rows["tower22"]["weapons"]) == ["drone"]
    assert len(json.loads(rows["tower22"]["sources"])) == 2
    assert rows["tower22"]["background"] == "false"


def test_export_plover_maps_categories_and_cites_sources(filled: Store) -> None:
    _, text = _text(filled, "plover")
    lines = {d["id"]: d for d in map(json.loads, text.splitlines())}
    tower = lines["tower22"]
    assert (tower["event"], tower["mode"]) == ("ASSAULT", "drone")
    assert tower["size"] == {"dead": 3, "injured": 34}
    assert tower["event_loc"]["name"] == "Tower 22"
    assert tower["cite_info"][1]["outlet"] == "AP"
    assert lines["nogeo"]["event"] == "PROTEST"


def test_export_plover_table_covers_every_sub_event_type() -> None:
    assert set(PLOVER_EVENTS) == set(SUB_EVENT_TYPES)


def test_export_geojson_is_a_feature_collection(filled: Store) -> None:
    _, text = _text(filled, "geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    by_id = {f["id"]: f for f in data["features"]}
    assert by_id["qaim"]["geometry"] == {"type": "Point", "coordinates": [41.09, 34.37]}
    assert by_id["nogeo"]["geometry"] is None
    assert tuple(by_id["qaim"]["properties"]) == EVENT_FIELDS


def test_export_parquet_has_typed_columns(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert export_events(filled, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.column_names == list(EVENT_FIELDS)
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert rows["tower22"]["sources"][1]["outlet"] == "AP"
    assert rows["tower22"]["weapons"] == ["drone"]


def test_export_empty_parquet_is_still_readable(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "none.parquet"
    assert export_events(store, "parquet", path) == 0
    assert pq.read_table(path).num_rows == 0


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(country=["Iraq"]), {"qaim", "nogeo"}),
        (EventFilter(event_type=["Protests"]), {"nogeo"}),
        (EventFilter(actor="kataib"), {"qaim"}),
        (EventFilter(include_false_positives=True, country=["Jordan"]), {"tower22", "fp"}),
    ],
)
def test_export_honours_the_shared_filter(
    filled: Store, flt: EventFilter, expected: set[str]
) -> None:
    _, text = _text(filled, "jsonl", flt)
    assert {json.loads(line)["event_id"] for line in text.splitlines()} == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_every_format_to_a_binary_stream(filled: Store, fmt: str) -> None:
    out = io.BytesIO()
    assert export_events(filled, fmt, out) == 3
    assert out.getvalue()


def test_export_rejects_unknown_format_and_missing_folder(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="choose one of"):
        export_events(filled, "xlsx", io.StringIO())
    with pytest.raises(ExportError, match="does not exist"):
        export_events(filled, "jsonl", tmp_path / "no" / "x.jsonl")
    with pytest.raises(ExportError, match="binary stream"):
        export_events(filled, "parquet", io.StringIO())


def test_export_articles_lists_outcomes(store: Store) -> None:
    add_article(store, outlet="Reuters", title="Strike")
    add_article(store, outlet=None, status="failed", error="not HTML: PDF without text")
    out = io.StringIO()
    assert export_articles(store, "jsonl", out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[1]["status"] == "failed" and rows[1]["error"].startswith("not HTML")
    out = io.StringIO()
    assert export_articles(store, "csv", out, status="failed") == 1
    assert "PDF without text" in out.getvalue()


@pytest.mark.parametrize(
    "name", ["../x.csv", "/etc/passwd", "a/../../x", "", ".", "..", "x\x00.csv"]
)
def test_export_safe_output_path_refuses_escapes(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError, match="not allowed|names the folder"):
        safe_output_path(tmp_path, name)


def test_export_safe_output_path_refuses_symlinks_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    base = tmp_path / "exports"
    base.mkdir()
    (base / "link").symlink_to(outside)
    with pytest.raises(ExportError, match="outside"):
        safe_output_path(base, "link/x.csv")
    assert safe_output_path(base, "sub/events.csv") == (base / "sub" / "events.csv").resolve()


@pytest.mark.parametrize(
    ("inter1", "inter2", "code"),
    [(3, 8, 38), (8, 3, 38), (6, None, 60), (None, None, None), (1, 1, 11), (6, 0, 60)],
)
def test_export_interaction_code(inter1: int | None, inter2: int | None, code: int | None) -> None:
    assert interaction_code(inter1, inter2) == code


@pytest.mark.parametrize(
    ("iso", "country", "code"),
    [(368, None, "IRQ"), (None, "Syria", "SYR"), (760, "Syria", "SYR"), (None, "Atlantis", "XXX")],
)
def test_export_iso3(iso: int | None, country: str | None, code: str) -> None:
    assert iso3_of(iso, country) == code


def test_export_event_id_cnty_kept_when_present() -> None:
    record = EventRecord(event_id_cnty="IRQ1234", event_id="x")
    assert stable_event_id_cnty(record) == "IRQ1234"
    assert acled_row(EventRecord(event_id="x", country="Iraq"))["event_id_cnty"].startswith("IRQ")
