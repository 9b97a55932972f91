"""Near-duplicate search: MinHash signatures, LSH band keys and a pluggable key store.

An article is reduced to a MinHash signature of its word shingles (``text.shingles``). The
signature is cut into bands; each band hashes to a key, and two articles sharing any key become
candidates. Candidates are then verified by comparing their full signatures (the share of equal
MinHash values estimates the Jaccard similarity of the shingle sets), so LSH only has to be
generous, never exact.

Storage is behind the small :class:`KeyStore` protocol so the same index runs on a dict in
tests and benchmarks (:class:`MemoryKeyStore`) and on the database in the pipeline (the store
implements it on ``dedup_keys(key, article_id)`` plus one stored signature per article).

The signature bytes are self-describing: a 8-byte header (magic, version, number of
permutations, number of shingles) then one little-endian uint32 per permutation, 520 bytes at
the default 128 permutations.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from datasketch import MinHash

from sitrep.dedup.text import DEFAULT_SHINGLE_SIZE, shingles
from sitrep.errors import ConfigError, InputError

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_NUM_PERM",
    "DEFAULT_ROWS",
    "DEFAULT_THRESHOLD",
    "KeyStore",
    "MemoryKeyStore",
    "NearDuplicateIndex",
    "signature_jaccard",
]

#: Defaults measured on the generated corpus (bench/bench_dedup.py, docs/dedup.md).
DEFAULT_NUM_PERM = 128
DEFAULT_BANDS = 42
DEFAULT_ROWS = 3
DEFAULT_THRESHOLD = 0.35

_MAGIC = b"M1"
_HEADER = struct.Struct("<2sHI")  # magic+version, num_perm, shingle count
_SEED = 1  # fixed: signatures are persisted and must stay comparable across runs


@runtime_checkable
class KeyStore(Protocol):
    """Where the index keeps band keys and signatures.

    ``add`` must be idempotent: adding the same article, keys and signature twice changes
    nothing. Adding an article id again with a new signature replaces the signature.
    A store may also offer ``signatures(article_ids) -> dict[str, bytes]``; the index then
    fetches a query's candidate signatures in one call (see :meth:`MemoryKeyStore.signatures`).
    """

    def add(self, article_id: str, keys: Sequence[str], signature: bytes) -> None:
        """Record that ``article_id`` has these keys and this signature."""
        ...

    def candidates(self, keys: Sequence[str]) -> set[str]:
        """Ids of every article holding at least one of ``keys``."""
        ...

    def signature(self, article_id: str) -> bytes | None:
        """The stored signature of ``article_id``, or None when unknown."""
        ...


def _key_code(key: str) -> int:
    """A 32-bit integer standing for a key string (memory store only; collisions are harmless
    because every candidate is verified against its signature)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "little", signed=True)


