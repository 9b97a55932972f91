"""Writing events and articles out: choosing the target, streaming rows in each format.

Rows are read from the store in batches and written as they come, so an export of a large store
never holds every event in memory (Parquet keeps one batch at a time).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq
from sqlalchemy import select

from sitrep.errors import ExportError
from sitrep.export.formats import (
    TRACE_FIELDS,
    acled_row,
    csv_row,
    full_record,
    geojson_feature,
    neutralise_formula,
    parquet_batch,
    parquet_schema,
    plover_record,
)
from sitrep.models import ACLED_COLUMNS, EVENT_FIELDS, EventRecord
from sitrep.store.db import Store
from sitrep.store.queries import EventFilter, count_events, event_to_record, select_events
from sitrep.store.schema import Article, Event

FORMATS: tuple[str, ...] = ("acled-csv", "csv", "jsonl", "plover", "geojson", "parquet")
ARTICLE_FORMATS: tuple[str, ...] = ("jsonl", "csv")

#: File name extension of each format (used by the API's downloads and ``safe_output_path``).
EXTENSIONS: dict[str, str] = {
    "acled-csv": ".csv",
    "csv": ".csv",
    "jsonl": ".jsonl",
    "plover": ".jsonl",
    "geojson": ".geojson",
    "parquet": ".parquet",
}

#: The columns of the article export, in order.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "source", "url", "title", "outlet", "author", "published",
    "published_precision", "published_from", "language", "cluster_id", "canonical",
    "original_outlet", "story_id", "status", "error", "published_missing_reason",
    "language_note",
)  # fmt: skip

BATCH = 500

Target = IO[str] | IO[bytes] | str | Path | None


class CrSafeWriter:
    """A ``csv.DictWriter`` with ``\\n`` line ends that quotes every cell of a row holding a bare
    carriage return: with that line terminator Python's writer does not quote a lone CR, and a
    reader then splits the row there. Rows without one are written exactly as before."""

    def __init__(self, handle: IO[str], fieldnames: list[str]) -> None:
        self.plain = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        self.quoted = csv.DictWriter(
            handle, fieldnames=fieldnames, lineterminator="\n", quoting=csv.QUOTE_ALL
        )

    def writeheader(self) -> None:
        self.plain.writeheader()

    def writerow(self, row: dict[str, Any]) -> None:
        has_cr = any(isinstance(v, str) and "\r" in v for v in row.values())
        (self.quoted if has_cr else self.plain).writerow(row)


def safe_output_path(base_dir: Path | str, name: str) -> Path:
    """``base_dir / name``, refusing any name that would land outside ``base_dir``.

    The API's download endpoint takes the file name from the request; absolute paths, ``..``,
    NUL bytes and symlinks pointing out of the folder are all refused with :class:`ExportError`.
    """
    base = Path(base_dir).resolve()
    if not name or "\x00" in name or name.strip() in (".", ".."):
        raise ExportError(f"export file name {name!r} is not allowed: give a plain file name")
    candidate = Path(name)
    if candidate.is_absolute() or candidate.drive or ".." in candidate.parts:
        raise ExportError(
            f"export file name {name!r} is not allowed: it must stay inside {base} "
            "(no absolute paths, no '..')"
        )
    target = (base / candidate).resolve()
    if target != base and not target.is_relative_to(base):
        raise ExportError(f"export file name {name!r} is not allowed: it resolves outside {base}")
    if target == base:
        raise ExportError(f"export file name {name!r} names the folder itself, not a file")
    return target


def _check_format(fmt: str, allowed: tuple[str, ...], what: str) -> None:
    if fmt not in allowed:
        raise ExportError(f"cannot export {what} as {fmt!r}: choose one of {', '.join(allowed)}")


@contextlib.contextmanager
def _open_text(out: Target) -> Iterator[IO[str]]:
    """A text stream for ``out``: stdout for None/"-", a new UTF-8 file for a path."""
    if out is None or out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if isinstance(out, (str, Path)):
        path = Path(out)
        if not path.parent.is_dir():
            raise ExportError(f"cannot write export to {path}: folder {path.parent} does not exist")
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    if isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        yield out  # type: ignore[misc]
        return
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type, type-var]
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()  # leave the caller's binary stream open


@contextlib.contextmanager
def _open_binary(out: Target) -> Iterator[IO[bytes]]:
    if out is None or out == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    if isinstance(out, (str, Path)):
        path = Path(out)
        if not path.parent.is_dir():
            raise ExportError(f"cannot write export to {path}: folder {path.parent} does not exist")
        with path.open("wb") as handle:
            yield handle
        return
    if isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        raise ExportError(
            "a Parquet export needs a binary stream or a file path, not a text stream"
        )
    yield out  # type: ignore[misc]


def iter_event_records(
    store: Store, flt: EventFilter | None = None, *, fill_timestamp: bool = False
) -> Iterator[EventRecord]:
    """Events matching ``flt`` as records, newest first, read from the store in batches.

    ``fill_timestamp`` gives events without an ACLED timestamp their last update time, which is
    what ACLED's ``timestamp`` column means.
    """
    stmt = select_events(flt).execution_options(yield_per=BATCH)
    with store.session() as session:
        for event in session.scalars(stmt):
            assert isinstance(event, Event)
            record = event_to_record(event)
            # carried for the JSON-lines export (not a field of the event record)
            record.review_status = event.review_status  # type: ignore[attr-defined]
            if fill_timestamp and record.timestamp is None and event.updated_at is not None:
                record.timestamp = int(event.updated_at.timestamp())
            yield record


def write_records(
    records: Iterator[EventRecord] | list[EventRecord],
    fmt: str,
    out: Target,
    *,
    trace: bool = False,
) -> int:
    """Write records in ``fmt`` to ``out``; the number written. Shared by exports and tests."""
    _check_format(fmt, FORMATS, "events")
    if fmt == "parquet":
        return _write_parquet(records, out, trace=trace)
    count = 0
    with _open_text(out) as handle:
        if fmt in ("acled-csv", "csv"):
            names = ACLED_COLUMNS if fmt == "acled-csv" else _full_names(trace)
            writer = CrSafeWriter(handle, list(names))
            writer.writeheader()
            for record in records:
                writer.writerow(
                    acled_row(record) if fmt == "acled-csv" else csv_row(record, trace=trace)
                )
                count += 1
        elif fmt in ("jsonl", "plover"):
            for record in records:
                data = (
                    plover_record(record) if fmt == "plover" else full_record(record, trace=trace)
                )
                status = getattr(record, "review_status", None)
                if fmt == "jsonl" and status is not None:
                    data["review_status"] = status  # where a reviewer left the event
                handle.write(json.dumps(data, ensure_ascii=False) + "\n")
                count += 1
        else:  # geojson, streamed feature by feature
            handle.write('{"type": "FeatureCollection", "features": [\n')
            for record in records:
                if count:
                    handle.write(",\n")
                handle.write(json.dumps(geojson_feature(record, trace=trace), ensure_ascii=False))
                count += 1
            handle.write("\n]}\n")
    return count


def _full_names(trace: bool) -> tuple[str, ...]:
    return EVENT_FIELDS + TRACE_FIELDS if trace else EVENT_FIELDS


def _write_parquet(
    records: Iterator[EventRecord] | list[EventRecord], out: Target, *, trace: bool
) -> int:
    count = 0
    with (
        _open_binary(out) as handle,
        pq.ParquetWriter(handle, parquet_schema(trace=trace)) as writer,
    ):
        batch: list[EventRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= BATCH:
                writer.write_batch(parquet_batch(batch, trace=trace))
                count += len(batch)
                batch = []
        # an empty export is still a valid file with the schema
        writer.write_batch(parquet_batch(batch, trace=trace))
        count += len(batch)
    return count


def export_events(
    store: Store,
    fmt: str,
    out: Target,
    flt: EventFilter | None = None,
    *,
    trace: bool = False,
) -> int:
    """Write the events matching ``flt`` to ``out`` in format ``fmt``; returns how many.

    ``out`` is a path, an open text or binary stream, or None/"-" for stdout. ``fmt`` is one of
    :data:`FORMATS`. ``trace`` adds the traceability fields (raw texts and reasons) to the full
    CSV, JSON-lines, GeoJSON and Parquet exports.
    """
    _check_format(fmt, FORMATS, "events")
    records = iter_event_records(store, flt, fill_timestamp=fmt == "acled-csv")
    return write_records(records, fmt, out, trace=trace)


def article_row(article: Article) -> dict[str, Any]:
    """An article's metadata and outcome, as the article export writes it."""
    from sitrep.ingest.language import language_note

    published = None
    if article.published is not None:
        published = article.published_text or article.published.isoformat()
    return {
        "article_id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "author": "; ".join(article.authors or []) or None,
        "published": published,
        "published_precision": article.published_precision,
        "published_from": article.published_from,
        "language": article.language,
        "cluster_id": article.cluster_id,
        "canonical": bool(article.canonical),
        "original_outlet": article.original_outlet,
        "story_id": article.story_id,
        "status": article.status,
        "error": article.error,
        # why the article has no publication date, and whether its language is coded
        "published_missing_reason": article.published_missing_reason,
        "language_note": language_note(article.language),
    }


