"""Story linking: articles about one happening are linked, different happenings are not."""

from __future__ import annotations

import os
from datetime import date

import numpy as np
import pytest

from sitrep.dedup import HashingEncoder, MiniLMEncoder, StoryLinker, story_text
from sitrep.errors import ConfigError

HARIR_A = (
    "Drones hit Harir air base. Four drones targeted Harir air base north of Erbil on Tuesday."
)
HARIR_B = "Harir air base attacked by drones. Drones targeted Harir air base near Erbil on Tuesday."
TANF = "US strikes Kataib Hezbollah depots in Al-Qaim. American jets bombed weapons depots."


def test_hashing_encoder_is_deterministic_and_normalised() -> None:
    encoder = HashingEncoder(dim=256)
    first, second = encoder.encode([HARIR_A, ""]), encoder.encode([HARIR_A, ""])
    assert np.array_equal(first, second)
    assert np.isclose(np.linalg.norm(first[0]), 1.0)
    assert not first[1].any()


def test_assign_joins_similar_recent_story_only() -> None:
    linker = StoryLinker(HashingEncoder(), threshold=0.3, window_days=3)
    harir_a, harir_b, tanf = linker.embed([HARIR_A, HARIR_B, TANF])
    stories = [("harir", harir_a, date(2024, 1, 2)), ("tanf", tanf, date(2024, 1, 2))]
    assert linker.assign(harir_b, stories, date(2024, 1, 3)) == "harir"
    assert linker.assign(harir_b, stories, date(2024, 2, 20)) is None  # too far apart in time
    assert linker.assign(harir_b, stories) == "harir"  # undated: similarity alone
    assert linker.assign(harir_b, []) is None


def test_link_groups_a_batch_into_stories_named_after_their_first_article() -> None:
    linker = StoryLinker(HashingEncoder(), threshold=0.3)
    assigned = linker.link(
        ["a1", "a2", "a3"], [HARIR_A, TANF, HARIR_B],
        [date(2024, 1, 2), date(2024, 1, 2), date(2024, 1, 3)],
    )  # fmt: skip
    assert assigned == {"a1": "a1", "a2": "a2", "a3": "a1"}


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Title", "Lead paragraph.\n\nBackground.", "Title. Lead paragraph."),
        (None, "Lead.\n\nMore.", "Lead."),
        ("  ", "", ""),
    ],
)
def test_story_text_is_title_and_lead(title: str | None, text: str, expected: str) -> None:
    assert story_text(title, text) == expected


def test_bad_threshold_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="threshold"):
        StoryLinker(HashingEncoder(), threshold=2.0)


@pytest.mark.slow
def test_minilm_links_paraphrases_and_separates_other_events() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    linker = StoryLinker(MiniLMEncoder(), threshold=0.7)
    harir_a, harir_b, tanf = linker.embed([HARIR_A, HARIR_B, TANF])
    assert harir_a.shape == (384,)
    assert float(harir_a @ harir_b) > float(harir_a @ tanf)
    stories = [("harir", harir_a, None), ("tanf", tanf, None)]
    assert linker.assign(harir_b, stories) == "harir"
