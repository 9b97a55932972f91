"""Turn what the user names (files, folders, URLs, feeds, archives) into RawItems, streaming.

Every function here is a generator that holds at most one item in memory: folders are walked
lazily, JSON-lines files and WARC archives are read record by record. A problem with one input
(unreadable file, refused URL, malformed line or record) becomes a RawItem with ``error`` set,
never an exception, so a long run goes on and every failure is recorded.

Item names (``RawItem.source``): a path; ``path#N`` for the N-th record of a JSON file or the
line N of a JSON-lines file (from 1); ``path#<WARC-Record-ID>`` for a WARC record; the URL for a
fetched page or a feed entry's link.
"""

from __future__ import annotations

import gzip
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import feedparser

from sitrep.errors import FetchError
from sitrep.ingest.fetch import FetchOptions, fetch, media_type_of, predates
from sitrep.ingest.parse import sniff
from sitrep.models import RawItem

_BY_EXTENSION = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".json": "json-file",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".warc.gz": "warc", ".rss": "feed",
    ".atom": "feed",
}  # fmt: skip
# A feed entry whose own content is at least this long is taken as the full article.
FULL_CONTENT_CHARS = 1500


def iter_items(
    inputs: Iterable[str], *, fetch_options: FetchOptions | None = None
) -> Iterator[RawItem]:
    """Yield one RawItem per article in ``inputs`` (files, folders, http(s) URLs), in order.

    Folders are walked recursively in sorted order, skipping hidden files and folders.
    """
    options = fetch_options or FetchOptions()
    for entry in inputs:
        if entry.startswith(("http://", "https://")):
            yield from _iter_url(entry, options)
            continue
        path = Path(entry)
        if path.is_dir():
            for file in _walk(path):
                yield from _iter_file(file, options)
        else:
            yield from _iter_file(path, options)


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, sorted, depth first, without hidden files or folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return _BY_EXTENSION.get(path.suffix.lower())


