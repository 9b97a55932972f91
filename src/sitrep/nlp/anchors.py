"""Time expressions of a whole document, each anchored by its discourse.

:func:`sitrep.nlp.timex.find_timexes` normalises one string against one base date. A news
article needs more than that, and :func:`document_timexes` adds it, in this order:

1. **The document's anchor.** A wire dateline ("DAMASCUS, June 3 (Reuters) -") gives the day the
   story was written; it is the anchor for relative mentions. Without one, the publication date
   is the anchor; without that, the lead's own written date ("On 3 June 2024, ...").
2. **Years written nearby: same sentence, forward only.** A date without a year takes the last
   year written before it in its own sentence ("on 5 January 2020 and again on 8 January"). A
   year in another sentence never reaches it, before or after: on the TimeBank training
   documents carrying a paragraph's year into later sentences dated 6 more expressions wrong
   than it fixed ("in Madrid in July 1997 ... The three will join NATO on March 12"), and a
   neighbouring sentence's "early 2020" must not move the lead's own day.
3. **Direction, learned.** A bare weekday or a date without a year names a day before, on or
   after its anchor. A logistic regression fitted on TimeBank training documents reads the words
   around it ("said on Tuesday" back, "is scheduled to close Monday" forward;
   :mod:`sitrep.nlp.timex_model`). An explicit date beats a weekday written with it ("Tuesday 10
   June" is 10 June, the weekday only picks the year).
4. **Reported speech.** In "the ministry said on Monday that strikes on Saturday killed five",
   Saturday is the Saturday on or before that Monday, not before the publication date.
5. **Anaphora.** "the next day", "two days later", "that day", "the day before" count from the
   last day the text named (else the anchor).
6. **Results periods.** "the quarter", "the year-ago quarter" and, near a quarter, "a year
   earlier" refer to the last quarter the text named.
7. **Candidates that are only sometimes dates** ("now", "recently", "previously", a bare
   "1990") are kept or dropped by a second learned filter.

The rule for turning an expression into one ``event_date`` is :func:`sitrep.nlp.timex.event_day`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from sitrep.models import Timex
from sitrep.nlp import timex_model
from sitrep.nlp.sentences import paragraphs as find_paragraphs
from sitrep.nlp.sentences import split_sentences
from sitrep.nlp.timex import find_timexes

__all__ = ["dateline_day", "document_anchor", "document_timexes", "tag_document"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"\A\s*(?:[A-Z][\w.'\u2019-]*(?:[ /-][A-Z][\w.'\u2019-]*){0,4}),?\s+"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<date>" + _MONTH_RE + r"\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+" + _MONTH_RE
    + r"(?:,?\s+\d{4})?)"
    r"\s*(?:\([A-Za-z .&-]{2,30}\))?\s*[-\u2013\u2014:]"
)  # fmt: skip
_BARE_WEEKDAY = re.compile(
    r"^(?:on\s+|early\s+|late\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_UNYEARED = re.compile(
    r"^(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?)?"
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[A-Za-z]+)\.?"
    r"|(?P<m2>[A-Za-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)$"
)
_BARE_MONTH = re.compile(
    r"^(?:(?:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of)[\s-]+)?(?P<m>[A-Za-z]+)\.?$",
    re.IGNORECASE,
)
#: A future written in the clause just before the expression: a modal, or a plan or schedule.
_FUTURE_CLAUSE = re.compile(
    r"\b(?:will|shall|won't|'ll|(?:is|are|was|were)\s+(?:due|scheduled|slated|set|expected|"
    r"planned|going|supposed)|plans?\s+to|intends?\s+to|(?:set|scheduled|planned|slated)\s+for)"
    r"\b(?:\s+(?!said\b|says\b)[\w'-]+){0,8}\s*$",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|claimed|denied|declared)"
    r"(?:\s+\w+){0,2}?\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"(?<!\w)(?:the\s+(?P<next>next|following)\s+day|the\s+day\s+(?P<after>after)(?!\s+\w+day)"
    r"|the\s+(?P<prev>previous|preceding)\s+day|the\s+day\s+(?P<before>before)(?!\s+\w)"
    r"|(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+(?P<dir>later|earlier)"
    r"|(?P<same>(?:later\s+|earlier\s+)?that\s+(?:same\s+)?day|the\s+same\s+day))\b",
    re.IGNORECASE,
)
#: "the following month", "a year later", "later that month": counted from the last month or
#: year the text named (the discourse's reference time), not from the anchor.
_PERIOD_ANAPHORA = re.compile(
    r"(?<!\w)(?:the\s+following\s+(?P<u1>month|year)|(?:a|one)\s+(?P<u2>month|year)\s+later"
    r"|(?P<same>(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+month))\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7}  # fmt: skip
_BARE_YEAR = re.compile(r"(?<![\w$.,/-])(?:1[89]|20)\d{2}(?![\w%/-]|[.,]\d)")
_QUARTER_REF = re.compile(r"quarter$", re.IGNORECASE)
_YEAR_BACK = re.compile(r"^(?:a|one)\s+year\s+(?:ago|earlier)$", re.IGNORECASE)
#: "the year-ago period", "the corresponding period last year", "the 1988 quarter",
#: "the latest period": results periods, read against the last quarter the text named.
_PERIOD = re.compile(
    r"(?<!\w)(?:the\s+(?:(?P<py>(?:19|20)\d\d)\s+(?:period|quarter)|(?P<latest>latest)\s+period"
    r"|(?:comparable\s+|corresponding\s+|same\s+)?(?:year[\s-](?:ago|earlier)\s+)period"
    r"|(?:comparable|corresponding|same)\s+period\s+(?:(?:of\s+)?last\s+year|a\s+year\s+(?:ago|earlier))"
    r")|that\s+quarter)\b",
    re.IGNORECASE,
)
_PERIOD_BACK = re.compile(r"^the\s+(?!latest|(?:19|20)\d\d).*period", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|until|till|before)\s*$", re.IGNORECASE)
#: TimeML-only year references: "the year", "the full year", "the current fiscal year",
#: "year-end", "by year's end" (the anchor's year), "year-ago"/"year-earlier" (the year before),
#: "that year", "later that year" (the last year the text wrote).
_YEAR_REF = re.compile(
    r"(?<![\w-])(?:(?P<prior>year[\s-](?:ago|earlier)(?![\s-]+(?:quarter|period|third|second|first"
    r"|fourth)))|(?P<that>(?:later\s+|earlier\s+)?(?:that|the\s+same)\s+year)"
    r"|(?P<this>(?:the\s+)?(?:end\s+of\s+the\s+)?(?:(?:full|fiscal|current|calendar|current\s+"
    r"fiscal)\s+)?year(?:[\s-]end|'s\s+end)?|year[\s-]end|year's\s+end))"
    r"(?![\w-])(?!\s*(?:old|\d|ago|earlier|before|after|later|and\s+a\s+half|or\s+two|\())",
    re.IGNORECASE,
)
_NAMED_QUARTER = re.compile(r"first|second|third|fourth|1st|2nd|3rd|4th|\bQ[1-4]", re.IGNORECASE)
_QVALUE = r"\d{4}-Q[1-4]"
_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def _day_value(timex: Timex) -> date | None:
    if timex.precision == "day" and timex.value and len(timex.value) == 10:
        try:
            return date.fromisoformat(timex.value)
        except ValueError:
            return None
    return None


def _set_day(timex: Timex, day: date) -> Timex:
    return replace(timex, value=day.isoformat(), precision="day", start_date=day, end_date=day)


def dateline_day(text: str, published: date | None) -> date | None:
    """The day a wire dateline at the top of ``text`` gives, or None."""
    match = _DATELINE.match(text[:200])
    if match is None:
        return None
    found = find_timexes(match["date"], published)
    day = _day_value(found[0]) if found else None
    return day


def document_anchor(text: str, published: date | None) -> date | None:
    """The day relative mentions count from: the dateline's, else the publication date, else
    the lead's own written day (the first full date in the first paragraph)."""
    day = dateline_day(text, published)
    if day is not None:
        return day
    if published is not None:
        return published
    spans = find_paragraphs(text) or [(0, len(text))]
    start, end = spans[0]
    for t in find_timexes(text[start:end], None):
        value = _day_value(t)
        if value is not None and not t.relative:
            return value
    return None


