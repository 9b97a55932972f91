"""A WARC reader with bounds: every record is found by its own header, never trusting a line or a
decompressed stream to end.

warcio alone reads a header line with an unbounded ``readline`` and decompresses without limit,
so a gzip bomb or a 2 GiB line without a newline took the process past 8 GiB; one damaged record
(a broken Content-Length, a response without ``WARC-Target-URI``) ended the archive or the run.
Here the file is split into records by a small reader of our own:

* the decompressed stream is capped (:data:`MAX_RATIO` times the file, at least
  :data:`MIN_CAP` bytes), and no line is read past :data:`MAX_LINE` bytes;
* a record whose version line, headers or Content-Length cannot be trusted becomes a failure
  with its reason, and reading goes on at the next line that starts a record (``WARC/1.``);
* each response record (at most ``max_bytes`` plus :data:`HTTP_SLACK`) is then handed alone to
  warcio, which decodes its HTTP part (chunked transfer, content encodings).

:func:`iter_warc_records` yields ``(name, record, error)`` triples; the caller turns them into
RawItems.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

#: No line (version line, header, or resync scan) is read past this many bytes.
MAX_LINE = 64 * 1024
#: At most this many header lines, this many bytes of headers, per record.
MAX_HEADERS = 256
MAX_HEADER_BYTES = 256 * 1024
#: The decompressed stream may grow to MAX_RATIO times the compressed file, but always to MIN_CAP.
MAX_RATIO = 100
MIN_CAP = 256 * 1024 * 1024
#: Room for a response record's HTTP status line and headers on top of the body cap.
HTTP_SLACK = 256 * 1024
_CHUNK = 64 * 1024


class WarcLimit(Exception):
    """The archive is past a bound (decompressed size); the rest of it is skipped."""


class _Stream:
    """A file read as plain or multi-member gzip, never giving more than ``cap`` bytes.

    A gzip stream that ends inside a member (a cut file) just ends: the record that was being
    read comes up short and is reported as cut. Data after the last member that is not gzip
    raises ``zlib.error``.
    """

    def __init__(self, handle: IO[bytes], *, compressed: bool, cap: int) -> None:
        self.handle = handle
        self.compressed = compressed
        self.cap = cap
        self.total = 0
        self.buffer = bytearray()
        self.eof = False
        self._inflater = zlib.decompressobj(31) if compressed else None
        self._pending = b""  # compressed input not yet given to the inflater

    def _fill(self) -> bool:
        """Add at most one chunk of (decompressed) data to the buffer; False at the end."""
        if self.eof:
            return False
        if not self.compressed:
            data = self.handle.read(_CHUNK)
            if not data:
                self.eof = True
                return False
            self._add(data)
            return True
        assert self._inflater is not None
        while True:
            if self._inflater.eof:  # a member ended: the next one starts in unused_data
                # All input given after the member's end (unconsumed_tail holds a copy of it).
                rest = self._inflater.unused_data
                self._pending = b""
                if not rest:
                    rest = self.handle.read(_CHUNK)
                    if not rest:
                        self.eof = True
                        return False
                self._inflater = zlib.decompressobj(31)
                self._pending = rest
            if not self._pending:
                self._pending = self.handle.read(_CHUNK)
                if not self._pending:  # cut inside a member
                    self.eof = True
                    return False
            data = self._inflater.decompress(self._pending, _CHUNK)
            self._pending = self._inflater.unconsumed_tail
            if data:
                self._add(data)
                return True

    def _add(self, data: bytes) -> None:
        self.total += len(data)
        if self.total > self.cap:
            raise WarcLimit(f"more than {self.cap} bytes once decompressed")
        self.buffer += data

    def readline(self, limit: int) -> bytes:
        """One line with its newline, or at most ``limit`` bytes of a longer one."""
        start = 0
        while True:
            end = self.buffer.find(b"\n", start, limit)
            if end >= 0:
                return self._take(end + 1)
            if len(self.buffer) >= limit:
                return self._take(limit)
            start = len(self.buffer)
            if not self._fill():
                return self._take(len(self.buffer))

    def read(self, size: int) -> bytes:
        while len(self.buffer) < size and self._fill():
            pass
        return self._take(min(size, len(self.buffer)))

    def skip(self, size: int) -> int:
        """Discard up to ``size`` bytes without holding them; how many there were."""
        skipped = 0
        while skipped < size:
            if not self.buffer and not self._fill():
                break
            step = min(size - skipped, len(self.buffer))
            del self.buffer[:step]
            skipped += step
        return skipped

    def _take(self, size: int) -> bytes:
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data


@dataclass
class WarcRecord:
    """A response record's parts, decoded by warcio."""

    headers: dict[str, str]
    http_headers: dict[str, str]
    body: bytes
    too_large: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _is_record_start(line: bytes) -> bool:
    return line.startswith(b"WARC/1.") or line.startswith(b"WARC/0.")


