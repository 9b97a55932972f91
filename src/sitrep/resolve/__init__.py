"""Resolution: places (gazetteer and geoparsing), actors (knowledge base) and event merging.

    from sitrep.resolve import Gazetteer, ActorKB, same_event, merge_into, cluster_events

The gazetteer index is compiled from PyPI-shipped data by
``python -m sitrep.resolve.gazetteer_build`` (run at install; built lazily if missing).
Names are imported lazily so that running that module, or importing one part, does not load
the others.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ActorKB": "actors", "add_provisional": "actors", "merge": "actors",
    "Gazetteer": "gazetteer", "load_geonames_dump": "gazetteer_build", "build_index": "gazetteer_build",
    "bcubed": "merge", "cluster_events": "merge", "conll_f1": "merge", "merge_into": "merge",
    "same_event": "merge",
}  # fmt: skip

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"sitrep.resolve.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'sitrep.resolve' has no attribute {name!r}")
