"""Score predicted events against gold events: ``sitrep evaluate`` and ``make eval``.

Matching rules (``rule=``):

``"sentence"`` (sitrep's gold JSON-lines, one line per event *mention*): a predicted event
matches a gold mention when one of its sources comes from the same article (``Source.article_id``
equals the gold ``source``) and its sentence overlaps the gold sentence (one contains the other,
or they share at least 60% of the shorter one's words). A gold *event* (``gold_event``) is found
when any of its mentions is matched. Precision counts predicted events that match some gold
mention; recall counts gold events found.

``"note"`` (ACLED CSV, each row's ``notes`` is a document): a predicted event matches the row
whose ``event_id_cnty`` equals its source's ``article_id``; per row the most confident
prediction is scored, extra predictions from the same note count as false positives.

Field scores are computed on matched pairs: sub_event_type accuracy and weighted F1, date exact,
place within 25 km and admin1 match, actor1/actor2 match after normalisation (case, spacing,
punctuation and the "(2021-)" term years ignored), fatalities exact. ``background_at_publication``
counts predicted background events dated on their own article's publication day (must be 0).
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from sitrep.errors import InputError
from sitrep.events.taxonomy import normalise_disorder_type
from sitrep.geo.distance import haversine_km
from sitrep.models import Document, EventRecord

Rule = Literal["sentence", "note"]
PLACE_KM = 25.0
_WORD = re.compile(r"\w+")


def normalise_actor(name: str | None) -> str:
    """Actor name for comparison: no term years, case, punctuation or extra spaces."""
    if not name:
        return ""
    name = re.sub(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)", " ", name)
    return " ".join(_WORD.findall(name.casefold()))


def normalise_admin(name: str | None) -> str:
    """Admin1 name for comparison: folded, no "al"/"governorate"/"province", letters only."""
    if not name:
        return ""
    from anyascii import anyascii

    text = anyascii(name).casefold()
    text = re.sub(r"\b(?:governorate|province|muhafazat)\b", " ", text)
    text = re.sub(r"^\s*(?:al|el|ad|as|ar|an|at)[\s-]+", "", text)
    text = re.sub(r"[^a-z]", "", text)
    return text.replace("dh", "th")


def sentences_overlap(a: str, b: str) -> bool:
    """Whether two sentence strings are the same sentence (containment or 60% shared words)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


# --------------------------------------------------------------------------- gold loading


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold events from sitrep JSON-lines or an ACLED CSV (values typed: ints, floats, None)."""
    target = Path(path)
    if not target.exists():
        raise InputError(f"gold file {target} does not exist")
    if target.suffix.lower() == ".csv":
        with open(target, newline="", encoding="utf-8") as handle:
            return [acled_row(row) for row in csv.DictReader(handle)]
    rows = []
    for number, line in enumerate(target.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{target}:{number} is not JSON: {exc}") from exc
    return rows


def acled_row(row: dict[str, str]) -> dict[str, Any]:
    """One ACLED CSV row with numbers as numbers and empty strings as None."""
    out: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
    for name in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                 "fatalities", "timestamp"):  # fmt: skip
        if out.get(name) is not None:
            out[name] = int(float(out[name]))
    for name in ("latitude", "longitude"):
        if out.get(name) is not None:
            out[name] = float(out[name])
    out["disorder_type"] = normalise_disorder_type(out.get("disorder_type"))
    return out


def acled_documents(rows: list[dict[str, Any]]) -> list[Document]:
    """Each ACLED row's notes as a Document, published on the day of its ``timestamp``.

    The timestamp is when ACLED published the row, the closest thing to an article date; the
    notes write the year in full ("On 23 February 2022"), so the base date cannot leak the answer.
    """
    docs = []
    for row in rows:
        stamp = row.get("timestamp")
        published = datetime.fromtimestamp(int(stamp), tz=UTC) if stamp else None
        docs.append(
            Document(
                id=str(row["event_id_cnty"]), text=str(row.get("notes") or ""), published=published
            )
        )
    return docs


# --------------------------------------------------------------------------- matching


def _match_sentence(
    pred: list[EventRecord], gold: list[dict[str, Any]]
) -> tuple[list[tuple[int, int]], set[int]]:
    """(pairs of (pred index, gold index), matched pred indexes) under the sentence rule."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for g_index, g in enumerate(gold):
        by_source[str(g.get("source"))].append(g_index)
    pairs: list[tuple[int, int]] = []
    matched_pred: set[int] = set()
    for p_index, event in enumerate(pred):
        for source in event.sources:
            for g_index in by_source.get(str(source.article_id), []):
                if sentences_overlap(source.sentence, str(gold[g_index].get("sentence") or "")):
                    pairs.append((p_index, g_index))
                    matched_pred.add(p_index)
    return pairs, matched_pred