def _written_years(found: list[Timex]) -> list[tuple[int, int]]:
    """(end offset, year) of the years written in full in one sentence."""
    return [
        (t.end, t.start_date.year) for t in found if not t.relative and t.start_date is not None
    ]


def _sentence_timexes(sentence: str, base: date | None) -> list[Timex]:
    """One sentence's expressions; an un-yeared one takes the last year written before it in
    the sentence (never one from another sentence: see the module docstring)."""
    found = find_timexes(sentence, base)
    years = [
        (end, year)
        for end, year in _written_years(found)
        if not _SINCE.search(sentence[: max(0, end - 4)])
    ]
    if not years:
        return found
    out: list[Timex] = []
    cache: dict[int, list[Timex]] = {}
    for t in found:
        if not t.relative or _FUTURE_CLAUSE.search(sentence[max(0, t.start - 80) : t.start]):
            out.append(t)
            continue
        before = [year for end, year in years if end <= t.start]
        year = before[-1] if before else None
        if year is None or (base is not None and year == base.year):
            out.append(t)
            continue
        if year not in cache:
            cache[year] = find_timexes(sentence, base, context_year=year)
        again = next((u for u in cache[year] if u.start == t.start), None)
        out.append(again if again is not None and again.value is not None else t)
    return out


def _direction_target(t: Timex) -> tuple[int, int | None] | None:
    text = " ".join(t.text.split())
    match = _BARE_WEEKDAY.match(text)
    if match:
        return _WEEKDAYS.index(match["wd"].lower()), None
    match = _UNYEARED.match(text)
    if match:
        month = _MONTHS.get((match["m1"] or match["m2"] or "")[:3].lower())
        day = int(match["d1"] or match["d2"])
        if month is not None and 1 <= day <= 31 and not match["wd"]:
            return month, day
    match = _BARE_MONTH.match(text)
    if match and len(match["m"]) >= 3 and match["m"].lower() in _MONTH_NAMES:
        return _MONTHS[match["m"][:3].lower()], 0
    return None


