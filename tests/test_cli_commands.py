"""The CLI commands over a real SQLite store: export -> import -> compare, actors, report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.serve.demo import fill_demo
from sitrep.store import Store


def sitrep(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store(url)
    fill_demo(store)
    store.dispose()
    return url


def test_cli_export_import_compare_round_trip(db: str, tmp_path: Path) -> None:
    csv = tmp_path / "events.csv"
    assert sitrep("export", "--format", "acled-csv", "-o", str(csv), "--db", db).returncode == 0
    imported = sitrep("import", str(csv), "--as", "reference", "--db", db, "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["imported"] > 0
    result = sitrep("compare", "--reference", str(csv), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "matched" in result.stdout.lower()
    both = sitrep("compare", "--db", db)
    assert both.returncode == 2 and "exactly one of" in both.stderr


def test_cli_actors_list_and_merge(db: str) -> None:
    listed = sitrep("actors", "list", "--db", db, "--json")
    assert listed.returncode == 0, listed.stderr
    names = {row["name"] for row in json.loads(listed.stdout)}
    assert "Kataib Hezbollah" in names
    merged = sitrep("actors", "merge", "Kataib Hezbollah", "Hezbollah Brigades (test)", "--db", db)
    assert merged.returncode == 0, merged.stderr
    after = {
        row["name"] for row in json.loads(sitrep("actors", "list", "--db", db, "--json").stdout)
    }
    assert "Kataib Hezbollah" not in after and "Hezbollah Brigades (test)" in after


def test_cli_report_writes_html(db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = sitrep(
        "report", "--from", "2019-01-01", "--to", "2024-12-31", "-o", str(out), "--db", db
    )
    assert result.returncode == 0, result.stderr
    assert "<svg" in out.read_text(encoding="utf-8")
