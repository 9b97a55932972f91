"""Benchmark of duplicate detection and story linking on the generated corpus.

Measures, on N generated articles (default 10,000) with planted duplicates:

- duplicate detection precision and recall, pairwise over clusters (targets 0.99 / 0.97), per
  planted variant, and the curve over verification thresholds;
- throughput of signature + query + add (articles per second);
- index size per article: stored bytes (signature + keys, what the database holds) and the
  Python heap of the in-memory store (target <= 1 KB);
- story linking: MiniLM embedding speed, linking speed and pairwise story P/R.

Prints one JSON object. ``python bench/bench_dedup.py --n 10000 --story-n 2000``
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from sitrep.dedup import (  # noqa: E402
    Clusters,
    Deduplicator,
    MemoryKeyStore,
    MiniLMEncoder,
    NearDuplicateIndex,
    StoryLinker,
    story_text,
)


def pairs_of(groups: list[list[str]]) -> set[tuple[str, str]]:
    """Every unordered pair of ids that share a group."""
    out: set[tuple[str, str]] = set()
    for members in groups:
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                out.add((a, b))
    return out


def pair_scores(predicted: list[list[str]], truth: list[list[str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering against the truth."""
    got, want = pairs_of(predicted), pairs_of(truth)
    hit = len(got & want)
    precision = hit / len(got) if got else 1.0
    recall = hit / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "predicted_pairs": len(got), "true_pairs": len(want)}  # fmt: skip


def truth_clusters(articles: list[dict[str, Any]]) -> list[list[str]]:
    clusters = Clusters()
    for a in articles:
        clusters.add(a["id"])
        if a["_dup_of"]:
            clusters.link(a["id"], a["_dup_of"])
    return list(clusters.groups().values())


