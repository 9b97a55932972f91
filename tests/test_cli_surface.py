"""The command line's surface: documented, exit codes, clear one-line errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import sitrep
from sitrep.docgen import cli_markdown

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def test_cli_reference_is_up_to_date() -> None:
    """docs/cli.md is generated from --help: regenerate with `make docs` when this fails."""
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_markdown()


def test_cli_public_api_is_pinned() -> None:
    assert sorted(sitrep.__all__) == sorted(
        [
            "Analysis", "ConfigError", "Document", "EventRecord", "ExportError",
            "ExtractionError", "FetchError", "IngestSummary", "InputError", "ParseError",
            "ParsedArticle", "Pipeline", "RawItem", "SitrepError", "Source", "Store",
            "StoreError", "__version__", "extract", "ingest",
        ]
    )  # fmt: skip
    for name in sitrep.__all__:
        assert getattr(sitrep, name) is not None


def test_cli_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"sitrep {sitrep.__version__}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--bogus"], "No such option: --bogus"),
        (["ingest"], "nothing to ingest"),
        (["ingest", "/no/such/path"], "cannot read /no/such/path"),
        (["status", "--db", "mysql://u@h/db"], "bad database URL"),
        (["status", "--db", "sqlite:////no/such/folder/x.db"], "does not exist"),
        (["export", "--table", "nope"], "--table must be events or articles"),
        (["report", "--from", "2024-13-01", "--to", "2024-01-31"], "is not a date"),
    ],
)
def test_cli_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sitrep: error:")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_status_on_a_fresh_database(tmp_path: Path) -> None:
    result = run("status", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.returncode == 0, result.stderr
    assert "articles: 0" in result.stdout
    assert (tmp_path / "s.db").exists()


def test_every_environment_variable_is_documented() -> None:
    """``SITREP_*`` settings are read through sitrep.config (the command line's option fallbacks
    excepted), and each is in docs/cli.md's table and in the packaged defaults file."""
    from sitrep.config import DEFAULTS_FILE, SETTINGS
    from sitrep.docgen import ENVIRONMENT

    documented = {name for name, _ in ENVIRONMENT}
    settings = {s.env for s in SETTINGS}
    source = ROOT / "src" / "sitrep"
    direct, fallbacks = set(), set()
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        direct |= set(re.findall(r"(?:environ\.get\(|environ\[|getenv\()\s*\"(SITREP_\w+)", text))
        fallbacks |= set(re.findall(r"envvar=\s*\"(SITREP_\w+)", text))
    assert {"SITREP_DB", "SITREP_HOST"} <= fallbacks  # the pattern finds real reads
    assert direct == set(), "read SITREP_* through sitrep.config.settings()"
    assert fallbacks <= settings
    assert settings - documented == set()
    defaults = DEFAULTS_FILE.read_text(encoding="utf-8")
    assert [s.env for s in SETTINGS if s.section and f"# {s.env}:" not in defaults] == []
