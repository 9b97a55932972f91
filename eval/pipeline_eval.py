"""Whole-pipeline quality on the annotated sample corpus, plus the geoparsing benchmarks.

- ingest: metadata accuracy (title, outlet, publication date, original outlet);
- duplicates: pairwise precision and recall of the stored clusters against the gold reposts,
  and the share of 500 distinct templated ACLED notes left unfolded (``dedup_templated.py``);
- merging: the stored events' mentions against the gold event clusters (B-cubed and CoNLL F1
  over gold mentions; a gold mention sitrep did not find counts as a singleton; a gold mention
  whose sentence sitrep split into several events, one per place, belongs to the nearest one);
- geography: GeoVirus (held-out half: share of toponyms within 161 km, precision) and the UCDP
  sample (place name -> coordinates within 25 and 161 km).

Called by eval/run.py; run alone with ``python eval/pipeline_eval.py`` to print the metrics.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "sitrep" / "data" / "sample"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _source_name(source: str) -> str:
    """A stored article's source as the gold names it: file name (with #N for records)."""
    return Path(source).name


def ingest_metadata() -> dict[str, float | None]:
    from sitrep.ingest.quality import evaluate_sample

    result = evaluate_sample(SAMPLE)
    return {
        key: result.get(key)
        for key in ("title", "outlet", "published", "original_outlet")
        if isinstance(result.get(key), (int, float))
    }


def _ingest_sample(db: Path) -> Any:
    from sitrep.pipeline import Pipeline, iter_inputs
    from sitrep.store import Store

    store = Store(f"sqlite:///{db}")
    files = [str(p) for p in sorted(SAMPLE.iterdir()) if p.is_file() and p.name != "README.md"]
    Pipeline(store).ingest(iter_inputs(files))
    return store


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for group in groups:
        out.update(tuple(sorted(pair)) for pair in combinations(group, 2))  # type: ignore[misc]
    return out


def duplicates_and_merging(store: Any) -> dict[str, float | None]:
    from sqlalchemy import select

    from sitrep.resolve.merge import bcubed, conll_f1
    from sitrep.store import Article, Event

    articles_gold = _read_jsonl(SAMPLE / "gold" / "articles.jsonl")
    events_gold = _read_jsonl(SAMPLE / "gold" / "events.jsonl")
    with store.session() as s:
        articles = {_source_name(a.source): a for a in s.scalars(select(Article))}
        events = list(s.scalars(select(Event).where(Event.merged_into.is_(None))))
        # duplicates: gold clusters from duplicate_of links, predicted from cluster_id
        root = {
            g["source"]: g.get("duplicate_of") or g["source"]
            for g in articles_gold
            if g["source"] in articles
        }
        gold_groups: dict[str, list[str]] = {}
        for source, origin in root.items():
            gold_groups.setdefault(origin, []).append(source)
        pred_groups: dict[str, list[str]] = {}
        for source in root:
            pred_groups.setdefault(articles[source].cluster_id or source, []).append(source)
        gold_pairs = _pairs(list(gold_groups.values()))
        pred_pairs = _pairs(list(pred_groups.values()))
        hits = len(gold_pairs & pred_pairs)
        # merging: each gold mention -> the stored event citing an overlapping sentence there
        where: dict[tuple[str, int, int], str] = {}
        by_id = {event.id: event for event in events}
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for event in events:
            for mention in event.mentions:
                name = _source_name(mention.article.source)
                spans.setdefault(name, []).append((mention.start, mention.end, event.id))
        for i, g in enumerate(events_gold):
            article = articles.get(g["source"])
            text = (article.text or "") if article else ""
            start = text.find(g["sentence"][:60]) if text else -1
            if start < 0:
                continue
            end = start + len(g["sentence"])
            citing = [
                event_id
                for s_start, s_end, event_id in spans.get(g["source"], [])
                if s_start < end and start < s_end
            ]
            if citing:
                # one sentence may report several events (one per place: "in al-Qaim and
                # Akashat"); the gold mention belongs to the one nearest its own place
                where[(g["source"], i, 0)] = min(citing, key=lambda eid: _km(by_id[eid], g))
    gold_clusters: dict[str, list[str]] = {}
    pred_clusters: dict[str, list[str]] = {}
    for i, g in enumerate(events_gold):
        mention_id = f"m{i}"
        gold_clusters.setdefault(g["gold_event"], []).append(mention_id)
        event_id = where.get((g["source"], i, 0))
        pred_clusters.setdefault(event_id or f"missing-{i}", []).append(mention_id)
    b3 = bcubed(list(pred_clusters.values()), list(gold_clusters.values()))
    return {
        "dup_precision": round(hits / len(pred_pairs), 4) if pred_pairs else 1.0,
        "dup_recall": round(hits / len(gold_pairs), 4) if gold_pairs else 1.0,
        "merge_b3_precision": round(b3[0], 4),
        "merge_b3_recall": round(b3[1], 4),
        "merge_b3_f1": round(b3[2], 4),
        "merge_conll_f1": round(
            conll_f1(list(pred_clusters.values()), list(gold_clusters.values())), 4
        ),
        "gold_mentions_found": round(len(where) / len(events_gold), 4),
    }


def _km(event: Any, gold: dict[str, Any]) -> float:
    """Distance between a stored event and a gold mention (infinite when either has no point)."""
    from sitrep.resolve.gazetteer import haversine_km

    if None in (event.latitude, event.longitude, gold.get("latitude"), gold.get("longitude")):
        return float("inf")
    return float(
        haversine_km((event.latitude, event.longitude), (gold["latitude"], gold["longitude"]))
    )


def geography() -> dict[str, float | None]:
    """GeoVirus and UCDP through their own scripts (each prints JSON lines)."""
    out: dict[str, float | None] = {}
    for script, keep in (
        ("geovirus.py", {"held_out": ("precision", "acc161_of_gold", "mean_error_km")}),
        ("ucdp.py", {None: ("within_25km", "within_161km")}),
        ("ucdp_syria.py", {None: ("within_25km", "within_161km")}),
    ):
        proc = subprocess.run(
            [sys.executable, str(ROOT / "eval" / "geo" / script)],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if proc.returncode != 0:
            continue
        for line in proc.stdout.splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            half = row.get("half")
            if half not in keep:
                continue
            prefix = Path(script).stem + (f"_{half}" if half else "")
            for key in keep[half]:
                if isinstance(row.get(key), (int, float)):
                    out[f"{prefix}.{key}"] = row[key]
    return out


def run() -> dict[str, float | None]:
    metrics: dict[str, float | None] = {}
    metrics.update({f"ingest.{k}": v for k, v in ingest_metadata().items()})
    # page layouts the sample corpus lacks (eval/pages, page_metadata.py): ingest.pages_*
    from page_metadata import run as page_metadata

    metrics.update(page_metadata())
    with tempfile.TemporaryDirectory() as tmp:
        store = _ingest_sample(Path(tmp) / "sample.db")
        metrics.update({f"pipeline.{k}": v for k, v in duplicates_and_merging(store).items()})
        store.dispose()
    # distinct templated reports (500 ACLED notes as articles) must not be folded as copies
    from dedup_templated import run as templated

    metrics.update(templated())
    metrics.update({f"geo.{k}": v for k, v in geography().items()})
    return metrics


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
