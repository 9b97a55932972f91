"""Document structure: which paragraphs report, which are page furniture, and which sentences
recall history rather than tell the news.

Ingest cleaning removes most of a web page's furniture, but some survives: a "Related news" list
of other stories' headlines, "Read more: ..." links, share prompts, photo captions, a reposter's
"This article was first published by ...". The coder must not take any of them for an event.
:func:`read_paragraphs` labels each paragraph:

* ``"furniture"``: a label ("Related news", "Read more", "Share this article", "Photo: ...",
  "© 2024 ...", "The original source of this article is ..."), or a headline-like line (no
  closing punctuation, a few words) that follows such a label, runs with other headline-like
  lines, or ends the document after the body;
* ``"headline"``: a headline-like first paragraph (the story's own headline, part of the lead);
* ``"lead"``: the first reporting paragraphs (:data:`LEAD_PARAGRAPHS`), where news stories put
  their main event;
* ``"body"``: every other reporting paragraph.

:func:`recalled` finds the words that make a sentence background ("two years ago this week",
"since 2017", "in early 2020", "last month's attack", "the anniversary of"), and
:func:`recalled_date` dates "N years ago (this week)" from the publication date, so a
retrospective is never coded as news on its publication day. :func:`current` finds the words
that tie a sentence to the news itself ("this latest attack"), which must not take the date or
the attacker of a recalled event next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "LEAD_PARAGRAPHS",
    "ParagraphRole",
    "current",
    "furniture",
    "read_paragraphs",
    "recalled",
    "recalled_date",
]

#: How many reporting paragraphs make the lead (news style: the main event comes first).
LEAD_PARAGRAPHS = 2

#: A paragraph that is page furniture whole: section labels, link prompts, share and follow
#: prompts, captions and credits, reposter and copyright boilerplate.
_FURNITURE = re.compile(
    r"^\W*(?:"
    r"(?:related|more|latest|top|recommended|popular|trending|recent|other)\s+"
    r"(?:news|articles?|stories|posts|coverage|reading|headlines|on\s+this\s+(?:story|topic))\W*$|"
    r"(?:read|see|watch|listen)\s+(?:more|also|next|too)\b|also\s+read\b|"
    r"most\s+(?:read|viewed|popular|shared)\b|you\s+(?:may|might)\s+(?:also\s+)?like\b|"
    r"share\s+(?:this|on|via|the)\b|share\W*$|tweet\W*$|"
    r"(?:follow|like)\s+us\s+on\b|sign\s+up\s+(?:for|to)\b|subscribe\b|click\s+here\b|"
    r"(?:photo|image|picture|video|graphic|illustration|caption|credit|file\s+photo|"
    r"photograph)s?\s*[:|/-]|"
    r"(?:the\s+)?original\s+source\s+of\s+this\s+article\b|"
    r"this\s+(?:article|story|report)\s+(?:was|is)\s+(?:first\s+|originally\s+)?"
    r"(?:published|posted|appeared)\b|(?:originally\s+)?published\s+(?:by|on|in)\s+[A-Z]|"
    r"article\s*:\s*\S|copyright\b|\u00a9|all\s+rights\s+reserved\b|"
    r"advertisement\W*$|sponsored\b|comments?\s*(?:\(\d+\))?\W*$|tags?\s*:"
    r")",
    re.IGNORECASE,
)
#: Labels after which headline-like lines are other stories' headlines.
_LIST_LABEL = re.compile(
    r"^\W*(?:(?:related|more|latest|top|recommended|popular|trending|recent|other)\s+"
    r"(?:news|articles?|stories|posts|coverage|reading|headlines|on\s+this\s+(?:story|topic))|"
    r"(?:read|see)\s+(?:more|also)|also\s+read|most\s+(?:read|viewed|popular|shared)|"
    r"you\s+(?:may|might)\s+(?:also\s+)?like)\W*$",
    re.IGNORECASE,
)
#: A caption or credit that ends a paragraph: "(AFP)", "/ Reuters", "Photo by ...".
_CREDIT_END = re.compile(
    r"(?:\((?:AFP|AP|Reuters|Getty(?:\s+Images)?|EPA|Anadolu|file|File)[^()]{0,40}\)|"
    r"/\s*(?:AFP|AP|Reuters|Getty\s+Images|EPA))\W*$"
)


def _headline_like(paragraph: str) -> bool:
    """A few words with no sentence-final punctuation: a headline, a link or a label."""
    stripped = paragraph.strip()
    words = stripped.split()
    if not 2 <= len(words) <= 22 or "\n" in stripped:
        return False
    return not re.search(r"[.!?:;\"\u201d\u2019')\]]$", stripped)


def furniture(paragraph: str) -> str | None:
    """Why ``paragraph`` is page furniture as a whole, or None when it may report."""
    text = paragraph.strip()
    if not text:
        return "empty"
    match = _FURNITURE.match(text)
    if match is not None:
        return f"page furniture ({match.group(0).strip()[:30]!r})"
    if len(text.split()) <= 25 and _CREDIT_END.search(text):
        return "a caption or credit"
    return None


@dataclass(frozen=True)
class ParagraphRole:
    """What one paragraph of a document is: ``kind`` and why."""

    start: int
    end: int
    kind: str  # "headline", "lead", "body" or "furniture"
    reason: str


def read_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[ParagraphRole]:
    """The role of each paragraph span of ``text`` (see the module docstring)."""
    texts = [text[s:e] for s, e in spans]
    headline = [_headline_like(t) for t in texts]
    kinds: list[tuple[str, str]] = []
    after_label = False
    reported = 0
    for index, paragraph in enumerate(texts):
        why = furniture(paragraph)
        if why is not None:
            after_label = bool(_LIST_LABEL.match(paragraph.strip())) or (
                after_label and headline[index]
            )
            kinds.append(("furniture", why))
            continue
        if headline[index]:
            if index == 0:
                kinds.append(("headline", "a headline-like first line"))
                continue
            run = (index > 0 and headline[index - 1] and kinds[index - 1][0] != "headline") or (
                index + 1 < len(texts) and headline[index + 1]
            )
            last = reported > 0 and all(headline[j] for j in range(index, len(texts)))
            if after_label or run or last:
                kinds.append(
                    (
                        "furniture",
                        "another story's headline"
                        + (" (after a list label)" if after_label else " (in a list of links)"),
                    )
                )
                continue
        after_label = False
        reported += 1
        if reported <= LEAD_PARAGRAPHS:
            kinds.append(("lead", f"reporting paragraph {reported}: the lead"))
        else:
            kinds.append(("body", "a reporting paragraph"))
    return [ParagraphRole(s, e, k, r) for (s, e), (k, r) in zip(spans, kinds, strict=True)]


_NUMBER_WORD = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|fifty|\d{1,3})"
)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50,
}  # fmt: skip
#: "two years ago this week", "a year ago today", "six months ago".
_AGO = re.compile(
    r"\b(?P<n>" + _NUMBER_WORD + r")\s+(?P<unit>years?|months?|weeks?|days?)\s+ago\b"
    r"(?:\s*,?\s*(?:this|to\s+the)\s+(?P<span>week|month|day)|\s+(?P<today>today))?",
    re.IGNORECASE,
)
#: Wording that recalls history rather than tells news.
_RECALLED = re.compile(
    r"\b(?:" + _NUMBER_WORD + r"\s+(?:years?|months?|decades?)\s+ago|"
    r"(?:since|in|during|by)\s+(?:(?:early|late|mid|mid-|the\s+(?:spring|summer|autumn|fall|"
    r"winter|start|end|beginning)\s+of)\s*)?(?:19|20)\d\d\b|"
    r"(?:last|previous|past)\s+(?:year|month|decade)(?:'s|\u2019s)|"
    r"(?:anniversary|anniversaries)|"
    r"(?:the\s+)?previous\s+(?:week|month|year)|"
    r"(?:back|earlier)\s+in\s+(?:19|20)\d\d|"
    r"(?:recalled|recalling|remembered|commemorat\w+|marked\s+the)\b"
    r")",
    re.IGNORECASE,
)
#: Wording that ties a sentence to the news itself.
_CURRENT = re.compile(
    r"\b(?:(?:this|the)\s+(?:latest|most\s+recent|new|fresh|renewed)\s+(?:\w+\s+)?"
    r"(?:attacks?|strikes?|assault|barrage|incident|bombing|explosion|blast|raid)|"
    r"(?:today|tonight|this\s+morning|this\s+evening)(?:'s|\u2019s)?)\b",
    re.IGNORECASE,
)


def recalled(sentence: str) -> str | None:
    """The words by which ``sentence`` recalls history ("since 2017", "two years ago"), or
    None. "Since"/"in" with a year says history only when the year is not the current one: the
    caller compares the date, this finds the wording."""
    match = _RECALLED.search(sentence)
    return match.group(0) if match else None


def current(sentence: str) -> str | None:
    """The words tying ``sentence`` to the news ("this latest attack", "today"), or None."""
    match = _CURRENT.search(sentence)
    return match.group(0) if match else None


def recalled_date(sentence: str, published: date | None) -> tuple[date, str, str] | None:
    """``(day, precision, text)`` for "N years/months/weeks/days ago", counted back from the
    publication date: "two years ago this week" -> the first day of that week two years
    before, precision "week"; "a year ago today" -> that day; "six months ago" -> that month.
    None without such words or a publication date."""
    if published is None:
        return None
    match = _AGO.search(sentence)
    if match is None:
        return None
    raw = match.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
    if n is None:
        return None
    unit = match.group("unit").lower().rstrip("s")
    if unit == "year":
        day = _minus_months(published, 12 * n)
        precision = "year"
    elif unit == "month":
        day = _minus_months(published, n)
        precision = "month"
    elif unit == "week":
        day, precision = published - timedelta(weeks=n), "week"
    else:
        day, precision = published - timedelta(days=n), "day"
    span = (match.group("span") or "").lower()
    if match.group("today") or span == "day":
        precision = "day"
    elif span == "week":
        day, precision = day - timedelta(days=day.weekday()), "week"
    elif span == "month":
        day, precision = day.replace(day=1), "month"
    elif precision == "year":
        day = day.replace(month=1, day=1)
    elif precision == "month":
        day = day.replace(day=1)
    return day, precision, match.group(0)


def _minus_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month]  # fmt: skip
    return date(year, month + 1, min(day.day, last))
