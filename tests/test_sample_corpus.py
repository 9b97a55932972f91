"""The bundled sample corpus and its gold annotations agree with each other.

``make demo`` ingests ``src/sitrep/data/sample/`` and ``make eval`` scores ingest, extraction and
merging against ``sample/gold/``; a gold line that points at a missing file, cites a sentence the
article does not contain, or uses a label outside ACLED's taxonomy would silently corrupt every
score. These checks read only the bundled files, so they run offline in well under a second.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "sample"
GOLD = SAMPLE / "gold"

#: ACLED's event types, their sub-event types and the disorder type each belongs to.
TAXONOMY: dict[str, tuple[str, set[str]]] = {
    "Battles": (
        "Political violence",
        {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    ),
    "Explosions/Remote violence": (
        "Political violence",
        {
            "Air/drone strike",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Suicide bomb",
            "Grenade",
            "Chemical weapon",
        },
    ),
    "Violence against civilians": (
        "Political violence",
        {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    ),
    "Protests": (
        "Demonstrations",
        {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    ),
    "Riots": ("Demonstrations", {"Violent demonstration", "Mob violence"}),
    "Strategic developments": (
        "Strategic developments",
        {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        },
    ),
}

ARTICLE_KEYS = {
    "source",
    "title",
    "outlet",
    "published",
    "published_precision",
    "original_outlet",
    "duplicate_of",
    "story",
    "language",
    "encoding",
}
MENTION_KEYS = {
    "gold_event",
    "source",
    "sentence",
    "event_date",
    "date_precision",
    "background",
    "event_type",
    "sub_event_type",
    "disorder_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "injuries",
    "weapons",
    "modality",
    "claimed_by",
}
MEDIA_SUFFIXES = {".html", ".txt", ".md", ".json", ".jsonl"}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


ARTICLES = read_jsonl(GOLD / "articles.jsonl")
MENTIONS = read_jsonl(GOLD / "events.jsonl")
BY_SOURCE = {a["source"]: a for a in ARTICLES}


@cache
def visible_text(source: str) -> str:
    """An article's decoded visible text, whitespace collapsed: HTML without markup and scripts,
    JSON records by their ``text`` field, other files decoded with the gold encoding."""
    name, _, record = source.partition("#")
    raw = (SAMPLE / name).read_bytes()
    encoding = BY_SOURCE[source]["encoding"]
    if name.endswith(".jsonl"):
        text = json.loads(raw.decode("utf-8").splitlines()[int(record) - 1])["text"]
    elif name.endswith(".json"):
        text = json.loads(raw.decode("utf-8"))[int(record) - 1]["text"]
    elif name.endswith(".html"):
        tree = lxml_html.document_fromstring(raw.decode(encoding))
        for node in tree.xpath("//script|//style|//noscript"):
            node.drop_tree()
        text = tree.text_content()
    else:
        text = raw.decode(encoding)
    return re.sub(r"\s+", " ", text)


def record_count(name: str) -> int:
    raw = (SAMPLE / name).read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        return len([line for line in raw.splitlines() if line.strip()])
    return len(json.loads(raw))


def test_gold_rows_have_exactly_the_documented_fields() -> None:
    assert all(set(a) == ARTICLE_KEYS for a in ARTICLES)
    assert all(set(m) == MENTION_KEYS for m in MENTIONS)


def test_every_input_file_and_record_has_one_gold_article() -> None:
    expected: set[str] = set()
    for path in SAMPLE.iterdir():
        if path.is_file() and path.suffix in MEDIA_SUFFIXES:
            if path.suffix in {".json", ".jsonl"}:
                expected |= {f"{path.name}#{n}" for n in range(1, record_count(path.name) + 1)}
            else:
                expected.add(path.name)
    sources = [a["source"] for a in ARTICLES]
    assert len(sources) == len(set(sources)), "duplicate article sources"
    assert set(sources) == expected


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["source"])
def test_article_metadata_is_well_formed(article: dict[str, Any]) -> None:
    name = article["source"].partition("#")[0]
    assert (SAMPLE / name).is_file()
    assert article["title"] and article["story"] and article["language"]
    published = article["published"]
    if published is None:
        assert article["published_precision"] is None
    else:
        assert article["published_precision"] == "day"
        if "T" in published:
            datetime.fromisoformat(published)
        else:
            date.fromisoformat(published)
    duplicate_of = article["duplicate_of"]
    if duplicate_of is not None:
        assert duplicate_of in BY_SOURCE and duplicate_of != article["source"]
        assert BY_SOURCE[duplicate_of]["duplicate_of"] is None, "duplicates point at the original"
        assert BY_SOURCE[duplicate_of]["story"] == article["story"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["source"])
def test_article_title_is_in_its_file(article: dict[str, Any]) -> None:
    name, _, record = article["source"].partition("#")
    if record:
        raw = (SAMPLE / name).read_text(encoding="utf-8")
        rows = raw.splitlines() if name.endswith(".jsonl") else None
        item = json.loads(rows[int(record) - 1]) if rows else json.loads(raw)[int(record) - 1]
        assert item["title"] == article["title"]
    else:
        text = (SAMPLE / name).read_bytes().decode(article["encoding"])
        assert article["title"] in text or article["title"] in visible_text(article["source"])


def test_reposts_credit_their_original_and_exact_copies_are_byte_identical() -> None:
    duplicates = [a for a in ARTICLES if a["duplicate_of"]]
    assert len(duplicates) >= 3
    for article in duplicates:
        original = BY_SOURCE[article["duplicate_of"]]
        if article["original_outlet"] is None:
            assert (SAMPLE / article["source"]).read_bytes() == (
                SAMPLE / original["source"]
            ).read_bytes()
        else:
            assert article["original_outlet"] == original["outlet"]
            assert article["original_outlet"] in visible_text(article["source"])


@pytest.mark.parametrize("mention", MENTIONS, ids=lambda m: f"{m['gold_event']}@{m['source']}")
def test_gold_sentence_is_in_its_article(mention: dict[str, Any]) -> None:
    assert mention["source"] in BY_SOURCE
    sentence = re.sub(r"\s+", " ", mention["sentence"]).strip()
    assert sentence and sentence in visible_text(mention["source"])


@pytest.mark.parametrize("mention", MENTIONS, ids=lambda m: f"{m['gold_event']}@{m['source']}")
def test_gold_mention_follows_acled_conventions(mention: dict[str, Any]) -> None:
    disorder, sub_types = TAXONOMY[mention["event_type"]]
    assert mention["sub_event_type"] in sub_types
    assert mention["disorder_type"] == disorder
    assert mention["actor1"]
    assert mention["geo_precision"] in (1, 2, 3)
    assert -90 <= mention["latitude"] <= 90 and -180 <= mention["longitude"] <= 180
    assert mention["country"] in {"Iraq", "Syria", "Jordan"}
    assert isinstance(mention["fatalities"], int) and mention["fatalities"] >= 0
    assert mention["injuries"] is None or mention["injuries"] >= 0
    assert mention["modality"] in {"reported", "claimed", "alleged", "denied", "contested"}
    assert isinstance(mention["weapons"], list) and isinstance(mention["background"], bool)


@pytest.mark.parametrize("mention", MENTIONS, ids=lambda m: f"{m['gold_event']}@{m['source']}")
def test_gold_event_date_is_valid_and_not_after_publication(mention: dict[str, Any]) -> None:
    if mention["event_date"] is None:
        assert mention["date_precision"] is None
        return
    assert mention["date_precision"] in {"day", "week", "month", "year"}
    event_day = date.fromisoformat(mention["event_date"])
    if mention["date_precision"] == "month":
        assert event_day.day == 1, "month-precision dates use the first day of the month"
    if mention["date_precision"] == "week":
        assert event_day.weekday() == 0, "week-precision dates use the Monday of the week"
    published = BY_SOURCE[mention["source"]]["published"]
    if published is not None:
        assert event_day <= date.fromisoformat(published[:10])


def test_mentions_are_unique_and_each_event_is_coded_consistently() -> None:
    keys = Counter((m["gold_event"], m["source"]) for m in MENTIONS)
    assert max(keys.values()) == 1, "one mention per (event, article)"
    for gold_event in {m["gold_event"] for m in MENTIONS}:
        group = [m for m in MENTIONS if m["gold_event"] == gold_event]
        for field in ("event_type", "sub_event_type", "actor1", "actor2", "country"):
            assert len({m[field] for m in group}) == 1, (gold_event, field)
        dated = {m["event_date"] for m in group if m["date_precision"] == "day"}
        assert len(dated) <= 1, (gold_event, dated)


def test_corpus_has_the_promised_variety() -> None:
    events = {m["gold_event"] for m in MENTIONS}
    merged = [e for e in events if len({m["source"] for m in MENTIONS if m["gold_event"] == e}) > 1]
    assert 35 <= len(ARTICLES) <= 50 and 60 <= len(MENTIONS) <= 100
    assert len(merged) >= 10, "several events are reported by more than one article"
    assert any(m["background"] for m in MENTIONS)
    assert {a["encoding"] for a in ARTICLES} >= {"utf-8", "cp1256", "cp1252"}
    assert any(a["published"] is None for a in ARTICLES)
    assert {m["modality"] for m in MENTIONS} >= {"reported", "claimed", "contested"}
