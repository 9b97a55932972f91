"""The store: migrations on first use, schema equal to the models, old databases upgraded."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from sitrep.errors import ConfigError
from sitrep.store import Article, Blob, Store, resolve_url
from sitrep.store.db import alembic_config, current_revision, head_revision, make_engine
from sitrep.store.schema import Base


def test_store_migrates_on_first_use(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    assert {"articles", "blobs", "events", "mentions", "actors", "places", "review_edits"} <= set(
        store.tables()
    )


def test_store_schema_matches_models(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _not_search_index})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _not_search_index(name: str | None, kind: str, _parents: object) -> bool:
    """The article text search (migration 0006) lives outside the models: SQLite's FTS5 table
    and its shadow tables, PostgreSQL's expression index."""
    return not (name or "").startswith(("articles_fts", "ix_articles_fts"))


def test_store_reopening_keeps_data(db_url: str) -> None:
    first = Store(db_url)
    with first.transaction() as s:
        s.add(Blob(sha256="a" * 64, size=3, data=b"abc"))
        s.flush()
        s.add(Article(id="x1", source="a.txt", content_hash="a" * 64, status="ok"))
    first.dispose()
    second = Store(db_url)
    with second.session() as s:
        assert s.get(Article, "x1") is not None
        assert s.get(Blob, "a" * 64).data == b"abc"  # type: ignore[union-attr]
    second.dispose()


def test_store_sqlite_uses_wal(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    store.dispose()


def test_store_upgrades_a_database_of_the_first_release(db_url: str) -> None:
    """A database made by the first release (schema 0001) is migrated, its data kept."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(
            text("INSERT INTO blobs (sha256, size, data, created_at) VALUES (:s, 1, :d, :t)"),
            {"s": "b" * 64, "d": b"b", "t": "2024-01-01 00:00:00"},
        )
    assert current_revision(engine) == "0001"
    engine.dispose()
    again = Store(db_url)
    assert current_revision(again.engine) == head_revision()
    with again.session() as s:
        assert s.get(Blob, "b" * 64) is not None
    assert "reference_events" in again.tables()
    again.dispose()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sitrep.db", "sqlite:///sitrep.db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_store_resolves_urls(given: str, expected: str) -> None:
    assert resolve_url(given) == expected


@pytest.mark.parametrize(
    "bad", ["mysql://u@h/db", "not a url://", "sqlite:////no/such/folder/x.db"]
)
def test_store_rejects_bad_urls(bad: str) -> None:
    with pytest.raises(ConfigError, match="bad database URL"):
        Store(bad)


def test_store_url_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert resolve_url(None).endswith("env.db")
