"""Document-level reading (issue 14, item 1): page furniture is never an event, the lead is
found, and recalled history is neither coded as news at the publication date nor lends its
date or attacker to the news next to it."""

from __future__ import annotations

from datetime import date, datetime

from sitrep.events.extract import extract
from sitrep.models import Document
from sitrep.nlp import paragraphs
from sitrep.nlp.discourse import current, furniture, read_paragraphs, recalled, recalled_date

PAGE = (
    "Rockets hit base in western Iraq\n\n"
    "Militants fired rockets at Ain al-Asad air base in western Iraq on Tuesday, wounding two "
    "US soldiers, officials said.\n\n"
    "Iran fired around 12 missiles at the base in early 2020. US officials said this latest "
    "attack bore the hallmarks of an Iran-backed group.\n\n"
    "Photo: Smoke rises over the base (AFP)\n\n"
    "Related news\n\n"
    "Iraqi forces kill five militants in Kirkuk raid\n\n"
    "Drone strike hits convoy near Qaim\n\n"
    "Share this article on Facebook\n\n"
    "Read more: Gunmen kill three shepherds in Diyala\n\n"
    "This article was first published by the Mesopotamia Post."
)


def test_paragraph_roles() -> None:
    roles = read_paragraphs(PAGE, paragraphs(PAGE))
    kinds = [r.kind for r in roles]
    assert kinds == [
        "headline",
        "lead",
        "lead",
        "furniture",  # caption
        "furniture",  # list label
        "furniture",  # related headline
        "furniture",  # related headline
        "furniture",  # share prompt
        "furniture",  # read more
        "furniture",  # reposter's credit
    ]


def test_reporting_paragraphs_are_not_furniture() -> None:
    assert furniture("Police said the attackers fled towards the river.") is None
    assert furniture("Share prices fell in Baghdad after the attack.") is None
    assert furniture("© 2024 Mesopotamia Post") is not None
    assert furniture("The original source of this article is Kurdistan Monitor.") is not None
    body = "A bomb exploded in Basra on Monday.\n\nNo one was hurt, police said."
    assert {r.kind for r in read_paragraphs(body, paragraphs(body))} == {"lead"}


def test_recalled_and_current_wording() -> None:
    assert recalled("Attacks on convoys have been frequent since 2017.") == "since 2017"
    assert recalled("Two years ago this week, a drone hit Tower 22.")
    assert recalled("It was the anniversary of the strike.")
    assert recalled("Last month's attack on a convoy killed a driver.")
    assert recalled("Militants fired rockets at the base on Tuesday.") is None
    assert current("US officials said this latest attack bore the hallmarks of a militia.")
    assert current("Iran fired 12 missiles in early 2020.") is None


def test_recalled_dates_count_back_from_publication() -> None:
    day, precision, words = recalled_date(
        "Two years ago this week, a single drone killed three soldiers.", date(2026, 1, 30)
    ) or (None, None, None)
    assert (day, precision, words) == (date(2024, 1, 29), "week", "Two years ago this week")
    found = recalled_date("A year ago today, gunmen stormed the hall.", date(2024, 3, 22))
    assert found is not None and found[:2] == (date(2023, 3, 22), "day")
    found = recalled_date("Six months ago, a bomb hit the market.", date(2024, 8, 15))
    assert found is not None and found[:2] == (date(2024, 2, 1), "month")
    assert recalled_date("A bomb hit the market.", date(2024, 8, 15)) is None


def test_furniture_gives_no_event_and_history_lends_nothing() -> None:
    doc = Document(id="page", text=PAGE, published=datetime(2024, 8, 7, 9, 0))
    events = extract(doc).events
    sentences = {s.sentence for e in events for s in e.sources}
    assert not any("Kirkuk raid" in s or "Qaim" in s or "Diyala" in s for s in sentences)
    news = [e for e in events if not e.background]
    history = [e for e in events if e.background]
    assert len(news) == 1
    assert news[0].event_date == "2024-08-06"
    assert not (news[0].actor1 or "").startswith("Military Forces of Iran")
    assert any(e.event_date and e.event_date.startswith("2020") for e in history)
    latest = next(
        s for e in events for s in e.sources if "latest" in s.sentence
    )  # the news sentence cites the lead event, not the recalled one
    assert latest in news[0].sources


def test_retrospective_is_not_news_at_publication() -> None:
    text = (
        "Two years ago this week, a single drone slipped past the air defences of Tower 22 "
        "in Jordan and killed three US soldiers.\n\n"
        "The attack changed the course of the militia campaign, analysts say."
    )
    doc = Document(id="retro", text=text, published=datetime(2026, 1, 30, 8, 0))
    events = extract(doc).events
    assert events
    for event in events:
        assert event.background
        assert event.event_date != "2026-01-30"
        assert event.event_date is None or event.event_date.startswith("2024-01")
