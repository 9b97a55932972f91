"""Contested accounts (issue 14, item 4): competing accounts of one event give modality
``contested`` with each side's sentence cited; a denial of involvement alone does not."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitrep.events.extract import extract
from sitrep.models import Document
from sitrep.nlp.modality import account_side, sentence_modality


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("Officials blamed the heat for the blast; witnesses said they saw a drone.", "disputed"),
        ("Accounts of what happened differed sharply.", "disputed"),
        ("The army said its inquiry had found no drone or aircraft over the area.", "no attack"),
        ("The fire was caused by an electrical short circuit, officials said.", "no attack"),
        ("Residents said they heard a drone overhead before the blast.", "attack"),
        ("The ministry denied that it had carried out any strike that day.", "denial"),
        ("Militants fired rockets at the base on Tuesday.", None),
    ],
)
def test_account_sides(sentence: str, side: str | None) -> None:
    assert account_side(sentence) == side


def test_one_sentence_with_both_accounts_is_contested() -> None:
    sentence = "Officials blamed the heat for the blast; witnesses said they saw a drone."
    assert sentence_modality(sentence)[0] == "contested"


def test_competing_accounts_across_sentences_cite_each_side() -> None:
    text = (
        "An explosion ripped through an ammunition depot at a military base near Hilla on "
        "Friday night, killing two soldiers, officials said.\n\n"
        "Officials blamed the extreme heat. Residents said they heard a drone overhead before "
        "the blast.\n\n"
        "The prime minister ordered an investigation."
    )
    doc = Document(id="depot", text=text, published=datetime(2024, 7, 20, 8, 0))
    events = [e for e in extract(doc).events if not e.background]
    assert events
    lead = events[0]
    assert lead.modality == "contested"
    why = lead.reasons["modality"]
    assert "blamed the extreme heat" in why
    assert "heard a drone" in why
    for fragment in ("Officials blamed the extreme heat.", "Residents said they heard"):
        start = text.index(fragment)
        assert f"[{start}:" in why  # cited with its offsets in the article


def test_denial_of_involvement_alone_leaves_the_event_reported() -> None:
    text = (
        "A drone struck a US outpost in northeastern Jordan on Sunday, killing three soldiers, "
        "US officials said.\n\n"
        "Washington blamed Iran-backed militias.\n\n"
        "Iran's foreign ministry denied any involvement, saying the groups act on their own."
    )
    doc = Document(id="denial", text=text, published=datetime(2024, 1, 29, 8, 0))
    lead = next(e for e in extract(doc).events if not e.background)
    assert lead.modality != "contested"