def _match_note(
    pred: list[EventRecord], gold: list[dict[str, Any]]
) -> tuple[list[tuple[int, int]], set[int]]:
    index = {str(g.get("event_id_cnty")): i for i, g in enumerate(gold)}
    best: dict[int, int] = {}
    for p_index, event in enumerate(pred):
        for source in event.sources[:1]:
            g_index = index.get(str(source.article_id))
            if g_index is None:
                continue
            if g_index not in best or event.confidence > pred[best[g_index]].confidence:
                best[g_index] = p_index
    pairs = [(p, g) for g, p in best.items()]
    return pairs, {p for p, _ in pairs}


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def field_scores(pairs: list[tuple[EventRecord, dict[str, Any]]]) -> dict[str, Any]:
    """Per-field agreement on matched (predicted, gold) pairs."""
    from sklearn.metrics import f1_score

    n = len(pairs)
    gold_types = [str(g.get("sub_event_type")) for _, g in pairs]
    pred_types = [str(p.sub_event_type) for p, _ in pairs]
    placed = [
        (p, g) for p, g in pairs if g.get("latitude") is not None and g.get("longitude") is not None
    ]
    within = sum(
        1 for p, g in placed
        if p.latitude is not None and p.longitude is not None
        and haversine_km((p.latitude, p.longitude), (float(g["latitude"]), float(g["longitude"]))) <= PLACE_KM
    )  # fmt: skip
    with_admin = [(p, g) for p, g in pairs if g.get("admin1")]
    return {
        "matched": n,
        "sub_event_type_accuracy": _rate(sum(a == b for a, b in zip(gold_types, pred_types, strict=False)), n),
        "sub_event_type_weighted_f1": round(float(f1_score(gold_types, pred_types, average="weighted", zero_division=0)), 4) if n else None,
        "event_type_accuracy": _rate(sum(str(p.event_type) == str(g.get("event_type")) for p, g in pairs), n),
        "date_exact": _rate(sum(p.event_date == g.get("event_date") for p, g in pairs), n),
        "place_within_25km": _rate(within, len(placed)),
        "admin1_match": _rate(sum(normalise_admin(p.admin1) == normalise_admin(g.get("admin1")) for p, g in with_admin), len(with_admin)),
        "actor1_match": _rate(sum(normalise_actor(p.actor1) == normalise_actor(g.get("actor1")) for p, g in pairs), n),
        "actor2_match": _rate(sum(normalise_actor(p.actor2) == normalise_actor(g.get("actor2")) for p, g in pairs), n),
        "fatalities_exact": _rate(sum(int(p.fatalities or 0) == int(g.get("fatalities") or 0) for p, g in pairs), n),
        "background_accuracy": _rate(sum(bool(p.background) == bool(g["background"]) for p, g in pairs if "background" in g), sum(1 for _, g in pairs if "background" in g)),
    }  # fmt: skip


def background_at_publication(pred: list[EventRecord]) -> int:
    """Predicted background events dated on their own article's publication day (should be 0)."""
    count = 0
    for event in pred:
        if not event.background or not event.event_date:
            continue
        published = {str(s.published)[:10] for s in event.sources if s.published}
        if event.event_date in published:
            count += 1
    return count


def evaluate(
    pred: list[EventRecord], gold: list[dict[str, Any]], *, rule: Rule = "sentence"
) -> dict[str, Any]:
    """Event precision/recall/F1 and per-field scores (see the module docstring for ``rule``)."""
    if rule == "sentence":
        pairs, matched_pred = _match_sentence(pred, gold)
        gold_key = [str(g.get("gold_event") or i) for i, g in enumerate(gold)]
    elif rule == "note":
        pairs, matched_pred = _match_note(pred, gold)
        gold_key = [str(g.get("event_id_cnty") or i) for i, g in enumerate(gold)]
    else:
        raise InputError(f"unknown matching rule {rule!r}: use 'sentence' or 'note'")
    found = {gold_key[g] for _, g in pairs}
    total_gold = len(set(gold_key))
    precision = _rate(len(matched_pred), len(pred))
    recall = _rate(len(found), total_gold)
    f1 = (round(2 * precision * recall / (precision + recall), 4)
          if precision and recall else 0.0)  # fmt: skip
    # One pair per predicted event for field scores (its first gold match).
    seen: set[int] = set()
    scored: list[tuple[EventRecord, dict[str, Any]]] = []
    for p, g in pairs:
        if p not in seen:
            seen.add(p)
            scored.append((pred[p], gold[g]))
    return {
        "rule": rule,
        "predicted": len(pred),
        "gold_events": total_gold,
        "gold_mentions": len(gold),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fields": field_scores(scored),
        "background_at_publication": background_at_publication(pred),
        "missed": sorted(set(gold_key) - found),
    }


