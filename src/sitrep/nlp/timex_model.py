"""Two small learned decisions for time expressions, fitted on TimeBank/AQUAINT training documents.

* **Direction**: a bare weekday ("Tuesday", "on Monday") or a date without a year ("March 12")
  names a day before the anchor, the anchor's own day, or a day after it. Reporting in the past
  tense ("said on Tuesday") points back, plans and schedules ("is scheduled to close Monday",
  "will travel to Washington on March 12", "by Jan. 14") point forward. A three-class logistic
  regression over the words around the expression decides (``past`` / ``same`` / ``future``).
* **Keep**: candidate spans that are only sometimes dates ("now", "recently", "previously",
  a bare "1990") are kept or dropped by a binary logistic regression over the same features.

Both are plain linear models stored as JSON (``sitrep/data/timex_model.json``, a few thousand
weights), scored here in pure Python: no scikit-learn at run time. ``eval/train_timex.py``
fits them on the TimeBank ``train`` split only (eval/timebank.py); the dev split measures them.
When the weights file is missing the callers fall back to the rules in timex.py.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["direction", "direction_features", "keep", "keep_features", "load"]

_WORD = re.compile(r"[A-Za-z']+|\d+|[$%]")
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")
_FUTURE_CUES = frozenset(
    [
        "will",
        "'ll",
        "would",
        "shall",
        "scheduled",
        "expected",
        "plans",
        "plan",
        "planned",
        "due",
        "set",
        "to",
        "until",
        "by",
        "deadline",
        "begin",
        "begins",
        "resume",
        "resumes",
        "next",
        "upcoming",
        "later",
        "tomorrow",
        "intends",
        "intend",
        "could",
        "may",
        "might",
        "should",
        "going",
    ]
)
_PAST_CUES = frozenset(
    ["said", "was", "were", "had", "did", "told", "reported", "announced", "killed", "ago", "last"]
)


def _window(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Words of the same sentence left of ``start`` (nearest last) and right of ``end``."""
    left_text = text[max(0, start - 160) : start]
    cuts = list(_SENTENCE_END.finditer(left_text))
    if cuts:
        left_text = left_text[cuts[-1].end() :]
    right_text = text[end : end + 100]
    stop = _SENTENCE_END.search(right_text)
    if stop:
        right_text = right_text[: stop.start() + 1]
    left = [w.lower() for w in _WORD.findall(left_text)]
    right = [w.lower() for w in _WORD.findall(right_text)]
    return left, right


def _context(text: str, start: int, end: int) -> list[str]:
    left, right = _window(text, start, end)
    features = []
    for i, w in enumerate(reversed(left[-3:])):
        features.append(f"l{i + 1}={w}")
    for i, w in enumerate(right[:2]):
        features.append(f"r{i + 1}={w}")
    features.extend(f"lb={w}" for w in set(left[-8:]))
    features.extend(f"rb={w}" for w in set(right[:5]))
    if any(w in _FUTURE_CUES for w in left[-8:] + right[:5]):
        features.append("cue=future")
    if any(w in _PAST_CUES for w in left[-8:] + right[:5]):
        features.append("cue=past")
    near = left[-6:]
    if any(w in ("will", "'ll", "shall", "won't") for w in near):
        features.append("near=will")
    if any(a == "to" and b not in ("the", "a", "an") for a, b in zip(near, near[1:], strict=False)):
        features.append("near=to_verb")
    if any(w in ("is", "are", "be") for w in near) and any(
        w in ("scheduled", "due", "expected", "set", "planned", "slated") for w in near
    ):
        features.append("near=scheduled")
    ed = sum(1 for w in left[-6:] + right[:3] if w.endswith("ed") and len(w) > 4)
    features.append(f"ed={min(ed, 2)}")
    if not left:
        features.append("l1=<s>")
    return features


def direction_features(
    text: str, start: int, end: int, target: tuple[int, int | None]
) -> list[str]:
    """Features for the direction of an expression; ``target`` is (weekday, None) for a weekday
    written alone, or (month, day) for a date without a year, together with the anchor in
    :func:`direction`.

    Only the nearest words and the cue flags: with the bags of words of the sentence the
    5-fold document-grouped accuracy on TimeBank train was 0.925, without them 0.938."""
    return [
        "bias",
        *(f for f in _context(text, start, end) if not f.startswith(_DIRECTION_DROPS)),
    ]


_DIRECTION_DROPS = ("lb=", "rb=", "l2=", "l3=", "r2=")


def _gap_features(anchor: date, target: tuple[int, int | None]) -> list[str]:
    kind, day = target
    if day is None:  # a weekday
        back = (anchor.weekday() - kind) % 7
        return ["kind=weekday", f"back={back}"]
    if day == 0:  # a month
        gap = kind - anchor.month
        bucket = "0" if gap == 0 else ("+" if gap > 0 else "-") + str(min(3, (abs(gap) + 1) // 2))
        return ["kind=month", f"mgap={bucket}"]
    try:
        this_year = date(anchor.year, kind, day)
    except ValueError:
        return ["kind=date"]
    days = (this_year - anchor).days
    bucket = (
        "0"
        if days == 0
        else ("+" if days > 0 else "-") + str(min(4, int(math.log2(abs(days)) // 2)))
    )
    return ["kind=date", f"gap={bucket}"]


def keep_features(text: str, start: int, end: int, kind: str) -> list[str]:
    """Features for keeping a candidate of ``kind`` (``ref`` or ``year``)."""
    words = " ".join(text[start:end].lower().split())
    features = ["bias", f"kind={kind}", *_context(text, start, end)]
    if kind == "ref":
        features.append(f"w={words}")
    else:
        before = text[max(0, start - 2) : start]
        after = text[end : end + 2]
        features.append(f"pre={before.strip()[-1:] or '_'}")
        features.append(f"post={after.strip()[:1] or '_'}")
        if start > 0 and text[start - 1].isupper():
            features.append("glued")
    return features


@lru_cache(maxsize=1)
def load() -> dict[str, Any] | None:
    """The fitted weights, or None when the package ships none."""
    try:
        raw = (resources.files("sitrep") / "data" / "timex_model.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    try:
        data: dict[str, Any] = json.loads(raw)
    except ValueError:
        return None
    return data


def _scores(model: dict[str, dict[str, float]], features: list[str]) -> dict[str, float]:
    return {label: sum(w.get(f, 0.0) for f in features) for label, w in model.items()}


def direction(
    text: str, start: int, end: int, anchor: date, target: tuple[int, int | None]
) -> str | None:
    """``past``, ``same`` or ``future`` for the expression at ``text[start:end]``; None when no
    model is shipped."""
    weights = load()
    if weights is None:
        return None
    features = direction_features(text, start, end, target) + _gap_features(anchor, target)
    scores = _scores(weights["direction"], features)
    return max(scores, key=lambda label: scores[label])


def keep(text: str, start: int, end: int, kind: str) -> bool | None:
    """Whether the candidate is a date expression; None when no model is shipped."""
    weights = load()
    if weights is None:
        return None
    scores = _scores(weights["keep"], keep_features(text, start, end, kind))
    return scores["yes"] - scores["no"] > float(weights.get("keep_threshold", 0.0))


def all_direction_features(
    text: str, start: int, end: int, anchor: date, target: tuple[int, int | None]
) -> list[str]:
    """What :func:`direction` scores (used by the training script)."""
    return direction_features(text, start, end, target) + _gap_features(anchor, target)
