"""Event coder speed with the fine-tuned MiniLM classifier against the TF-IDF one.

Extracts the generated news corpus (``bench/corpus.py``, about ``--words`` words an article)
with the rule coder once per classifier (TF-IDF, the fine-tuned model alone, and the shipped mix
of both that ``sitrep extract`` uses), in the same process, alternating passes, and
reports articles per second by CPU time (``time.process_time``: the 2-core machine is shared,
so wall time measures the neighbours) and by wall time, plus the classifier's own cost per
text it classified (sentences the gate accepted and their paragraphs).

    python bench/bench_event_classifier.py --n 200 --words 400 --passes 2
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


class Counting:
    """Wraps a classifier, counting texts and CPU seconds spent in ``probabilities_many``."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.texts = 0
        self.cpu = 0.0

    def probabilities_many(self, texts: list[str]) -> Any:
        started = time.process_time()
        out = self.inner.probabilities_many(texts)
        self.cpu += time.process_time() - started
        self.texts += len(texts)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--model-dir", type=Path, help="another event classifier folder")
    parser.add_argument("--model-file", default="model.onnx")
    parser.add_argument("--batch-size", type=int, default=0, help="0: the classifier's default")
    args = parser.parse_args()

    from corpus import generate

    from sitrep.events.classify import SubEventClassifier
    from sitrep.events.extract import RuleExtractor
    from sitrep.events.neural import NeuralEventClassifier, default_classifier
    from sitrep.models import Document

    docs = []
    for i, record in enumerate(generate(args.n, 7, words=args.words)):
        docs.append(Document(id=str(i), text=record["text"], title=record.get("title")))
    words = sum(len(d.text.split()) for d in docs) / len(docs)
    coders = {
        "tfidf": Counting(SubEventClassifier.default()),
        "neural": Counting(
            NeuralEventClassifier.default()
            if args.model_dir is None
            else NeuralEventClassifier(args.model_dir, model_file=args.model_file)
        ),
        "shipped_mix": Counting(default_classifier()),
    }
    if args.batch_size:
        coders["neural"].inner.batch_size = args.batch_size
    for counting in coders.values():  # warm: load models, first session run
        RuleExtractor(counting).extract(Document(id="w", text="Rockets hit Camp Taji on Monday."))
        counting.texts, counting.cpu = 0, 0.0
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.passes):
        for name, counting in coders.items():
            counting.texts, counting.cpu = 0, 0.0
            extractor = RuleExtractor(counting)
            cpu, wall = time.process_time(), time.perf_counter()
            events = sum(len(extractor.extract(d).events) for d in docs)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            result = {
                "articles_per_cpu_s": round(len(docs) / cpu, 1),
                "articles_per_wall_s": round(len(docs) / wall, 1),
                "classified_texts_per_article": round(counting.texts / len(docs), 2),
                "classifier_cpu_ms_per_text": round(
                    1000 * counting.cpu / max(1, counting.texts), 2
                ),
                "classifier_cpu_ms_per_article": round(1000 * counting.cpu / len(docs), 2),
                "events_per_article": round(events / len(docs), 2),
            }
            if name not in best or result["articles_per_cpu_s"] > best[name]["articles_per_cpu_s"]:
                best[name] = result
    print(json.dumps({"articles": len(docs), "mean_words": round(words), **best}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
