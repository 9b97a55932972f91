"""Cheap exact pre-checks for regular expressions run over every sentence.

The actor spotters run some thirty case-insensitive patterns over each candidate sentence, and
Python's ``re`` tries a case-insensitive alternation at every character: most of the time it
finds nothing. Each pattern, though, needs one of a few words to be in the text at all ("gunmen",
"militia", "troops" ...). :func:`required_words` reads those words off the compiled pattern's
syntax tree, and :class:`Gated` skips the regex when none of them is in the lower-cased text.

The check is exact, never a heuristic: a match of the pattern always contains one of the words
(lower-cased, as a plain substring), so skipping the regex can never lose a match. Two details
keep it so: only ASCII letters, digits and plain punctuation are taken into the words (the
lower-casing of those is one-to-one), and the four non-ASCII characters that Python's
case-insensitive matching equates with ASCII letters ("İ", "ı", "ſ" and the Kelvin sign) send
the text to the regex unchecked. A pattern whose words cannot be read off (a feature the reader
does not know) is always run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons keep the same API under these names
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["Gated", "required_words", "lower_for_gate"]

#: Characters outside ASCII that Python's case-insensitive matching equates with ASCII letters
#: (found by trying every code point against ``(?i)[a-z]``).
_ASCII_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")

#: Literal characters the words may hold: ASCII, whose lower-casing maps one to one.
_PLAIN = frozenset(chr(c) for c in range(0x20, 0x7F))

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}
if hasattr(_sre, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}


def required_words(pattern: re.Pattern[str] | str) -> frozenset[str] | None:
    """Lower-case words of which every match of ``pattern`` contains at least one, or None when
    no such set can be read off the pattern (then it must always run)."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    try:
        tree = _sre_parse.parse(source, flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply never gated
        return None
    try:
        return _sequence(tree)
    except Exception:  # noqa: BLE001 - an unknown node: no gate rather than a wrong one
        return None


def _sequence(items: Any) -> frozenset[str] | None:
    """Required words of a sequence of nodes: the most selective of the literal runs and the
    required sets of its parts (any one of them is necessary, so the best one will do)."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is _sre.LITERAL and chr(av) in _PLAIN:
            run.append(chr(av))
        elif op in _ZERO_WIDTH:
            continue  # consumes nothing: the literals on either side stay adjacent in the text
        elif op is _sre.SUBPATTERN:
            flush()
            child = _sequence(av[-1])
            if child:
                options.append(child)
        elif op is _sre.BRANCH:
            flush()
            branches = [_sequence(branch) for branch in av[1]]
            if all(branches):
                options.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in _REPEATS:
            flush()
            low, _, child_items = av
            if low >= 1:
                child = _sequence(child_items)
                if child:
                    options.append(child)
        else:
            flush()  # a class, any character, a back reference ...: nothing required here
    flush()
    if not options:
        return None
    # the most selective set: its shortest word longest, then the fewest words
    return max(options, key=lambda words: (min(len(w) for w in words), -len(words)))


def lower_for_gate(text: str) -> str | None:
    """The text as :meth:`Gated.finditer` compares it (lower case), or None when it holds a
    character that case-insensitive matching equates with an ASCII letter (then every pattern
    runs)."""
    if not text.isascii() and any(c in text for c in _ASCII_LOOKALIKES):
        return None
    return text.lower()


class Gated:
    """A compiled pattern with its required words: ``finditer`` returns nothing without running
    the regex when the text has none of them."""

    __slots__ = ("regex", "words")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        words = required_words(regex)
        self.words: tuple[str, ...] | None = tuple(sorted(words)) if words else None

    def may_match(self, lower: str | None) -> bool:
        """Whether the pattern can match a text whose :func:`lower_for_gate` is ``lower``."""
        if lower is None or self.words is None:
            return True
        return any(word in lower for word in self.words)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``, skipped when it cannot match."""
        return self.finditer_lower(text, lower_for_gate(text))

    def finditer_lower(self, text: str, lower: str | None) -> Iterator[re.Match[str]]:
        """:meth:`finditer` with ``lower = lower_for_gate(text)`` computed by the caller, once
        for all the patterns that read the same text."""
        if not self.may_match(lower):
            return iter(())
        return self.regex.finditer(text)
