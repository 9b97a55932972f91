"""Crash safety: ingest killed with SIGKILL halfway loses nothing and half-writes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from sitrep.store import Article, Event, Mention, Store

PARAGRAPH = (
    "Rockets struck the {base} on {day}, the US-led coalition said, and {n} people were "
    "wounded. Kataib Hezbollah denied any role in the attack on the base in {province}."
)
BASES = [("Ain al-Asad air base", "Anbar"), ("Camp Taji", "Baghdad"), ("Harir base", "Erbil")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def write_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        base, province = BASES[i % len(BASES)]
        text = f"Attack report {i}\n\nPublished: 2024-01-{(i % 27) + 1:02d}\n\n" + "\n\n".join(
            PARAGRAPH.format(base=base, day=DAYS[(i + k) % 6], n=i + k, province=province)
            for k in range(3)
        )
        (folder / f"report-{i:03d}.txt").write_text(text, encoding="utf-8")


def ok_count(url: str) -> int:
    store = Store(url)
    try:
        with store.session() as s:
            return int(
                s.scalar(select(func.count()).select_from(Article).where(Article.status == "ok"))
                or 0
            )
    finally:
        store.dispose()


def test_pipeline_survives_sigkill_halfway(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40)
    Store(db_url).dispose()  # migrate before the race starts
    cmd = [sys.executable, "-m", "sitrep.cli", "ingest", str(corpus), "--db", db_url, "--quiet"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if ok_count(db_url) >= 5:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be killed: enlarge the corpus"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    stored_before = ok_count(db_url)
    assert 5 <= stored_before < 40

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr

    store = Store(db_url)
    with store.session() as s:
        articles = list(s.scalars(select(Article)))
        assert len(articles) == 40
        assert {a.status for a in articles} == {"ok"}
        assert len({a.source for a in articles}) == 40  # every article stored once
        # no half-written events: each has mentions, each mention points at a stored article
        for event in s.scalars(select(Event)):
            assert event.mentions, event.id
            assert event.source_count == len({m.article_id for m in event.mentions})
        pairs = s.execute(select(Mention.event_id, Mention.article_id, Mention.start)).all()
        assert len(pairs) == len(set(pairs))
    store.dispose()
