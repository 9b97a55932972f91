"""Which title to trust: a scored choice over the candidates a page offers.

A page offers several title candidates: the title the user or a JSON record gives, the
document's own metadata (HTML ``<title>``/``og:title``, a PDF's Info title), and the first
headline line of the text. Each is checked against what titles are *not*, as met on real
pages:

* a calendar date line ("রবিবার, ১৫ ফেব্রুয়ারি ২০২৬", "Sunday, 8 February 2026");
* the outlet's or the aggregator's own name (a feed repost titled "Regional News Aggregator",
  a page titled "The National - News": masthead and section);
* a PDF producer's placeholder ("Enscript Output", "Microsoft Word - draft3.docx", "untitled").

:func:`choose_title` scores each candidate: a disqualified one scores 0, otherwise the
candidate's rank (given > metadata > headline line) with a small bonus for a headline that
reads like one (3 to 25 words). The best non-zero candidate wins; the reason each other one
lost is kept for tracing (:attr:`TitleChoice.rejected`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.ingest.clean.text import date_line

__all__ = ["TitleChoice", "choose_title", "title_flaw"]

#: Candidate kinds, most trusted first.
RANK = {"given": 3.0, "meta": 2.0, "headline": 1.0}

_PRODUCER = re.compile(
    r"^(?:enscript output|untitled(?: document)?|document\d*|output|print|microsoft (?:word|"
    r"powerpoint|excel)\b.*|.*\.(?:docx?|pdf|odt|rtf|txt|html?)|page \d+|slide \d+|"
    r"(?:gnu )?enscript.*|pdf(?:creator|writer)?.*|acrobat.*|ghostscript.*)$",
    re.I,
)
_SECTION = re.compile(r"^(?P<name>.{2,60}?)\s+[-|–—:]\s+(?P<section>[\w &]{2,30})$")
_SECTIONS = {
    "news", "home", "world", "latest", "latest news", "breaking news", "politics", "opinion",
    "middle east", "region", "homepage", "front page", "top stories", "local", "national",
}  # fmt: skip


def _squash(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").lower())


def title_flaw(title: str, outlets: tuple[str | None, ...] = ()) -> str | None:
    """Why ``title`` is not an article's title, or None when nothing is wrong with it."""
    text = title.strip()
    if not text:
        return "empty"
    if date_line(text):
        return "a date line"
    if _PRODUCER.match(text):
        return "a document producer's placeholder"
    squashed = _squash(text)
    for outlet in outlets:
        if outlet and squashed == _squash(outlet):
            return "the outlet's own name"
    section = _SECTION.match(text)
    if section and section.group("section").strip().lower() in _SECTIONS:
        return "a masthead and section"
    return None


@dataclass
class TitleChoice:
    title: str | None
    kind: str | None
    rejected: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, why)


def choose_title(
    candidates: list[tuple[str, str | None]], outlets: tuple[str | None, ...] = ()
) -> TitleChoice:
    """The best of ``candidates`` ((kind, title) with kind in :data:`RANK`)."""
    choice = TitleChoice(None, None)
    best = 0.0
    for kind, title in candidates:
        if not title or not title.strip():
            continue
        flaw = title_flaw(title, outlets)
        if flaw:
            choice.rejected.append((kind, title, flaw))
            continue
        words = len(title.split())
        score = RANK.get(kind, 0.5) + (0.25 if 3 <= words <= 25 else 0.0)
        if score > best:
            best, choice.title, choice.kind = score, title.strip(), kind
    return choice
