"""The stateless extractor over JSON-lines (``sitrep extract``): documents in, analyses out."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import IO, Any

from sitrep.errors import InputError
from sitrep.models import Analysis, Document, to_dict


def parse_document(line: str, number: int) -> Document:
    """One input line as a :class:`Document`; raises InputError naming the line."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not valid JSON ({exc.msg})") from None
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
    # each place with its coordinates, country, admin1 and offsets at the top level too
    data["places"] = [place_record(p) for p in data.get("places") or []]
    return data


def run_extract(
    src: IO[str],
    dst: IO[str],
    *,
    extractor: str = "default",
    on_error: Callable[[str, str], None] | None = None,
) -> int:
    """Extract every document of ``src``; returns how many lines failed."""
    from sitrep.events.extract import get_extractor

    backend = get_extractor(extractor)
    failed = 0
    for number, line in enumerate(src, start=1):
        if not line.strip():
            continue
        try:
            doc = parse_document(line, number)
            analysis = backend.extract(doc)
        except InputError as exc:
            failed += 1
            if on_error:
                on_error(f"line {number}", str(exc))
            dst.write(json.dumps({"id": None, "line": number, "error": str(exc)}) + "\n")
            continue
        except Exception as exc:  # one bad document must not stop the run
            failed += 1
            reason = f"{type(exc).__name__}: {exc}"
            if on_error:
                on_error(f"line {number}", reason)
            dst.write(json.dumps({"id": None, "line": number, "error": reason}) + "\n")
            continue
        if analysis.error:
            failed += 1
            if on_error:
                on_error(f"document {doc.id}", analysis.error)
        dst.write(json.dumps(analysis_json(analysis), ensure_ascii=False) + "\n")
        dst.flush()
    return failed
