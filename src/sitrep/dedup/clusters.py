"""Duplicate clusters: which copy speaks for the cluster, and what the others inherit from it.

A cluster holds copies of one text (exact copies and reposts). One member is the canonical
article: the pipeline extracts events from it and cites the others as further sources. Reposts
often lose metadata on the way (no date, no byline, no title); they inherit what they miss from
the cluster, and every inherited value names the article it came from so that it can be traced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sitrep.errors import InputError

__all__ = ["ArticleInfo", "Clusters", "choose_canonical", "inherit"]


@dataclass
class ArticleInfo:
    """What dedup needs to know about one article of a cluster."""

    article_id: str
    text_length: int
    published: datetime | None = None
    published_precision: str | None = None  # day, week, month, year
    published_from: str | None = None  # meta, json-ld, byline, dateline, url, inherited ...
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    original_outlet: str | None = None
    url: str | None = None


# Lower is better. A day beats a month; a date the page states in its metadata beats one read
# off the text or the URL; a fetch time (warc/http) says when we saw it, not when it appeared;
# an inherited date is second-hand and never makes an article canonical.
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_SOURCE_RANK = {
    "meta": 0, "json-ld": 0,
    "byline": 1, "feed": 1, "user": 1,
    "dateline": 2,
    "url": 3,
    "warc": 4, "http": 4,
    "inherited": 6,
}  # fmt: skip
_UNKNOWN_SOURCE_RANK = 5


def _utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC so that naive and aware dates can be ordered."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _is_repost(member: ArticleInfo) -> bool:
    """The article credits another outlet as the origin of its text."""
    return bool(member.original_outlet) and member.original_outlet != member.outlet


def _rank(member: ArticleInfo) -> tuple[Any, ...]:
    """Sort key of a member: the canonical article sorts first."""
    dated = member.published is not None
    inherited = member.published_from == "inherited"
    return (
        0 if dated and not inherited else 1,
        _PRECISION_RANK.get(member.published_precision or "", 4) if dated else 5,
        _SOURCE_RANK.get(member.published_from or "", _UNKNOWN_SOURCE_RANK) if dated else 7,
        1 if _is_repost(member) else 0,
        -member.text_length,
        _utc(member.published).timestamp() if member.published is not None else float("inf"),
        member.article_id,
    )


def choose_canonical(members: list[ArticleInfo]) -> str:
    """Id of the article that speaks for the cluster.

    Order: best-dated first (has a date of its own, day over week over month, metadata or
    JSON-LD over byline/dateline over URL over fetch time), then an original over a repost
    crediting another outlet (a repost is often longer only by its boilerplate), then the
    longest text, then the earliest published, then the smallest id (so the choice is stable).
    """
    if not members:
        raise InputError("cannot choose a canonical article of an empty duplicate cluster")
    return min(members, key=_rank).article_id


def inherit(members: list[ArticleInfo], canonical_id: str) -> dict[str, dict[str, Any]]:
    """Per article id, the metadata it should take from the cluster.

    Only missing fields are filled; nothing is overwritten. Each fill is
    ``{"value": ..., "inherited_from": article_id}`` (``published`` adds ``"precision"``);
    the donor is the canonical article when it has the field, else the best-ranked member that
    has it. ``outlet`` is not inherited (a copy found elsewhere was not published by the
    original outlet); instead an article from a different or unknown outlet gets
    ``original_outlet`` = the canonical article's own credited origin or its outlet.
    Every member appears in the result, with an empty dict when it has nothing to fill.
    """
    by_id = {m.article_id: m for m in members}
    if canonical_id not in by_id:
        raise InputError(f"canonical article {canonical_id!r} is not a member of its cluster")
    canonical = by_id[canonical_id]
    donors = [canonical] + sorted((m for m in members if m.article_id != canonical_id), key=_rank)

    def donor_of(field_name: str, receiver: ArticleInfo) -> ArticleInfo | None:
        for donor in donors:
            if donor is receiver:
                continue
            if field_name == "published" and donor.published_from == "inherited":
                continue  # never pass on a second-hand date as if it were first-hand
            if getattr(donor, field_name):
                return donor
        return None

    fills: dict[str, dict[str, Any]] = {}
    origin = canonical.original_outlet or canonical.outlet
    for member in members:
        filled: dict[str, Any] = {}
        if member.published is None:
            donor = donor_of("published", member)
            if donor is not None:
                filled["published"] = {
                    "value": donor.published,
                    "precision": donor.published_precision,
                    "inherited_from": donor.article_id,
                }
        for name in ("title", "author"):
            if not getattr(member, name):
                donor = donor_of(name, member)
                if donor is not None:
                    filled[name] = {
                        "value": getattr(donor, name),
                        "inherited_from": donor.article_id,
                    }
        if (
            not member.original_outlet
            and member is not canonical
            and origin
            and member.outlet != origin
        ):
            filled["original_outlet"] = {"value": origin, "inherited_from": canonical.article_id}
        fills[member.article_id] = filled
    return fills


class Clusters:
    """Union-find over article ids: links between duplicates become clusters.

    The representative of a cluster is its smallest id, so cluster ids do not depend on the
    order links arrive in.
    """

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, article_id: str) -> None:
        """Make sure ``article_id`` is known (a cluster of one until linked)."""
        self._parent.setdefault(article_id, article_id)

    def find(self, article_id: str) -> str:
        """The cluster id of ``article_id``."""
        self.add(article_id)
        root = article_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[article_id] != root:  # path compression
            self._parent[article_id], article_id = root, self._parent[article_id]
        return root

    def link(self, a: str, b: str) -> str:
        """Put ``a`` and ``b`` in one cluster; returns its id."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return root_a
        low, high = sorted((root_a, root_b))
        self._parent[high] = low
        return low

    def groups(self, min_size: int = 1) -> dict[str, list[str]]:
        """Cluster id -> sorted member ids, for clusters of at least ``min_size``."""
        out: dict[str, list[str]] = {}
        for article_id in self._parent:
            out.setdefault(self.find(article_id), []).append(article_id)
        return {k: sorted(v) for k, v in out.items() if len(v) >= min_size}

    def update(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Link every pair."""
        for a, b in pairs:
            self.link(a, b)
