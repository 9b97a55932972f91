"""sitrep: news reports about armed conflict in, ACLED-compatible, source-linked events out."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
