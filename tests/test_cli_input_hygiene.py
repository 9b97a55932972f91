"""Input hygiene: folder ingest reads only documents and says what it skipped; --db must be a
database; output files get the format their suffix names or are refused; a successful re-fetch
clears its old failure. Real CLI in a subprocess, real SQLite stores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from sitrep.ingest.sources import folder_skip_reason
from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.store import Article, Store

NEWS = (
    "BAGHDAD - Rockets struck Camp Taji north of Baghdad on Wednesday, killing two soldiers, "
    "officials said. No group claimed the attack."
)


def sitrep(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def test_folder_ingest_reads_documents_and_reports_what_it_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "taji.txt").write_text(NEWS, encoding="utf-8")
    (folder / "tool.py").write_text("def attack():\n    return 'rockets hit the base'\n")
    (folder / "README.md").write_text("# Sample\nRockets struck the base, killing two.\n")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    db = f"sqlite:///{tmp_path / 'a.db'}"
    done = sitrep("ingest", str(folder), "--db", db, "--no-extract", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["items"] == 1
    reasons = {Path(s["source"]).name: s["reason"] for s in summary["skipped"]}
    assert set(reasons) == {"tool.py", "README.md", "photo.png"}
    assert ".py is not a document type" in reasons["tool.py"]
    assert "project file" in reasons["README.md"]
    # the plain summary says it too
    again = sitrep("ingest", str(folder), "--db", db, "--no-extract")
    assert "skipped: " in again.stderr and "tool.py" in again.stderr
    assert "3 files skipped" in again.stdout


def test_a_file_named_on_its_own_is_read_whatever_its_suffix() -> None:
    assert folder_skip_reason(Path("notes.py")) is not None
    assert folder_skip_reason(Path("story.html")) is None
    assert folder_skip_reason(Path("crawl.warc.gz")) is None


def test_db_option_must_be_a_database(tmp_path: Path) -> None:
    done = sitrep("status", "--db", "notaurl", cwd=tmp_path)
    assert done.returncode == 2
    assert "not a database URL" in done.stderr
    assert not (tmp_path / "notaurl").exists()
    ok = sitrep("status", "--db", "fresh.db", cwd=tmp_path)  # a .db path is a SQLite file
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "fresh.db").exists()


def test_outputs_follow_their_suffix_or_are_refused(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    Store(db).dispose()
    pdf = tmp_path / "x.pdf"
    done = sitrep(
        "report", "--from", "2024-01-01", "--to", "2024-01-31", "-o", str(pdf), "--db", db
    )
    assert done.returncode == 2 and "as .pdf" in done.stderr
    assert not pdf.exists()
    xlsx = tmp_path / "events.xlsx"
    assert sitrep("export", "-o", str(xlsx), "--db", db).returncode == 2
    assert not xlsx.exists()
    clash = sitrep("export", "-f", "jsonl", "-o", str(tmp_path / "e.csv"), "--db", db)
    assert clash.returncode == 2 and "does not go in a .csv" in clash.stderr
    csv_out = tmp_path / "events.csv"
    assert sitrep("export", "-o", str(csv_out), "--db", db).returncode == 0
    assert csv_out.read_text(encoding="utf-8").startswith("event_id_cnty,event_date")
    md = tmp_path / "r.md"
    made = sitrep("report", "--from", "2024-01-01", "--to", "2024-01-31", "-o", str(md), "--db", db)
    assert made.returncode == 0, made.stderr
    assert not md.read_text(encoding="utf-8").lstrip().startswith("<")


def test_a_successful_refetch_clears_its_old_failure(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    url = "https://news.example/taji"
    pipeline = Pipeline(store, extract=False, stories=False)
    first = pipeline.ingest([RawItem(source=url, raw=b"", error="timed out")])
    assert first.failed == 1
    second = pipeline.ingest([RawItem(source=url, raw=NEWS.encode(), media_type="text")])
    assert second.failed == 0 and second.new == 1
    with store.session() as s:
        rows = list(s.scalars(select(Article).where(Article.source == url)))
    assert [r.status for r in rows] == ["ok"]
    store.dispose()