def bench_duplicates(articles: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    store = MemoryKeyStore()
    index = NearDuplicateIndex(
        store,
        num_perm=args.num_perm,
        threshold=args.curve_from,
        shingle_size=args.shingle_size,
        bands=args.bands,
        rows=args.rows,
    )
    dedup = Deduplicator(index)
    kept: list[tuple[list[str], bytes]] = []

    links: list[tuple[str, str, float]] = []  # every verified pair, for the threshold curve
    candidates = 0
    stored_bytes = 0
    start = time.perf_counter()
    for a in articles:
        match = dedup.check(a["id"], a["text"])
        candidates += len(store.candidates(match.keys))  # measured only; not in the timing below
        links.extend((a["id"], other, s) for other, s in match.matches)
        store.add(a["id"], match.keys, match.signature)
        kept.append((match.keys, match.signature))
        stored_bytes += len(match.signature) + sum(len(k) for k in match.keys)
    elapsed = time.perf_counter() - start

    # Timing of the production path alone (check + add at the chosen threshold).
    timed = Deduplicator(
        NearDuplicateIndex(
            MemoryKeyStore(), num_perm=args.num_perm, threshold=args.threshold,
            shingle_size=args.shingle_size, bands=args.bands, rows=args.rows,
        )
    )  # fmt: skip
    start = time.perf_counter()
    predicted = Clusters()
    for a in articles:
        predicted.add(a["id"])
        match = timed.add(a["id"], a["text"])
        for other, _ in match.matches:
            predicted.link(a["id"], other)
    timed_elapsed = time.perf_counter() - start

    # Heap of a memory store holding the whole corpus, measured apart from the timing because
    # tracing allocations slows Python down several times.
    entries = [(a["id"], k, s) for a, (k, s) in zip(articles, kept, strict=True)]
    del kept
    gc.collect()
    tracemalloc.start()
    heap_before = tracemalloc.get_traced_memory()[0]
    replay = MemoryKeyStore()
    for article_id, keys, signature in entries:
        replay.add(article_id, keys, bytes(signature))
    replay.compact()
    heap = tracemalloc.get_traced_memory()[0] - heap_before
    tracemalloc.stop()
    truth = truth_clusters(articles)
    main = pair_scores(list(predicted.groups().values()), truth)

    by_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    same = {a["id"]: predicted.find(a["id"]) for a in articles}
    ids = {a["id"] for a in articles}
    for a in articles:
        if a["_dup_of"] and a["_dup_of"] in ids:
            hit = same[a["id"]] == same[a["_dup_of"]]
            by_variant[a["_variant"]][0] += hit
            by_variant[a["_variant"]][1] += 1
    siblings_merged = 0
    sibling_pairs = 0
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        if a["_dup_of"] is None:
            stories[a["_story"]].append(a)
    for members in stories.values():
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                sibling_pairs += 1
                siblings_merged += same[x["id"]] == same[y["id"]]

    curve = []
    for step in range(int(args.curve_from * 100), 81, 5):
        t = step / 100
        clusters = Clusters()
        for a in articles:
            clusters.add(a["id"])
        clusters.update((x, y) for x, y, s in links if s >= t)
        curve.append({"threshold": t, **pair_scores(list(clusters.groups().values()), truth)})

    n = len(articles)
    return {
        "articles": n,
        "params": {"num_perm": args.num_perm, "bands": args.bands, "rows": args.rows,
                   "shingle_size": args.shingle_size, "threshold": args.threshold},
        **main,
        "recall_by_variant": {v: round(h / t, 4) for v, (h, t) in sorted(by_variant.items())},
        "independent_same_event_pairs": sibling_pairs,
        "independent_same_event_pairs_merged": siblings_merged,
        "throughput_articles_per_s": round(n / timed_elapsed, 1),
        "throughput_with_curve_bookkeeping_articles_per_s": round(n / elapsed, 1),
        "mean_candidates_per_query": round(candidates / n, 2),
        "stored_bytes_per_article": round(stored_bytes / n, 1),
        "memory_store_heap_bytes_per_article": round(heap / n, 1),
        "curve": curve,
    }  # fmt: skip


def bench_stories(articles: list[dict[str, Any]], story_n: int) -> dict[str, Any]:
    # Stories are linked between canonical articles: copies are already in their duplicate
    # cluster (and a wrapped repost's first paragraph is boilerplate, not a lead).
    canonical = [a for a in articles if a["_dup_of"] is None][:story_n]
    sample = sorted(canonical, key=lambda a: (a["published"] or "9999", a["id"]))
    texts = [story_text(a["title"], a["text"]) for a in sample]
    days: list[date | None] = [
        datetime.fromisoformat(a["published"]).date() if a["published"] else None for a in sample
    ]
    encoder = MiniLMEncoder()
    encoder.encode(texts[:8])  # load the model outside the timing
    start = time.perf_counter()
    vectors = encoder.encode(texts)
    embed_s = time.perf_counter() - start
    result: dict[str, Any] = {
        "articles": len(sample),
        "embed_articles_per_s": round(len(sample) / embed_s, 1),
        "by_threshold": [],
    }
    truth: dict[str, list[str]] = defaultdict(list)
    for a in sample:
        truth[a["_story"]].append(a["id"])
    for threshold in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8):
        linker = StoryLinker(encoder, threshold)
        start = time.perf_counter()
        assigned = linker.link([a["id"] for a in sample], texts, days, vectors=vectors)
        link_s = time.perf_counter() - start
        groups: dict[str, list[str]] = defaultdict(list)
        for article_id, story in assigned.items():
            groups[story].append(article_id)
        result["by_threshold"].append({
            "threshold": threshold,
            "link_articles_per_s": round(len(sample) / link_s, 1),
            "stories": len(groups),
            **pair_scores(list(groups.values()), list(truth.values())),
        })  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="dedup benchmark")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", help="JSON-lines corpus (default: generate in memory)")
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--bands", type=int, default=42)
    parser.add_argument("--rows", type=int, default=3)
    parser.add_argument("--shingle-size", type=int, default=4)
    parser.add_argument("--threshold", type=float, default=0.35)
    parser.add_argument("--curve-from", type=float, default=0.2)
    parser.add_argument("--story-n", type=int, default=2000, help="0 skips story linking")
    args = parser.parse_args()
    if args.corpus:
        with open(args.corpus, encoding="utf-8") as f:
            articles = [json.loads(line) for line in f]
    else:
        articles = list(generate(args.n, args.seed))
    report: dict[str, Any] = {"duplicates": bench_duplicates(articles, args)}
    report["variants"] = dict(Counter(a["_variant"] for a in articles))
    if args.story_n:
        report["stories"] = bench_stories(articles, args.story_n)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
