"""Imports: ACLED CSV and JSON-lines, per-row errors, reference sets, and lossless round trips."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export_factories import add_article, add_event
from sitrep.errors import ExportError
from sitrep.events.taxonomy import SUB_EVENT_TYPES
from sitrep.export import export_events, import_file, load_reference, write_records
from sitrep.models import ACLED_COLUMNS, EventRecord, Source
from sitrep.store import Store
from sitrep.store.queries import count_events

ACLED_HEADER = ",".join(ACLED_COLUMNS)
# Two rows as ACLED's downloads write them: whole numbers as floats, "Demostrations".
ACLED_ROWS = [
    "IRQ100,2022-02-23,2022.0,1.0,Political violence,Explosions/Remote violence,"
    "Shelling/artillery/missile attack,Unidentified Armed Group (Iraq),,3.0,"
    "Military Forces of Turkey (2014-),,8.0,38.0,,368.0,Middle East,Iraq,Nineveh,Mosul,,"
    'Zilkan,36.5,43.3,1.0,Rudaw,National,"On 23 February 2022, rockets hit Zilkan base.",0.0,,'
    "1646077433.0",
    "IRQ101,2022-06-08,2022.0,2.0,Demostrations,Protests,Peaceful protest,Protesters (Iraq),,"
    "6.0,,,0.0,60.0,,368.0,Middle East,Iraq,Baghdad,Baghdad,,Baghdad,33.3406,44.4009,1.0,"
    'Shafaq News,National,"Residents protested power cuts. [size=no report]",0.0,,1655149952.0',
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_acled_csv_tolerates_acled_conventions(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "acled.csv", [ACLED_HEADER, *ACLED_ROWS])
    summary = import_file(store, path, as_="events")
    assert (summary.read, summary.added, summary.errors) == (2, 2, [])
    out = io.StringIO()
    export_events(store, "acled-csv", out)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["IRQ100"]["year"] == "2022" and rows["IRQ100"]["inter2"] == "8"
    assert rows["IRQ100"]["timestamp"] == "1646077433"
    assert rows["IRQ101"]["disorder_type"] == "Demonstrations"
    assert rows["IRQ101"]["time_precision"] == "2"
    # importing again updates rather than doubling
    again = import_file(store, path)
    assert (again.added, again.updated) == (0, 2)


def test_import_acled_csv_with_missing_optional_columns(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "small.csv",
        [
            "event_date,event_type,sub_event_type,country,fatalities",
            "2024-01-28,Explosions/Remote violence,Air/drone strike,Jordan,3.0",
        ],
    )
    summary = import_file(store, path)
    assert summary.added == 1 and not summary.errors
    with store.session() as s:
        assert count_events(s) == 1


def test_import_reports_bad_rows_and_goes_on(store: Store, tmp_path: Path) -> None:
    bad_year = ACLED_ROWS[0].replace("IRQ100,2022-02-23,2022.0", "IRQ102,2022-02-23,2022.5")
    bad_date = ACLED_ROWS[0].replace("IRQ100,2022-02-23", "IRQ103,23/02/2022")
    bad_lat = ACLED_ROWS[0].replace("IRQ100", "IRQ104").replace("36.5,43.3", "north,43.3")
    path = _write(
        tmp_path / "mixed.csv", [ACLED_HEADER, bad_year, ACLED_ROWS[1], bad_date, bad_lat]
    )
    summary = import_file(store, path)
    assert summary.added == 1
    reasons = [(e.line, e.reason) for e in summary.errors]
    assert reasons[0] == (2, "year: expected a whole number, got '2022.5'")
    assert reasons[1][0] == 4 and "event_date: expected YYYY-MM-DD" in reasons[1][1]
    assert "latitude: expected a number, got 'north'" in reasons[2][1]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "expected a JSON object"),
        ('{"event_date": "2024-01-28", "modality": "rumoured"}', "modality: 'rumoured'"),
        ('{"event_date": "2024-13-40"}', "not a calendar date"),
        ('{"event_date": "2024-01-28", "fatalities": "many"}', "fatalities: expected a whole"),
        ('{"event_date": "2024-01-28", "sources": [{"start": 0}]}', "sources[0].sentence"),
        ('{"event_date": "2024-01-28", "weapons": "drone"}', "weapons: expected a list"),
        ('{"event_date": "2024-01-28", "background": "maybe"}', "background: expected true"),
    ],
)
def test_import_jsonl_row_errors(
    sqlite_store: Store, tmp_path: Path, line: str, reason: str
) -> None:
    good = json.dumps({"event_id": "ok1", "event_date": "2024-01-28"})
    path = _write(tmp_path / "e.jsonl", [good, line])
    summary = import_file(sqlite_store, path)
    assert summary.added == 1
    assert len(summary.errors) == 1 and summary.errors[0].line == 2
    assert reason in summary.errors[0].reason


def test_import_jsonl_warns_about_unknown_fields(sqlite_store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "e.jsonl",
        [json.dumps({"event_id": "a", "event_date": "2024-01-28", "colour": "red"})],
    )
    summary = import_file(sqlite_store, path)
    assert summary.added == 1 and summary.warnings == ["ignored unknown fields: colour"]


def test_import_refuses_what_it_cannot_read(sqlite_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such file"):
        import_file(sqlite_store, tmp_path / "missing.csv")
    path = _write(tmp_path / "other.csv", ["name,age", "x,1"])
    with pytest.raises(ExportError, match="not an ACLED CSV"):
        import_file(sqlite_store, path)
    with pytest.raises(ExportError, match="choose 'events' or 'reference'"):
        import_file(sqlite_store, path, as_="both")  # type: ignore[arg-type]


def test_import_reference_is_kept_apart(store: Store, tmp_path: Path) -> None:
    add_event(store, id="ours")
    path = _write(tmp_path / "acled_iraq.csv", [ACLED_HEADER, *ACLED_ROWS])
    summary = import_file(store, path, as_="reference")
    assert (summary.added, summary.dataset) == (2, "acled_iraq")
    assert import_file(store, path, as_="reference").updated == 2
    with store.session() as s:
        assert count_events(s) == 1  # reference events never mix with sitrep's
    refs = load_reference(store, "acled_iraq")
    assert [r.event_id_cnty for r in refs] == ["IRQ100", "IRQ101"]
    assert refs[1].disorder_type == "Demonstrations" and refs[0].fatalities == 0
    assert load_reference(store, "other") == []


def test_import_jsonl_round_trip_on_store(store: Store, tmp_path: Path) -> None:
    """Events exported from one store and imported into another export identically."""
    a1 = add_article(store, outlet="Reuters")
    add_event(store, id="e1", sources=[(a1, "A drone struck Tower 22.")], reasons={"date": "x"})
    add_event(store, id="e2", munitions={"min": 15, "max": 20, "kind": "rocket"})
    first = tmp_path / "first.jsonl"
    export_events(store, "jsonl", first, trace=True)
    target = Store(f"sqlite:///{tmp_path / 'target.db'}")
    summary = import_file(target, first)
    assert summary.added == 2 and not summary.errors
    second = tmp_path / "second.jsonl"
    export_events(target, "jsonl", second, trace=True)
    target.dispose()
    assert first.read_text() == second.read_text()


# --------------------------------------------------------------------------- properties

_counter = itertools.count()
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30
)
opt_text = st.none() | text
whole = st.integers(min_value=0, max_value=10_000)
coordinate = st.floats(min_value=-89.0, max_value=89.0, allow_nan=False)


@st.composite
def sources(draw: st.DrawFn) -> list[Source]:
    n = draw(st.integers(min_value=0, max_value=3))
    return [
        Source(
            article_id=f"a{draw(st.integers(0, 5))}",
            outlet=None,  # an article's outlet is shared by every event citing it
            url=None,
            published=None,
            sentence=draw(text),
            start=i * 1000,
            end=i * 1000 + draw(st.integers(1, 999)),
        )
        for i in range(n)
    ]


@st.composite
def records(draw: st.DrawFn) -> EventRecord:
    sub = draw(st.sampled_from(sorted(SUB_EVENT_TYPES)))
    day = draw(st.dates(min_value=date(1997, 1, 1), max_value=date(2100, 12, 31)))
    return EventRecord(
        event_id_cnty=draw(st.none() | st.from_regex(r"[A-Z]{3}[0-9]{1,7}", fullmatch=True)),
        event_date=day.isoformat(),
        year=day.year,
        time_precision=draw(st.sampled_from([1, 2, 3])),
        disorder_type=draw(st.sampled_from(["Political violence", "Demonstrations", None])),
        event_type=SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        actor1=draw(opt_text),
        assoc_actor_1=draw(opt_text),
        inter1=draw(st.none() | st.integers(1, 8)),
        actor2=draw(opt_text),
        inter2=draw(st.none() | st.integers(0, 8)),
        interaction=draw(st.none() | st.integers(10, 88)),
        iso=draw(st.none() | st.sampled_from([368, 760, 400])),
        country=draw(opt_text),
        admin1=draw(opt_text),
        location=draw(opt_text),
        latitude=draw(st.none() | coordinate),
        longitude=draw(st.none() | coordinate),
        geo_precision=draw(st.none() | st.integers(1, 3)),
        source=draw(opt_text),
        notes=draw(opt_text),
        fatalities=draw(whole),
        tags=draw(opt_text),
        timestamp=draw(st.none() | st.integers(0, 2_000_000_000)),
        event_id=f"p{next(_counter)}",
        date_precision=draw(st.sampled_from(["day", "week", "month", "year"])),
        injuries=draw(st.none() | whole),
        munitions=draw(st.none() | st.fixed_dictionaries({"min": whole, "kind": text})),
        weapons=draw(st.lists(text, max_size=3)),
        modality=draw(st.sampled_from(["reported", "claimed", "alleged", "denied", "contested"])),
        claimed_by=draw(opt_text),
        background=draw(st.booleans()),
        confidence=draw(st.floats(0, 1, allow_nan=False)),
        sources=draw(sources()),
    )


def _json_lines(text: str) -> list[dict[str, object]]:
    # split on "\n" only: str.splitlines() would also split inside values at U+2028
    return [json.loads(line) for line in text.split("\n") if line]


def _fresh_store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / f'h{next(_counter)}.db'}")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(records(), min_size=1, max_size=4, unique_by=lambda r: r.event_id_cnty or r.event_id)
)
def test_export_jsonl_import_export_is_lossless(tmp_path: Path, batch: list[EventRecord]) -> None:
    source_file = tmp_path / f"in{next(_counter)}.jsonl"
    write_records(batch, "jsonl", source_file)
    target = _fresh_store(tmp_path)
    summary = import_file(target, source_file)
    assert summary.errors == [] and summary.added == len(batch)
    out = io.StringIO()
    export_events(target, "jsonl", out)
    target.dispose()
    exported = {d["event_id"]: d for d in _json_lines(out.getvalue())}
    # a stored event also says where review left it; records written directly do not
    assert {d.pop("review_status") for d in exported.values()} == {"unreviewed"}
    expected = {d["event_id"]: d for d in _json_lines(source_file.read_text(encoding="utf-8"))}
    for data in expected.values():  # a stand-in article's URL is its import name
        for src in data["sources"]:
            src["url"] = f"import:{src['article_id']}"
    assert exported == expected


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(records(), min_size=1, max_size=4, unique_by=lambda r: r.event_id_cnty or r.event_id)
)
def test_export_acled_csv_round_trip_keeps_acled_fields(
    tmp_path: Path, batch: list[EventRecord]
) -> None:
    for record in batch:  # ACLED rows always carry one; a store export fills it from updated_at
        record.timestamp = 1_700_000_000 if record.timestamp is None else record.timestamp
    first = io.StringIO()
    write_records(batch, "acled-csv", first)
    path = tmp_path / f"acled{next(_counter)}.csv"
    path.write_text(first.getvalue(), encoding="utf-8")
    target = _fresh_store(tmp_path)
    summary = import_file(target, path)
    assert summary.errors == []
    second = io.StringIO()
    export_events(target, "acled-csv", second)
    target.dispose()

    def rows(text: str) -> list[dict[str, str]]:
        return sorted(csv.DictReader(io.StringIO(text)), key=lambda r: r["event_id_cnty"])

    assert rows(second.getvalue()) == rows(first.getvalue())
