"""The text cleaner: each boilerplate rule, the metadata it captures, and repost credits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.ingest.clean.reposts import credit_line
from sitrep.ingest.clean.text import clean_text

DATA = Path(__file__).parent / "data" / "ingest"
STORY = (
    "Several rockets struck Ain al-Asad air base in western Iraq on Saturday, Iraqi security "
    "officials said, adding that there were no casualties among the personnel stationed there."
)


def story_with(
    line: str,
    *,
    after: str = "The attack was not immediately claimed by any group, officials said later.",
) -> str:
    """A small article with ``line`` between two prose paragraphs."""
    return f"{STORY}\n\n{line}\n\n{after}"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Home | World | Middle East | Opinion | Business", "navigation"),
        ("Skip to main content", "navigation"),
        ("Share this article", "share-donate"),
        ("Follow us on Telegram for breaking news", "share-donate"),
        ("Support independent journalism — donate", "share-donate"),
        ("Sign up for our daily newsletter", "share-donate"),
        ("We use cookies to give you the best experience on our website.", "cookie-notice"),
        ("© 2024 Frontline Courier. All rights reserved.", "copyright"),
        ("Disclaimer: the views expressed are the author's own.", "copyright"),
        ("Photo: AFP/Getty", "photo-credit"),
        ("Image credit: Reuters", "photo-credit"),
        ("AFP via Getty Images", "photo-credit"),
        ("Newspapers in English", "pressreader-footer"),
        ("Printed and distributed by PressReader", "pressreader-footer"),
        ("Read more: Iraq summons US envoy over strikes", "read-more"),
        ("Tags: Iraq, Syria, drones", "tags"),
        ("Smoke rises over the base after the attack. Photo: AFP/Getty", "photo-caption"),
        ("![Smoke over the base](https://example.org/smoke.jpg)", "image-caption"),
        ("[Iraq](https://x.org/iraq) | [Syria](https://x.org/syria)", "link-line"),
        ("https://example.org/some/story", "link-line"),
    ],
)
def test_clean_rule_drops_boilerplate_line(line: str, rule: str) -> None:
    result = clean_text(story_with(line), find_title=False)
    assert (rule, line) in [(r, text) for r, text in result.removed] or any(
        r == rule for r, _ in result.removed
    )
    assert line not in result.text
    assert STORY in result.text


def test_clean_comments_block_and_everything_after_is_dropped() -> None:
    text = story_with("Comments (2)", after="Ali: enough of this war.\n\nSara: pray for Iraq.")
    result = clean_text(text, find_title=False)
    assert result.text == STORY
    assert [r for r, _ in result.removed] == ["comments", "comments", "comments"]


def test_clean_related_block_in_the_middle_drops_only_its_headlines() -> None:
    later = (
        "Officials said the base's air defences intercepted two of the rockets before they landed."
    )
    text = f"{STORY}\n\nRelated\n- Drone downed near Erbil\n- Iraq summons US envoy\n\n{later}\n\n{later}\n\n{later}"
    result = clean_text(text, find_title=False)
    assert "Drone downed" not in result.text
    assert result.text.count(later) == 3


def test_clean_markdown_links_keep_prose_text_and_drop_buttons() -> None:
    text = "Rockets hit [Ain al-Asad](https://x.org/a) air base on Saturday. [Read more](https://x.org/m)"
    result = clean_text(text, find_title=False)
    assert result.text == "Rockets hit Ain al-Asad air base on Saturday."


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, Reuters", ["Jane Doe"]),
        ("Author: Sara Haddad", ["Sara Haddad"]),
        ("Written by Omar Rashid | January 22, 2024", ["Omar Rashid"]),
        ("By a staff reporter", []),
    ],
)
def test_clean_byline_gives_authors_and_leaves_text(byline: str, authors: list[str]) -> None:
    result = clean_text(f"# Rockets hit Ain al-Asad\n\n{byline}\n\n{STORY}")
    assert result.authors == authors
    assert result.title == "Rockets hit Ain al-Asad"
    assert result.text == STORY


@pytest.mark.parametrize(
    ("header", "expected", "updated"),
    [
        ("Published: 2024-02-03T10:15:00+03:00", "2024-02-03T10:15:00+03:00", False),
        ("Updated 4 February 2024", "4 February 2024", True),
        ("January 22, 2024", "January 22, 2024", False),
        (
            "**Kurdistan Observer** | 16 February 2021 | 4 min read",
            "Kurdistan Observer | 16 February 2021 | 4 min read",
            False,
        ),
        ("বুধবার, ৪ ফেব্রুয়ারি ২০২৬ | ২১ মাঘ ১৪৩২", "বুধবার, ৪ ফেব্রুয়ারি ২০২৬ | ২১ মাঘ ১৪৩২", False),
    ],
)
def test_clean_header_date_lines_become_candidates(
    header: str, expected: str, updated: bool
) -> None:
    result = clean_text(f"# Rockets hit Ain al-Asad\n\n{header}\n\n{STORY}")
    assert result.date_lines == [(expected, updated)]
    assert result.text == STORY


def test_clean_body_dates_are_not_date_lines() -> None:
    body = "On 3 January 2020 a US strike killed Qassem Soleimani at Baghdad airport, an event still cited."
    result = clean_text(f"# Title of the story here\n\n{STORY}\n\n{body}")
    assert result.date_lines == []
    assert body in result.text


@pytest.mark.parametrize(
    ("first", "second", "outlet"),
    [
        ("THE FRONTIER BRIEFING | Opinion", "", "The Frontier Briefing"),
        ("ANBAR VOICE - English edition", "", "Anbar Voice"),
        ("Euphrates Monitor", "Security | Politics | Energy | Opinion", "Euphrates Monitor"),
        ("[Kurdistan Observer](#) · [Politics](#) · [Security](#)", "", "Kurdistan Observer"),
    ],
)
def test_clean_masthead_names_the_outlet(first: str, second: str, outlet: str) -> None:
    text = f"{first}\n{second}\n\nRockets hit Ain al-Asad air base\n\n{STORY}"
    result = clean_text(text)
    assert result.outlet == outlet
    assert result.title == "Rockets hit Ain al-Asad air base"
    assert result.text == STORY


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("The original source of this article is Global Research.", "Global Research"),
        ("This article was first published by Tigris Times.", "Tigris Times"),
        ("This article was originally published on Al Jazeera on 3 January 2024.", "Al Jazeera"),
        ("First published on The Conversation.", "The Conversation"),
        ("Article: Gulf Wire Service", "Gulf Wire Service"),
        ("Source: Shafaq News", "Shafaq News"),
        ("Republished from Rudaw under a Creative Commons licence.", "Rudaw"),
        (
            "This story first appeared in [The National](https://www.thenationalnews.com/x).",
            "The National",
        ),
        ("(Reuters) —", "Reuters"),
        ("Source: https://www.aljazeera.com/news/2024/1/28/x", "Al Jazeera"),
    ],
)
def test_clean_repost_credit_sets_original_outlet_and_is_removed(line: str, outlet: str) -> None:
    assert credit_line(line) == outlet
    result = clean_text(story_with(line), find_title=False)
    assert result.original_outlet == outlet
    assert line not in result.text


def test_clean_wire_credit_in_dateline() -> None:
    result = clean_text(f"BAGHDAD (Reuters) — {STORY}", find_title=False)
    assert result.original_outlet == "Reuters"
    assert result.dateline == "BAGHDAD"


def test_clean_credit_prefix_is_removed_from_the_paragraph() -> None:
    result = clean_text(f"(AP) — {STORY}", find_title=False)
    assert result.original_outlet == "AP"
    assert result.text == STORY


def test_clean_prose_mentioning_a_source_is_kept() -> None:
    line = "A source in the Kirkuk Operations Command said about 30 Katyusha rockets were launched from a nearby village."
    assert credit_line(line) is None
    assert line in clean_text(story_with(line), find_title=False).text


def test_clean_messy_markdown_fixture() -> None:
    result = clean_text((DATA / "messy-article.md").read_text(encoding="utf-8"))
    assert result.title == "Rockets strike base hosting US troops in western Iraq"
    assert result.authors == ["Jane Doe", "John Roe"]
    assert result.outlet == "Frontline Courier"
    assert result.original_outlet == "Reuters"
    assert ("2024-02-03T10:15:00+03:00", False) in result.date_lines
    paragraphs = result.text.split("\n\n")
    assert paragraphs[0].startswith(
        "ANBAR, Iraq (Reuters) — Several rockets struck Ain al-Asad air base"
    )
    for debris in (
        "Share this",
        "Photo:",
        "donate",
        "cookie",
        "Related",
        "Newspapers",
        "©",
        "Comments",
        "Enough",
        "![",
        "](",
    ):
        assert debris not in result.text, debris
    assert "On 3 January 2020 a US strike" in result.text


def test_clean_repost_fixture() -> None:
    result = clean_text((DATA / "repost.txt").read_text(encoding="utf-8"))
    assert result.outlet == "Middle East Aggregator"
    assert result.original_outlet == "Tigris Times"
    assert result.title == "Drone strike kills militia commander in Baghdad"
    assert result.authors == ["Omar Rashid"]
    assert "first published" not in result.text
    assert "Disclaimer" not in result.text


def test_clean_hard_wrapped_paragraphs_are_joined() -> None:
    text = "Rockets struck the base on Saturday,\nofficials said.\n\nNo group claimed the attack,\nthe army said."
    result = clean_text(text, find_title=False)
    assert (
        result.text
        == "Rockets struck the base on Saturday, officials said.\n\nNo group claimed the attack, the army said."
    )


def test_clean_html_remnants_never_survive() -> None:
    text = f'<p onclick="x()">{STORY}</p>\n<img src=x onerror=alert(1)>\n<script>alert(1)</script>'
    result = clean_text(text, find_title=False)
    assert "<" not in result.text and "onerror" not in result.text


@given(st.text(max_size=400))
def test_clean_never_crashes_and_output_has_no_blank_runs(text: str) -> None:
    result = clean_text(text)
    assert "\n\n\n" not in result.text
    assert result.text == result.text.strip() or not result.text.strip()
