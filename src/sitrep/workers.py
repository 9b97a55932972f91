"""The worker side of the pipeline: the pure, CPU-bound stages a mapper runs on items.

Parsing, the duplicate fingerprints (exact hash, MinHash signature, LSH band keys), story
vectors and event extraction read nothing of the store, so they run wherever the mapper puts
them: in order on the writer's process (``local_map``), prepared ahead of the writer
(``LocalMapper``), or on dask workers (:mod:`sitrep.distributed`). Models are loaded once per
process (``_cached``). The writer (:mod:`sitrep.pipeline`) applies what comes back in input
order; keeping this module free of the store means a worker imports no ORM to run a task.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sitrep.errors import InputError
from sitrep.models import Analysis, Document, ParsedArticle, RawItem

#: Extraction time allowed per document, and the longest text extracted at all.
DOCUMENT_BUDGET_SECONDS = 30.0
MAX_EXTRACT_CHARS = 300_000

#: Near-duplicates: LSH candidates from a low estimated Jaccard on, then kept when the Jaccard
#: reaches DUPLICATE_JACCARD or the smaller text is mostly contained in the larger one (a
#: repost that trims paragraphs and edits words has a low Jaccard but a high containment).
#: Measured (bench/bench_dedup_pipeline.py, generated corpus; the sample corpus's reposts):
#: 4-word shingles separate copies from independent write-ups of the same event, and 64 bands
#: of 2 rows make a pair at Jaccard 0.2 a candidate with probability 0.93.
#: (The verification thresholds the writer applies are in :mod:`sitrep.pipeline`.)
SHINGLE_SIZE = 4
LSH_BANDS = 64
LSH_ROWS = 2
CANDIDATE_JACCARD = 0.12


#: A mapper applies a *batch function* (list in, list of the same length out) to items: at
#: once on this process, or chunk by chunk on dask workers. Batch functions let a stage work
#: on many items at once (one embedding call for a whole batch).
Mapper = Callable[[Callable[[list[Any]], list[Any]], list[Any]], list[Any]]


def local_map(func: Callable[[list[Any]], list[Any]], items: list[Any]) -> list[Any]:
    """The default mapper: the whole list, in order, on this process."""
    return func(items) if items else []


class Ready:
    """A result already computed: what ``submit`` returns where nothing runs in the background."""

    def __init__(self, value: list[Any]) -> None:
        self.value = value

    def result(self) -> list[Any]:
        return self.value


class LocalMapper:
    """The default mapper as an object with ``submit``: batches are prepared *ahead* of the
    writer, as on dask workers, but at once on this process. It runs the prepared-ahead path
    (speculative extraction, redone on the client when the writer's duplicates change a
    document) without a cluster; it is not faster than ``local_map``."""

    def __call__(self, func: Callable[[list[Any]], list[Any]], items: list[Any]) -> list[Any]:
        return local_map(func, items)

    def submit(self, func: Callable[[list[Any]], list[Any]], items: list[Any]) -> Ready:
        return Ready(local_map(func, items))


@dataclass
class Prepared:
    """What the workers hand back for one item: the parsed article, its story vector and,
    when prepared ahead of the writer, its events extracted from the document as parsed
    (``analysis``; the writer redoes it when duplicates change the document)."""

    parsed: ParsedArticle | None
    error: str | None
    vector: Any = None
    analysis: Analysis | None = None
    #: The duplicate stage's pure part, computed beside the parse: the exact-copy hash, the
    #: MinHash signature and its LSH band keys of ``parsed.text`` (None: the writer computes).
    text_hash: str | None = None
    signature: bytes | None = None
    band_keys: list[str] | None = None


def parse(item: RawItem) -> ParsedArticle:
    from sitrep.ingest.parse import parse_item

    return parse_item(item)


# The worker side: pure functions of their input, models cached per process.
_WORKER_CACHE: dict[str, Any] = {}


def _cached(name: str, factory: Callable[[], Any]) -> Any:
    if name not in _WORKER_CACHE:
        _WORKER_CACHE[name] = factory()
    return _WORKER_CACHE[name]


def prepare_item_no_vector(item: RawItem) -> Prepared:
    try:
        prepared = Prepared(parse(item), None)
    except InputError as exc:
        return Prepared(None, str(exc))
    except Exception as exc:  # a parser bug must not stop the run
        return Prepared(None, f"parse failed: {type(exc).__name__}: {exc}")
    try:
        assert prepared.parsed is not None
        return fingerprinted(prepared, prepared.parsed.text or "")
    except Exception:  # left to the writer, which fails the item as it always did
        return prepared


def fingerprinted(prepared: Prepared, text: str) -> Prepared:
    """``prepared`` with the exact hash, MinHash signature and band keys of ``text``."""
    from sitrep.dedup.text import exact_hash

    signer = _cached("dedup-signer", _dedup_signer)
    prepared.text_hash = exact_hash(text)
    prepared.signature = signer.signature(text)
    prepared.band_keys = signer.keys(prepared.signature)
    return prepared


def _dedup_signer() -> Any:
    """An index with the pipeline's parameters, used only to sign texts (no store)."""
    from sitrep.dedup.minhash import NearDuplicateIndex

    return NearDuplicateIndex(
        threshold=CANDIDATE_JACCARD, shingle_size=SHINGLE_SIZE, bands=LSH_BANDS, rows=LSH_ROWS
    )


