"""Gazetteer index: size, load time, lookup and geoparse speed, memory (prints one JSON object).

Runs on what a fresh install has (the installed index, the sample corpus), never shared data:

* the index file's size, its places and name keys, places per country of the Middle East pack;
* opening the index and the first lookup (a process's cold start);
* exact-name lookups with the candidate cache cleared each time (an SQLite index seek), and
  misspelt names that fall back to near-miss keys (a range scan plus rapidfuzz);
* geoparse over the sample corpus's sentences, cold (fresh Gazetteer) and warm;
* peak RSS of the process. ``--build`` also times a full index build into a temporary file
  (and reports the build's peak RSS apart).

    .venv/bin/python bench/bench_gazetteer.py [--build]
"""

from __future__ import annotations

import json
import re
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.gazetteer_build import build_index, default_index_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "sitrep" / "data" / "sample"
EXACT = ["Mosul", "Aleppo", "Idlib", "Kirkuk", "Sfuhen", "Paris", "London", "Tikrit", "Erbil",
         "Al Bab", "Qamishli", "Sanaa", "Hodeidah", "Tyre", "Van", "Baghdad"]  # fmt: skip
MISSPELT = [
    "Kirkouk",
    "Mossul",
    "Aleppoo",
    "Tikreet",
    "Qamishly",
    "Hodeida",
    "Falloujah",
    "Ramadee",
]


def _sentences() -> list[str]:
    texts = []
    for path in sorted(SAMPLE.rglob("*")):
        if path.suffix in {".txt", ".html", ".md"} and path.is_file():
            text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8", errors="replace"))
            texts.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 30)
    return texts


def main(argv: list[str]) -> None:
    path = default_index_path()
    if not path.exists():
        Gazetteer.default()
    started = time.perf_counter()
    gazetteer = Gazetteer(path)
    gazetteer.lookup("Baghdad")
    open_s = time.perf_counter() - started
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    per_country = dict(
        db.execute(
            "SELECT iso, count(*) FROM places WHERE iso IN ('SY','IQ','YE','LB','JO','IR','TR') "
            "GROUP BY iso ORDER BY iso"
        ).fetchall()
    )
    result: dict[str, object] = {
        "index_mb": round(path.stat().st_size / 1e6, 1),
        "places": db.execute("SELECT count(*) FROM places").fetchone()[0],
        "name_keys": db.execute("SELECT count(*) FROM names").fetchone()[0],
        "pack_places": db.execute(
            "SELECT count(*) FROM places WHERE source IN ('wof', 'ucdp', 'opensyria')"
        ).fetchone()[0],
        "places_per_country": per_country,
        "open_and_first_lookup_s": round(open_s, 3),
    }
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for name in EXACT:
            gazetteer._candidate_cache.clear()  # noqa: SLF001 - measure the SQLite seek itself
            gazetteer.lookup(name, limit=1)
    result["exact_lookup_ms"] = round(
        1000 * (time.perf_counter() - started) / (rounds * len(EXACT)), 3
    )
    started = time.perf_counter()
    for _ in range(3):
        for name in MISSPELT:
            gazetteer._candidate_cache.clear()  # noqa: SLF001
            gazetteer.lookup(name, limit=1)
    result["fuzzy_lookup_ms"] = round(
        1000 * (time.perf_counter() - started) / (3 * len(MISSPELT)), 2
    )
    sentences = _sentences()
    if sentences:
        cold = Gazetteer(path)
        started = time.perf_counter()
        for sentence in sentences:
            cold.geoparse(sentence)
        first = time.perf_counter() - started
        started = time.perf_counter()
        for sentence in sentences:
            cold.geoparse(sentence)
        second = time.perf_counter() - started
        result["geoparse_sentences"] = len(sentences)
        result["geoparse_sentences_per_s_cold"] = round(len(sentences) / first, 1)
        result["geoparse_sentences_per_s_warm"] = round(len(sentences) / second, 1)
    # the lookup and geoparse process's memory (SQLite pages are read on demand, not loaded)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if "--build" in argv:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            build_index(Path(tmp) / "g.sqlite")
            result["build_s"] = round(time.perf_counter() - started, 1)
        result["build_peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
