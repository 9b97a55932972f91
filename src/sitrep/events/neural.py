"""The learned event classifier: fine-tuned MiniLM on ONNX Runtime, with a NO-EVENT class.

all-MiniLM-L6-v2 fine-tuned end to end (``tools/train_event_classifier.py``) on ACLED notes of
the training countries and on non-conflict sentences, exported to ONNX and shipped in
``sitrep/data/models/event_classifier/`` with the tokenizer and a card (MODEL_CARD.md there).
It answers, for each text, one of ACLED's 25 sub-event types or ``None`` (no event), with the
event type, the probability and the top alternatives.

Run time needs only ``onnxruntime``, ``tokenizers`` and numpy: torch is never imported. Texts go
through :func:`sitrep.events.classify.clean_text`, as in training. The session is loaded once
per process (:meth:`NeuralEventClassifier.default`), on one thread unless told otherwise (the
pipeline scales with processes); a float32 model reads texts in batches of similar length, an
int8 one one at a time (see ``__init__``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.dedup.onnx_encoder import run_padded
from sitrep.errors import ConfigError
from sitrep.events.classify import clean_text
from sitrep.events.taxonomy import SUB_EVENT_TYPES

#: Where the shipped model lives (model.onnx, tokenizer.json, config.json, MODEL_CARD.md).
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "event_classifier"
MODEL_FILE = "model.onnx"
NO_EVENT = "NO-EVENT"
#: The classifier's outputs, in order: the 25 sub-event types, then NO-EVENT.
CLASSES: list[str] = [*SUB_EVENT_TYPES, NO_EVENT]


def available(directory: Path = MODEL_DIR) -> bool:
    """Whether the shipped model files are present."""
    return all(
        (directory / name).exists() for name in (MODEL_FILE, "tokenizer.json", "config.json")
    )


def default_classifier() -> Any:
    """The event coder's sub-event type model, loaded once per process.

    When this module's fine-tuned MiniLM is shipped: a :class:`CoderClassifier`, its type
    probabilities averaged with the TF-IDF model's (the mix chosen on the dev split) and its
    NO-EVENT class; else (or with ``SITREP_CLASSIFIER=tfidf``, for speed) the TF-IDF model of
    :mod:`sitrep.events.classify` alone. Both offer
    ``probabilities_many``; only the first offers ``is_no_event``. It lives here, not in
    ``classify``, so that the two modules do not import each other.
    """
    from sitrep.config import settings
    from sitrep.events.classify import SubEventClassifier

    if settings().classifier == "mix" and available():
        return _coder_classifier()
    return SubEventClassifier.default()


@lru_cache(maxsize=1)
def _coder_classifier() -> CoderClassifier:
    from sitrep.events.classify import SubEventClassifier

    return CoderClassifier(NeuralEventClassifier.default(), SubEventClassifier.default())


@dataclass
class NeuralPrediction:
    """One text's answer: a sub-event type (``None`` = no event) and the model's confidence."""

    sub_event_type: str | None
    event_type: str | None
    probability: float
    no_event_probability: float
    top: list[tuple[str, float]] = field(default_factory=list)


class NeuralEventClassifier:
    """ONNX Runtime session over the fine-tuned MiniLM; see the module docstring."""

    def __init__(
        self,
        directory: str | Path = MODEL_DIR,
        *,
        model_file: str = MODEL_FILE,
        threads: int = 1,
        batch_size: int | None = None,
    ) -> None:
        self.directory = Path(directory)
        if not (self.directory / model_file).exists():
            raise ConfigError(
                f"event classifier {self.directory / model_file} does not exist: "
                "run `make models` (tools/train_event_classifier.py final)"
            )
        self.config: dict[str, Any] = json.loads((self.directory / "config.json").read_text())
        self.classes: list[str] = list(self.config["classes"])
        if self.classes != CLASSES:
            raise ConfigError("event classifier: its classes differ from sitrep's taxonomy")
        self.max_len = int(self.config.get("max_len", 80))
        self.model_path = self.directory / model_file
        self.threads = threads
        # int8 dynamic quantisation scales each batch's activations together, so a text's
        # answer would depend on its batch-mates (measured: 6.7% of ACLED sentences changed
        # their top class between batches of 16 and one at a time). A quantised model therefore
        # reads one text per run; a float32 one is batched (identical to 3e-7 either way).
        quantised = self.config.get("quantised_int8", "fp32" not in model_file)
        self.batch_size = batch_size or (1 if quantised else 16)
        self._session: Any = None
        self._tokenizer: Any = None
        #: The last batch's rows by text, so the coder's NO-EVENT question costs no second run.
        self._last: dict[str, np.ndarray] = {}

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> NeuralEventClassifier:
        """The shipped model, loaded once per process."""
        return cls()

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            import onnxruntime
            from tokenizers import Tokenizer

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            self._session = onnxruntime.InferenceSession(
                str(self.model_path), options, providers=["CPUExecutionProvider"]
            )
            tokenizer = Tokenizer.from_file(str(self.directory / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=self.max_len)
            tokenizer.no_padding()
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def probability_matrix(self, texts: list[str]) -> np.ndarray:
        """Probabilities (rows: texts, columns: :data:`CLASSES`) for raw notes or sentences."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch([clean_text(t) for t in texts])
        return run_padded(session, [e.ids for e in encodings], self.batch_size, len(self.classes))

    def predict(self, texts: list[str], k: int = 3) -> list[NeuralPrediction]:
        """For each text: its sub-event type (``None`` for no event), event type, top ``k``."""
        out = []
        no_event = self.classes.index(NO_EVENT)
        for row in self.probability_matrix(texts):
            order = row.argsort()[::-1]
            best = self.classes[int(order[0])]
            sub = None if best == NO_EVENT else best
            out.append(
                NeuralPrediction(
                    sub_event_type=sub,
                    event_type=SUB_EVENT_TYPES[sub] if sub else None,
                    probability=float(row[order[0]]),
                    no_event_probability=float(row[no_event]),
                    top=[(self.classes[int(i)], float(row[i])) for i in order[:k]],
                )
            )
        return out

    def probabilities_many(self, texts: list[str]) -> list[dict[str, float]]:
        """The 25 sub-event types' probabilities per text, renormalised without NO-EVENT.

        The interface of :class:`sitrep.events.classify.SubEventClassifier`, which the event
        coder uses to choose a type for a sentence its gate accepted. ``NO-EVENT``'s own share
        is given by :meth:`no_event_probabilities`.
        """
        matrix = self.probability_matrix(texts)
        self._last = dict(zip(texts, matrix, strict=True))
        events = matrix[:, : len(SUB_EVENT_TYPES)].astype(np.float64)
        events /= np.clip(events.sum(axis=1, keepdims=True), 1e-12, None)
        names = self.classes[: len(SUB_EVENT_TYPES)]
        return [{c: float(p) for c, p in zip(names, row, strict=True)} for row in events]

    def no_event_probabilities(self, texts: list[str]) -> list[float]:
        """NO-EVENT's probability per text (from the last batch when it had the text)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._last]
        if missing:
            self._last.update(zip(missing, self.probability_matrix(missing), strict=True))
        column = self.classes.index(NO_EVENT)
        return [float(self._last[t][column]) for t in texts]

    def is_no_event(self, sentence: str, paragraph: str | None = None) -> bool:
        """Whether NO-EVENT is more likely than any event at all, for the sentence and its paragraph.

        The question is event or no event, so NO-EVENT's probability is compared with the 25
        types' together (above 0.5), not with each type (the top class): "Most of the missiles
        were intercepted ..., but others struck the base" gets NO-EVENT 0.45, its top class,
        against 0.55 for the types together. Both texts must say so (a sentence of an event
        story may read as no event on its own, its paragraph then still carries the event).
        """
        texts = [sentence] if paragraph is None else [sentence, paragraph]
        missing = [t for t in texts if t not in self._last]
        if missing:
            self._last.update(zip(missing, self.probability_matrix(missing), strict=True))
        column = self.classes.index(NO_EVENT)
        return all(float(self._last[t][column]) > 0.5 for t in texts)


#: The fine-tuned model's share of the event coder's sub-event type vote; the TF-IDF model of
#: :mod:`sitrep.events.classify` has the rest. Chosen on the country-grouped dev split (part 0,
#: 2,486 notes; the coder's sub-event type weighted F1): TF-IDF alone 0.888, fine-tuned alone
#: 0.877, half and half 0.899 (MODEL_CARD.md in the model folder).
NEURAL_WEIGHT = 0.5


class CoderClassifier:
    """What the event coder asks: the two models' averaged type probabilities, and NO-EVENT.

    ``probabilities_many`` averages the fine-tuned model's (NO-EVENT left out, renormalised)
    and the TF-IDF model's probabilities of the 25 types with weight :data:`NEURAL_WEIGHT`;
    ``is_no_event`` is the fine-tuned model's alone (TF-IDF has no such class).
    """

    def __init__(self, neural: NeuralEventClassifier, tfidf: Any, weight: float = NEURAL_WEIGHT):
        self.neural = neural
        self.tfidf = tfidf
        self.weight = weight

    def probabilities_many(self, texts: list[str]) -> list[dict[str, float]]:
        """Each text's 25 type probabilities, the two models averaged."""
        ours = self.neural.probabilities_many(texts)
        theirs = self.tfidf.probabilities_many(texts)
        w = self.weight
        return [
            {k: w * a[k] + (1 - w) * b.get(k, 0.0) for k in a}
            for a, b in zip(ours, theirs, strict=True)
        ]

    def is_no_event(self, sentence: str, paragraph: str | None = None) -> bool:
        """The fine-tuned model's NO-EVENT decision (see :meth:`NeuralEventClassifier.is_no_event`)."""
        return self.neural.is_no_event(sentence, paragraph)
