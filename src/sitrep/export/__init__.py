"""Exports (ACLED CSV, CSV, JSON-lines, PLOVER, GeoJSON, Parquet) and imports (ACLED CSV, JSON-lines).

See docs/export.md for each format's columns and conventions.
"""

from sitrep.export.imports import (
    IMPORT_FORMATS,
    ImportSummary,
    RowError,
    import_file,
    load_reference,
)
from sitrep.export.io import (
    ARTICLE_FORMATS,
    EXTENSIONS,
    FORMATS,
    export_articles,
    export_events,
    safe_output_path,
    write_records,
)

__all__ = [
    "ARTICLE_FORMATS",
    "EXTENSIONS",
    "FORMATS",
    "IMPORT_FORMATS",
    "ImportSummary",
    "RowError",
    "export_articles",
    "export_events",
    "import_file",
    "load_reference",
    "safe_output_path",
    "write_records",
]
