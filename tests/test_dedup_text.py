"""Normalisation, exact hashes and shingles: copies that differ only in form hash alike."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.dedup.text import exact_hash, normalize_for_hash, shingles
from sitrep.errors import ConfigError


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rockets hit the base.", "ROCKETS  hit\nthe base"),
        ("He said \u201cno\u201d.", 'He said "no".'),
        ("The militia\u2019s drone", "The militia's drone"),
        ("The militia`s drone", "The militia's drone"),
        ("Attack near Erbil - officials", "Attack near Erbil, officials!"),
        ("\uff13 rockets", "3 rockets"),  # full-width digit
    ],
)
def test_copies_differing_in_form_hash_alike(a: str, b: str) -> None:
    assert exact_hash(a) == exact_hash(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("3 rockets hit the base", "8 rockets hit the base"),
        ("1,500 troops", "1,600 troops"),
        ("drones hit Erbil", "drones hit Harir"),
    ],
)
def test_different_facts_hash_apart(a: str, b: str) -> None:
    assert exact_hash(a) != exact_hash(b)


def test_normalisation_keeps_in_word_punctuation_and_digits() -> None:
    assert (
        normalize_for_hash("U.S. forces: 1,500 troops, don\u2019t")
        == "u.s forces 1,500 troops don't"
    )


def test_shingles_are_word_k_grams() -> None:
    assert shingles("a b c d", k=2) == {"a b", "b c", "c d"}
    assert shingles("Only two", k=4) == {"only two"}
    assert shingles("  ...  ", k=4) == set()


def test_shingle_size_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="shingle size"):
        shingles("text", k=0)


@given(st.text(max_size=200))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_for_hash(text)
    assert normalize_for_hash(once) == once
    assert exact_hash(once) == exact_hash(text)


def test_public_names_of_the_dedup_package_are_pinned() -> None:
    import sitrep.dedup

    assert sorted(sitrep.dedup.__all__) == [
        "ArticleInfo", "Clusters", "Deduplicator", "DuplicateMatch", "HashingEncoder",
        "KeyStore", "MemoryKeyStore", "MiniLMEncoder", "NearDuplicateIndex", "StoryLinker",
        "choose_canonical", "exact_hash", "inherit", "normalize_for_hash", "shingles",
        "signature_jaccard", "story_text",
    ]  # fmt: skip
    assert all(hasattr(sitrep.dedup, name) for name in sitrep.dedup.__all__)
