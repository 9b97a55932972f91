"""The database key store ranks duplicate candidates like its specification says.

``SqlKeyStore.candidates`` answers in one statement; these tests pin it to the plain reading of
its contract: each key contributes its first PER_KEY holders (by article id), holders are ranked
by the number of keys they share, ties by id, and at most MAX_CANDIDATES are kept.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter

import pytest
from sqlalchemy import insert

from sitrep.store import Article, Blob, DedupKey, Store
from sitrep.store.keystore import MAX_CANDIDATES, PER_KEY, SqlKeyStore


def reference(postings: dict[str, list[str]], keys: list[str]) -> set[str]:
    """The contract, computed in Python on the stored postings."""
    shared: Counter[str] = Counter()
    for key in dict.fromkeys(keys):
        shared.update(sorted(postings.get(key, []))[:PER_KEY])
    best = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
    return {article_id for article_id, _ in best}


def fill(store: Store, postings: dict[str, list[str]]) -> None:
    ids = sorted({a for holders in postings.values() for a in holders})
    with store.transaction() as s:
        s.add(Blob(sha256=hashlib.sha256(b"x").hexdigest(), size=1, data=b"x"))
        s.flush()
        s.execute(
            insert(Article),
            [{"id": a, "source": a, "content_hash": hashlib.sha256(b"x").hexdigest()} for a in ids],
        )
        rows = [{"key": k, "article_id": a} for k, holders in postings.items() for a in holders]
        s.execute(insert(DedupKey), rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dedup_keystore_candidates_match_the_contract(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    articles = [f"a{i:04d}" for i in range(600)]
    postings: dict[str, list[str]] = {
        # a boilerplate key held by more than PER_KEY articles: only the first PER_KEY count
        "common": rng.sample(articles, PER_KEY + 150),
        # a second common key, so shared counts tie at the MAX_CANDIDATES boundary
        "frequent": rng.sample(articles, PER_KEY + 50),
    }
    for k in range(40):
        postings[f"k{k:02d}"] = rng.sample(articles, rng.randint(1, 40))
    fill(store, postings)
    queries = [
        list(postings),
        ["common", "frequent"],
        ["k01", "k02", "k01", "missing"],
        ["missing"],
        rng.sample(list(postings), 10),
    ]
    with store.session() as s:
        keystore = SqlKeyStore(s)
        for keys in queries:
            assert keystore.candidates(keys) == reference(postings, keys)
        assert keystore.candidates([]) == set()


def test_dedup_keystore_candidates_many_keys(sqlite_store: Store) -> None:
    """More keys than one statement takes are still ranked over all of them."""
    articles = [f"b{i:03d}" for i in range(300)]
    postings = {f"key{k:03d}": articles[k : k + 5 + k % 7] for k in range(290)}
    fill(sqlite_store, postings)
    with sqlite_store.session() as s:
        assert SqlKeyStore(s).candidates(list(postings)) == reference(postings, list(postings))
