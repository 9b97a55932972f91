"""Safe operations on a store: a consistent backup (``sitrep backup``) and a health check
(``sitrep check``).

Copying a SQLite file alone is not a backup: in WAL mode recent commits (review edits above
all) sit in the ``-wal`` file until a checkpoint, and a copy taken while a writer works can be
torn. :func:`backup_sqlite` uses SQLite's online backup API instead, through a connection, so the
copy holds every committed transaction, WAL included, and is consistent even while ``sitrep
ingest`` or the dashboard writes. PostgreSQL has its own tool (``pg_dump``); :func:`pg_dump_advice`
says how.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import URL, make_url

from sitrep.errors import ConfigError
from sitrep.store.db import Store, resolve_url
from sitrep.store.schema import Article, Blob, Event, Mention


def sqlite_path(url: str | None) -> Path | None:
    """The file of a SQLite URL, or None for another database."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise ConfigError("an in-memory SQLite database cannot be backed up")
    return Path(parsed.database)


def backup_sqlite(source: Path, target: Path, *, pages_per_step: int = 1024) -> dict[str, Any]:
    """Copy the SQLite database ``source`` to ``target`` with the online backup API.

    Readers and writers of ``source`` go on meanwhile (the copy restarts its pass if a writer
    changes a page it already copied, which the API handles). ``target`` must not exist. The
    copy is checked with ``PRAGMA integrity_check`` before this returns.
    """
    if not source.is_file():
        raise ConfigError(f"cannot back up {source}: no such database file")
    if target.exists():
        raise ConfigError(f"{target} exists already; give a new file name")
    if target.resolve() == source.resolve():
        raise ConfigError("the backup cannot be the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=pages_per_step)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            integrity = [row[0] for row in dst.execute("PRAGMA integrity_check")]
            articles = dst.execute("SELECT count(*) FROM articles").fetchone()[0]
            events = dst.execute("SELECT count(*) FROM events").fetchone()[0]
            edits = dst.execute("SELECT count(*) FROM review_edits").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if integrity != ["ok"]:
        partial.unlink(missing_ok=True)
        raise ConfigError(f"the backup failed its integrity check: {'; '.join(integrity[:5])}")
    partial.rename(target)  # the name appears only once the copy is whole
    return {
        "backup": str(target),
        "bytes": target.stat().st_size,
        "articles": articles,
        "events": events,
        "review_edits": edits,
        "integrity": "ok",
    }


def pg_dump_advice(url: str) -> str:
    """How to back up a PostgreSQL store (sitrep does not run pg_dump for you)."""
    parsed = make_url(resolve_url(url))
    safe = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
    ).render_as_string(hide_password=False)  # no password: it must not reach a terminal log
    return (
        "sitrep backup copies SQLite stores only. For PostgreSQL use its own tool, which takes a "
        "consistent snapshot while sitrep keeps running:\n"
        f"  pg_dump --format=custom --file=sitrep-$(date +%F).dump '{safe}'\n"
        "and restore into an empty database with:\n"
        "  pg_restore --dbname=postgresql://USER@HOST/NEWDB sitrep-YYYY-MM-DD.dump\n"
        "(the password comes from ~/.pgpass or PGPASSWORD, never from the command line)."
    )


def check_store(store: Store) -> dict[str, Any]:
    """The store's health: database integrity, rows pointing nowhere, events without sources,
    and counts per status. ``problems`` lists what is wrong (empty: healthy); ``notes`` what a
    reader should know but is not damage."""
    problems: list[str] = []
    notes: list[str] = []
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
            foreign = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
        if integrity != ["ok"]:
            problems.append("integrity_check: " + "; ".join(integrity[:10]))
        if foreign:
            problems.append(f"{len(foreign)} rows break a foreign key (PRAGMA foreign_key_check)")
    else:
        integrity = ["not applicable (PostgreSQL checks its own pages)"]
    with store.session() as s:
        orphan_event = s.scalar(
            select(func.count())
            .select_from(Mention)
            .where(~select(Event.id).where(Event.id == Mention.event_id).exists())
        )
        orphan_article = s.scalar(
            select(func.count())
            .select_from(Mention)
            .where(~select(Article.id).where(Article.id == Mention.article_id).exists())
        )
        missing_blob = s.scalar(
            select(func.count())
            .select_from(Article)
            .where(~select(Blob.sha256).where(Blob.sha256 == Article.content_hash).exists())
        )
        live = (Event.merged_into.is_(None)) & (Event.review_status != "false_positive")
        no_sources = s.scalar(
            select(func.count())
            .select_from(Event)
            .where(live, ~select(Mention.id).where(Mention.event_id == Event.id).exists())
        )
        claimed = s.scalar(
            select(func.count())
            .select_from(Event)
            .where(
                live,
                Event.source_count > 0,
                ~select(Mention.id).where(Mention.event_id == Event.id).exists(),
            )
        )
        articles = dict(
            s.execute(select(Article.status, func.count()).group_by(Article.status)).all()
        )
        events = dict(
            s.execute(select(Event.review_status, func.count()).group_by(Event.review_status)).all()
        )
        ids = set(s.scalars(select(Event.id)))
        targets = set(s.scalars(select(Event.merged_into).where(Event.merged_into.is_not(None))))
    merged_into_missing = len(targets - ids)
    if orphan_event:
        problems.append(f"{orphan_event} mentions point to an event that does not exist")
    if orphan_article:
        problems.append(f"{orphan_article} mentions point to an article that does not exist")
    if missing_blob:
        problems.append(f"{missing_blob} articles point to raw bytes that are not stored")
    if merged_into_missing:
        problems.append(f"{merged_into_missing} events were merged into an event that is gone")
    if claimed:
        problems.append(f"{claimed} events count sources but have no mention left")
    if no_sources:
        notes.append(
            f"{no_sources} events have no source article (imported events have none; "
            "extracted ones always do)"
        )
    pending = articles.get("pending", 0)
    if pending:
        notes.append(f"{pending} articles are pending: a run stopped; run the same ingest again")
    return {
        "integrity": "; ".join(integrity[:10]),
        "articles_by_status": articles,
        "events_by_review_status": events,
        "orphan_mentions": (orphan_event or 0) + (orphan_article or 0),
        "articles_without_blob": missing_blob or 0,
        "events_without_sources": no_sources or 0,
        "problems": problems,
        "notes": notes,
    }