def _resolve(anchor: date, target: tuple[int, int | None], way: str) -> date | None:
    kind, day = target
    if day is None:
        back = (anchor.weekday() - kind) % 7
        if way == "future":
            return anchor + timedelta(days=(kind - anchor.weekday()) % 7 or 7)
        if way == "same" and back == 0:
            return anchor
        return anchor - timedelta(days=back or 7) if way == "past" else anchor - timedelta(back)
    return None


def _year_for(anchor: date, target: tuple[int, int | None], way: str) -> int:
    """The year of a date without a year (day > 0) or a month (day 0) in direction ``way``."""
    month, day = target
    if day:
        key, anchor_key = (month, day), (anchor.month, anchor.day)
    else:
        key, anchor_key = (month, 0), (anchor.month, 0)
    if way == "future":
        return anchor.year if key >= anchor_key else anchor.year + 1
    return anchor.year if key <= anchor_key else anchor.year - 1


def _directed(text: str, t: Timex, anchor: date, offset: int) -> Timex:
    target = _direction_target(t)
    if target is None or not t.relative or t.value is None:
        return t
    way = timex_model.direction(text, t.start - offset, t.end - offset, anchor, target)
    if way is None:
        return t
    if way != "future" and _FUTURE_CLAUSE.search(
        text[max(0, t.start - offset - 80) : t.start - offset]
    ):
        way = "future"  # grammar the training documents hardly show: "will meet on Tuesday"
    if target[1] is None:
        day = _resolve(anchor, target, way)
        return _set_day(t, day) if day is not None else t
    year = _year_for(anchor, target, way)
    # a bare month is only read after a preposition ("in April"): give it one back
    again = find_timexes(t.text, None, context_year=year) or find_timexes(
        "in " + t.text, None, context_year=year
    )
    if not again or again[0].value is None:
        return t
    u = again[0]
    return replace(t, value=u.value, precision=u.precision, start_date=u.start_date,
                   end_date=u.end_date)  # fmt: skip


