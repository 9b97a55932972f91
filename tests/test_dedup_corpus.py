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


def test_long_form_articles_keep_the_same_events_and_copies(corpus: ModuleType) -> None:
    """``words=800`` lengthens each write-up; the articles, copies and stories stay the same."""
    short = list(corpus.generate(60, seed=5))
    long = list(corpus.generate(60, seed=5, words=800))
    assert [(a["id"], a["_dup_of"], a["_story"]) for a in short] == [
        (a["id"], a["_dup_of"], a["_story"]) for a in long
    ]
    originals = [a for a in long if a["_variant"] in ("original", "sibling")]
    mean = sum(len(a["text"].split()) for a in originals) / len(originals)
    assert 700 <= mean <= 950
    by_id = {a["id"]: a for a in short}
    assert all(a["text"].startswith(by_id[a["id"]]["text"]) for a in originals)


def test_generator_streams_with_a_bounded_window(corpus: ModuleType) -> None:
    """Articles come out while the corpus is still being made (memory does not grow with n)."""
    stream = corpus.generate(500, seed=5, window=50)
    first = [next(stream) for _ in range(10)]
    assert len({a["id"] for a in first}) == 10
    # with a window of 50, an early article cannot come from the end of the corpus
    assert all(int(a["id"][1:]) <= 60 + 10 for a in first)
