"""Publication dates: reading date strings in many forms and choosing the one to trust.

Two jobs. :func:`parse_date` reads one date string (a meta value, a "Published:" line, a Bengali
or Arabic header) into a datetime and its precision. :func:`choose_published` takes every
candidate the other steps found, each tagged with where it came from, and picks one by a fixed
order of trust (see ``TRUST``): a date the user gave wins, then structured metadata, then the
byline and dateline near the top of the text, then the URL, then the HTTP Last-Modified header,
and last the WARC capture date (an upper bound: the page existed when it was archived).
"Updated" dates lose to published ones from the same kind of place.

Dates in other scripts are handled by rewriting them first: Bengali, Arabic-Indic, Persian and
Devanagari digits become ASCII digits, and Gregorian month names in Bengali, Arabic (Egyptian
and Levantine names), Persian and French become English names. Solar Hijri (Persian) dates are
converted to Gregorian. Dates in the Bengali and Islamic (Hijri) calendars are recognised and
left out, because a Gregorian date almost always stands next to them.

Nothing here looks at the clock: a missing date stays missing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import get_args

from sitrep.models import DatePrecision, PublishedFrom

#: Order of trust between the places a date can come from (earlier wins).
TRUST: tuple[str, ...] = (
    "user", "json-ld", "meta", "feed", "byline", "dateline", "url", "http", "warc",
)  # fmt: skip

_DIGITS = str.maketrans(
    "০১২৩৪৫৬৭৮৯٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९",
    "0123456789" * 4,
)

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

# Gregorian month names in other languages and scripts, mapped to English month numbers.
# Longer names first so that two-word Levantine names win over their parts.
_FOREIGN_MONTHS: dict[str, int] = {
    # Bengali (Gregorian months; spelling variants; keys are NFC like the text they meet)
    "জানুয়ারি": 1, "জানুয়ারী": 1, "ফেব্রুয়ারি": 2, "ফেব্রুয়ারী": 2, "মার্চ": 3, "এপ্রিল": 4,
    "মে": 5, "জুন": 6, "জুলাই": 7, "আগস্ট": 8, "অগাস্ট": 8, "আগষ্ট": 8, "সেপ্টেম্বর": 9,
    "অক্টোবর": 10, "নভেম্বর": 11, "ডিসেম্বর": 12,
    # Arabic, Levantine/Iraqi names
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    # Arabic, Egyptian/Gulf names
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Persian transliterations of the Gregorian months
    "ژانویه": 1, "فوریه": 2, "آوریل": 4, "مه": 5, "ژوئن": 6, "ژوئیه": 7, "اوت": 8,
    "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_FOREIGN_MONTHS = {unicodedata.normalize("NFC", k): v for k, v in _FOREIGN_MONTHS.items()}
_FOREIGN_RE = re.compile(
    r"(?<![\w\u0980-\u09ff\u0600-\u06ff])("
    + "|".join(sorted(map(re.escape, _FOREIGN_MONTHS), key=len, reverse=True))
    + r")(?![\w\u0980-\u09ff\u0600-\u06ff])",
    re.I,
)

_SOLAR_HIJRI = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
    "بهمن", "اسفند",
)  # fmt: skip
_SOLAR_RE = re.compile(
    r"(\d{1,2})\s*(" + "|".join(_SOLAR_HIJRI) + r")(?:\s*ماه)?\s*،?\s*(1[34]\d\d)(?!\d)"
)
_BENGALI_CALENDAR_NAMES = (
    "বৈশাখ", "জ্যৈষ্ঠ", "জৈষ্ঠ", "আষাঢ়", "আষাঢ়", "শ্রাবণ", "ভাদ্র", "আশ্বিন", "কার্তিক",
    "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন", "চৈত্র",
)  # fmt: skip
_BENGALI_CALENDAR = tuple(
    sorted({unicodedata.normalize("NFC", n) for n in _BENGALI_CALENDAR_NAMES})
)
_HIJRI = (
    "محرم", "صفر", "ربيع الأول", "ربيع الاول", "ربيع الثاني", "ربيع الآخر", "جمادى الأولى",
    "جمادى الاولى", "جمادى الآخرة", "جمادى الثانية", "رجب", "شعبان", "رمضان", "شوال",
    "ذو القعدة", "ذو الحجة", "Muharram", "Safar", "Rajab", "Shaban", "Sha'ban", "Ramadan",
    "Shawwal",
)  # fmt: skip
# A day, a non-Gregorian month and a year: recognised so that it is never read as Gregorian.
_OTHER_CALENDAR_RE = re.compile(
    r"\d{1,2}\s*(?:" + "|".join(map(re.escape, _BENGALI_CALENDAR + _HIJRI)) + r")\s*,?\s*\d{3,4}"
    r"(?:\s*(?:বঙ্গাব্দ|هـ|ه|AH))?",
    re.I,
)

_MONTH_ABBR: dict[str, int] = {}
for _number, _name in enumerate(_MONTHS_EN, start=1):
    _MONTH_ABBR[_name.lower()] = _number
    _MONTH_ABBR[_name[:3].lower()] = _number
_MONTH_ABBR["sept"] = 9
_MONTH_WORD = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

_TZ_NAMES: dict[str, int] = {  # minutes east of UTC
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "AST": 180, "IRST": 210, "IRDT": 270, "PKT": 300, "IST": 330, "BDT": 360,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480,
    "PDT": -420,
}  # fmt: skip
_TIME = (
    r"(?:\s*(?:,|at|\||-|–|—|/|T)?\s*"
    r"(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|"
    + "|".join(sorted((k for k in _TZ_NAMES if k != "Z"), key=len, reverse=True))
    + r")?(?![\w:]))?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)" + _TIME)),
    ("dmy", re.compile(_WEEKDAY + r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+" + _MONTH_WORD + r",?[\s\-]+(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME, re.I)),
    ("mdy", re.compile(_WEEKDAY + _MONTH_WORD + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME, re.I)),
    ("ymd", re.compile(r"(?<![\d/.])(?P<year>(?:19|20)\d\d)[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})(?![\d/.])" + _TIME)),
    ("numeric", re.compile(r"(?<![\d/.])(?P<first>\d{1,2})[/.\-](?P<second_>\d{1,2})[/.\-](?P<year>(?:19|20)\d\d)(?![\d/.])" + _TIME)),
    ("month", re.compile(r"(?<![\w])" + _MONTH_WORD + r",?\s+(?P<year>(?:19|20)\d\d)(?!\d)", re.I)),
)  # fmt: skip
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0?[1-9]|1[0-2])(?:[/-](?P<day>0?[1-9]|[12]\d|3[01]))?(?=[/-]|\.html?|$)"
)
_URL_COMPACT = re.compile(
    r"[/_-](?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


@dataclass
class DateCandidate:
    """A publication date found somewhere, with where it came from.

    ``updated`` marks a last-modified / "Updated" date, used only when no published date is
    found in an equally trusted place.
    """

    value: datetime
    precision: DatePrecision
    source: PublishedFrom
    text: str
    updated: bool = False


def normalise(text: str) -> str:
    """``text`` with foreign digits made ASCII, other calendars blanked, month names in English."""
    text = unicodedata.normalize("NFC", text).translate(_DIGITS)
    text = _SOLAR_RE.sub(_solar_to_gregorian, text)
    text = _OTHER_CALENDAR_RE.sub(" ", text)
    return _FOREIGN_RE.sub(
        lambda m: " " + _MONTHS_EN[_FOREIGN_MONTHS[_lookup_key(m.group(1))] - 1] + " ", text
    )


def _lookup_key(name: str) -> str:
    return name if name in _FOREIGN_MONTHS else name.lower()


def _solar_to_gregorian(match: re.Match[str]) -> str:
    """Rewrite a Solar Hijri day-month-year as an ISO Gregorian date."""
    day, month, year = (
        int(match.group(1)),
        _SOLAR_HIJRI.index(match.group(2)) + 1,
        int(match.group(3)),
    )
    converted = jalali_to_gregorian(year, month, day)
    return f" {converted.isoformat()} " if converted else " "


def jalali_to_gregorian(year: int, month: int, day: int) -> datetime | None:
    """Convert a Solar Hijri date to a Gregorian one (None when out of range).

    Uses the 33-year arithmetic cycle, exact for 1178-1633 SH, which covers every news date.
    """
    if not (1 <= month <= 12 and 1 <= day <= 31) or (month > 6 and day > 30):
        return None
    # Day count since 1 Farvardin of year 1 of a reference epoch (1 Farvardin 1 SH = 22 March 622 CE).
    days_before_month = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    leap_days = ((year - 1) * 8 + 29) // 33
    day_number = (year - 1) * 365 + leap_days + days_before_month + day - 1
    epoch = datetime(622, 3, 22)
    try:
        return epoch + timedelta(days=day_number - 1)
    except OverflowError:  # pragma: no cover - years far outside news
        return None


def _tzinfo(tz: str | None) -> timezone | None:
    if not tz:
        return None
    tz = tz.strip().upper().replace(" ", "")
    if tz in _TZ_NAMES:
        return timezone(timedelta(minutes=_TZ_NAMES[tz]))
    match = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?", tz)
    if not match:
        return None
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=minutes if match.group(1) == "+" else -minutes))


def _build(match: re.Match[str], kind: str) -> tuple[datetime, DatePrecision] | None:
    """A datetime from one pattern match, or None when the numbers are not a real date."""
    groups = match.groupdict()
    year = int(groups["year"])
    if kind in {"iso", "ymd"}:
        month, day = int(groups["month"]), int(groups["day"])
    elif kind == "numeric":
        first, second = int(groups["first"]), int(groups["second_"])
        # Day first (the world's order) unless that is impossible.
        day, month = (first, second) if second <= 12 else (second, first)
    else:
        month = _MONTH_ABBR[_month_of(match)]
        day = int(groups["day"]) if kind != "month" else 1
    hour = minute = second = 0
    if groups.get("hour") is not None:
        hour, minute, second = (
            int(groups["hour"]),
            int(groups["minute"]),
            int(groups["second"] or 0),
        )
        ampm = (groups.get("ampm") or "").lower()
        # "18:02 PM" is a 24-hour time with a stray marker: the marker is ignored.
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=_tzinfo(groups.get("tz")))
    except ValueError:
        return None
    return value, ("month" if kind == "month" else "day")


def _month_of(match: re.Match[str]) -> str:
    """The month word captured by a pattern (the only unnamed group)."""
    for group in match.groups():
        if group and group[:3].lower() in _MONTH_ABBR and not group.isdigit():
            return group.lower().rstrip(".")[:3] if group.lower()[:4] != "sept" else "sep"
    raise ValueError("no month word")  # pragma: no cover - every month pattern captures one


def find_date(text: str, *, allow_month: bool = True) -> tuple[datetime, DatePrecision, str] | None:
    """The first full date written in ``text``: (value, precision, the matched text).

    ``allow_month`` also accepts "January 2024" (month precision) when no full date is there.
    """
    if len(text) > 2000:
        text = text[:2000]
    normal = normalise(text)
    best: tuple[int, datetime, DatePrecision, str] | None = None
    impossible = False  # a full date was written but does not exist ("31 February 2024")
    for kind, pattern in _PATTERNS:
        if kind == "month" and (best is not None or impossible or not allow_month):
            continue
        for match in pattern.finditer(normal):
            built = _build(match, kind)
            if built is None:
                impossible = True
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), built[0], built[1], match.group(0).strip())
            break
    if best is None:
        return None
    return best[1], best[2], best[3]


def parse_date(text: str) -> tuple[datetime, DatePrecision] | None:
    """Read one date string (metadata value or label) into (datetime, precision).

    Accepts everything :func:`find_date` does, plus a bare year ("2024", year precision) and
    the forms ``datetime.fromisoformat`` reads. Returns None when no date is there.
    """
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        return value, "day"
    except ValueError:
        pass
    found = find_date(text)
    if found:
        return found[0], found[1]
    bare = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", normalise(text))
    if bare:
        return datetime(int(bare.group(1)), 1, 1), "year"
    return None


def date_from_url(url: str | None) -> tuple[datetime, DatePrecision] | None:
    """A date written in a URL path (``/2024/01/28/``, ``/2024-01-28-``, ``/20240128/``)."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = re.sub(r"^[a-z]+://[^/]+", "", path, flags=re.I)
    match = _URL_DATE.search(path)
    if match:
        year, month = int(match.group("year")), int(match.group("month"))
        if match.group("day"):
            try:
                return datetime(year, month, int(match.group("day"))), "day"
            except ValueError:
                return None
        return datetime(year, month, 1), "month"
    compact = _URL_COMPACT.search(path)
    if compact:
        try:
            return datetime(
                int(compact.group("year")), int(compact.group("month")), int(compact.group("day"))
            ), "day"
        except ValueError:
            return None
    return None


def candidate(
    text: str | None, source: PublishedFrom, *, updated: bool = False
) -> DateCandidate | None:
    """A DateCandidate from a date string, or None when it holds no date."""
    if not text or not isinstance(text, str):
        return None
    parsed = parse_date(text)
    if parsed is None:
        return None
    return DateCandidate(parsed[0], parsed[1], source, text.strip(), updated)


def choose_published(candidates: list[DateCandidate]) -> DateCandidate | None:
    """The candidate to trust: by place (``TRUST``), published before updated, finer first.

    Within one place, a minute-level or day-level date beats a month or year one.
    """
    if not candidates:
        return None
    precision_rank = {"day": 0, "week": 1, "month": 2, "year": 3}

    def rank(found: DateCandidate) -> tuple[int, int, int]:
        place = TRUST.index(found.source) if found.source in TRUST else len(TRUST)
        return (int(found.updated), place, precision_rank[found.precision])

    published = [c for c in candidates if not c.updated]
    pool = published or candidates
    return min(pool, key=rank)


assert set(TRUST) <= set(get_args(PublishedFrom))
