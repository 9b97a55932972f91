"""Name keys that survive transliteration.

News reports spell the same Arabic, Kurdish or Persian place or group in many Latin ways:
"Ain al-Asad", "Ayn al Assad", "Al-Asad"; "Hasakah", "Hasakeh", "al-Hasaka". Both the
gazetteer and the actor knowledge base index names under a *key* that folds these variants
together, so a lookup is one exact match on the key instead of a fuzzy search over every name.

The folding is deliberately conservative: it removes articles, collapses doubled letters and
evens out the common vowel and ending spellings, but it keeps consonants, so "Hit" and "Hat"
stay apart. Near misses beyond that are left to the fuzzy fallback of each caller.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii

#: Arabic definite-article spellings, dropped wherever they stand as their own token.
ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "adh", "ath", "ul", "il", "ez", "ed",
     "es", "esh", "et", "er", "ud", "uz", "ur"}
)  # fmt: skip

#: Whole-token spellings of common name parts, mapped to one form.
TOKEN_FORMS = {
    "ayn": "ain", "ein": "ain", "ayin": "ain", "aayn": "ain",
    "tall": "tal", "tell": "tal", "tel": "tal", "til": "tal",
    "dayr": "deir", "dair": "deir", "dier": "deir", "der": "deir",
    "jebel": "jabal", "jabel": "jabal", "jbel": "jabal",
    "abou": "abu", "albu": "abu", "bou": "abu",
    "sayyida": "sayida", "sitt": "sayida",
    "mount": "mt", "saint": "st",
}  # fmt: skip

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]")
_ARABIC_FORMS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ک": "ك", "ی": "ي"}
)
_APOSTROPHES = re.compile(r"['’‘`ʿʾ´ʼ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
#: Distinct strings whose fold and key are remembered: a news corpus repeats the same names
#: and capitalised runs over and over (the actor spotter and the geoparser key every run), and
#: the folding (NFKC, anyascii, several regexes) costs far more than a dictionary lookup.
#: Bounded so that a long-running worker does not grow without limit.
CACHE_SIZE = 1 << 17

_ENDINGS = (
    ("iyyah", "iya"), ("iyyeh", "iya"), ("iyah", "iya"), ("iyeh", "iya"), ("iyya", "iya"),
    ("ieh", "iya"), ("iye", "iya"), ("ah", "a"), ("eh", "a"),
)  # fmt: skip


def has_arabic(text: str) -> bool:
    """True when the text contains Arabic-script letters."""
    return bool(_ARABIC.search(text))


@functools.lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """Lower-case ASCII with punctuation turned into single spaces ("Ma'arrat an-Nu'man" ->
    "maarrat an numan"). Apostrophes and ayn/hamza marks vanish rather than split words."""
    text = unicodedata.normalize("NFKC", text)
    text = _APOSTROPHES.sub("", text)
    text = anyascii(text).lower()
    text = _APOSTROPHES.sub("", text)
    return _NON_ALNUM.sub(" ", text).strip()


def _arabic_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FORMS)
    words = []
    for word in re.findall(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF0-9]+", text):
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return "ar:" + "".join(words) if words else ""


def _latin_token(token: str) -> str:
    token = TOKEN_FORMS.get(token, token)
    for ending, replacement in _ENDINGS:
        if len(token) > len(ending) + 1 and token.endswith(ending):
            token = token[: -len(ending)] + replacement
            break
    return token


@functools.lru_cache(maxsize=CACHE_SIZE)
def name_key(text: str) -> str:
    """The index key of a name: equal for spellings that differ only by transliteration.

    ``name_key("Ain al-Asad") == name_key("Ayn al Assad") == name_key("AIN ALASAD")`` is not
    promised for the last (glued article), but hyphens, spaces, articles, doubled letters,
    -iya/-iyah/-iyeh endings, ou/u, ee/i and q/k all fold. Arabic-script names get a separate
    ``ar:`` key built from the Arabic letters (alef forms, ta marbuta and the article evened out).
    Returns "" for text with nothing to index.
    """
    if has_arabic(text):
        return _arabic_key(text)
    tokens = fold(text).split()
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in ARTICLES]
        tokens = kept or tokens
    key = "".join(_latin_token(t) for t in tokens)
    key = key.replace("ou", "u").replace("ee", "i").replace("oo", "u").replace("q", "k")
    key = key.replace("dh", "d").replace("kh", "k").replace("gh", "g")
    return _DOUBLED.sub(r"\1", key)


@functools.lru_cache(maxsize=CACHE_SIZE)
def display_fold(text: str) -> str:
    """Case- and accent-insensitive form that keeps spelling (for "exact name" bonuses)."""
    return " ".join(fold(text).split())
