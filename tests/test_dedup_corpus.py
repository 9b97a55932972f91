"""The benchmark corpus builder: deterministic, with ground truth dedup can be checked against."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from sitrep.dedup import Clusters, Deduplicator

CORPUS_PY = Path(__file__).resolve().parents[1] / "bench" / "corpus.py"


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sitrep_bench_corpus", CORPUS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_bytes(corpus: ModuleType, tmp_path: Path) -> None:
    first = corpus.write(tmp_path / "a.jsonl", n=150, seed=3).read_bytes()
    second = corpus.write(tmp_path / "b.jsonl", n=150, seed=3).read_bytes()
    assert first == second
    assert first != corpus.write(tmp_path / "c.jsonl", n=150, seed=4).read_bytes()
    row = json.loads(first.splitlines()[0])
    assert {"id", "text", "title", "url", "published", "outlet", "author", "_dup_of"} <= set(row)


def test_planted_copies_point_at_articles_in_the_corpus(corpus: ModuleType) -> None:
    articles = list(corpus.generate(400, seed=5))
    ids = {a["id"] for a in articles}
    variants = Counter(a["_variant"] for a in articles)
    assert len(articles) == 400 and len(ids) == 400
    assert {"original", "sibling", "repost", "exact"} <= set(variants)
    assert all(a["_dup_of"] in ids for a in articles if a["_dup_of"])


def test_dedup_recovers_the_planted_clusters_of_a_small_corpus(corpus: ModuleType) -> None:
    articles = list(corpus.generate(400, seed=5))
    dedup, found, truth = Deduplicator(), Clusters(), Clusters()
    for a in articles:
        found.add(a["id"])
        truth.add(a["id"])
        if a["_dup_of"]:
            truth.link(a["id"], a["_dup_of"])
        for other, _ in dedup.add(a["id"], a["text"]).matches:
            found.link(a["id"], other)
    assert found.groups() == truth.groups()
