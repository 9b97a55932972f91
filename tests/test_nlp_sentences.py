"""Sentence and paragraph spans: abbreviations, datelines, quotes, bullets, blank lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.nlp import paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lt. Col. J. Smith said rockets hit the base. Nobody was hurt.",
            ["Lt. Col. J. Smith said rockets hit the base.", "Nobody was hurt."],
        ),
        (
            "Rockets hit the U.S. embassy at 3 a.m. on Jan. 9. Officials said so.",
            ["Rockets hit the U.S. embassy at 3 a.m. on Jan. 9.", "Officials said so."],
        ),
        (
            "The strike was ordered by the U.S. The militia vowed revenge.",
            ["The strike was ordered by the U.S.", "The militia vowed revenge."],
        ),
        (
            "Gen. Kurilla visited Camp No. 3 in Syria.",
            ["Gen. Kurilla visited Camp No. 3 in Syria."],
        ),
        ("The base is 3.5 km away. It was hit.", ["The base is 3.5 km away.", "It was hit."]),
        (
            'He said "we will respond." Then he left.',
            ['He said "we will respond."', "Then he left."],
        ),
        ('"Are you sure?" he asked.', ['"Are you sure?" he asked.']),
        (
            "BAGHDAD (Reuters) - Three rockets struck Ain al-Asad air base on Monday. "
            "No one was hurt.",
            [
                "BAGHDAD (Reuters) - Three rockets struck Ain al-Asad air base on Monday.",
                "No one was hurt.",
            ],
        ),
        (
            "First paragraph without a stop\n\nSecond paragraph.",
            ["First paragraph without a stop", "Second paragraph."],
        ),
        (
            "Key points:\n- Rockets hit the base\n- No injuries\n* Drones shot down",
            ["Key points:", "- Rockets hit the base", "- No injuries", "* Drones shot down"],
        ),
        ("1. First item\n2. Second item", ["1. First item", "2. Second item"]),
        ("Why? Nobody knows! Really.", ["Why?", "Nobody knows!", "Really."]),
        ("The attack (see Fig. 2) was large.", ["The attack (see Fig. 2) was large."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraphs_are_blank_line_separated_and_trimmed() -> None:
    text = "  One. Two.\n\n\n Three.\n \nFour"
    assert [text[a:b] for a, b in paragraphs(text)] == ["One. Two.", "Three.", "Four"]


@given(st.text(alphabet=st.sampled_from(list("ab. \n?!\"'U.S()-1")), max_size=200))
def test_spans_are_ordered_trimmed_and_inside_text(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        last = end
    # every non-space character belongs to some sentence
    covered = {i for a, b in spans for i in range(a, b)}
    assert all(ch.isspace() or i in covered for i, ch in enumerate(text))


@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    split_sentences(text)
    paragraphs(text)
