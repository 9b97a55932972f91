"""Geoparsing quality on GeoVirus (WikiNews articles with gold toponyms and coordinates).

The articles are split in a fixed way: the first half (in file order) is the *tuning* half, on
which the geoparser's weights were fitted and its errors read; the second half is *held out*
and only ever measured. Prints one JSON line per half and one for all articles: toponym
precision/recall/F1 (a predicted span counts when it overlaps a gold span), the share of gold
toponyms found and resolved within 161 km (the customary "accuracy@161km"), the same share
among found toponyms, and the mean error in km.

    .venv/bin/python eval/geo/geovirus.py [PATH/TO/GeoVirus.xml] [-v]

``-v`` lists misses (MISS), far resolutions (FAR) and false positives (FP) of the tuning half
on stderr; the held-out half is never listed, so it stays unread.
"""

from __future__ import annotations

import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from sitrep.resolve.gazetteer import Gazetteer, haversine_km

Gold = tuple[int, int, float, float, str]


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[3] / "shared" / "data"
    return Path(os.environ.get("SITREP_SHARED_DATA", default))


def load(path: Path) -> list[tuple[str, list[Gold]]]:
    """(text, gold toponyms) per article, in file order."""
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        gold = [
            (
                int(location.findtext("start") or 0),
                int(location.findtext("end") or 0),
                float(location.findtext("lat") or 0),
                float(location.findtext("lon") or 0),
                location.findtext("name") or "",
            )
            for location in article.iter("location")
        ]
        articles.append((article.findtext("text") or "", gold))
    return articles


def split(articles: list[tuple[str, list[Gold]]]) -> dict[str, list[tuple[str, list[Gold]]]]:
    """The fixed split: first half tuning, second half held out."""
    half = len(articles) // 2
    return {"tuning": articles[:half], "held_out": articles[half:], "all": articles}


def evaluate(
    articles: list[tuple[str, list[Gold]]], name: str = "all", verbose: bool = False
) -> dict[str, object]:
    gazetteer = Gazetteer.default()
    gold_total = predicted_total = true_positive = 0
    within = 0
    errors: list[float] = []
    for text, gold in articles:
        mentions = gazetteer.geoparse(text)
        predicted_total += len(mentions)
        gold_total += len(gold)
        matched_predictions = set()
        for start, end, lat, lon, toponym in gold:
            hit = next((m for m in mentions if m.start < end and start < m.end and m.place), None)
            if hit is None or hit.place is None:
                if verbose:
                    context = text[max(0, start - 30) : end + 30].replace("\n", " ")
                    print("MISS", toponym, "|", context, file=sys.stderr)
                continue
            matched_predictions.add(id(hit))
            error = haversine_km((lat, lon), (hit.place.lat, hit.place.lon))
            errors.append(error)
            within += error <= 161
            if verbose and error > 161:
                print(
                    "FAR", toponym, "->", hit.place.name, hit.place.iso, hit.place.feature,
                    round(error), (lat, lon), file=sys.stderr,
                )  # fmt: skip
        true_positive += len(matched_predictions)
        if verbose:
            for m in mentions:
                if id(m) not in matched_predictions:
                    context = text[max(0, m.start - 30) : m.end + 30].replace("\n", " ")
                    print("FP", m.text, m.place.name if m.place else None, "|", context,
                          file=sys.stderr)  # fmt: skip
    precision = true_positive / predicted_total if predicted_total else 0.0
    recall = len(errors) / gold_total if gold_total else 0.0
    return {
        "dataset": "geovirus",
        "half": name,
        "articles": len(articles),
        "gold_toponyms": gold_total,
        "predicted": predicted_total,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
        "acc161_of_gold": round(within / gold_total, 4) if gold_total else 0.0,
        "acc161_of_found": round(within / len(errors), 4) if errors else 0.0,
        "mean_error_km": round(sum(errors) / len(errors), 1) if errors else 0.0,
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    target = Path(args[0]) if args else shared_data() / "geovirus" / "GeoVirus.xml"
    halves = split(load(target))
    for half, subset in halves.items():
        print(json.dumps(evaluate(subset, half, verbose="-v" in sys.argv and half == "tuning")))
