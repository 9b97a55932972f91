"""End-to-end pipeline benchmark on a generated corpus: stage speeds, throughput, memory, workers.

    python bench/bench_pipeline.py --n 2000                  # stages + end to end + 1 vs 2 workers
    python bench/bench_pipeline.py --n 10000 --only single   # one end-to-end run (for growth curves)
    python bench/bench_pipeline.py --n 600 --words 800 --only workers   # 1 vs 2 workers, 800 words

Prints one JSON object. The corpus comes from bench/corpus.py (planted duplicates included), fed
as JSON records, as a user's JSON-lines dump would be.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from sitrep.models import Document, RawItem  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.store import Article, DedupKey, Event, Mention, Store  # noqa: E402
from sitrep.workers import (  # noqa: E402
    extract_document,
    extract_documents,
    prepare_item,
    prepare_item_no_vector,
    prepare_items,
)


def iter_items(n: int, seed: int = 7, words: int | None = None) -> Iterator[RawItem]:
    """The generated corpus as raw JSON records, one at a time (memory does not grow with n)."""
    for i, record in enumerate(generate(n, seed, words=words)):
        public = {k: v for k, v in record.items() if not k.startswith("_")}
        yield RawItem(
            source=f"bench.jsonl#{i + 1}", raw=json.dumps(public).encode(), media_type="json"
        )


def items_for(n: int, seed: int = 7, words: int | None = None) -> list[RawItem]:
    return list(iter_items(n, seed, words))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def bench_stages(items: list[RawItem]) -> dict[str, Any]:
    """Each CPU stage alone, one process, per article."""
    from sitrep.dedup.minhash import MemoryKeyStore, NearDuplicateIndex
    from sitrep.workers import SHINGLE_SIZE

    prepare_item(items[0])  # load models before timing
    extract_document(Document(id="warm", text="Rockets hit Camp Taji on Monday."))
    t = time.perf_counter()
    parsed = [prepare_item_no_vector(item) for item in items]
    t_parse = time.perf_counter() - t
    t = time.perf_counter()
    for start in range(0, len(items), 16):
        prepare_items(items[start : start + 16])  # as the pipeline does, 16 to a batch
    t_parse_embed = time.perf_counter() - t
    docs = [
        Document(id=str(i), text=p.parsed.text, title=p.parsed.title, published=p.parsed.published)
        for i, p in enumerate(parsed)
        if p.parsed is not None
    ]
    t = time.perf_counter()
    events = sum(len(extract_document(doc).events) for doc in docs)
    t_extract = time.perf_counter() - t
    index = NearDuplicateIndex(MemoryKeyStore(), threshold=0.2, shingle_size=SHINGLE_SIZE)
    t = time.perf_counter()
    for doc in docs:
        sig = index.signature(doc.text)
        index.query(signature=sig)
        index.add(doc.id, signature=sig)
    t_dedup = time.perf_counter() - t
    words = sum(len(doc.text.split()) for doc in docs)
    return {
        "articles": len(docs),
        "mean_words": round(words / max(1, len(docs))),
        "parse_per_s": rate(len(items), t_parse),
        "parse_and_embed_per_s": rate(len(items), t_parse_embed),
        "embed_per_s": rate(len(items), max(1e-9, t_parse_embed - t_parse)),
        "extract_per_s": rate(len(docs), t_extract),
        "dedup_per_s": rate(len(docs), t_dedup),
        "events_per_article": round(events / max(1, len(docs)), 2),
    }


def db_rows(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in (
                ("articles", Article),
                ("events", Event),
                ("mentions", Mention),
                ("dedup_keys", DedupKey),
            )
        }


class Checkpoints:
    """Wraps the item stream and notes, every ``every`` items pulled, the time, the rate since
    the previous checkpoint and the resident memory: one long run then shows how the speed
    changes as the store grows (the pipeline pulls a batch only after writing the previous)."""

    def __init__(self, items: Iterable[RawItem], every: int) -> None:
        self.items = items
        self.every = every
        self.marks: list[dict[str, Any]] = []

    def __iter__(self) -> Iterator[RawItem]:
        start = last = time.perf_counter()
        for count, item in enumerate(self.items):
            if count and count % self.every == 0:
                now = time.perf_counter()
                self.marks.append(
                    {
                        "articles": count,
                        "seconds": round(now - start, 1),
                        "articles_per_s_since_last": rate(self.every, now - last),
                        "rss_mb": round(current_rss_mb()),
                    }
                )
                last = now
                print(json.dumps(self.marks[-1]), file=sys.stderr, flush=True)
            yield item


def current_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bench_single(
    items: Iterable[RawItem],
    n: int,
    folder: Path,
    url: str | None,
    *,
    extract: bool,
    stories: bool,
    checkpoint: int = 0,
) -> dict[str, Any]:
    from sitrep.workers import local_map

    marks = Checkpoints(items, checkpoint) if checkpoint else None
    if marks is not None:
        items = marks
    store = Store(url or f"sqlite:///{folder / 'single.db'}")
    # the CPU stages (parse, story vectors, extraction) go through the mapper; the rest of the
    # time is the writer's (raw bytes, duplicates, stories, merging, commits)
    mapper = TimedMapper(local_map)
    t = time.perf_counter()
    summary = Pipeline(store, extract=extract, stories=stories, mapper=mapper).ingest(items)
    seconds = time.perf_counter() - t
    rows = db_rows(store)
    return {
        "cpu_stage_seconds": round(mapper.seconds, 1),
        "writer_seconds": round(seconds - mapper.seconds, 1),
        "writer_articles_per_s": rate(n, seconds - mapper.seconds),
        "articles": n,
        "extract": extract,
        "stories": stories,
        "seconds": round(seconds, 1),
        "articles_per_s": rate(n, seconds),
        "failed": summary.failed,
        "duplicates": summary.duplicates,
        "rows_written": rows,
        "rows_per_s": rate(sum(rows.values()), seconds),
        "peak_rss_mb": round(peak_rss_mb()),
        **({"checkpoints": marks.marks} if marks is not None else {}),
        **_db_file_mb(url, folder),
    }


def _db_file_mb(url: str | None, folder: Path) -> dict[str, Any]:
    path = folder / "single.db"
    if url or not path.exists():
        return {}
    return {"sqlite_file_mb": round(path.stat().st_size / 2**20)}


class TimedMapper:
    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = 0.0

    def __call__(self, func: Any, items: list[Any]) -> list[Any]:
        t = time.perf_counter()
        try:
            return list(self.inner(func, items))
        finally:
            self.seconds += time.perf_counter() - t


def bench_workers(
    items: list[RawItem], folder: Path, workers: int, *, prefetch: int = 0
) -> dict[str, Any]:
    """End to end on a local cluster of ``workers`` processes (the writer on this process).

    ``prefetch`` 0 is the old one-batch-at-a-time mode (``cpu_stage_seconds`` is then the time
    the writer waited for the workers); with prefetch the workers run ahead of the writer and
    ``cpu_stages_alone`` times the workers' whole share (parse, story vectors, extraction)
    without a writer, so its ratio between 1 and 2 workers is the CPU stages' speed-up.
    """
    from sitrep.distributed import DEFAULT_BATCH_SIZE, DaskMapper, start_client

    client, cluster = start_client(workers)
    try:
        mapper = TimedMapper(DaskMapper(client))
        # warm the workers' models so the timing compares steady states
        mapper(prepare_items, items[: workers * 2])
        mapper(
            extract_documents,
            [Document(id=str(i), text="Rockets hit Camp Taji on Monday.") for i in range(4)],
        )
        # and the writer's own extractor, which redoes documents that duplicates changed
        extract_document(Document(id="warm", text="Rockets hit Camp Taji on Monday."))
        mapper.seconds = 0.0
        result: dict[str, Any] = {"workers": workers, "prefetch": prefetch}
        if prefetch:
            result["cpu_stages_alone"] = cpu_stages_alone(client, items, prefetch)
        store = Store(f"sqlite:///{folder / f'workers{workers}-{prefetch}.db'}")
        pipeline = Pipeline(
            store,
            mapper=mapper if not prefetch else DaskMapper(client),
            batch_size=DEFAULT_BATCH_SIZE,
            prefetch=prefetch,
        )
        t = time.perf_counter()
        pipeline.ingest(items)
        seconds = time.perf_counter() - t
        worker_peaks = client.run(peak_rss_mb)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    result.update(
        {
            "seconds": round(seconds, 1),
            "articles_per_s": rate(len(items), seconds),
            "extractions_redone": pipeline.speculation["redone"],
            "writer_waited_seconds": round(pipeline.waited_seconds, 1),
            "client_peak_rss_mb": round(peak_rss_mb()),
            "worker_peak_rss_mb": max((round(v) for v in worker_peaks.values()), default=0),
        }
    )
    if not prefetch:
        result["cpu_stage_seconds"] = round(mapper.seconds, 1)
    return result


def cpu_stages_alone(client: Any, items: list[RawItem], prefetch: int) -> dict[str, Any]:
    """The workers' share of every batch, kept ``prefetch + 1`` batches deep, no writer."""
    from functools import partial

    from sitrep.distributed import DEFAULT_BATCH_SIZE, DaskMapper
    from sitrep.workers import prepare_and_extract

    mapper = DaskMapper(client)
    work = partial(prepare_and_extract, stories=True, extract=True)
    batches = [
        [(f"a{i + k}", item) for k, item in enumerate(items[i : i + DEFAULT_BATCH_SIZE])]
        for i in range(0, len(items), DEFAULT_BATCH_SIZE)
    ]
    t = time.perf_counter()
    pending: list[Any] = []
    for batch in batches:
        pending.append(mapper.submit(work, batch))
        if len(pending) > prefetch:
            pending.pop(0).result()
    for gathered in pending:
        gathered.result()
    seconds = time.perf_counter() - t
    return {"seconds": round(seconds, 1), "articles_per_s": rate(len(items), seconds)}


