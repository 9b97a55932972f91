"""Hostile archives and JSON lines: bounded memory, one failure per bad record, the rest goes on.

Each case is built here (nothing big is committed). The resource cases run ``iter_items`` in a
child process under an address-space limit, so a reader without its bound dies there (and the
test fails) instead of taking the machine's memory; the structural cases go through
``sitrep ingest`` as a subprocess on a real SQLite file.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import textwrap
import tracemalloc
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from sitrep.ingest.fetch import DEFAULT_MAX_BYTES
from sitrep.ingest.sources import iter_items
from sitrep.store import Article, Store

REPORT = (
    "Gunmen attacked a police checkpoint near Gao on Tuesday, killing three officers, "
    "the regional governor said. The attackers fled on motorbikes."
)


def page(title: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<meta name="date" content="2023-05-02"></head><body><article>'
        f"<h1>{title}</h1><p>{REPORT}</p><p>{REPORT}</p></article></body></html>"
    ).encode()


def record(body: bytes, record_id: str, uri: str | None = "https://news.example.org/a") -> bytes:
    """One WARC/1.0 response record carrying an HTTP 200 HTML response."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    target = f"WARC-Target-URI: {uri}\r\n" if uri else ""
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Date: 2023-05-02T10:00:00Z\r\n{target}"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def zeros_gzip(prefix: bytes, gib: float) -> bytes:
    """``prefix`` then ``gib`` GiB of zero bytes (no newline), as gzip members of 64 MiB each:
    about 65 KB per member, so 2 GiB is a 2 MB file."""
    member = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    return gzip.compress(prefix) + member * int(gib * 16)


LIMITED_ITER = textwrap.dedent(
    """
    import json, resource, sys
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from sitrep.ingest.sources import iter_items
    out = [(i.source.rsplit('/', 1)[-1], i.error, len(i.raw)) for i in iter_items([sys.argv[1]])]
    print(json.dumps(out))
    """
)


