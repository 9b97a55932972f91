"""`make bench`: run every benchmark, keep the raw JSON, and write docs/benchmarks.md.

Each benchmark is a script printing one JSON object; this runner calls them as subprocesses
(so each one's peak memory is its own), stores the results in bench/results/<name>.json and
renders the tables. A benchmark that fails is reported as failed and the others still run.

    python bench/run.py                 # everything, default sizes (about 25 minutes on 2 cores)
    python bench/run.py --quick         # small sizes, to check that the benchmarks work
    python bench/run.py --only pipeline dedup
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"


def benchmarks(quick: bool) -> dict[str, list[str]]:
    n = "300" if quick else "2000"
    return {
        "pipeline": ["bench/bench_pipeline.py", "--n", n, "--stage-n", "100" if quick else "300"],
        "pipeline_800": [
            "bench/bench_pipeline.py",
            "--only",
            "local",
            "--words",
            "800",
            "--n",
            "100" if quick else "600",
            "--stage-n",
            "50" if quick else "150",
        ],  # fmt: skip
        "workers_800": [
            "bench/bench_pipeline.py",
            "--only",
            "workers",
            "--words",
            "800",
            "--n",
            "128" if quick else "640",
        ],  # fmt: skip
        "dedup": ["bench/bench_dedup.py", "--n", "2000" if quick else "10000", "--story-n", "500"],
        "ingest": ["bench/bench_ingest.py", "--rounds", "2" if quick else "5"],
        "nlp": ["bench/bench_nlp.py", "--sentences", "2000" if quick else "20000"],
        "api": ["bench/bench_api.py", "--events", "5000" if quick else "100000"],
        "load": ["bench/bench_load.py", *(["--events", "5000"] if quick else [])],
        "gazetteer": ["bench/bench_gazetteer.py", *([] if quick else ["--build"])],
    }


def run_one(name: str, argv: list[str]) -> dict[str, Any]:
    script = ROOT / argv[0]
    if not script.exists():
        return {"error": f"{argv[0]} is missing"}
    started = time.perf_counter()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, str(script), *argv[1:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=3600,
    )
    seconds = round(time.perf_counter() - started, 1)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"], "seconds": seconds}
    text = proc.stdout.strip()
    try:
        data = json.loads(text[text.index("{") :])
    except ValueError:
        return {"error": "no JSON on standard output", "seconds": seconds}
    data["_wall_seconds"] = seconds
    return data


def _get(data: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return "n/a"
        data = data[key]
    return data


def render(results: dict[str, dict[str, Any]]) -> str:
    p = results.get("pipeline", {})
    machine = _get(p, "machine") if isinstance(_get(p, "machine"), dict) else {}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); raw results in `bench/results/`. Speed and",
        "memory are measured here, never asserted in tests.",
        "",
        f"Machine: {machine.get('cpus', os.cpu_count())} cores, Python "
        f"{machine.get('python', platform.python_version())}, {machine.get('platform', platform.platform())}.",
        "",
        "## Pipeline (generated corpus, bench/corpus.py)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles | {_get(p, 'n')} (mean {_get(p, 'stages', 'mean_words')} words) |",
        f"| parse, articles/s (one process) | {_get(p, 'stages', 'parse_per_s')} |",
        f"| story embedding, articles/s | {_get(p, 'stages', 'embed_per_s')} |",
        f"| event extraction, articles/s | {_get(p, 'stages', 'extract_per_s')} |",
        f"| duplicate index, articles/s | {_get(p, 'stages', 'dedup_per_s')} |",
        f"| end to end, one process, articles/s | {_get(p, 'single', 'articles_per_s')} |",
        f"| database rows written/s | {_get(p, 'single', 'rows_per_s')} |",
        f"| peak memory, one process (MB) | {_get(p, 'single', 'peak_rss_mb')} |",
        f"| end to end, 1 dask worker, articles/s | {_get(p, 'workers', '1', 'articles_per_s')} |",
        f"| end to end, 2 dask workers, articles/s | {_get(p, 'workers', '2', 'articles_per_s')} |",
        f"| speed-up 1 -> 2 workers, CPU stages | {_get(p, 'workers', 'speedup_cpu_stages')} |",
        f"| speed-up 1 -> 2 workers, end to end | {_get(p, 'workers', 'speedup_end_to_end')} |",
        "",
    ]
    long = results.get("pipeline_800", {})
    if long:
        lines += [
            "## Pipeline on 800-word articles (one process)",
            "",
            "`bench/bench_pipeline.py --only local --words 800`: long-form articles (several",
            "event paragraphs, background from the sample corpus, page furniture), stage by",
            "stage and end to end into SQLite. The writer is everything that is not a CPU stage:",
            "raw bytes, duplicates, story links, event merging and commits.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| articles | {_get(long, 'n')} (mean {_get(long, 'stages', 'mean_words')} words) |",
            f"| parse, articles/s | {_get(long, 'stages', 'parse_per_s')} |",
            f"| story embedding, articles/s | {_get(long, 'stages', 'embed_per_s')} |",
            f"| event extraction, articles/s | {_get(long, 'stages', 'extract_per_s')} |",
            f"| events per article | {_get(long, 'stages', 'events_per_article')} |",
            f"| duplicate index (in memory), articles/s | {_get(long, 'stages', 'dedup_per_s')} |",
            f"| end to end, one process, articles/s | {_get(long, 'single', 'articles_per_s')} |",
            f"| CPU stages inside that run, s | {_get(long, 'single', 'cpu_stage_seconds')} |",
            f"| writer inside that run, s | {_get(long, 'single', 'writer_seconds')} |",
            f"| writer alone, articles/s | {_get(long, 'single', 'writer_articles_per_s')} |",
            f"| peak memory (MB) | {_get(long, 'single', 'peak_rss_mb')} |",
            "",
        ]
    lines += _workers_800(results.get("workers_800", {}))
    growth = sorted(
        (int(name.split("_", 1)[1]), data)
        for name, data in results.items()
        if name.startswith("growth_") and "single" in data
    )
    if growth:
        lines += [
            "## Growth with corpus size (ingest, duplicates and store; no extraction)",
            "",
            "`bench/bench_pipeline.py --n N --only single --no-extract --no-stories`, corpus",
            "streamed: extraction and story vectors cost the same per article at any size, so",
            "these runs isolate the parts whose cost could grow with the corpus.",
            "",
            "| articles | seconds | articles/s | rows written/s | peak memory (MB) |",
            "|---|---|---|---|---|",
        ]
        for n, data in growth:
            one = data["single"]
            lines.append(
                f"| {n:,} | {one['seconds']} | {one['articles_per_s']} | {one['rows_per_s']} "
                f"| {one['peak_rss_mb']} |"
            )
        longest_n, longest = growth[-1]
        marks = longest["single"].get("checkpoints")
        if marks:
            lines += [
                "",
                f"Inside the {longest_n:,}-article run (`--checkpoint`), the rate over each stretch",
                "of the corpus shows how the writer slows as the store grows:",
                "",
                "| articles stored | seconds so far | articles/s over the last stretch | memory (MB) |",
                "|---|---|---|---|",
            ]
            lines += [
                f"| {m['articles']:,} | {m['seconds']} | {m['articles_per_s_since_last']} "
                f"| {m['rss_mb']} |"
                for m in marks
            ]
            if "sqlite_file_mb" in longest["single"]:
                lines.append("")
                lines.append(f"SQLite file at the end: {longest['single']['sqlite_file_mb']:,} MB.")
        lines += [
            "",
            "See docs/scaling.md for what grows with the store and what was done about it.",
            "The corpus generator streams (bench/corpus.py), so peak memory is the pipeline's.",
            "",
        ]
    notes = {
        "gazetteer": "`bench/bench_gazetteer.py`: the installed index with the Middle East pack "
        "(size, places, open, lookups, geoparse on the sample corpus's sentences, RSS, a full "
        "build). Old vs new index: docs/resolution.md, round 10.",
    }
    for name in ("dedup", "ingest", "nlp", "api", "load", "gazetteer"):
        data = results.get(name)
        if data is None:
            continue
        note = [notes[name], ""] if name in notes else []
        lines += [f"## {name}", "", *note, "```json", json.dumps(data, indent=2)[:6000], "```", ""]
    return "\n".join(lines)


def _workers_800(data: dict[str, Any]) -> list[str]:
    """The 1-vs-2-workers table on 800-word articles (``bench/run.py --only workers_800``)."""
    if not data:
        return []
    w = _get(data, "workers")
    rows = [
        "## Workers on 800-word articles (workers ahead of the writer)",
        "",
        "`bench/bench_pipeline.py --only workers --words 800`: a local dask cluster of 1 or 2",
        "worker processes, the writer on the client process (SQLite), batches of 64 with the",
        'workers two batches ahead (`prefetch=2`). "CPU stages alone" runs the workers\' share',
        "(parse, story vectors, extraction) with no writer; its ratio is the CPU-stage speed-up.",
        "",
        "| measure | 1 worker | 2 workers |",
        "|---|---|---|",
        f"| articles | {_get(data, 'n')} | {_get(data, 'n')} |",
        f"| CPU stages alone, articles/s | {_get(w, '1', 'cpu_stages_alone', 'articles_per_s')} "
        f"| {_get(w, '2', 'cpu_stages_alone', 'articles_per_s')} |",
        f"| end to end, articles/s | {_get(w, '1', 'articles_per_s')} "
        f"| {_get(w, '2', 'articles_per_s')} |",
        f"| extractions redone by the writer | {_get(w, '1', 'extractions_redone')} "
        f"| {_get(w, '2', 'extractions_redone')} |",
        f"| writer waiting for the workers, s | {_get(w, '1', 'writer_waited_seconds')} of "
        f"{_get(w, '1', 'seconds')} | {_get(w, '2', 'writer_waited_seconds')} of "
        f"{_get(w, '2', 'seconds')} |",
        f"| peak memory, client / one worker (MB) | {_get(w, '1', 'client_peak_rss_mb')} / "
        f"{_get(w, '1', 'worker_peak_rss_mb')} | {_get(w, '2', 'client_peak_rss_mb')} / "
        f"{_get(w, '2', 'worker_peak_rss_mb')} |",
        "",
        f"Speed-up 1 -> 2 workers: CPU stages {_get(w, 'speedup_cpu_stages')}, end to end "
        f"{_get(w, 'speedup_end_to_end')}. 2 workers one batch at a time (no prefetch): "
        f"{_get(w, '2_no_prefetch', 'articles_per_s')} articles/s end to end, so the workers "
        f"running ahead gain {_get(w, 'prefetch_gain_2_workers')}x.",
        "",
        "Only a quiet machine shows the 2-worker ratios: on a shared one the second worker",
        "competes for the core the writer and the first worker need (docs/scaling.md).",
        "",
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    for path in RESULTS.glob("*.json"):
        try:
            results[path.stem] = json.loads(path.read_text())
        except ValueError:
            continue  # a run still writing, or one that failed: not shown
    failed = []
    for name, argv in benchmarks(args.quick).items():
        if args.only and name not in args.only:
            continue
        print(f"bench: {name} ...", flush=True)
        data = run_one(name, argv)
        if "error" in data:
            failed.append(name)
            print(f"bench: {name} failed: {data['error']}", flush=True)
        results[name] = data
        (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2))
    if not args.no_doc and not args.quick:
        DOC.write_text(render(results), encoding="utf-8")
        print(f"wrote {DOC}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
