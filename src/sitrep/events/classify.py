"""Sub-event type classifier: TF-IDF word and character n-grams with a linear model.

Trained on ACLED's coder notes (``python -m sitrep.events.train``) and applied to news sentences.
Notes and sentences go through the same :func:`clean_text`, which removes what would let the
model learn a country instead of an event: the leading date, the ``[size=...]`` tail, ACLED's
"Weapons seizure:"-style prefixes (news never has them), bracketed admin names and capitalised
place names after locative prepositions. A small linear model keeps the whole pipeline fast on a
laptop CPU and the shipped file small.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
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
_SIZE_TAIL = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)
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

    Why each step: dates and sizes are the same for every type; the note prefixes exist only in
    ACLED; places and numbers tie a note to its country (and the model must work on countries it
    never saw), so they become ``PLACE`` and ``NUM``.
    """
    text = _SIZE_TAIL.sub(" ", text)
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


@dataclass
class Prediction:
    """A sub-event type with the model's probability and the runner-up."""

    sub_event_type: str
    probability: float
    runner_up: str | None = None
    runner_up_probability: float = 0.0


class SubEventClassifier:
    """The shipped sub-event type model: a scikit-learn pipeline over :func:`clean_text`."""

    def __init__(self, pipeline: Any, meta: dict[str, Any] | None = None) -> None:
        self.pipeline = pipeline
        self.meta = meta or {}
        self.classes: list[str] = [str(c) for c in pipeline.classes_]

    @classmethod
    def load(cls, path: str | Path | None = None) -> SubEventClassifier:
        """Load a model saved by :mod:`sitrep.events.train` (default: the shipped one)."""
        import joblib

        target = Path(path or os.environ.get("SITREP_EVENT_MODEL") or MODEL_FILE)
        if not target.exists():
            raise ConfigError(
                f"sub-event model {target} does not exist: run `python -m sitrep.events.train` "
                "(make models) to build it"
            )
        bundle = joblib.load(target)
        return cls(bundle["pipeline"], bundle.get("meta"))

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> SubEventClassifier:
        """The shipped model, loaded once per process."""
        return cls.load()

    def predict(self, texts: list[str]) -> list[Prediction]:
        """Predict a sub-event type for each raw note or sentence."""
        if not texts:
            return []
        cleaned = [clean_text(t) for t in texts]
        probabilities = self.pipeline.predict_proba(cleaned)
        out: list[Prediction] = []
        for row in probabilities:
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
        rows = self.pipeline.predict_proba([clean_text(t) for t in texts])
        return [{c: float(p) for c, p in zip(self.classes, row, strict=True)} for row in rows]

    def predict_one(self, text: str) -> Prediction:
        """Predict the sub-event type of one text."""
        return self.predict([text])[0]
