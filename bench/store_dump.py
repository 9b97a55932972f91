"""Dump the store after ingesting generated articles: the writer's equivalence check.

    python bench/store_dump.py --n 300 --words 800 --out /tmp/before.txt
    python bench/store_dump.py --n 300 --words 800 --workers 2 --out /tmp/spread.txt
    cmp /tmp/before.txt /tmp/after.txt

A change to the writer that must not change any output (a cache, a bulk insert, fewer flushes,
an overlap of the workers with the writer) is checked by dumping the store with the old and the
new code and comparing the files byte for byte. The dump holds every article's cluster,
canonical flag, story and dates; every event column except the wall-clock ones (``timestamp``,
``created_at``, ``updated_at``); every mention with its own record, in id order (the order
decides an event's ``source`` list); and the number of duplicate keys.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import iter_items  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.store import Article, DedupKey, Event, Mention, Store  # noqa: E402
from sitrep.workers import LocalMapper  # noqa: E402

#: Columns that hold the time of the run, not its result.
WALL_CLOCK = {"timestamp", "created_at", "updated_at"}


def dump(store: Store) -> str:
    """The store's content as sorted text lines, wall-clock columns left out."""
    lines: list[str] = []
    with store.session() as s:
        for a in s.scalars(select(Article).order_by(Article.id)):
            row = [a.id, a.status, a.cluster_id, a.canonical, a.story_id, a.published_text]
            row += [a.published_precision, a.published_from, a.title, a.inherited, a.error]
            lines.append("A " + json.dumps(row, default=str))
        columns = [c.key for c in Event.__table__.columns if c.key not in WALL_CLOCK]
        for e in s.scalars(select(Event).order_by(Event.id)):
            lines.append("E " + json.dumps([getattr(e, c) for c in columns], default=str))
        for m in s.scalars(select(Mention).order_by(Mention.id)):
            row: list[Any] = [m.id, m.event_id, m.article_id, m.start, m.end, m.sentence]
            lines.append("M " + json.dumps(row + [m.record], default=str, sort_keys=True))
        keys = s.scalar(select(func.count()).select_from(DedupKey))
        lines.append(f"K {keys}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--workers", type=int, default=0, help="dask workers (0: one process)")
    parser.add_argument(
        "--ahead", type=int, default=0, help="batches prepared ahead of the writer (prefetch)"
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'dump.db'}")
        items = iter_items(args.n, words=args.words)
        if args.workers:
            from sitrep.distributed import ingest_distributed

            ingest_distributed(
                store, items, workers=args.workers, batch_size=args.batch_size, prefetch=args.ahead
            )
        elif args.ahead:
            mapper = LocalMapper()
            pipeline = Pipeline(
                store, batch_size=args.batch_size, mapper=mapper, prefetch=args.ahead
            )
            pipeline.ingest(items)
            print(f"extractions: {pipeline.speculation}", file=sys.stderr)
        else:
            Pipeline(store, batch_size=args.batch_size).ingest(items)
        args.out.write_text(dump(store), encoding="utf-8")
    print(args.out)


if __name__ == "__main__":
    main()
