"""Clean: article text without page debris, and the metadata lines found on the way."""

from __future__ import annotations

from sitrep.ingest.clean.text import CleanResult, clean_text

__all__ = ["CleanResult", "clean_text"]
