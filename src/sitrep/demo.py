"""``sitrep demo``: ingest the bundled sample corpus, summarise it, serve the dashboard."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.store.db import Store
from sitrep.store.queries import EventFilter, count_events, select_events


def sample_corpus() -> Path:
    """The folder of the bundled sample corpus."""
    return Path(str(resources.files("sitrep") / "data" / "sample"))


def run_demo(
    store: Store, *, console: Any, serve: bool = True, host: str = "127.0.0.1", port: int = 8000
) -> Any:
    from sitrep.pipeline import Pipeline, iter_inputs
    from sitrep.status import store_status

    corpus = sample_corpus()
    # the articles only: not the corpus README nor the gold annotations beside them
    inputs = [
        str(p)
        for p in sorted(corpus.iterdir())
        if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    ]
    console.print(
        f"Ingesting the sample corpus ({len(inputs)} files) into {store!r} ...", markup=False
    )
    summary = Pipeline(store).ingest(iter_inputs(inputs))
    console.print(
        f"{summary.items} items: {summary.new} new, {summary.unchanged} unchanged, "
        f"{summary.failed} failed, {summary.duplicates} duplicates; "
        f"{summary.events_new} events created, {summary.events_merged} mentions merged",
        markup=False,
    )
    for source, reason in summary.failures:
        console.print(f"  failed: {Path(source).name}: {reason}", markup=False)
    console.print(store_status(store)["text"], markup=False)
    with store.session() as s:
        total = count_events(s)
        console.print(f"\nLatest events (of {total}):", markup=False)
        for event in s.scalars(select_events(EventFilter()).limit(8)):
            console.print(
                f"  {event.event_date or '????-??-??'}  {event.sub_event_type:34.34}  "
                f"{(event.location or '?'):22.22}  {event.actor1 or '?'} -> {event.actor2 or '-'}"
                f"  [{event.source_count} src]",
                markup=False,
            )
    if serve:
        from sitrep.serve import serve as run_server

        console.print(f"\nDashboard: http://{host}:{port}/  (Ctrl-C to stop)", markup=False)
        run_server(store, host=host, port=port)
    return summary
