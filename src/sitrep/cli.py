"""sitrep's command line: parse, call one library function, turn errors into messages.

Exit codes: 0 all fine, 1 some items failed (each reported), 2 usage or configuration error.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from sitrep import __version__
from sitrep.errors import ConfigError, SitrepError

app = typer.Typer(
    name="sitrep",
    help="News reports about armed conflict in; ACLED-compatible, source-linked events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # -h as well as --help, on every command (sub-commands inherit it from this context)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _examples(*lines: str) -> str:
    """An "Examples:" epilog kept line by line by click (the \b marker stops rewrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


gazetteer_app = typer.Typer(help="Manage the gazetteer.", no_args_is_help=True)
actors_app = typer.Typer(help="List and merge actors.", no_args_is_help=True)
token_app = typer.Typer(help="Manage API write tokens.", no_args_is_help=True)
review_app = typer.Typer(
    help="Review events: edit, merge, split, mark false positives, confirm, read the log.",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(review_app, name="review")
app.add_typer(actors_app, name="actors")
app.add_typer(token_app, name="token")

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="SITREP_DB",
        help="Database URL (sqlite:///file.db or postgresql+psycopg://...). "
        "Default: sqlite:///sitrep.db.",
        show_envvar=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON summary.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"sitrep: error: {message}", markup=False)
    raise typer.Exit(code)


def open_store(db: str | None) -> Any:
    from sitrep.store import Store

    check_db_option(db)
    return Store(db)


#: First bytes of every SQLite database file.
_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_db_option(db: str | None) -> None:
    """Refuse a ``--db`` that is not a database: a URL (``sqlite:///x.db``,
    ``postgresql://...``), a path ending .db/.sqlite/.sqlite3, or an existing SQLite file.
    ``--db notaurl`` used to create a database file named ``notaurl``."""
    if db is None or "://" in db:
        return
    path = Path(db)
    if path.suffix.lower() in (".db", ".sqlite", ".sqlite3"):
        return
    if path.is_file():
        with path.open("rb") as handle:
            if handle.read(16) == _SQLITE_MAGIC:
                return
    fail(
        f"--db {db!r} is not a database URL: give sqlite:///path/to/sitrep.db, a path ending in "
        ".db, or postgresql://user@host/name"
    )


def _version(value: bool) -> None:
    if value:
        out.print(f"sitrep {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """sitrep turns news reports about armed conflict into an ACLED-compatible event dataset."""


# ---------------------------------------------------------------------------- ingest


@app.command(
    epilog=_examples(
        "sitrep ingest articles/ --db sqlite:///sitrep.db",
        "sitrep ingest https://example.org/news/story.html",
        "sitrep ingest --feed https://example.org/rss.xml --no-extract",
        "sitrep ingest dump.jsonl --published 2024-01-28 --outlet Reuters --json",
    )
)
def ingest(
    inputs: Annotated[list[str] | None, typer.Argument(help="Files, folders or URLs.")] = None,
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL (repeatable).")
    ] = None,
    db: DbOption = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Only ingest; do not extract events.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", help="Run on a local dask cluster of N workers.")
    ] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run on an existing dask cluster (tcp://HOST:PORT)."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow fetching private/loopback addresses."),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date (ISO 8601) for items that carry none of their own; it wins "
            "over dates found in a page.",
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", metavar="NAME", help="Outlet for items that carry none."),
    ] = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Ingest files, folders, URLs and feeds: clean, date, deduplicate, extract events."""
    from sitrep.pipeline import Pipeline

    inputs = list(inputs or [])
    feeds = list(feed or [])
    if not inputs and not feeds:
        fail("nothing to ingest: give files, folders, URLs or --feed URL")
    for item in inputs:
        if "://" not in item and not Path(item).exists():
            fail(f"cannot read {item}: no such file or folder")
    if published is not None:
        from sitrep.ingest.dates import candidate

        if candidate(published, "user") is None:
            fail(f"--published {published!r} is not a date (give e.g. 2024-01-28)")
    store = open_store(db)
    skipped: list[tuple[str, str]] = []
    items = _with_given(_ingest_items(inputs, feeds, allow_private, skipped), published, outlet)
    if workers or scheduler:
        from sitrep.distributed import ingest_distributed

        summary = ingest_distributed(
            store, items, workers=workers or None, scheduler=scheduler, extract=not no_extract
        )
    else:
        pipeline = Pipeline(store, extract=not no_extract)
        total = None
        if not (quiet or as_json):
            from sitrep.progress import count_inputs

            total = count_inputs(inputs, feeds=len(feeds))
        summary = _run_with_progress(pipeline, items, quiet or as_json, total)
    _print_skipped(skipped, as_json=as_json, quiet=quiet)
    _print_summary(summary, as_json=as_json, quiet=quiet, skipped=skipped)
    raise typer.Exit(1 if summary.failed else 0)


def _print_skipped(skipped: list[tuple[str, str]], *, as_json: bool, quiet: bool) -> None:
    """Files a folder held that are not news, each with the reason (never silently)."""
    if as_json or quiet or not skipped:
        return
    for path, reason in skipped[:20]:
        err.print(f"skipped: {path}: {reason}", markup=False)
    if len(skipped) > 20:
        err.print(f"skipped: ... and {len(skipped) - 20} more files", markup=False)


def _ingest_items(
    inputs: list[str],
    feeds: list[str],
    allow_private: bool,
    skipped: list[tuple[str, str]] | None = None,
) -> Any:
    from sitrep.ingest.fetch import FetchOptions
    from sitrep.ingest.sources import iter_feed, iter_items

    options = FetchOptions(allow_private=allow_private)

    def generate() -> Any:
        yield from iter_items(inputs, fetch_options=options, skipped=skipped)
        for url in feeds:
            yield from iter_feed(url, fetch_options=options)

    return generate()


def _with_given(items: Any, published: str | None, outlet: str | None) -> Any:
    """Items with ``--published``/``--outlet`` filled in where the item carries none itself (a
    JSON-lines field or a feed entry's date is the item's own and stays)."""
    for item in items:
        if published and not item.hints.get("published"):
            item.hints["published"] = published
            item.hints["published_from"] = "user"
        if outlet and not item.hints.get("outlet"):
            item.hints["outlet"] = outlet
        yield item


def _run_with_progress(pipeline: Any, items: Any, silent: bool, total: int | None = None) -> Any:
    """Ingest with progress: a bar with total and ETA on a terminal, a line every 10 s off
    one (a log, a pipe), nothing when quiet or printing JSON."""
    if silent:
        return pipeline.ingest(items)
    from sitrep.progress import LineProgress, on_terminal

    if not on_terminal():
        lines = LineProgress(total)
        summary = pipeline.ingest(items, progress=lines.tick)
        if lines.done:
            lines.write()  # the last line: where the run ended
        return summary
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if total else TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=total)

        def tick(outcome: Any) -> None:
            progress.update(task, advance=1, description=f"ingesting {outcome.source[-40:]}")

        return pipeline.ingest(items, progress=tick)


def _print_summary(
    summary: Any, *, as_json: bool, quiet: bool, skipped: list[tuple[str, str]] | None = None
) -> None:
    if as_json:
        data = summary.as_dict()
        if skipped is not None:
            data["skipped"] = [{"source": path, "reason": reason} for path, reason in skipped]
        out.print_json(json.dumps(data))
        return
    for source, reason in summary.failures:
        err.print(f"failed: {source}: {reason}", markup=False)
    if quiet:
        return
    out.print(
        f"{summary.items} items: {summary.new} new, {summary.unchanged} unchanged, "
        f"{summary.failed} failed, {summary.duplicates} duplicates; "
        f"events: {summary.events_new} new, {summary.events_merged} merged into existing"
        + (f"; {len(skipped)} files skipped (not news)" if skipped else "")
        + f" ({summary.seconds:.1f} s)",
        markup=False,
    )
    from sitrep.ingest.language import language_note

    for language, count in sorted(getattr(summary, "languages_not_coded", {}).items()):
        out.print(f"{count} articles: {language_note(language)}", markup=False)


@app.command(
    epilog=_examples(
        "sitrep watch https://example.org/rss.xml --interval 600",
        "sitrep watch https://a.example/feed https://b.example/feed --rounds 3",
    )
)
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs to poll.")],
    db: DbOption = None,
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 300.0,
    rounds: Annotated[
        int | None, typer.Option(help="Stop after this many polls (default: forever).")
    ] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private")] = False,
    quiet: QuietOption = False,
) -> None:
    """Poll feeds and ingest only new items."""
    from sitrep.ingest.fetch import FetchOptions
    from sitrep.ingest.sources import poll_feeds
    from sitrep.pipeline import Pipeline
    from sitrep.store.schema import Article

    store = open_store(db)

    def seen(key: str) -> bool:
        from sqlalchemy import func, select

        with store.session() as s:
            return (
                s.scalars(
                    # the status test is wrapped so the near-useless status index cannot
                    # displace the url and source indexes (see pipeline._settled)
                    select(Article.id).where(
                        (Article.url == key) | (Article.source == key),
                        func.coalesce(Article.status, "") == "ok",
                    )
                ).first()
                is not None
            )

    from datetime import datetime

    def logged(round_: int, url: str, new: int, error: str | None) -> None:
        # one line per feed per poll, as it happens (watch runs for days)
        if quiet:
            return
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        what = f"failed: {error}" if error else f"{new} new entries"
        err.print(f"{stamp} poll {round_}: {url}: {what}", markup=False)

    items = poll_feeds(
        feeds,
        seen,
        interval=interval,
        rounds=rounds,
        fetch_options=FetchOptions(allow_private=allow_private),
        on_poll=logged,
    )
    # items arrive over time: process each as soon as it comes
    summary = Pipeline(store, batch_size=1).ingest(items)
    _print_summary(summary, as_json=False, quiet=quiet)
    raise typer.Exit(1 if summary.failed else 0)


