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

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import feedparser

from sitrep.errors import FetchError
from sitrep.ingest.fetch import DEFAULT_MAX_BYTES, FetchOptions, fetch, media_type_of, predates
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
    inputs: Iterable[str],
    *,
    fetch_options: FetchOptions | None = None,
    skipped: list[tuple[str, str]] | None = None,
) -> Iterator[RawItem]:
    """Yield one RawItem per article in ``inputs`` (files, folders, http(s) URLs), in order.

    Folders are walked recursively in sorted order, skipping hidden files and folders, and
    taking only the document types sitrep reads (:func:`folder_skip_reason`); each file left
    out is appended to ``skipped`` as (path, reason). A file named on its own is always read.
    """
    options = fetch_options or FetchOptions()
    for entry in inputs:
        if entry.startswith(("http://", "https://")):
            yield from _iter_url(entry, options)
            continue
        path = Path(entry)
        if path.is_dir():
            for file in _walk(path):
                reason = folder_skip_reason(file)
                if reason is not None:
                    if skipped is not None:
                        skipped.append((str(file), reason))
                    continue
                yield from _iter_file(file, options)
        else:
            yield from _iter_file(path, options)


#: File names (without extension) of a project's own files: a folder of news that holds a
#: README or LICENSE holds no article in them.
_PROJECT_FILES = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "changes", "contributing",
     "authors", "notice", "makefile", "manifest", "todo", "install"}
)  # fmt: skip


def folder_skip_reason(path: Path) -> str | None:
    """Why a file met in a folder is not read as news, or None to read it.

    Read: the document types of ``_BY_EXTENSION`` (text, Markdown, HTML, PDF, JSON, JSON-lines,
    WARC, RSS/Atom). Not read: every other extension (source code, images, spreadsheets,
    archives...), files without an extension, and a project's README/LICENSE/CHANGELOG...
    """
    if path.name.lower().split(".", 1)[0] in _PROJECT_FILES:
        return f"a project file ({path.name}), not news"
    kind = _kind_of(path)
    suffix = path.suffix.lower()
    if kind is not None or suffix == ".gz":  # a gzip may hold a WARC: sniffed
        return None
    if not suffix:
        return "no file extension: not a document type sitrep reads (name the file to read it)"
    return f"{suffix} is not a document type sitrep reads (name the file to read it anyway)"


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
        if kind == "jsonl":
            yield from _iter_jsonl(path, options.max_bytes)
        else:
            yield from _iter_warc(path, options)
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


def _iter_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawItem]:
    """A JSON-lines file, one record per non-blank line (``file.jsonl#LINE``); streamed.

    No line is read past ``max_bytes``: a longer one fails as too large before any parsing,
    and is skipped chunk by chunk, so a 1 GB line costs no more memory than the cap.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield RawItem(source=str(path), raw=b"", error=f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, line in enumerate(_bounded_lines(handle, max_bytes), start=1):
            source = f"{path}#{number}"
            if isinstance(line, int):
                yield RawItem(
                    source=source, raw=b"", error=f"too large ({line} bytes > limit {max_bytes})"
                )
                continue
            raw = line.rstrip(b"\r\n")
            if not raw.strip():
                continue
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


def _bounded_lines(handle: Any, max_bytes: int) -> Iterator[bytes | int]:
    """The lines of a binary file; a line over ``max_bytes`` comes as its length in bytes,
    read past in chunks without being held."""
    while True:
        line = handle.readline(max_bytes + 2)  # the cap, its newline, and one byte more
        if not line:
            return
        if len(line) <= max_bytes + 1 or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield size - (1 if line.endswith(b"\n") else 0)


def _iter_warc(path: Path, options: FetchOptions) -> Iterator[RawItem]:
    """HTML response records of a WARC file, streamed (``file.warc.gz#<WARC-Record-ID>``).

    Records are split by :mod:`sitrep.ingest.warc`, which bounds lines and the decompressed
    size and goes on after a damaged record; each damaged record is a failed item.
    """
    from sitrep.ingest.warc import iter_warc_records

    source = str(path)
    try:
        handle = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        yield RawItem(source=source, raw=b"", error=f"cannot read: {exc.strerror or exc}")
        return
    if size == 0:
        handle.close()
        yield RawItem(source=source, raw=b"", error="empty file")
        return
    with handle:
        for name, record, reason in iter_warc_records(
            handle, file_size=size, max_bytes=options.max_bytes
        ):
            item_name = f"{source}#{name}"
            if record is None:
                error = reason or "unreadable"
                if not error.startswith("too large"):
                    error = f"malformed WARC record ({error})"
                yield RawItem(source=item_name, raw=b"", error=error)
                continue
            http = record.http_headers
            content_type = http.get("content-type")
            kind = media_type_of(content_type)
            body = record.body
            if kind not in {"html", None} or (kind is None and sniff(body) != "html"):
                continue
            if record.too_large:
                yield RawItem(
                    source=item_name,
                    raw=b"",
                    error=f"too large (more than {options.max_bytes} bytes, the limit)",
                )
                continue
            hints: dict[str, Any] = {
                "url": record.headers.get("warc-target-uri"),
                "warc_date": record.headers.get("warc-date"),
            }
            if content_type:
                hints["content_type"] = content_type
            last_modified = http.get("last-modified")
            if last_modified and predates(last_modified, http.get("date")):
                hints["http_last_modified"] = last_modified
            yield RawItem(
                source=item_name,
                raw=body,
                media_type="html",
                hints={k: v for k, v in hints.items() if v},
            )


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
    on_poll: Callable[[int, str, int, str | None], None] | None = None,
) -> Iterator[RawItem]:
    """Poll feeds every ``interval`` seconds, yielding only entries ``seen`` says are new.

    ``on_poll(round, url, new entries, error)`` is called after each feed of each round (the
    CLI's ``watch`` logs every poll with it).

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
                reason = str(exc).removeprefix(f"{url}: ")
                if on_poll is not None:
                    on_poll(done + 1, url, 0, reason)
                yield RawItem(source=url, raw=b"", error=reason)
                continue
            new = 0
            for item in _feed_items(url, feed.raw, options, seen=known):
                key = item.hints.get("guid") or item.hints.get("url") or item.source
                yielded.add(key)
                new += 1
                yield item
            if on_poll is not None:
                on_poll(done + 1, url, new, None)
        done += 1
