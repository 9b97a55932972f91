"""A duplicate that changes only an article's title keeps the events extracted ahead.

The rule-based extractor never reads ``Document.title``, so the writer need not re-extract a
document whose title a copy inherited (:func:`sitrep.workers.title_blind`). These tests show
the premise (same analysis whatever the title) and the result (the same store as batches
taken one at a time, without a redone extraction).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.events.extract import register
from sitrep.models import Analysis, Document
from sitrep.workers import LocalMapper, extract_document, title_blind
from test_pipeline_prefetch import OTHER, REPORT, _item, _run

PUBLISHED = datetime(2024, 1, 29, 9, tzinfo=UTC)


@pytest.mark.parametrize("text", [REPORT, OTHER, REPORT + "\n\n" + OTHER])
@pytest.mark.parametrize("title", [None, "", "Drones hit Tower 22", "Rockets on Ain al-Asad"])
def test_rule_extractor_analysis_does_not_depend_on_the_title(text: str, title: str | None) -> None:
    untitled = extract_document(Document(id="a1", text=text, published=PUBLISHED))
    titled = extract_document(Document(id="a1", text=text, published=PUBLISHED, title=title))
    assert titled == untitled


@settings(max_examples=25, deadline=None)
@given(title=st.text(max_size=80))
def test_any_title_gives_the_same_analysis(title: str) -> None:
    doc = Document(id="a2", text=REPORT, published=PUBLISHED, url="https://x.example/s")
    assert extract_document(doc) == extract_document(
        Document(id="a2", text=REPORT, published=PUBLISHED, url="https://x.example/s", title=title)
    )


class _TitleReader:
    """An extractor that reads the title: the writer must not assume it is title-blind."""

    name = "title-reader"

    def extract(self, doc: Document) -> Analysis:
        return Analysis(id=doc.id, published=None, language=doc.title)


def test_only_the_rule_extractor_counts_as_title_blind() -> None:
    register(_TitleReader())
    assert title_blind("default")
    assert not title_blind("title-reader")


def test_inherited_title_under_prefetch_keeps_the_events(tmp_path: Path) -> None:
    """The copy has the original's date but no title: it inherits only the title."""
    published = "2024-01-29T09:00:00+00:00"
    items = [
        _item("wire", text=REPORT, published=published, title="Drones hit Tower 22"),
        _item("daily", text=OTHER, published="2024-03-05T10:00:00+00:00", title="A"),
        _item("blog", text=REPORT, published=published, title=None),
    ]
    one, one_outcomes, _ = _run(tmp_path, "one", items, batch_size=1)
    ahead, ahead_outcomes, speculation = _run(
        tmp_path, "ahead", items, batch_size=1, mapper=LocalMapper(), prefetch=2
    )
    assert ahead == one
    assert ahead_outcomes == one_outcomes
    titles = [a[5] for a in one["articles"].values()]
    assert titles.count("Drones hit Tower 22") == 2  # the copy inherited the title
    assert speculation["title_only"] >= 1
    assert speculation["redone"] == 0