def load_events(path: str | Path) -> list[EventRecord]:
    """Predicted events from sitrep's event JSON-lines (the ``export --format jsonl`` output).

    Unknown keys are ignored; ``sources`` become :class:`Source` records.
    """
    import dataclasses

    from sitrep.models import Source

    names = {f.name for f in dataclasses.fields(EventRecord)}
    source_names = {f.name for f in dataclasses.fields(Source)}
    events = []
    for row in load_gold(path):
        values = {k: v for k, v in row.items() if k in names}
        values["sources"] = [
            Source(**{k: v for k, v in s.items() if k in source_names})
            for s in row.get("sources") or []
        ]
        events.append(EventRecord(**values))
    return events


def evaluate_files(
    pred: str | Path, gold: str | Path, *, rule: Rule | None = None
) -> dict[str, Any]:
    """``sitrep evaluate PRED GOLD``: score an event JSON-lines file against a gold file.

    The rule defaults to ``note`` for an ACLED CSV gold file and ``sentence`` otherwise.
    """
    chosen: Rule = rule or ("note" if Path(gold).suffix.lower() == ".csv" else "sentence")
    return evaluate(load_events(pred), load_gold(gold), rule=chosen)


def gold_documents(gold_path: Path, gold: list[dict[str, Any]]) -> list[Document]:
    """The articles a sitrep gold file cites, parsed by sitrep.ingest.

    Looked up next to the gold folder (``sample/gold/events.jsonl`` -> ``sample/<source>``).
    """
    from sitrep.errors import SitrepError
    from sitrep.ingest.parse import parse_item
    from sitrep.ingest.sources import iter_items

    root = gold_path.resolve().parent.parent
    files = sorted({str(root / str(g["source"]).split("#", 1)[0]) for g in gold if g.get("source")})
    missing = [f for f in files if not Path(f).exists()]
    if missing:
        raise InputError(
            f"gold file {gold_path} cites articles that are not in {root} ({missing[0]} ...): "
            "pass the predictions with --pred"
        )
    docs = []
    for item in iter_items(files):
        try:
            article = parse_item(item)
        except SitrepError:
            continue  # scored as missed events
        source = article.source
        if source.startswith(str(root)):
            source = str(Path(source).relative_to(root))
        docs.append(
            Document(
                id=source,
                text=article.text,
                title=article.title,
                published=article.published,
                url=article.url,
                outlet=article.outlet,
            )
        )
    return docs


def evaluate_cli(gold: str | Path, predictions: str | Path | None = None) -> dict[str, Any]:
    """What ``sitrep evaluate`` prints: one flat dict of scores.

    Without predictions, the default extractor codes the gold's own documents: each ACLED
    row's notes, or the articles a sitrep gold file cites (found beside its folder).
    """
    from sitrep.events.extract import get_extractor

    gold_path = Path(gold)
    rows = load_gold(gold_path)
    rule: Rule = "note" if gold_path.suffix.lower() == ".csv" else "sentence"
    if predictions is not None:
        pred = load_events(predictions)
    else:
        docs = acled_documents(rows) if rule == "note" else gold_documents(gold_path, rows)
        extractor = get_extractor("default")
        pred = [e for doc in docs for e in extractor.extract(doc).events]
    result = evaluate(pred, rows, rule=rule)
    flat: dict[str, Any] = {k: v for k, v in result.items() if k not in ("fields", "missed")}
    flat.update({f"field.{k}": v for k, v in result["fields"].items()})
    flat["missed"] = len(result["missed"])
    return flat


def date_of(value: Any) -> date | None:
    """A date from an ISO string or datetime (None when empty)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
