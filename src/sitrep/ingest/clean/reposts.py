"""Repost credits: lines that say an article first appeared elsewhere.

Aggregators and partner sites republish wire copy and other outlets' reporting with a credit
line. The credited outlet becomes ``ParsedArticle.original_outlet`` (so the event's sources name
who actually reported it, and the duplicate finder knows the copies are one report) and the credit
line leaves the text.
"""

from __future__ import annotations

import re

from sitrep.ingest.outlets import clean_outlet_name

_NAME = r"(?P<name>.{2,120}?)"
_CREDIT_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"^the original source of this article is\s+" + _NAME + r"\.?$",
        r"^(?:this|the) (?:article|story|piece|report|post) (?:was|is|has been) (?:first |originally )?(?:published|posted|produced|written) (?:by|on|in|at|for)\s+"
        + _NAME
        + r"\.?$",
        r"^(?:this|the) (?:article|story|piece|report) (?:was|is|has been) republished (?:with permission )?(?:from|by)\s+"
        + _NAME
        + r"\.?$",
        r"^(?:first|originally) (?:published|appeared|posted) (?:by|on|in|at)\s+" + _NAME + r"\.?$",
        r"^(?:this (?:article|story) )?(?:first|originally) appeared (?:on|in|at)\s+"
        + _NAME
        + r"\.?$",
        r"^republished (?:with permission )?(?:from|by|courtesy of)\s+" + _NAME + r"\.?$",
        r"^(?:article|source|sources|via|courtesy(?: of)?|credit)\s*:\s*" + _NAME + r"\.?$",
        r"^\((?P<name>[A-Z][\w .&'/-]{1,40})\)\s*[—–-]*\s*$",
    )
)
# "(Reuters) — Rockets hit ..." at the start of a paragraph: a credit, then the story.
_CREDIT_PREFIX = re.compile(r"^\((?P<name>[A-Z][\w .&'/-]{1,40})\)\s*[—–-]{1,2}\s+(?=\S)")
# "BAGHDAD (Reuters) -", "Washington, Jan 28 (AP) —": a dateline with a wire credit.
_DATELINE_CREDIT = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?)"
    r"(?P<date>,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"\((?P<name>[A-Z][\w .&'/-]{1,40})\)\s*[—–-]{1,2}\s+"
)
_NOT_OUTLETS = {"photo", "file", "file photo", "video", "updated", "live", "analysis", "opinion"}


def credit_line(line: str) -> str | None:
    """The outlet a whole-line repost credit names, or None when the line is not one."""
    stripped = line.strip().strip("*_").strip()
    if len(stripped) > 200:
        return None
    for pattern in _CREDIT_PATTERNS:
        match = pattern.match(stripped)
        if match:
            name = clean_outlet_name(match.group("name"))
            if name and name.lower() not in _NOT_OUTLETS and len(name.split()) <= 8:
                return name
    return None


def credit_prefix(paragraph: str) -> tuple[str, str] | None:
    """(outlet, paragraph without the credit) for "(Reuters) — text", else None."""
    match = _CREDIT_PREFIX.match(paragraph)
    if not match:
        return None
    name = clean_outlet_name(match.group("name"))
    if not name or name.lower() in _NOT_OUTLETS:
        return None
    return name, paragraph[match.end() :]


def dateline_credit(paragraph: str) -> tuple[str, str, str | None] | None:
    """(place, outlet, date text) for a paragraph opening "BAGHDAD (Reuters) —", else None."""
    match = _DATELINE_CREDIT.match(paragraph[:200])
    if not match:
        return None
    name = clean_outlet_name(match.group("name"))
    if not name or name.lower() in _NOT_OUTLETS:
        return None
    date = match.group("date")
    return match.group("place").strip(), name, date.strip(" ,") if date else None
