"""Reading events in: ACLED CSV files and sitrep's own JSON-lines, as events or as a reference set.

Every row is checked on its own: a row with a problem gets an error naming its line and the
reason, and the rest of the file goes on. ACLED's CSV conventions are accepted as they appear in
ACLED's downloads: whole numbers written as "2022.0", the "Demostrations" spelling, optional
columns missing.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sitrep.errors import ExportError, InputError
from sitrep.export.formats import (
    ACLED_DEMONSTRATIONS_TYPO,
    BOOL_FIELDS,
    FLOAT_FIELDS,
    INT_FIELDS,
    TRACE_FIELDS,
    full_record,
    restore_formula,
)
from sitrep.models import ACLED_COLUMNS, EVENT_FIELDS, DatePrecision, EventRecord, Modality, Source
from sitrep.store.db import Store
from sitrep.store.schema import Article, Blob, Event, Mention, ReferenceEvent

IMPORT_FORMATS: tuple[str, ...] = ("acled-csv", "jsonl")
REQUIRED_ACLED_COLUMNS: tuple[str, ...] = ("event_date", "event_type", "sub_event_type")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMPTY_SHA = hashlib.sha256(b"").hexdigest()


@dataclass
class RowError:
    """One row that could not be imported, and why."""

    line: int
    item: str  # the row's event id, when it has one
    reason: str


@dataclass
class ImportSummary:
    """What an import did: rows read, events added or updated, and each row's problem."""

    path: str
    as_: str
    fmt: str
    dataset: str | None = None
    read: int = 0
    added: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Events imported without an event_date (their date is unknown): counted and flagged.
    undated: int = 0

    @property
    def imported(self) -> int:
        return self.added + self.updated


# --------------------------------------------------------------------------- values


def parse_int(name: str, text: Any) -> int | None:
    """A whole number from a cell, accepting ACLED's "2022.0" form; None for an empty cell."""
    if text is None or text == "":
        return None
    if isinstance(text, bool):
        raise InputError(f"{name}: expected a whole number, got {text!r}")
    if isinstance(text, int):
        return text
    try:
        number = float(text)
    except (TypeError, ValueError):
        raise InputError(f"{name}: expected a whole number, got {text!r}") from None
    if not number.is_integer():
        raise InputError(f"{name}: expected a whole number, got {text!r}")
    return int(number)


def parse_float(name: str, text: Any) -> float | None:
    if text is None or text == "":
        return None
    if isinstance(text, bool):
        raise InputError(f"{name}: expected a number, got {text!r}")
    try:
        return float(text)
    except (TypeError, ValueError):
        raise InputError(f"{name}: expected a number, got {text!r}") from None


def parse_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (None, ""):
        return False
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise InputError(f"{name}: expected true or false, got {value!r}")


#: What an imported event without a date says about its date.
UNDATED_REASON = "unknown: the imported row has no event_date"

#: Keys of sitrep's own article exports and of article dumps: a file whose rows have these and
#: no event field is articles, not events.
_ARTICLE_KEYS = frozenset(
    {"article_id", "text", "title", "body", "content", "html", "url", "outlet", "author",
     "authors", "published", "published_precision", "language", "cluster_id", "canonical"}
)  # fmt: skip
#: Fields an event row has at least one of (an all-null event is no event).
_EVENT_CONTENT = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "country",
    "admin1", "latitude", "notes", "sources", "event_id_cnty",
)  # fmt: skip


