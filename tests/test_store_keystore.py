"""The duplicate index on the database: keys and signatures survive reopening the store."""

from __future__ import annotations

import hashlib

from sitrep.dedup.minhash import KeyStore, NearDuplicateIndex
from sitrep.store import Article, Blob, Store
from sitrep.store.keystore import SqlKeyStore

ORIGINAL = (
    "A US drone strike on a vehicle in eastern Baghdad on Wednesday killed a senior commander "
    "of Kataib Hezbollah whom Washington held responsible for attacks on its forces, US Central "
    "Command said. The strike hit the car in the Mashtal neighbourhood at about 9:30 pm."
)
REPOST = "Donate to keep us independent.\n\n" + ORIGINAL.replace("about", "around")
OTHER = "Protesters gathered in Tahrir Square on Friday to demand jobs and better services."


def add_article(store: Store, article_id: str, text: str) -> None:
    sha = hashlib.sha256(text.encode()).hexdigest()
    with store.transaction() as s:
        if s.get(Blob, sha) is None:
            s.add(Blob(sha256=sha, size=len(text), data=text.encode()))
            s.flush()
        s.add(Article(id=article_id, source=article_id, content_hash=sha, text=text, status="ok"))


def test_store_keystore_satisfies_the_protocol_and_persists(store: Store) -> None:
    add_article(store, "orig", ORIGINAL)
    add_article(store, "other", OTHER)
    with store.transaction() as s:
        keys = SqlKeyStore(s)
        assert isinstance(keys, KeyStore)
        index = NearDuplicateIndex(keys, threshold=0.3, shingle_size=3, bands=32, rows=2)
        index.add("orig", ORIGINAL)
        index.add("orig", ORIGINAL)  # idempotent
        index.add("other", OTHER)
    with store.session() as s:  # a later run, a new session
        index = NearDuplicateIndex(SqlKeyStore(s), threshold=0.3, shingle_size=3, bands=32, rows=2)
        found = [aid for aid, _ in index.query(REPOST)]
        assert found == ["orig"]
        sigs = SqlKeyStore(s).signatures(["orig", "other", "missing"])
        assert set(sigs) == {"orig", "other"}
        assert sigs["orig"] == SqlKeyStore(s).signature("orig")
