"""Peak memory and time of sitrep on hostile inputs, each in its own process under /usr/bin/time.

    .venv/bin/python bench/bench_hostile.py [--out bench/results/hostile.json] [--skip-budget]

Cases: a 2 MB gzip bomb as .warc.gz (2 GiB of zeros), a 2 GiB header line in a .warc.gz, a 1 GiB
JSON line, a 50 MB single-line document through ``sitrep extract``, and (unless --skip-budget) a
dense document that only the 30 s time budget stops, through ``sitrep extract``. Each case reads
with ``iter_items`` (the ingest's reader) or runs the CLI; /usr/bin/time -v gives the peak RSS.
Files are made in a temporary folder and removed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
READ = (
    "import sys; from sitrep.ingest.sources import iter_items\n"
    "items = [(i.source.rsplit('/', 1)[-1], i.error) for i in iter_items([sys.argv[1]])]\n"
    "print(len(items), items[:3])"
)
SENTENCE = (
    "On 3 March 2021 gunmen from the Islamic State attacked an army checkpoint near Kirkuk, "
    "killing four soldiers and wounding 12 civilians, while Kataib Hezbollah claimed the attack. "
)


def zeros_gzip(prefix: bytes, gib: int) -> bytes:
    member = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    return gzip.compress(prefix) + member * (gib * 16)


def measure(command: list[str]) -> dict[str, object]:
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=ROOT, timeout=900
    )
    wall = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return {
        "exit": result.returncode,
        "seconds": round(wall, 1),
        "peak_rss_mb": round(int(peak.group(1)) / 1024, 1) if peak else None,
        "output": (result.stdout.strip() or result.stderr.strip().splitlines()[0])[:300],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "hostile.json"))
    parser.add_argument("--skip-budget", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bomb = folder / "bomb.warc.gz"
        bomb.write_bytes(zeros_gzip(b"", 2))
        results["gzip bomb .warc.gz (2 MB -> 2 GiB)"] = measure([PY, "-c", READ, str(bomb)])
        bomb.unlink()
        header = folder / "header.warc.gz"
        header.write_bytes(zeros_gzip(b"WARC/1.0\r\nWARC-Type: response\r\nX: ", 2))
        results["2 GiB header line in .warc.gz"] = measure([PY, "-c", READ, str(header)])
        header.unlink()
        line = folder / "huge.jsonl"
        with line.open("wb") as handle:
            handle.write(b'{"text": "')
            chunk = b"A" * (1 << 20)
            for _ in range(1024):
                handle.write(chunk)
            handle.write(b'"}\n{"text": "Gunmen attacked a checkpoint near Gao."}\n')
        results["1 GiB JSON line"] = measure([PY, "-c", READ, str(line)])
        line.unlink()
        big = folder / "big.jsonl"
        big.write_text(json.dumps({"id": "big", "text": "A " * 25_000_000}) + "\n")
        results["50 MB document through sitrep extract"] = measure(
            [PY, "-m", "sitrep.cli", "extract", "-i", str(big), "-o", str(folder / "o.jsonl")]
        )
        if not args.skip_budget:
            dense = folder / "dense.jsonl"
            dense.write_text(json.dumps({"id": "dense", "text": SENTENCE * 1500}) + "\n")
            results["dense 250,000-character document through sitrep extract"] = measure(
                [PY, "-m", "sitrep.cli", "extract", "-i", str(dense), "-o", str(folder / "d.jsonl")]
            )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    for name, row in results.items():
        print(f"{name}: exit {row['exit']}, {row['seconds']} s, peak {row['peak_rss_mb']} MB")
        print(f"    {row['output']}")


if __name__ == "__main__":
    main()