# ---------------------------------------------------------------------------- extract


@app.command(
    epilog=_examples(
        "sitrep extract -i documents.jsonl -o analyses.jsonl",
        'echo \'{"id": "1", "text": "Rockets hit Camp Taji on Sunday."}\' | sitrep extract',
    )
)
def extract(
    input_file: Annotated[
        Path | None, typer.Option("-i", "--input", help="JSON-lines documents (default: stdin).")
    ] = None,
    output_file: Annotated[
        Path | None, typer.Option("-o", "--output", help="JSON-lines analyses (default: stdout).")
    ] = None,
    extractor: Annotated[str, typer.Option(help="Extractor backend.")] = "default",
    db: DbOption = None,
) -> None:
    """Stateless extraction: JSON-lines documents in, JSON-lines analyses out.

    Each input line: {"id", "text", "title"?, "published"?, "url"?, "outlet"?}. Each output line:
    {"id", "published", "language", "entities", "timexes", "places", "events"}. The database is
    not used.
    """
    from sitrep.extract_cli import run_extract

    if input_file is not None and not input_file.is_file():
        fail(f"cannot read {input_file}: no such file")
    # binary: a line that is not UTF-8 fails alone instead of ending the run
    src = input_file.open("rb") if input_file else sys.stdin.buffer
    dst = output_file.open("w", encoding="utf-8") if output_file else sys.stdout
    try:
        failed = run_extract(src, dst, extractor=extractor, on_error=_report_item_error)
    finally:
        if input_file:
            src.close()
        if output_file:
            dst.close()
    raise typer.Exit(1 if failed else 0)


