"""Document-level anchoring of time expressions (sitrep.nlp.anchors) and the vague-date rule."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.models import Timex
from sitrep.nlp import document_timexes, event_day, find_timexes, time_precision, timex_model
from sitrep.nlp.anchors import dateline_day, document_anchor, tag_document


def values(text: str, published: date | None) -> dict[str, str | None]:
    return {t.text.rstrip("."): t.value for t in document_timexes(text, published)}


def test_the_learned_weights_ship_and_parse() -> None:
    weights = timex_model.load()
    assert weights is not None
    assert set(weights["direction"]) == {"past", "same", "future"}
    assert set(weights["keep"]) == {"yes", "no"}


def test_dateline_is_the_anchor_of_relative_mentions() -> None:
    text = "DAMASCUS, June 3 (Reuters) - Air strikes hit Idlib on Sunday, killing five."
    assert dateline_day(text, date(2024, 6, 5)) == date(2024, 6, 3)
    assert document_anchor(text, date(2024, 6, 5)) == date(2024, 6, 3)
    assert values(text, date(2024, 6, 5))["Sunday"] == "2024-06-02"


def test_no_dateline_no_anchor_change() -> None:
    assert dateline_day("Air strikes hit Idlib on Sunday.", date(2024, 6, 5)) is None


def test_undated_article_anchors_on_the_leads_written_day() -> None:
    text = "On 3 March 2024, militants attacked a checkpoint.\n\nOn Friday the army struck back."
    assert document_anchor(text, None) == date(2024, 3, 3)
    assert values(text, None)["Friday"] == "2024-03-01"


def test_reported_speech_dates_the_event_before_the_speech_day() -> None:
    text = "The ministry said on Monday that strikes on Saturday killed five people."
    got = values(text, date(2024, 6, 12))  # a Wednesday, nine days after that Monday's week
    assert got["Monday"] == "2024-06-10"
    assert got["Saturday"] == "2024-06-08"


def test_weekday_direction_follows_the_clause() -> None:
    published = date(2024, 6, 5)  # a Wednesday
    assert values("Gunmen killed two policemen on Tuesday, officials said.", published) == {
        "Tuesday": "2024-06-04"
    }
    assert values("The talks are scheduled to resume on Tuesday.", published) == {
        "Tuesday": "2024-06-11"
    }
    assert values("The minister will visit Baghdad on Tuesday.", published) == {
        "Tuesday": "2024-06-11"
    }


def test_an_explicit_date_beats_the_weekday_written_with_it() -> None:
    got = document_timexes("Rockets struck on Tuesday 10 June.", date(2025, 6, 12))
    assert [(t.value, t.precision) for t in got] == [("2025-06-10", "day")]


def test_a_later_sentence_year_does_not_move_the_leads_day() -> None:
    text = "Rockets hit the base on 10 June. It was the third attack since early 2020."
    got = values(text, date(2024, 6, 12))
    assert got["10 June"] == "2024-06-10"
    assert got["early 2020"] == "2020"


def test_a_year_written_earlier_in_the_sentence_carries_forward() -> None:
    text = "Drones struck on 5 January 2020 and again on 8 January."
    assert values(text, date(2024, 6, 12))["8 January"] == "2020-01-08"


def test_a_year_from_another_sentence_does_not_carry() -> None:
    text = "The alliance met in Madrid in July 1997. Poland will join on March 12."
    assert values(text, date(1999, 2, 27))["March 12"] == "1999-03-12"


def test_anaphora_counts_from_the_last_named_day() -> None:
    text = (
        "Militants attacked a checkpoint on 3 March 2024. The next day, the army struck back. "
        "The day before, police had been warned."
    )
    got = values(text, None)
    assert got["The next day"] == "2024-03-04"
    assert got["The day before"] == "2024-03-03"


def test_same_day_back_references_only_in_timeml_mode() -> None:
    text = "Rockets hit the base on 10 June. No strike was carried out that day."
    assert "that day" not in values(text, date(2024, 6, 12))
    tagged = {t.text: t.value for t in tag_document(text, date(2024, 6, 12))}
    assert tagged["that day"] == "2024-06-10"


def test_results_quarter_references_follow_the_named_quarter() -> None:
    text = (
        "The company reported third-quarter profit of $5 million. In the quarter, sales rose. "
        "Profit was $4 million a year earlier."
    )
    got = values(text, date(1989, 11, 2))
    assert got["third-quarter"] == "1989-Q3"
    assert got["the quarter"] == "1989-Q3"
    assert got["a year earlier"] == "1988-Q3"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two years ago this week", "2022-W05"),
        ("the third quarter of 2023", "2023-Q3"),
        ("Q1 2024", "2024-Q1"),
        ("over the weekend", "2024-W04-WE"),
        ("nineteen ninety-six", "1996"),
        ("July last year", "2023-07"),
        ("right now", "PRESENT_REF"),
        ("in the near future", "FUTURE_REF"),
        ("by Jan. 14", "2024-01-14"),
    ],
)
def test_timeml_values(text: str, value: str) -> None:
    found = find_timexes(text, date(2024, 2, 1))
    assert max(found, key=lambda t: t.end - t.start).value == value


@pytest.mark.parametrize(
    ("value", "precision", "start", "end", "expected", "code"),
    [
        ("2024-01-09", "day", "2024-01-09", "2024-01-09", "2024-01-09", 1),
        ("2024-W03", "week", "2024-01-15", "2024-01-21", "2024-01-15", 2),
        ("2024-W03-WE", "week", "2024-01-20", "2024-01-21", "2024-01-20", 2),
        ("2020-01", "month", "2020-01-01", "2020-01-31", "2020-01-01", 3),
        ("2020", "year", "2020-01-01", "2020-04-30", "2020-01-01", 3),
    ],
)
def test_vague_dates_follow_one_rule(
    value: str, precision: str, start: str, end: str, expected: str, code: int
) -> None:
    t = Timex(value, 0, 1, value, precision, date.fromisoformat(start), date.fromisoformat(end))  # type: ignore[arg-type]
    assert event_day(t) == date.fromisoformat(expected)
    assert time_precision(t.precision) == code


def test_references_have_no_event_day() -> None:
    t = find_timexes("now", date(2024, 1, 1))[0]
    assert (t.value, event_day(t), time_precision(t.precision)) == ("PRESENT_REF", None, None)


def test_never_raises_on_odd_documents() -> None:
    for text in ["", "\n\n", "On 31 February, nothing.", "Q9", "nineteen", "x" * 500]:
        document_timexes(text, date(1, 1, 1))
        document_timexes(text, date(9999, 12, 31))
        document_timexes(text, None)


def test_period_anaphora_counts_from_the_last_named_month_or_year() -> None:
    text = (
        "The company rejected the bid in March 1989. The following month, it put itself up "
        "for sale. A year later, it was sold."
    )
    got = values(text, date(1990, 10, 27))
    assert got["The following month"] == "1989-04"
    assert got["A year later"] == "1990"
