"""``sitrep extract`` and the time budget: a bad line fails alone, and the 30 s budget holds on
any thread (the API runs extraction in a worker thread, dask in worker threads), not only on the
main one."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import sitrep.workers as workers
from sitrep.extract_cli import run_extract
from sitrep.models import Analysis, Document
from sitrep.workers import extract_document

REPORT = (
    "Gunmen attacked a police checkpoint near Gao on Tuesday, killing three officers, "
    "the regional governor said."
)
EVENT_SENTENCE = (
    "On 3 March 2021 gunmen from the Islamic State attacked an army checkpoint near Kirkuk, "
    "killing four soldiers and wounding 12 civilians, while Kataib Hezbollah claimed the attack. "
)
#: Far over the lowered budgets below (the default extractor needs many seconds for it).
PATHOLOGICAL = EVENT_SENTENCE * 1000


def good_line(doc_id: str) -> bytes:
    return json.dumps({"id": doc_id, "text": REPORT, "published": "2023-05-02"}).encode() + b"\n"


@pytest.mark.slow
def test_reliability_extract_bad_lines_fail_alone(tmp_path: Path) -> None:
    """Invalid UTF-8, binary, a lone surrogate and a line over the cap: each a named error on
    its own line of output; the good lines before and after are extracted."""
    lines = [
        good_line("first"),
        b'{"id": "latin1", "text": "Caf\xe9 attack in Gao \xff\xfe"}\n',
        b"\x00\x01\x02\x89PNG\r\n",
        b'{"id": "surrogate", "text": "Attack near Gao \\ud800 today"}\n',
        b'{"id": "huge", "text": "' + b"A" * 10_000_001 + b'"}\n',
        good_line("last"),
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(lines))
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "extract", "-i", str(source), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1, result.stderr[-3000:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("line") for r in rows] == [None, 2, 3, 4, 5, None]
    assert rows[0]["id"] == "first" and rows[0]["events"]
    assert rows[5]["id"] == "last" and rows[5]["events"]
    assert rows[1]["error"].startswith("line 2: not valid UTF-8")
    assert rows[2]["error"].startswith("line 3: not valid UTF-8")
    assert rows[3]["error"] == "line 4: a lone surrogate in 'text' (not valid Unicode)"
    assert rows[4]["error"] == "line 5: too large (10000027 bytes > limit 10000000)"
    for number in (2, 3, 4, 5):
        assert f"line {number}" in result.stderr


def in_thread(doc: Document, budget: float) -> Analysis:
    """``extract_document`` on a thread that is not the main one, as the API's worker runs it."""
    result: list[Analysis] = []
    worker = threading.Thread(target=lambda: result.append(extract_document(doc, budget=budget)))
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive()
    return result[0]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_reliability_budget_holds_on_a_worker_thread() -> None:
    assert threading.current_thread() is threading.main_thread()
    slow = in_thread(Document(id="slow", text=PATHOLOGICAL), budget=0.5)
    assert slow.error == "extraction exceeded its time budget of 0.5 s"
    assert not slow.events
    # the thread's next document is not hit by a late interruption
    after = in_thread(Document(id="next", text=REPORT), budget=30)
    assert after.error is None and after.events


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_reliability_extract_applies_the_budget_and_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``run_extract`` (what ``sitrep extract`` runs) gives up on the slow document, says why,
    and extracts the next; from a worker thread too."""
    monkeypatch.setattr(workers, "DOCUMENT_BUDGET_SECONDS", 0.5)
    src = io.BytesIO(
        json.dumps({"id": "slow", "text": PATHOLOGICAL}).encode() + b"\n" + good_line("after")
    )
    dst = io.StringIO()
    errors: list[tuple[str, str]] = []
    failed: list[int] = []

    def run() -> None:
        failed.append(run_extract(src, dst, on_error=lambda w, r: errors.append((w, r))))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=300)
    assert failed == [1]
    rows = [json.loads(line) for line in dst.getvalue().splitlines()]
    assert rows[0]["id"] == "slow"
    assert rows[0]["error"] == "extraction exceeded its time budget of 0.5 s"
    assert rows[1]["id"] == "after" and rows[1]["events"]
    assert errors == [("document slow", "extraction exceeded its time budget of 0.5 s")]
