"""Metadata accuracy of parsed articles against an annotated gold file.

Used by ``make eval`` on the sample corpus (``src/sitrep/data/sample/gold/articles.jsonl``).
Each field is compared the way a user would judge it: titles after normalising whitespace,
outlets ignoring case and punctuation, publication dates by day, original outlets like outlets
(an empty gold value must be matched by an empty parsed value).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from sitrep.models import ParsedArticle

FIELDS = ("title", "outlet", "published", "original_outlet")


def _space(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return re.sub(r"\s+", " ", str(value)).strip()


def _name(value: Any) -> str | None:
    text = _space(value)
    return re.sub(r"[\W_]+", "", text.lower()) if text else None


def _day(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)[:10]


_COMPARE = {"title": _space, "outlet": _name, "published": _day, "original_outlet": _name}


def metadata_accuracy(parsed: list[ParsedArticle], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Share of gold articles whose title, outlet, date (day) and original outlet are right.

    Articles are matched on ``source`` (the gold ``source`` may also be a path suffix of the
    parsed one). A gold article with no parsed counterpart counts as wrong on every field.
    Returns ``{"n", "<field>": accuracy, "missing": [...], "mismatches": [...]}``.
    """
    by_source = {article.source: article for article in parsed}
    totals = dict.fromkeys(FIELDS, 0)
    mismatches: list[dict[str, Any]] = []
    missing: list[str] = []
    for record in gold:
        source = str(record.get("source", ""))
        article = by_source.get(source) or next(
            (a for s, a in by_source.items() if s.endswith("/" + source) or s.endswith(source)),
            None,
        )
        if article is None:
            missing.append(source)
            continue
        for name in FIELDS:
            if name not in record:
                totals[name] += 1
                continue
            normalise = _COMPARE[name]
            got = normalise(getattr(article, name))
            want = normalise(record.get(name))
            if got == want:
                totals[name] += 1
            else:
                mismatches.append(
                    {
                        "source": source,
                        "field": name,
                        "want": record.get(name),
                        "got": getattr(article, name),
                    }
                )
    count = len(gold)
    result: dict[str, Any] = {"n": count}
    for name in FIELDS:
        result[name] = totals[name] / count if count else 0.0
    result["missing"] = missing
    result["mismatches"] = mismatches
    return result


def evaluate_sample(sample_dir: str | Path, gold_file: str | Path | None = None) -> dict[str, Any]:
    """Parse every article the gold file lists under ``sample_dir`` and score the metadata.

    Items that fail to parse count as missing (their reasons are listed under ``errors``).
    """
    from sitrep.errors import SitrepError
    from sitrep.ingest.parse import parse_item
    from sitrep.ingest.sources import iter_items

    sample = Path(sample_dir)
    gold_path = Path(gold_file) if gold_file else sample / "gold" / "articles.jsonl"
    gold = [
        json.loads(line)
        for line in gold_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    files = sorted({str(sample / str(g["source"]).split("#", 1)[0]) for g in gold})
    parsed: list[ParsedArticle] = []
    errors: list[str] = []
    for item in iter_items(files):
        try:
            article = parse_item(item)
        except SitrepError as exc:
            errors.append(str(exc))
            continue
        article.source = (
            str(Path(article.source).relative_to(sample))
            if article.source.startswith(str(sample))
            else article.source
        )
        parsed.append(article)
    result = metadata_accuracy(parsed, gold)
    result["errors"] = errors
    return result
