"""Equivalence harness and timer for event extraction.

    python bench/extract_dump.py --out /tmp/before.json          # dump every Analysis as JSON
    python bench/extract_dump.py --out /tmp/after.json && cmp /tmp/before.json /tmp/after.json
    python bench/extract_dump.py --repeat 3 --no-dump            # CPU ms per article, best of 3
    python bench/extract_dump.py --profile /tmp/x.prof --n 100   # cProfile of the extraction

Runs the same function the pipeline's extract stage maps over documents
(``sitrep.workers.extract_documents``) on a fixed set of generated long-form articles
(``bench/corpus.py``, seed 7) plus the annotated sample corpus, and writes every field of every
``Analysis`` (events, entities, time expressions, places) as sorted JSON. A speed change to the
extractor is only a speed change if this dump stays byte-identical.

Times are CPU time of this process (``time.process_time``) over the extraction stage only, so
other engineers' jobs on the shared machine disturb them less than wall-clock time would.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "eval"))

from corpus import generate  # noqa: E402

from sitrep.models import Document, RawItem, to_dict  # noqa: E402
from sitrep.workers import extract_documents, prepare_item_no_vector  # noqa: E402


def bench_documents(n: int, words: int, seed: int = 7) -> list[Document]:
    """``n`` generated articles of about ``words`` words, parsed as the pipeline parses them."""
    docs = []
    for i, record in enumerate(generate(n, seed, words=words)):
        public = {k: v for k, v in record.items() if not k.startswith("_")}
        item = RawItem(
            source=f"bench.jsonl#{i + 1}", raw=json.dumps(public).encode(), media_type="json"
        )
        prepared = prepare_item_no_vector(item)
        if prepared.parsed is None:
            continue
        p = prepared.parsed
        docs.append(Document(id=f"bench-{i}", text=p.text, title=p.title, published=p.published))
    return docs


def sample_documents() -> list[Document]:
    """The annotated sample corpus as ``make eval`` reads it."""
    from run import sample_documents as eval_sample_documents  # eval/run.py

    return list(eval_sample_documents())


def main(argv: list[str] | None = None) -> int:
    """Extract, time, and optionally dump or profile."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--n", type=int, default=300, help="generated articles (default 300)")
    parser.add_argument("--words", type=int, default=800, help="words per article (default 800)")
    parser.add_argument("--out", default="/tmp/extract_dump.json", help="where the JSON dump goes")
    parser.add_argument("--no-dump", action="store_true", help="time only, write nothing")
    parser.add_argument("--no-sample", action="store_true", help="leave out the sample corpus")
    parser.add_argument(
        "--repeat", type=int, default=1, help="extract this many times, report the best"
    )
    parser.add_argument("--profile", help="write a cProfile of one extraction pass here")
    args = parser.parse_args(argv)

    bench = bench_documents(args.n, args.words)
    sample = [] if args.no_sample else sample_documents()
    extract_documents([Document(id="warm", text="Rockets hit Camp Taji on Monday.")])  # load models

    best = float("inf")
    analyses: list[Any] = []
    for _ in range(max(1, args.repeat)):
        started = time.process_time()
        analyses = extract_documents(bench)
        best = min(best, time.process_time() - started)
    events = sum(len(a.events) for a in analyses)
    report = {
        "articles": len(bench),
        "words": args.words,
        "events_per_article": round(events / max(1, len(bench)), 2),
        "cpu_ms_per_article_best": round(1000 * best / max(1, len(bench)), 2),
        "articles_per_cpu_s": round(len(bench) / best, 1) if best else None,
        "repeats": args.repeat,
    }
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        extract_documents(bench)
        profiler.disable()
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(40)
    if not args.no_dump:
        all_analyses = analyses + extract_documents(sample)
        errors = [a.id for a in all_analyses if a.error]
        report["errors"] = len(errors)
        report["sample_documents"] = len(sample)
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump([to_dict(a) for a in all_analyses], out, sort_keys=True, indent=0)
        report["dump"] = args.out
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
