"""Language of an article: a cheap script check first, langdetect for Latin and other scripts.

Arabic, Persian, Bengali, Hebrew and Devanagari text is recognised from its characters alone
(Persian by the letters Arabic lacks), and English by the share of its function words; both are
faster than statistical detection and more reliable on short texts. langdetect runs with a fixed seed so that a text always gets the same
answer, and only on the first few thousand characters.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0

_SAMPLE = 3000
# langdetect's cost grows with the text; a few hundred characters decide reliably.
_DETECT_SAMPLE = 600
# English function words: in English news prose they are a quarter or more of all words, in
# other Latin-script languages a few percent, so a high share settles English without langdetect.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "it",
        "from",
        "said",
        "were",
        "has",
        "have",
        "had",
        "be",
        "been",
        "an",
        "are",
        "which",
        "their",
        "they",
        "he",
        "his",
        "after",
        "its",
        "who",
        "not",
        "but",
        "this",
        "or",
        "will",
        "would",
    ]
)
_WORD = re.compile(r"[A-Za-z']+")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bn", re.compile(r"[\u0980-\u09ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_PERSIAN_LETTERS = re.compile(r"[پچژگکی]")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        return None
    for code, pattern in _SCRIPTS:
        share = len(pattern.findall(sample)) / letters
        if share > 0.5:
            if code == "arabic":
                return "fa" if len(_PERSIAN_LETTERS.findall(sample)) > 0.02 * letters else "ar"
            return code
    words = _WORD.findall(sample[:1500].lower())
    if len(words) >= 15 and sum(w in _ENGLISH for w in words) / len(words) >= 0.2:
        return "en"
    try:
        code = detect(sample[:_DETECT_SAMPLE])
    except LangDetectException:
        return None
    return code.split("-")[0]


#: Languages the event coder reads. An article in another language is stored, deduplicated
#: and searchable, but yields no events; every surface says so (``language_note``).
CODED_LANGUAGES: frozenset[str] = frozenset({"en"})

_LANGUAGE_NAMES = {
    "ar": "Arabic", "fa": "Persian", "fr": "French", "ku": "Kurdish", "tr": "Turkish",
    "bn": "Bengali", "he": "Hebrew", "hi": "Hindi", "de": "German", "es": "Spanish",
    "ru": "Russian", "uk": "Ukrainian", "it": "Italian", "pt": "Portuguese",
}  # fmt: skip


def language_note(language: str | None) -> str | None:
    """Why an article in ``language`` gives no events, or None when its language is coded
    (or unknown: the coder then tries it)."""
    if not language or language in CODED_LANGUAGES:
        return None
    name = _LANGUAGE_NAMES.get(language, language)
    coded = ", ".join(sorted(CODED_LANGUAGES))
    return f"language {language} ({name}) is not coded yet: events are extracted from {coded} only"
