"""Temporal expressions: find them in text and anchor them to calendar dates.

An event's ``event_date`` comes from phrases such as "on Saturday", "9 January", "last week" or
"in early 2020". Most are relative to the article's publication date (the *base*), so each
expression is normalised to a :class:`~sitrep.models.Timex` with a value, a precision and the span
of days it covers. The rules, in short (docs/nlp.md has the full table):

* A day and month without a year take the year from ``context_year`` (a year the caller saw in the
  same paragraph) or else the most recent such date not after ``base`` + 3 days; a weekday written
  next to the date picks the year in which that date fell on that weekday.
* A bare weekday ("Saturday", "on Monday") is the most recent such day on or before the base
  date (the base date itself when the weekdays agree: same-day wire copy); "last Tuesday" is
  strictly before it; "next Monday" is after it.
* A month without a year ("in November") is the most recent such month not after the base.
* Without a base date, relative expressions get ``value=None`` and ``precision=None``: a date is
  never invented.

Everything is regular expressions and date arithmetic: tens of thousands of sentences a second,
no model and no network. Any failure in one expression (an impossible date, an overflow near
``date.max``) drops that expression only; the functions never raise.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from sitrep.models import DatePrecision, Timex
from sitrep.nlp.calendars import find_calendar_dates

__all__ = ["event_day", "find_timexes", "normalize", "representative_date", "time_precision"]

#: Days after the base date that an un-yeared date may still fall on (reports of planned events,
#: time-zone slips between the event and the dateline).
FUTURE_SLACK_DAYS = 3

_ARABIC_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "0123456789" * 2,
)

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
    "a few": 3, "several": 3,
}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}
# Seasons (northern hemisphere): (first month, last month); winter Y runs Dec Y-1 .. Feb Y.
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

_M = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WD = r"(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?)?"
_Y = r"(?P<year>(?:1[89]|20)\d{2})"
_NUM = r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple\s+of|a\s+few|several)"
_POS = (
    r"(?P<pos>early|mid|late|(?:at\s+)?the\s+(?:beginning|start|end|middle|turn)\s+of|"
    r"(?:at\s+)?(?:the\s+)?(?:first|second)\s+half\s+of|end\s+of|beginning\s+of|start\s+of)"
)
_PREP = re.compile(
    r"(?:on|in|during|since|until|till|by|from|of|at|before|after|throughout|over|for)\s+",
    re.IGNORECASE,
)

Span = tuple[str | None, DatePrecision | None, date | None, date | None]
Handler = Callable[["re.Match[str]", "_Context"], Span | None]
#: True: anchored on the base date; False: written in full; None: relative unless a year is written.
Relativity = bool | None


class _Context:
    """Anchoring inputs shared by the handlers of one call."""

    __slots__ = ("base", "context_year")

    def __init__(self, base: date | None, context_year: int | None) -> None:
        self.base = base
        self.context_year = context_year


# --------------------------------------------------------------------------- public API


def find_timexes(text: str, base: date | None, *, context_year: int | None = None) -> list[Timex]:
    """Temporal expressions in ``text`` with character offsets, normalised against ``base``.

    ``base`` is the article's publication date (None when undated); ``context_year`` a year
    written nearby (same paragraph) that un-yeared dates should take. Overlapping candidates
    are resolved in favour of the longest. Never raises.
    """
    if not text:
        return []
    original = text
    text = text.translate(_ARABIC_DIGITS)  # one character for one: offsets stay valid
    ctx = _Context(base, context_year if _valid_year(context_year) else None)
    lower = text.lower()
    found: list[tuple[int, int, int, Span]] = []
    for rank, (pattern, handler, relativity) in enumerate(_PATTERNS):
        if not all(any(word in lower for word in words) for words in _GATES[rank]):
            continue  # a cheap substring test spares most regex scans
        for match in pattern.finditer(text):
            try:
                span = handler(match, ctx)
            except (ValueError, OverflowError):
                continue
            if span is None:
                continue
            relative = relativity
            if relative is None:  # relative when the year was not written
                groups = match.groupdict()
                relative = not (groups.get("year") or groups.get("y2")) and ctx.context_year is None
            start = match.start()
            lead = _PREP.match(text, start, match.end())
            if lead and lead.end() < match.end():
                start = lead.end()  # "by Jan. 14": the date, not the preposition, starts it
            found.append((start, match.end(), rank if relative else -1 - rank, span))
    for t in find_calendar_dates(original):  # Hijri, Solar Hijri, Bengali date lines
        found.append((t.start, t.end, -10_000, (t.value, t.precision, t.start_date, t.end_date)))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
    result: list[Timex] = []
    last_end = -1
    for start, end, rank, span in found:
        if start < last_end:
            continue
        value, precision, first, last = span
        result.append(
            Timex(
                original[start:end], start, end, value, precision, first, last, relative=rank >= 0
            )
        )
        last_end = end
    return result


def normalize(
    expression: str, base: date | None, *, context_year: int | None = None
) -> Timex | None:
    """Normalise one temporal expression; None when no part of it is a recognised expression.

    When several expressions are found, the longest wins.
    """
    found = find_timexes(expression, base, context_year=context_year)
    if not found:
        return None
    return max(found, key=lambda t: t.end - t.start)


def time_precision(p: str | None) -> int | None:
    """ACLED ``time_precision`` for a sitrep precision: day 1, week 2, month and year 3."""
    return {"day": 1, "week": 2, "month": 3, "year": 3}.get(p) if p else None


def event_day(t: Timex) -> date | None:
    """The day written as ``event_date`` for an event dated by ``t``: THE rule for vague dates.

    Day precision: the day itself. A week, weekend, month, quarter, season or year: the **first
    day of the span it covers** ("last week" its Monday, "January 2020" 1 January, "early 2020"
    1 January, "late 2019" 1 September, "last weekend" its Saturday), with ``time_precision`` 2
    (week) or 3 (month or vaguer) saying how far the true day may be from it. None when the
    expression was not anchored or names no calendar span (PRESENT_REF and the like). Every
    place that turns an expression into one day calls this function (docs/nlp.md).
    """
    if t.precision == "day" and t.value:
        try:
            return date.fromisoformat(t.value)
        except ValueError:
            return t.start_date
    if t.precision is None:
        return None
    return t.start_date


def representative_date(t: Timex) -> date | None:
    """Former name of :func:`event_day` (same rule)."""
    return event_day(t)


# --------------------------------------------------------------------------- spans


def _valid_year(year: int | None) -> bool:
    return year is not None and 1 <= year <= 9998


def _day(d: date) -> Span:
    return d.isoformat(), "day", d, d


def _week(d: date) -> Span:
    monday = d - timedelta(days=d.weekday())
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}", "week", monday, monday + timedelta(days=6)


def _week_span(first: date, last: date) -> Span:
    mid = first + (last - first) // 2
    iso = mid.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}", "week", first, last


def _weekend(saturday: date) -> Span:
    iso = saturday.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}-WE", "week", saturday, saturday + timedelta(days=1)


def _quarter(year: int, quarter: int) -> Span:
    first_month = 3 * (quarter - 1) + 1
    last = date(year, first_month + 2, calendar.monthrange(year, first_month + 2)[1])
    return f"{year:04d}-Q{quarter}", "month", date(year, first_month, 1), last


def _month(year: int, month: int, part: str | None = None) -> Span:
    days = calendar.monthrange(year, month)[1]
    first_day, last_day = _part_of(part, 1, days)
    return (
        f"{year:04d}-{month:02d}",
        "month",
        date(year, month, first_day),
        date(year, month, last_day),
    )


def _part_of(part: str | None, first: int, last: int) -> tuple[int, int]:
    """Narrow the day range [first, last] of a month for "early", "mid", "late" and the like."""
    if not part:
        return first, last
    part = part.lower()
    if "early" in part or "beginning" in part or "start" in part or "first half" in part:
        return first, 10 if "half" not in part else 15
    if "mid" in part or "middle" in part:
        return 11, 20
    if "late" in part or "end" in part or "turn" in part or "second half" in part:
        return (21 if "half" not in part else 16), last
    return first, last


def _year(year: int, part: str | None = None) -> Span:
    first, last = date(year, 1, 1), date(year, 12, 31)
    if part:
        p = part.lower()
        if "first half" in p:
            last = date(year, 6, 30)
        elif "second half" in p:
            first = date(year, 7, 1)
        elif "early" in p:
            last = date(year, 4, 30)
        elif "mid" in p or "middle" in p:
            first, last = date(year, 5, 1), date(year, 8, 31)
        elif "late" in p:
            first = date(year, 9, 1)
        elif "end" in p or "turn" in p:
            return _month(year, 12)
        elif "beginning" in p or "start" in p:
            return _month(year, 1)
    return f"{year:04d}", "year", first, last


def _season(name: str, year: int) -> Span:
    first_month, last_month = _SEASONS[name]
    first_year = year - 1 if first_month > last_month else year
    first = date(first_year, first_month, 1)
    last = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return f"{year:04d}-{_SEASON_CODES[name]}", "year", first, last


def _unanchored() -> Span:
    return None, None, None, None


def _shift_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


# --------------------------------------------------------------------------- anchoring


def _month_number(match: re.Match[str]) -> int | None:
    """The month of ``match`` or None for "may"/"march" written in lower case (a verb)."""
    word = match.group("month")
    if not word[0].isupper():
        return None
    return _MONTHS[word.lower()]


def _date_with_inferred_year(
    month: int, day: int, weekday: int | None, ctx: _Context, year: int | None
) -> Span | None:
    if year is not None:
        return _day(date(year, month, day))
    if ctx.context_year is not None:
        return _day(date(ctx.context_year, month, day))
    if ctx.base is None:
        if not 1 <= day <= calendar.monthrange(2000, month)[1]:
            return None
        return _unanchored()
    limit = ctx.base + timedelta(days=FUTURE_SLACK_DAYS)
    recent = _latest_date(month, day, limit)
    if recent is None:
        return None
    if weekday is not None and recent.weekday() != weekday:
        # a weekday that fits the coming occurrence (within a month) points there instead
        upcoming = _latest_date(month, day, date(recent.year + 1, month, 28) + timedelta(days=3))
        if (
            upcoming is not None
            and upcoming.weekday() == weekday
            and upcoming <= ctx.base + timedelta(days=31)
        ):
            return _day(upcoming)
    return _day(recent)


def _latest_date(month: int, day: int, limit: date) -> date | None:
    """The latest date with this month and day not after ``limit`` (None if there is none)."""
    for year in range(limit.year, max(limit.year - 8, 0), -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return candidate
    return None


def _recent_month(month: int, ctx: _Context, mod: str | None) -> tuple[int, int] | None:
    """Year of the most recent ``month`` not after the base ("last" excludes the base month)."""
    if ctx.context_year is not None:
        return ctx.context_year, month
    if ctx.base is None:
        return None
    year = ctx.base.year
    if month > ctx.base.month or (mod == "last" and month == ctx.base.month):
        year -= 1
    if mod == "next":
        year = ctx.base.year + (1 if month <= ctx.base.month else 0)
    if mod == "this":  # "this September" said in June: the base's own year
        year = ctx.base.year
    return year, month


def _recent_weekday(weekday: int, base: date, mod: str | None) -> date:
    delta = (base.weekday() - weekday) % 7
    if mod == "next":
        return base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
    if mod == "this":
        return base - timedelta(days=base.weekday() - weekday)
    if mod == "last":
        return base - timedelta(days=delta or 7)
    # a bare weekday that is the publication's own weekday is that day: wire copy published on a
    # Wednesday reports "rockets struck ... on Wednesday" for the same day
    return base - timedelta(days=delta)


# --------------------------------------------------------------------------- handlers


def _h_iso(match: re.Match[str], ctx: _Context) -> Span | None:
    return _day(date(int(match["year"]), int(match["m"]), int(match["d"])))


def _h_numeric(match: re.Match[str], ctx: _Context) -> Span | None:
    a, b = int(match["a"]), int(match["b"])
    year = int(match["y"])
    if year < 100:
        year += 2000
    day, month = (a, b) if b <= 12 else (b, a)  # day-first unless impossible
    return _day(date(year, month, day))


def _h_day_month(match: re.Match[str], ctx: _Context) -> Span | None:
    month = _month_number(match)
    if month is None:
        return None
    year = int(match["year"]) if match["year"] else None
    weekday = _WEEKDAYS[match["wd"].lower()] if match["wd"] else None
    return _date_with_inferred_year(month, int(match["d"]), weekday, ctx, year)


def _h_day_range(match: re.Match[str], ctx: _Context) -> Span | None:
    """ "9-11 January", "January 9 to 11, 2024": a span inside one month."""
    month = _month_number(match)
    if month is None:
        return None
    first_day, last_day = int(match["d1"]), int(match["d"])
    surface = match.group().lower()
    if " and " in surface and not surface.startswith("between"):
        return None  # "3 and 5 January" names two days, not the span between them
    if not 1 <= first_day < last_day:
        return None
    year = int(match["year"]) if match["year"] else None
    last = _date_with_inferred_year(month, last_day, None, ctx, year)
    if last is None or last[2] is None:
        return last
    end = last[2]
    start = end.replace(day=first_day)
    if (end - start).days <= 6:
        return _week_span(start, end)
    value, precision, _, _ = _month(end.year, end.month)
    return value, precision, start, end


def _h_month_year(match: re.Match[str], ctx: _Context) -> Span | None:
    month = _month_number(match)
    if month is None:
        return None
    return _month(int(match["year"]), month, match["pos"])


def _h_month(match: re.Match[str], ctx: _Context) -> Span | None:
    month = _month_number(match)
    if month is None:
        return None
    mod = (match["mod"] or "").lower() or None
    if mod is None and not match["pos"] and not match["prep"] and not match["ymod"]:
        return None
    if match["ymod"]:  # "July last year"
        if ctx.base is None:
            return _unanchored()
        shift = {"last": -1, "this": 0, "next": 1}[match["ymod"].lower()]
        return _month(ctx.base.year + shift, month, match["pos"])
    anchored = _recent_month(month, ctx, mod)
    if anchored is None:
        return _unanchored()
    return _month(anchored[0], anchored[1], match["pos"])


def _h_week_of(match: re.Match[str], ctx: _Context) -> Span | None:
    ordinal = _ORDINALS[match["ord"].lower()]
    if match["month"]:
        month = _month_number(match)
        if month is None:
            return None
        if match["year"]:
            year: int | None = int(match["year"])
        else:
            anchored = _recent_month(month, ctx, None)
            year = anchored[0] if anchored else None
        if year is None:
            return _unanchored()
        days = calendar.monthrange(year, month)[1]
        first = date(year, month, 1) + timedelta(days=7 * (ordinal - 1))
        if ordinal < 0:
            first = date(year, month, days - 6)
        return _week_span(first, min(first + timedelta(days=6), date(year, month, days)))
    year = int(match["y2"])
    first = date(year, 1, 1) + timedelta(days=7 * (ordinal - 1))
    if ordinal < 0:
        first = date(year, 12, 25)
    return _week_span(first, first + timedelta(days=6))


def _h_year_part(match: re.Match[str], ctx: _Context) -> Span | None:
    year = int(match["year"])
    part = match["part"].lower()
    if part in _SEASONS:
        return _season(part, year)
    return _year(year, part)


def _h_year(match: re.Match[str], ctx: _Context) -> Span | None:
    return _year(int(match["year"]))


_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}  # fmt: skip
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip


def _h_spoken_year(match: re.Match[str], ctx: _Context) -> Span | None:
    """ "nineteen ninety-six", "two thousand and one" (broadcast transcripts)."""
    words = re.split(r"[\s-]+", match.group().lower())
    if words[0] == "two":
        year = 2000 + sum(_UNITS.get(w, 0) + _TEENS.get(w, 0) for w in words[2:])
    else:
        rest = words[1:]
        year = 1900 + _TEENS.get(rest[0], 0) + _TENS.get(rest[0], 0)
        if len(rest) > 1:
            year += _UNITS.get(rest[1], 0)
    return _year(year)


_ORDINAL_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


def _h_century(match: re.Match[str], ctx: _Context) -> Span | None:
    """ "the 20th century" (TimeML value ``19``), "the nineties" (``199X``, the 1900s' decade)."""
    if match["decw"]:
        start = 1900 + 10 * _DECADE_WORDS[match["decw"].lower()]
        return f"{start // 10}X", "year", date(start, 1, 1), date(start + 9, 12, 31)
    word = match["cent"].lower()
    number = int(re.sub(r"\D", "", word)) if word[0].isdigit() else _ORDINAL_WORDS[word]
    if not 1 <= number <= 99:
        return None
    first = max(1, (number - 1) * 100)
    return f"{number - 1:02d}", "year", date(first, 1, 1), date((number - 1) * 100 + 99, 12, 31)


def _h_decade(match: re.Match[str], ctx: _Context) -> Span | None:
    start = int(match["dec"]) * 10
    first, last = date(start, 1, 1), date(start + 9, 12, 31)
    part = (match["dpart"] or "").lower()
    if part.startswith("early"):
        last = date(start + 3, 12, 31)
    elif part.startswith("mid"):
        first, last = date(start + 4, 1, 1), date(start + 6, 12, 31)
    elif part.startswith("late"):
        first = date(start + 7, 1, 1)
    return f"{match['dec']}X", "year", first, last


def _h_day_word(match: re.Match[str], ctx: _Context) -> Span | None:
    if ctx.base is None:
        return _unanchored()
    word = " ".join(match["w"].lower().split())
    word = re.sub(r"^(?:early|late)\s+", "", word)
    base = ctx.base
    if word.startswith("yesterday") or word in {"last night", "overnight"}:
        return _day(base - timedelta(days=1))
    if word == "the day before yesterday":
        return _day(base - timedelta(days=2))
    if "hours" in word:  # "the past 24 hours": the base day, the span reaching back
        days = 2 if ("48" in word or "eight" in word) else 1
        return base.isoformat(), "day", base - timedelta(days=days), base
    if word.startswith("tomorrow"):
        return _day(base + timedelta(days=1))
    return _day(base)


def _h_weekday(match: re.Match[str], ctx: _Context) -> Span | None:
    if ctx.base is None:
        return _unanchored()
    mod = (match["mod"] or "").lower() or None
    mod = {"past": "last", "previous": "last", "on": None, "early": None, "late": None}.get(
        mod or "", mod
    )
    return _day(_recent_weekday(_WEEKDAYS[match["wd"].lower()], ctx.base, mod))


def _h_ago(match: re.Match[str], ctx: _Context) -> Span | None:
    if ctx.base is None:
        return _unanchored()
    n_text = " ".join(match["n"].lower().split())
    n = int(n_text) if n_text.isdigit() else _SMALL_NUMBERS[n_text]
    vague = n_text in {"a few", "several", "a couple of"}
    unit = match["unit"].lower()
    base = ctx.base
    if vague and unit in ("month", "year"):
        return "PAST_REF", None, None, None
    if match["this"] and unit in ("month", "year"):  # "two years ago this week"
        months = n * (12 if unit == "year" else 1)
        year, month = _shift_months(base, -months)
        same_day = date(year, month, min(base.day, calendar.monthrange(year, month)[1]))
        return _week(same_day) if match["this"].lower() == "week" else _month(year, month)
    if unit == "day":
        target = base - timedelta(days=n)
        if vague:
            return _week_span(target - timedelta(days=2), base - timedelta(days=1))
        return _day(target)
    if unit == "week":
        return _week(base - timedelta(days=7 * n))
    if unit == "month":
        year, month = _shift_months(base, -n)
        return _month(year, month)
    if match["exact"] and match["exact"].lower().startswith("exactly"):
        day = min(base.day, calendar.monthrange(base.year - n, base.month)[1])
        return _day(date(base.year - n, base.month, day))
    return _year(base.year - n)


def _h_relative_period(match: re.Match[str], ctx: _Context) -> Span | None:
    if ctx.base is None:
        return _unanchored()
    base = ctx.base
    mod = " ".join(match["mod"].lower().split())
    unit = match["unit"].lower()
    part = match["pos"]
    offset = {"last": -1, "the previous": -1, "previous": -1, "next": 1, "the following": 1,
              "the coming": 1}.get(mod, 0)  # fmt: skip
    past = mod in {"the past", "past"}
    earlier = mod == "earlier this"
    if unit == "week":
        if past:
            return _week_span(base - timedelta(days=7), base)
        value, precision, first, last = _week(base + timedelta(days=7 * offset))
        if earlier and first is not None:
            last = max(first, base - timedelta(days=1))
        return value, precision, first, last
    if unit == "weekend":
        # the weekend of the base's (ISO) week, shifted by whole weeks
        saturday = base + timedelta(days=5 - base.weekday() + 7 * offset)
        return _weekend(saturday)
    if unit == "month":
        if past:
            start = base - timedelta(days=30)
            value, precision, _, _ = _month(*_shift_months(base - timedelta(days=15), 0))
            return value, precision, start, base
        year, month = _shift_months(base, offset)
        value, precision, first, last = _month(year, month, part)
        if earlier and first is not None:
            last = max(first, base - timedelta(days=1))
        return value, precision, first, last
    if past:
        value, precision, _, _ = _year((base - timedelta(days=182)).year)
        return value, precision, base - timedelta(days=365), base
    value, precision, first, last = _year(base.year + offset, part)
    if earlier and first is not None:
        last = max(first, base - timedelta(days=1))
    return value, precision, first, last


def _h_recent(match: re.Match[str], ctx: _Context) -> Span | None:
    if ctx.base is None:
        return _unanchored()
    unit = match["unit"].lower()
    kind = " ".join(match["kind"].lower().split())
    if unit == "days" and not kind.startswith(("coming", "next")):
        return _week_span(ctx.base - timedelta(days=4), ctx.base - timedelta(days=1))
    if kind.startswith(("coming", "next")):
        return "FUTURE_REF", None, None, None
    return "PAST_REF", None, None, None


_QUARTERS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


def _base_quarter(base: date, shift: int = 0) -> tuple[int, int]:
    index = base.year * 4 + (base.month - 1) // 3 + shift
    return index // 4, index % 4 + 1


def _h_quarter(match: re.Match[str], ctx: _Context) -> Span | None:
    """ "the third quarter", "third-quarter", "Q3 2020", "the 1988 second quarter"."""
    quarter = _QUARTERS[match["q"].lower()] if match["q"] else int(match["qn"])
    year = match["year"] or match["y2"]
    if year:
        return _quarter(int(year), quarter)
    if ctx.context_year is not None:
        return _quarter(ctx.context_year, quarter)
    if ctx.base is None:
        return _unanchored()
    mod = (match["qmod"] or "").lower()
    anchor = ctx.base.year
    if mod == "last":
        anchor -= 1
    elif mod == "next":
        anchor += 1
    elif mod != "this" and 3 * (quarter - 1) + 1 > ctx.base.month:
        anchor -= 1  # the most recent quarter of that number that has begun
    return _quarter(anchor, quarter)


def _h_quarter_ref(match: re.Match[str], ctx: _Context) -> Span | None:
    """ "the quarter", "the latest quarter", "this quarter", "the year-ago quarter"."""
    if ctx.base is None:
        return _unanchored()
    words = " ".join(match.group().lower().replace("-", " ").split())
    if "this" in words or "current" in words:
        shift = 0
    elif "next" in words or "coming" in words:
        shift = 1
    else:
        shift = -1  # the last completed quarter: what a results report is about
    if "year ago" in words or "year earlier" in words:
        shift -= 4
    return _quarter(*_base_quarter(ctx.base, shift))


def _h_ref(match: re.Match[str], ctx: _Context) -> Span | None:
    """TimeML's PRESENT_REF, PAST_REF and FUTURE_REF: found, never a calendar span."""
    if match["present"]:
        return "PRESENT_REF", None, None, None
    if match["past"]:
        return "PAST_REF", None, None, None
    return "FUTURE_REF", None, None, None


def _h_the_weekend(match: re.Match[str], ctx: _Context) -> Span | None:
    """ "over the weekend": the weekend of the base, or else the latest one before it."""
    if ctx.base is None:
        return _unanchored()
    saturday = ctx.base - timedelta(days=(ctx.base.weekday() - 5) % 7)
    return _weekend(saturday)


def _h_season(match: re.Match[str], ctx: _Context) -> Span | None:
    if ctx.base is None:
        return _unanchored()
    name = match["season"].lower()
    mod = (match["smod"] or "").lower()
    base = ctx.base
    # the season containing the base, or the latest one before it
    year = base.year
    first_month, last_month = _SEASONS[name]
    if name == "winter":
        if base.month == 12:
            year += 1  # winter Y runs Dec Y-1 .. Feb Y
    elif base.month < first_month:
        year -= 1
    if mod == "last":
        in_season = _season(name, year)
        if in_season[2] is not None and in_season[2] <= base <= (in_season[3] or base):
            year -= 1
    if mod == "next":
        year += 1
    if mod == "this" and year < base.year + (1 if name == "winter" and base.month == 12 else 0):
        year += 1  # "this summer" said in March: the coming one
    return _season(name, year)


def _h_on_the_nth(match: re.Match[str], ctx: _Context) -> Span | None:
    day = int(match["d"])
    if not 1 <= day <= 31:
        return None
    if ctx.base is None:
        return _unanchored()
    limit = ctx.base + timedelta(days=FUTURE_SLACK_DAYS)
    year, month = limit.year, limit.month
    for _ in range(3):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) <= limit:
            return _day(date(year, month, day))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