def export_articles(
    store: Store,
    fmt: str,
    out: Target,
    *,
    status: str | None = None,
    canonical_only: bool = False,
) -> int:
    """Write every article's metadata and outcome (``status``, ``error``); returns how many.

    ``fmt`` is "jsonl" or "csv"; ``status`` keeps only articles with that outcome ("failed" lists
    what the pipeline could not use, with the reason).
    """
    _check_format(fmt, ARTICLE_FORMATS, "articles")
    stmt = select(Article).order_by(Article.ingested_at, Article.id)
    if status:
        stmt = stmt.where(Article.status == status)
    if canonical_only:
        stmt = stmt.where(Article.canonical.is_(True))
    count = 0
    with store.session() as session, _open_text(out) as handle:
        writer = None
        if fmt == "csv":
            writer = CrSafeWriter(handle, list(ARTICLE_COLUMNS))
            writer.writeheader()
        for article in session.execute(stmt.execution_options(yield_per=BATCH)).scalars():
            row = article_row(article)
            if writer is not None:
                writer.writerow(
                    {k: "" if v is None else ("true" if v is True else "false" if v is False
                         else neutralise_formula(v) if isinstance(v, str) else v)
                     for k, v in row.items()}
                )  # fmt: skip
            else:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def count_matching(store: Store, flt: EventFilter | None = None) -> int:
    """How many events an export with ``flt`` would write (for progress and API headers)."""
    with store.session() as session:
        return count_events(session, flt)


__all__ = [
    "ARTICLE_COLUMNS",
    "EXTENSIONS",
    "FORMATS",
    "count_matching",
    "export_articles",
    "export_events",
    "iter_event_records",
    "safe_output_path",
    "write_records",
]
