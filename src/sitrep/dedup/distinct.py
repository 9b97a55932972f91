"""Same wording, different happening: the check that keeps distinct reports apart.

Wire and monitor feeds write short reports from one template: "On 5 March 2022, Russian forces
shelled Nikopol (Dnipropetrovsk). No casualties reported." The next item is the same sentence
with another town or another day. Word shingles (:mod:`~sitrep.dedup.minhash`) see two texts
that share most of their words and call them copies; they are two events.

A copy and its original differ by *insertions and deletions* (a repost's header and footer, a
trimmed paragraph, a dropped word) and by small *spelling* changes (typos, quote style, case, a
synonym). Two templated reports differ by *substitutions of the facts that make a report
distinct*: a place or actor name, a number, a date. :func:`conflict` aligns the two texts word
by word and looks only at substitutions inside text they share (a short replaced run with
matching words around it), and reports the first one where both sides carry distinguishing
content (a capitalised name, a number, a month or weekday, a relative day) that is not a
spelling variant of the other side. A wrapped, trimmed or edited repost never has one; a
templated report about another place, day, toll or actor does.

The check is applied to a near-duplicate candidate pair after the similarity test has passed
(:func:`sitrep.pipeline` ``_dedup``); exact copies (same normalised text) never conflict.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Conflict", "conflict", "distinguishing", "tokens"]

#: Longest replaced run (in tokens, each side) still read as a substitution of one fact; a
#: longer one is a paragraph swapped for another (a trimmed paragraph next to a repost's
#: footer), which says nothing about whether the reports are the same.
MAX_SUBSTITUTION = 12

#: Matching runs this short inside a changed region do not split it.
BRIDGE = 2

#: Matching tokens (on the same line) required around a substitution, at least one on each
#: side: fewer is a chance alignment of two unrelated sentences left by trims.
MIN_CONTEXT = 4

#: Two spellings at least this similar (difflib ratio, case-folded) are one name: typos,
#: transliteration variants ("Kharkiv"/"Kharkov"), a dropped diacritic.
SPELLING_RATIO = 0.75

_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\w+(?:['’.,]\w+)*|[^\w\s]|\n")

#: The token standing for a line break: a substitution must have matching words around it on
#: its own line, so a repost's header or footer line swapped for another is never a conflict.
BREAK = "\n"


def _words(text: str) -> list[str]:
    return text.split()


_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_RELATIVE_DAYS = _words("yesterday today tonight tomorrow overnight")
_NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred hundreds "
    "thousand thousands dozen dozens"
)
_TEMPORAL = frozenset(_MONTHS + _WEEKDAYS + _RELATIVE_DAYS)
_NUMBERS = frozenset(_NUMBER_WORDS)

#: Capitalised words that are not names: sentence openers and function words.
_NOT_NAMES = frozenset(
    _words(
        "a an the this that these those there here it its he she they we i you his her their "
        "our my on in at of for from by to with after before during as when while since until "
        "but and or so yet however meanwhile also according no not some many several all one "
        "both each other another police local security reports report sources source officials "
        "witnesses residents earlier later"
    )
)

#: Names that are one actor written two ways (country abbreviation and adjective): a
#: repost's "American troops" for the original's "US troops" is not another actor.
_SAME_ACTOR = (
    frozenset({"us", "u.s", "american", "americans", "usa"}),
    frozenset({"uk", "u.k", "british", "britain"}),
    frozenset({"un", "u.n"}),
    frozenset({"eu", "e.u"}),
    frozenset({"is", "isis", "isil", "daesh", "islamicstate", "islamicstategroup"}),
)
_RELATIVE = frozenset(_RELATIVE_DAYS)


class Conflict(NamedTuple):
    """Why two similar texts are two reports: what one says where the other says something else."""

    kind: str  # "number", "date" or "name"
    first: str  # the replaced words in the first text
    second: str  # ... and in the second

    def describe(self) -> str:
        return f"different {self.kind}: {self.first!r} vs {self.second!r}"


def tokens(text: str) -> list[str]:
    """Words (with in-word apostrophes, dots and commas: ``1,500``, ``U.S``), punctuation and
    one :data:`BREAK` per run of line breaks."""
    found = _TOKEN.findall(unicodedata.normalize("NFKC", text))
    return [t for i, t in enumerate(found) if t != BREAK or (i and found[i - 1] != BREAK)]


def distinguishing(token: str) -> str | None:
    """The kind of fact ``token`` carries (``number``, ``date``, ``name``) or None."""
    if _DIGIT.search(token):
        return "number"
    folded = token.casefold().rstrip(".")
    if folded in _TEMPORAL:
        return "date"
    if folded in _NUMBERS:
        return "number"
    if token[:1].isupper() and folded not in _NOT_NAMES and len(token) > 1:
        return "name"
    return None


@lru_cache(maxsize=1 << 16)
def _key(token: str) -> str:
    """A token as compared: case-folded, number punctuation and apostrophe style dropped."""
    folded = token.casefold().replace("’", "'")
    if "," in folded and _DIGIT.search(folded):
        folded = folded.replace(",", "")
    return folded


def _variant(first: str, second: str) -> bool:
    """Whether two distinguishing tokens are one fact spelt two ways."""
    a, b = _key(first).rstrip("."), _key(second).rstrip(".")
    if a == b:
        return True
    if any(a in group and b in group for group in _SAME_ACTOR):
        return True
    if any(ch.isdigit() for ch in a + b):
        # numbers differ unless a long one has two neighbouring digits swapped (a typo)
        return len(a) == len(b) >= 3 and sorted(a) == sorted(b) and _one_swap(a, b)
    if len(a) == len(b) >= 2 and sorted(a) == sorted(b) and _one_swap(a, b):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SPELLING_RATIO


def _one_swap(a: str, b: str) -> bool:
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1


def _facts(side: list[str]) -> list[tuple[str, str]]:
    out = []
    for token in side:
        kind = distinguishing(token)
        if kind is not None:
            out.append((kind, token))
    return out


def _replaced_conflict(first: list[str], second: list[str]) -> Conflict | None:
    """A conflict inside one replaced run, or None (spelling variants cancel out)."""
    joined_a, joined_b = "".join(map(_key, first)), "".join(map(_key, second))
    if joined_a == joined_b or (
        len(joined_a) == len(joined_b)
        and sorted(joined_a) == sorted(joined_b)
        and _one_swap(joined_a, joined_b)
    ):  # "2:15" typed "21:5", "1B" typed "B1": spacing and one swapped pair of characters
        return None
    facts_a, facts_b = _facts(first), _facts(second)
    # a fact with a spelling variant among the other side's words ("Syria"/"ySria", which a
    # typo left uncapitalised) is the same fact
    left_a = [f for f in facts_a if not any(_variant(f[1], word) for word in second)]
    left_b = [g for g in facts_b if not any(_variant(g[1], word) for word in first)]
    if not left_a or not left_b:
        return None
    names_a = "".join(_key(t).rstrip(".") for k, t in left_a if k == "name")
    names_b = "".join(_key(t).rstrip(".") for k, t in left_b if k == "name")
    if names_a and names_b and any(names_a in g and names_b in g for g in _SAME_ACTOR):
        return None  # "Islamic State" / "ISIS": one actor named two ways
    relative_a = all(_key(t) in _RELATIVE for _, t in left_a)
    relative_b = all(_key(t) in _RELATIVE for _, t in left_b)
    if relative_a != relative_b and all(k in ("date", "number") for k, _ in left_a + left_b):
        # a repost a day later writes the original's "yesterday" as "on Sunday" or a date:
        # the same day, told from another day
        return None
    kinds_a = {kind for kind, _ in left_a}
    kinds_b = {kind for kind, _ in left_b}
    shared = kinds_a & kinds_b
    # a date written as a number on one side ("5 March" vs "Saturday") is still a date
    kind = sorted(shared)[0] if shared else ("date" if "date" in kinds_a | kinds_b else "name")
    return Conflict(kind, " ".join(first), " ".join(second))


def _regions(opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Changed regions: runs of non-equal opcodes joined across matching runs of at most
    :data:`BRIDGE` tokens (difflib splits "access to the prison of Dunkerque" / "entrance of
    Draguignan prison" at the shared "prison")."""
    regions: list[list[int]] = []
    pending: list[int] | None = None
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            if pending is not None and i2 - i1 > BRIDGE:
                regions.append(pending)
                pending = None
            continue
        if pending is None:
            pending = [i1, i2, j1, j2]
        else:
            pending[1], pending[3] = i2, j2
    if pending is not None:
        regions.append(pending)
    return [(r[0], r[1], r[2], r[3]) for r in regions]


