"""Train the sub-event type classifier on ACLED's notes: ``python tools/train_sub_event_model.py``.

The model never sees the countries in :data:`sitrep.splits.HELD_OUT_COUNTRIES`; ``eval/run.py`` measures it on
exactly those, so the score says how it does on a country it has not met (as sitrep will on Iraq
and Syria news). Reads ``$SITREP_SHARED_DATA/acled/acled_2022h1_dev.csv`` (default: the
repository's ``../shared/data``) and writes ``src/sitrep/data/models/sub_event_type.joblib``: the
TF-IDF pipeline, the logistic regression over MiniLM embeddings and the gate between them (see
:mod:`sitrep.events.classify`). Encoding the 7,258 training notes with MiniLM takes minutes on a
laptop CPU; ``--embedding-cache FILE`` keeps them between runs (keyed by the cleaned text).

Settings are chosen on a development split of the training countries, never on the held-out
ones: ``--dev-split`` fits on two thirds of the training countries and scores the whole event
coder on the other third (:func:`sitrep.splits.dev_split`, :func:`dev_report`; MODEL_CARD.md).

Build tooling, not part of the installed package (``make models`` runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.events.classify import MODEL_FILE, SubEventClassifier, clean_text, minilm_encoder
from sitrep.splits import (
    DEV_PART,
    DEV_PARTS,
    HELD_OUT_COUNTRIES,
    dev_split,
    load_acled,
    split_by_country,
)


def build_pipeline(c: float = 8.0) -> Any:
    """TF-IDF word 1-2 grams + character 2-5 grams into a balanced logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True,
                    max_features=100000,
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                    max_features=120000,
                ),
            ),
        ]
    )  # fmt: skip
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


#: The second stage's share of the vote and the TF-IDF confidence below which it is asked;
#: chosen by country-grouped cross-validation on the training countries (see MODEL_CARD.md).
EMBEDDING_WEIGHT = 0.4
GATE = 0.6
EMBEDDING_C = 10.0


def train(rows: list[dict[str, str]], c: float = 8.0) -> Any:
    """Fit the TF-IDF pipeline on the given ACLED rows."""
    pipeline = build_pipeline(c)
    pipeline.fit([clean_text(r["notes"]) for r in rows], [r["sub_event_type"] for r in rows])
    return pipeline


def embed(texts: list[str], cache: Path | None = None) -> np.ndarray:
    """MiniLM embeddings of cleaned texts, reusing (and extending) an ``.npz`` cache file."""
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache, allow_pickle=False) as stored:
            known = dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
    missing = sorted({t for t in texts if t not in known})
    if missing:
        known.update(zip(missing, minilm_encoder()(missing), strict=True))
        if cache is not None:
            np.savez(cache, texts=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[t] for t in texts])


def train_embedding_model(
    rows: list[dict[str, str]], cache: Path | None = None, c: float = EMBEDDING_C
) -> Any:
    """Fit the second stage: balanced logistic regression over MiniLM note embeddings."""
    from sklearn.linear_model import LogisticRegression

    vectors = embed([clean_text(r["notes"]) for r in rows], cache)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    return model.fit(vectors, [r["sub_event_type"] for r in rows])