def _show(line: bytes) -> str:
    text = line[:40].decode("latin-1").strip()
    return repr(text) + ("..." if len(line) > 40 else "")


def iter_warc_records(
    handle: IO[bytes], *, file_size: int, max_bytes: int
) -> Iterator[tuple[str, WarcRecord | None, str | None]]:
    """``(record name, response record, None)`` per HTML-able response record and
    ``(record name, None, reason)`` per record that cannot be read; other record types are
    skipped. The name is the WARC-Record-ID, else ``record<N>`` (N counts records from 1)."""
    head = handle.read(2)
    handle.seek(0)
    compressed = head == b"\x1f\x8b"
    stream = _Stream(handle, compressed=compressed, cap=max(MIN_CAP, MAX_RATIO * max(file_size, 1)))
    number = 0
    line: bytes | None = None  # a version line found while resyncing
    try:
        while True:
            if line is None:
                line = stream.readline(MAX_LINE)
            if not line:
                if number == 0:
                    yield "record1", None, "not a WARC record (no data)"
                return
            if line.strip() == b"":
                line = None
                continue
            number += 1
            if not _is_record_start(line):
                yield f"record{number}", None, f"not a WARC record (it starts {_show(line)})"
                line = _resync(stream)
                continue
            outcome = _read_headers(stream)
            if isinstance(outcome, str):
                yield f"record{number}", None, outcome
                line = _resync(stream)
                continue
            headers = outcome
            record_id = headers.get("warc-record-id", "").strip().strip("<>")
            name = record_id or f"record{number}"
            declared = headers.get("content-length")
            if declared is None or not declared.strip().isdigit():
                yield name, None, f"Content-Length {declared!r} is not a number"
                line = _resync(stream)
                continue
            length = int(declared)
            line = None
            if headers.get("warc-type", "").strip().lower() != "response":
                stream.skip(length)
                continue
            if length > max_bytes + HTTP_SLACK:
                got = stream.skip(length)
                if got < length:
                    yield name, None, f"cut short: {length - got} of its {length} bytes are missing"
                else:
                    yield name, None, f"too large ({length} bytes > limit {max_bytes})"
                continue
            block = stream.read(length)
            if len(block) < length:
                missing = length - len(block)
                yield name, None, f"cut short: {missing} of its {length} bytes are missing"
                continue
            if not headers.get("warc-target-uri", "").strip():
                yield name, None, "a response record without WARC-Target-URI"
                continue
            try:
                record = _decode(headers, block, max_bytes)
            except Exception as exc:  # warcio on one record: a bad record, not a bad run
                yield name, None, f"unreadable HTTP response ({type(exc).__name__}: {exc})"
                continue
            yield name, record, None
    except WarcLimit as exc:
        yield f"record{number + 1}", None, f"{exc}; the rest of the archive is skipped"
    except zlib.error as exc:
        yield (
            f"record{number + 1}",
            None,
            f"not gzip data ({exc}); the rest of the archive is skipped",
        )


def _read_headers(stream: _Stream) -> dict[str, str] | str:
    """A record's named fields (lower-cased names), or why they cannot be read."""
    headers: dict[str, str] = {}
    size = 0
    for _ in range(MAX_HEADERS + 1):
        line = stream.readline(MAX_LINE)
        size += len(line)
        if not line:
            return "cut short inside its header"
        if not line.endswith(b"\n"):
            return f"a header line longer than {MAX_LINE} bytes"
        if size > MAX_HEADER_BYTES:
            return f"a header longer than {MAX_HEADER_BYTES} bytes"
        if line.strip() == b"":
            return headers
        name, sep, value = line.decode("utf-8", "replace").partition(":")
        if not sep:
            return f"a header line without a name: {_show(line)}"
        headers[name.strip().lower()] = value.strip()
    return f"more than {MAX_HEADERS} header lines"


def _resync(stream: _Stream) -> bytes:
    """Skip to the next line that starts a record; that line, or b'' at the end."""
    at_line_start = True
    while True:
        line = stream.readline(MAX_LINE)
        if not line:
            return b""
        if at_line_start and _is_record_start(line):
            return line
        at_line_start = line.endswith(b"\n")


def _decode(headers: dict[str, str], block: bytes, max_bytes: int) -> WarcRecord:
    """The HTTP headers and body of one response record, decoded by warcio (chunked transfer
    and content encodings), the body read to at most ``max_bytes + 1`` bytes."""
    from warcio.archiveiterator import ArchiveIterator

    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    data = head.encode("utf-8") + block + b"\r\n\r\n"
    record = next(iter(ArchiveIterator(io.BytesIO(data))))
    http = record.http_headers
    body = record.content_stream().read(max_bytes + 1)
    http_headers: dict[str, str] = {}
    if http is not None:
        for key, value in http.headers:
            http_headers.setdefault(key.lower(), value)
    return WarcRecord(
        headers=headers,
        http_headers=http_headers,
        body=body,
        too_large=len(body) > max_bytes,
    )
