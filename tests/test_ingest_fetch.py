"""fetch, iter_feed and poll_feeds against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from sitrep.errors import FetchError
from sitrep.ingest.fetch import FetchOptions, check_url, fetch
from sitrep.ingest.parse import parse_item
from sitrep.ingest.sources import iter_feed, iter_items, poll_feeds

STORY = (
    "Several rockets struck Ain al-Asad air base in western Iraq on Saturday, Iraqi security "
    "officials said, adding that there were no casualties among the personnel stationed there."
)
PAGE = f"<html><head><title>Rockets hit base</title></head><body><article><p>{STORY}</p><p>{STORY}</p></article></body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    """Routes: /article, /big, /chunked-big, /hop/N (N redirects), /to-file, /missing, /feed."""

    feed: ClassVar[bytes] = b""

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        return

    def send_body(
        self, body: bytes, content_type: str = "text/html; charset=utf-8", length: bool = True
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        if self.path == "/article":
            self.send_body(PAGE)
        elif self.path == "/big":
            self.send_body(b"x" * 5000, "text/plain")
        elif self.path == "/chunked-big":
            self.send_body(b"x" * 5000, "text/plain", length=False)
            self.close_connection = True
        elif self.path.startswith("/hop/"):
            left = int(self.path.rsplit("/", 1)[1])
            self.redirect(f"/hop/{left - 1}" if left > 1 else "/article")
        elif self.path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif self.path == "/feed":
            self.send_body(self.feed, "application/rss+xml")
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    full = f"<p>{STORY}</p>" * 10
    Handler.feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Tigris Times</title>
    <item><title>Rockets hit base</title><link>{base}/article</link><guid>g1</guid>
      <pubDate>Sun, 28 Jan 2024 09:00:00 +0300</pubDate><description>Short summary</description></item>
    <item><title>Full story in the feed</title><link>{base}/never-fetched</link><guid>g2</guid>
      <pubDate>Mon, 29 Jan 2024 10:00:00 +0000</pubDate><description><![CDATA[{full}]]></description></item>
    <item><title>Broken link</title><link>{base}/missing</link><guid>g3</guid></item>
    </channel></rss>""".encode()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


LOOPBACK_OK = FetchOptions(allow_private=True, timeout=5)


def test_fetch_page_from_loopback_when_private_allowed(server: str) -> None:
    item = fetch(f"{server}/article", LOOPBACK_OK)
    assert item.raw == PAGE
    assert item.media_type == "html"
    assert item.hints["url"] == f"{server}/article"
    assert STORY in parse_item(item).text


def test_fetch_refuses_loopback_without_allow_private(server: str) -> None:
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 resolves to a loopback address"):
        fetch(f"{server}/article", FetchOptions(timeout=5))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/admin", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://240.0.0.1/", "reserved"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("ftp://example.com/file", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http:///nohost", "no host"),
    ],
)
def test_fetch_ssrf_guard_refuses_non_public_targets(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        check_url(url)


def test_fetch_size_cap_with_and_without_content_length(server: str) -> None:
    small = FetchOptions(allow_private=True, timeout=5, max_bytes=1000)
    with pytest.raises(FetchError, match=r"too large \(5000 bytes > limit 1000\)"):
        fetch(f"{server}/big", small)
    with pytest.raises(FetchError, match=r"too large \(more than 1000 bytes"):
        fetch(f"{server}/chunked-big", small)


def test_fetch_follows_redirects_up_to_the_limit(server: str) -> None:
    options = FetchOptions(allow_private=True, timeout=5, max_redirects=3)
    assert fetch(f"{server}/hop/3", options).hints["url"] == f"{server}/article"
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(f"{server}/hop/4", options)


def test_fetch_redirect_to_another_scheme_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(f"{server}/to-file", LOOPBACK_OK)


def test_fetch_http_error_status(server: str) -> None:
    with pytest.raises(FetchError, match=r"HTTP 404"):
        fetch(f"{server}/missing", LOOPBACK_OK)


def test_fetch_errors_become_error_items_in_iter_items(server: str) -> None:
    [item] = list(iter_items([f"{server}/missing"], fetch_options=LOOPBACK_OK))
    assert item.error == "HTTP 404 Not Found"
    [refused] = list(iter_items([f"{server}/article"]))
    assert refused.error is not None and "refused" in refused.error


def test_feed_entries_fetched_or_taken_whole_with_hints(server: str) -> None:
    items = list(iter_feed(f"{server}/feed", fetch_options=LOOPBACK_OK))
    assert [i.hints.get("guid") for i in items] == ["g1", "g2", "g3"]
    first, second, third = items
    assert first.raw == PAGE and first.hints["outlet"] == "Tigris Times"
    article = parse_item(first)
    assert (article.title, article.outlet, article.published_from) == (
        "Rockets hit base",
        "Tigris Times",
        "feed",
    )
    assert (
        article.published is not None
        and article.published.isoformat() == "2024-01-28T09:00:00+03:00"
    )
    assert second.source == f"{server}/never-fetched" and STORY.encode() in second.raw
    assert third.error == "HTTP 404 Not Found"


def test_feed_url_given_to_iter_items_is_expanded(server: str) -> None:
    items = list(iter_items([f"{server}/feed"], fetch_options=LOOPBACK_OK))
    assert len(items) == 3


def test_poll_feeds_yields_only_new_entries(server: str) -> None:
    stored = {"g2"}
    items = list(
        poll_feeds(
            [f"{server}/feed"], stored.__contains__, interval=0, rounds=2, fetch_options=LOOPBACK_OK
        )
    )
    assert [i.hints.get("guid") for i in items] == ["g1", "g3"]
