"""Scale-out on dask.distributed: the CPU-bound stages on workers, one writer to the store.

Parsing, sentence embeddings and event extraction are pure functions of one item; they run on
dask workers in chunks (each worker process loads its models once and keeps them). Duplicates,
stories and event merging read and write the store; they run on the client process in input
order, batch by batch, each batch in one transaction. That is why a distributed run gives the
same articles, clusters and events as a single-process run, and why SQLite (one writer) works as
well as PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from typing import Any

from sitrep.errors import ConfigError
from sitrep.models import RawItem
from sitrep.pipeline import IngestSummary, Pipeline
from sitrep.store.db import Store

#: Items per transaction on the writer; large enough to keep every worker busy.
DEFAULT_BATCH_SIZE = 64
#: Batches the workers prepare (parse, story vectors, events) while the writer applies one:
#: enough that no worker waits for the writer, few enough that memory stays flat.
DEFAULT_PREFETCH = 2


class DaskMapper:
    """Applies a batch function to a list on a dask cluster, chunk by chunk, preserving order."""

    def __init__(self, client: Any, *, chunks_per_worker: int = 2) -> None:
        self.client = client
        self.chunks_per_worker = chunks_per_worker

    def __call__(self, func: Callable[[list[Any]], list[Any]], items: list[Any]) -> list[Any]:
        return self.submit(func, items).result()

    def submit(self, func: Callable[[list[Any]], list[Any]], items: list[Any]) -> Gathered:
        """Send the chunks off now; ``result()`` waits for them (the pipeline applies earlier
        batches meanwhile, see ``Pipeline(prefetch=...)``)."""
        if not items:
            return Gathered(self.client, [])
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        pieces = min(len(items), workers * self.chunks_per_worker)
        size = -(-len(items) // pieces)
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        return Gathered(self.client, self.client.map(func, chunks, pure=False))


class Gathered:
    """The chunks of one batch on the cluster, gathered back into one list in input order."""

    def __init__(self, client: Any, futures: list[Any]) -> None:
        self.client = client
        self.futures = futures

    def result(self) -> list[Any]:
        results: list[Any] = []
        for part in self.client.gather(self.futures):
            results.extend(part)
        self.futures = []  # the cluster may forget them now
        return results


def start_client(workers: int | None = None, scheduler: str | None = None) -> tuple[Any, Any]:
    """A dask client on an existing scheduler, or on a new local cluster of worker processes."""
    from dask.distributed import Client, LocalCluster

    # workers inherit the environment: models must load offline there too
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as exc:
            raise ConfigError(f"cannot reach dask scheduler {scheduler}: {exc}") from None
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    cluster = LocalCluster(
        n_workers=workers or 2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit="auto",
    )
    client = Client(cluster)
    # Local workers share this machine's cores with the writer, the one part that cannot be
    # spread: they yield to it and use what it leaves (they run ahead of it, see prefetch).
    # A worker the nanny restarts runs at normal priority again, which costs only speed.
    client.run(_yield_to_writer)
    return client, cluster


#: How much lower than the writer local worker processes run (a ``nice`` increment).
LOCAL_WORKER_NICENESS = 5


def _yield_to_writer() -> None:
    """Lower this worker process's priority. On Linux a nice value belongs to a thread (new
    threads inherit their creator's), so every thread the process has now is lowered."""
    tasks = "/proc/self/task"
    with contextlib.suppress(AttributeError, OSError):  # no priorities here, or not allowed
        if os.path.isdir(tasks):
            for tid in os.listdir(tasks):
                current = os.getpriority(os.PRIO_PROCESS, int(tid))
                os.setpriority(os.PRIO_PROCESS, int(tid), current + LOCAL_WORKER_NICENESS)
        else:
            os.nice(LOCAL_WORKER_NICENESS)


def ingest_distributed(
    store: Store,
    items: Iterable[RawItem],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    extract: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    prefetch: int = DEFAULT_PREFETCH,
) -> IngestSummary:
    """Ingest ``items`` with the CPU-bound stages on dask workers.

    The workers parse, embed and extract up to ``prefetch`` batches ahead while this process
    writes the current one; the result is the same as with ``prefetch=0`` (one batch at a
    time), only the writer's time no longer adds to the workers'.
    """
    client, cluster = start_client(workers, scheduler)
    try:
        pipeline = Pipeline(
            store,
            extract=extract,
            mapper=DaskMapper(client),
            batch_size=batch_size,
            prefetch=prefetch,
        )
        return pipeline.ingest(items)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
