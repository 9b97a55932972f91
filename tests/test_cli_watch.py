"""`sitrep watch` end to end: a real feed on loopback HTTP, a real SQLite store, the real CLI."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store import Store
from sitrep.store.schema import Article

STORIES = {
    "/a1": "Three rockets struck Ain al-Asad air base in Anbar province on Saturday, officials said.",
    "/a2": "A drone attack targeted the Harir base near Erbil on Sunday, causing no casualties.",
    "/a3": "Gunmen opened fire on a checkpoint in Jurf al-Sakhar on Monday, killing two soldiers.",
}


class FeedHandler(BaseHTTPRequestHandler):
    """Serves three article pages and a feed that lists one more entry at every poll."""

    polls: ClassVar[int] = 0
    fetched: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed":
            type(self).polls += 1
            entries = "".join(
                f"<item><title>Story {n}</title><link>{base}/a{n}</link>"
                f"<guid isPermaLink='false'>tag:example.org,2024:{n}</guid>"
                f"<pubDate>Sun, 2{n} Jan 2024 09:00:00 +0000</pubDate></item>"
                for n in range(1, min(type(self).polls, 3) + 1)
            )
            body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Tigris Times</title>{entries}</channel></rss>"
            self.reply(body.encode(), "application/rss+xml")
        elif self.path in STORIES:
            type(self).fetched.append(self.path)
            page = f"<html><head><title>{self.path}</title></head><body><article><p>{STORIES[self.path]}</p><p>{STORIES[self.path]}</p></article></body></html>"
            self.reply(page.encode(), "text/html; charset=utf-8")
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def feed_url() -> Iterator[str]:
    FeedHandler.polls = 0
    FeedHandler.fetched = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed"
    httpd.shutdown()
    httpd.server_close()


def _articles(db: str) -> list[str]:
    store = Store(db)
    with store.session() as s:
        urls = sorted(s.scalars(select(Article.url).where(Article.status == "ok")))
    store.dispose()
    return [u.rsplit("/", 1)[1] for u in urls]


def test_watch_ingests_each_new_entry_once_across_polls_and_restarts(
    feed_url: str, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    runner = CliRunner()
    args = ["watch", feed_url, "--db", db, "--interval", "0", "--allow-private", "-q"]

    first = runner.invoke(app, [*args, "--rounds", "2"])
    assert first.exit_code == 0, first.output
    assert _articles(db) == ["a1", "a2"]
    assert FeedHandler.fetched == ["/a1", "/a2"]  # the second poll fetched only the new entry

    # A restarted watcher knows the stored entries by their links, though their guids are tags.
    second = runner.invoke(app, [*args, "--rounds", "1"])
    assert second.exit_code == 0, second.output
    assert _articles(db) == ["a1", "a2", "a3"]
    assert FeedHandler.fetched == ["/a1", "/a2", "/a3"]


def test_watch_reports_an_unreachable_feed_and_exits_1(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    # a loopback port nobody listens on
    with ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler) as probe:
        port = probe.server_address[1]
    result = CliRunner().invoke(
        app,
        ["watch", f"http://127.0.0.1:{port}/feed", "--db", db, "--rounds", "1", "--allow-private"],
    )
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}/feed" in result.output
    store = Store(db)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1  # the failure is recorded
    store.dispose()