def prepare_items_no_vector(items: list[RawItem]) -> list[Prepared]:
    return [prepare_item_no_vector(item) for item in items]


def prepare_items(items: list[RawItem]) -> list[Prepared]:
    """Parse items and embed each parsed article's title and lead (one encoder call)."""
    from sitrep.dedup.stories import story_text

    prepared = prepare_items_no_vector(items)
    parsed = [p for p in prepared if p.parsed is not None]
    if parsed:
        linker = _cached("story-linker", _story_linker)
        texts = [story_text(p.parsed.title, p.parsed.text) for p in parsed if p.parsed]
        for p, vector in zip(parsed, linker.embed(texts), strict=True):
            p.vector = vector
    return prepared


def prepare_item(item: RawItem) -> Prepared:
    """Parse one item and embed its title and lead for story linking."""
    return prepare_items([item])[0]


def _story_linker() -> Any:
    # No torch here: the default encoder is ONNX Runtime, and the torch fallback
    # (MiniLMEncoder) sets its own single thread when it loads.
    from sitrep.dedup.stories import StoryLinker

    return StoryLinker()


def extract_documents(docs: list[Document], extractor: str = "default") -> list[Analysis]:
    return [extract_document(doc, extractor) for doc in docs]


def prepare_and_extract(
    entries: list[tuple[str, RawItem]],
    *,
    stories: bool = True,
    extract: bool = True,
    extractor: str = "default",
) -> list[Prepared]:
    """The workers' whole share of a batch prepared ahead: parse, story vector, and events
    extracted from the document as parsed (``entries`` are ``(article_id, item)`` pairs).

    The writer uses those events unless duplicates change the document (see
    :meth:`Pipeline._analyses`); extraction reads nothing else of the store.
    """
    items = [item for _, item in entries]
    prepared = prepare_items(items) if stories else prepare_items_no_vector(items)
    if extract:
        for (article_id, item), prep in zip(entries, prepared, strict=True):
            if prep.parsed is not None:
                doc = parsed_document(article_id, prep, item)
                prep.analysis = extract_document(doc, extractor)
    return prepared


def parsed_document(article_id: str, prep: Prepared, item: RawItem) -> Document:
    """The document an article's extraction reads when duplicates change nothing: what
    ``_document`` gives after ``_fill_article`` (the URL falls back to the input's hint)."""
    parsed = prep.parsed
    assert parsed is not None
    hint = (item.hints or {}).get("url")
    return Document(
        id=article_id,
        text=parsed.text,
        title=parsed.title,
        published=parsed.published,
        published_precision=parsed.published_precision,
        url=parsed.url or hint,
        outlet=parsed.outlet,
    )


#: A short report the rule extractor is warmed up on, outside any budget.
_WARM_UP_TEXT = (
    "Gunmen attacked a police checkpoint near Gao on Tuesday, killing three officers, "
    "the governor said."
)


def extractor_backend(extractor: str = "default") -> Any:
    """The backend called ``extractor``, once per process.

    The rule extractor loads its models (gazetteer, classifiers, actor lists) on first use; it
    extracts a short report once here, so the loading is not charged to the first document's
    time budget (on a busy machine it took longer than the budget).
    """

    def build() -> Any:
        from sitrep.events.extract import RuleExtractor, get_extractor

        backend = get_extractor(extractor)
        if type(backend) is RuleExtractor:
            backend.extract(Document(id="warm-up", text=_WARM_UP_TEXT))
        return backend

    return _cached(f"extractor:{extractor}", build)


