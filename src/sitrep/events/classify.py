"""Sub-event type classifier: TF-IDF n-grams, helped by MiniLM embeddings where it is unsure.

Trained on ACLED's coder notes (``tools/train_sub_event_model.py``) and applied to news sentences.
Notes and sentences go through the same :func:`clean_text`, which removes what would let the
model learn a country instead of an event: the leading date, ACLED's bracketed tags
(``[size=...]``, ``[women targeted: ...]``), "Weapons seizure:"-style prefixes (news never has
them), bracketed admin names and capitalised place names after locative prepositions.

Two stages. A TF-IDF word + character n-gram logistic regression reads every text (fast, a few
thousand a second). With ``SITREP_CLASSIFIER_EMBEDDINGS=1``, texts whose TF-IDF top probability
is below the bundle's ``gate`` (about one note in five) also get a vote (weight
``embedding_weight``) from a logistic regression over all-MiniLM-L6-v2 sentence embeddings, which
know that "opened fire on a bus" and "gunmen shot passengers" are one event. The second stage is
off by default: on held-out ACLED notes it lifts weighted F1 from 0.836 to 0.853, but it makes
the event coder three times slower and, on the news sample corpus, less precise (MODEL_CARD.md).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.config import settings
from sitrep.errors import ConfigError

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_FILE = MODEL_DIR / "sub_event_type.joblib"

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_LEADING_DATE = re.compile(
    rf"^\s*(?:(?:On|Around|Between|As of|During|Since|From|Over|In)\s+)?"
    rf"(?:(?:the\s+)?(?:night|weekend|week|morning|evening)\s+of\s+)?"
    rf"(?:\d{{1,2}}(?:\s*(?:-|and|to)\s*\d{{1,2}})?\s+)?(?:{_MONTHS})(?:\s+\d{{4}})?"
    rf"(?:\s*\((?:as reported|approx\.?|month of report)\))?\s*,?\s*",
    re.IGNORECASE,
)
_ANY_DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?\b|\b(?:{_MONTHS})\s+\d{{4}}\b")
_SQUARE_TAGS = re.compile(r"\[[^\]]*\]")
_NOTE_PREFIX = re.compile(r"^\s*[A-Z][A-Za-z/ \-]{2,40}:\s+(?=[A-Z0-9])")
_PARENS = re.compile(r"\([^()]*\)")
_PLACE_AFTER_PREP = re.compile(
    r"\b(in|at|near|outside|of|from|to|into|around|across)\s+"
    r"(?:the\s+)?((?:[A-Z][\w'\-]+)(?:\s+(?:al-|el-|de\s+|da\s+)?[A-Z][\w'\-]+)*)"
)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_SPACES = re.compile(r"\s+")

#: Words that look like place names after a preposition but name the event or the actor.
_KEEP_AFTER_PREP = frozenset(
    [
        "Houthi",
        "Houthis",
        "Taliban",
        "Islamic",
        "State",
        "IS",
        "ISIS",
        "ISIL",
        "Daesh",
        "Hamas",
        "Hezbollah",
        "Hizballah",
        "PKK",
        "Israeli",
        "Israel",
        "IDF",
        "US",
        "U.S.",
        "American",
        "Americans",
        "Russian",
        "Russians",
        "Ukrainian",
        "Ukrainians",
        "Iranian",
        "Iraqi",
        "Syrian",
        "Turkish",
        "Kurdish",
        "Saudi",
        "Coalition",
        "Police",
        "Army",
        "Military",
        "Government",
        "Parliament",
        "President",
        "Prime",
        "Minister",
        "Ministry",
        "Court",
        "Supreme",
        "Congress",
        "Senate",
        "Al-Shabaab",
        "Shabaab",
        "JNIM",
        "Boko",
        "Haram",
        "ISWAP",
        "NPA",
        "PDF",
        "PDFs",
        "ELN",
        "FARC",
        "Jaish",
        "Kataib",
        "Resistance",
        "Islamic",
    ]
)


def clean_text(text: str) -> str:
    """Normalise a note or a news sentence into the classifier's input.

    Why each step: dates are the same for every type; square-bracket tags (``[size=...]`` is on
    nearly every protest note) and the note prefixes exist only in ACLED, so a model that leant
    on them would fail on news; places and numbers tie a note to its country (and the model must work on countries it
    never saw), so they become ``PLACE`` and ``NUM``.
    """
    text = _SQUARE_TAGS.sub(" ", text)
    text = _NOTE_PREFIX.sub("", text, count=1)
    text = _LEADING_DATE.sub("", text, count=1)
    text = _ANY_DATE.sub(" DATE ", text)
    text = _PARENS.sub(" ", text)

    def mask(match: re.Match[str]) -> str:
        words = match.group(2).split()
        if words[0] in _KEEP_AFTER_PREP:
            return match.group(0)
        return f"{match.group(1)} PLACE"

    text = _PLACE_AFTER_PREP.sub(mask, text)
    text = _NUMBER.sub(" NUM ", text)
    return _SPACES.sub(" ", text).strip()


#: Something that turns cleaned texts into unit-length sentence embeddings (rows of an array).
Encoder = Callable[[list[str]], "np.ndarray"]

#: Longest input, in word pieces, the MiniLM stage reads (training used the same limit).
EMBEDDING_MAX_TOKENS = 128


def embeddings_enabled() -> bool:
    """Whether the MiniLM second stage runs: only with ``SITREP_CLASSIFIER_EMBEDDINGS=1``.

    Off by default because it costs the coder two thirds of its speed for a gain seen on ACLED
    notes but not on news sentences (measured in MODEL_CARD.md).
    """
    return settings().classifier_embeddings


@lru_cache(maxsize=1)
def minilm_encoder() -> Encoder:
    """The packaged all-MiniLM-L6-v2 as an :data:`Encoder`, loaded once (never downloaded)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    # One thread: on a 2-core laptop shared with the rest of the pipeline, two torch threads
    # were measured 7x slower per batch than one (they fight the other workers for the cores).
    torch.set_num_threads(1)

    from sitrep.dedup.stories import minilm_model_path

    model = SentenceTransformer(str(minilm_model_path()), device="cpu")
    model.max_seq_length = EMBEDDING_MAX_TOKENS

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(
            model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False),
            dtype=np.float32,
        )

    return encode


