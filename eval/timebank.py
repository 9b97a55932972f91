"""TIMEX3 DATE scores on TimeBank + AQUAINT (TBAQ-cleaned, TempEval-3 training release).

Splits are by whole document, decided by the SHA-1 (hex) of the file name (``ABC19980108...tml``):

* ``sealed``: last hex digit 0, 1 or 2 (eval/SEALED.md). Never read, printed or tuned on; scored
  once, as aggregates only (``--split sealed``).
* ``dev``: last hex digit 3, 4 or 5. Gated in ``make eval`` (``timebank.dev_*``); misses are not
  read to write rules.
* ``train``: the rest. Rules are written from these documents' misses and the learned span
  filter (``sitrep.nlp.timex_filter``) is fitted on them.

Scores, TempEval-3 style but for DATE expressions only (TIME, DURATION and SET are not targets):

* ``found`` (relaxed recall): share of gold DATEs overlapped by a predicted expression.
* ``strict``: share of gold DATEs whose span is predicted exactly (leading "on"/"in" and a final
  full stop are not counted against it).
* ``value``: share of gold DATEs overlapped by a prediction with exactly the gold value.
* ``precision``: share of predictions overlapping a gold TIMEX3 of any type (a hit on a TIME
  or DURATION is a found time expression, as TempEval-3's relaxed match counts it).

Run: ``python eval/timebank.py [--split dev|train|sealed] [--misses]`` (``--misses`` refuses on
dev and sealed).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SPLITS = ("train", "dev", "sealed")


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class TimeMLDoc:
    name: str
    dct: date
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)

    @property
    def dates(self) -> list[GoldTimex]:
        return [t for t in self.timexes if t.type == "DATE"]


def data_dir() -> Path:
    shared = Path(
        os.environ.get(
            "SITREP_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"
        )
    )
    return shared / "timebank"


def split_of(file_name: str) -> str:
    """``sealed``, ``dev`` or ``train`` for a TimeML file name (its base name, with ``.tml``)."""
    last = hashlib.sha1(file_name.encode("utf-8")).hexdigest()[-1]
    if last in "012":
        return "sealed"
    if last in "345":
        return "dev"
    return "train"


def parse(path: Path) -> TimeMLDoc:
    """The document's TEXT as plain text, its DCT and its TIMEX3 spans (character offsets)."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None:
        raise ValueError(f"{path.name}: no DCT")
    dct = date.fromisoformat(str(dct_el.get("value"))[:10])
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path.name}: no TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        start = length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if el.tag == "TIMEX3":
            timexes.append(GoldTimex(start, length, str(el.get("type")), str(el.get("value")), ""))

    walk(text_el)
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    return TimeMLDoc(path.name, dct, text, timexes)


def documents(split: str, root: Path | None = None) -> Iterator[TimeMLDoc]:
    """The documents of one split (sorted by file name); the sealed split only for scoring."""
    if split not in SPLITS:
        raise ValueError(split)
    root = root or data_dir()
    for path in sorted(root.glob("*/*.tml")):
        if split_of(path.name) == split:
            yield parse(path)


Prediction = tuple[int, int, str | None]
Tagger = Callable[[str, date], list[Prediction]]


def sitrep_tagger(text: str, dct: date) -> list[Prediction]:
    """sitrep's document-level time tagger, as (start, end, value)."""
    from sitrep.nlp.anchors import tag_document

    return [(t.start, t.end, t.value) for t in tag_document(text, dct)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ".,;: ":
        end -= 1
    return start, end


def score(
    docs: list[TimeMLDoc], tagger: Tagger = sitrep_tagger, misses: list[str] | None = None
) -> dict[str, float | int]:
    """found / strict / value over gold DATEs, precision over predictions (see module doc)."""
    gold_n = found = strict = exact = 0
    pred_n = pred_hit = 0
    for doc in docs:
        predicted = tagger(doc.text, doc.dct)
        pred_n += len(predicted)
        for ps, pe, _ in predicted:
            if any(ps < g.end and g.start < pe for g in doc.timexes):
                pred_hit += 1
        for g in doc.dates:
            gold_n += 1
            overlapping = [p for p in predicted if p[0] < g.end and g.start < p[1]]
            if overlapping:
                found += 1
            gs, ge = _trim(doc.text, g.start, g.end)
            if any(_trim(doc.text, p[0], p[1]) == (gs, ge) for p in overlapping):
                strict += 1
            if any(p[2] == g.value for p in overlapping):
                exact += 1
            elif misses is not None:
                got = ", ".join(f"{doc.text[p[0] : p[1]]!r}={p[2]}" for p in overlapping) or "-"
                context = doc.text[max(0, g.start - 60) : g.end + 30].replace("\n", " ")
                misses.append(
                    f"{doc.name} dct={doc.dct} gold {g.text!r}={g.value} got {got} | {context}"
                )
    return {
        "documents": len(docs),
        "gold_dates": gold_n,
        "found": round(found / gold_n, 4) if gold_n else 0.0,
        "strict": round(strict / gold_n, 4) if gold_n else 0.0,
        "value": round(exact / gold_n, 4) if gold_n else 0.0,
        "precision": round(pred_hit / pred_n, 4) if pred_n else 0.0,
    }


def dev_metrics() -> dict[str, float | None]:
    """The gated figures (``timebank.dev_*``); None when the shared data is absent."""
    if not data_dir().is_dir():
        return {"dev_found": None, "dev_strict": None, "dev_value": None, "dev_precision": None}
    result = score(list(documents("dev")))
    return {f"dev_{k}": float(result[k]) for k in ("found", "strict", "value", "precision")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--misses", action="store_true", help="print misses (train split only)")
    args = parser.parse_args(argv)
    if args.misses and args.split != "train":
        print("misses are printed for the train split only", file=sys.stderr)
        return 2
    misses: list[str] | None = [] if args.misses else None
    result = score(list(documents(args.split)), misses=misses)
    for line in misses or []:
        print(line)
    print({"split": args.split, **result})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
