"""Page metadata chosen over candidates, and page furniture removed: real parser, real files
(text, Markdown, JSON record, a PDF and a WARC capture written here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.ingest.clean.text import byline_outlet, clean_text, copyright_outlet, desk_outlet
from sitrep.ingest.parse import parse_item
from sitrep.ingest.sources import iter_items
from sitrep.ingest.titles import choose_title, title_flaw

STORY = (
    "Gunmen killed three shepherds and stole dozens of sheep in a village south of Kirkuk on "
    "Wednesday, a police officer told reporters."
)


def parse_file(path: Path):  # type: ignore[no-untyped-def]
    (item,) = list(iter_items([str(path)]))
    return parse_item(item)


@pytest.mark.parametrize(
    ("title", "flaw"),
    [
        ("রবিবার, ১৫ ফেব্রুয়ারি ২০২৬", "a date line"),
        ("Sunday, 8 February 2026", "a date line"),
        ("Enscript Output", "a document producer's placeholder"),
        ("Microsoft Word - draft3.docx", "a document producer's placeholder"),
        ("The National - News", "a masthead and section"),
        ("Regional News Aggregator", "the outlet's own name"),
        ("Gunmen kill three shepherds near Kirkuk", None),
    ],
)
def test_title_flaws(title: str, flaw: str | None) -> None:
    assert title_flaw(title, ("Regional News Aggregator",)) == flaw


def test_choose_title_prefers_given_then_metadata_then_headline() -> None:
    picked = choose_title(
        [("given", "Enscript Output"), ("meta", None), ("headline", "Convoy ambushed near Tuz")]
    )
    assert (picked.title, picked.kind) == ("Convoy ambushed near Tuz", "headline")
    assert picked.rejected == [("given", "Enscript Output", "a document producer's placeholder")]
    assert choose_title([("given", "Given title here"), ("headline", "Other one")]).kind == "given"


def test_outlet_names_in_page_furniture() -> None:
    assert desk_outlet("Dhaka Monitor Desk") == "Dhaka Monitor"
    assert desk_outlet("NEWS DESK") is None
    assert copyright_outlet("© 2026 The National. All rights reserved.") == "The National"
    assert copyright_outlet("Copyright © Staff Writer, Global Research, 2026") == "Global Research"
    assert byline_outlet("Karwan Ahmed, Kurdistan Wire") == "Kurdistan Wire"
    assert byline_outlet("Jane Doe, John Roe") is None


def test_news_site_furniture_is_removed_and_the_story_kept() -> None:
    page = "\n\n".join(
        [
            "Gunmen kill three shepherds near Kirkuk",
            "NEWS DESK",
            "File Photo",
            STORY,
            "Region: Middle East & North Africa",
            "Theme: Terrorism",
            "translate this website",
            "To receive our daily newsletter, enter your email address below.",
            "Please support our independent media by making a donation today.",
            "This site contains copyrighted material the use of which has not always been "
            "specifically authorized by the copyright owner, under the provisions of fair use.",
            "Related Topic",
            "Kirkuk governor visits the families of victims",
            "Comments Here:",
            "Great reporting, keep it up.",
        ]
    )
    result = clean_text(page)
    assert result.title == "Gunmen kill three shepherds near Kirkuk"
    assert result.text == STORY


def test_today_strip_loses_to_the_article_date(tmp_path: Path) -> None:
    page = tmp_path / "wire.md"
    page.write_text(
        "Sunday, 8 February 2026 | Today's paper\n\n# Drone hits depot near Erbil\n\n"
        "By Karwan Ahmed, Kurdistan Wire\n\n03 February 2026 18:02 PM\n\n" + STORY,
        encoding="utf-8",
    )
    article = parse_file(page)
    assert article.published is not None
    assert article.published.date().isoformat() == "2026-02-03"
    assert article.outlet == "Kurdistan Wire"
    assert article.authors == ["Karwan Ahmed"]


def test_credited_outlet_names_an_unknown_site(tmp_path: Path) -> None:
    page = tmp_path / "digest.txt"
    page.write_text(
        "Daily Press Digest\n\nArticle: The Arab Weekly\n\n"
        "Iraqi parliament fails again to elect a speaker\n\n" + STORY,
        encoding="utf-8",
    )
    article = parse_file(page)
    assert article.title == "Iraqi parliament fails again to elect a speaker"
    assert (article.outlet, article.original_outlet) == ("The Arab Weekly", None)


def test_aggregator_title_is_not_the_title(tmp_path: Path) -> None:
    record = {
        "title": "Regional News Aggregator",
        "outlet": "Regional News Aggregator",
        "text": "Clashes erupt between tribes in Maysan\n\n" + STORY,
    }
    path = tmp_path / "item.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    article = parse_file(path)
    assert article.title == "Clashes erupt between tribes in Maysan"


def test_pdf_producer_title_and_first_line(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from page_metadata import pdf_bytes, warc_bytes

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_bytes(("Convoy ambushed near Tuz Khurmatu", STORY), "Enscript Output"))
    article = parse_file(pdf)
    assert article.title == "Convoy ambushed near Tuz Khurmatu"
    assert article.text.startswith("Gunmen killed three shepherds")
    # a given title that wins keeps the first line in the text
    record = tmp_path / "given.json"
    record.write_text(
        json.dumps(
            {"title": "Shepherds killed", "text": "First line of the story here\n\n" + STORY}
        )
    )
    assert parse_file(record).text.startswith("First line of the story here")
    # a WARC capture date is no day-precise publication date
    warc = tmp_path / "capture.warc"
    html = f"<html><head><title>Shepherds killed</title></head><body><p>{STORY}</p></body></html>"
    warc.write_bytes(warc_bytes(html, "https://example.org/a", "2026-02-10T08:15:00Z"))
    captured = parse_file(warc)
    assert captured.published is not None and captured.published_precision == "month"
