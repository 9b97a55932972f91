"""The extractor's speed-ups give exactly what the plain computations give.

The end-to-end proof is ``bench/extract_dump.py`` (byte-identical dumps before and after each
change); these tests pin the pieces so that a later change to one side cannot drift silently.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.models import Place
from sitrep.resolve import geoscore
from sitrep.resolve.gazetteer import _CountedContext, _is_capitalised
from sitrep.resolve.names import display_fold, fold, has_arabic, name_key

ISOS = ["IQ", "SY", "US", "IR", None]


def _place(iso: str | None, index: int) -> Place:
    return Place(name=f"P{index}", lat=30.0 + index, lon=40.0 - index, iso=iso, feature="city")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ISOS), min_size=1, max_size=12), st.data())
def test_events_extract_equivalence_country_share_counts(
    isos: list[str | None], data: st.DataObject
) -> None:
    """The counted context gives the parent's country share for every mention and country."""
    picks = [_place(iso, i) for i, iso in enumerate(isos)]
    index = data.draw(st.integers(0, len(picks) - 1))
    others = [p for j, p in enumerate(picks) if j != index]
    plain = geoscore.DocumentContext(hint="IQ", picks=others)
    counted = _CountedContext(
        hint="IQ", picks=others, isos=Counter(p.iso for p in picks), own_iso=picks[index].iso
    )
    for iso in ISOS:
        assert counted.country_share(iso) == plain.country_share(iso)
    assert counted.median_point() == plain.median_point()


@pytest.mark.parametrize(
    "text",
    ["Ain al-Asad", "Ayn al Assad", "Dayr az-Zawr", "Ma'arrat an-Nu'man", "عين الأسد", "", "Ü"],
)
def test_events_extract_equivalence_cached_keys_match_uncached(text: str) -> None:
    """The per-string caches return what the folding itself computes."""
    assert name_key(text) == name_key.__wrapped__(text)
    assert fold(text) == fold.__wrapped__(text)
    assert display_fold(text) == display_fold.__wrapped__(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=3))
def test_events_extract_equivalence_capitalised_test(token: str) -> None:
    """The capitalisation test with its ASCII short cut agrees with the plain definition."""
    first = token[:1]
    assert _is_capitalised(token) == (first.isupper() or has_arabic(first) or first.isdigit())