def check_event_date(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not _DATE.match(text):
        raise InputError(f"event_date: expected YYYY-MM-DD, got {value!r}")
    try:
        date.fromisoformat(text)
    except ValueError:
        raise InputError(f"event_date: {value!r} is not a calendar date") from None
    return text


def _scalar(name: str, value: Any) -> Any:
    """A record field's value, converted and checked by the field's kind."""
    if name in INT_FIELDS:
        number = parse_int(name, value)
        return 0 if name == "fatalities" and number is None else number
    if name in FLOAT_FIELDS:
        real = parse_float(name, value)
        return 0.0 if name == "confidence" and real is None else real
    if name in BOOL_FIELDS:
        return parse_bool(name, value)
    if name == "event_date":
        return check_event_date(value)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{name}: expected text, got {type(value).__name__}")
    return value


# --------------------------------------------------------------------------- ACLED CSV


def record_from_acled_row(row: dict[str, str]) -> EventRecord:
    """An event record from one ACLED CSV row (raises InputError naming the bad column)."""
    values: dict[str, Any] = {}
    for name in ACLED_COLUMNS:
        if name in row:
            values[name] = _scalar(name, row[name] or "")
    if values.get("disorder_type") == ACLED_DEMONSTRATIONS_TYPO:
        values["disorder_type"] = "Demonstrations"
    record = EventRecord(**values)
    # an empty event_date is an event whose date is unknown (sitrep's exports write undated
    # events that way): imported as undated and flagged, never refused and never invented
    # ACLED's codes say how well the date is known: 1 the day, 2 the week, 3 the month or vaguer
    if record.time_precision is not None:
        precision: dict[int, DatePrecision] = {1: "day", 2: "week"}
        record.date_precision = precision.get(record.time_precision, "month")
    return record


def read_acled_csv(path: Path) -> Iterator[tuple[int, EventRecord | InputError]]:
    """(line number, record or the row's error) for each row of an ACLED CSV file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        missing = [c for c in REQUIRED_ACLED_COLUMNS if c not in header]
        if missing:
            raise ExportError(
                f"cannot import {path}: not an ACLED CSV, columns {', '.join(missing)} are missing"
            )
        for row in reader:
            line = reader.line_num
            # undo the export's formula neutralising (sitrep.export.formats.neutralise_formula)
            row = {k: restore_formula(v) if isinstance(v, str) else v for k, v in row.items()}
            try:
                yield line, record_from_acled_row(row)
            except InputError as exc:
                yield line, exc


# --------------------------------------------------------------------------- JSON-lines

_DATE_PRECISIONS = set(get_args(DatePrecision))
_MODALITIES = set(get_args(Modality))


def _source(value: Any, index: int) -> Source:
    if not isinstance(value, dict):
        raise InputError(f"sources[{index}]: expected an object, got {type(value).__name__}")
    start = parse_int(f"sources[{index}].start", value.get("start"))
    end = parse_int(f"sources[{index}].end", value.get("end"))
    sentence = value.get("sentence")
    if not isinstance(sentence, str):
        raise InputError(f"sources[{index}].sentence: missing")
    return Source(
        article_id=_scalar("article_id", value.get("article_id")),
        outlet=_scalar("outlet", value.get("outlet")),
        url=_scalar("url", value.get("url")),
        published=_scalar("published", value.get("published")),
        sentence=sentence,
        start=start or 0,
        end=end or 0,
    )


def record_from_json(data: Any) -> tuple[EventRecord, list[str]]:
    """An event record from one JSON object of sitrep's JSON-lines export, and unknown keys."""
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object, got {type(data).__name__}")
    values: dict[str, Any] = {}
    for name in EVENT_FIELDS + TRACE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "sources":
            if not isinstance(value or [], list):
                raise InputError("sources: expected a list")
            values[name] = [_source(v, i) for i, v in enumerate(value or [])]
        elif name == "weapons":
            if not isinstance(value or [], list) or not all(
                isinstance(w, str) for w in value or []
            ):
                raise InputError("weapons: expected a list of texts")
            values[name] = list(value or [])
        elif name in ("munitions", "reasons"):
            if value is not None and not isinstance(value, dict):
                raise InputError(f"{name}: expected an object")
            values[name] = value if name == "munitions" else dict(value or {})
        elif name == "modality":
            if value not in _MODALITIES:
                raise InputError(f"modality: {value!r} is not one of {sorted(_MODALITIES)}")
            values[name] = value
        elif name == "date_precision":
            if value is not None and value not in _DATE_PRECISIONS:
                raise InputError(
                    f"date_precision: {value!r} is not one of {sorted(_DATE_PRECISIONS)}"
                )
            values[name] = value
        else:
            values[name] = _scalar(name, value)
    if values.get("disorder_type") == ACLED_DEMONSTRATIONS_TYPO:
        values["disorder_type"] = "Demonstrations"
    unknown = sorted(set(data) - set(EVENT_FIELDS) - set(TRACE_FIELDS))
    if not any(values.get(name) not in (None, "", []) for name in _EVENT_CONTENT):
        looks = sorted(set(data) & _ARTICLE_KEYS)
        what = f"an article record (keys {', '.join(looks)})" if looks else "no event fields"
        raise InputError(
            f"not an event: {what}; an event row needs at least one of "
            f"{', '.join(_EVENT_CONTENT[:6])}..."
        )
    return EventRecord(**values), unknown


def read_jsonl(path: Path) -> Iterator[tuple[int, EventRecord | InputError, list[str]]]:
    with path.open(encoding="utf-8-sig") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record, unknown = record_from_json(json.loads(line))
            except json.JSONDecodeError as exc:
                yield line_no, InputError(f"not valid JSON: {exc.msg} at column {exc.colno}"), []
                continue
            except InputError as exc:
                yield line_no, exc, []
                continue
            yield line_no, record, unknown


# --------------------------------------------------------------------------- storing


def event_id_for(record: EventRecord) -> str:
    """The store id of an imported record: its own, else one derived from its ACLED id.

    Deriving it from ``event_id_cnty`` makes importing the same ACLED file twice update the
    events instead of doubling them.
    """
    if record.event_id:
        return record.event_id
    key = record.event_id_cnty or json.dumps(
        [getattr(record, n) for n in ACLED_COLUMNS], default=str, sort_keys=True
    )
    return hashlib.sha1(f"import:{key}".encode()).hexdigest()[:32]


def _parse_published(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _source_article(session: Session, source: Source, event_id: str, index: int) -> str:
    """The id of the article behind an imported source, creating a stand-in when it is absent.

    A stand-in article keeps the source's outlet, URL and publication date (so the event's
    provenance survives the round trip) and has status "imported" and no text.
    """
    article_id = (
        source.article_id
        or hashlib.sha1(f"{source.url or ''}|{event_id}|{index}".encode()).hexdigest()[:32]
    )
    if session.get(Article, article_id) is not None:
        return article_id
    if session.get(Blob, _EMPTY_SHA) is None:
        session.add(Blob(sha256=_EMPTY_SHA, size=0, data=b""))
        session.flush()
    session.add(
        Article(
            id=article_id,
            source=f"import:{article_id}",
            url=source.url,
            content_hash=_EMPTY_SHA,
            outlet=source.outlet,
            published=_parse_published(source.published),
            published_text=source.published,
            published_precision="day" if source.published else None,
            published_from="user" if source.published else None,
            status="imported",
        )
    )
    session.flush()
    return article_id


_EVENT_COLUMNS = tuple(n for n in EVENT_FIELDS if n not in ("event_id", "sources")) + TRACE_FIELDS


def store_event(session: Session, record: EventRecord) -> bool:
    """Insert or update one event with its sources; True when it was new.

    Fields a reviewer locked on an existing event keep their reviewed value.
    """
    event_id = event_id_for(record)
    event = session.get(Event, event_id)
    added = event is None
    if event is None:
        event = Event(id=event_id)
        session.add(event)
    locked = set(event.locked_fields or [])
    for name in _EVENT_COLUMNS:
        if name in locked:
            continue
        value = getattr(record, name)
        if name in ("weapons",):
            value = list(value or [])
        elif name == "reasons":
            value = dict(value or {})
            if not record.event_date:
                value.setdefault("event_date", UNDATED_REASON)
        setattr(event, name, value)
    if "sources" not in locked:
        event.mentions.clear()
        session.flush()
        for index, source in enumerate(record.sources):
            article_id = _source_article(session, source, event_id, index)
            event.mentions.append(
                Mention(
                    article_id=article_id,
                    sentence_index=None,
                    start=source.start,
                    end=source.end,
                    sentence=source.sentence,
                    record={"imported": True},
                )
            )
        event.source_count = len(record.sources)
    session.flush()
    return added


def store_reference(session: Session, record: EventRecord, dataset: str) -> bool:
    """Insert or update one reference event (keyed by dataset and ACLED id); True when new."""
    existing = None
    if record.event_id_cnty:
        existing = session.execute(
            select(ReferenceEvent).where(
                ReferenceEvent.dataset == dataset,
                ReferenceEvent.event_id_cnty == record.event_id_cnty,
            )
        ).scalar_one_or_none()
    row = existing or ReferenceEvent(dataset=dataset)
    row.event_id_cnty = record.event_id_cnty
    row.event_date = record.event_date
    row.country = record.country
    row.admin1 = record.admin1
    row.record = full_record(record, trace=True)
    if existing is None:
        session.add(row)
    session.flush()
    return existing is None


def _check_event_file(path: Path) -> None:
    """ExportError when the JSON file's first record is an article, not an event: importing an
    article dump as events would make events with nothing in them."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for line in handle:
            if line.strip():
                break
        else:
            return
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return  # reported row by row
    if isinstance(data, dict):
        events = set(data) & (set(EVENT_FIELDS) | set(TRACE_FIELDS))
        articles = set(data) & _ARTICLE_KEYS
        if articles and not (events - {"notes", "source"}):
            raise ExportError(
                f"cannot import {path}: not an event file (its first record has the article "
                f"fields {', '.join(sorted(articles))} and no event field); articles are read "
                "with `sitrep ingest`, events come from `sitrep export` or an ACLED CSV"
            )


def detect_format(path: Path) -> str:
    """The import format of a file, from its name or its first bytes."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "acled-csv"
    with path.open("rb") as handle:
        head = handle.read(64).lstrip()
    return "jsonl" if head.startswith(b"{") else "acled-csv"


def import_file(
    store: Store,
    path: str | Path,
    *,
    as_: Literal["reference", "events"] = "events",
    fmt: str | None = None,
    dataset: str | None = None,
) -> ImportSummary:
    """Import an ACLED CSV or a sitrep JSON-lines file as events or as a reference dataset.

    ``as_="events"`` adds (or updates) events in the store, with their sources; ``as_="reference"``
    keeps them apart in the reference table under ``dataset`` (default: the file's stem) for
    ``compare``. Each bad row is reported in ``ImportSummary.errors`` and skipped.
    """
    path = Path(path)
    if as_ not in ("events", "reference"):
        raise ExportError(f"cannot import {path} as {as_!r}: choose 'events' or 'reference'")
    if not path.is_file():
        raise ExportError(f"cannot import {path}: no such file")
    fmt = fmt or detect_format(path)
    if fmt not in IMPORT_FORMATS:
        raise ExportError(f"cannot import {path} as {fmt!r}: choose one of {IMPORT_FORMATS}")
    dataset = dataset or path.stem
    summary = ImportSummary(
        path=str(path), as_=as_, fmt=fmt, dataset=dataset if as_ == "reference" else None
    )
    rows: Iterator[tuple[int, EventRecord | InputError, list[str]]]
    if fmt == "jsonl":
        _check_event_file(path)
        rows = read_jsonl(path)
    else:
        rows = ((line, rec, []) for line, rec in read_acled_csv(path))
    unknown_seen: set[str] = set()
    with store.session() as session:
        for line, result, unknown in rows:
            summary.read += 1
            if isinstance(result, InputError):
                summary.errors.append(RowError(line, "", str(result)))
                continue
            unknown_seen.update(unknown)
            item = result.event_id or result.event_id_cnty or ""
            try:
                with session.begin_nested():
                    if as_ == "events":
                        added = store_event(session, result)
                    else:
                        added = store_reference(session, result, dataset)
            except SQLAlchemyError as exc:
                reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
                summary.errors.append(RowError(line, item, f"cannot store: {reason}"))
                continue
            if added:
                summary.added += 1
            else:
                summary.updated += 1
            if not result.event_date:
                summary.undated += 1
        session.commit()
    if unknown_seen:
        summary.warnings.append(f"ignored unknown fields: {', '.join(sorted(unknown_seen))}")
    if summary.undated:
        summary.warnings.append(
            f"{summary.undated} events have no event_date: imported as undated "
            "(their date is unknown; date filters leave them out)"
        )
    return summary


def load_reference(store: Store, dataset: str | None = None) -> list[EventRecord]:
    """The events of a reference dataset (all reference datasets when ``dataset`` is None)."""
    stmt = select(ReferenceEvent).order_by(ReferenceEvent.event_date, ReferenceEvent.id)
    if dataset:
        stmt = stmt.where(ReferenceEvent.dataset == dataset)
    with store.session() as session:
        return [record_from_json(row.record)[0] for row in session.execute(stmt).scalars()]