@dataclass
class Prediction:
    """A sub-event type with the model's probability and the runner-up."""

    sub_event_type: str
    probability: float
    runner_up: str | None = None
    runner_up_probability: float = 0.0


class SubEventClassifier:
    """The shipped sub-event type model: TF-IDF pipeline, plus the gated MiniLM stage.

    ``embedding_model`` (a scikit-learn classifier over embeddings with the same classes) is
    optional: bundles without one give the TF-IDF model's probabilities alone. ``embeddings``
    switches the second stage on or off (default: ``SITREP_CLASSIFIER_EMBEDDINGS``, off).
    ``encoder`` replaces MiniLM (tests use a cheap one).
    """

    def __init__(
        self,
        pipeline: Any,
        meta: dict[str, Any] | None = None,
        embedding_model: Any = None,
        encoder: Encoder | None = None,
        embeddings: bool | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.meta = meta or {}
        self.classes: list[str] = [str(c) for c in pipeline.classes_]
        self.embedding_model = embedding_model
        self.encoder = encoder
        self.embeddings = embeddings
        self.gate = float(self.meta.get("gate", 0.6))
        self.embedding_weight = float(self.meta.get("embedding_weight", 0.4))
        if embedding_model is not None and [str(c) for c in embedding_model.classes_] != (
            self.classes
        ):
            raise ConfigError("sub-event model: the embedding stage's classes differ from TF-IDF's")

    @classmethod
    def load(cls, path: str | Path | None = None) -> SubEventClassifier:
        """Load a model saved by ``tools/train_sub_event_model.py`` (default: the shipped one)."""
        import joblib

        target = Path(path or settings().event_model or MODEL_FILE)
        if not target.exists():
            raise ConfigError(
                f"sub-event model {target} does not exist: run `python tools/train_sub_event_model.py` "
                "(make models) to build it"
            )
        bundle = joblib.load(target)
        return cls(bundle["pipeline"], bundle.get("meta"), bundle.get("embedding_model"))

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> SubEventClassifier:
        """The shipped model, loaded once per process."""
        return cls.load()

    def probability_matrix(self, texts: list[str]) -> np.ndarray:
        """Class probabilities (rows: texts, columns: :attr:`classes`) for raw notes/sentences.

        Rows whose TF-IDF top probability is below :attr:`gate` are averaged with the
        embedding model's probabilities (weight :attr:`embedding_weight`).
        """
        cleaned = [clean_text(t) for t in texts]
        probabilities = np.asarray(self.pipeline.predict_proba(cleaned), dtype=np.float64)
        enabled = embeddings_enabled() if self.embeddings is None else self.embeddings
        if self.embedding_model is None or not enabled:
            return probabilities
        unsure = np.flatnonzero(probabilities.max(axis=1) < self.gate)
        if unsure.size == 0:
            return probabilities
        encode = self.encoder or minilm_encoder()
        vectors = encode([cleaned[i] for i in unsure])
        second = np.asarray(self.embedding_model.predict_proba(vectors), dtype=np.float64)
        weight = self.embedding_weight
        probabilities[unsure] = (1 - weight) * probabilities[unsure] + weight * second
        return probabilities

    def predict(self, texts: list[str]) -> list[Prediction]:
        """Predict a sub-event type for each raw note or sentence."""
        if not texts:
            return []
        out: list[Prediction] = []
        for row in self.probability_matrix(texts):
            order = row.argsort()[::-1]
            best, second = int(order[0]), int(order[1]) if len(order) > 1 else None
            out.append(
                Prediction(
                    sub_event_type=self.classes[best],
                    probability=float(row[best]),
                    runner_up=self.classes[second] if second is not None else None,
                    runner_up_probability=float(row[second]) if second is not None else 0.0,
                )
            )
        return out

    def probabilities(self, text: str) -> dict[str, float]:
        """Every class's probability for one raw note or sentence."""
        return self.probabilities_many([text])[0]

    def probabilities_many(self, texts: list[str]) -> list[dict[str, float]]:
        """Every class's probability for each text, in one batch (far faster than one by one)."""
        if not texts:
            return []
        rows = self.probability_matrix(texts)
        return [{c: float(p) for c, p in zip(self.classes, row, strict=True)} for row in rows]

    def predict_one(self, text: str) -> Prediction:
        """Predict the sub-event type of one text."""
        return self.predict([text])[0]
