"""Geoparsing quality on GeoVirus (WikiNews articles with gold toponyms and coordinates).

Prints one JSON line: toponym precision/recall/F1 (a predicted span counts when it overlaps a
gold span), the share of gold toponyms found and resolved within 161 km (the customary
"accuracy@161km"), the same share among found toponyms, and the mean error in km.

    .venv/bin/python eval/geo/geovirus.py [PATH/TO/GeoVirus.xml]
"""

from __future__ import annotations

import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from sitrep.resolve.gazetteer import Gazetteer, haversine_km


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[3] / "shared" / "data"
    return Path(os.environ.get("SITREP_SHARED_DATA", default))


def evaluate(path: Path, verbose: bool = False) -> dict[str, float]:
    gazetteer = Gazetteer.default()
    root = ET.parse(path).getroot()
    gold_total = predicted_total = true_positive = 0
    within = 0
    errors: list[float] = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for location in article.iter("location"):
            gold.append(
                (
                    int(location.findtext("start")),
                    int(location.findtext("end")),
                    float(location.findtext("lat")),
                    float(location.findtext("lon")),
                    location.findtext("name"),
                )
            )
        mentions = gazetteer.geoparse(text)
        predicted_total += len(mentions)
        gold_total += len(gold)
        matched_predictions = set()
        for start, end, lat, lon, name in gold:
            hit = next((m for m in mentions if m.start < end and start < m.end and m.place), None)
            if hit is None:
                if verbose:
                    print("MISS", name, file=sys.stderr)
                continue
            matched_predictions.add(id(hit))
            error = haversine_km((lat, lon), (hit.place.lat, hit.place.lon))
            errors.append(error)
            within += error <= 161
            if verbose and error > 161:
                print("FAR", name, hit.place.name, hit.place.iso, round(error), file=sys.stderr)
        true_positive += len(matched_predictions)
        if verbose:
            for m in mentions:
                if id(m) not in matched_predictions:
                    print("FP", m.text, m.place.name if m.place else None, file=sys.stderr)
    precision = true_positive / predicted_total if predicted_total else 0.0
    recall = len(errors) / gold_total if gold_total else 0.0
    return {
        "dataset": "geovirus",
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
    print(json.dumps(evaluate(target, verbose="-v" in sys.argv)))