def _iter_file(path: Path, options: FetchOptions) -> Iterator[RawItem]:
    """Items of one file, by extension, or by sniffing the content for unknown extensions."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield RawItem(source=source, raw=b"", error=f"cannot read: {exc.strerror or exc}")
        return
    kind = _kind_of(path)
    if kind in {"jsonl", "warc"}:  # streamed: no whole-file size cap
        yield from (_iter_jsonl(path) if kind == "jsonl" else _iter_warc(path, options))
        return
    if size > options.max_bytes:
        yield RawItem(
            source=source, raw=b"", error=f"too large ({size} bytes > limit {options.max_bytes})"
        )
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield RawItem(source=source, raw=b"", error=f"cannot read: {exc.strerror or exc}")
        return
    if kind is None:
        kind = sniff(raw)
        if kind == "warc":
            yield from _iter_warc(path, options)
            return
        if kind == "json":
            kind = "json-file"
    if kind == "json-file":
        yield from _iter_json_file(source, raw)
    elif kind == "feed":
        yield from _feed_items(source, raw, options)
    else:
        yield RawItem(source=source, raw=raw, media_type=kind)


def _iter_url(url: str, options: FetchOptions) -> Iterator[RawItem]:
    """The page at ``url``, or the entries of the feed there."""
    try:
        item = fetch(url, options)
    except FetchError as exc:
        yield RawItem(source=url, raw=b"", error=str(exc).removeprefix(f"{url}: "))
        return
    kind = item.media_type or sniff(item.raw)
    if kind == "feed" or (kind is None and sniff(item.raw) == "feed"):
        yield from _feed_items(url, item.raw, options)
    else:
        yield item


def _iter_json_file(source: str, raw: bytes) -> Iterator[RawItem]:
    """A .json file: one record, or an array of records (``file.json#N``, N from 1)."""
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        yield RawItem(source=source, raw=raw, media_type="json", error=f"malformed JSON ({exc})")
        return
    if isinstance(data, dict):
        yield RawItem(source=source, raw=raw, media_type="json")
        return
    if not isinstance(data, list):
        yield RawItem(
            source=source,
            raw=raw,
            media_type="json",
            error="expected a JSON object or an array of objects",
        )
        return
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    for number in range(1, len(data) + 1):
        while text[position] in " \t\r\n,":
            position += 1
        _, end = decoder.raw_decode(text, position)
        # The record's own bytes, exactly as they are in the file.
        yield RawItem(
            source=f"{source}#{number}", raw=text[position:end].encode("utf-8"), media_type="json"
        )
        position = end


def _iter_jsonl(path: Path) -> Iterator[RawItem]:
    """A JSON-lines file, one record per non-blank line (``file.jsonl#LINE``); streamed."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield RawItem(source=str(path), raw=b"", error=f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            raw = line.rstrip(b"\r\n")
            if not raw.strip():
                continue
            source = f"{path}#{number}"
            try:
                record = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                yield RawItem(
                    source=source,
                    raw=raw,
                    media_type="json",
                    error=f"malformed JSON line ({reason})",
                )
                continue
            if not isinstance(record, dict):
                yield RawItem(
                    source=source,
                    raw=raw,
                    media_type="json",
                    error="expected a JSON object on this line",
                )
                continue
            yield RawItem(source=source, raw=raw, media_type="json")


def _iter_warc(path: Path, options: FetchOptions) -> Iterator[RawItem]:
    """HTML response records of a WARC file, streamed (``file.warc.gz#<WARC-Record-ID>``)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield RawItem(source=source, raw=b"", error=f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        records = ArchiveIterator(handle)
        number = 0
        while True:
            try:
                record = next(records)
                number += 1
                if record.rec_type != "response":
                    continue
                http = record.http_headers
                content_type = http.get_header("Content-Type") if http else None
                kind = media_type_of(content_type)
                record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record{number}"
                name = f"{source}#{record_id.strip('<>')}"
                body = record.content_stream().read(options.max_bytes + 1)
            except StopIteration:
                return
            except (ArchiveLoadFailed, ValueError, OSError, EOFError, gzip.BadGzipFile) as exc:
                yield RawItem(
                    source=f"{source}#record{number + 1}",
                    raw=b"",
                    error=f"malformed WARC record ({exc}); the rest of the archive is skipped",
                )
                return
            if kind in {"html", None}:
                damage = _warc_damage(record, body, options.max_bytes)
                if damage:
                    yield RawItem(source=name, raw=b"", error=f"malformed WARC record ({damage})")
                    continue
            if kind not in {"html", None} or (kind is None and sniff(body) != "html"):
                continue
            if len(body) > options.max_bytes:
                yield RawItem(
                    source=name,
                    raw=b"",
                    error=f"too large (more than {options.max_bytes} bytes, the limit)",
                )
                continue
            hints: dict[str, Any] = {
                "url": record.rec_headers.get_header("WARC-Target-URI"),
                "warc_date": record.rec_headers.get_header("WARC-Date"),
            }
            if content_type:
                hints["content_type"] = content_type
            last_modified = http.get_header("Last-Modified") if http else None
            if last_modified and predates(last_modified, http.get_header("Date") if http else None):
                hints["http_last_modified"] = last_modified
            yield RawItem(
                source=name,
                raw=body,
                media_type="html",
                hints={k: v for k, v in hints.items() if v},
            )


def _warc_damage(record: Any, body: bytes, max_bytes: int) -> str | None:
    """Why a response record cannot be trusted (bad length, cut short), or None.

    warcio reads such records without raising (a truncated gzip member gives an empty body, a
    non-numeric Content-Length a warning on stderr), so without this check they would vanish.
    """
    declared = record.rec_headers.get_header("Content-Length")
    if declared is None or not declared.strip().isdigit():
        return f"Content-Length {declared!r} is not a number"
    missing = getattr(record.raw_stream, "limit", 0)
    if len(body) <= max_bytes and missing > 0:
        return f"cut short: {missing} of its {int(declared)} bytes are missing"
    return None


# --------------------------------------------------------------------------- feeds


def iter_feed(url: str, *, fetch_options: FetchOptions | None = None) -> Iterator[RawItem]:
    """Articles of an RSS/Atom feed: each entry's page, or its own content when it is complete."""
    options = fetch_options or FetchOptions()
    try:
        item = fetch(url, options)
    except FetchError as exc:
        yield RawItem(source=url, raw=b"", error=str(exc).removeprefix(f"{url}: "))
        return
    yield from _feed_items(url, item.raw, options)


def _feed_items(
    source: str, raw: bytes, options: FetchOptions, seen: Callable[[str], bool] | None = None
) -> Iterator[RawItem]:
    """The entries of a parsed feed as RawItems (skipping those ``seen`` reports)."""
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield RawItem(
            source=source,
            raw=b"",
            error=f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})",
        )
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        key = entry.get("id") or link
        # A store remembers links, not guids: ask about both, so a restarted watcher skips
        # entries whose guid is an opaque tag.
        if seen is not None and any(k and seen(k) for k in dict.fromkeys((key, link))):
            continue
        hints: dict[str, Any] = {
            "title": entry.get("title"),
            "url": link,
            "outlet": outlet,
            "feed": source,
            "guid": key,
        }
        published = entry.get("published") or entry.get("updated")
        if published:
            hints["published"] = published
            hints["published_from"] = "feed"
        if entry.get("author"):
            hints["author"] = entry.get("author")
        hints = {k: v for k, v in hints.items() if v}
        content = _entry_content(entry)
        if content and len(content) >= FULL_CONTENT_CHARS:
            yield RawItem(
                source=link or f"{source}#{number}",
                raw=content.encode("utf-8"),
                media_type="html",
                hints=hints,
            )
            continue
        if not link:
            yield RawItem(
                source=f"{source}#{number}",
                raw=b"",
                hints=hints,
                error="feed entry has neither a link nor full content",
            )
            continue
        try:
            page = fetch(link, options)
        except FetchError as exc:
            yield RawItem(
                source=link, raw=b"", hints=hints, error=str(exc).removeprefix(f"{link}: ")
            )
            continue
        page.hints = {**page.hints, **hints, "url": page.hints.get("url") or link}
        yield page


