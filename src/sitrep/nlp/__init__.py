"""The linguistic layer: sentences, time expressions, counts, weapons and modality.

Each function works on plain strings and returns offsets into them, so the event coder can cite
the exact sentence and phrase behind every value it sets. Rules, not models: fast, offline,
deterministic, and explained in docs/nlp.md.
"""

from sitrep.nlp.anchors import document_timexes
from sitrep.nlp.modality import denier, is_hypothetical, is_negated, sentence_modality
from sitrep.nlp.numbers import (
    VAGUE_AMOUNTS,
    Count,
    fatalities_acled,
    find_casualties,
    find_munitions,
    parse_number,
)
from sitrep.nlp.sentences import paragraphs, split_sentences
from sitrep.nlp.timex import (
    event_day,
    find_timexes,
    normalize,
    representative_date,
    time_precision,
)
from sitrep.nlp.weapons import WEAPON_CATEGORIES, find_weapons

__all__ = [
    "VAGUE_AMOUNTS",
    "WEAPON_CATEGORIES",
    "Count",
    "denier",
    "document_timexes",
    "event_day",
    "fatalities_acled",
    "find_casualties",
    "find_munitions",
    "find_timexes",
    "find_weapons",
    "is_hypothetical",
    "is_negated",
    "normalize",
    "paragraphs",
    "parse_number",
    "representative_date",
    "sentence_modality",
    "split_sentences",
    "time_precision",
]
