"""Progress for long runs: a bar with a total and ETA on a terminal, periodic lines off one.

``sitrep ingest`` counts its work before it starts where that is cheap (files in folders, lines
of JSON-lines files, one per file or URL; feeds make the total unknown), then reports each item
as the pipeline finishes it:

* on a terminal, a rich progress bar: done/total, rate, elapsed time and time remaining;
* elsewhere (a log file, a pipe, a CI job), one line on stderr every :data:`LINE_SECONDS`
  seconds: ``progress: 1200/5000 items (24 %), 40.2 items/s, 3 failed, about 1m35s left``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

__all__ = ["LINE_SECONDS", "LineProgress", "count_inputs", "format_seconds"]

#: Seconds between two progress lines off a terminal.
LINE_SECONDS = 10.0


def count_inputs(inputs: Iterable[str], *, feeds: int = 0) -> int | None:
    """How many items ``inputs`` hold, or None when that cannot be known cheaply (feeds, URLs
    of feeds, WARC archives). Folders count the files sitrep reads; JSON-lines files their
    non-blank lines; any other file or URL one."""
    from sitrep.ingest.sources import folder_skip_reason

    if feeds:
        return None
    total = 0
    for entry in inputs:
        if "://" in entry:
            total += 1
            continue
        path = Path(entry)
        files = (
            [p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p, path)]
            if path.is_dir()
            else [path]
        )
        for file in files:
            if path.is_dir() and folder_skip_reason(file) is not None:
                continue
            name = file.name.lower()
            if name.endswith((".warc", ".warc.gz", ".rss", ".atom", ".json")):
                return None  # several articles each, unknown without reading them
            if name.endswith((".jsonl", ".ndjson")):
                total += _count_lines(file)
            else:
                total += 1
    return total


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _count_lines(path: Path) -> int:
    count = 0
    try:
        with path.open("rb") as handle:
            for line in handle:
                if line.strip():
                    count += 1
    except OSError:
        return 1
    return count


def format_seconds(seconds: float) -> str:
    """``95`` -> ``1m35s``; ``3700`` -> ``1h01m``."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class LineProgress:
    """Periodic progress lines for a run off a terminal (``tick`` once per finished item)."""

    def __init__(
        self,
        total: int | None,
        *,
        every: float = LINE_SECONDS,
        stream: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        what: str = "items",
    ) -> None:
        self.total = total
        self.every = every
        self.stream = stream or sys.stderr
        self.clock = clock
        self.what = what
        self.started = clock()
        self.last = self.started
        self.done = 0
        self.failed = 0

    def tick(self, outcome: Any = None) -> None:
        self.done += 1
        if outcome is not None and getattr(outcome, "status", None) == "failed":
            self.failed += 1
        now = self.clock()
        if now - self.last >= self.every:
            self.last = now
            self.write()

    def line(self) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            share = min(100, round(100 * self.done / self.total))
            head = f"{self.done}/{self.total} {self.what} ({share} %)"
        else:
            head = f"{self.done} {self.what}"
        parts = [head, f"{rate:.1f} {self.what}/s", f"{self.failed} failed"]
        if self.total and rate > 0 and self.done < self.total:
            parts.append(f"about {format_seconds((self.total - self.done) / rate)} left")
        return "progress: " + ", ".join(parts)

    def write(self) -> None:
        self.stream.write(self.line() + "\n")
        self.stream.flush()


def on_terminal(stream: IO[str] | None = None) -> bool:
    """Whether progress should be a live bar (a terminal, and not forced off by TERM=dumb)."""
    stream = stream or sys.stderr
    return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
