"""The writer's per-transaction cache of stored events as records changes no output.

Within one transaction the merge lookups reuse candidate records; an event leaves the cache
when the pipeline changes it. Ingesting the same corpus one article per transaction (the
cache emptied every time) and in batches (the cache shared by a batch's lookups) must store
the same events, merged the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sitrep.demo import sample_corpus
from sitrep.pipeline import Pipeline, iter_inputs
from sitrep.store import Article, Event, Store


def _snapshot(store: Store) -> dict[str, Any]:
    with store.session() as s:
        articles = {a.id: (a.status, a.cluster_id, a.story_id) for a in s.scalars(select(Article))}
        events = {
            e.id: (
                e.event_date,
                e.event_type,
                e.sub_event_type,
                e.actor1,
                e.actor2,
                e.location,
                e.country,
                e.fatalities,
                e.source,
                e.source_count,
                e.merged_into,
                tuple(sorted((m.article_id, m.start, m.end) for m in e.mentions)),
            )  # fmt: skip
            for e in s.scalars(select(Event))
        }
    return {"articles": articles, "events": events}


@pytest.mark.parametrize("batch_size", [5, 50])
def test_batched_writer_stores_what_one_article_per_transaction_stores(
    tmp_path: Path, batch_size: int
) -> None:
    files = [
        str(p) for p in sorted(sample_corpus().iterdir()) if p.is_file() and p.name != "README.md"
    ]
    alone = Store(f"sqlite:///{tmp_path / 'alone.db'}")
    Pipeline(alone, stories=False, batch_size=1).ingest(iter_inputs(files))
    batched = Store(f"sqlite:///{tmp_path / 'batched.db'}")
    summary = Pipeline(batched, stories=False, batch_size=batch_size).ingest(iter_inputs(files))
    assert summary.failed == 0
    a, b = _snapshot(alone), _snapshot(batched)
    assert a == b
    # the corpus retells events, so the cache is exercised by merges, not only creations
    assert any(len(mentions) > 1 for *_, mentions in a["events"].values())
