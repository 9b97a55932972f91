"""The stages in order. Reading this module shows sitrep's whole data flow.

    inputs ──► read (RawItem) ──► store raw bytes ──► parse & clean (ParsedArticle)
           ──► duplicates (exact hash, MinHash LSH) ──► canonical copy, inherited metadata
           ──► story (sentence embeddings) ──► extract events (Analysis)
           ──► resolve: merge each extracted event into the stored events ──► commit

Every item gets a recorded outcome per stage. The raw bytes are committed before any processing,
and everything after that for one batch of articles is one transaction: a crash leaves the
articles ``pending`` (retried by the next run), never half-written.

The pure, CPU-bound work (parsing, sentence embeddings, event extraction) goes through a
*mapper*: in order on this process by default, or on dask workers (:mod:`sitrep.distributed`).
Everything that reads or writes the store (duplicates, stories, merging) runs on this process in
input order, so a distributed run gives exactly the same articles, clusters and events.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitrep.errors import SitrepError
from sitrep.models import Analysis, Document, EventRecord, ParsedArticle, RawItem, Source, to_dict
from sitrep.stages import STAGE_VERSIONS, check_chain
from sitrep.store.db import Store
from sitrep.store.insert import insert_or_ignore
from sitrep.store.keystore import SqlKeyStore
from sitrep.store.schema import Article, Blob, Event, Mention, utcnow

# The worker side (the per-item stages the mapper runs) lives in sitrep.workers; import its
# names from there. This module imports only what the writer itself uses.
from sitrep.workers import (
    CANDIDATE_JACCARD,
    LSH_BANDS,
    LSH_ROWS,
    SHINGLE_SIZE,
    Mapper,
    Prepared,
    extract_documents,
    fingerprinted,
    local_map,
    parsed_document,
    prepare_and_extract,
    prepare_items,
    prepare_items_no_vector,
    title_blind,
)

#: Event fields a person's review can lock against pipeline re-runs.
EVENT_VALUE_FIELDS = (
    "event_date", "year", "time_precision", "date_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source_scale", "notes", "fatalities",
    "tags", "injuries", "munitions", "weapons", "modality", "claimed_by", "background",
    "confidence", "actor1_text", "actor2_text", "location_text", "date_text", "reasons",
)  # fmt: skip

#: Items that share one transaction (and one embedding call). A crash loses at most this much
#: work, which the next run redoes.
DEFAULT_BATCH_SIZE = 16

#: Near-duplicates (candidates from the LSH parameters in :mod:`sitrep.workers`, which signs
#: the texts) are kept when the Jaccard reaches DUPLICATE_JACCARD or the smaller text is mostly
#: contained in the larger one (a repost that trims paragraphs and edits words has a low
#: Jaccard but a high containment).
DUPLICATE_JACCARD = 0.35
DUPLICATE_CONTAINMENT = 0.5
#: Estimated containments from here up are checked exactly on the texts.
BORDERLINE_CONTAINMENT = 0.35
#: Candidates verified per article, best estimated Jaccard first.
MAX_DUPLICATE_CANDIDATES = 20

MERGE_THRESHOLD = 0.5
#: Stored events compared with one extracted event, at most (the first by id).
MAX_MERGE_CANDIDATES = 500
#: How far apart (days) two dated mentions may be and still be compared for merging.
MERGE_WINDOW_DAYS = 45
#: Articles other articles are compared with: stored ones, and those earlier in the same batch
#: (still "pending" until the batch commits; a pending row left by a crash has no text yet).
SETTLED = ("ok", "pending")
STORY_WINDOW_DAYS = 10


def _settled() -> Any:
    """``status IN SETTLED``, written so no database uses the status index for it.

    Nearly every article is ``ok``, so that index selects almost the whole table; SQLite,
    without statistics, still chose it over the primary key for the duplicate candidates'
    ``id IN (...)`` and over the date index for story neighbours, which made both reads
    linear in the store (30 ms each at 24,000 articles, measured). Wrapped in a function, the
    column cannot drive an index, so the selective condition beside it always does; the rows
    are the same (status is never NULL)."""
    return func.coalesce(Article.status, "").in_(SETTLED)


def article_id_for(source: str, content_hash: str) -> str:
    """Stable id of an input item: the same bytes from the same source are the same article."""
    return "a" + hashlib.sha256(f"{source}\n{content_hash}".encode()).hexdigest()[:19]


def event_id_for(article_id: str, start: int, index: int) -> str:
    return "e" + hashlib.sha256(f"{article_id}:{start}:{index}".encode()).hexdigest()[:19]


@dataclass
class ArticleOutcome:
    """What happened to one input item."""

    source: str
    article_id: str | None
    status: str  # new | unchanged | failed
    error: str | None = None
    duplicate_of: str | None = None
    events_new: int = 0
    events_merged: int = 0
    #: Set for a new article whose language the event coder does not read (no events).
    language_not_coded: str | None = None


@dataclass
class IngestSummary:
    items: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    duplicates: int = 0
    events_new: int = 0
    events_merged: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: New articles per language the event coder does not read yet ({"ar": 3}).
    languages_not_coded: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: ArticleOutcome) -> None:
        self.items += 1
        if outcome.status == "new":
            self.new += 1
        elif outcome.status == "unchanged":
            self.unchanged += 1
        else:
            self.failed += 1
            self.failures.append((outcome.source, outcome.error or "unknown error"))
        if outcome.duplicate_of:
            self.duplicates += 1
        self.events_new += outcome.events_new
        self.events_merged += outcome.events_merged
        if outcome.language_not_coded:
            language = outcome.language_not_coded
            self.languages_not_coded[language] = self.languages_not_coded.get(language, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        data = to_dict(self)
        data["failures"] = [{"source": s, "reason": r} for s, r in self.failures]
        return data


@dataclass
class _StagedBatch:
    """A batch whose raw bytes are stored and whose CPU stages were sent off (or not yet)."""

    items: list[RawItem]
    outcomes: list[ArticleOutcome | None]
    todo: list[tuple[int, RawItem, str]]
    #: Items whose article an earlier batch still in flight also holds: whether they are
    #: still work to do is decided when this batch is applied, after that batch committed.
    recheck: set[int] = field(default_factory=set)
    prepared: Any = None  # a future of list[Prepared] when prepared ahead


class Pipeline:
    """Runs inputs through every stage into a store.

    Models (extractor, gazetteer, actor knowledge base, sentence encoder) are loaded once per
    process and shared by all items. ``batch_size`` items share one transaction; a bad item
    fails alone (the batch is redone item by item to find it).
    """

    def __init__(
        self,
        store: Store,
        *,
        extract: bool = True,
        extractor: str = "default",
        stories: bool = True,
        mapper: Mapper | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        prefetch: int = 0,
    ) -> None:
        # The stages this run will go through, checked before any is run (sitrep/stages.py).
        check_chain(
            name
            for name in STAGE_VERSIONS
            if (extract or name not in ("extract", "resolve")) and (stories or name != "story")
        )
        self.store = store
        self.extract_enabled = extract
        self.extractor_name = extractor
        self.stories_enabled = stories
        self.map: Mapper = mapper or local_map
        self.batch_size = max(1, batch_size)
        # Batches whose CPU stages (parse, story vector, extraction) run ahead of the writer:
        # while it applies batch k, the mapper's workers already work on k+1 .. k+prefetch.
        # Needs a mapper with ``submit`` (DaskMapper, LocalMapper); 0 = one batch at a time.
        self.prefetch = max(0, prefetch)
        #: Extractions taken from the workers' speculative run, and those the writer redid
        #: because duplicates changed the document (an inherited date or title).
        self.speculation = {"used": 0, "redone": 0, "title_only": 0}
        #: Seconds the writer waited for batches prepared ahead: near 0 when the writer is
        #: the bottleneck, most of the run when the workers are.
        self.waited_seconds = 0.0
        self._story_linker: Any = None
        # Stored events as records for same_event, by id, for one transaction: a batch's
        # lookups share most candidates (events of the same days), and loading them as ORM
        # objects and converting them was most of the writer's time. An event leaves the cache
        # when this pipeline changes it (created, merged into, mentions removed).
        self._event_records: dict[str, EventRecord] = {}
        from sitrep.resolve.references import ReferenceCache

        self._references = ReferenceCache()

    # ------------------------------------------------------------------ entry points

    def ingest(
        self,
        items: Iterable[RawItem],
        *,
        progress: Callable[[ArticleOutcome], None] | None = None,
    ) -> IngestSummary:
        summary = IngestSummary()
        started = time.perf_counter()
        if self.prefetch and callable(getattr(self.map, "submit", None)):
            results = self._ingest_ahead(items)
        else:
            results = (self.process_batch(batch) for batch in _batched(items, self.batch_size))
        for outcomes in results:
            for outcome in outcomes:
                summary.add(outcome)
                if progress is not None:
                    progress(outcome)
        summary.seconds = round(time.perf_counter() - started, 3)
        return summary

    def _ingest_ahead(self, items: Iterable[RawItem]) -> Iterator[list[ArticleOutcome]]:
        """Batches applied in input order while the next ``prefetch`` are prepared.

        At most ``prefetch + 1`` batches are held at once, so memory does not grow with the
        input. A batch's raw bytes are stored when it is sent off; the writer's later work
        on earlier batches never reads those pending rows (they have no text, keys or
        vectors yet), so the store ends up the same as when batches go one at a time.
        """
        ahead: deque[_StagedBatch] = deque()
        in_flight: Counter[str] = Counter()
        for batch in _batched(items, self.batch_size):
            staged = self._stage(batch, in_flight)
            staged.prepared = self.map.submit(  # type: ignore[attr-defined]
                partial(
                    prepare_and_extract,
                    stories=self.stories_enabled,
                    extract=self.extract_enabled,
                    extractor=self.extractor_name,
                ),
                [(article_id, item) for _, item, article_id in staged.todo],
            )
            in_flight.update({article_id for _, _, article_id in staged.todo})
            ahead.append(staged)
            if len(ahead) > self.prefetch:
                yield self._apply_staged(ahead.popleft(), in_flight)
        while ahead:
            yield self._apply_staged(ahead.popleft(), in_flight)

    def process(self, item: RawItem) -> ArticleOutcome:
        """One item through every stage; never raises for a bad item."""
        return self.process_batch([item])[0]

    def process_batch(self, items: list[RawItem]) -> list[ArticleOutcome]:
        """Items through every stage; a bad item fails alone, the others go on."""
        return self._apply_staged(self._stage(items))

    def _stage(self, items: list[RawItem], in_flight: Collection[str] = ()) -> _StagedBatch:
        """Store the raw bytes of a batch and decide which items are work to do.

        An item whose article is in ``in_flight`` (an earlier batch, not applied yet, holds
        it) is left for :meth:`_apply_staged` to decide, once that batch has committed: one
        at a time, the earlier batch would have settled it first.
        """
        outcomes: list[ArticleOutcome | None] = [None] * len(items)
        staged = _StagedBatch(items, outcomes, [])
        in_batch: set[str] = set()
        for i, item in enumerate(items):
            if in_flight:
                article_id = article_id_for(item.source, hashlib.sha256(item.raw).hexdigest())
                if article_id in in_flight and article_id not in in_batch:
                    in_batch.add(article_id)
                    staged.recheck.add(i)
                    staged.todo.append((i, item, article_id))
                    continue
            try:
                article_id, fresh = self._store_raw(item)
            except SitrepError as exc:
                outcomes[i] = ArticleOutcome(item.source, None, "failed", str(exc))
                continue
            if article_id in in_batch:  # the same input given twice: once is enough
                fresh = False
            in_batch.add(article_id)
            if not fresh:
                outcomes[i] = ArticleOutcome(item.source, article_id, "unchanged")
            elif item.error:
                self._fail(article_id, "read", item.error)
                outcomes[i] = ArticleOutcome(item.source, article_id, "failed", item.error)
            else:
                staged.todo.append((i, item, article_id))
        return staged

    def _apply_staged(
        self, staged: _StagedBatch, in_flight: Counter[str] | None = None
    ) -> list[ArticleOutcome]:
        """The writer's part of a staged batch: parse results, duplicates, stories, events."""
        outcomes, todo = staged.outcomes, staged.todo
        if staged.prepared is None:
            prepared = self.map(
                prepare_items if self.stories_enabled else prepare_items_no_vector,
                [item for _, item, _ in todo],
            )
        else:
            started = time.perf_counter()
            prepared = staged.prepared.result()
            self.waited_seconds += time.perf_counter() - started
            staged.prepared = None
        if in_flight is not None:
            in_flight.subtract({article_id for _, _, article_id in todo})
            for article_id in [a for a, count in in_flight.items() if count <= 0]:
                del in_flight[article_id]
        if staged.recheck:  # an earlier batch held these articles: decide now, in order
            kept = []
            for job, prep in zip(todo, prepared, strict=True):
                i, item, _ = job
                if i in staged.recheck:
                    try:
                        article_id, fresh = self._store_raw(item)
                    except SitrepError as exc:
                        outcomes[i] = ArticleOutcome(item.source, None, "failed", str(exc))
                        continue
                    if not fresh:
                        outcomes[i] = ArticleOutcome(item.source, article_id, "unchanged")
                        continue
                    if item.error:
                        self._fail(article_id, "read", item.error)
                        outcomes[i] = ArticleOutcome(item.source, article_id, "failed", item.error)
                        continue
                kept.append((job, prep))
            todo = [job for job, _ in kept]
            prepared = [prep for _, prep in kept]
        ready: list[tuple[int, RawItem, str, Prepared]] = []
        for (i, item, article_id), prep in zip(todo, prepared, strict=True):
            if prep.parsed is None:
                reason = prep.error or "parse failed"
                self._fail(article_id, "parse", reason)
                outcomes[i] = ArticleOutcome(item.source, article_id, "failed", reason)
            else:
                ready.append((i, item, article_id, prep))
        if ready:
            try:
                done = self._commit_batch(ready)
            except Exception:
                if len(ready) == 1:
                    i, item, article_id, _ = ready[0]
                    reason = _describe_current_error()
                    self._fail(article_id, "extract", reason)
                    done = {i: ArticleOutcome(item.source, article_id, "failed", reason)}
                else:  # find the one that failed: redo the batch one item at a time
                    done = {}
                    for entry in ready:
                        done.update(self._commit_one_safely(entry))
            for i, outcome in done.items():
                outcomes[i] = outcome
        return [o for o in outcomes if o is not None]

    def _commit_one_safely(
        self, entry: tuple[int, RawItem, str, Prepared]
    ) -> dict[int, ArticleOutcome]:
        i, item, article_id, _ = entry
        try:
            return self._commit_batch([entry])
        except Exception:
            reason = _describe_current_error()
            self._fail(article_id, "extract", reason)
            return {i: ArticleOutcome(item.source, article_id, "failed", reason)}

    def _commit_batch(
        self, ready: list[tuple[int, RawItem, str, Prepared]]
    ) -> dict[int, ArticleOutcome]:
        """Duplicates, stories, extraction and merging for parsed items: one transaction."""
        done: dict[int, ArticleOutcome] = {}
        self._event_records = {}  # a failed batch's cache may hold rolled-back values
        try:
            return self._commit_batch_in(ready, done)
        finally:
            self._event_records = {}

    def _commit_batch_in(
        self,
        ready: list[tuple[int, RawItem, str, Prepared]],
        done: dict[int, ArticleOutcome],
    ) -> dict[int, ArticleOutcome]:
        with self.store.transaction() as session:
            articles: list[Article] = []
            reextract: dict[str, Article] = {}
            for i, item, article_id, prep in ready:
                assert prep.parsed is not None
                article = session.get(Article, article_id)
                assert article is not None  # committed by _store_raw
                _fill_article(article, prep.parsed)
                stages = dict(article.stages or {})
                stages["parse"] = _stage_ok()
                # no explicit flushes in this loop: the first query of _dedup (and of _story)
                # autoflushes everything pending, so the database reads the same as with a
                # flush per stage, for one flush where there were two or three
                for other in self._dedup(session, article, prep):
                    reextract[other.id] = other
                stages["dedup"] = _stage_ok(cluster=article.cluster_id)
                if self.stories_enabled and prep.vector is not None:
                    self._story(session, article, prep.vector)
                    stages["story"] = _stage_ok(story=article.story_id)
                article.stages = stages
                articles.append(article)
                outcome = ArticleOutcome(item.source, article_id, "new")
                if language_note(article.language):
                    outcome.language_not_coded = article.language
                if article.cluster_id != article.id:
                    outcome.duplicate_of = article.cluster_id
                done[i] = outcome
            if self.extract_enabled:
                batch_ids = {a.id for a in articles}
                redo = [a for a in reextract.values() if a.id not in batch_ids]
                targets = redo + articles
                analyses = self._analyses(targets, {a: (it, p) for _, it, a, p in ready})
                for article, analysis in zip(targets, analyses, strict=True):
                    if article.id not in batch_ids:
                        self._remove_mentions(session, article)
                    new, merged = self._merge_analysis(session, article, analysis)
                    stages = dict(article.stages or {})
                    stages["extract"] = _stage_ok(events=new + merged)
                    article.stages = stages
                    for outcome in done.values():
                        if outcome.article_id == article.id:
                            outcome.events_new, outcome.events_merged = new, merged
            for article in articles:
                article.status = "ok"
                article.error = None
            _clear_stale_failures(session, articles)
        return done

    def _analyses(
        self, articles: list[Article], prepared: dict[str, tuple[RawItem, Prepared]]
    ) -> list[Analysis]:
        """Each article's extracted events, in order.

        A batch prepared ahead comes with events the workers extracted from the document as
        parsed. They are used when the document after duplicates is the same; when a copy
        inherited a publication date or title, or for an earlier copy whose date changed,
        extraction is redone here (rare: the workers are already on later batches). A change of
        title alone keeps the events when the extractor never reads titles (:func:`title_blind`).
        """
        documents = [_document(a) for a in articles]
        if not any(p.analysis is not None for _, p in prepared.values()):
            extract = partial(extract_documents, extractor=self.extractor_name)
            return self.map(extract, documents)
        analyses: list[Analysis | None] = []
        redo: list[int] = []
        blind = title_blind(self.extractor_name)
        for article, doc in zip(articles, documents, strict=True):
            item, prep = prepared.get(article.id, (None, None))
            if item is None or prep is None or prep.analysis is None:
                same = False
            else:
                parsed = parsed_document(article.id, prep, item)
                same = doc == parsed
                if not same and blind and doc == dataclasses.replace(parsed, title=doc.title):
                    same = True  # only the title changed, which the extractor never reads
                    self.speculation["title_only"] += 1
            if same:
                assert prep is not None and prep.analysis is not None
                analyses.append(prep.analysis)
                self.speculation["used"] += 1
            else:
                redo.append(len(analyses))
                analyses.append(None)
        if redo:
            self.speculation["redone"] += len(redo)
            again = extract_documents([documents[k] for k in redo], self.extractor_name)
            for k, analysis in zip(redo, again, strict=True):
                analyses[k] = analysis
        return [a for a in analyses if a is not None]

    # ------------------------------------------------------------------ stage: read

    def _store_raw(self, item: RawItem) -> tuple[str, bool]:
        """Commit the raw bytes and a pending article row; say whether work remains."""
        content_hash = hashlib.sha256(item.raw).hexdigest()
        article_id = article_id_for(item.source, content_hash)
        with self.store.transaction() as session:
            existing = session.get(Article, article_id)
            if existing is not None and existing.status == "ok":
                return article_id, False
            # insert-or-ignore, not check-then-insert: another process may be storing the
            # same bytes or item right now (sitrep.store.insert)
            if session.get(Blob, content_hash) is None:
                insert_or_ignore(
                    session, Blob, sha256=content_hash, size=len(item.raw), data=item.raw
                )
            hints = item.hints or {}
            if existing is None:
                insert_or_ignore(
                    session,
                    Article,
                    id=article_id,
                    source=item.source,
                    url=hints.get("url"),
                    content_hash=content_hash,
                    status="pending",
                    stages={"read": _stage_ok()},
                )
            else:
                existing.status = "pending"
                existing.error = None
        return article_id, True

    def _fail(self, article_id: str, stage: str, reason: str) -> None:
        with self.store.transaction() as session:
            article = session.get(Article, article_id)
            if article is None:
                return
            article.status = "failed"
            article.error = f"{stage}: {reason}"
            stages = dict(article.stages or {})
            stages[stage] = {"status": "failed", "error": reason, "version": STAGE_VERSIONS[stage]}
            article.stages = stages

    # ------------------------------------------------------------------ stage: duplicates

    def _dedup(
        self, session: Session, article: Article, prep: Prepared | None = None
    ) -> list[Article]:
        """Put the article in its duplicate cluster; return members whose dates changed.

        ``prep`` may bring the text's hash, signature and band keys from the workers (the
        same values, computed off the writer's path)."""
        from sitrep.dedup.clusters import choose_canonical, inherit
        from sitrep.dedup.minhash import NearDuplicateIndex

        text = article.text or ""
        # (the text the workers saw is always the article's; checked all the same)
        if (
            prep is None
            or prep.text_hash is None
            or prep.parsed is None
            or prep.parsed.text != text
        ):
            prep = fingerprinted(Prepared(None, None), text)
        article.text_hash = prep.text_hash
        cluster: str | None = None
        same = session.scalars(
            select(Article).where(
                Article.text_hash == article.text_hash,
                Article.id != article.id,
                _settled(),
            )
        ).first()
        index = NearDuplicateIndex(
            SqlKeyStore(session),
            threshold=CANDIDATE_JACCARD,
            shingle_size=SHINGLE_SIZE,
            bands=LSH_BANDS,
            rows=LSH_ROWS,
        )
        signature, keys = prep.signature, prep.band_keys
        assert signature is not None and keys is not None
        clusters: set[str] = set()
        if same is not None:
            clusters.add(same.cluster_id or same.id)
        # the best candidates only: bounded work per article however large the corpus grows
        # (template-like news shares many weak 4-word overlaps)
        matches = dict(
            (aid, j)
            for aid, j in index.verify(signature, keys)[: MAX_DUPLICATE_CANDIDATES + 1]
            if aid != article.id
        )
        if matches:
            rows = session.execute(
                select(Article.id, Article.cluster_id, Article.minhash).where(
                    Article.id.in_(list(matches)), _settled()
                )
            )
            for candidate_id, candidate_cluster, minhash in rows:

                def texts(cid: str = candidate_id) -> tuple[str, str]:
                    other = session.scalar(select(Article.text).where(Article.id == cid))
                    return text, other or ""

                if _duplicate_score(
                    signature, minhash, matches[candidate_id], texts
                ) > 0 and not _distinct_reports(*texts()):
                    clusters.add(candidate_cluster or candidate_id)
        if clusters:
            # an article matching several clusters joins them: an original arriving after two
            # partial copies is what connects them
            cluster = min(clusters)
            for other in sorted(clusters - {cluster}):
                for member in session.scalars(select(Article).where(Article.cluster_id == other)):
                    member.cluster_id = cluster
        index.add(article.id, signature=signature, keys=keys)
        article.cluster_id = cluster or article.id
        session.flush()

        members = list(
            session.scalars(
                select(Article).where(
                    Article.cluster_id == article.cluster_id,
                    _settled(),
                )
            )
        )
        if len(members) == 1:
            article.canonical = True
            return []
        infos = [_article_info(m) for m in members]
        canonical_id = choose_canonical(infos)
        changed: list[Article] = []
        fills = inherit(infos, canonical_id)
        for member in members:
            member.canonical = member.id == canonical_id
            before = member.published_text
            for name, fill in fills.get(member.id, {}).items():
                _apply_inherited(member, name, fill)
            if member.id != article.id and member.published_text != before:
                changed.append(member)
        return changed

    # ------------------------------------------------------------------ stage: stories

    def _story(self, session: Session, article: Article, vector: Any) -> None:
        import numpy as np

        linker = self._linker()
        article.embedding = np.asarray(vector, dtype=np.float32).tobytes()
        stmt = select(Article.id, Article.story_id, Article.embedding, Article.published).where(
            Article.id != article.id, Article.embedding.is_not(None), _settled()
        )
        if article.published is not None:
            window = timedelta(days=STORY_WINDOW_DAYS)
            stmt = stmt.where(
                Article.published >= article.published - window,
                Article.published <= article.published + window,
            )
        existing = []
        recent = stmt.order_by(Article.published.desc().nulls_last(), Article.id).limit(5000)
        for other_id, story_id, blob, published in session.execute(recent):
            if blob is None:
                continue
            existing.append(
                (
                    story_id or other_id,
                    np.frombuffer(blob, dtype=np.float32),
                    published.date() if published else None,
                )
            )
        moment = published_of(article)
        day = moment.date() if moment else None
        joined = linker.assign(vector, existing, day) if existing else None
        article.story_id = joined or article.id

    # ------------------------------------------------------------------ stages: extract, resolve

    def _merge_analysis(
        self, session: Session, article: Article, analysis: Analysis
    ) -> tuple[int, int]:
        if analysis.error:
            raise SitrepError(analysis.error)
        new = merged = 0
        published = article.published_text or (
            article.published.isoformat() if article.published else None
        )
        # One flush per article: the extractor already merged the article's own mentions, so
        # its events need not see each other in the database, only the next article does.
        touched: set[str] = set()  # stored events changed in memory, not yet flushed
        # Nothing is flushed until the loop ends, so the database reads the same throughout:
        # the candidate rows of a date window are read once per article, not per event.
        rows: dict[Any, list[tuple[Any, ...]]] = {}
        with session.no_autoflush:
            stored = self._stored_event_ids(session, article, analysis)
            for index, record in enumerate(analysis.events):
                for src in record.sources:
                    src.article_id = article.id
                    src.outlet = article.outlet
                    src.url = article.url or article.source
                    src.published = published
                target = self._find_matching_event(session, record, touched, rows)
                if target is None:
                    # a re-extracted article overwrites its stored events: touched too
                    created = self._create_event(session, article, record, index, stored)
                    touched.add(created.id)
                    new += 1
                else:
                    self._merge_event(session, target, article, record)
                    touched.add(target.id)
                    merged += 1
        session.flush()
        for event_id in touched:  # the flush may have changed columns (updated_at)
            self._event_records.pop(event_id, None)
        # the actor and place tables (API /actors, /places, actor pages) follow the events
        from sitrep.resolve.references import record_references

        written = [e for e in (session.get(Event, i) for i in sorted(touched)) if e is not None]
        record_references(session, written, self._references)
        return new, merged

    @staticmethod
    def _stored_event_ids(session: Session, article: Article, analysis: Analysis) -> set[str]:
        """Which of the ids this article's events get are stored already (a re-extraction):
        one query per article instead of a primary-key lookup per new event."""
        ids = [_event_id_of(article.id, record, i) for i, record in enumerate(analysis.events)]
        if not ids:
            return set()
        return set(session.scalars(select(Event.id).where(Event.id.in_(ids))))

    def _find_matching_event(
        self,
        session: Session,
        record: EventRecord,
        touched: Collection[str] = (),
        rows: dict[Any, list[tuple[Any, ...]]] | None = None,
    ) -> Event | None:
        """The stored event ``record`` retells, if any: the best same_event score among the
        first MAX_MERGE_CANDIDATES candidates (by id) of its type, country and date window."""
        from sitrep.resolve.merge import same_event
        from sitrep.store.queries import event_to_record

        ids = self._merge_candidate_ids(session, record, touched, rows)
        if not ids:
            return None
        records = self._event_records
        missing = [event_id for event_id in ids if event_id not in records]
        if missing:
            for candidate in session.scalars(select(Event).where(Event.id.in_(missing))):
                # an undated event's sentences say whether a dated report can join it
                # (resolve.merge.undated_tie); dated ones are compared without sources
                records[candidate.id] = event_to_record(
                    candidate, sources=candidate.event_date is None
                )
        best: tuple[float, str] | None = None
        # false positives stay candidates: a new report of a rejected event joins it (and stays
        # rejected) instead of bringing it back as a new event
        for event_id in ids:  # in id order: the first of equal scores wins
            stored = records.get(event_id)
            if stored is None:
                continue
            score = same_event(stored, record)
            if score >= MERGE_THRESHOLD and (best is None or score > best[0]):
                best = (score, event_id)
        if best is None:
            return None
        # a reviewer's merge is a rule: a report that retells an event merged away joins the
        # event it was merged into (followed along a chain of merges)
        target = session.get(Event, best[1])
        hops = 0
        while target is not None and target.merged_into is not None and hops < 32:
            target = session.get(Event, target.merged_into)
            hops += 1
        return None if target is None or target.merged_into is not None else target

    def _merge_candidate_ids(
        self,
        session: Session,
        record: EventRecord,
        touched: Collection[str],
        rows_read: dict[Any, list[tuple[Any, ...]]] | None = None,
    ) -> list[str]:
        """Ids of the stored events ``record`` is compared with, in id order.

        Events of a compatible type (merged-away ones included: a reviewer's merge is followed),
        in the record's country or without one,
        dated within MERGE_WINDOW_DAYS or undated. For a day-precise record, day-precise events
        more than a day away are left out: same_event scores them 0, and without them the
        window does not grow with the density of events.

        The database is asked by date only (an index range), and the rest is filtered here:
        given the whole condition, SQLite planned the query on ``ix_events_merged_into``, which
        nearly every row matches, and read every live event per lookup (1.4-4 ms at 2,800
        events, growing with the store). ``touched`` names events this article already wrote
        (merged into, or re-extracted over their stored values): their new values are in
        memory only (no autoflush here) and the rows read hold the stored ones, so they are
        kept whatever their stored date. ``rows_read`` keeps the rows of each query while the
        database cannot change (nothing flushed), keyed by the query's date range.
        """
        from sitrep.resolve.merge import compatible_event_types

        if rows_read is None:
            rows_read = {}

        def read(key: Any, condition: Callable[[], tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            # the statement is built only when it runs: building it cost as much as running it
            if key not in rows_read:
                columns = select(
                    Event.id,
                    Event.event_type,
                    Event.country,
                    Event.merged_into,
                    Event.event_date,
                    Event.date_precision,
                )
                stmt = columns.where(*condition())
                rows_read[key] = [tuple(row) for row in session.execute(stmt)]
            return rows_read[key]

        near: tuple[str, str] | None = None
        if record.event_date:
            day = datetime.strptime(record.event_date, "%Y-%m-%d").date()
            window = timedelta(days=MERGE_WINDOW_DAYS)
            low, high = (day - window).isoformat(), (day + window).isoformat()
            rows = read((low, high), lambda: (Event.event_date >= low, Event.event_date <= high))
            rows = rows + read("undated", lambda: (Event.event_date.is_(None),))
            if record.date_precision == "day":
                one = timedelta(days=1)
                near = ((day - one).isoformat(), (day + one).isoformat())
        else:
            rows = read("all", lambda: ())
        types = (
            set(compatible_event_types(record.event_type))
            if record.event_type is not None
            else {None}  # the type unknown: only events whose type is unknown too
        )
        ids = [
            event_id
            for event_id, event_type, country, merged_into, event_date, precision in rows
            if event_type in types
            # events merged away by a reviewer stay candidates: _find_matching_event follows
            # them to the event they were merged into
            # an event stored without a place yet can still meet its located retelling
            and (not record.country or country is None or country == record.country)
            and (
                near is None
                or event_date is None
                or precision != "day"
                or near[0] <= event_date <= near[1]
                or event_id in touched
            )
        ]
        return sorted(ids)[:MAX_MERGE_CANDIDATES]

    def _create_event(
        self,
        session: Session,
        article: Article,
        record: EventRecord,
        index: int,
        stored: Collection[str] | None = None,
    ) -> Event:
        """A new event for ``record``, or the one an earlier extraction of the same article
        stored under the same id (``stored``: those ids, when the caller looked them up)."""
        event_id = _event_id_of(article.id, record, index)
        existing = session.get(Event, event_id) if stored is None or event_id in stored else None
        if existing is not None:  # re-extraction of the same article
            event = existing
        else:
            event = Event(id=event_id)
            session.add(event)
        self._event_records.pop(event.id, None)
        _set_event_values(event, record, locked=set())
        own = _mention_record(record)
        for src in record.sources:
            _add_mention(session, event, article, src, record, own)
        _refresh_sources(event)
        return event

    def _merge_event(
        self, session: Session, event: Event, article: Article, record: EventRecord
    ) -> None:
        from sitrep.resolve.merge import merge_into
        from sitrep.store.queries import event_to_record

        self._event_records.pop(event.id, None)
        if event.review_status != "false_positive":
            combined = merge_into(event_to_record(event), record)
            _set_event_values(event, combined, locked=set(event.locked_fields or []))
        own = _mention_record(record)
        for src in record.sources:
            _add_mention(session, event, article, src, record, own)
        _refresh_sources(event)

    def _remove_mentions(self, session: Session, article: Article) -> None:
        for mention in list(
            session.scalars(select(Mention).where(Mention.article_id == article.id))
        ):
            event = mention.event
            self._event_records.pop(event.id, None)
            session.delete(mention)
            session.flush()
            session.refresh(event)
            if not event.mentions and event.review_status == "unreviewed":
                session.delete(event)
            else:
                _refresh_sources(event)
        session.flush()

    # ------------------------------------------------------------------ models, loaded once

    def _linker(self) -> Any:
        if self._story_linker is None:
            from sitrep.dedup.stories import StoryLinker

            # only assign() runs here; the vectors come from prepare_item on the mapper
            self._story_linker = StoryLinker(encoder=_NoEncoder())
        return self._story_linker


# ---------------------------------------------------------------------- helpers


class _NoEncoder:
    def encode(self, texts: Any) -> Any:  # pragma: no cover - never called
        raise RuntimeError("story vectors are computed by prepare_item")


def _document(article: Article) -> Document:
    return Document(
        id=article.id,
        text=article.text or "",
        title=article.title,
        published=published_of(article),
        published_precision=article.published_precision,  # type: ignore[arg-type]
        url=article.url,
        outlet=article.outlet,
    )


def _batched(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    batch: list[RawItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _duplicate_score(
    signature: bytes,
    other: bytes | None,
    jaccard: float,
    texts: Callable[[], tuple[str, str]] | None = None,
) -> float:
    """How surely two texts are copies of one another (0 when they are not).

    MinHash estimates decide the clear cases; a borderline containment estimate is settled on
    the exact shingle sets when ``texts`` can supply the two texts (MinHash's estimate of a
    0.57 containment can read 0.45).
    """
    import struct

    if other is None:
        return 0.0
    # the signature header carries the shingle count (see sitrep.dedup.minhash)
    count_a = struct.unpack_from("<2sHI", signature)[2]
    count_b = struct.unpack_from("<2sHI", other)[2]
    if jaccard >= DUPLICATE_JACCARD:
        return jaccard + 1.0
    if min(count_a, count_b) == 0:
        return 0.0
    shared = jaccard * (count_a + count_b) / (1.0 + jaccard)
    containment = shared / min(count_a, count_b)
    if containment < DUPLICATE_CONTAINMENT and containment >= BORDERLINE_CONTAINMENT and texts:
        from sitrep.dedup.text import shingles

        first, second = (shingles(t, SHINGLE_SIZE) for t in texts())
        if first and second:
            containment = len(first & second) / min(len(first), len(second))
    return containment if containment >= DUPLICATE_CONTAINMENT else 0.0


def language_note(language: str | None) -> str | None:
    """Why an article in ``language`` yields no events (see :mod:`sitrep.ingest.language`)."""
    from sitrep.ingest.language import language_note as note

    return note(language)


def _clear_stale_failures(session: Session, articles: list[Article]) -> None:
    """Drop the failure rows of sources that now read: a page that failed to fetch (or an
    older version of a file that failed to parse) and then came in whole is no failure any
    more, and `status` and `export --table articles --status failed` should not list it."""
    sources = {a.source for a in articles if a.source}
    if not sources:
        return
    ok = {a.id for a in articles}
    # by source only (the unique index on source, content_hash); the status is tested here so
    # that the planner is never tempted by the status index
    rows = session.execute(
        select(Article.id, Article.status).where(Article.source.in_(sorted(sources)))
    ).all()
    for article_id, status in rows:
        if status == "failed" and article_id not in ok:
            stale = session.get(Article, article_id)
            if stale is not None:
                session.delete(stale)


def _distinct_reports(text: str, other: str) -> bool:
    """Whether two similar texts report different facts (another place, day, toll or actor):
    templated short reports are not copies of each other (see :mod:`sitrep.dedup.distinct`)."""
    from sitrep.dedup.distinct import conflict

    return conflict(text, other) is not None


def _describe_current_error() -> str:
    import sys

    exc = sys.exc_info()[1]
    return f"{type(exc).__name__}: {exc}" if exc else "unknown error"


def _stage_ok(**info: Any) -> dict[str, Any]:
    return {"status": "ok", "at": utcnow().isoformat(timespec="seconds"), **info}


def _fill_article(article: Article, parsed: ParsedArticle) -> None:
    article.url = parsed.url or article.url
    article.title = parsed.title
    article.text = parsed.text
    article.outlet = parsed.outlet
    article.authors = list(parsed.authors)
    article.published = parsed.published
    article.published_text = parsed.published.isoformat() if parsed.published else None
    article.published_precision = parsed.published_precision
    article.published_from = parsed.published_from
    article.published_missing_reason = parsed.published_missing_reason
    article.language = parsed.language
    article.original_outlet = parsed.original_outlet
    article.inherited = {}


def _article_info(article: Article) -> Any:
    from sitrep.dedup.clusters import ArticleInfo

    inherited = article.inherited or {}
    return ArticleInfo(
        article_id=article.id,
        text_length=len(article.text or ""),
        published=None if "published" in inherited else published_of(article),
        published_precision=None if "published" in inherited else article.published_precision,
        published_from=None if "published" in inherited else article.published_from,
        title=article.title,
        outlet=article.outlet,
        author=", ".join(article.authors or []) or None,
        original_outlet=article.original_outlet,
        url=article.url,
    )


def published_of(article: Article) -> datetime | None:
    """The publication date-time as found, with its UTC offset.

    SQLite drops offsets from stored date-times, so the ISO text kept beside them is the
    reference: the same article reads back the same on SQLite and PostgreSQL.
    """
    if article.published_text:
        try:
            return datetime.fromisoformat(article.published_text)
        except ValueError:
            pass
    return article.published


def _apply_inherited(article: Article, name: str, fill: dict[str, Any]) -> None:
    value = fill.get("value")
    source_id = fill.get("inherited_from")
    inherited = dict(article.inherited or {})
    if name == "published":
        article.published = value
        article.published_text = value.isoformat() if value else None
        article.published_precision = fill.get("precision") or "day"
        article.published_from = "inherited"
        article.published_missing_reason = None
    elif name == "author":
        article.authors = [value] if value else []
    elif hasattr(article, name):
        setattr(article, name, value)
    else:
        return
    inherited[name] = source_id
    article.inherited = inherited


def _set_event_values(event: Event, record: EventRecord, *, locked: set[str]) -> None:
    for name in EVENT_VALUE_FIELDS:
        if name in locked:
            continue
        value = getattr(record, name)
        if name == "weapons":
            value = list(value or [])
        if name == "fatalities":
            value = int(value or 0)
        setattr(event, name, value)
    event.timestamp = int(time.time())


def _event_id_of(article_id: str, record: EventRecord, index: int) -> str:
    first = record.sources[0] if record.sources else None
    return event_id_for(article_id, first.start if first else 0, index)


def _mention_record(record: EventRecord) -> dict[str, Any]:
    """A source's own coding as stored on its mention: the record without its sources."""
    own = to_dict(dataclasses.replace(record, sources=[]))
    own.pop("sources", None)
    return own


def _add_mention(
    session: Session,
    event: Event,
    article: Article,
    src: Source,
    record: EventRecord,
    own: dict[str, Any] | None = None,
) -> None:
    """Add ``src`` as a mention of ``event`` unless it is one already; ``own`` is the record
    as a dict (:func:`_mention_record`), converted once for all of a record's sources."""
    if any(m.article_id == article.id and m.start == src.start for m in event.mentions):
        return
    own = dict(own) if own is not None else _mention_record(record)
    mention = Mention(
        event=event,
        article_id=article.id,
        start=src.start,
        end=src.end,
        sentence=src.sentence,
        record=own,
    )
    session.add(mention)


def _refresh_sources(event: Event) -> None:
    outlets: list[str] = []
    articles: set[str] = set()
    for mention in event.mentions:
        articles.add(mention.article_id)
        outlet = mention.article.outlet if mention.article is not None else None
        if outlet and outlet not in outlets:
            outlets.append(outlet)
    event.source = "; ".join(outlets) or None
    event.source_count = len(articles)


def iter_inputs(inputs: Iterable[str], **options: Any) -> Iterator[RawItem]:
    """User inputs (paths, folders, URLs) as raw items; see :mod:`sitrep.ingest.sources`."""
    from sitrep.ingest.sources import iter_items

    return iter_items(inputs, **options)


def ingest(store: Store, inputs: Iterable[str], **options: Any) -> IngestSummary:
    """Ingest paths, folders and URLs into ``store``: the library call behind ``sitrep ingest``."""
    extract = options.pop("extract", True)
    return Pipeline(store, extract=extract).ingest(iter_inputs(inputs, **options))


def ingest_items(store: Store, items: Iterable[RawItem], *, extract: bool = True) -> IngestSummary:
    return Pipeline(store, extract=extract).ingest(items)


def ingest_raw(store: Store, item: RawItem) -> ArticleOutcome:
    """One item pushed through the API or the Python API."""
    return Pipeline(store).process(item)
