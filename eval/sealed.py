"""Score the sealed test splits of eval/SEALED.md: aggregates only, run once at the end.

Nothing here prints a row, a text, a document name or a per-class table: a sealed split must
not become something anyone reads for misses. Each section prints its aggregate figures and
returns them; ``--json`` writes them to a file.

    python eval/sealed.py                      # every section
    python eval/sealed.py --section event_classifier

Sections:

``event_classifier``: the sealed ACLED countries (Afghanistan, Pakistan, Mali, Ethiopia, Peru,
Sri Lanka, Tunisia): the fine-tuned MiniLM classifier's sub-event type weighted F1 (NO-EVENT
counts as a wrong answer), the share of notes it calls NO-EVENT, the TF-IDF model's weighted F1
on the same notes, and the whole event coder's sub-event type weighted F1 under ``make eval``'s
note rule; plus the NO-EVENT rate on the non-conflict sentences of the sealed TimeBank/AQUAINT
documents (the training script's lexicon filter applied, as for the training sentences).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))


def event_classifier() -> dict[str, Any]:
    """Aggregates of the event classifier and coder on the sealed ACLED countries."""
    import re

    from sklearn.metrics import f1_score
    from train_event_classifier import (
        DISASTER_ROOTS,
        HARM_ONLY,
        SEALED_COUNTRIES,
        VIOLENCE_ROOTS,
        sealed_timebank,
    )

    from sitrep.evaluate import acled_documents, acled_row, evaluate
    from sitrep.events.classify import SubEventClassifier
    from sitrep.events.extract import RuleExtractor
    from sitrep.events.neural import NO_EVENT, NeuralEventClassifier, default_classifier
    from sitrep.events.train import load_acled, shared_data_dir

    rows = [r for r in load_acled() if r["country"] in SEALED_COUNTRIES]
    gold = [r["sub_event_type"] for r in rows]
    notes = [r["notes"] for r in rows]
    neural = NeuralEventClassifier.default()
    predicted = [p.sub_event_type or NO_EVENT for p in neural.predict(notes)]
    tfidf = [p.sub_event_type for p in SubEventClassifier.default().predict(notes)]
    coded_rows = [acled_row(r) for r in rows]
    extractor = RuleExtractor(default_classifier())  # what the coder uses: the two models mixed
    events = [e for doc in acled_documents(coded_rows) for e in extractor.extract(doc).events]
    coder = evaluate(events, coded_rows, rule="note")

    # non-conflict sentences of the sealed TimeBank/AQUAINT documents (no names printed)
    import html

    from sitrep.nlp import split_sentences

    sentences = []
    for path in sorted((shared_data_dir() / "timebank").glob("*/*.tml")):
        if not sealed_timebank(path.name):
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if not match:
            continue
        text = html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
        for start, end in split_sentences(text):
            sentence = " ".join(text[start:end].split())
            if not 6 <= len(sentence.split()) <= 60:
                continue
            hits = [m.group(0) for m in VIOLENCE_ROOTS.finditer(sentence)]
            if hits and not (
                DISASTER_ROOTS.search(sentence) and all(HARM_ONLY.match(h) for h in hits)
            ):
                continue
            sentences.append(sentence)
    no_event = [p.sub_event_type is None for p in neural.predict(sentences)]
    return {
        "acled_sealed_notes": len(rows),
        "neural_weighted_f1": round(float(f1_score(gold, predicted, average="weighted")), 4),
        "neural_no_event_rate_on_notes": round(
            sum(p == NO_EVENT for p in predicted) / len(rows), 4
        ),
        "tfidf_weighted_f1": round(float(f1_score(gold, tfidf, average="weighted")), 4),
        "coder_sub_event_type_weighted_f1": coder["fields"]["sub_event_type_weighted_f1"],
        "coder_recall": coder["recall"],
        "coder_precision": coder["precision"],
        "timebank_sealed_non_conflict_sentences": len(sentences),
        "neural_no_event_rate_on_non_conflict": round(sum(no_event) / max(1, len(no_event)), 4),
    }


SECTIONS = {"event_classifier": event_classifier}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", choices=sorted(SECTIONS), action="append")
    parser.add_argument("--json", type=Path, help="also write the aggregates here")
    args = parser.parse_args(argv)
    results = {}
    for name in args.section or sorted(SECTIONS):
        results[name] = SECTIONS[name]()
        for key, value in results[name].items():
            print(f"{name}.{key:45s} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
