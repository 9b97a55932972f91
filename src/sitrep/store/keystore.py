"""The duplicate index's key store on the database (``dedup_keys`` + ``articles.minhash``).

Implements :class:`sitrep.dedup.minhash.KeyStore` inside the caller's session, so the keys of an
article are committed in the same transaction as the article itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import TextClause, insert, select, text
from sqlalchemy.orm import Session

from sitrep.store.schema import Article, DedupKey

#: Keys per IN (...) query: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500
#: Candidates handed to the index for verification per lookup, and holders read per key.
MAX_CANDIDATES = 200
PER_KEY = 200
#: Band keys looked up by one statement (its parameters stay far below the limits).
_KEYS_PER_STATEMENT = 128


class SqlKeyStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, article_id: str, keys: Sequence[str], signature: bytes) -> None:
        article = self.session.get(Article, article_id)
        indexed_before = article is None or article.minhash is not None
        if article is not None:
            article.minhash = signature
        have: set[str] = set()
        if indexed_before:  # only an article indexed before can hold keys already
            have = set(
                self.session.scalars(select(DedupKey.key).where(DedupKey.article_id == article_id))
            )
        rows = [{"key": k, "article_id": article_id} for k in dict.fromkeys(keys) if k not in have]
        self.session.flush()
        if rows:  # one multi-row INSERT instead of one ORM object per key
            self.session.execute(insert(DedupKey), rows)

    def candidates(self, keys: Sequence[str]) -> set[str]:
        """Articles sharing band keys, those sharing the most first, at most MAX_CANDIDATES.

        Boilerplate makes some band keys common to thousands of articles. Each key contributes
        at most PER_KEY holders, so a lookup costs the same however large the corpus grows: a
        real copy shares many keys, rare ones among them, and is found through those (a common
        key works like a stop word). The count of shared bands tracks the Jaccard similarity, so
        the best candidates are kept.

        One statement per lookup (a UNION ALL of the per-key lookups, counted and ranked by the
        database): one query per key cost ~0.3 ms of statement overhead each, 64 per article.
        """
        unique = list(dict.fromkeys(keys))
        if not unique:
            return set()
        if len(unique) <= _KEYS_PER_STATEMENT:
            return set(self._ranked(unique))
        # more keys than one statement takes (not with the pipeline's 64 bands)
        return self._ranked_python(unique)

    def _ranked(self, keys: list[str]) -> list[str]:
        # each holder list in key order (the primary key's), as LIMIT without ORDER BY read it;
        # plain SQL text, built once per key count: building the SQLAlchemy construct of 64
        # subqueries cost more than running it
        statement = _ranked_sql(len(keys))
        params: dict[str, object] = {f"k{i}": key for i, key in enumerate(keys)}
        params["per_key"], params["best"] = PER_KEY, MAX_CANDIDATES
        return [row[0] for row in self.session.execute(statement, params)]

    def _ranked_python(self, keys: list[str]) -> set[str]:
        shared: Counter[str] = Counter()
        for key in keys:
            shared.update(
                self.session.scalars(
                    select(DedupKey.article_id)
                    .where(DedupKey.key == key)
                    .order_by(DedupKey.article_id)
                    .limit(PER_KEY)
                )
            )
        best = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        return {article_id for article_id, _ in best}

    def signature(self, article_id: str) -> bytes | None:
        return self.session.scalar(select(Article.minhash).where(Article.id == article_id))

    def signatures(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """Signatures of many articles in one round trip per chunk."""
        found: dict[str, bytes] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), _CHUNK):
            rows = self.session.execute(
                select(Article.id, Article.minhash).where(Article.id.in_(ids[i : i + _CHUNK]))
            )
            found.update({aid: sig for aid, sig in rows if sig is not None})
        return found


@lru_cache(maxsize=8)
def _ranked_sql(count: int) -> TextClause:
    """The ranked-candidates statement for ``count`` band keys (valid SQLite and PostgreSQL)."""
    per_key = " UNION ALL ".join(
        f"SELECT article_id FROM (SELECT article_id FROM dedup_keys WHERE key = :k{i} "
        f"ORDER BY article_id LIMIT :per_key) AS h{i}"
        for i in range(count)
    )
    return text(
        f"SELECT article_id, COUNT(*) AS shared FROM ({per_key}) AS holders "
        "GROUP BY article_id ORDER BY shared DESC, article_id LIMIT :best"
    )
