"""sitrep: news reports about armed conflict in, ACLED-compatible, source-linked events out.

The public API::

    from sitrep import Store, Pipeline, ingest, extract, Document

    store = Store("sqlite:///sitrep.db")          # migrated on first use
    summary = ingest(store, ["news/"])            # files, folders, URLs
    analysis = extract(Document(id="1", text="...", published=...))   # stateless
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep._version import __version__
from sitrep.errors import (
    ConfigError,
    ExportError,
    ExtractionError,
    FetchError,
    InputError,
    ParseError,
    SitrepError,
    StoreError,
)
from sitrep.models import (
    Analysis,
    Document,
    EventRecord,
    ParsedArticle,
    RawItem,
    Source,
)

if TYPE_CHECKING:
    from sitrep.pipeline import IngestSummary, Pipeline, ingest
    from sitrep.store import Store

__all__ = [
    "Analysis",
    "ConfigError",
    "Document",
    "EventRecord",
    "ExportError",
    "ExtractionError",
    "FetchError",
    "IngestSummary",
    "InputError",
    "ParseError",
    "ParsedArticle",
    "Pipeline",
    "RawItem",
    "SitrepError",
    "Source",
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "ingest",
]

_LAZY = {
    "Store": ("sitrep.store", "Store"),
    "Pipeline": ("sitrep.pipeline", "Pipeline"),
    "IngestSummary": ("sitrep.pipeline", "IngestSummary"),
    "ingest": ("sitrep.pipeline", "ingest"),
}


def extract(doc: Document) -> Analysis:
    """Extract events from one document with the default extractor (stateless)."""
    from sitrep.events.extract import get_extractor

    result: Analysis = get_extractor("default").extract(doc)
    return result


def __getattr__(name: str) -> Any:
    # the store and the pipeline pull in SQLAlchemy and the models: import them on first use
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