# --------------------------------------------------------------------------- patterns


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile case-insensitively; a leading ``\\b`` becomes a look-behind, which the regex
    engine rejects faster inside words."""
    if pattern.startswith("\\b"):
        pattern = "(?<!\\w)" + pattern[2:]
    return re.compile(pattern, re.IGNORECASE)


_DAY_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"

#: (pattern, handler, relative). Order matters only to break ties between equally long matches.
_PATTERNS: list[tuple[re.Pattern[str], Handler, Relativity]] = [
    (_compile(r"(?<!\w)" + _Y + r"-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), _h_iso, False),
    (
        _compile(r"\b(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d{2})\b(?![./]\d)"),
        _h_numeric,
        False,
    ),
    (
        _compile(
            r"\b" + _WD + r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M
            + r"(?:,?\s+" + _Y + r")?(?!\w)"
        ),
        _h_day_month,
        None,
    ),
    (
        _compile(
            r"\b" + _WD + _M + r"(?:\s+|(?<=\.))(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+" + _Y + r"\b)?"
        ),
        _h_day_month,
        None,
    ),
    (_compile(r"\b(?:" + _POS + r"[\s-]+)?" + _M + r",?\s+" + _Y + r"\b"), _h_month_year, False),
    (
        _compile(
            r"\b(?:between\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and)\s*"
            r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r"(?:,?\s+" + _Y + r")?(?!\w)"
        ),
        _h_day_range,
        None,
    ),
    (
        _compile(
            r"\b" + _M + r"\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and)\s*"
            r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+" + _Y + r"\b)?"
        ),
        _h_day_range,
        None,
    ),
    (
        _compile(
            r"\b(?:(?P<prep>in|during|since|until|by|from|of|through|throughout|the)\s+)?"
            r"(?:(?P<mod>last|this|next)\s+)?(?:" + _POS + r"[\s-]+)?" + _M + r"(?!\w)(?!\.?\s*\d)"
            r"(?:\s+(?P<ymod>last|this|next)\s+year\b)?"
        ),
        _h_month,
        None,
    ),
    (
        _compile(
            r"\bthe\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?:" + _M
            + r"(?:,?\s+" + _Y + r")?|(?P<y2>(?:1[89]|20)\d{2}))\b"
        ),
        _h_week_of,
        None,
    ),
    (
        _compile(
            r"\b(?:the\s+)?(?P<part>early|mid|late|(?:the\s+)?(?:beginning|start|end|middle|turn)"
            r"|(?:the\s+)?(?:first|second)\s+half|spring|summer|autumn|fall|winter)"
            r"(?:\s+of)?[\s-]+(?:the\s+year\s+)?" + _Y + r"\b"
        ),
        _h_year_part,
        False,
    ),
    (
        _compile(
            r"\b(?:in|during|since|of|until|by|from|before|after|throughout|for|year)\s+"
            + _Y + r"\b(?![-/.]\d)"
        ),
        _h_year,
        False,
    ),
    (
        _compile(r"\b(?:the\s+)?(?:(?P<dpart>early|mid-?|late)\s*)?(?P<dec>(?:1[89]|20)\d)0s\b"),
        _h_decade,
        False,
    ),
    (
        _compile(
            r"\b(?P<w>(?:early\s+|late\s+)?(?:today|yesterday|tomorrow)" + _DAY_PARTS
            + r"|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)"
            r"|(?:the\s+)?(?:past|last)\s+(?:24|twenty-four|48|forty-eight)\s+hours"
            r"|earlier\s+today|the\s+day\s+before\s+yesterday)\b"
        ),
        _h_day_word,
        True,
    ),
    (
        _compile(
            r"\b(?:(?P<mod>last|this|next|on|past|previous|early|late)\s+)?"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)\b"
            + _DAY_PARTS
        ),
        _h_weekday,
        True,
    ),
    (
        _compile(
            r"\b(?P<exact>exactly\s+|almost\s+|nearly\s+)?" + _NUM
            + r"\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier)\b"
            r"(?:\s+(?:this|that)\s+(?P<this>week|month))?"
        ),
        _h_ago,
        True,
    ),
    (
        _compile(
            r"\b(?:" + _POS + r"\s+)?(?P<mod>last|this|next|the\s+previous|previous|the\s+past"
            r"|past|earlier\s+this|later\s+this|the\s+following|the\s+coming)\s+"
            r"(?P<unit>week|weekend|month|year)\b"
        ),
        _h_relative_period,
        True,
    ),
    (
        _compile(
            r"\b(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?P<kind>recent|past\s+(?:few|several|"
            r"couple\s+of)|last\s+(?:few|several|couple\s+of)|coming|next\s+few)\s+"
            r"(?P<unit>days|weeks|months|years)\b"
        ),
        _h_recent,
        True,
    ),
    (
        _compile(
            r"\b(?:(?P<smod>last|this|next|the)\s+)(?P<season>spring|summer|autumn|fall|winter)\b"
            r"(?!\s+(?:of\s+)?(?:1[89]|20)\d{2})"
        ),
        _h_season,
        True,
    ),
    (_compile(r"\bon\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?\w)"), _h_on_the_nth, True),
    (
        _compile(
            r"\b(?:the\s+)?(?:" + _Y + r"(?:'s)?\s+|(?P<qmod>this|last|next)\s+year'?s\s+)?"
            r"(?:fiscal[\s-]+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
            r"(?:fiscal[\s-]+)?quarter|Q(?P<qn>[1-4]))\b"
            r"(?:,?\s+(?:of\s+)?(?:fiscal\s+)?(?P<y2>(?:1[89]|20)\d{2})\b)?"
        ),
        _h_quarter,
        None,
    ),
    (
        _compile(
            r"\b(?:the\s+(?:(?:comparable|same|latest|current|previous|prior|recent|fiscal"
            r"|year[\s-]+(?:ago|earlier))[\s-]+)*|(?:this|last|next)\s+)quarter\b"
        ),
        _h_quarter_ref,
        True,
    ),
    (
        _compile(
            r"\b(?:(?P<present>(?:right\s+)?now(?!-)|currently|current(?=\s+\w)|nowadays|at\s+present"
            r"|at\s+the\s+moment|these\s+days)"
            r"|(?P<past>recently|lately|previously|formerly|recent(?!\s+(?:days|weeks|months|years))"
            r"|(?:in\s+)?the\s+past(?!\s+(?:\d|few|several|couple|two|three|four|five|six|seven"
            r"|eight|nine|ten|twelve|twenty|week|weekend|month|year|day|decade|hour|\w+-)))"
            r"|(?P<future>soon|(?:in\s+)?the\s+(?:near\s+|distant\s+|foreseeable\s+)?future"
            r"|the\s+(?:near|short|long)\s+term))\b"
        ),
        _h_ref,
        True,
    ),
    (_compile(r"\b(?:over\s+|during\s+|at\s+)?the\s+weekend\b"), _h_the_weekend, True),
    (
        _compile(
            r"\b(?:the\s+)?(?:(?P<cent>\d{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth"
            r"|twenty-first)[\s-]+century|(?P<decw>twenties|thirties|forties|fifties|sixties"
            r"|seventies|eighties|nineties))\b"
        ),
        _h_century,
        False,
    ),
    (
        _compile(
            r"\bnineteen\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve"
            r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
            r"|\btwo\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine))?\b"
        ),
        _h_spoken_year,
        False,
    ),
]  # fmt: skip

_DIGIT = tuple("0123456789")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: For each pattern: groups of substrings; the pattern can only match if every group has one
#: substring present in the lower-cased text.
_GATES: list[tuple[tuple[str, ...], ...]] = [
    (_DIGIT,),
    (_DIGIT,),
    (_DIGIT, _MONTH_STEMS),
    (_DIGIT, _MONTH_STEMS),
    (_DIGIT, _MONTH_STEMS),
    (_DIGIT, _MONTH_STEMS),
    (_DIGIT, _MONTH_STEMS),
    (_MONTH_STEMS,),
    (("week of",),),
    (_DIGIT,),
    (_DIGIT,),
    (("0s",),),
    (("today", "tonight", "yesterday", "tomorrow", "overnight", "night", "this ", "hours"),),
    (("day",),),
    ((" ago", " earlier"),),
    (("week", "month", "year"),),
    (("days", "weeks", "months", "years"),),
    (("spring", "summer", "autumn", "fall", "winter"),),
    (_DIGIT,),
    (("quarter", "q1", "q2", "q3", "q4"),),
    (("quarter",),),
    (
        (
            "now",
            "current",
            "days",
            "present",
            "moment",
            "recent",
            "lately",
            "previous",
            "formerly",
            "past",
            "soon",
            "future",
            "term",
        ),
    ),  # fmt: skip
    (("weekend",),),
    (("century", "ties"),),
    (("nineteen ", "two thousand"),),
]
assert len(_GATES) == len(_PATTERNS)
