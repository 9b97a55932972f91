"""Profile the writer alone: where its CPU goes per article, and how often it flushes.

    python bench/profile_writer.py --n 250 --words 800 [--top 25]

The workers' share of a batch (parse, story vector, extraction: ``prepare_and_extract``) runs
ahead of the writer on this process (``LocalMapper``, prefetch 2), so the profile holds both;
the writer's CPU is the run's total minus that share. Printed: the writer's ms per article,
the calls that matter to it (flushes, event merges, mention removals, redone extractions)
and the functions with the most cumulative time. cProfile's counts are exact; its times
carry the profiler's overhead and the shared machine's noise, so compare ratios.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import items_for  # noqa: E402

from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.workers import LocalMapper  # noqa: E402

#: (label, file suffix, function name) of the calls reported by count and cumulative time.
WATCHED = (
    ("worker share", "sitrep/workers.py", "prepare_and_extract"),
    ("redone extractions", "sitrep/workers.py", "extract_documents"),
    ("flush calls", "sqlalchemy/orm/session.py", "flush"),
    ("flushes that wrote", "sqlalchemy/orm/session.py", "_flush"),
    ("merge into stored event", "sitrep/pipeline.py", "_merge_event"),
    ("new event", "sitrep/pipeline.py", "_create_event"),
    ("remove mentions", "sitrep/pipeline.py", "_remove_mentions"),
    ("duplicates", "sitrep/pipeline.py", "_dedup"),
    ("stories", "sitrep/pipeline.py", "_story"),
    ("merge candidates", "sitrep/pipeline.py", "_find_matching_event"),
)


def _watched(stats: pstats.Stats) -> dict[str, tuple[int, float]]:
    """Call count and cumulative seconds of each WATCHED function (summed over matches)."""
    found = {label: (0, 0.0) for label, _, _ in WATCHED}
    for (path, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        for label, suffix, wanted in WATCHED:
            if name == wanted and path.endswith(suffix):
                calls, seconds = found[label]
                found[label] = (calls + row[1], seconds + row[3])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=250)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    items = items_for(args.n, words=args.words)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'profile.db'}")
        pipeline = Pipeline(store, batch_size=16, mapper=LocalMapper(), prefetch=2)
        profile = cProfile.Profile()
        profile.enable()
        pipeline.ingest(items)
        profile.disable()
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    found = _watched(stats)
    worker = found["worker share"][1]
    print(f"articles: {args.n}  total {total:.1f} s  workers' share {worker:.1f} s")
    print(f"writer: {(total - worker) / args.n * 1000:.1f} ms per article (profiled)")
    print(f"extractions: {pipeline.speculation}")
    for label, (calls, seconds) in found.items():
        print(f"  {label:<26} {calls:>7} calls  {seconds / args.n * 1000:7.2f} ms per article")
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
