"""The near-duplicate index: reposts match their original, independent write-ups do not."""

from __future__ import annotations

import random

import pytest

from sitrep.dedup import (
    Clusters,
    Deduplicator,
    KeyStore,
    MemoryKeyStore,
    NearDuplicateIndex,
    signature_jaccard,
)
from sitrep.errors import InputError

ORIGINAL = "\n\n".join(
    [
        "Iran-backed militants fired four one-way attack drones at Harir air base north of Erbil "
        "shortly after midnight on Tuesday, a US defense official said.",
        "Coalition air defences shot down two of the drones while the rest fell inside the "
        "perimeter, causing minor damage to a hangar and a fuel truck.",
        "Kataib Hezbollah claimed the attack in a Telegram post published hours later, saying it "
        "had struck an occupation base in response to the killing of one of its commanders.",
        "\u201cWe will not tolerate these reckless attacks,\u201d Pentagon press secretary Noor "
        "Haddad told reporters on Tuesday, adding that three service members had minor injuries.",
        "A farmer who lives 12 km away, Karim Salih, said he heard five loud bangs and saw "
        "flashes on the horizon before the sirens started.",
        "Iraqi security forces later found a burnt-out truck 9 km south of the base with two "
        "unused launch rails still on it, a police source said.",
        "Militias aligned with Iran have attacked US forces in Iraq and Syria more than 160 "
        "times since October 17, according to the Pentagon.",
        "Flights at Erbil airport were briefly diverted for about 40 minutes as a precaution "
        "while the area around the base was searched by Kurdish counter-terrorism units.",
    ]
)

# The same drone attack written up independently by another outlet: same facts, own words.
INDEPENDENT = "\n\n".join(
    [
        "Harir air base in the Kurdistan Region came under attack on Tuesday when four drones "
        "targeted the facility, which hosts US-led coalition troops, according to officials.",
        "Two of the drones were intercepted. Three American service members suffered minor "
        "injuries and were treated at the scene, the Pentagon said.",
        "Kataib Hezbollah, one of the most powerful Iran-aligned factions, said in a statement it "
        "was behind the operation.",
        "Pentagon press secretary Noor Haddad said Washington would respond at a time and place "
        "of its choosing. Tehran's allies in the region have hit US troops about 160 times since "
        "mid-October, by the count of defense officials.",
    ]
)


def repost(text: str, seed: int = 1) -> str:
    """Another outlet's copy: boilerplate around it, two paragraphs cut, a few words edited."""
    rng = random.Random(seed)
    paragraphs = text.split("\n\n")
    del paragraphs[5]
    del paragraphs[2]
    words = "\n\n".join(paragraphs).split(" ")
    for i in rng.sample(range(len(words)), 6):
        words[i] = words[i].upper() if i % 2 else words[i][::-1]
    return "\n\n".join(
        [
            "This article first appeared on Tigris Daily. Republished with permission.",
            "Share this article: Facebook | Twitter | Email",
            " ".join(words),
            "Support our work. We rely on readers like you: donate now and help us keep "
            "reporting from the region.",
        ]
    )


@pytest.fixture
def index() -> NearDuplicateIndex:
    return NearDuplicateIndex(MemoryKeyStore())


def test_wrapped_trimmed_edited_repost_matches_its_original(index: NearDuplicateIndex) -> None:
    index.add("original", ORIGINAL)
    found = index.query(repost(ORIGINAL))
    assert [article_id for article_id, _ in found] == ["original"]
    assert found[0][1] >= index.threshold


def test_independent_article_about_the_same_event_is_not_a_duplicate(
    index: NearDuplicateIndex,
) -> None:
    index.add("original", ORIGINAL)
    assert index.query(INDEPENDENT) == []


def test_exact_copy_in_another_form_is_found_by_hash() -> None:
    dedup = Deduplicator()
    dedup.add("a", ORIGINAL)
    copy = ORIGINAL.upper().replace("\u201c", '"').replace("\u201d", '"').replace(" ", "  ")
    match = dedup.add("b", copy)
    assert (match.duplicate_of, match.method, match.similarity) == ("a", "exact", 1.0)


def test_repost_chain_forms_one_cluster_and_independent_article_stays_apart() -> None:
    dedup = Deduplicator()
    clusters = Clusters()
    for article_id, text in [
        ("a1", ORIGINAL),
        ("a2", repost(ORIGINAL, seed=2)),
        ("a3", INDEPENDENT),
        ("a4", ORIGINAL + "\n\nDonate today."),
    ]:
        clusters.add(article_id)
        match = dedup.add(article_id, text)
        for other, _ in match.matches:
            clusters.link(article_id, other)
    assert sorted(clusters.groups().values()) == [["a1", "a2", "a4"], ["a3"]]


