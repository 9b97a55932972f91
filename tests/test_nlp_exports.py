"""The public surface of sitrep.nlp is pinned: the event coder imports these names."""

from __future__ import annotations

import sitrep.nlp

EXPECTED = {
    "VAGUE_AMOUNTS", "WEAPON_CATEGORIES", "Count", "denier", "fatalities_acled",
    "document_timexes", "event_day", "find_casualties", "find_munitions", "find_timexes",
    "find_weapons", "is_hypothetical",
    "is_negated", "normalize", "paragraphs", "parse_number", "representative_date",
    "sentence_modality", "split_sentences", "time_precision",
}  # fmt: skip


def test_all_is_pinned() -> None:
    assert set(sitrep.nlp.__all__) == EXPECTED


def test_every_exported_name_exists_and_is_documented() -> None:
    for name in sitrep.nlp.__all__:
        value = getattr(sitrep.nlp, name)
        if callable(value):
            assert value.__doc__, name
