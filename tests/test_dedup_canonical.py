"""Which copy speaks for a cluster, and what the other copies inherit from it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.dedup import ArticleInfo, Clusters, choose_canonical, inherit
from sitrep.errors import InputError

DAY = datetime(2024, 1, 28, 9, 0, tzinfo=UTC)
LATER = datetime(2024, 1, 29, 9, 0, tzinfo=UTC)


def info(article_id: str, length: int = 1000, **fields: object) -> ArticleInfo:
    return ArticleInfo(article_id=article_id, text_length=length, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("members", "expected", "why"),
    [
        ([info("a"), info("b", published=DAY, published_precision="day", published_from="meta")],
         "b", "a dated article beats an undated one, even a longer one"),
        ([info("a", published=DAY, published_precision="month", published_from="meta"),
          info("b", 500, published=LATER, published_precision="day", published_from="url")],
         "b", "day precision beats month precision"),
        ([info("a", 3000, published=DAY, published_precision="day", published_from="url"),
          info("b", 900, published=DAY, published_precision="day", published_from="json-ld")],
         "b", "a date from metadata beats one read off the URL"),
        ([info("a", 3000, published=DAY, published_precision="day", published_from="inherited"),
          info("b", 900, published=LATER, published_precision="day", published_from="dateline")],
         "b", "an inherited date never makes an article canonical"),
        ([info("a", 900, published=DAY, published_precision="day", published_from="meta"),
          info("b", 1500, published=LATER, published_precision="day", published_from="meta")],
         "b", "with equally good dates the longest text wins"),
        ([info("a", 1000, published=LATER, published_precision="day", published_from="meta"),
          info("b", 1000, published=DAY, published_precision="day", published_from="meta")],
         "b", "then the earliest published"),
        ([info("b", 1000), info("a", 1000)], "a", "then the smallest id"),
        ([info("orig", 900, published=DAY, published_precision="day", published_from="meta",
               outlet="Tigris Daily"),
          info("copy", 1400, published=DAY, published_precision="day", published_from="meta",
               outlet="Antiwar Digest", original_outlet="Tigris Daily")],
         "orig", "an original beats a longer repost crediting it"),
    ],
)  # fmt: skip
def test_canonical_choice(members: list[ArticleInfo], expected: str, why: str) -> None:
    assert choose_canonical(members) == expected, why


def test_naive_and_aware_dates_can_be_compared() -> None:
    members = [
        info(
            "a", published=datetime(2024, 1, 29), published_precision="day", published_from="meta"
        ),
        info("b", published=DAY, published_precision="day", published_from="meta"),
    ]
    assert choose_canonical(members) == "b"


def test_empty_cluster_is_an_error() -> None:
    with pytest.raises(InputError, match="empty"):
        choose_canonical([])


def test_inheritance_fills_only_what_is_missing_and_names_the_donor() -> None:
    original = info(
        "orig", published=DAY, published_precision="day", published_from="meta",
        title="Drones hit Harir air base", outlet="Tigris Daily", author="Noor Haddad",
    )  # fmt: skip
    repost = info("copy", outlet="Antiwar Digest", title="Repost title")
    bare = info("bare", author="Someone Else")
    fills = inherit([original, repost, bare], "orig")
    assert fills["orig"] == {}
    assert fills["copy"] == {
        "published": {"value": DAY, "precision": "day", "inherited_from": "orig"},
        "author": {"value": "Noor Haddad", "inherited_from": "orig"},
        "original_outlet": {"value": "Tigris Daily", "inherited_from": "orig"},
    }
    assert fills["bare"]["title"] == {
        "value": "Drones hit Harir air base",
        "inherited_from": "orig",
    }
    assert "author" not in fills["bare"]  # never overwritten


def test_canonical_inherits_from_other_members_and_never_a_second_hand_date() -> None:
    canonical = info("a", 2000)
    inherited_date = info("b", published=DAY, published_precision="day", published_from="inherited")
    with_author = info("c", author="Karim Salih")
    fills = inherit([canonical, inherited_date, with_author], "a")
    assert "published" not in fills["a"]
    assert fills["a"]["author"] == {"value": "Karim Salih", "inherited_from": "c"}


def test_canonical_must_be_a_member() -> None:
    with pytest.raises(InputError, match="not a member"):
        inherit([info("a")], "z")


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=40))
def test_clusters_do_not_depend_on_link_order(links: list[tuple[int, int]]) -> None:
    forward, backward = Clusters(), Clusters()
    forward.update((f"a{x}", f"a{y}") for x, y in links)
    backward.update((f"a{y}", f"a{x}") for x, y in reversed(links))
    assert forward.groups() == backward.groups()
    for cluster_id, members in forward.groups().items():
        assert cluster_id == min(members)