def conflict(first: str, second: str) -> Conflict | None:
    """The first substituted fact that makes ``first`` and ``second`` two reports, or None.

    Only substitutions count: a changed region of at most :data:`MAX_SUBSTITUTION` tokens on
    each side, both sides non-empty, inside one line, with matching tokens on its line on both
    sides (:data:`MIN_CONTEXT` in all). Insertions and deletions are what reposts do.
    """
    a, b = tokens(first), tokens(second)
    if not a or not b:
        return None
    ka, kb = [_key(t) for t in a], [_key(t) for t in b]
    if ka == kb:
        return None
    opcodes = SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    replaced = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in opcodes if tag == "replace"]
    for i1, i2, j1, j2 in _regions(opcodes) + replaced:
        if i1 == i2 or j1 == j2:  # inserted or deleted only
            continue
        if i2 - i1 > MAX_SUBSTITUTION or j2 - j1 > MAX_SUBSTITUTION:
            continue
        if BREAK in ka[i1:i2] or BREAK in kb[j1:j2]:
            continue
        # matching words on the same line on both sides: a substitution inside a sentence
        left, right = _matching_before(ka, kb, i1, j1), _matching_after(ka, kb, i2, j2)
        line_start = (i1 == 0 or ka[i1 - 1] == BREAK) and (j1 == 0 or kb[j1 - 1] == BREAK)
        if left == 0 and line_start and right >= MIN_CONTEXT and max(i2 - i1, j2 - j1) <= 3:
            pass  # "Islamic State fighters attacked ..." / "PKK fighters attacked ...": the
            # sentence's first words are the fact, the rest of its line is the template
        elif not (left and right) or left + right < MIN_CONTEXT:
            continue
        found = _replaced_conflict(a[i1:i2], b[j1:j2])
        if found is not None:
            return found
    return None


def _matching_before(ka: list[str], kb: list[str], i: int, j: int) -> int:
    n = 0
    while i - n > 0 and j - n > 0 and ka[i - n - 1] == kb[j - n - 1] != BREAK:
        n += 1
    return n


def _matching_after(ka: list[str], kb: list[str], i: int, j: int) -> int:
    n = 0
    while i + n < len(ka) and j + n < len(kb) and ka[i + n] == kb[j + n] != BREAK:
        n += 1
    return n
