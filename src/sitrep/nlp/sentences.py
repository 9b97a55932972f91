"""Sentence and paragraph boundaries in news text.

Event records cite the sentence that reports them, so sentence spans must be stable character
offsets into the article's clean text. News prose defeats naive splitting on full stops: military
ranks ("Lt. Col."), country abbreviations ("U.S."), clock times ("3 a.m."), numbered items
("No. 3"), decimals, quoted speech and wire datelines ("BAGHDAD (Reuters) -") are everywhere.
This module uses a small rule set instead of a trained model: it is fast, deterministic and easy
to correct when a new failure turns up.

Rules, in order:

1. A blank line always ends a sentence (paragraph break).
2. A line that starts with a bullet ("-", "*", "•", "1.", "a)") starts a new sentence.
3. Inside a paragraph, ``.``, ``!``, ``?`` (optionally followed by closing quotes or brackets)
   end a sentence when the next word starts with an upper-case letter, a digit or an opening
   quote -- unless the token before the full stop is a known abbreviation or an initial.
4. Abbreviations that often end a sentence too ("U.S.", "a.m.") end it when the next word is a
   typical sentence opener ("The", "It", "A" ...).
"""

from __future__ import annotations

import re

__all__ = ["paragraphs", "split_sentences"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Tokens that, followed by a full stop, do not end a sentence. Lower-case, without the stop.
_ABBREVIATIONS = _words(
    """
    gen lt col maj capt cpt sgt cpl pvt spc adm cmdr cdr brig mr mrs ms dr prof sen rep gov
    pres st jr sr rev hon fr mt ft gens sens reps insp supt det cmdt lieut
    no nos vol vols fig figs p pp art arts ch sec
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc corp ltd co bros dept govt est approx vs etc al cf ca
    """
)

# Dotted abbreviations that may also be the last word of a sentence.
_AMBIGUOUS_DOTTED = frozenset({"u.s", "u.k", "u.n", "a.m", "p.m", "e.u", "d.c", "u.s.a"})

# Words that typically open a sentence; after an ambiguous abbreviation they signal a boundary.
_OPENERS = _words(
    """
    the a an it its he she they we i this that these those there his her their in on at
    after before but however meanwhile separately earlier later no one two three officials
    according while when since as if iran iraq iraqi us american syria syrian israel
    """
)

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_BULLET = re.compile(
    r"[ \t]*(?:[-*\u2022\u2023\u25cf\u25e6\u2013\u2014]|\d{1,3}[.)]|[a-zA-Z][)])[ \t]+"
)
# A candidate end: terminal punctuation, then closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_TOKEN = re.compile(r"\s+([\"'\u201c\u2018(\[]?)(\S*)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``text`` (blank-line separated, whitespace trimmed).

    Clean article text separates paragraphs by blank lines; keeping the spans lets callers find
    the paragraph a sentence belongs to (for the year context of dates, for instance).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BLANK_LINE.finditer(text):
        _append_trimmed(text, pos, match.start(), spans)
        pos = match.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, in order, whitespace trimmed.

    Never crosses a paragraph break; see the module docstring for the rules.
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        for l_start, l_end in _blocks(text, p_start, p_end):
            _split_block(text, l_start, l_end, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph at lines that start a bullet item (each item is its own block)."""
    blocks: list[tuple[int, int]] = []
    block_start = start
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            break
        next_line = newline + 1
        if _BULLET.match(text, next_line, end) or (
            _is_heading_line(text, line_start, newline)
            and text[next_line : next_line + 1].isupper()
        ):
            blocks.append((block_start, newline))
            block_start = next_line
        line_start = next_line
    blocks.append((block_start, end))
    return [b for b in blocks if text[b[0] : b[1]].strip()]


def _is_heading_line(text: str, start: int, end: int) -> bool:
    """A short line without final punctuation followed by more text is a heading or label."""
    line = text[start:end].strip()
    if not line or len(line) > 80 or line[-1] in ".!?,;:\"'\u201d)":
        return False
    return line[0].isupper() and len(line.split()) <= 8 and not line.endswith((" -", "\u2014"))


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    sent_start = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        marker = text[sent_start : match.start()].strip()
        if (len(marker) <= 3 and marker.isdigit()) or (len(marker) == 1 and marker.isalpha()):
            continue  # a list marker ("1.", "a.") opens the block, it does not end a sentence
        if _is_boundary(text, match.start(), stop, end):
            _append_trimmed(text, sent_start, stop, spans)
            sent_start = stop
    _append_trimmed(text, sent_start, end, spans)


def _is_boundary(text: str, punct_start: int, stop: int, end: int) -> bool:
    """Whether the punctuation at ``punct_start`` ends the sentence."""
    nxt = _NEXT_TOKEN.match(text, stop, end)
    if nxt is None:
        return False
    opening, word = nxt.group(1), nxt.group(2)
    if not word and not opening:
        return False
    first = word[:1]
    if not (first.isupper() or first.isdigit() or opening or (first and not first.isalpha())):
        return False
    if text[punct_start] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, punct_start - 20), punct_start)
    if before is None:
        return True
    token = before.group(1).lower().rstrip(".")
    bare = token.replace(".", "")
    if "." in token or (len(bare) == 1 and before.group(1)[0].isupper()):
        # a dotted abbreviation ("U.S.", "a.m.") or an initial ("J. Smith")
        if token in _AMBIGUOUS_DOTTED:
            return word.lower().strip("\"'\u201c\u2018,") in _OPENERS and word[:1].isupper()
        return False
    if token in _ABBREVIATIONS:
        if token in {"no", "nos", "p", "pp", "art", "fig", "vol", "sec", "ch"}:
            return not first.isdigit()
        if token in _MONTH_ABBREVIATIONS:
            return not first.isdigit()
        return False
    return True


_MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
