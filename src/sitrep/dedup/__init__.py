"""Duplicates and stories.

Exact copies and reposts of one text become one duplicate cluster with a canonical article
(:mod:`~sitrep.dedup.finder`, :mod:`~sitrep.dedup.minhash`, :mod:`~sitrep.dedup.clusters`);
different articles about the same happening are linked into a story, never merged
(:mod:`~sitrep.dedup.stories`). The code is storage-agnostic: the database implements
:class:`~sitrep.dedup.minhash.KeyStore`.
"""

from __future__ import annotations

from sitrep.dedup.clusters import ArticleInfo, Clusters, choose_canonical, inherit
from sitrep.dedup.finder import Deduplicator, DuplicateMatch
from sitrep.dedup.minhash import KeyStore, MemoryKeyStore, NearDuplicateIndex, signature_jaccard
from sitrep.dedup.stories import HashingEncoder, MiniLMEncoder, StoryLinker, story_text
from sitrep.dedup.text import exact_hash, normalize_for_hash, shingles

__all__ = [
    "ArticleInfo",
    "Clusters",
    "Deduplicator",
    "DuplicateMatch",
    "HashingEncoder",
    "KeyStore",
    "MemoryKeyStore",
    "MiniLMEncoder",
    "NearDuplicateIndex",
    "StoryLinker",
    "choose_canonical",
    "exact_hash",
    "inherit",
    "normalize_for_hash",
    "shingles",
    "signature_jaccard",
    "story_text",
]
