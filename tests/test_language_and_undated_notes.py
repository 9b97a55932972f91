"""Articles the coder cannot read say so (language not coded yet) and undated articles say
why, in the ingest summary, `status`, the article export, the API's article view and
`extract`. Real pipeline, real SQLite store, the real CLI for `extract`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from sitrep.export import export_articles
from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.serve.data import article_detail
from sitrep.status import store_status
from sitrep.store import Store

ARABIC = (
    "قالت مصادر أمنية عراقية إن صواريخ سقطت على قاعدة عين الأسد الجوية في محافظة الأنبار "
    "مساء السبت، دون أن تسفر عن إصابات. ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، "
    "فيما فتحت القوات الأمنية تحقيقا في الحادث."
)
ENGLISH_UNDATED = (
    "Gunmen killed three shepherds in a village south of Kirkuk, a police officer told "
    "reporters. The officer blamed Islamic State remnants active in the area."
)


def test_not_coded_language_and_undated_reason_are_shown(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    summary = Pipeline(store, stories=False).ingest(
        [
            RawItem(source="ar.txt", raw=ARABIC.encode(), media_type="text"),
            RawItem(source="en.txt", raw=ENGLISH_UNDATED.encode(), media_type="text"),
        ]
    )
    assert summary.languages_not_coded == {"ar": 1}
    assert summary.as_dict()["languages_not_coded"] == {"ar": 1}

    status = store_status(store)
    assert status["languages_not_coded"] == {"ar": 1}
    assert "language ar (Arabic) is not coded yet" in status["text"]
    assert status["undated"] == 2 and sum(status["undated_reasons"].values()) == 2
    assert "undated" in status["text"]

    out = io.StringIO()
    export_articles(store, "jsonl", out)
    rows = {r["source"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert rows["ar.txt"]["language"] == "ar"
    assert "not coded yet" in rows["ar.txt"]["language_note"]
    assert rows["en.txt"]["language_note"] is None
    assert rows["en.txt"]["published_missing_reason"]

    with store.session() as s:
        view = article_detail(s, rows["ar.txt"]["article_id"], analyse=False)["article"]
    assert "not coded yet" in view["language_note"]
    assert view["published_missing_reason"]
    store.dispose()


def test_extract_reports_the_documents_language(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "ar1", "text": ARABIC}) + "\n"
        + json.dumps({"id": "en1", "text": ENGLISH_UNDATED}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "extract", "-i", str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = {d["id"]: d for d in map(json.loads, done.stdout.splitlines())}
    assert lines["ar1"]["language"] == "ar"
    assert "not coded yet" in lines["ar1"]["language_note"]
    assert lines["en1"]["language"] == "en" and "language_note" not in lines["en1"]
