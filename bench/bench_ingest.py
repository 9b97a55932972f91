"""Ingest throughput: sitrep's parse_item against trafilatura alone on the same HTML pages.

Run: ``.venv/bin/python bench/bench_ingest.py [--rounds N] [folder]`` (default folder: the
sample corpus in src/sitrep/data/sample). Both sides get the same decoded pages in the same run;
trafilatura alone is ``bare_extraction(html, with_metadata=True)``. sitrep's parse_item also
decodes, reads JSON-LD/meta/time metadata, cleans the text, finds dates, reposts and language.
Target: sitrep costs at most 50% more time than trafilatura alone.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import trafilatura

from sitrep.ingest.parse import parse_item
from sitrep.models import RawItem

DEFAULT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "sample"


def pages(folder: Path) -> list[tuple[str, bytes]]:
    """Every .html/.htm page under ``folder`` as (name, bytes)."""
    return [(str(p), p.read_bytes()) for p in sorted(folder.rglob("*.htm*")) if p.is_file()]


def run(folder: Path, rounds: int) -> dict[str, float]:
    """Seconds per page for both sides (best of ``rounds``) and the overhead ratio."""
    corpus = pages(folder)
    if not corpus:
        raise SystemExit(f"no HTML pages under {folder}")
    texts = [raw.decode("utf-8", errors="replace") for _, raw in corpus]
    parse_item(
        RawItem(source=corpus[0][0], raw=corpus[0][1], media_type="html")
    )  # warm caches (langdetect profiles)
    trafilatura.bare_extraction(texts[0], with_metadata=True)
    best_t = best_s = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
        best_t = min(best_t, time.perf_counter() - start)
        start = time.perf_counter()
        for name, raw in corpus:
            parse_item(RawItem(source=name, raw=raw, media_type="html"))
        best_s = min(best_s, time.perf_counter() - start)
    count = len(corpus)
    return {
        "pages": count,
        "trafilatura_ms_per_page": round(1000 * best_t / count, 2),
        "sitrep_ms_per_page": round(1000 * best_s / count, 2),
        "sitrep_pages_per_s": round(count / best_s, 1),
        "overhead": round(best_s / best_t - 1, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(run(args.folder, args.rounds), indent=2))


if __name__ == "__main__":
    main()
