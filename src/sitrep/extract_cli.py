"""The stateless extractor over JSON-lines (``sitrep extract``): documents in, analyses out."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any

from sitrep.errors import InputError
from sitrep.ingest.fetch import DEFAULT_MAX_BYTES
from sitrep.models import Analysis, Document, to_dict

_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_document(line: str | bytes, number: int) -> Document:
    """One input line as a :class:`Document`; raises InputError naming the line.

    Bytes must be UTF-8; a string value with a lone surrogate (``"\\ud800"`` in the JSON) is
    refused too, since no output could carry it.
    """
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"line {number}: not valid UTF-8 (byte {exc.start}: {exc.reason})"
            ) from None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(f"line {number}: not valid JSON (nested too deep)") from None
    if not isinstance(data, dict):
        raise InputError(f"line {number}: expected a JSON object")
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(f"line {number}: missing 'text' string")
    doc_id = str(data.get("id") if data.get("id") is not None else number)
    published = None
    precision = None
    raw_date = data.get("published")
    if raw_date:
        try:
            published = datetime.fromisoformat(str(raw_date).replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"line {number}: 'published' {raw_date!r} is not ISO 8601") from None
        precision = "day"
    for key in ("id", "text", "title", "url", "outlet"):
        value = data.get(key)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(f"line {number}: a lone surrogate in '{key}' (not valid Unicode)")
    return Document(
        id=doc_id,
        text=text,
        title=data.get("title"),
        published=published,
        published_precision=precision,  # type: ignore[arg-type]
        url=data.get("url"),
        outlet=data.get("outlet"),
    )


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    from sitrep.events.places import place_record

    data = to_dict(analysis)
    if data.get("error") is None:
        data.pop("error", None)
    from sitrep.ingest.language import language_note

    note = language_note(analysis.language)
    if note:
        data["language_note"] = note  # no events, and why
    # each place with its coordinates, country, admin1 and offsets at the top level too
    data["places"] = [place_record(p) for p in data.get("places") or []]
    return data


def _lines(src: IO[str] | IO[bytes], max_bytes: int) -> Iterator[str | bytes | int]:
    """The lines of ``src``; a line over ``max_bytes`` comes as its length, never held whole."""
    while True:
        line = src.readline(max_bytes + 2)
        if not line:
            return
        newline = "\n" if isinstance(line, str) else b"\n"
        if len(line) <= max_bytes + 1 or line.endswith(newline):  # type: ignore[arg-type]
            yield line
            continue
        size = len(line)
        while not line.endswith(newline):  # type: ignore[arg-type]
            line = src.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield size - (1 if line.endswith(newline) else 0)  # type: ignore[arg-type]


def run_extract(
    src: IO[str] | IO[bytes],
    dst: IO[str],
    *,
    extractor: str = "default",
    on_error: Callable[[str, str], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Extract every document of ``src``; returns how many lines failed.

    ``src`` is best binary (the CLI opens it so): a line that is not UTF-8, is binary, holds a
    lone surrogate, or is longer than ``max_bytes`` fails alone with a reason naming it, and
    the run goes on. Each document goes through :func:`sitrep.workers.extract_document`, with
    the ingest's text-size cap and time budget.
    """
    from sitrep.workers import extract_document, extractor_backend

    extractor_backend(extractor)  # an unknown name fails here, models load outside the budget
    failed = 0
    for number, line in enumerate(_lines(src, max_bytes), start=1):
        if isinstance(line, int):
            reason = f"line {number}: too large ({line} bytes > limit {max_bytes})"
            failed += 1
            if on_error:
                on_error(f"line {number}", reason.removeprefix(f"line {number}: "))
            dst.write(json.dumps({"id": None, "line": number, "error": reason}) + "\n")
            continue
        if not line.strip():
            continue
        try:
            doc = parse_document(line, number)
        except InputError as exc:
            failed += 1
            if on_error:
                on_error(f"line {number}", str(exc).removeprefix(f"line {number}: "))
            dst.write(json.dumps({"id": None, "line": number, "error": str(exc)}) + "\n")
            continue
        analysis = extract_document(doc, extractor)
        # the document's own language, not the coder's: an Arabic text is reported as Arabic
        from sitrep.ingest.language import detect_language

        analysis.language = detect_language(doc.text) or analysis.language
        if analysis.error:
            failed += 1
            if on_error:
                on_error(f"document {doc.id}", analysis.error)
        dst.write(json.dumps(analysis_json(analysis), ensure_ascii=False) + "\n")
        dst.flush()
    return failed
