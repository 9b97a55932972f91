"""Train the role model (``sitrep.events.roles_model``) by distant supervision on ACLED notes.

Only the training countries are read: not ``HELD_OUT_COUNTRIES`` (events/train.py, the dev
set of ``make eval``) and not the sealed countries of eval/SEALED.md. Each actor mention that
``sitrep.events.actors.find_actors`` finds in a note's sentences is labelled actor1 / actor2 /
other by comparing its ACLED name with the note's coded columns (term years ignored). The
regularisation is chosen by cross-validation grouped by country; the rule baseline (agent ->
actor1, target -> actor2, the rest other, as ``role_of`` says) is scored on the same folds.

    .venv/bin/python tools/train_roles.py            # CV report + writes the model
    .venv/bin/python tools/train_roles.py --cv-only  # CV report only
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.evaluate import normalise_actor  # noqa: E402
from sitrep.events.actors import find_actors, role_of  # noqa: E402
from sitrep.events.roles_model import LABELS, MODEL_PATH, features  # noqa: E402
from sitrep.events.train import HELD_OUT_COUNTRIES, load_acled  # noqa: E402
from sitrep.nlp import split_sentences  # noqa: E402

#: eval/SEALED.md: whole countries nobody reads or tunes on.
SEALED_COUNTRIES = ("Afghanistan", "Pakistan", "Mali", "Ethiopia", "Peru", "Sri Lanka", "Tunisia")
C_GRID = (0.1, 0.3, 1.0, 3.0)


def examples(rows: list[dict[str, str]]) -> list[tuple[dict[str, float], str, str, str]]:
    """(features, label, country, rule label) for every actor mention of every note."""
    out = []
    for row in rows:
        a1, a2 = normalise_actor(row["actor1"]), normalise_actor(row["actor2"])
        if not a1 or a1 == a2:
            continue
        on = date.fromisoformat(row["event_date"]) if row.get("event_date") else None
        note = row["notes"]
        for s_start, s_end in split_sentences(note):
            sentence = note[s_start:s_end]
            mentions = find_actors(sentence, country=row["country"], on=on)
            for index, mention in enumerate(mentions):
                name = normalise_actor(mention.canonical)
                label = "actor1" if name == a1 else "actor2" if name == a2 else "other"
                role, why = role_of(sentence, mention, event_type=row["event_type"])
                rule = {"agent": "actor1", "target": "actor2"}.get(role, "other")
                feats = features(
                    sentence, mention.start or 0, mention.end or 0, index=index,
                    count=len(mentions), inter=mention.inter, rule_role=role, rule_reason=why,
                    event_type=row["event_type"],
                )  # fmt: skip
                out.append((feats, label, row["country"], rule))
    return out


def _macro_f1(gold: list[str], pred: list[str]) -> float:
    scores = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def main(argv: list[str] | None = None) -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    excluded = set(HELD_OUT_COUNTRIES) | set(SEALED_COUNTRIES)
    rows = [r for r in load_acled() if r["country"] not in excluded]
    data = examples(rows)
    X_dicts = [d[0] for d in data]
    y = [d[1] for d in data]
    groups = [d[2] for d in data]
    rule = [d[3] for d in data]
    print(f"{len(rows)} notes, {len(data)} mentions, {len(set(groups))} countries; "
          f"labels {dict(Counter(y))}")  # fmt: skip
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(X_dicts)
    folds = list(GroupKFold(n_splits=args.folds).split(X, y, groups))
    results: dict[float, tuple[float, float]] = {}
    per_country: dict[float, dict[str, list[bool]]] = {}
    for c in C_GRID:
        pred = [""] * len(y)
        for train, test in folds:
            model = LogisticRegression(C=c, max_iter=2000)
            model.fit(X[train], [y[i] for i in train])
            for i, p in zip(test, model.predict(X[test]), strict=True):
                pred[i] = str(p)
        acc = sum(p == g for p, g in zip(pred, y, strict=True)) / len(y)
        results[c] = (acc, _macro_f1(y, pred))
        by: dict[str, list[bool]] = defaultdict(list)
        for p, g, country in zip(pred, y, groups, strict=True):
            by[country].append(p == g)
        per_country[c] = by
        print(f"C={c}: grouped-CV accuracy {acc:.3f}, macro F1 {results[c][1]:.3f}")
    rule_acc = sum(p == g for p, g in zip(rule, y, strict=True)) / len(y)
    print(f"rules alone (role_of): accuracy {rule_acc:.3f}, macro F1 {_macro_f1(y, rule):.3f}")
    best = max(C_GRID, key=lambda c: results[c][1])
    print(f"chosen C={best}")
    rule_by: dict[str, list[bool]] = defaultdict(list)
    for p, g, country in zip(rule, y, groups, strict=True):
        rule_by[country].append(p == g)
    report: dict[str, Any] = {"per_country": {}}
    for country in sorted(per_country[best], key=lambda k: -len(per_country[best][k])):
        hits = per_country[best][country]
        r = rule_by[country]
        report["per_country"][country] = {
            "mentions": len(hits),
            "model_accuracy": round(sum(hits) / len(hits), 3),
            "rule_accuracy": round(sum(r) / len(r), 3),
        }
    if args.cv_only:
        print(json.dumps(report, indent=1))
        return 0
    model = LogisticRegression(C=best, max_iter=2000)
    model.fit(X, y)
    assert tuple(model.classes_) == tuple(sorted(LABELS))
    order = [list(model.classes_).index(label) for label in LABELS]
    weights = {}
    for j, name in enumerate(vectorizer.feature_names_):
        row = [round(float(model.coef_[k][j]), 4) for k in order]
        if any(abs(w) >= 1e-3 for w in row):
            weights[name] = row
    meta = {
        "trained_on": "ACLED 2022 H1 notes, training countries only (not HELD_OUT_COUNTRIES, "
        "not SEALED)",
        "notes": len(rows),
        "mentions": len(data),
        "labels": dict(Counter(y)),
        "C": best,
        "grouped_cv": {
            str(c): {"accuracy": round(a, 4), "macro_f1": round(f, 4)}
            for c, (a, f) in results.items()
        },  # fmt: skip
        "rules_alone": {"accuracy": round(rule_acc, 4), "macro_f1": round(_macro_f1(y, rule), 4)},
        **report,
    }
    intercept = [round(float(model.intercept_[k]), 4) for k in order]
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(
        json.dumps(
            {"labels": list(LABELS), "intercept": intercept, "weights": weights, "meta": meta},
            separators=(",", ":"),
            sort_keys=True,
        ),  # fmt: skip
        encoding="utf-8",
    )
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes, {len(weights)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
