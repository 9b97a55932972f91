"""The development split of the training countries (``tools/train_sub_event_model.py --dev-split``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import ConfigError
from sitrep.events.classify import SubEventClassifier
from sitrep.splits import DEV_PARTS, dev_split
from tools.train_sub_event_model import coder_scores, train


def _rows(countries: list[str]) -> list[dict[str, str]]:
    return [{"country": c, "notes": f"note {i}", "sub_event_type": "Peaceful protest"}
            for i, c in enumerate(countries)]  # fmt: skip


@given(st.lists(st.sampled_from(["A", "B", "C", "D", "E", "F", "G"]), min_size=1, max_size=60))
def test_parts_are_disjoint_and_cover_every_row(countries: list[str]) -> None:
    rows = _rows(countries)
    dev_parts = [dev_split(rows, part)[1] for part in range(DEV_PARTS)]
    seen = [r["notes"] for part in dev_parts for r in part]
    assert sorted(seen) == sorted(r["notes"] for r in rows)
    for part in range(DEV_PARTS):
        fit, dev = dev_split(rows, part)
        assert not {r["country"] for r in fit} & {r["country"] for r in dev}
        assert len(fit) + len(dev) == len(rows)


def test_countries_are_dealt_by_size_then_name() -> None:
    rows = _rows(["Big"] * 5 + ["Mid"] * 3 + ["Alpha", "Beta"] * 2 + ["Zeta"])
    # ranked: Big (5), Mid (3), Alpha (2), Beta (2), Zeta (1) -> parts 0, 1, 2, 0, 1
    assert {r["country"] for r in dev_split(rows, 0)[1]} == {"Big", "Beta"}
    assert {r["country"] for r in dev_split(rows, 1)[1]} == {"Mid", "Zeta"}
    assert {r["country"] for r in dev_split(rows, 2)[1]} == {"Alpha"}


@pytest.mark.parametrize("part", [-1, DEV_PARTS])
def test_a_missing_part_is_refused(part: int) -> None:
    with pytest.raises(ConfigError, match=f"part {part}"):
        dev_split(_rows(["A"]), part)


def test_coder_scores_runs_the_whole_coder_on_notes() -> None:
    notes = {
        "Peaceful protest": "On 3 March 2022, students held a peaceful protest against fees.",
        "Armed clash": "On 3 March 2022, soldiers clashed with rebels near the border.",
    }
    fit = [
        {"country": "A", "notes": text, "sub_event_type": sub}
        for sub, text in notes.items()
        for _ in range(3)
    ]
    classifier = SubEventClassifier(train(fit), embeddings=False)
    gold = [
        dict(
            row, event_id_cnty=f"X{i}", timestamp="1646300000", event_date="2022-03-03",
            year="2022", fatalities="0", admin1="", latitude="", longitude="",
        )
        for i, row in enumerate(fit[::3])
    ]  # fmt: skip
    scores = coder_scores(classifier, gold)
    assert scores["n"] == 2
    assert 0.0 <= scores["coder_sub_event_type_weighted_f1"] <= 1.0
    assert scores["classifier_weighted_f1"] == 1.0
