"""Progress: totals and ETA lines off a terminal, a counted total, `watch` logging each poll,
-h and examples in --help. Real CLI (subprocess and typer's runner), loopback HTTP feed."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.progress import LineProgress, count_inputs, format_seconds
from test_cli_watch import FeedHandler, feed_url  # noqa: F401  (the loopback feed fixture)

NEWS = (
    "Rockets struck Camp Taji north of Baghdad on Wednesday, killing two soldiers, officials "
    "said. No group claimed the attack."
)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_line_progress_writes_a_line_per_period_with_eta() -> None:
    clock, stream = Clock(), io.StringIO()
    progress = LineProgress(4, every=10, stream=stream, clock=clock)
    for when in (1.0, 5.0, 12.0):
        clock.now = when
        progress.tick()
    lines = stream.getvalue().splitlines()
    assert lines == ["progress: 3/4 items (75 %), 0.2 items/s, 0 failed, about 4s left"]
    assert format_seconds(95) == "1m35s" and format_seconds(3700) == "1h01m"


def test_count_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NEWS)
    (tmp_path / "b.md").write_text(NEWS)
    (tmp_path / "README.md").write_text("not news")
    (tmp_path / "more.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n')
    assert count_inputs([str(tmp_path)]) == 5
    assert count_inputs([str(tmp_path / "a.txt"), "https://example.org/x"]) == 2
    assert count_inputs([str(tmp_path)], feeds=1) is None


def test_ingest_off_a_terminal_prints_progress_lines(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(NEWS.replace("two", str(n + 2)))
    db = f"sqlite:///{tmp_path / 'a.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "ingest", str(tmp_path), "--db", db, "--no-extract"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "progress: 3/3 items (100 %)" in done.stderr


def test_watch_logs_every_poll(feed_url: str, tmp_path: Path) -> None:  # noqa: F811
    db = f"sqlite:///{tmp_path / 'w.db'}"
    args = ["watch", feed_url, "--db", db, "--interval", "0", "--allow-private", "--rounds", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"poll 1: {feed_url}: 1 new entries" in result.output
    assert f"poll 2: {feed_url}: 1 new entries" in result.output


def test_short_help_and_examples_everywhere() -> None:
    runner = CliRunner()
    for command in (["ingest"], ["export"], ["watch"], ["report"], ["gazetteer"], ["status"]):
        result = runner.invoke(app, [*command, "-h"])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output
    assert "Examples:" in runner.invoke(app, ["ingest", "--help"]).output