def _keep(text: str, t: Timex, offset: int, kind: str) -> bool:
    decision = timex_model.keep(text, t.start - offset, t.end - offset, kind)
    return True if decision is None else decision


def document_timexes(
    text: str,
    published: date | None,
    spans: list[tuple[int, int]] | None = None,
    *,
    timeml: bool = False,
) -> list[Timex]:
    """Every time expression of ``text`` anchored by discourse (see the module docstring).

    ``spans`` are the paragraphs (``sitrep.nlp.paragraphs`` when None). ``timeml`` also returns
    what TimeML annotates but an event coder must not date a sentence by: years written bare
    ("the 1990 invasion", kept by the learned filter), which date another event than the
    sentence's, and same-day back-references ("that day", "the same day"), which add no date to
    an event already dated. Offsets are into ``text``. Never raises on odd input.
    """
    if not text:
        return []
    base = document_anchor(text, published)
    spans = spans or find_paragraphs(text) or [(0, len(text))]
    out: list[Timex] = []
    last_day: date | None = None
    last_quarter: tuple[int, int, int] | None = None  # (end offset, year, quarter)
    last_year: int | None = None  # the last year written in full
    last_month: tuple[int, int] | None = None  # the last (year, month) the text named
    for p_start, p_end in spans:
        for s_start, s_end in split_sentences(text[p_start:p_end]):
            start, end = p_start + s_start, p_start + s_end
            sentence = text[start:end]
            found = _sentence_timexes(sentence, base)
            found = [t for t in found if t.value not in _REF_VALUES or _keep(sentence, t, 0, "ref")]
            taken = [(t.start, t.end) for t in found]
            if timeml:
                for match in _BARE_YEAR.finditer(sentence):
                    if any(a < match.end() and match.start() < b for a, b in taken):
                        continue
                    year = int(match.group())
                    t = Timex(match.group(), match.start(), match.end(), str(year), "year",
                              date(year, 1, 1), date(year, 12, 31))  # fmt: skip
                    if _keep(sentence, t, 0, "year"):
                        found.append(t)
            if timeml and base is not None:
                for match in _YEAR_REF.finditer(sentence):
                    if any(a < match.end() and match.start() < b for a, b in taken):
                        continue
                    if match["that"] and last_year is None:
                        continue
                    if match["this"] and not re.match(r"(?:the|year)", match.group(), re.I):
                        continue
                    ref_year: int | None = (
                        base.year - 1
                        if match["prior"]
                        else last_year
                        if match["that"]
                        else base.year
                    )
                    if ref_year is None or not 1 <= ref_year <= 9998:
                        continue
                    found.append(Timex(match.group(), match.start(), match.end(), f"{ref_year:04d}",
                                       "year", date(ref_year, 1, 1), date(ref_year, 12, 31),
                                       relative=True))  # fmt: skip
                    taken.append((match.start(), match.end()))
            if timeml and last_quarter is not None:
                for match in _PERIOD.finditer(sentence):
                    clash = [t for t in found if t.start < match.end() and match.start() < t.end]
                    if any(t.end - t.start > match.end() - match.start() for t in clash):
                        continue
                    found = [t for t in found if t not in clash]
                    year = int(match["py"]) if match["py"] else last_quarter[1]
                    if match["latest"] or match["py"] or "that" in match.group().lower():
                        value = f"{year:04d}-Q{last_quarter[2]}"
                    else:
                        value = f"{year - 1:04d}-Q{last_quarter[2]}"
                    found.append(Timex(match.group(), match.start(), match.end(), value, "month",
                                       relative=True))  # fmt: skip
            own_day = any(t.precision == "day" and t.value for t in found)
            for match in _PERIOD_ANAPHORA.finditer(sentence):
                if not timeml and (match["same"] or own_day):
                    continue
                unit = (match["u1"] or match["u2"] or "month").lower()
                if unit == "month" and last_month is None or unit == "year" and last_year is None:
                    continue
                clash = [t for t in found if t.start < match.end() and match.start() < t.end]
                if any(t.end - t.start > match.end() - match.start() for t in clash):
                    continue
                found = [t for t in found if t not in clash]
                found.append(_period_after(match, unit, last_month, last_year))
            for match in _ANAPHORA.finditer(sentence):
                if not timeml and (match["same"] or own_day):
                    continue  # for events, "the next day" dates only a sentence with no own day
                clash = [t for t in found if t.start < match.end() and match.start() < t.end]
                if any(not (t.end - t.start <= match.end() - match.start()) for t in clash):
                    continue
                found = [t for t in found if t not in clash]
                found.append(Timex(match.group(), match.start(), match.end(), None, None,
                                   relative=True))  # fmt: skip
            found.sort(key=lambda t: t.start)
            reporting: date | None = None
            for t in found:
                if base is not None and t.relative and t.value is not None:
                    t = _directed(sentence, t, base, 0)
                target = _direction_target(t)
                if (
                    reporting is not None
                    and target is not None
                    and target[1] is None
                    and t.relative
                ):
                    t = _set_day(t, _resolve(reporting, target, "same") or reporting)
                anaphora = _ANAPHORA.fullmatch(t.text)
                if anaphora and t.value is None:
                    ref = last_day or base
                    if ref is not None:
                        t = _set_day(t, ref + timedelta(days=_anaphora_shift(anaphora)))
                if (
                    _QUARTER_REF.search(t.text)
                    and not _NAMED_QUARTER.search(t.text)
                    and not re.search(r"latest|current|this|last|next", t.text, re.IGNORECASE)
                    and t.relative
                    and last_quarter is not None
                ):
                    year, quarter = last_quarter[1], last_quarter[2]
                    if re.search(r"year[\s-]+(?:ago|earlier)", t.text, re.IGNORECASE):
                        year -= 1
                    t = replace(t, value=f"{year:04d}-Q{quarter}")
                elif (
                    (_YEAR_BACK.match(" ".join(t.text.split())) or _PERIOD_BACK.match(t.text))
                    and last_quarter is not None
                    and start + t.start - last_quarter[0] < 400
                ):
                    t = replace(t, value=f"{last_quarter[1] - 1:04d}-Q{last_quarter[2]}")
                if not t.relative and t.start_date is not None:
                    last_year = t.start_date.year
                if t.value and re.match(r"\d{4}-\d{2}(?:-\d{2})?$", t.value):
                    last_month = (int(t.value[:4]), int(t.value[5:7]))
                day = _day_value(t)
                if day is not None:
                    last_day = day
                    if reporting is None and _REPORTING.search(sentence[: t.start]):
                        reporting = day
                if t.value and _NAMED_QUARTER.search(t.text) and re.fullmatch(_QVALUE, t.value):
                    last_quarter = (start + t.end, int(t.value[:4]), int(t.value[-1]))
                out.append(replace(t, start=t.start + start, end=t.end + start))
    return out


