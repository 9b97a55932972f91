"""eval/timebank.py: TimeML parsing, the document split, and the DATE scores."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("timebank_eval", ROOT / "eval" / "timebank.py")
assert _spec is not None and _spec.loader is not None
timebank = importlib.util.module_from_spec(_spec)
sys.modules["timebank_eval"] = timebank
_spec.loader.exec_module(timebank)

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Rockets hit the base <TIMEX3 tid="t1" type="DATE" value="1998-01-06">on Tuesday</TIMEX3> &amp; \
again <TIMEX3 tid="t2" type="DATE" value="1998-01-07">Wednesday</TIMEX3>. It lasted \
<TIMEX3 tid="t3" type="DURATION" value="P2D">two days</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def doc(tmp_path: Path) -> object:
    path = tmp_path / "X1.tml"
    path.write_text(DOC, encoding="utf-8")
    return timebank.parse(path)


def test_parse_keeps_offsets_and_unescapes(doc: object) -> None:
    assert doc.dct == date(1998, 1, 8)  # type: ignore[attr-defined]
    text = doc.text  # type: ignore[attr-defined]
    assert "&" in text and "&amp;" not in text
    spans = [(t.text, t.type, t.value) for t in doc.timexes]  # type: ignore[attr-defined]
    assert spans == [
        ("on Tuesday", "DATE", "1998-01-06"),
        ("Wednesday", "DATE", "1998-01-07"),
        ("two days", "DURATION", "P2D"),
    ]
    for t in doc.timexes:  # type: ignore[attr-defined]
        assert text[t.start : t.end] == t.text


def tagger(text: str, dct: date) -> list[tuple[int, int, str | None]]:
    """Finds 'Tuesday' right and 'Wednesday' with a wrong value, plus one non-date."""
    out: list[tuple[int, int, str | None]] = []
    for word, value in (("Tuesday", "1998-01-06"), ("Wednesday", "1998-01-01"), ("base", "X")):
        start = text.index(word)
        out.append((start, start + len(word), value))
    return out


def test_scores(doc: object) -> None:
    got = timebank.score([doc], tagger)
    assert got["gold_dates"] == 2
    assert got["found"] == 1.0  # both DATEs overlapped
    assert got["strict"] == 0.5  # "Tuesday" is not "on Tuesday"; "Wednesday" is exact
    assert got["value"] == 0.5
    assert got["precision"] == round(2 / 3, 4)


def test_split_is_by_file_name_hash() -> None:
    for name in ("ABC19980108.1830.0711.tml", "wsj_0006.tml", "APW19980807.0261.tml"):
        last = hashlib.sha1(name.encode()).hexdigest()[-1]
        expected = "sealed" if last in "012" else "dev" if last in "345" else "train"
        assert timebank.split_of(name) == expected


@pytest.mark.skipif(not timebank.data_dir().is_dir(), reason="shared TimeBank data absent")
def test_splits_are_disjoint_whole_documents() -> None:
    names = {
        split: {
            p.name
            for p in timebank.data_dir().glob("*/*.tml")
            if timebank.split_of(p.name) == split
        }
        for split in timebank.SPLITS
    }
    assert sum(len(v) for v in names.values()) == len(list(timebank.data_dir().glob("*/*.tml")))
    assert not (names["dev"] & names["train"])
    assert len(names["dev"]) > 30 and len(names["train"]) > 150
