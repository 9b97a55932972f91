"""Date lines in the Hijri, Solar Hijri (Persian) and Bengali calendars, read as Gregorian days.

Arabic, Iranian, Afghan and Bangladeshi outlets often print the date in their own calendar
("15 Rajab 1445 AH", "8 Bahman 1402", "১৪ বৈশাখ ১৪৩১"), sometimes alone. This module finds such
dates, in Latin transliteration or in the native script (with native digits), and converts them:

* **Hijri (lunar):** the Umm al-Qura calendar, through the maintained ``hijridate`` package
  (valid 1343-1500 AH, 1924-2077). Local moon sighting can differ from it by a day.
* **Solar Hijri (Persian, Afghan):** the ``jdatetime`` package's arithmetic calendar.
* **Bengali (Bangladesh's revised calendar, 2019 revision):** regular arithmetic, implemented
  here: 1 Boishakh is 14 April of the Gregorian year ``B + 593``; Boishakh to Ashwin have 31
  days, Kartik to Magh and Chaitra 30, Falgun 29 (30 when that February has 29 days).

Every result is a day-precision :class:`~sitrep.models.Timex` written in full (``relative``
False). Invalid days (30 Bahman is fine, 31 Esfand is not) are dropped; nothing raises.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitrep.models import Timex

__all__ = [
    "bengali_to_gregorian",
    "find_calendar_dates",
    "hijri_to_gregorian",
    "persian_to_gregorian",
]

_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
    "\u09e6\u09e7\u09e8\u09e9\u09ea\u09eb\u09ec\u09ed\u09ee\u09ef",
    "0123456789" * 3,
)


def _alternatives(names: dict[str, int]) -> str:
    return "|".join(
        sorted((re.escape(n).replace("\\ ", r"[\s-]*") for n in names), key=len, reverse=True)
    )


_HIJRI_MONTHS = {
    "muharram": 1, "moharram": 1, "safar": 2, "rabi al-awwal": 3, "rabi' al-awwal": 3,
    "rabi ul-awwal": 3, "rabi al-awal": 3, "rabi i": 3, "rabi al-thani": 4, "rabi' al-thani": 4,
    "rabi al-akhir": 4, "rabi' al-akhir": 4, "rabi ul-akhir": 4, "rabi ii": 4,
    "jumada al-ula": 5, "jumada al-awwal": 5, "jumada al-oula": 5, "jumada i": 5,
    "jumada al-thani": 6, "jumada al-akhira": 6, "jumada al-akhirah": 6, "jumada ii": 6,
    "rajab": 7, "sha'ban": 8, "shaban": 8, "sha`ban": 8, "ramadan": 9, "ramazan": 9,
    "shawwal": 10, "shawal": 10, "dhu al-qadah": 11, "dhu al-qa'dah": 11, "dhul qadah": 11,
    "dhul-qadah": 11, "dhu'l-qi'dah": 11, "dhu al-qidah": 11, "zul qadah": 11,
    "dhu al-hijjah": 12, "dhul hijjah": 12, "dhul-hijjah": 12, "dhu'l-hijjah": 12,
    "zul hijjah": 12,
    "\u0645\u062d\u0631\u0645": 1, "\u0635\u0641\u0631": 2,
    "\u0631\u0628\u064a\u0639 \u0627\u0644\u0623\u0648\u0644": 3,
    "\u0631\u0628\u064a\u0639 \u0627\u0644\u0627\u0648\u0644": 3,
    "\u0631\u0628\u064a\u0639 \u0627\u0644\u0622\u062e\u0631": 4,
    "\u0631\u0628\u064a\u0639 \u0627\u0644\u062b\u0627\u0646\u064a": 4,
    "\u062c\u0645\u0627\u062f\u0649 \u0627\u0644\u0623\u0648\u0644\u0649": 5,
    "\u062c\u0645\u0627\u062f\u0649 \u0627\u0644\u0627\u0648\u0644\u0649": 5,
    "\u062c\u0645\u0627\u062f\u0649 \u0627\u0644\u0622\u062e\u0631\u0629": 6,
    "\u062c\u0645\u0627\u062f\u0649 \u0627\u0644\u062b\u0627\u0646\u064a\u0629": 6,
    "\u0631\u062c\u0628": 7, "\u0634\u0639\u0628\u0627\u0646": 8, "\u0631\u0645\u0636\u0627\u0646": 9,
    "\u0634\u0648\u0627\u0644": 10, "\u0630\u0648 \u0627\u0644\u0642\u0639\u062f\u0629": 11,
    "\u0630\u064a \u0627\u0644\u0642\u0639\u062f\u0629": 11,
    "\u0630\u0648 \u0627\u0644\u062d\u062c\u0629": 12, "\u0630\u064a \u0627\u0644\u062d\u062c\u0629": 12,
}  # fmt: skip
_PERSIAN_MONTHS = {
    "farvardin": 1, "ordibehesht": 2, "khordad": 3, "tir": 4, "mordad": 5, "amordad": 5,
    "shahrivar": 6, "mehr": 7, "aban": 8, "azar": 9, "dey": 10, "dei": 10, "bahman": 11,
    "esfand": 12, "esfund": 12,
    "\u0641\u0631\u0648\u0631\u062f\u06cc\u0646": 1,
    "\u0627\u0631\u062f\u06cc\u0628\u0647\u0634\u062a": 2, "\u062e\u0631\u062f\u0627\u062f": 3,
    "\u062a\u06cc\u0631": 4, "\u0645\u0631\u062f\u0627\u062f": 5,
    "\u0634\u0647\u0631\u06cc\u0648\u0631": 6, "\u0645\u0647\u0631": 7, "\u0622\u0628\u0627\u0646": 8,
    "\u0622\u0630\u0631": 9, "\u062f\u06cc": 10, "\u0628\u0647\u0645\u0646": 11,
    "\u0627\u0633\u0641\u0646\u062f": 12,
}  # fmt: skip
_BENGALI_MONTHS = {
    "boishakh": 1, "baishakh": 1, "boishak": 1, "joishtho": 2, "jyoishtho": 2, "jaistha": 2,
    "jyaistha": 2, "asharh": 3, "ashar": 3, "asadh": 3, "srabon": 4, "shraban": 4,
    "sraban": 4, "shrabon": 4, "bhadro": 5, "bhadra": 5, "ashwin": 6, "aswin": 6, "ashshin": 6,
    "kartik": 7, "ogrohayon": 8, "agrahayan": 8, "ogrohayan": 8, "agrahayon": 8, "poush": 9,
    "paush": 9, "magh": 10, "falgun": 11, "phalgun": 11, "chaitra": 12, "choitro": 12,
    "\u09ac\u09c8\u09b6\u09be\u0996": 1, "\u099c\u09cd\u09af\u09c8\u09b7\u09cd\u09a0": 2,
    "\u0986\u09b7\u09be\u09a2\u09bc": 3, "\u0986\u09b7\u09be\u09a2": 3,
    "\u09b6\u09cd\u09b0\u09be\u09ac\u09a3": 4, "\u09ad\u09be\u09a6\u09cd\u09b0": 5,
    "\u0986\u09b6\u09cd\u09ac\u09bf\u09a8": 6, "\u0995\u09be\u09b0\u09cd\u09a4\u09bf\u0995": 7,
    "\u0985\u0997\u09cd\u09b0\u09b9\u09be\u09af\u09bc\u09a3": 8,
    "\u0985\u0997\u09cd\u09b0\u09b9\u09be\u09af\u09a3": 8, "\u09aa\u09cc\u09b7": 9,
    "\u09ae\u09be\u0998": 10, "\u09ab\u09be\u09b2\u09cd\u0997\u09c1\u09a8": 11,
    "\u099a\u09c8\u09a4\u09cd\u09b0": 12,
}  # fmt: skip

_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_TAIL = r"(?:\s*(?:AH|A\.H\.|H|SH|S\.H\.|HS|BS|B\.S\.|bangabda|san|\u0647\u0640?|\u0647\u062c\u0631\u064a|\u0647\u200c?\u0634|\u0647\u062c\u0631\u06cc \u0634\u0645\u0633\u06cc|\u09ac\u0999\u09cd\u0997\u09be\u09ac\u09cd\u09a6|\u09b8\u09be\u09b2)\b\.?)?"  # noqa: E501


def _pattern(months: dict[str, int], years: str) -> re.Pattern[str]:
    names = _alternatives(months)
    return re.compile(
        r"(?<!\w)(?:" + _D + r"\s*(?P<m1>" + names + r")[,\s]+(?P<y1>" + years + r")"
        r"|(?P<m2>"
        + names
        + r")\s+"
        + _D.replace("?P<d>", "?P<d2>")
        + r",?\s+(?P<y2>"
        + years
        + r"))(?!\d)"
        + _YEAR_TAIL,
        re.IGNORECASE,
    )


#: A calendar year (13xx/14xx) or a native digit must be present: a cheap test before the scans.
_GATE = re.compile(r"1[34]\d\d|[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef]")
_HIJRI = _pattern(_HIJRI_MONTHS, r"1[34]\d\d")
_PERSIAN = _pattern(_PERSIAN_MONTHS, r"1[34]\d\d")
_BENGALI = _pattern(_BENGALI_MONTHS, r"1[34]\d\d")


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """Umm al-Qura Hijri date -> Gregorian; None outside 1343-1500 AH or for an invalid day."""
    from hijridate import Hijri

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def persian_to_gregorian(year: int, month: int, day: int) -> date | None:
    """Solar Hijri date -> Gregorian; None for an invalid day."""
    import jdatetime

    try:
        g = jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def bengali_to_gregorian(year: int, month: int, day: int) -> date | None:
    """Bangladesh's revised Bengali calendar (2019) -> Gregorian; None for an invalid day."""
    if not (1 <= month <= 12 and day >= 1 and 1 <= year <= 9000):
        return None
    start = date(year + 593, 4, 14)
    february = date(year + 594, 3, 1) - timedelta(days=1)
    lengths = [31] * 6 + [30] * 4 + [30 if february.day == 29 else 29, 30]
    if day > lengths[month - 1]:
        return None
    return start + timedelta(days=sum(lengths[: month - 1]) + day - 1)


