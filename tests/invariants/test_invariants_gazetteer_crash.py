"""SIGKILL during a gazetteer rebuild: the index in place stays whole and usable.

A rebuild writes to a file of its own and renames it over the index only when complete. Here a
child process rebuilds onto an existing index and is killed with SIGKILL while its partial file
grows; the index is then byte-identical to before, passes ``PRAGMA integrity_check`` and answers
lookups. (Resuming is running the build again: a leftover partial file has a name of its own and
is never read. A full rebuild takes about a minute on the test machine, so it is not repeated
here; ``tests/test_resolve_gazetteer_pack.py`` covers a build that fails in-process.)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.resolve.gazetteer import Gazetteer

BUILD = (
    "import sys\n"
    "from sitrep.resolve.gazetteer_build import build_index\n"
    "build_index(sys.argv[1], cities='cities15000')\n"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_invariant_sigkill_during_gazetteer_rebuild(gaz: Gazetteer, tmp_path: Path) -> None:
    index = tmp_path / "gazetteer.sqlite"
    shutil.copy(gaz.path, index)
    before = digest(index)
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(index)],
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 240
    grown = False
    while time.monotonic() < deadline and proc.poll() is None:
        partial = list(tmp_path.glob("gazetteer.*.partial"))
        if partial and partial[0].stat().st_size > 1_000_000:  # well into the build
            grown = True
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert grown, "the build never got going" + (proc.stderr.read().decode() if proc.stderr else "")
    assert digest(index) == before
    with sqlite3.connect(index) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    reopened = Gazetteer(index)
    assert reopened.lookup("Baghdad"), "the index in place no longer answers"