def _period_after(
    match: re.Match[str], unit: str, month: tuple[int, int] | None, year: int | None
) -> Timex:
    """The month or year a period anaphor names, counted from the last one the text named."""
    later = 0 if match["same"] else 1
    if unit == "month" and month is not None:
        index = month[0] * 12 + month[1] - 1 + later
        y, m = index // 12, index % 12 + 1
        if 1 <= y <= 9998:
            last = calendar.monthrange(y, m)[1]
            return Timex(match.group(), match.start(), match.end(), f"{y:04d}-{m:02d}", "month",
                         date(y, m, 1), date(y, m, last), relative=True)  # fmt: skip
    elif year is not None and 1 <= year + later <= 9998:
        y = year + later
        return Timex(match.group(), match.start(), match.end(), f"{y:04d}", "year",
                     date(y, 1, 1), date(y, 12, 31), relative=True)  # fmt: skip
    return Timex(match.group(), match.start(), match.end(), None, None, relative=True)


def _anaphora_shift(match: re.Match[str]) -> int:
    if match["next"] or match["after"]:
        return 1
    if match["prev"] or match["before"]:
        return -1
    if match["n"]:
        n_text = match["n"].lower()
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
        return n if match["dir"].lower() == "later" else -n
    return 0


def tag_document(text: str, published: date | None) -> list[Timex]:
    """TimeML-style tagging of a whole document (what eval/timebank.py scores)."""
    return document_timexes(text, published, timeml=True)
