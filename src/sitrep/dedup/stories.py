"""Stories: different articles about the same happening, linked but never merged.

Two outlets writing up the same drone attack independently are not duplicates (each may carry
facts the other lacks, and both are sources of the event), but a reader wants them side by side.
The story linker embeds each article's title and lead paragraph, and joins an article to the
most similar recent story when the cosine similarity clears a threshold and the dates are close.

The encoder is swappable. Production uses the packaged all-MiniLM-L6-v2 sentence encoder,
loaded offline, through :func:`default_encoder`: on ONNX Runtime
(:class:`~sitrep.dedup.onnx_encoder.OnnxMiniLMEncoder`, no torch in the process, ~450 MB less
per worker) when it can, else on torch (:class:`MiniLMEncoder`). :class:`HashingEncoder` (hashed
bag of words) serves where a tiny deterministic encoder is enough, such as unit tests.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from sitrep.config import settings
from sitrep.dedup.minilm import minilm_model_path
from sitrep.dedup.text import words
from sitrep.errors import ConfigError

__all__ = [
    "DEFAULT_STORY_THRESHOLD",
    "DEFAULT_WINDOW_DAYS",
    "Encoder",
    "HashingEncoder",
    "MiniLMEncoder",
    "StoryLinker",
    "default_encoder",
    "minilm_model_path",
    "story_text",
]

log = logging.getLogger(__name__)

#: Environment variable choosing the story encoder: ``onnx``, ``torch`` or ``auto`` (default).
ENCODER_ENV = "SITREP_STORY_ENCODER"

#: Cosine similarity (MiniLM, title + lead) for joining a story; measured in bench_dedup.py.
DEFAULT_STORY_THRESHOLD = 0.7
#: Articles more than this many days from a story's first (earliest) article start a new story;
#: anchoring on the first date stops a story from drifting across weeks of similar attacks.
DEFAULT_WINDOW_DAYS = 2


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors, one row per text."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A float32 array of shape (len(texts), dim) with unit-length rows."""
        ...


def _normalised(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)  # type: ignore[no-any-return]


class HashingEncoder:
    """Hashed bag of words and word pairs: deterministic, instant, no model.

    Good enough to tell apart texts that share few words; it knows no synonyms, which is why
    production uses MiniLM.
    """

    def __init__(self, dim: int = 1024) -> None:
        if dim < 8:
            raise ConfigError(f"hashing encoder dimension must be at least 8, got {dim}")
        self.dim = dim

    def _slot(self, feature: str) -> tuple[int, float]:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        number = int.from_bytes(digest, "little")
        return number % self.dim, (1.0 if number >> 63 else -1.0)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (all-zero for a text without words)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            tokens = words(text)
            features = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
            for feature in features:
                slot, sign = self._slot(feature)
                out[row, slot] += sign
        return _normalised(out)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 sentence embeddings, loaded from the installed package, never fetched.

    The model loads on first use (a second or two) and is then reused. Torch runs one
    intra-op thread unless ``threads`` says otherwise: sitrep scales out with processes, and
    several threads per process on a busy 2-core machine spin against each other.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        batch_size: int = 64,
        device: str = "cpu",
        threads: int | None = 1,
    ) -> None:
        self.model_path = Path(model_path) if model_path is not None else minilm_model_path()
        self.batch_size = batch_size
        self.device = device
        self.threads = threads
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            from sentence_transformers import SentenceTransformer

            if self.threads is not None:
                torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(str(self.model_path), device=self.device)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length 384-dimensional embeddings, batched."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _normalised(vectors)


def default_encoder(model_path: str | Path | None = None) -> Encoder:
    """The production story encoder: MiniLM on ONNX Runtime, else MiniLM on torch.

    ``$SITREP_STORY_ENCODER`` chooses: ``onnx`` (fail with a ConfigError when it cannot run),
    ``torch``, or ``auto`` (the default: ONNX when onnxruntime is installed and the exported
    network exists or can be exported now, otherwise torch, said in a warning). The export, when
    missing, runs once in a child process so that torch stays out of this one.
    """
    choice = settings().story_encoder  # validated: auto, onnx or torch
    if choice == "torch":
        log.info("story vectors: MiniLM on torch (%s=torch)", ENCODER_ENV)
        return MiniLMEncoder(model_path)
    try:
        from sitrep.dedup.onnx_encoder import OnnxMiniLMEncoder, ensure_export

        path = Path(model_path) if model_path is not None else minilm_model_path()
        onnx_path = ensure_export(model_path=path)
        import onnxruntime  # noqa: F401 - fail here, not at the first article
    except (ImportError, ConfigError, OSError) as exc:
        if choice == "onnx":
            raise ConfigError(f"{ENCODER_ENV}=onnx but the ONNX encoder cannot run: {exc}") from exc
        log.warning("story vectors: ONNX encoder unavailable (%s); falling back to torch", exc)
        return MiniLMEncoder(model_path)
    log.info("story vectors: MiniLM on ONNX Runtime (%s)", onnx_path)
    return OnnxMiniLMEncoder(path, onnx_path=onnx_path)


