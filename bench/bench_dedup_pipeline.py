"""Duplicate detection with the pipeline's own rule (bench/bench_dedup.py measures the index).

The pipeline takes LSH candidates from a low Jaccard and keeps a pair when the Jaccard is high
or the smaller text is mostly contained in the larger (``sitrep.pipeline._duplicate_score``),
joining every matched cluster. This measures exactly that rule on the generated corpus.

    python bench/bench_dedup_pipeline.py --n 10000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dedup import pair_scores, truth_clusters  # noqa: E402
from corpus import generate  # noqa: E402

from sitrep.dedup.clusters import Clusters  # noqa: E402
from sitrep.dedup.minhash import MemoryKeyStore, NearDuplicateIndex  # noqa: E402
from sitrep.dedup.text import exact_hash  # noqa: E402
from sitrep.pipeline import (  # noqa: E402
    MAX_DUPLICATE_CANDIDATES,
    _distinct_reports,
    _duplicate_score,
)
from sitrep.workers import CANDIDATE_JACCARD, LSH_BANDS, LSH_ROWS, SHINGLE_SIZE  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    articles = list(generate(args.n, args.seed))
    by_id = {a["id"]: a for a in articles}
    store = MemoryKeyStore()
    index = NearDuplicateIndex(
        store,
        threshold=CANDIDATE_JACCARD,
        shingle_size=SHINGLE_SIZE,
        bands=LSH_BANDS,
        rows=LSH_ROWS,
    )
    exact: dict[str, str] = {}
    clusters = Clusters()
    candidates = 0
    start = time.perf_counter()
    for a in articles:
        clusters.add(a["id"])
        digest = exact_hash(a["text"])
        if digest in exact:
            clusters.link(a["id"], exact[digest])
        exact.setdefault(digest, a["id"])
        signature = index.signature(a["text"])
        found = index.query(signature=signature)[:MAX_DUPLICATE_CANDIDATES]
        candidates += len(found)
        for other, jaccard in found:

            def texts(o: str = other, a: dict = a) -> tuple[str, str]:  # type: ignore[type-arg]
                return a["text"], by_id[o]["text"]

            if _duplicate_score(
                signature, store.signature(other), jaccard, texts
            ) > 0 and not _distinct_reports(*texts()):
                clusters.link(a["id"], other)
        index.add(a["id"], signature=signature)
    elapsed = time.perf_counter() - start
    scores = pair_scores(list(clusters.groups().values()), truth_clusters(articles))
    print(
        json.dumps(
            {
                "articles": len(articles),
                "rule": {
                    "shingle_size": SHINGLE_SIZE,
                    "bands": LSH_BANDS,
                    "rows": LSH_ROWS,
                    "candidate_jaccard": CANDIDATE_JACCARD,
                },
                **scores,
                "verified_candidates_per_query": round(candidates / len(articles), 2),
                "articles_per_s": round(len(articles) / elapsed, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
