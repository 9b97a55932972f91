"""Templated short reports about different places, days, tolls or actors are not duplicates;
reposts (wrapped, trimmed, edited) still are. Pure checks and the store-backed pipeline."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sitrep.dedup.distinct import conflict, distinguishing
from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.store import Article, Store

# One monitor's template, as feeds write it; each line below is a different event.
TEMPLATE = (
    "On {day} March 2022, {actor} forces shelled {place} ({region}) with artillery. "
    "{toll} civilians were wounded and several houses were damaged, local authorities said. "
    "[size=no report]"
)
REPORTS = {
    "base": dict(day="5", actor="Russian", place="Nikopol", region="Dnipropetrovsk", toll="Two"),
    "place": dict(day="5", actor="Russian", place="Marhanets", region="Dnipropetrovsk", toll="Two"),
    "day": dict(day="6", actor="Russian", place="Nikopol", region="Dnipropetrovsk", toll="Two"),
    "toll": dict(day="5", actor="Russian", place="Nikopol", region="Dnipropetrovsk", toll="Three"),
    "actor": dict(day="5", actor="Ukrainian", place="Nikopol", region="Dnipropetrovsk", toll="Two"),
    "region": dict(day="5", actor="Russian", place="Nikopol", region="Zaporizhia", toll="Two"),
}
TEXTS = {name: TEMPLATE.format(**slots) for name, slots in REPORTS.items()}

WIRE = (
    "BAGHDAD, March 12 (Wire) - Rockets struck Camp Taji north of Baghdad on Wednesday, "
    "killing two American soldiers and one British soldier, the US-led coalition said.\n\n"
    "About 18 Katyusha rockets hit the base, officials said. No group claimed the attack.\n\n"
    "Kataib Hezbollah has been blamed for earlier attacks on bases hosting US forces, and the "
    "coalition has responded with strikes on the group's depots near the Syrian border."
)
REPOST = (
    "Subscribe to the Frontline Digest newsletter for daily updates.\n\n"
    + WIRE.replace("officials said", "officials told reporters")
    .replace("Katyusha", "Katyuhsa")  # a typo
    .replace("American soldiers", "US soldiers")
    + "\n\nThe original source of this article is Wire Service. Donate today."
)


@pytest.mark.parametrize("name", ["place", "day", "toll", "actor", "region"])
def test_a_changed_fact_in_a_template_is_a_conflict(name: str) -> None:
    found = conflict(TEXTS["base"], TEXTS[name])
    assert found is not None
    expected = {"place": "name", "day": "number", "toll": "number", "actor": "name"}
    if name in expected:
        assert found.kind == expected[name]


def test_copies_have_no_conflict() -> None:
    assert conflict(WIRE, WIRE) is None
    assert conflict(WIRE, REPOST) is None
    assert conflict(WIRE.upper(), WIRE) is None  # a shouted copy is the same text
    # a trimmed copy: the middle paragraph dropped
    trimmed = "\n\n".join(p for i, p in enumerate(WIRE.split("\n\n")) if i != 1)
    assert conflict(WIRE, trimmed) is None
    # spelling variants of one name are one name; number formatting is not a number
    assert (
        conflict("Shelling hit Kharkiv city on Monday.", "Shelling hit Kharkov city on Monday.")
        is None
    )
    assert (
        conflict(
            "About 1,500 people marched in Lyon today.", "About 1500 people marched in Lyon today."
        )
        is None
    )


def test_one_fact_told_two_ways_is_not_a_conflict() -> None:
    base = "Gunmen attacked a checkpoint near Kirkuk {when}, killing three policemen, police said."
    # a repost a day later: the original's "yesterday" becomes a weekday
    assert conflict(base.format(when="yesterday"), base.format(when="on Sunday")) is None
    assert conflict(base.format(when="on Saturday"), base.format(when="on Sunday")) is not None
    isis = "{who} fighters attacked a checkpoint near Kirkuk, killing three policemen."
    assert conflict(isis.format(who="Islamic State"), isis.format(who="ISIS")) is None
    assert conflict(isis.format(who="Islamic State"), isis.format(who="PKK")) is not None


def test_swapped_header_lines_are_not_conflicts() -> None:
    body = "Gunmen attacked a checkpoint near Kirkuk, killing three policemen, officials said."
    first = "Listen to this article\n\n" + body
    second = "Reading time: 2 minutes\n\n" + body
    assert conflict(first, second) is None


def test_distinguishing_kinds() -> None:
    assert distinguishing("2022") == "number"
    assert distinguishing("three") == "number"
    assert distinguishing("March") == "date"
    assert distinguishing("yesterday") == "date"
    assert distinguishing("Nikopol") == "name"
    assert distinguishing("The") is None
    assert distinguishing("shelled") is None


def test_pipeline_keeps_templated_reports_apart_and_folds_the_repost(store: Store) -> None:
    items = [RawItem(source=f"{name}.txt", raw=text.encode()) for name, text in TEXTS.items()]
    items += [
        RawItem(source="wire.txt", raw=WIRE.encode()),
        RawItem(source="repost.txt", raw=REPOST.encode()),
    ]
    Pipeline(store, stories=False, extract=False).ingest(items)
    with store.session() as s:
        rows = {a.source: a for a in s.scalars(select(Article))}
    assert len(rows) == len(items)
    for name in TEXTS:
        others = [n for n in TEXTS if n != name]
        assert all(rows[f"{name}.txt"].cluster_id != rows[f"{o}.txt"].cluster_id for o in others)
    assert rows["wire.txt"].cluster_id == rows["repost.txt"].cluster_id
