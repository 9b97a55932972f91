"""The writer's per-article reads use their selective index, never the status index.

Nearly every stored article is ``ok``, so an index on status selects almost the whole table.
SQLite (no statistics) preferred it over the primary key for ``id IN (...) AND status IN
(...)`` and over the date index for story neighbours, which made each lookup read every row
(31 ms at 24,000 articles). These tests read SQLite's own query plan on a real store file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from sitrep.pipeline import SETTLED, _settled
from sitrep.store import Article, Store

IDS = [f"a{i:02d}" for i in range(21)]
DAY = datetime(2024, 1, 28, tzinfo=UTC)


def plan(store: Store, statement: object) -> str:
    with store.session() as session:
        compiled = statement.compile(  # type: ignore[attr-defined]
            session.get_bind(), compile_kwargs={"literal_binds": True}
        )
        rows = session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return " | ".join(str(row[-1]) for row in rows)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'plans.db'}")


def candidates(status_test: Any) -> Any:
    return select(Article.id, Article.cluster_id, Article.minhash).where(
        Article.id.in_(IDS), status_test
    )


def neighbours(status_test: Any) -> Any:
    return (
        select(Article.id)
        .where(Article.embedding.is_not(None), status_test)
        .where(Article.published >= DAY, Article.published <= DAY)
        .order_by(Article.published.desc(), Article.id)
        .limit(5000)
    )


@pytest.mark.parametrize("statement", [candidates, neighbours], ids=["candidates", "stories"])
def test_settled_test_never_drives_the_status_index(store: Store, statement: object) -> None:
    chosen = plan(store, statement(_settled()))  # type: ignore[operator]
    assert "ix_articles_status" not in chosen
    assert "USING INDEX" in chosen or "USING PRIMARY KEY" in chosen, chosen


@pytest.mark.parametrize("statement", [candidates, neighbours], ids=["candidates", "stories"])
def test_a_plain_status_test_is_the_trap_this_guards_against(
    store: Store, statement: object
) -> None:
    """Pins the reason for ``_settled``: the plain condition does pick the status index."""
    chosen = plan(store, statement(Article.status.in_(SETTLED)))  # type: ignore[operator]
    assert "ix_articles_status" in chosen
