"""Document-level anchoring of time expressions (placeholder filled in below)."""

from __future__ import annotations

from datetime import date

from sitrep.models import Timex
from sitrep.nlp.timex import find_timexes


def tag_document(text: str, published: date | None) -> list[Timex]:
    return find_timexes(text, published)