def extract_document(
    doc: Document, extractor: str = "default", budget: float | None = None
) -> Analysis:
    """Extract one document; failures come back as ``Analysis.error``, never raised.

    ``budget`` defaults to DOCUMENT_BUDGET_SECONDS as it is when called, so a deployment (or a
    test) can lower the module constant for every document the pipeline extracts.
    """

    if budget is None:
        budget = DOCUMENT_BUDGET_SECONDS
    backend = extractor_backend(extractor)
    if len(doc.text) > MAX_EXTRACT_CHARS:
        return Analysis(
            id=doc.id,
            published=None,
            language=None,
            error=f"text too long to extract ({len(doc.text)} > {MAX_EXTRACT_CHARS} characters)",
        )
    try:
        with _time_budget(budget):
            analysis: Analysis = backend.extract(doc)
    except _BudgetExceeded:
        return Analysis(
            id=doc.id,
            published=None,
            language=None,
            error=f"extraction exceeded its time budget of {budget:g} s",
        )
    except Exception as exc:
        return Analysis(
            id=doc.id, published=None, language=None, error=f"{type(exc).__name__}: {exc}"
        )
    return analysis


def title_blind(extractor: str = "default") -> bool:
    """Whether the backend called ``extractor`` codes a document without reading its title.

    The writer reuses events extracted ahead when duplicates changed only an article's title
    (it inherited a copy's title): the rule-based extractor never reads ``Document.title``, so
    its analysis is the same. Any other backend (the LLM one puts the title in its prompt; a
    registered replacement is unknown) is assumed to read it.
    """
    from sitrep.events.extract import RuleExtractor

    backend = extractor_backend(extractor)
    return type(backend) is RuleExtractor


class _BudgetExceeded(BaseException):
    """Not an Exception: stage code that catches Exception to degrade gracefully (the
    geoparser does) must not swallow the budget and carry on past it."""


# PyThreadState_SetAsyncExc(thread id, exception class), and with NULL to clear a pending one.
_RAISE_IN = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)
_CLEAR_IN = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)


@contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the calling thread when it spends longer than ``seconds`` inside the block.

    Any thread: the main one (``sitrep ingest``, ``sitrep extract``), a web server's worker
    thread (the API's push and reads) or a dask worker thread. A watchdog thread raises
    :class:`_BudgetExceeded` in the caller (``PyThreadState_SetAsyncExc``; it lands at the
    caller's next bytecode, so a single long C call finishes first). An exception raised inside
    a finalizer or weakref callback is ignored by Python, so the watchdog repeats every 50 ms
    until one lands, and an expiry that every repeat missed still fails the block when it ends.
    Leaving the block disarms the watchdog under a lock and clears an exception still pending,
    so none escapes after the block.
    """
    if seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    stop = threading.Event()
    state = {"armed": True, "expired": False}

    def watch() -> None:
        if stop.wait(seconds):
            return
        while True:
            with lock:
                if not state["armed"]:
                    return
                state["expired"] = True
                _RAISE_IN(target, _BudgetExceeded)
            if stop.wait(0.05):
                return

    previous_hook = sys.unraisablehook
    filtering = _quiet_budget_hook(previous_hook)
    sys.unraisablehook = filtering
    watcher = threading.Thread(target=watch, name="sitrep-time-budget", daemon=True)
    watcher.start()
    try:
        yield
        if state["expired"]:
            raise _BudgetExceeded
    finally:
        while True:  # a pending exception may land here: disarm again until it is clean
            try:
                with lock:
                    state["armed"] = False
                    stop.set()
                    _CLEAR_IN(target, None)
                break
            except _BudgetExceeded:
                continue
        if sys.unraisablehook is filtering:
            sys.unraisablehook = previous_hook


def _quiet_budget_hook(previous: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``sys.unraisablehook`` that drops the budget's own interrupts and passes on the rest.

    An interrupt that lands in a finalizer or weakref callback cannot propagate; Python hands
    it to the unraisable hook, and the watchdog's next repeat could then land inside that hook
    while it formats the first (a test runner's hook fails on that). The budget's interrupts
    are expected there, so they are dropped quietly; every other unraisable error goes on to
    the hook that was installed before.
    """

    def hook(unraisable: Any) -> None:
        if unraisable.exc_type is _BudgetExceeded:
            return
        previous(unraisable)

    return hook