def _report_item_error(item: str, reason: str) -> None:
    err.print(f"failed: {item}: {reason}", markup=False)


# ---------------------------------------------------------------------------- export / import


def _parse_date(value: str | None, option: str) -> date | None:
    from sitrep.filters import parse_date

    if value is None:
        return None
    try:
        return parse_date(option, value)
    except ConfigError as exc:
        fail(str(exc))


def _event_filter(
    date_from: str | None,
    date_to: str | None,
    country: list[str] | None,
    event_type: list[str] | None,
    admin1: list[str] | None = None,
    actor: str | None = None,
) -> Any:
    from sitrep.store.queries import EventFilter

    return EventFilter(
        date_from=_parse_date(date_from, "--from"),
        date_to=_parse_date(date_to, "--to"),
        country=country or None,
        event_type=event_type or None,
        admin1=admin1 or None,
        actor=actor,
    )


FromOption = Annotated[str | None, typer.Option("--from", help="First event date (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last event date (YYYY-MM-DD).")]
CountryOption = Annotated[list[str] | None, typer.Option("--country", help="Country (repeatable).")]


@app.command(
    "export",
    epilog=_examples(
        "sitrep export -o events.csv                 # ACLED CSV (by the suffix)",
        "sitrep export -f geojson -o events.geojson --country Iraq",
        "sitrep export --table articles --format csv -o articles.csv",
        "sitrep export --from 2024-01-01 --to 2024-01-31 > january.jsonl",
    ),
)
def export_cmd(
    table: Annotated[str, typer.Option(help="events or articles.")] = "events",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="acled-csv, csv, jsonl, plover, geojson or parquet (default: by the -o file's "
            "suffix, .csv acled-csv, .json/.geojson geojson, .parquet; else jsonl).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")
    ] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    country: CountryOption = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--event-type", help="Event type (repeatable).")
    ] = None,
    admin1: Annotated[list[str] | None, typer.Option("--admin1")] = None,
    actor: Annotated[str | None, typer.Option("--actor")] = None,
    trace: Annotated[
        bool, typer.Option("--trace", help="Add the raw text and reason behind each value.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export events or articles (to stdout unless -o is given)."""
    if table not in ("events", "articles"):
        fail(f"--table must be events or articles, not {table!r}")
    flt = _event_filter(date_from, date_to, country, event_type, admin1, actor)
    from sitrep.export import export_articles, export_events
    from sitrep.export.cli_helpers import output_format

    fmt = output_format(table, str(output) if output else None, fmt, "jsonl")

    store = open_store(db)
    target: Any = str(output) if output else None
    if table == "events":
        count = export_events(store, fmt, target, flt, trace=trace)
    else:
        count = export_articles(store, fmt, target)
    if output:
        err.print(f"wrote {count} {table} to {output}", markup=False)


@app.command(
    "import",
    epilog=_examples(
        "sitrep import acled_iraq_2024.csv --as reference",
        "sitrep import events.jsonl --as events --json",
    ),
)
def import_cmd(
    file: Annotated[Path, typer.Argument(help="ACLED CSV or sitrep JSON-lines file.")],
    as_: Annotated[
        str, typer.Option("--as", help="events (add to the dataset) or reference.")
    ] = "events",
    fmt: Annotated[
        str | None, typer.Option("--format", help="acled-csv or jsonl (default: by content).")
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option("--dataset", help="Name of a reference set (default: the file's name)."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import an ACLED CSV or sitrep JSON-lines file as events or as a reference set."""
    if not file.is_file():
        fail(f"cannot read {file}: no such file")
    if as_ not in ("events", "reference"):
        fail("--as must be events or reference")
    from sitrep.export import import_file
    from sitrep.models import to_dict

    summary = import_file(open_store(db), file, as_=as_, fmt=fmt, dataset=dataset)  # type: ignore[arg-type]
    if as_json:
        data = to_dict(summary)
        data["imported"] = summary.imported
        out.print_json(json.dumps(data, default=str))
    else:
        for problem in summary.errors:
            err.print(f"failed: {file}:{problem.line}: {problem.reason}", markup=False)
        for warning in summary.warnings:
            err.print(f"warning: {warning}", markup=False)
        out.print(
            f"read {summary.read} rows from {file}: {summary.added} added, "
            f"{summary.updated} updated, {len(summary.errors)} failed",
            markup=False,
        )
    raise typer.Exit(1 if summary.errors else 0)


# ---------------------------------------------------------------------------- serve / demo


@app.command()
def serve(
    host: Annotated[str, typer.Option(envvar="SITREP_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="SITREP_PORT")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the dashboard and the HTTP API."""
    from sitrep.serve import serve as run_server

    run_server(open_store(db), host=host, port=port)


@app.command()
def demo(
    db: DbOption = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Ingest and summarise, then stop.")
    ] = False,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
) -> None:
    """Ingest the bundled sample corpus, print a summary, then serve the dashboard."""
    from sitrep.demo import run_demo

    run_demo(open_store(db), console=out, serve=not no_serve, host=host, port=port)


# ---------------------------------------------------------------------------- quality


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold events: sitrep JSON-lines or ACLED CSV.")],
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--pred", help="Predicted events (JSON-lines); default: extract from the gold notes."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Score extraction against gold events (precision, recall, per-field agreement)."""
    from sitrep.evaluate import evaluate_cli

    if not gold.is_file():
        fail(f"cannot read {gold}: no such file")
    report = evaluate_cli(gold, predictions)
    if as_json:
        out.print_json(json.dumps(report, default=str))
    else:
        for key, value in report.items():
            out.print(f"{key:32} {value}", markup=False)


@app.command(
    epilog=_examples(
        "sitrep status --db sqlite:///sitrep.db",
        "sitrep status --json",
    )
)
def status(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the database holds, and every item that failed with its reason."""
    from sitrep.status import store_status

    report = store_status(open_store(db))
    if as_json:
        out.print_json(json.dumps(report, default=str))
    else:
        out.print(report["text"], markup=False)
    raise typer.Exit(0)


@app.command(
    epilog=_examples(
        "sitrep backup sitrep-2024-06-01.db --db sqlite:///sitrep.db",
        "sitrep backup /mnt/backups/sitrep.db --json",
    )
)
def backup(
    target: Annotated[Path, typer.Argument(help="The new backup file (must not exist).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Copy a SQLite store safely while it is in use (recent reviews in the -wal file included).

    Uses SQLite's online backup API and checks the copy's integrity; copying the .db file alone
    can lose recent commits. For PostgreSQL it prints how to use pg_dump and exits 1.
    """
    from sitrep.errors import ConfigError
    from sitrep.store.maintenance import backup_sqlite, pg_dump_advice, sqlite_path

    check_db_option(db)
    try:
        source = sqlite_path(db)
        if source is None:
            err.print(pg_dump_advice(db or ""), markup=False)
            raise typer.Exit(1)
        summary = backup_sqlite(source, target)
    except ConfigError as exc:
        fail(str(exc), code=1)
    if as_json:
        out.print_json(json.dumps(summary))
    else:
        out.print(
            f"backed up {source} to {summary['backup']} ({summary['bytes']} bytes: "
            f"{summary['articles']} articles, {summary['events']} events, "
            f"{summary['review_edits']} review edits; integrity ok)",
            markup=False,
        )
    raise typer.Exit(0)


@app.command(
    epilog=_examples(
        "sitrep check --db sqlite:///sitrep.db",
        "sitrep check --json",
    )
)
def check(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check a store: database integrity, mentions or articles pointing nowhere, events
    without sources, counts per status. Exit 1 when something is damaged."""
    from sqlalchemy.exc import DatabaseError

    from sitrep.store.maintenance import check_store

    try:
        report = check_store(open_store(db))
    except DatabaseError as exc:  # e.g. "database disk image is malformed"
        err.print(f"problem: the database cannot be read: {exc.orig or exc}", markup=False)
        out.print("damaged", markup=False)
        raise typer.Exit(1) from None
    if as_json:
        out.print_json(json.dumps(report))
    else:
        out.print(f"integrity: {report['integrity']}", markup=False)
        out.print(f"articles by status: {report['articles_by_status']}", markup=False)
        out.print(f"events by review status: {report['events_by_review_status']}", markup=False)
        out.print(
            f"orphan mentions: {report['orphan_mentions']}; articles without raw bytes: "
            f"{report['articles_without_blob']}; events without sources: "
            f"{report['events_without_sources']}",
            markup=False,
        )
        for note in report["notes"]:
            out.print(f"note: {note}", markup=False)
        for problem in report["problems"]:
            err.print(f"problem: {problem}", markup=False)
        out.print("ok" if not report["problems"] else "damaged", markup=False)
    raise typer.Exit(1 if report["problems"] else 0)


@app.command(
    epilog=_examples(
        "sitrep report --from 2024-01-01 --to 2024-01-31 -o january.html",
        "sitrep report --from 2024-01-01 --to 2024-03-31 --country Iraq -o q1.md",
    )
)
def report(
    date_from: FromOption = None,
    date_to: ToOption = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="report.html or report.md")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write a security report for a period (HTML or Markdown by the output's extension)."""
    start = _parse_date(date_from, "--from")
    end = _parse_date(date_to, "--to")
    if start is None or end is None:
        fail("report needs --from and --to")
    from sitrep.export.cli_helpers import output_format
    from sitrep.report import build_report

    # the suffix decides, and one sitrep cannot write (report.pdf) is refused before any work
    fmt = output_format("report", str(output) if output else None, None, "html")
    text = build_report(open_store(db), start, end, country=country, fmt=fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)
    else:
        sys.stdout.write(text)


@app.command(
    epilog=_examples(
        "sitrep compare --dataset acled_iraq_2024 -o comparison.html",
        "sitrep compare --reference acled.csv --from 2024-01-01 --to 2024-01-31",
    )
)
def compare(
    reference: Annotated[
        Path | None, typer.Option("--reference", help="Reference ACLED CSV or JSON-lines file.")
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option("--dataset", help="A reference set imported with `import --as reference`."),
    ] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    country: CountryOption = None,
    tolerance_days: Annotated[int, typer.Option(help="Dates may differ by this much.")] = 1,
    radius_km: Annotated[float, typer.Option(help="Places may differ by this much.")] = 25.0,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="summary.html or summary.md")
    ] = None,
    db: DbOption = None,
) -> None:
    """Compare sitrep's events with a reference dataset (matched, missed, extra)."""
    if (reference is None) == (dataset is None):
        fail("compare needs exactly one of --reference FILE or --dataset NAME")
    if reference is not None and not reference.is_file():
        fail(f"cannot read {reference}: no such file")
    flt = _event_filter(date_from, date_to, country, None)
    from sitrep.compare import compare as compare_events
    from sitrep.compare import render_comparison
    from sitrep.export.imports import load_reference, read_acled_csv, read_jsonl
    from sitrep.export.io import iter_event_records

    store = open_store(db)
    if reference is not None:
        rows: Any = (
            read_jsonl(reference)
            if reference.suffix.lower() in (".jsonl", ".ndjson")
            else read_acled_csv(reference)
        )
        refs = [row[1] for row in rows if not isinstance(row[1], Exception)]
    else:
        refs = load_reference(store, dataset)
    refs = [r for r in refs if _in_filter(r, flt)]
    ours = list(iter_event_records(store, flt))
    result = compare_events(ours, refs, tolerance_days=tolerance_days, radius_km=radius_km)
    from sitrep.export.cli_helpers import output_format

    fmt = output_format("comparison", str(output) if output else None, None, "markdown")
    text = render_comparison(result, fmt)  # type: ignore[arg-type]
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)
    else:
        sys.stdout.write(text)


def _in_filter(record: Any, flt: Any) -> bool:
    day = record.event_date
    if flt.date_from and (day is None or day < flt.date_from.isoformat()):
        return False
    if flt.date_to and (day is None or day > flt.date_to.isoformat()):
        return False
    return not (flt.country and record.country not in flt.country)


# ---------------------------------------------------------------------------- gazetteer, actors


@gazetteer_app.command("load")
def gazetteer_load(
    file: Annotated[Path, typer.Argument(help="GeoNames allCountries.txt or a country zip.")],
    alternate_names: Annotated[
        Path | None, typer.Option("--alternate-names", help="GeoNames alternateNames.txt.")
    ] = None,
) -> None:
    """Import a GeoNames dump into the gazetteer."""
    from sitrep.resolve.gazetteer import load_geonames_dump

    if not file.is_file():
        fail(f"cannot read {file}: no such file")
    count = load_geonames_dump(file, alternate_names=alternate_names)
    out.print(f"loaded {count} places from {file}", markup=False)


@gazetteer_app.command("download")
def gazetteer_download(
    countries: Annotated[
        list[str], typer.Argument(help="ISO 3166-1 alpha-2 country codes (IQ SY YE ...).")
    ],
    base_url: Annotated[
        str, typer.Option("--base-url", help="Where the CC.zip dumps are.")
    ] = "https://download.geonames.org/export/dump/",
    sha256: Annotated[
        list[str] | None,
        typer.Option("--sha256", metavar="CC=HEX", help="Expected SHA-256 of a dump (repeatable)."),
    ] = None,
) -> None:
    """Download GeoNames country dumps (resumable) and add their places to the gazetteer."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from sitrep.errors import InputError
    from sitrep.resolve.gazetteer_build import default_index_path, load_geonames_dump
    from sitrep.resolve.gazetteer_user import download_dump, user_dir

    expected = {}
    for item in sha256 or []:
        code, _, digest = item.partition("=")
        if not digest:
            fail(f"--sha256 {item!r}: give CC=HEX")
        expected[code.strip().upper()] = digest.strip()
    index = default_index_path()
    folder = user_dir(index) / "geonames"
    with Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), console=err,
        transient=True, disable=not sys.stderr.isatty(),
    ) as progress:  # fmt: skip
        for code in countries:
            task = progress.add_task(f"{code.upper()}.zip", total=None)

            def advance(done: int, total: int | None, task: Any = task) -> None:
                progress.update(task, completed=done, total=total)

            try:
                got = download_dump(
                    code, folder, base_url=base_url, expected_sha256=expected.get(code.upper()),
                    progress=advance,
                )  # fmt: skip
            except InputError as exc:
                fail(str(exc), code=1)
            count = load_geonames_dump(got.path, into=index)
            out.print(
                f"{got.country}: {got.size} bytes{' (resumed)' if got.resumed else ''}, "
                f"sha256 {got.sha256}, {count} places added",
                markup=False,
            )


@gazetteer_app.command("learn")
def gazetteer_learn(
    file: Annotated[Path, typer.Argument(help="An ACLED or UCDP GED export (CSV).")],
) -> None:
    """Add the named locations of an ACLED or UCDP export to the gazetteer (user layer)."""
    from sitrep.errors import InputError
    from sitrep.resolve.gazetteer_build import default_index_path, reload_learned
    from sitrep.resolve.gazetteer_user import read_export, user_dir, write_pack

    if not file.is_file():
        fail(f"cannot read {file}: no such file")
    try:
        rows = read_export(file)
    except InputError as exc:
        fail(str(exc))
    index = default_index_path()
    write_pack(rows, user_dir(index) / f"learned-{file.stem}.tsv.gz")
    total = reload_learned(index)
    out.print(f"learned {len(rows)} places from {file} ({total} learned in all)", markup=False)


@app.command()
def geoparse(
    text: Annotated[str | None, typer.Argument(help="Text (default: stdin).")] = None,
    country: Annotated[str | None, typer.Option(help="Country hint.")] = None,
) -> None:
    """Find toponyms in text and print them with coordinates (JSON-lines)."""
    from sitrep.events.places import place_record
    from sitrep.resolve.gazetteer import Gazetteer

    body = text if text is not None else sys.stdin.read()
    for mention in Gazetteer.default().geoparse(body, country_hint=country):
        out.print_json(json.dumps(place_record(mention)))


@actors_app.command("list")
def actors_list(
    provisional: Annotated[
        bool, typer.Option("--provisional", help="Only provisional actors.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List actors seen in events (knowledge-base and provisional)."""
    from sitrep.actors_cli import list_actors

    rows = list_actors(open_store(db), provisional_only=provisional)
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    for row in rows:
        flag = " (provisional)" if row.get("provisional") else ""
        out.print(f"{row['events']:6d}  {row['name']}{flag}", markup=False)


@actors_app.command("merge")
def actors_merge(
    source: Annotated[str, typer.Argument(help="Actor name to merge away.")],
    target: Annotated[str, typer.Argument(help="Actor name to keep.")],
    db: DbOption = None,
) -> None:
    """Merge one actor into another: events are relabelled, the name becomes an alias."""
    from sitrep.actors_cli import merge_actors

    changed = merge_actors(open_store(db), source, target)
    out.print(f"merged {source!r} into {target!r}: {changed} events relabelled", markup=False)


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who or what the token is for.")],
    db: DbOption = None,
) -> None:
    """Create an API write token (printed once; only its hash is stored)."""
    from sitrep.serve.auth import create_token

    out.print(create_token(open_store(db), name), markup=False)


@token_app.command("revoke")
def token_revoke(
    name: Annotated[str, typer.Argument(help="The token's name, or the token itself.")],
    db: DbOption = None,
) -> None:
    """Revoke API write tokens by name (or by the token itself)."""
    from sitrep.serve.auth import revoke_token

    count = revoke_token(open_store(db), name)
    if not count:
        fail(f"no token named {name!r}", code=1)
    out.print(f"revoked {count} token(s)", markup=False)


UserOption = Annotated[
    str | None,
    typer.Option("--user", help="Reviewer name for the audit log. Default: the login name."),
]


def _reviewer(user: str | None) -> str:
    import getpass

    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


@review_app.command("edit")
def review_edit(
    event_id: Annotated[str, typer.Argument(help="The event to edit.")],
    assignments: Annotated[
        list[str], typer.Argument(help="FIELD=VALUE pairs, e.g. fatalities=3 country=Syria.")
    ],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set fields of an event (validated; derived fields follow; each change is locked)."""
    from sitrep.serve.review_cli import edit

    result = edit(open_store(db), event_id, assignments, user=_reviewer(user))
    _print_review(result, as_json)


@review_app.command("merge")
def review_merge(
    event_id: Annotated[str, typer.Argument(help="The event to keep.")],
    others: Annotated[list[str], typer.Argument(help="Events to merge into it.")],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Merge events into one; later reports of the merged events join the kept one."""
    from sitrep.serve.review_cli import merge

    _print_review(merge(open_store(db), event_id, others, user=_reviewer(user)), as_json)


@review_app.command("split")
def review_split(
    event_id: Annotated[str, typer.Argument(help="The event to split.")],
    mention_ids: Annotated[list[int], typer.Argument(help="Mention ids that move.")],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Move mentions to a new event coded from them alone (see 'review log' for mention ids)."""
    from sitrep.serve.review_cli import split

    _print_review(split(open_store(db), event_id, mention_ids, user=_reviewer(user)), as_json)


@review_app.command("false-positive")
def review_false_positive(
    event_id: Annotated[str, typer.Argument(help="The event that is not an event.")],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Mark an event as not an event (hidden from lists and exports, kept for the audit)."""
    from sitrep.serve.review_cli import status

    _print_review(status(open_store(db), event_id, "false_positive", _reviewer(user)), as_json)


@review_app.command("confirm")
def review_confirm(
    event_id: Annotated[str, typer.Argument(help="The event to confirm.")],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Confirm an event as correct as it stands."""
    from sitrep.serve.review_cli import status

    _print_review(status(open_store(db), event_id, "confirmed", _reviewer(user)), as_json)


@review_app.command("log")
def review_log(
    event_id: Annotated[str, typer.Argument(help="The event.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print an event's review status, its mentions (ids for split) and its audit log."""
    from sitrep.serve.review_cli import log

    _print_review(log(open_store(db), event_id), as_json)


def _print_review(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        out.print_json(json.dumps(result, default=str))
        return
    for line in result["lines"]:
        out.print(line, markup=False)


# ---------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: library errors become one clear line and an exit code."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        result = app(args=argv, prog_name="sitrep", standalone_mode=False)
        # without standalone mode, click hands back the code of a typer.Exit instead of exiting
        if isinstance(result, int):
            sys.exit(result)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        err.print(f"sitrep: error: {exc}", markup=False)
        sys.exit(2)
    except SitrepError as exc:
        err.print(f"sitrep: error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("sitrep: interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:
        # usage errors of the click that typer carries (unknown option, missing argument ...)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            err.print(f"sitrep: error: {exc.format_message()}", markup=False)
            sys.exit(2 if exc.exit_code == 2 else exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(130)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
