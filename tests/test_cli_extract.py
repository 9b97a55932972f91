"""`sitrep extract`: stateless JSON-lines documents in, analyses out, bad lines reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DOCS = [
    {
        "id": "taji",
        "published": "2020-03-12",
        "title": "Rockets hit Camp Taji",
        "text": "Rockets struck Camp Taji north of Baghdad on Wednesday, killing two American "
        "soldiers and a British soldier, the coalition said.",
    },
    {
        "id": "undated",
        "text": "Gunmen attacked a checkpoint near Tarmiyah on Monday, killing two soldiers.",
    },
]

ANALYSIS_KEYS = {"id", "published", "language", "entities", "timexes", "places", "events"}


def run_extract(lines: list[str], tmp_path: Path) -> tuple[int, list[dict[str, object]], str]:
    src = tmp_path / "in.jsonl"
    dst = tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "extract", "-i", str(src), "-o", str(dst)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines() if line]
    return proc.returncode, out, proc.stderr


def test_cli_extract_writes_one_analysis_per_document(tmp_path: Path) -> None:
    code, out, err = run_extract([json.dumps(d) for d in DOCS], tmp_path)
    assert code == 0, err
    assert [a["id"] for a in out] == ["taji", "undated"]
    for analysis in out:
        assert set(analysis) >= ANALYSIS_KEYS
    taji = out[0]
    assert taji["events"], "the Camp Taji attack is an event"
    event = taji["events"][0]
    assert event["event_date"] == "2020-03-11"
    source = event["sources"][0]
    assert DOCS[0]["text"][source["start"] : source["end"]] == source["sentence"]
    # an undated article's "on Monday" cannot be pinned: no date, never invented
    for event in out[1]["events"]:
        assert event["event_date"] is None
        assert event["date_precision"] is None


def test_cli_extract_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    code, out, err = run_extract(
        ["{not json", json.dumps({"id": "x"}), json.dumps(DOCS[0])], tmp_path
    )
    assert code == 1
    assert "line 1" in err and "not valid JSON" in err
    assert "line 2" in err and "text" in err
    assert out[-1]["id"] == "taji" and out[-1]["events"]
