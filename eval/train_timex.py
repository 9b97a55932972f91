"""Fit the learned time-expression decisions (sitrep.nlp.timex_model) on TimeBank ``train``.

Writes ``src/sitrep/data/timex_model.json``. Only the ``train`` documents of eval/timebank.py
are read; the regularisation strength is chosen by 5-fold cross-validation grouped by document
on those same documents. Run: ``python eval/train_timex.py`` (a few seconds).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timebank import TimeMLDoc, documents  # noqa: E402

from sitrep.nlp import anchors, timex_model  # noqa: E402
from sitrep.nlp.timex import find_timexes  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "timex_model.json"


def direction_examples(doc: TimeMLDoc) -> Iterator[tuple[list[str], str]]:
    anchor = anchors.document_anchor(doc.text, doc.dct) or doc.dct
    for t in find_timexes(doc.text, anchor):
        target = anchors._direction_target(t)
        if target is None or not t.relative:
            continue
        size = 7 if target[1] == 0 else 10
        gold = [
            g for g in doc.dates if g.start < t.end and t.start < g.end and len(g.value) == size
        ]
        if len(gold) != 1:
            continue
        try:
            day = date.fromisoformat(gold[0].value + ("-01" if size == 7 else ""))
        except ValueError:
            continue
        here = anchor.replace(day=1) if size == 7 else anchor
        label = "past" if day < here else ("same" if day == here else "future")
        yield timex_model.all_direction_features(doc.text, t.start, t.end, anchor, target), label


def keep_examples(doc: TimeMLDoc) -> Iterator[tuple[list[str], str]]:
    found = find_timexes(doc.text, doc.dct)
    for t in found:
        if t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            hit = any(g.start < t.end and t.start < g.end for g in doc.dates)
            yield timex_model.keep_features(doc.text, t.start, t.end, "ref"), "yes" if hit else "no"
    for m in anchors._BARE_YEAR.finditer(doc.text):
        if any(t.start < m.end() and m.start() < t.end for t in found):
            continue
        hit = any(g.start < m.end() and m.start() < g.end for g in doc.dates)
        yield (
            timex_model.keep_features(doc.text, m.start(), m.end(), "year"),
            "yes" if hit else "no",
        )


def fit(
    rows: list[tuple[list[str], str, int]], name: str
) -> tuple[dict[str, dict[str, float]], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_score

    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1.0 for f in feats} for feats, _, _ in rows])
    y = [label for _, label, _ in rows]
    groups = [g for _, _, g in rows]
    best = (-1.0, 1.0)
    for c in (0.1, 0.3, 1.0, 3.0, 10.0):
        model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
        cv = cross_val_score(model, x, y, groups=groups, cv=GroupKFold(5)).mean()
        print(f"{name}: C={c} grouped-CV accuracy {cv:.3f}")
        best = max(best, (float(cv), c))
    majority = max(set(y), key=y.count)
    print(
        f"{name}: {len(rows)} examples, majority class {majority} {y.count(majority) / len(y):.3f}; C={best[1]}"
    )
    model = LogisticRegression(C=best[1], fit_intercept=False, max_iter=2000).fit(x, y)
    names = vec.get_feature_names_out()
    classes = [str(c) for c in model.classes_]
    if len(classes) == 2:
        weights = {classes[1]: model.coef_[0], classes[0]: None}
    else:
        weights = dict(zip(classes, model.coef_, strict=True))
    out: dict[str, dict[str, float]] = {}
    for label, row in weights.items():
        out[label] = (
            {}
            if row is None
            else {
                str(n): round(float(w), 4)
                for n, w in zip(names, row, strict=True)
                if abs(w) >= 1e-4
            }
        )
    return out, best[1]


def keep_threshold(rows: list[tuple[list[str], str, int]], c: float) -> float:
    """The score above which a candidate is kept: the best F2 (recall counts double: a dropped
    date is worse than a kept non-date) over grouped cross-validated scores on train."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    x = DictVectorizer().fit_transform([{f: 1.0 for f in feats} for feats, _, _ in rows])
    y = [label == "yes" for _, label, _ in rows]
    groups = [g for _, _, g in rows]
    scores = cross_val_predict(
        LogisticRegression(C=c, fit_intercept=False, max_iter=2000), x, y,
        groups=groups, cv=GroupKFold(5), method="decision_function",
    )  # fmt: skip
    best = (-1.0, 0.0)
    for threshold in [t / 4 for t in range(-12, 5)]:
        tp = sum(1 for s, g in zip(scores, y, strict=True) if s > threshold and g)
        fp = sum(1 for s, g in zip(scores, y, strict=True) if s > threshold and not g)
        fn = sum(1 for s, g in zip(scores, y, strict=True) if s <= threshold and g)
        f2 = 5 * tp / (5 * tp + 4 * fn + fp) if tp else 0.0
        best = max(best, (f2, threshold))
    print(f"keep: threshold {best[1]} (grouped-CV F2 {best[0]:.3f})")
    return best[1]


def main() -> int:
    docs = list(documents("train"))
    direction = [(f, y, i) for i, d in enumerate(docs) for f, y in direction_examples(d)]
    keep = [(f, y, i) for i, d in enumerate(docs) for f, y in keep_examples(d)]
    direction_weights, _ = fit(direction, "direction")
    keep_weights, keep_c = fit(keep, "keep")
    model = {
        "trained_on": f"TimeBank/AQUAINT train split, {len(docs)} documents (eval/timebank.py)",
        "direction": direction_weights,
        "keep": keep_weights,
        "keep_threshold": keep_threshold(keep, keep_c),
    }
    OUT.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"written {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