def test_a_late_original_bridges_copies_that_do_not_match_each_other() -> None:
    """Regression: linking only the best match left one of two partial copies unclustered
    when their original arrived after both."""
    paragraphs = ORIGINAL.split("\n\n")
    head, tail = "\n\n".join(paragraphs[:5]), "\n\n".join(paragraphs[3:])
    dedup = Deduplicator()
    assert dedup.add("head", head).duplicate_of is None
    assert dedup.add("tail", tail).duplicate_of is None  # too little overlap with "head"
    match = dedup.add("original", ORIGINAL)
    assert sorted(other for other, _ in match.matches) == ["head", "tail"]
    assert match.method == "near"


def test_add_is_idempotent(index: NearDuplicateIndex) -> None:
    store = index.store
    assert isinstance(store, MemoryKeyStore)
    index.add("a", ORIGINAL)
    snapshot = (
        len(store),
        store.signature("a"),
        store.candidates(index.keys(store.signature("a") or b"")),
    )
    index.add("a", ORIGINAL)
    index.add("a", signature=index.signature(ORIGINAL))
    again = (
        len(store),
        store.signature("a"),
        store.candidates(index.keys(store.signature("a") or b"")),
    )
    assert snapshot == again == (1, index.signature(ORIGINAL), {"a"})


def test_an_article_never_matches_itself() -> None:
    dedup = Deduplicator()
    dedup.add("a", ORIGINAL)
    assert dedup.add("a", ORIGINAL).duplicate_of is None


class DictKeyStore:
    """A second KeyStore implementation, as a database would provide: plain rows of
    (key, article_id) and a signature column, kept outside the index."""

    def __init__(self) -> None:
        self.rows: set[tuple[str, str]] = set()
        self.signatures: dict[str, bytes] = {}

    def add(self, article_id: str, keys: list[str], signature: bytes) -> None:
        self.rows.update((key, article_id) for key in keys)
        self.signatures[article_id] = signature

    def candidates(self, keys: list[str]) -> set[str]:
        wanted = set(keys)
        return {article_id for key, article_id in self.rows if key in wanted}

    def signature(self, article_id: str) -> bytes | None:
        return self.signatures.get(article_id)


STORES = [pytest.param(MemoryKeyStore, id="memory"), pytest.param(DictKeyStore, id="rows")]


@pytest.mark.parametrize("make_store", STORES)
def test_index_persists_through_the_key_store_protocol(make_store: type) -> None:
    store = make_store()
    assert isinstance(store, KeyStore)
    Deduplicator(NearDuplicateIndex(store)).add("original", ORIGINAL)
    # A new index over the same store (a later run reopening the database) finds the original,
    # both as a near duplicate and as an exact copy.
    reopened = Deduplicator(NearDuplicateIndex(store))
    assert [i for i, _ in reopened.index.query(repost(ORIGINAL))] == ["original"]
    assert reopened.check("copy", ORIGINAL.upper()).method == "exact"


@pytest.mark.parametrize("make_store", STORES)
def test_key_store_add_is_idempotent(make_store: type) -> None:
    store, index = make_store(), NearDuplicateIndex()
    signature = index.signature(ORIGINAL)
    keys = index.keys(signature)
    for _ in range(3):
        store.add("a", keys, signature)
    assert store.candidates(keys) == {"a"}
    assert store.signature("a") == signature
    assert store.signature("unknown") is None


def test_keys_are_short() -> None:
    index = NearDuplicateIndex()
    keys = Deduplicator(index).check("a", ORIGINAL).keys
    assert len(keys) == index.bands + 1
    assert all(len(key) == 10 for key in keys[:-1]) and len(keys[-1]) == 24


def test_memory_store_answers_after_its_postings_are_merged() -> None:
    store = MemoryKeyStore()
    index = NearDuplicateIndex(store)
    for n in range(300):  # enough postings to force merges into the sorted arrays
        index.add(f"filler{n}", f"bulletin number {n} about weather {n * 7} and markets {n * 13}")
    index.add("original", ORIGINAL)
    assert [i for i, _ in index.query(repost(ORIGINAL))] == ["original"]
    assert "filler5" in store.candidates(
        index.keys(index.signature("bulletin number 5 about weather 35 and markets 65"))
    )


def test_signature_is_compact_and_self_describing(index: NearDuplicateIndex) -> None:
    signature = index.signature(ORIGINAL)
    assert len(signature) <= 1024
    assert signature_jaccard(signature, signature) == 1.0
    assert index.keys(index.signature("")) == []
    assert index.query("") == []


@pytest.mark.parametrize("bad", [b"", b"xx", b"M1" + b"\x00" * 10])
def test_foreign_bytes_are_rejected_with_a_reason(index: NearDuplicateIndex, bad: bytes) -> None:
    with pytest.raises(InputError, match="signature"):
        index.query(signature=bad)


def test_signatures_from_an_index_of_another_size_are_rejected() -> None:
    small = NearDuplicateIndex(num_perm=64, bands=16, rows=2)
    with pytest.raises(InputError, match="permutations"):
        NearDuplicateIndex().query(signature=small.signature(ORIGINAL))
