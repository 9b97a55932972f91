"""A distributed run (real LocalCluster of worker processes) equals the single-process run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sitrep.demo import sample_corpus
from sitrep.distributed import ingest_distributed
from sitrep.pipeline import Pipeline, iter_inputs
from sitrep.store import Article, Event, Store

pytestmark = pytest.mark.slow


def snapshot(store: Store) -> dict[str, Any]:
    with store.session() as s:
        articles = {
            a.id: (a.status, a.cluster_id, a.canonical, a.story_id, a.published_text, a.title)
            for a in s.scalars(select(Article))
        }
        events = {}
        for e in s.scalars(select(Event)):
            events[e.id] = (
                e.event_date, e.sub_event_type, e.actor1, e.actor2, e.location,
                e.fatalities, e.background, e.source_count,
                tuple(sorted((m.article_id, m.start, m.end) for m in e.mentions)),
            )  # fmt: skip
    return {"articles": articles, "events": events}


def test_distributed_run_equals_single_process(tmp_path: Path) -> None:
    # ingest_distributed runs the workers two batches ahead of the writer (prefetch); the
    # sample corpus holds a copy that inherits from its original, so one extraction is
    # redone by the writer (tests/test_pipeline_prefetch.py checks that it is)
    files = [
        str(p) for p in sorted(sample_corpus().iterdir()) if p.is_file() and p.name != "README.md"
    ]
    single = Store(f"sqlite:///{tmp_path / 'single.db'}")
    Pipeline(single).ingest(iter_inputs(files))
    spread = Store(f"sqlite:///{tmp_path / 'spread.db'}")
    summary = ingest_distributed(spread, iter_inputs(files), workers=2, batch_size=8)
    assert summary.failed == 0, summary.failures
    a, b = snapshot(single), snapshot(spread)
    assert a["articles"] == b["articles"]
    assert a["events"] == b["events"]
    assert len(a["events"]) > 0
