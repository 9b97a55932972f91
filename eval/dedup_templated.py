"""Distinct templated reports must not be folded as duplicates (issue 17, item 2).

Feeds 500 distinct ACLED event notes, each as a short article, through the store-backed
pipeline (duplicates only: no extraction, no stories) and counts the articles folded into
another article's duplicate cluster. Every note is a different event, so every fold is wrong:
``templated_distinct_precision`` = share of notes left in their own cluster (1.0 = none folded).

The notes are chosen to be as alike as ACLED gets: the five largest (country, sub-event type)
groups of the *training* countries (Ukraine shelling and clashes, Indian, US and Mexican
protests, ...), 100 notes each, seed 0, with exact textual repeats removed. The event coder's
held-out countries (``HELD_OUT_COUNTRIES``) and the sealed countries of ``eval/SEALED.md`` are
never used. Needs ``$SITREP_SHARED_DATA`` (ACLED); returns no metric without it.

    .venv/bin/python eval/dedup_templated.py [-v]     # -v lists the folded pairs
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

#: eval/SEALED.md: whole countries nobody reads or tunes on.
SEALED_COUNTRIES = frozenset(
    {"Afghanistan", "Pakistan", "Mali", "Ethiopia", "Peru", "Sri Lanka", "Tunisia"}
)
GROUPS = 5
PER_GROUP = 100


def templated_notes(groups: int = GROUPS, per_group: int = PER_GROUP) -> list[dict[str, str]]:
    """The dev rows: training-country, non-sealed, the largest groups, distinct texts."""
    from sitrep.dedup.text import normalize_for_hash
    from sitrep.events.train import load_acled, split_by_country

    train, _ = split_by_country(load_acled())
    rows = [r for r in train if r["country"] not in SEALED_COUNTRIES and r["notes"].strip()]
    sizes = Counter((r["country"], r["sub_event_type"]) for r in rows)
    chosen: list[dict[str, str]] = []
    seen: set[str] = set()
    for group, _ in sizes.most_common(groups):
        members = [r for r in rows if (r["country"], r["sub_event_type"]) == group]
        random.Random(0).shuffle(members)
        taken = 0
        for row in members:
            key = normalize_for_hash(row["notes"])
            if key in seen:
                continue
            seen.add(key)
            chosen.append(row)
            taken += 1
            if taken == per_group:
                break
    return chosen


def folded(rows: list[dict[str, str]], workdir: Path) -> list[tuple[str, str]]:
    """(note id, the note id of its cluster) for every note folded into another's cluster."""
    from sqlalchemy import select

    from sitrep.pipeline import Pipeline, iter_inputs
    from sitrep.store import Article, Store

    feed = workdir / "notes.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for row in rows:
            record = {
                "id": row["event_id_cnty"],
                "title": f"{row['sub_event_type']} in {row['country']}",
                "text": row["notes"],
                "published": row["event_date"],
            }
            handle.write(json.dumps(record) + "\n")
    store = Store(f"sqlite:///{workdir / 'templated.db'}")
    Pipeline(store, extract=False, stories=False).ingest(iter_inputs([str(feed)]))
    with store.session() as session:
        found = {a.id: (a.source, a.cluster_id) for a in session.scalars(select(Article))}
    note_of = {aid: source for aid, (source, _) in found.items()}
    pairs = []
    for aid, (source, cluster) in found.items():
        if cluster and cluster != aid:
            pairs.append((source, note_of.get(cluster, cluster)))
    store.engine.dispose()
    return sorted(pairs)


def run(verbose: bool = False) -> dict[str, float | None]:
    try:
        rows = templated_notes()
    except FileNotFoundError:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        pairs = folded(rows, Path(tmp))
    if verbose:
        notes = {f"notes.jsonl#{i + 1}": r["notes"] for i, r in enumerate(rows)}
        for source, cluster in pairs:
            name, other = Path(source).name, Path(cluster).name
            print(f"- {notes.get(name, name)}\n  folded into: {notes.get(other, other)}\n")
        print(f"{len(pairs)} of {len(rows)} distinct notes folded")
    # only the share is a metric: a count of folds would read as a floor to keep up
    return {"pipeline.templated_distinct_precision": round(1 - len(pairs) / len(rows), 4)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    metrics: dict[str, Any] = run(verbose="-v" in args)
    for name, value in metrics.items():
        print(f"{name:45s} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