_CONVERTERS = (
    (_HIJRI, _HIJRI_MONTHS, hijri_to_gregorian),
    (_PERSIAN, _PERSIAN_MONTHS, persian_to_gregorian),
    (_BENGALI, _BENGALI_MONTHS, bengali_to_gregorian),
)


def _month_of(name: str, months: dict[str, int]) -> int | None:
    key = " ".join(name.lower().replace("-", " ").split())
    for candidate, number in months.items():
        if " ".join(candidate.replace("-", " ").split()) == key:
            return number
    squashed = key.replace(" ", "")
    for candidate, number in months.items():
        if candidate.replace("-", "").replace(" ", "") == squashed:
            return number
    return None


def find_calendar_dates(text: str) -> list[Timex]:
    """Hijri, Solar Hijri and Bengali dates written in ``text``, as Gregorian days."""
    if not text or not _GATE.search(text):
        return []
    digits = text.translate(_DIGITS)  # one character for one: offsets stay valid
    out: list[Timex] = []
    for pattern, months, convert in _CONVERTERS:
        for match in pattern.finditer(digits):
            name = match["m1"] or match["m2"]
            month = _month_of(name, months)
            if month is None:
                continue
            day = int(match["d"] or match["d2"])
            year = int(match["y1"] or match["y2"])
            try:
                gregorian = convert(year, month, day)
            except (ValueError, OverflowError):
                gregorian = None
            if gregorian is None:
                continue
            start, end = match.start(), match.end()
            out.append(
                Timex(
                    text[start:end],
                    start,
                    end,
                    gregorian.isoformat(),
                    "day",
                    gregorian,
                    gregorian,
                    relative=False,
                )  # fmt: skip
            )
    out.sort(key=lambda t: t.start)
    return out
