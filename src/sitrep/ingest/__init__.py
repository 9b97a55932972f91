"""Ingest: any news source to a clean, dated article with trustworthy metadata.

``iter_items`` / ``iter_feed`` / ``poll_feeds`` turn inputs into RawItems; ``parse_item`` turns
one RawItem into a ParsedArticle; ``fetch`` gets one URL safely. See docs/ingest.md.

Names are imported lazily, so that importing one part (``sitrep.ingest.clean``, which uses
``sitrep.ingest.dates``) does not load the fetcher, the feed reader and trafilatura.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "FetchOptions": "sitrep.ingest.fetch",
    "fetch": "sitrep.ingest.fetch",
    "iter_feed": "sitrep.ingest.sources",
    "iter_items": "sitrep.ingest.sources",
    "poll_feeds": "sitrep.ingest.sources",
    "parse_item": "sitrep.ingest.parse",
    "metadata_accuracy": "sitrep.ingest.quality",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sitrep.ingest' has no attribute {name!r}")
