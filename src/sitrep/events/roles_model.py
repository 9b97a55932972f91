"""A small learned role model: for one actor mention in a sentence, is it actor1 (the side that
acts), actor2 (the side acted upon) or neither?

Trained by distant supervision on ACLED notes of the training countries
(``tools/train_roles.py``): each actor mention found in a note is labelled by the note's own
coded actor1/actor2 columns. Features are the words around the mention, the rule cue that
:func:`sitrep.events.actors.role_of` gives, the position relative to the attack verb, passive
voice and "by", the mention's order and actor category, and the event type. Weights are a
multinomial logistic regression stored as JSON (``data/models/roles/roles.json``; card in
``MODEL_CARD.md`` beside it) and applied here with a sparse dot product, no sklearn at run time.

The coder asks the model only where the rules are unsure (:func:`sitrep.events.actors.role_of`
returns "neutral": a mention with no cue around it).
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path
from typing import Any

__all__ = ["LABELS", "MODEL_PATH", "RoleModel", "features"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "roles" / "roles.json"
LABELS = ("actor1", "actor2", "other")

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d+|[^\sA-Za-z\d]")
_ATTACK_VERB = re.compile(
    r"\b(?:attack\w*|struck|strikes?|shell\w*|fired|fire|bomb\w*|kill\w*|clash\w*|ambush\w*|"
    r"abduct\w*|kidnap\w*|raid\w*|shot|shoot\w*|target\w*|assault\w*|stormed|seiz\w*|"
    r"arrest\w*|detain\w*|protest\w*|demonstrat\w*|rioted|burn\w*|looted|destroy\w*|"
    r"launched|hit|fought|engaged|intercept\w*|captur\w*|retook|took\s+control)\b",
    re.IGNORECASE,
)
_PASSIVE_AFTER = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,4}?(?:was|were|been|being|is|are)\s+(?:\w+\s+)?\w+ed\b", re.I
)
_BY_BEFORE = re.compile(r"\bby\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_CUE_KEYS = (
    ("owns", "owns what was hit"),
    ("landmark", "landmark"),
    ("denier", "denies"),
    ("source", "source of the report"),
    ("by", "acts ('by"),
    ("means", "means of attack"),
    ("object", "object of the attack"),
    ("other_side", "other side"),
    ("harm", "suffered the attack ('injuries"),
    ("hosted", "hosted"),
    ("defender", "was attacked"),
    ("battle_losses", "took losses in a battle"),
    ("passive", "passive casualty verb"),
    ("coordinated", "coordinated subject"),
    ("subject", "subject of the attack verb"),
    ("civilians", "civilians are acted upon"),
)


def _cue(reason: str) -> str:
    for key, words in _CUE_KEYS:
        if words in reason:
            return key
    return "none"


def features(
    sentence: str,
    start: int,
    end: int,
    *,
    index: int,
    count: int,
    inter: int | None,
    rule_role: str,
    rule_reason: str,
    event_type: str | None,
) -> dict[str, float]:
    """Sparse features of one mention (``sentence[start:end]``), ``index`` of ``count`` in the
    sentence, with the rule's role and reason for it."""
    before = _TOKEN.findall(sentence[max(0, start - 60) : start].lower())[-3:]
    after = _TOKEN.findall(sentence[end : end + 60].lower())[:3]
    f: dict[str, float] = {"bias": 1.0}
    for k, word in enumerate(reversed(before), 1):
        f[f"w-{k}={word}"] = 1.0
    for k, word in enumerate(after, 1):
        f[f"w+{k}={word}"] = 1.0
    if before:
        f[f"w-1,+1={before[-1]}|{after[0] if after else ''}"] = 1.0
    verb = _ATTACK_VERB.search(sentence)
    if verb is None:
        f["verb=none"] = 1.0
    else:
        f["verb_side=" + ("before" if end <= verb.start() else "after")] = 1.0
        f["verb=" + verb.group(0).lower()[:8]] = 1.0
    if _PASSIVE_AFTER.search(sentence[end : end + 60]):
        f["passive_after"] = 1.0
    if _BY_BEFORE.search(sentence[max(0, start - 40) : start]):
        f["by_before"] = 1.0
    f[f"order={min(index, 3)}"] = 1.0
    if index == count - 1:
        f["last"] = 1.0
    f[f"inter={inter}"] = 1.0
    f[f"rule={rule_role}"] = 1.0
    f[f"cue={_cue(rule_reason)}"] = 1.0
    f[f"type={event_type}"] = 1.0
    f[f"type,rule={event_type}|{rule_role}"] = 1.0
    f[f"inter,rule={inter}|{rule_role}"] = 1.0
    return f


class RoleModel:
    """Multinomial logistic regression over :func:`features`, from JSON weights."""

    def __init__(self, weights: dict[str, list[float]], intercept: list[float], meta: Any) -> None:
        self.weights = weights
        self.intercept = intercept
        self.meta = meta

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RoleModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["intercept"], data.get("meta", {}))

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def default() -> RoleModel | None:
        """The shipped model, or None when its file is missing."""
        try:
            return RoleModel.load()
        except (OSError, ValueError, KeyError):
            return None

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {label: e / total for label, e in zip(LABELS, exp, strict=True)}