def _entry_content(entry: Any) -> str | None:
    """The longest content an entry carries (``content:encoded`` or the summary)."""
    values = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    values.append(entry.get("summary", ""))
    best = max(values, key=len, default="")
    return best or None


def poll_feeds(
    urls: list[str],
    seen: Callable[[str], bool],
    *,
    interval: float,
    rounds: int | None,
    fetch_options: FetchOptions | None = None,
) -> Iterator[RawItem]:
    """Poll feeds every ``interval`` seconds, yielding only entries ``seen`` says are new.

    ``seen`` is asked about each entry's guid (or link) before its page is fetched, so known
    entries cost nothing. Entries yielded in this run are also remembered here, in case the
    caller stores them later. ``rounds=None`` polls until the consumer stops.
    """
    options = fetch_options or FetchOptions()
    yielded: set[str] = set()

    def known(key: str) -> bool:
        return key in yielded or seen(key)

    done = 0
    while rounds is None or done < rounds:
        if done:
            time.sleep(interval)
        for url in urls:
            try:
                feed = fetch(url, options)
            except FetchError as exc:
                yield RawItem(source=url, raw=b"", error=str(exc).removeprefix(f"{url}: "))
                continue
            for item in _feed_items(url, feed.raw, options, seen=known):
                key = item.hints.get("guid") or item.hints.get("url") or item.source
                yielded.add(key)
                yield item
        done += 1