def story_text(title: str | None, text: str, lead_words: int = 80) -> str:
    """Title plus lead paragraph (first ``lead_words`` words): what the story linker embeds.

    The lead says what happened, where and when; later paragraphs drift into background that
    many unrelated stories share.
    """
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    lead = paragraphs[0] if paragraphs else ""
    lead = " ".join(lead.split()[:lead_words])
    return f"{title.strip()}. {lead}" if title and title.strip() else lead


def _first_best(scores: np.ndarray) -> int:
    """Index of the highest score, the earliest among scores equal to 1e-5.

    Exact copies of one text can head two stories (far apart in time, both in reach of a new
    copy); which one wins must not hang on float noise, or the torch and ONNX encoders (which
    agree to 1e-6) would name different stories.
    """
    return int(np.argmax(np.round(scores, 5)))


class StoryLinker:
    """Assigns articles to stories by embedding similarity and time proximity.

    ``encoder`` defaults to :func:`default_encoder`; ``threshold`` is the cosine similarity to a story's centroid needed to join it;
    ``window_days`` the largest distance between the article's date and the story's (when both
    are known; an undated article may join any story).
    """

    def __init__(
        self,
        encoder: Encoder | None = None,
        threshold: float = DEFAULT_STORY_THRESHOLD,
        *,
        window_days: int = DEFAULT_WINDOW_DAYS,
    ) -> None:
        if not -1.0 <= threshold <= 1.0:
            raise ConfigError(f"story threshold must be a cosine in [-1, 1], got {threshold}")
        self.encoder: Encoder = encoder if encoder is not None else default_encoder()
        self.threshold = threshold
        self.window_days = window_days

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for ``texts`` (pass :func:`story_text` of each article)."""
        return _normalised(self.encoder.encode(texts))

    def assign(
        self,
        vector: np.ndarray,
        existing: list[tuple[str, np.ndarray, date | None]],
        published: date | None = None,
    ) -> str | None:
        """The story id to join, or None for a new story.

        ``existing`` holds one ``(story_id, vector, date)`` per story (a centroid or a
        representative article, and the story's first date); ``published`` is the article's
        date. Stories outside the time window are never joined.
        """
        if not existing:
            return None
        matrix = np.stack([np.asarray(v, dtype=np.float32) for _, v, _ in existing])
        days = [d for _, _, d in existing]
        best = self._best(
            np.asarray(vector, dtype=np.float32), _normalised(matrix), days, published
        )
        return None if best is None else existing[best][0]

    def _best(
        self,
        vector: np.ndarray,
        matrix: np.ndarray,
        days: Sequence[date | None],
        published: date | None,
    ) -> int | None:
        scores = matrix @ vector
        if published is not None:
            for i, day in enumerate(days):
                if day is not None and abs((published - day).days) > self.window_days:
                    scores[i] = -2.0
        best = _first_best(scores)
        return best if scores[best] >= self.threshold else None

    def link(
        self,
        article_ids: Sequence[str],
        texts: Sequence[str],
        dates: Sequence[date | None],
        vectors: np.ndarray | None = None,
    ) -> dict[str, str]:
        """Article id -> story id for a batch, in the order given (sort by date first).

        A story is named after its first article. Stories are compared by centroid; only
        stories still inside the time window of the current article are searched, which keeps
        linking fast on long date ranges.
        """
        if not len(article_ids) == len(texts) == len(dates):
            raise ConfigError("story linking needs as many texts and dates as article ids")
        if vectors is None:
            vectors = self.embed(list(texts))
        vectors = np.asarray(vectors, dtype=np.float32)
        # Stories live in preallocated arrays (at most one per article) so that each article
        # costs one vectorised comparison, not a Python loop over every story.
        totals = np.zeros_like(vectors)
        centroids = np.zeros_like(vectors)
        anchor = np.zeros(len(article_ids), dtype=np.int64)
        dated = np.zeros(len(article_ids), dtype=bool)
        names: list[str] = []
        assigned: dict[str, str] = {}
        for article_id, vector, published in zip(article_ids, vectors, dates, strict=True):
            count = len(names)
            chosen: int | None = None
            if published is None:
                live = np.arange(count)
            else:
                far = dated[:count] & (
                    np.abs(anchor[:count] - published.toordinal()) > self.window_days
                )
                live = np.flatnonzero(~far)
            if len(live):
                scores = centroids[live] @ vector
                best = _first_best(scores)
                chosen = int(live[best]) if scores[best] >= self.threshold else None
            if chosen is None:
                chosen = count
                names.append(article_id)
            totals[chosen] += vector
            centroids[chosen] = _normalised(totals[chosen : chosen + 1])[0]
            if published is not None and (
                not dated[chosen] or published.toordinal() < anchor[chosen]
            ):
                anchor[chosen] = published.toordinal()
                dated[chosen] = True
            assigned[article_id] = names[chosen]
        return assigned