def score(classifier: SubEventClassifier, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Accuracy, weighted and macro F1 and a per-class report on the given rows."""
    from sklearn.metrics import accuracy_score, classification_report, f1_score

    gold = [r["sub_event_type"] for r in rows]
    pred = [p.sub_event_type for p in classifier.predict([r["notes"] for r in rows])]
    return {
        "n": len(rows),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted")), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro")), 4),
        "per_class": classification_report(gold, pred, output_dict=True, zero_division=0),
    }


def grouped_cv(rows: list[dict[str, str]], folds: int = 5, c: float = 8.0) -> list[float]:
    """Weighted F1 of each fold of a cross-validation grouped by country."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    texts = [clean_text(r["notes"]) for r in rows]
    labels = [r["sub_event_type"] for r in rows]
    groups = [r["country"] for r in rows]
    out = []
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(texts, labels, groups):
        pipeline = build_pipeline(c)
        pipeline.fit([texts[i] for i in train_idx], [labels[i] for i in train_idx])
        pred = pipeline.predict([texts[i] for i in test_idx])
        out.append(
            round(float(f1_score([labels[i] for i in test_idx], pred, average="weighted")), 4)
        )
    return out


def coder_scores(classifier: SubEventClassifier, rows: list[dict[str, str]]) -> dict[str, Any]:
    """The whole event coder, with ``classifier``, on ACLED notes (``make eval``'s measure).

    Returns the coder's sub-event type weighted F1 on the notes where it found the event, its
    recall, precision and actor2 match, and the classifier's own weighted F1 on the notes.
    """
    from sklearn.metrics import f1_score

    from sitrep.evaluate import acled_documents, acled_row, evaluate
    from sitrep.events.extract import RuleExtractor

    gold = [acled_row(r) for r in rows]
    predicted = [p.sub_event_type for p in classifier.predict([r["notes"] for r in rows])]
    extractor = RuleExtractor(classifier)
    events = [e for doc in acled_documents(gold) for e in extractor.extract(doc).events]
    result = evaluate(events, gold, rule="note")
    gold_types = [r["sub_event_type"] for r in rows]
    return {
        "n": len(rows),
        "coder_sub_event_type_weighted_f1": result["fields"]["sub_event_type_weighted_f1"],
        "coder_recall": result["recall"],
        "coder_precision": result["precision"],
        "coder_actor2_match": result["fields"]["actor2_match"],
        "classifier_weighted_f1": round(
            float(f1_score(gold_types, predicted, average="weighted")), 4
        ),
    }


def dev_report(
    rows: list[dict[str, str]],
    parts: tuple[int, ...] = (DEV_PART,),
    c: float = 8.0,
    model_dir: Path | None = None,
) -> dict[str, Any]:
    """Fit on the other parts of the training countries, score the coder on each dev part.

    ``rows`` are the training countries' notes. ``model_dir`` keeps each part's fitted model
    (``dev-part-N.joblib``) so that a change to the coder's rules is measured in seconds; delete
    the files after changing the model. With several parts the mean is reported too.
    """
    import joblib

    out: dict[str, Any] = {}
    for part in parts:
        fit_rows, dev_rows = dev_split(rows, part)
        cached = model_dir / f"dev-part-{part}.joblib" if model_dir is not None else None
        if cached is not None and cached.exists():
            pipeline = joblib.load(cached)
        else:
            pipeline = train(fit_rows, c)
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                joblib.dump(pipeline, cached, compress=1)
        out[f"part_{part}"] = coder_scores(SubEventClassifier(pipeline, embeddings=False), dev_rows)
    if len(parts) > 1:
        key = "coder_sub_event_type_weighted_f1"
        out["mean_" + key] = round(sum(out[f"part_{p}"][key] for p in parts) / len(parts), 4)
    return out


def save(
    pipeline: Any, meta: dict[str, Any], path: Path = MODEL_FILE, embedding_model: Any = None
) -> Path:
    """Write the model bundle (compressed joblib) and return its path."""
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    bundle = {"pipeline": pipeline, "meta": meta, "embedding_model": embedding_model}
    joblib.dump(bundle, partial, compress=3)
    partial.replace(path)  # atomic: a reader never sees half a model
    return path


def main(argv: list[str] | None = None) -> int:
    """Train, score on the held-out countries, optionally cross-validate, save."""
    parser = argparse.ArgumentParser(
        prog="python tools/train_sub_event_model.py", description=__doc__
    )
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    parser.add_argument("--c", type=float, default=8.0, help="inverse regularisation strength")
    parser.add_argument("--cv", action="store_true", help="also run 5-fold country-grouped CV")
    parser.add_argument("--metrics", type=Path, help="write the held-out metrics as JSON here")
    parser.add_argument(
        "--embedding-cache", type=Path, help="an .npz file keeping MiniLM embeddings between runs"
    )
    parser.add_argument(
        "--no-embeddings", action="store_true", help="ship the TF-IDF stage alone (no MiniLM)"
    )
    parser.add_argument(
        "--dev-split",
        action="store_true",
        help="score the coder on a development part of the training countries; save nothing",
    )
    parser.add_argument(
        "--dev-parts",
        default=str(DEV_PART),
        help=f"comma-separated dev parts (0..{DEV_PARTS - 1}; 'all' for every part)",
    )
    parser.add_argument(
        "--dev-models", type=Path, help="a folder keeping the dev models between runs"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    rows = load_acled()
    train_rows, held_rows = split_by_country(rows)
    if args.dev_split:
        parts = (
            tuple(range(DEV_PARTS))
            if args.dev_parts == "all"
            else tuple(int(p) for p in args.dev_parts.split(","))
        )
        report = dev_report(train_rows, parts, args.c, args.dev_models)
        print(json.dumps(report, indent=2))
        print(f"dev split in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        return 0
    pipeline = train(train_rows, args.c)
    embedding_model = None
    if not args.no_embeddings:
        embedding_model = train_embedding_model(train_rows, args.embedding_cache)
    stages = {"gate": GATE, "embedding_weight": EMBEDDING_WEIGHT, "embedding_c": EMBEDDING_C}
    classifier = SubEventClassifier(pipeline, stages, embedding_model, embeddings=False)
    metrics = score(classifier, held_rows)
    classifier.embeddings = True
    both = score(classifier, held_rows) if embedding_model is not None else None
    meta: dict[str, Any] = {
        "trained_on": "ACLED acled_2022h1_dev.csv minus held-out countries",
        "held_out_countries": list(HELD_OUT_COUNTRIES),
        "n_train": len(train_rows),
        "n_held_out": len(held_rows),
        "held_out_weighted_f1": metrics["weighted_f1"],
        "held_out_macro_f1": metrics["macro_f1"],
        "held_out_accuracy": metrics["accuracy"],
        "c": args.c,
        "embedding_stage": embedding_model is not None,
        **stages,
    }
    if both is not None:  # the opt-in second stage (SITREP_CLASSIFIER_EMBEDDINGS=1)
        meta["held_out_weighted_f1_with_embeddings"] = both["weighted_f1"]
        meta["held_out_macro_f1_with_embeddings"] = both["macro_f1"]
        meta["held_out_accuracy_with_embeddings"] = both["accuracy"]
    if args.cv:
        meta["grouped_cv_weighted_f1"] = grouped_cv(train_rows, c=args.c)
    save(pipeline, meta, args.output, embedding_model)
    if args.metrics:
        report = {**meta, "per_class": metrics["per_class"]}
        if both is not None:
            report["per_class_with_embeddings"] = both["per_class"]
        args.metrics.write_text(json.dumps(report, indent=2))
    print(json.dumps(meta, indent=2))
    print(f"saved {args.output} ({args.output.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.0f}s", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