def iterate_limited(path: Path, limit: int = 1536 << 20) -> list[list[object]]:
    """``iter_items`` over ``path`` in a child process that may map at most ``limit`` bytes."""
    result = subprocess.run(
        [sys.executable, "-c", LIMITED_ITER, str(path), str(limit)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    items: list[list[object]] = json.loads(result.stdout)
    return items


@pytest.mark.slow
def test_reliability_gzip_bomb_warc_is_refused_within_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(zeros_gzip(b"", 2))
    assert bomb.stat().st_size < 3_000_000
    items = iterate_limited(bomb)
    assert items, "the bomb vanished without a failure"
    assert all(error for _, error, _ in items), items
    assert any("once decompressed" in str(error) for _, error, _ in items), items


@pytest.mark.slow
def test_reliability_2_gib_header_line_is_a_named_failure(tmp_path: Path) -> None:
    good = record(page("Gao checkpoint"), "good-0")
    path = tmp_path / "longline.warc.gz"
    path.write_bytes(gzip.compress(good) + zeros_gzip(b"WARC/1.0\r\nWARC-Type: response\r\nX: ", 2))
    items = iterate_limited(path)
    names = {name: error for name, error, _ in items}
    assert names["longline.warc.gz#urn:uuid:good-0"] is None
    assert re.search(r"a header line longer than \d+ bytes", str(names)), items
    assert len(items) >= 2


def test_reliability_json_line_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 100 MB line (10x the cap) costs no more than the cap: it is never held whole."""
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"title": "a", "text": REPORT}).encode() + b"\n")
        handle.write(b'{"text": "')
        chunk = b"A" * (1 << 20)
        for _ in range(100):
            handle.write(chunk)
        handle.write(b'"}\n')
        handle.write(json.dumps({"title": "b", "text": REPORT}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = [(i.source, i.error, len(i.raw)) for i in iter_items([str(path)])]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [s.rsplit("#", 1)[1] for s, _, _ in items] == ["1", "2", "3"]
    assert items[0][1] is None and items[2][1] is None
    size = 100 * (1 << 20) + len('{"text": ""}')
    assert items[1][1] == f"too large ({size} bytes > limit {DEFAULT_MAX_BYTES})"
    assert peak < 3 * DEFAULT_MAX_BYTES, peak


def test_reliability_warc_record_without_target_uri_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "nouri.warc"
    path.write_bytes(
        record(page("First"), "a-0")
        + record(page("No address"), "a-1", uri=None)
        + record(page("Third"), "a-2")
    )
    items = {i.source.rsplit("#", 1)[1]: i for i in iter_items([str(path)])}
    assert items["urn:uuid:a-0"].error is None
    assert items["urn:uuid:a-2"].error is None
    assert items["urn:uuid:a-1"].error == (
        "malformed WARC record (a response record without WARC-Target-URI)"
    )


def test_reliability_bad_content_length_does_not_skip_later_records(tmp_path: Path) -> None:
    bad = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\n<html>garbage</html>\r\n\r\n"
    huge = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\nshort\r\n\r\n"
    path = tmp_path / "badlength.warc"
    path.write_bytes(record(page("First"), "b-0") + bad + record(page("After"), "b-1"))
    items = [(i.source.rsplit("#", 1)[1], i.error) for i in iter_items([str(path)])]
    assert items == [
        ("urn:uuid:b-0", None),
        ("record2", "malformed WARC record (Content-Length '12x' is not a number)"),
        ("urn:uuid:b-1", None),
    ]
    # the same in a gzip of one member per record
    gz = tmp_path / "badlength.warc.gz"
    gz.write_bytes(
        b"".join(
            gzip.compress(r) for r in (record(page("F"), "c-0"), bad, record(page("A"), "c-1"))
        )
    )
    assert [i.error is None for i in iter_items([str(gz)])] == [True, False, True]
    # a declared length far past the file: cut short, named
    cut = tmp_path / "cut.warc"
    cut.write_bytes(record(page("First"), "d-0") + huge)
    errors = [i.error for i in iter_items([str(cut)])]
    assert errors[0] is None and "cut short" in str(errors[1]), errors


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"just some words\nand more words\n", "malformed WARC record (not a WARC record"),
        (b"\x00\x01\x02" * 1000, "malformed WARC record (not a WARC record"),
        (gzip.compress(b"hello, not a warc\n"), "malformed WARC record (not a WARC record"),
        (b"\x1f\x8b\x08\x00garbage after a gzip magic", "malformed WARC record (not gzip data"),
        (zlib.compress(b"WARC/1.0\r\n"), "malformed WARC record (not a WARC record"),
    ],
)
def test_reliability_empty_or_garbage_warc_is_a_named_failure(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "x.warc"
    path.write_bytes(content)
    items = list(iter_items([str(path)]))
    assert items, "nothing came out: neither an item nor a failure"
    assert all(i.error for i in items)
    assert items[0].error is not None and items[0].error.startswith(reason), items[0].error


@pytest.mark.slow
def test_reliability_damaged_warcs_leave_the_good_records_stored(tmp_path: Path) -> None:
    """Through ``sitrep ingest``: every damaged record is a failure, every good one an article."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nouri.warc").write_bytes(
        record(page("Gao one"), "n-0") + record(page("No URI"), "n-1", uri=None)
    )
    bad = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\nxx\r\n\r\n"
    (folder / "badlength.warc").write_bytes(bad + record(page("Gao two"), "l-1"))
    (folder / "empty.warc").write_bytes(b"")
    (folder / "garbage.warc").write_bytes(b"not an archive at all\n")
    (folder / "report.txt").write_text("Attack near Gao\n\n" + REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "ingest", str(folder), "--db", url, "--no-extract"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    failed = {
        line.removeprefix("failed: ").split(": ", 1)[0].rsplit("/", 1)[1]
        for line in result.stderr.splitlines()
        if line.startswith("failed: ")
    }
    assert failed == {
        "nouri.warc#urn:uuid:n-1",
        "badlength.warc#record1",
        "empty.warc",
        "garbage.warc#record1",
    }
    store = Store(url)
    with store.session() as s:
        ok = {a.source.rsplit("/", 1)[1] for a in s.scalars(select(Article)) if a.status == "ok"}
        pending = [a.source for a in s.scalars(select(Article)) if a.status == "pending"]
    store.dispose()
    assert ok == {"nouri.warc#urn:uuid:n-0", "badlength.warc#urn:uuid:l-1", "report.txt"}
    assert pending == []
