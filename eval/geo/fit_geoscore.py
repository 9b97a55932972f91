"""Fit the geoparser's candidate weights (sitrep.resolve.geoscore.WEIGHTS) on GeoVirus.

Only the *tuning half* (the first half of the articles, see geovirus.py) is read. Every gold
toponym that the geoparser finds contributes its candidates: label 1 when the candidate lies
within 161 km of the gold point, else 0; each toponym's candidates share a total sample weight
of 1, so a name with fifty namesakes does not outweigh one with two. A logistic regression over
the feature vectors gives the weights; they are refitted once with the context built from the
first fit's picks. Prints the weights (to paste into geoscore.WEIGHTS) and the share of
toponyms whose best-scored candidate is within 161 km, before and after.

    .venv/bin/python eval/geo/fit_geoscore.py [PATH/TO/GeoVirus.xml] [--C 1.0]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from geovirus import Gold, load, shared_data, split  # type: ignore[import-not-found]
from sklearn.linear_model import LogisticRegression

from sitrep.resolve import geoscore
from sitrep.resolve.gazetteer import Gazetteer, haversine_km


def groups(
    articles: list[tuple[str, list[Gold]]], weights: Sequence[float]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(feature matrix, labels) per found gold toponym with at least one candidate."""
    gazetteer = Gazetteer.default()
    out = []
    for text, gold in articles:
        spans = gazetteer.candidate_features(text, weights=weights)
        for start, end, lat, lon, _ in gold:
            span = next((s for s in spans if s[0] < end and start < s[1]), None)
            if span is None or not span[3]:
                continue
            matrix = np.array([vector for _, vector in span[3]], dtype=float)
            labels = np.array(
                [haversine_km((lat, lon), (c.place.lat, c.place.lon)) <= 161 for c, _ in span[3]],
                dtype=int,
            )
            out.append((matrix, labels))
    return out


def top1(data: list[tuple[np.ndarray, np.ndarray]], weights: Sequence[float]) -> float:
    """Share of toponyms whose best-scored candidate is within 161 km."""
    w = np.asarray(weights)
    return float(np.mean([labels[int(np.argmax(matrix @ w))] for matrix, labels in data]))


#: Features GeoVirus cannot teach (no caller hint, no supplement places, almost no "X province"
#: phrasing): they keep their hand-set weights, on the scale where the prior's weight is 1.
FIXED = {"curated": 0.4, "hint": 1.5, "feature_word": 1.0}


def fit(data: list[tuple[np.ndarray, np.ndarray]], c: float) -> list[float]:
    """Weights in FEATURES order: free ones fitted, divided by the prior's; FIXED ones kept."""
    free = [i for i, name in enumerate(geoscore.FEATURES) if name not in FIXED]
    rows = [(m[:, free], y) for m, y in data if 0 < y.sum() < len(y)]  # choices that matter
    x = np.vstack([m for m, _ in rows])
    y = np.concatenate([labels for _, labels in rows])
    sample = np.concatenate([np.full(len(labels), 1.0 / len(labels)) for _, labels in rows])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y, sample_weight=sample * len(rows))
    fitted = dict(zip(free, model.coef_[0], strict=True))
    scale = fitted[geoscore.FEATURES.index("prior")]
    return [
        FIXED[name] if name in FIXED else round(float(fitted[i] / scale), 2)
        for i, name in enumerate(geoscore.FEATURES)
    ]


if __name__ == "__main__":
    args = sys.argv[1:]
    c = 1.0
    if "--C" in args:
        c = float(args[args.index("--C") + 1])
        del args[args.index("--C") : args.index("--C") + 2]
    target = Path(args[0]) if args else shared_data() / "geovirus" / "GeoVirus.xml"
    tuning = split(load(target))["tuning"]
    weights: Sequence[float] = geoscore.WEIGHTS
    data = groups(tuning, weights)
    report = {"before": round(top1(data, weights), 4)}
    for round_number in (1, 2):
        weights = fit(data, c)
        data = groups(tuning, weights)
        report[f"round{round_number}"] = round(top1(data, weights), 4)
    print(json.dumps({**report, "weights": dict(zip(geoscore.FEATURES, weights, strict=True))}))
