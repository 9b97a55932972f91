"""One call per incoming article: is it a copy of something already seen?

Exact copies (same normalised text) are found by one key lookup and need no verification;
everything else goes through the MinHash index. Both kinds of key live in the same
:class:`~sitrep.dedup.minhash.KeyStore`, so the database needs one key table.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Literal

from sitrep.dedup.minhash import KeyStore, NearDuplicateIndex
from sitrep.dedup.text import exact_hash

__all__ = ["EXACT_KEY_PREFIX", "Deduplicator", "DuplicateMatch", "exact_key_of"]

#: Exact-copy keys are ``x:`` + the first 128 bits of the SHA-256 of the normalised text in
#: URL-safe base64 (22 characters); band keys start with a digit, so the two never meet.
EXACT_KEY_PREFIX = "x:"


def exact_key_of(digest: str) -> str:
    """The key-store key for an :func:`~sitrep.dedup.text.exact_hash` hex digest."""
    return EXACT_KEY_PREFIX + base64.urlsafe_b64encode(bytes.fromhex(digest)[:16]).decode(
        "ascii"
    ).rstrip("=")


@dataclass
class DuplicateMatch:
    """The outcome of checking one article against the index.

    ``duplicate_of`` is None when the article is new; otherwise the best-matching stored
    article, with ``method`` saying how it was found and ``similarity`` the estimated Jaccard
    similarity (1.0 for an exact copy). ``matches`` lists every stored article that matched,
    best first: link the article to all of them, not only the best, because an article
    arriving late (an original after two of its reposts) may be the only bridge between
    copies that do not match each other. ``signature`` and ``keys`` are what the store keeps.
    """

    article_id: str
    duplicate_of: str | None
    similarity: float
    method: Literal["exact", "near"] | None
    exact_hash: str
    signature: bytes
    keys: list[str]
    matches: list[tuple[str, float]] = field(default_factory=list)


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
        """Stored duplicates of ``text`` (other than ``article_id`` itself), best first."""
        digest = exact_hash(text)
        exact_key = exact_key_of(digest)
        signature = self.index.signature(text)
        keys = [*self.index.keys(signature), exact_key]
        if len(keys) == 1:  # an empty text is nobody's copy
            return DuplicateMatch(article_id, None, 0.0, None, digest, signature, keys)
        exact = sorted(self.store.candidates([exact_key]) - {article_id})
        matches = [(other, 1.0) for other in exact]
        matches += [
            (other, similarity)
            for other, similarity in self.index.verify(signature, keys)
            if other != article_id and other not in exact
        ]
        if not matches:
            return DuplicateMatch(article_id, None, 0.0, None, digest, signature, keys)
        best, similarity = matches[0]
        method: Literal["exact", "near"] = "exact" if exact else "near"
        return DuplicateMatch(
            article_id, best, similarity, method, digest, signature, keys, matches
        )

    def add(self, article_id: str, text: str) -> DuplicateMatch:
        """Check ``text`` and index it under ``article_id``."""
        match = self.check(article_id, text)
        self.store.add(article_id, match.keys, match.signature)
        return match
