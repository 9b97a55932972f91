"""One call per incoming article: is it a copy of something already seen?

Exact copies (same normalised text) are found by one key lookup and need no verification;
everything else goes through the MinHash index. Both kinds of key live in the same
:class:`~sitrep.dedup.minhash.KeyStore`, so the database needs one key table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sitrep.dedup.minhash import KeyStore, NearDuplicateIndex
from sitrep.dedup.text import exact_hash

__all__ = ["EXACT_KEY_PREFIX", "Deduplicator", "DuplicateMatch"]

#: Exact-copy keys are ``x:`` + the SHA-256 of the normalised text; band keys never start so.
EXACT_KEY_PREFIX = "x:"


@dataclass
class DuplicateMatch:
    """The outcome of checking one article against the index.

    ``duplicate_of`` is None when the article is new; otherwise the best-matching stored
    article, with ``method`` saying how it was found and ``similarity`` the estimated Jaccard
    similarity (1.0 for an exact copy). ``signature`` and ``keys`` are what the store keeps.
    """

    article_id: str
    duplicate_of: str | None
    similarity: float
    method: Literal["exact", "near"] | None
    exact_hash: str
    signature: bytes
    keys: list[str]


class Deduplicator:
    """Checks articles against everything added before and adds them.

    ``check`` only looks; ``add`` looks and then indexes the article, so calling ``add`` twice
    with the same article is harmless (the second call finds nothing new: an article never
    matches itself).
    """

    def __init__(self, index: NearDuplicateIndex | None = None) -> None:
        self.index = index if index is not None else NearDuplicateIndex()

    @property
    def store(self) -> KeyStore:
        """The key store shared by exact and near lookups."""
        return self.index.store

    def check(self, article_id: str, text: str) -> DuplicateMatch:
        """The best stored duplicate of ``text`` (other than ``article_id`` itself)."""
        digest = exact_hash(text)
        exact_key = EXACT_KEY_PREFIX + digest
        signature = self.index.signature(text)
        keys = [*self.index.keys(signature), exact_key]
        exact = sorted(self.store.candidates([exact_key]) - {article_id})
        if exact and len(keys) > 1:  # an empty text is nobody's copy
            return DuplicateMatch(article_id, exact[0], 1.0, "exact", digest, signature, keys)
        for other, similarity in self.index.verify(signature, keys):
            if other != article_id:
                return DuplicateMatch(
                    article_id, other, similarity, "near", digest, signature, keys
                )
        return DuplicateMatch(article_id, None, 0.0, None, digest, signature, keys)

    def add(self, article_id: str, text: str) -> DuplicateMatch:
        """Check ``text`` and index it under ``article_id``."""
        match = self.check(article_id, text)
        self.store.add(article_id, match.keys, match.signature)
        return match
