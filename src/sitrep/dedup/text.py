"""Text normalisation for duplicate detection: one canonical spelling of an article's words.

Two copies of the same article rarely match byte for byte: one site uses curly quotes, another
straight ones; one wraps lines, another collapses them; a third shouts the first sentence in
capitals. Hashes and shingles are therefore computed on a normalised form that forgets exactly
those differences (case, whitespace, quote and dash style, punctuation between words) and keeps
everything that carries meaning, digits above all: "3 rockets" and "8 rockets" must stay apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from sitrep.errors import ConfigError

__all__ = ["DEFAULT_SHINGLE_SIZE", "exact_hash", "normalize_for_hash", "shingles", "words"]

#: Word shingle length; chosen on the generated benchmark corpus (see docs/dedup.md).
DEFAULT_SHINGLE_SIZE = 4

# Every quote and apostrophe look-alike becomes the ASCII one, so "don’t" and "don't" agree.
_QUOTES = tuple(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "\u0060": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2033": '"', "\u2039": "'", "\u203a": "'",
    }.items()
)  # fmt: skip

# A word: letters/digits, optionally joined by an apostrophe or by a dot or comma between
# alphanumerics ("don't", "1,500", "3.5", "u.s"). Everything else is a separator.
_WORD = re.compile(r"\w+(?:['.,]\w+)*")


def normalize_for_hash(text: str) -> str:
    """The text's words, case-folded and single-space separated.

    Unicode is NFKC-normalised (full-width digits, ligatures), quotes unified, punctuation and
    whitespace between words dropped; digits and in-word punctuation (``1,500``, ``don't``) are
    kept because they distinguish articles.
    """
    text = unicodedata.normalize("NFKC", text)
    if "`" in text or not text.isascii():
        for fancy, plain in _QUOTES:  # str.replace per quote is far faster than translate
            if fancy in text:
                text = text.replace(fancy, plain)
    folded = text.casefold()
    return " ".join(_WORD.findall(folded))


def words(text: str) -> list[str]:
    """The normalised words of ``text`` (the units shingles are made of)."""
    return normalize_for_hash(text).split()


def exact_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: equal for copies that differ only in form."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def shingles(text: str, k: int = DEFAULT_SHINGLE_SIZE) -> set[str]:
    """The set of ``k``-word shingles of the normalised text, each as space-joined words.

    A text shorter than ``k`` words gives one shingle (the whole text) so that short items
    can still be compared; an empty text gives the empty set.
    """
    if k < 1:
        raise ConfigError(f"dedup shingle size must be at least 1, got {k}")
    tokens = words(text)
    if len(tokens) <= k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}
