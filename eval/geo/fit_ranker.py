"""Fit the geoparser's candidate ranker (geoscore.WEIGHTS) on GeoVirus and ACLED notes.

Training data, never an evaluation set:

* GeoVirus's *tuning half* (its first 114 articles; the held-out half is never read): every
  gold toponym the geoparser finds gives its candidates, label 1 within 161 km of the gold point;
* ACLED training-country notes: not the held-out countries (``sitrep.splits``), not the sealed
  countries (eval/SEALED.md), not the notes of the fixed development sample
  (``acled_places.dev_rows``). A note's gold location gives the span whose name it is; label 1
  for candidates within 25 km of the gold point.

Each toponym's candidates share one sample weight (a name with fifty namesakes does not
outweigh one with two), the two sources weigh the same in total, and only toponyms whose
candidates disagree count. A logistic
regression over the feature vectors gives the weights (divided by the prior's, so the hard
country-coherence constraint and every threshold stay on the same scale). C is chosen by
grouped cross-validation: groups are ACLED countries and five blocks of GeoVirus articles, so
a setting is judged on countries it was not fitted on. Prints one JSON line: the CV top-1 of
the current weights and of each C, and the weights fitted on everything with the best C.

    .venv/bin/python eval/geo/fit_ranker.py [--notes 3000]
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from acled_places import dev_rows  # noqa: E402
from geovirus import load, shared_data, split  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.resolve import geoscore  # noqa: E402
from sitrep.resolve.gazetteer import Gazetteer, haversine_km  # noqa: E402
from sitrep.resolve.names import name_key  # noqa: E402
from sitrep.splits import load_acled, split_by_country  # noqa: E402

SEALED_COUNTRIES = frozenset(
    {"Afghanistan", "Pakistan", "Mali", "Ethiopia", "Peru", "Sri Lanka", "Tunisia"}
)
Group = tuple[str, np.ndarray, np.ndarray]  # (CV group, features, labels)


def geovirus_groups(gazetteer: Gazetteer) -> list[Group]:
    tuning = split(load(shared_data() / "geovirus" / "GeoVirus.xml"))["tuning"]
    out: list[Group] = []
    for number, (text, gold) in enumerate(tuning):
        spans = gazetteer.candidate_features(text)
        for start, end, lat, lon, _ in gold:
            span = next((s for s in spans if s[0] < end and start < s[1]), None)
            if span is None or not span[3]:
                continue
            labels = [
                haversine_km((lat, lon), (c.place.lat, c.place.lon)) <= 161 for c, _ in span[3]
            ]
            out.append(
                (f"geovirus-{number % 5}", np.array([v for _, v in span[3]]), np.array(labels, int))
            )
    return out


def acled_groups(gazetteer: Gazetteer, notes: int) -> list[Group]:
    train, _ = split_by_country(load_acled())
    dev_ids = {r["event_id_cnty"] for r in dev_rows()}
    rows = [
        r
        for r in train
        if r["country"] not in SEALED_COUNTRIES and r["event_id_cnty"] not in dev_ids
    ]
    random.Random(1).shuffle(rows)
    out: list[Group] = []
    for row in rows[:notes]:
        gold_key = name_key(row["location"].split(" - ")[0])
        lat, lon = float(row["latitude"]), float(row["longitude"])
        for _, _, surface, scored in gazetteer.candidate_features(row["notes"]):
            if name_key(surface) != gold_key or not scored:
                continue
            labels = [haversine_km((lat, lon), (c.place.lat, c.place.lon)) <= 25 for c, _ in scored]
            out.append((row["country"], np.array([v for _, v in scored]), np.array(labels, int)))
            break
    return out


def top1(data: Sequence[Group], weights: Sequence[float]) -> float:
    w = np.asarray(weights)
    return float(np.mean([labels[int(np.argmax(m @ w))] for _, m, labels in data]))


#: Features the training data cannot teach: no note or GeoVirus article comes with a caller's
#: country hint, and "X province"-style kind words are too rare in both to weigh. They keep
#: their hand-set weights, on the scale where the prior's weight is 1.
FIXED = {"hint": 1.5, "feature_word": 1.0}
_FREE = [i for i, name in enumerate(geoscore.FEATURES) if name not in FIXED]


def fit(data: Sequence[Group], c: float) -> list[float]:
    rows = [(g, m[:, _FREE], y) for g, m, y in data if 0 < y.sum() < len(y)]
    # GeoVirus (world news) and ACLED notes weigh the same in total, whatever their sizes
    sizes = {True: 0, False: 0}
    for g, _, _ in rows:
        sizes[g.startswith("geovirus")] += 1
    x = np.vstack([m for _, m, _ in rows])
    y = np.concatenate([labels for _, _, labels in rows])
    sample = np.concatenate(
        [
            np.full(len(labels), 1.0 / len(labels) / sizes[g.startswith("geovirus")])
            for g, _, labels in rows
        ]
    )
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x, y, sample_weight=sample * len(rows) / 2)
    fitted = dict(zip(_FREE, model.coef_[0], strict=True))
    scale = fitted[geoscore.FEATURES.index("prior")]
    return [
        FIXED[name] if name in FIXED else round(float(fitted[i] / scale), 2)
        for i, name in enumerate(geoscore.FEATURES)
    ]


def grouped_cv(data: Sequence[Group], c: float) -> float:
    """Top-1 over every toponym, each scored by weights fitted without its group."""
    names = sorted({g for g, _, _ in data})
    folds = [names[i::5] for i in range(5)]
    hits = total = 0
    for fold in folds:
        test = [d for d in data if d[0] in fold]
        train = [d for d in data if d[0] not in fold]
        if not test or not train:
            continue
        weights = fit(train, c)
        hits += top1(test, weights) * len(test)
        total += len(test)
    return hits / total


def main(argv: list[str]) -> None:
    notes = int(argv[argv.index("--notes") + 1]) if "--notes" in argv else 3000
    gazetteer = Gazetteer.default()
    data = geovirus_groups(gazetteer) + acled_groups(gazetteer, notes)
    report: dict[str, object] = {
        "toponyms": len(data),
        "groups": len({g for g, _, _ in data}),
        "current_weights_top1": round(top1(data, geoscore.WEIGHTS), 4),
    }
    report["current_weights_top1_by_source"] = {
        name: round(
            top1([d for d in data if d[0].startswith("geovirus") == gv], geoscore.WEIGHTS), 4
        )
        for name, gv in (("geovirus", True), ("acled", False))
    }
    scores = {c: round(grouped_cv(data, c), 4) for c in (0.001, 0.01, 0.1, 1.0)}
    report["cv_top1"] = scores
    best = max(scores, key=lambda c: scores[c])
    report["best_C"] = best
    report["weights"] = dict(zip(geoscore.FEATURES, fit(data, best), strict=True))
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