class MemoryKeyStore:
    """In-memory :class:`KeyStore` for tests, benchmarks and dask partitions.

    Kept compact on purpose (the benchmark measures bytes per article): postings live in two
    sorted numpy arrays (key code, article number) merged from a small dict of recent additions,
    instead of one Python set per key; key strings are reduced to 32-bit codes (a rare collision
    only adds a candidate, which verification drops).
    """

    _FLUSH_AT = 4096  # postings held in the dict before merging (grows with the arrays)

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._number: dict[str, int] = {}
        self._signatures: list[bytes] = []
        self._codes = np.empty(0, dtype=np.int32)
        self._owners = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[int]] = {}
        self._recent_size = 0

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._number

    def add(self, article_id: str, keys: Sequence[str], signature: bytes) -> None:
        """Record keys and signature; a repeat of the same article and signature is a no-op."""
        number = self._number.get(article_id)
        if number is None:
            number = len(self._ids)
            self._ids.append(article_id)
            self._number[article_id] = number
            self._signatures.append(signature)
            known: set[int] = set()
        else:
            if self._signatures[number] == signature:
                return
            self._signatures[number] = signature
            known = {c for c in map(_key_code, keys) if number in self._owners_of(c)}
        for code in {_key_code(k) for k in keys} - known:
            self._recent.setdefault(code, []).append(number)
            self._recent_size += 1
        if self._recent_size >= max(self._FLUSH_AT, len(self._codes) // 8):
            self._flush()

    def candidates(self, keys: Sequence[str]) -> set[str]:
        """Ids of every article holding at least one of ``keys``."""
        codes = sorted({_key_code(k) for k in keys})
        found: set[int] = set()
        if len(self._codes) and codes:
            wanted = np.array(codes, dtype=np.int32)
            starts = np.searchsorted(self._codes, wanted, side="left").tolist()
            ends = np.searchsorted(self._codes, wanted, side="right").tolist()
            for lo, hi in zip(starts, ends, strict=True):
                if hi > lo:
                    found.update(self._owners[lo:hi].tolist())
        for code in codes:
            found.update(self._recent.get(code, ()))
        return {self._ids[n] for n in found}

    def signature(self, article_id: str) -> bytes | None:
        """The stored signature, or None when the article was never added."""
        number = self._number.get(article_id)
        return None if number is None else self._signatures[number]

    def ids(self) -> list[str]:
        """Every stored article id, in order of first addition."""
        return list(self._ids)

    def signatures(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """Stored signatures of several articles at once (unknown ids are left out).

        Optional for a :class:`KeyStore`: when a store has it, the index fetches all of a
        query's candidates with one call instead of one call each.
        """
        return {
            a: self._signatures[n] for a in article_ids if (n := self._number.get(a)) is not None
        }

    def compact(self) -> None:
        """Merge pending postings into the sorted arrays (smallest form; before pickling a
        partition or measuring memory). Lookups work the same either way."""
        self._flush()

    def _owners_of(self, code: int) -> list[int]:
        lo = int(np.searchsorted(self._codes, code, side="left"))
        hi = int(np.searchsorted(self._codes, code, side="right"))
        owners = self._owners[lo:hi].tolist() if hi > lo else []
        return owners + self._recent.get(code, [])

    def _flush(self) -> None:
        """Merge recent postings into the sorted arrays."""
        if not self._recent:
            return
        codes = np.fromiter(
            (c for c, owners in self._recent.items() for _ in owners), dtype=np.int32
        )
        owners = np.fromiter((n for ns in self._recent.values() for n in ns), dtype=np.int32)
        all_codes = np.concatenate([self._codes, codes])
        all_owners = np.concatenate([self._owners, owners])
        order = np.argsort(all_codes, kind="stable")
        self._codes = all_codes[order]
        self._owners = all_owners[order]
        self._recent = {}
        self._recent_size = 0


def _decode(signature: bytes) -> tuple[int, np.ndarray]:
    """(shingle count, hash values) of a signature; InputError when it is not one of ours."""
    if len(signature) < _HEADER.size:
        raise InputError(f"dedup signature of {len(signature)} bytes is too short to be one")
    magic, num_perm, count = _HEADER.unpack_from(signature)
    if magic != _MAGIC or len(signature) != _HEADER.size + 4 * num_perm:
        raise InputError(
            f"dedup signature is not a sitrep MinHash signature (magic {magic!r}, "
            f"{len(signature)} bytes for {num_perm} permutations)"
        )
    values = np.frombuffer(signature, dtype="<u4", offset=_HEADER.size)
    return count, values


def signature_jaccard(a: bytes, b: bytes) -> float:
    """Jaccard similarity estimated from two signatures (0.0 when either text was empty)."""
    count_a, values_a = _decode(a)
    count_b, values_b = _decode(b)
    if len(values_a) != len(values_b):
        raise InputError(
            f"dedup signatures differ in size ({len(values_a)} vs {len(values_b)} permutations)"
        )
    if count_a == 0 or count_b == 0:
        return 0.0
    return float(np.count_nonzero(values_a == values_b)) / len(values_a)


class NearDuplicateIndex:
    """Find articles whose text is nearly the same as a given text.

    ``threshold`` is the estimated Jaccard similarity (of ``shingle_size``-word shingles) a
    candidate must reach to be reported. ``bands`` x ``rows`` permutations feed the LSH keys
    (the rest only sharpen verification). With the defaults a pair at Jaccard 0.35 becomes a
    candidate with probability 0.84, at 0.45 with 0.98 and at 0.5 with 0.996, while unrelated
    articles (Jaccard about 0.03) almost never do (see docs/dedup.md for the measured curve).
    """

    def __init__(
        self,
        store: KeyStore | None = None,
        *,
        num_perm: int = DEFAULT_NUM_PERM,
        threshold: float = DEFAULT_THRESHOLD,
        shingle_size: int = DEFAULT_SHINGLE_SIZE,
        bands: int = DEFAULT_BANDS,
        rows: int = DEFAULT_ROWS,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"dedup threshold must be in (0, 1], got {threshold}")
        if bands < 1 or rows < 1 or bands * rows > num_perm:
            raise ConfigError(
                f"dedup LSH needs bands x rows <= num_perm, got {bands} x {rows} > {num_perm}"
            )
        if num_perm > 250:
            raise ConfigError(f"dedup num_perm {num_perm} would make signatures exceed 1 KB")
        self.store: KeyStore = store if store is not None else MemoryKeyStore()
        self.num_perm = num_perm
        self.threshold = threshold
        self.shingle_size = shingle_size
        self.bands = bands
        self.rows = rows
        # Built once: creating the permutations is the costly part of a fresh MinHash.
        self._template = MinHash(num_perm=num_perm, seed=_SEED)

    # ----------------------------------------------------------------- signatures and keys

    def signature(self, text: str) -> bytes:
        """The MinHash signature of ``text``'s shingles as compact bytes (<= 1 KB)."""
        grams = shingles(text, self.shingle_size)
        minhash = self._template.copy()
        if grams:
            minhash.update_batch([g.encode("utf-8") for g in grams])
        values = np.asarray(minhash.hashvalues, dtype="<u4")
        return _HEADER.pack(_MAGIC, self.num_perm, len(grams)) + values.tobytes()

    def keys(self, signature: bytes) -> list[str]:
        """LSH band keys of a signature, none for an empty text.

        Each key is 10 characters: the band number (2 digits) then a 48-bit hash of the band's
        values in URL-safe base64. Short keys keep the key table small (42 keys per article).
        """
        count, values = self._checked(signature)
        if count == 0:
            return []
        keys = []
        for band in range(self.bands):
            chunk = values[band * self.rows : (band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=6).digest()
            keys.append(f"{band:02d}{base64.urlsafe_b64encode(digest).decode('ascii')}")
        return keys

    # ----------------------------------------------------------------- search and add

    def query(
        self, text: str | None = None, *, signature: bytes | None = None
    ) -> list[tuple[str, float]]:
        """Stored articles nearly the same as ``text``: ``(article_id, estimated Jaccard)``,
        best first (ties by id), only those reaching the threshold."""
        signature = self._resolve(text, signature)
        return self.verify(signature, self.keys(signature))

    def verify(self, signature: bytes, keys: Sequence[str]) -> list[tuple[str, float]]:
        """:meth:`query` for a signature whose band ``keys`` are already computed."""
        count, values = self._checked(signature)
        if count == 0:
            return []
        found: list[tuple[str, float]] = []
        candidates = sorted(self.store.candidates(keys))
        bulk = getattr(self.store, "signatures", None)
        if callable(bulk):  # one round trip instead of one per candidate (database stores)
            stored_by_id: dict[str, bytes | None] = dict(bulk(candidates))
        else:
            stored_by_id = {c: self.store.signature(c) for c in candidates}
        for article_id in candidates:
            stored = stored_by_id.get(article_id)
            if stored is None:
                continue
            stored_count, stored_values = _decode(stored)
            if stored_count == 0 or len(stored_values) != len(values):
                continue
            similarity = float(np.count_nonzero(stored_values == values)) / len(values)
            if similarity >= self.threshold:
                found.append((article_id, similarity))
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found

    def add(
        self,
        article_id: str,
        text: str | None = None,
        *,
        signature: bytes | None = None,
        extra_keys: Sequence[str] = (),
        keys: Sequence[str] | None = None,
    ) -> bytes:
        """Index an article (idempotent) and return its signature.

        ``extra_keys`` are stored alongside the band keys (the exact-copy hash key, for one),
        so one key table answers both kinds of lookup. ``keys`` are the signature's band keys
        when the caller has them already (:meth:`keys` of the same signature).
        """
        signature = self._resolve(text, signature)
        self._checked(signature)
        bands = list(keys) if keys is not None else self.keys(signature)
        self.store.add(article_id, [*bands, *extra_keys], signature)
        return signature

    # ----------------------------------------------------------------- helpers

    def _resolve(self, text: str | None, signature: bytes | None) -> bytes:
        if (text is None) == (signature is None):
            raise InputError("dedup index needs exactly one of text or signature")
        return signature if signature is not None else self.signature(text or "")

    def _checked(self, signature: bytes) -> tuple[int, np.ndarray]:
        count, values = _decode(signature)
        if len(values) != self.num_perm:
            raise InputError(
                f"dedup signature has {len(values)} permutations, this index uses {self.num_perm}"
            )
        return count, values
