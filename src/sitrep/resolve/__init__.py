"""Resolution: places (gazetteer and geoparsing), actors (knowledge base) and event merging.

    from sitrep.resolve import Gazetteer, ActorKB, same_event, merge_into, cluster_events

The gazetteer index is compiled from PyPI-shipped data by
``python -m sitrep.resolve.gazetteer_build`` (run at install; built lazily if missing).
"""

from sitrep.resolve.actors import ActorKB, add_provisional, merge
from sitrep.resolve.gazetteer import Gazetteer, load_geonames_dump
from sitrep.resolve.gazetteer_build import build_index
from sitrep.resolve.merge import bcubed, cluster_events, conll_f1, merge_into, same_event

__all__ = [
    "ActorKB", "Gazetteer", "add_provisional", "bcubed", "build_index", "cluster_events",
    "conll_f1", "load_geonames_dump", "merge", "merge_into", "same_event",
]  # fmt: skip
