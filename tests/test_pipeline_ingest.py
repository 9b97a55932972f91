"""The pipeline end to end on real stores: nothing lost, idempotent, duplicates, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sitrep.demo import sample_corpus
from sitrep.models import RawItem
from sitrep.pipeline import Pipeline, article_id_for, iter_inputs
from sitrep.status import store_status
from sitrep.store import Article, Blob, Event, Mention, Store

SAMPLE = sample_corpus()

WIRE = (
    "BAGHDAD, March 12 (Wire) - Rockets struck Camp Taji north of Baghdad on Wednesday, "
    "killing two American soldiers and one British soldier, the US-led coalition said.\n\n"
    "About 18 Katyusha rockets hit the base, officials said. No group claimed the attack.\n\n"
    "Kataib Hezbollah has been blamed for earlier attacks on bases hosting US forces."
)


def items_of(*pairs: tuple[str, str]) -> list[RawItem]:
    return [RawItem(source=name, raw=text.encode()) for name, text in pairs]


def test_pipeline_stores_raw_bytes_exactly(store: Store, tmp_path: Path) -> None:
    raw = "Ünïcode — bytes\r\nkept exactly\r\n".encode()
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    Pipeline(store, extract=False, stories=False).ingest(iter_inputs([str(path)]))
    with store.session() as s:
        article = s.scalars(select(Article)).one()
        assert s.get(Blob, article.content_hash).data == raw  # type: ignore[union-attr]


def test_pipeline_is_idempotent(store: Store) -> None:
    items = items_of(("wire-1.txt", WIRE))
    first = Pipeline(store, stories=False).ingest(items)
    assert first.new == 1 and first.failed == 0
    with store.session() as s:
        events_before = s.scalar(select(func.count()).select_from(Event))
        mentions_before = s.scalar(select(func.count()).select_from(Mention))
    second = Pipeline(store, stories=False).ingest(items)
    assert second.unchanged == 1 and second.new == 0
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == events_before
        assert s.scalar(select(func.count()).select_from(Mention)) == mentions_before
        assert s.scalar(select(func.count()).select_from(Article)) == 1


def test_pipeline_same_input_twice_in_one_run_is_processed_once(store: Store) -> None:
    items = items_of(("wire-1.txt", WIRE), ("wire-1.txt", WIRE))
    summary = Pipeline(store, stories=False).ingest(items)
    assert (summary.new, summary.unchanged) == (1, 1)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1


def test_pipeline_bad_items_fail_alone_with_reasons(store: Store) -> None:
    items = [
        RawItem(source="empty.txt", raw=b""),
        RawItem(source="binary.bin", raw=b"\x00\x01\x02\xff" * 100),
        RawItem(source="unreachable", raw=b"", error="fetch failed: connection refused"),
        RawItem(source="good.txt", raw=WIRE.encode()),
    ]
    summary = Pipeline(store, stories=False).ingest(items)
    assert summary.new == 1
    assert summary.failed == 3
    reasons = dict(summary.failures)
    assert "empty" in reasons["empty.txt"].lower()
    assert "binary" in reasons["binary.bin"].lower()
    assert "connection refused" in reasons["unreachable"]
    status = store_status(store)
    assert {f["source"] for f in status["failures"]} == {"empty.txt", "binary.bin", "unreachable"}
    with store.session() as s:
        good = s.get(Article, article_id_for("good.txt", _sha(WIRE.encode())))
        assert good is not None and good.status == "ok"
        # bytes kept even for failures (the two empty items share one content-addressed blob)
        assert s.scalar(select(func.count()).select_from(Blob)) == 3


def test_pipeline_retries_failed_items_on_rerun(store: Store) -> None:
    item = RawItem(source="flaky", raw=b"", error="timed out")
    Pipeline(store, stories=False).ingest([item])
    again = Pipeline(store, stories=False).ingest([RawItem(source="flaky", raw=b"", error=None)])
    assert again.failed == 1  # retried (not 'unchanged'), failing now for its empty content
    assert "empty" in again.failures[0][1].lower()


def test_pipeline_clusters_a_repost_with_its_original(store: Store) -> None:
    repost = (
        "Support independent journalism: donate today.\n\n"
        + WIRE.replace("officials said", "officials told reporters")
        + "\n\nThe original source of this article is Wire Service."
    )
    Pipeline(store, stories=False, extract=False).ingest(
        items_of(("orig.txt", WIRE), ("repost.txt", repost))
    )
    with store.session() as s:
        rows = {a.source: a for a in s.scalars(select(Article))}
    assert rows["orig.txt"].cluster_id == rows["repost.txt"].cluster_id
    assert [rows["orig.txt"].canonical, rows["repost.txt"].canonical].count(True) == 1


def test_pipeline_extracts_events_with_exact_provenance(store: Store) -> None:
    Pipeline(store, stories=False).ingest(
        [RawItem(source="w.json", raw=b"", hints={}, media_type=None)]
        + [
            RawItem(
                source="wire.jsonl#1",
                raw=json.dumps(
                    {"text": WIRE, "title": "Rockets hit Camp Taji", "published": "2020-03-12"}
                ).encode(),
                media_type="json",
            )
        ]
    )
    with store.session() as s:
        events = list(s.scalars(select(Event)))
        assert events, "the Camp Taji attack should be extracted"
        for event in events:
            for mention in event.mentions:
                text = mention.article.text or ""
                assert text[mention.start : mention.end] == mention.sentence
        taji = [e for e in events if e.event_date == "2020-03-11" or e.event_date == "2020-03-12"]
        assert taji


def _sha(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The bundled sample corpus ingested once into a SQLite file."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    store = Store(f"sqlite:///{path}")
    files = [str(p) for p in sorted(SAMPLE.iterdir()) if p.is_file() and p.name != "README.md"]
    summary = Pipeline(store).ingest(iter_inputs(files))
    assert summary.failed == 0, summary.failures
    return store


def test_pipeline_sample_corpus_reposts_share_clusters(sample_store: Store) -> None:
    gold = [
        json.loads(line)
        for line in (SAMPLE / "gold" / "articles.jsonl").read_text().splitlines()
        if line.strip()
    ]
    with sample_store.session() as s:
        by_source = {
            Path(a.source).name if "#" not in a.source else Path(a.source).name: a
            for a in s.scalars(select(Article))
        }
    for row in gold:
        if not row.get("duplicate_of"):
            continue
        copy, original = by_source.get(row["source"]), by_source.get(row["duplicate_of"])
        assert copy is not None and original is not None
        assert copy.cluster_id == original.cluster_id, row["source"]


def test_pipeline_sample_corpus_undated_stays_undated(sample_store: Store) -> None:
    gold = [
        json.loads(line)
        for line in (SAMPLE / "gold" / "articles.jsonl").read_text().splitlines()
        if line.strip()
    ]
    undated = {
        g["source"] for g in gold if g.get("published") is None and not g.get("duplicate_of")
    }
    with sample_store.session() as s:
        for article in s.scalars(select(Article)):
            if Path(article.source).name in undated:
                assert article.published is None
                assert article.published_missing_reason


def test_pipeline_sample_corpus_has_events_with_sources(sample_store: Store) -> None:
    with sample_store.session() as s:
        events = list(s.scalars(select(Event)))
        assert len(events) >= 20
        multi = [e for e in events if e.source_count >= 2]
        assert multi, "some events are reported by several outlets and must be merged"
