"""The analysis an article page shows (entities, places, dates), computed once per article text.

``GET /api/v1/articles/{id}`` and the article page show what the stateless extractor finds in
the article. Before, every read ran the extractor again, without size cap or time budget: one
unauthenticated request could hold a CPU for minutes, and a few in parallel all of them. Now:

* extraction goes through :func:`sitrep.workers.extract_document`, so it has the ingest's
  text-size cap and its time budget (thread-safe: requests run on worker threads);
* the result, a failure included, is kept per (article id, digest of what the extractor
  reads), so a read after the first costs a lookup; an edited text gets a new key;
* concurrent first reads of one article wait for a single extraction instead of each starting
  their own.

The cache lives in the server process and holds at most :data:`CACHE_SIZE` analyses (the least
recently read go first); a restart computes each one again, once.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from sitrep.models import Analysis, Document

CACHE_SIZE = 512

_lock = threading.Lock()
_done: OrderedDict[tuple[str, str], Analysis] = OrderedDict()
_running: dict[tuple[str, str], threading.Event] = {}
#: How many extractions this process ran (tests read it to prove reads reuse the first one).
extractions = 0


def _key(doc: Document) -> tuple[str, str]:
    digest = hashlib.sha256()
    for part in (
        doc.text,
        doc.title or "",
        doc.published.isoformat() if doc.published else "",
        doc.published_precision or "",
        doc.url or "",
        doc.outlet or "",
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return doc.id, digest.hexdigest()


def analyse_document(doc: Document) -> Analysis:
    """The extractor's analysis of ``doc``: from the cache, or computed once (cap and budget
    applied; a failure is an ``Analysis`` with ``error`` set, cached like a success)."""
    global extractions
    key = _key(doc)
    while True:
        with _lock:
            found = _done.get(key)
            if found is not None:
                _done.move_to_end(key)
                return found
            waiting = _running.get(key)
            if waiting is None:
                waiting = _running[key] = threading.Event()
                owner = True
            else:
                owner = False
        if not owner:
            waiting.wait()
            continue  # the owner stored it (or failed without storing: try again)
        try:
            from sitrep.workers import extract_document

            analysis = extract_document(doc)
            with _lock:
                extractions += 1
                _done[key] = analysis
                while len(_done) > CACHE_SIZE:
                    _done.popitem(last=False)
            return analysis
        finally:
            with _lock:
                _running.pop(key, None)
            waiting.set()


def clear() -> None:
    """Forget every cached analysis (tests, or after a bulk re-extraction)."""
    with _lock:
        _done.clear()


def analysis_view(analysis: Analysis) -> dict[str, Any]:
    """What the article page and the API show of an analysis."""
    from sitrep.models import to_dict

    if analysis.error:
        return {"available": False, "reason": f"the extractor failed: {analysis.error}"}
    result = to_dict(analysis)
    return {
        "available": True,
        "entities": result.get("entities", []),
        "timexes": result.get("timexes", []),
        "places": result.get("places", []),
    }