def workers_report(items: list[RawItem], folder: Path) -> dict[str, Any]:
    """1 and 2 workers, with the workers ahead of the writer (the default) and without."""
    from sitrep.distributed import DEFAULT_PREFETCH

    runs = {
        "1": bench_workers(items, folder, 1, prefetch=DEFAULT_PREFETCH),
        "2": bench_workers(items, folder, 2, prefetch=DEFAULT_PREFETCH),
        "2_no_prefetch": bench_workers(items, folder, 2, prefetch=0),
    }
    one, two = runs["1"], runs["2"]
    return {
        **runs,
        "speedup_end_to_end": round(one["seconds"] / max(1e-9, two["seconds"]), 2),
        "speedup_cpu_stages": round(
            one["cpu_stages_alone"]["seconds"] / max(1e-9, two["cpu_stages_alone"]["seconds"]), 2
        ),
        "prefetch_gain_2_workers": round(
            runs["2_no_prefetch"]["seconds"] / max(1e-9, two["seconds"]), 2
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--stage-n", type=int, default=300)
    parser.add_argument(
        "--only", choices=["all", "single", "stages", "workers", "local"], default="all"
    )
    parser.add_argument("--db", help="database URL for the single-process run (default: SQLite)")
    parser.add_argument("--no-extract", action="store_true", help="single run without extraction")
    parser.add_argument("--no-stories", action="store_true", help="single run without stories")
    parser.add_argument("--words", type=int, help="long-form articles of about this many words")
    parser.add_argument(
        "--checkpoint", type=int, default=0, help="single run: note the rate every N articles"
    )
    args = parser.parse_args()
    # the single-process run streams the corpus, so its peak memory shows the pipeline's own
    wanted = args.stage_n if args.only in ("stages", "local") else args.n
    items = items_for(wanted, words=args.words) if args.only != "single" else []
    report: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "n": args.n,
        "words": args.words,
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only in ("all", "stages", "local"):
            report["stages"] = bench_stages(items[: args.stage_n])
        if args.only in ("all", "single", "local"):
            report["single"] = bench_single(
                iter_items(args.n, words=args.words),
                args.n,
                folder,
                args.db,
                extract=not args.no_extract,
                stories=not args.no_stories,
                checkpoint=args.checkpoint,
            )
        if args.only in ("all", "workers"):
            report["workers"] = workers_report(items, folder)
    report["peak_rss_mb"] = round(peak_rss_mb())
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
