"""Numbers in news prose: casualty counts and munition counts.

ACLED's ``fatalities`` column is "the most conservative credible figure", and vague amounts take
fixed values. This module turns phrases such as "at least 12", "two dozen", "between 17 and 25"
or "dozens" into a ``(minimum, maximum)`` pair, finds the killed and injured figures of a
sentence, and counts the rockets, missiles and drones it mentions. The vague-number table is
:data:`VAGUE_AMOUNTS` (see docs/nlp.md for where each value comes from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "VAGUE_AMOUNTS",
    "Count",
    "fatalities_acled",
    "find_casualties",
    "find_munitions",
    "parse_number",
]


@dataclass
class Count:
    """A number found in text: a range (equal ends for an exact figure) and where it was.

    ``vague`` marks fixed values for vague amounts ("dozens" = 12) and approximations ("about",
    "up to"); ``kind`` names what was counted for munitions ("rocket", "drone" ...).
    """

    value_min: int
    value_max: int
    text: str
    start: int
    end: int
    vague: bool
    kind: str | None = None


#: Fixed values for vague amounts, after ACLED's practice ("dozens" = 12, "hundreds" = 100) and,
#: for small amounts, the values its coders used for "several" in the 2022 dev sample (3).
VAGUE_AMOUNTS: dict[str, int] = {
    "dozens": 12, "dozens of": 12, "hundreds": 100, "hundreds of": 100, "thousands": 1000,
    "thousands of": 1000, "scores": 20, "scores of": 20, "several": 3, "a few": 3, "few": 3,
    "a handful": 3, "a handful of": 3, "a number of": 3, "many": 3, "numerous": 3,
    "a couple": 2, "a couple of": 2, "tens of": 10, "multiple": 2,
}  # fmt: skip

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12,
    "both": 2, "pair": 2, "a pair of": 2,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_ARABIC_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "0123456789" * 2,
)

# Qualifiers in front of a number; all keep the stated figure (the conservative reading).
_QUALIFIER = (
    r"(?:at\s+least|more\s+than|over|nearly|almost|about|around|approximately|some|up\s+to|"
    r"as\s+many\s+as|an\s+estimated|roughly|fewer\s+than|less\s+than|no\s+fewer\s+than|"
    r"no\s+less\s+than|a\s+total\s+of|at\s+most|close\s+to|upwards\s+of|a\s+further|another)"
)
_APPROXIMATE = re.compile(
    r"^(?:more|over|nearly|almost|about|around|approximately|some|up|as\s+many|an\s+estimated|"
    r"roughly|fewer|less|close|upwards)\b"
)
_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|dozen)"
)
_WORDS = _WORD + r"(?:(?:\s+and\s+|[\s-]+)" + _WORD + r"){0,7}"  # bounded: no runaway backtracking
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
_VAGUE = (
    r"dozens(?:\s+of)?|hundreds(?:\s+of)?|thousands(?:\s+of)?|scores(?:\s+of)?|several|"
    r"a\s+few|a\s+handful(?:\s+of)?|a\s+number\s+of|many|numerous|a\s+couple(?:\s+of)?|"
    r"tens\s+of|multiple"
)
_CORE = r"(?:(?:a\s+|an\s+)?" + _WORDS + r"|" + _DIGITS + r"|" + _VAGUE + r")"
_RANGE = (
    r"(?:between\s+"
    + _CORE
    + r"\s+(?:and|to)\s+"
    + _CORE
    + r"|"
    + _CORE
    + r"(?:\s*(?:-|\u2013|to|or)\s*"
    + _CORE
    + r")?)"
)
#: A number phrase: optional qualifier, then a figure or a range of figures.
NUMBER = r"(?:" + _QUALIFIER + r"\s+)?" + _RANGE
_NUMBER_OR_A = r"(?:" + NUMBER + r"|an?)"

_NUMBER_ONLY = re.compile(r"^\s*(?:" + _QUALIFIER + r"\s+)?(?P<body>.+?)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"^between\s+(.+?)\s+(?:and|to)\s+(.+)$")
_RANGE_SPLIT = re.compile(r"^(.+?)\s*(?:-|\u2013|\bto\b|\bor\b)\s*(.+)$")


def parse_number(text: str) -> tuple[int, int] | None:
    """``(minimum, maximum)`` for a number phrase, or None when it is not one.

    "seven" -> (7, 7); "two dozen" -> (24, 24); "dozens" -> (12, 12); "15 to 20" -> (15, 20);
    "at least 5" -> (5, 5); "more than 100" -> (100, 100) (the stated figure, conservatively);
    "1,200" -> (1200, 1200); "a"/"an" -> (1, 1). Never raises.
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    match = _NUMBER_ONLY.match(text.translate(_ARABIC_DIGITS).lower())
    if match is None:
        return None
    body = " ".join(match.group("body").split())
    between = _BETWEEN.match(body)
    parts = between.groups() if between else None
    if parts is None:
        single = _single(body)
        if single is not None:
            return single, single
        split = _RANGE_SPLIT.match(body)
        parts = split.groups() if split else None
    if parts is None:
        return None
    low, high = _single(parts[0]), _single(parts[1])
    if low is None or high is None:
        return None
    return min(low, high), max(low, high)


def _single(text: str) -> int | None:
    """The value of one figure: digits, number words or a vague amount."""
    text = text.strip()
    if text in VAGUE_AMOUNTS:
        return VAGUE_AMOUNTS[text]
    digits = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand))?", text)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        if digits.group(2):
            value *= _SCALES[digits.group(2)]
        return int(value) if value < 10**12 else None
    return _words_value(text)


def _words_value(text: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words or len(words) > 12:
        return None
    if words[0] in {"a", "an"} and len(words) > 1:
        words[0] = "one"
    total = 0
    current = 0
    seen = False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word] if word != "dozen" else 0
            if word == "dozen":
                current = (current or 1) * 12
            seen = True
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] > 100:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


# --------------------------------------------------------------------------- casualties

_PERSON = r"(?:(?!(?:and|or|were|was|had|have|in|on|at|by|after|of|while|when)\b)[A-Za-z][\w'.-]*\s+){0,6}?"
_EVENT_NOUNS = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|blasts?|explosions?|rockets?|drones?|bombs?|missiles?|"
    r"shelling|raids?|bombings?|clash(?:es)?|ambush|barrage|mortars?|incident|fighting)\b",
    re.IGNORECASE,
)
_BE = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|got)\s+)?"
_ADVERB = r"(?:(?:reportedly|also|allegedly|later|all|each|mostly|likely|initially)\s+)?"
_KILLED = (
    r"(?:(?:shot|stabbed|beaten|hacked|burned|burnt|tortured)\s+(?:and\s+killed|dead|to\s+death)|"
    r"gunned\s+down|killed|dead|died|slain|perished|lost\s+their\s+lives|executed|massacred|"
    r"beheaded|lynched|assassinated)"
)
# After a passive "killed", an object means the verb was active ("an attack killed two").
_NO_OBJECT = (
    r"(?!\s+(?:at\s+least\s+|more\s+than\s+|over\s+)?(?:\d|(?:an?|the|his|her|their|him|"
    r"them|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|scores)\b))"
)
_INJURED = (
    r"(?:wounded|injured|hurt|maimed|(?:suffered|sustained|received|were\s+treated\s+for|"
    r"diagnosed\s+with|treated\s+for)\s+(?:(?:minor|serious|severe|mild|possible|critical)\s+)?"
    r"(?:traumatic\s+brain\s+injur(?:y|ies)|TBIs?|injur(?:y|ies)|wounds|concussions?))"
)


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile case-insensitively; a leading ``\\b`` becomes a look-behind (faster to reject)."""
    if pattern.startswith("\\b"):
        pattern = "(?<!\\w)" + pattern[2:]
    return re.compile(pattern, re.IGNORECASE)


#: People a possessive names one at a time ("his wife", "their son"): each counts as one.
_ONE_PERSON = (
    r"(?:wife|husband|son|daughter|child|baby|mother|father|brother|sister|uncle|aunt|cousin|"
    r"nephew|niece|grandson|granddaughter|grandmother|grandfather|mother-in-law|father-in-law|"
    r"son-in-law|daughter-in-law|brother-in-law|sister-in-law|fianc[eé]e?|partner|friend|"
    r"neighbou?r|colleague|bodyguard|driver|guard|employer|employee|relative|companion)"
)
_POSSESSIVE = r"(?:his|her|their|its|the\s+man's|the\s+woman's)"
# (pattern, role): each pattern has a group "num" around the figure.
_KILL_STEMS = (
    "kill", "dead", "died", "slain", "perish", "lives", "execut", "massacr", "death", "gunned",
    "behead", "lynch", "assassin",
)  # fmt: skip
_INJURY_STEMS = ("wound", "injur", "hurt", "maim", "tbi", "concussion")
_CASUALTY_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # "three soldiers were killed", "25 fighters died", "one US contractor killed"
    # "two policemen and one polio worker were killed": the figures add up
    (_rx(r"\b(?P<num>" + _NUMBER_OR_A + r")\s+" + _PERSON + r"(?:and|,)\s+(?P<num2>"
         + _NUMBER_OR_A + r")\s+" + _PERSON + _BE + _ADVERB + _KILLED + r"\b" + _NO_OBJECT),
     "killed_sum"),
    (_rx(r"\b(?P<num>" + _NUMBER_OR_A + r")\s+" + _PERSON + _BE + _ADVERB + _KILLED
         + r"\b" + _NO_OBJECT), "killed"),
    # "the businessman was killed", "the man died": one person
    (_rx(r"\b(?P<num>the|a|an)\s+(?!(?:attack|strike|blast|explosion|bomb|rocket|drone|missile|"
         r"clash|fighting|incident|raid|shelling)\b)" + _PERSON
         + r"(?:(?:was|has\s+been|had\s+been)\s+" + _ADVERB + _KILLED + r"|died)\b" + _NO_OBJECT),
     "killed_one"),
    # "five US service members and two contractors were injured": the figures add up
    (_rx(r"\b(?P<num>" + _NUMBER_OR_A + r")\s+" + _PERSON + r"(?:and|,)\s+(?P<num2>"
         + _NUMBER_OR_A + r")\s+" + _PERSON + _BE + _ADVERB + _INJURED
         + r"(?!\s+(?:at\s+least\s+)?\d)"), "injured_sum"),
    # "40 wounded", "34 service members suffered traumatic brain injuries"
    (_rx(r"\b(?P<num>" + NUMBER + r")\s+" + _PERSON + _BE + _ADVERB + _INJURED
         + r"(?!\s+(?:at\s+least\s+)?\d)"), "injured"),
    # "killed at least 12 people", "killing a commander", "claimed the lives of 5"
    (_rx(r"\b(?:killing(?:\s+of)?|killed|kills|kill|claim(?:ed|ing|s)\s+the\s+lives\s+of|shot\s+dead|"
         r"shot\s+and\s+killed|gunned\s+down|executed|assassinated)\s+"
         r"(?P<num>" + _NUMBER_OR_A + r"|" + _POSSESSIVE + r"(?=\s+(?:\w+\s+)?" + _ONE_PERSON
         + r"\b))\b(?!\s+(?:wounded|injured|hurt)\b)"), "killed_active"),
    # "injuring 34", "wounded 5 others"
    (_rx(r"\b(?:injuring|wounding|injured|wounded|hurting|hurt)\s+(?P<num>" + _NUMBER_OR_A
         + r"|" + _POSSESSIVE + r"(?=\s+(?:\w+\s+)?" + _ONE_PERSON + r"\b))\b"), "injured"),
    # "left 2 dead", "leaving five wounded"
    (_rx(r"\b(?:left|leaving)\s+(?P<num>" + NUMBER + r")\s+" + _PERSON
         + r"(?P<state>dead|killed|wounded|injured|hurt)\b"), "left"),
    # "death toll rose to 30", "a death toll of 12"
    (_rx(r"\bdeath\s+toll\s+(?:(?:has\s+|had\s+)?(?:rose|risen|climbed|reached|stood|stands|"
         r"increased|jumped)\s+)?(?:to|at|of|was|is)?\s*(?P<num>" + NUMBER + r")\b"), "killed"),
    # "12 dead", "30 deaths", "five fatalities", "1 fatality"
    (_rx(r"\b(?P<num>" + NUMBER + r")\s+(?:(?:people|persons|civilians)\s+)?"
         r"(?:dead|deaths|fatalities|fatality|bodies)\b"), "killed"),
    # "the bodies of twelve civilians were found"
    (_rx(r"\bbodies\s+of\s+(?P<num>" + NUMBER + r")\b"), "killed"),
]  # fmt: skip

#: Substrings one of which must be in a sentence for the matching pattern above to apply.
_CASUALTY_GATES: list[tuple[str, ...]] = [
    _KILL_STEMS,
    _KILL_STEMS,
    _KILL_STEMS,
    _INJURY_STEMS,
    _INJURY_STEMS,
    ("kill", "lives", "shot", "gunned", "execut", "assassin"),
    ("injur", "wound", "hurt"),
    ("left", "leaving"),
    ("toll",),
    ("dead", "death", "fatalit", "bodies"),
    ("bodies",),
]

_NONE_KILLED = _rx(
    r"\b(?:no\s+(?:one|body)\s+(?:was|were|had\s+been)\s+(?:killed|dead)|nobody\s+(?:was|were)\s+"
    r"killed|no\s+(?:deaths|fatalities|casualties|one\s+died)|without\s+(?:any\s+)?casualties|"
    r"no\s+(?:immediate\s+)?reports?\s+of\s+(?:casualties|deaths|fatalities)|"
    r"no\s+(?:one|body)\s+(?:was|were)\s+(?:hurt|injured|wounded|harmed)|nobody\s+(?:was|were)\s+"
    r"(?:hurt|injured|wounded|harmed)|(?:did|caused|causing|resulted\s+in)\s+(?:not\s+cause\s+)?"
    r"no\s+casualties|there\s+were\s+no\s+(?:casualties|injuries|deaths))"
)
_NONE_INJURED = _rx(
    r"\b(?:no\s+(?:casualties|injuries|one\s+was\s+(?:hurt|injured|wounded|harmed))|nobody\s+"
    r"(?:was|were)\s+(?:hurt|injured|wounded)|without\s+(?:any\s+)?(?:casualties|injuries)|"
    r"no\s+(?:immediate\s+)?reports?\s+of\s+(?:casualties|injuries)|no\s+body\s+was\s+hurt|"
    r"no\s+(?:personnel|service\s+members|troops|soldiers|americans|one)\s+(?:were|was)\s+"
    r"(?:hurt|injured|wounded))"
)
_YEARLIKE = re.compile(r"^(?:1[89]|20)\d{2}$")
_UNIT_AFTER = re.compile(
    r"\s*(?:years?|months?|weeks?|days?|hours?|minutes?|times|km|kilometres?|kilometers?|miles?|"
    r"met(?:er|re)s?|percent|per\s+cent|%|mm|o'clock|a\.m|p\.m)\b",
    re.IGNORECASE,
)
_NO_BEFORE = re.compile(r"\b(?:no|not|nor|any)\s+$", re.IGNORECASE)  # "no one was hurt"


def find_casualties(sentence: str) -> dict[str, Count | None]:
    """The killed and injured figures of one sentence: ``{"killed": ..., "injured": ...}``.

    Each is a :class:`Count` or None when the sentence gives no figure. "No casualties were
    reported" gives explicit zeros. When a sentence gives several figures for the same role
    the most conservative (smallest) one is kept, as ACLED does. Traumatic brain injuries
    count as injuries. Never raises.
    """
    result: dict[str, Count | None] = {"killed": None, "injured": None}
    if not sentence:
        return result
    text = sentence.translate(_ARABIC_DIGITS)
    lower = text.lower()
    summed: list[tuple[int, int]] = []  # spans of "A and B were killed" matches
    for (pattern, role), stems in zip(_CASUALTY_PATTERNS, _CASUALTY_GATES, strict=True):
        if not any(stem in lower for stem in stems):
            continue  # a cheap substring test spares most regex scans
        for match in pattern.finditer(text):
            if any(a <= match.start("num") < b for a, b in summed):
                continue  # one figure of a sum already counted
            if role == "killed_one" or re.fullmatch(_POSSESSIVE, match["num"], re.I):
                start, end = match.span("num")  # "the man was killed", "killed his wife"
                count: Count | None = Count(1, 1, sentence[start:end], start, end, vague=False)
            else:
                count = _count(text, sentence, match, "num")
            if count is None:
                continue
            if role in ("killed_sum", "injured_sum"):
                between = lower[match.end("num") : match.start("num2")]
                other_stems = _INJURY_STEMS if role == "killed_sum" else _KILL_STEMS
                if any(stem in between for stem in other_stems):
                    continue  # "three dead and seven wounded": two figures, not one sum
                other = _count(text, sentence, match, "num2")
                if other is None:
                    continue
                count = Count(
                    count.value_min + other.value_min,
                    count.value_max + other.value_max,
                    sentence[count.start : other.end],
                    count.start,
                    other.end,
                    count.vague or other.vague,
                )
                summed.append(match.span())
                role_here = "killed" if role == "killed_sum" else "injured"
            elif role == "left":
                role_here = "killed" if match["state"].lower() in {"dead", "killed"} else "injured"
            elif role in {"killed_one", "killed_active"}:
                role_here = "killed"
            else:
                role_here = role
            if role == "killed_active" or (role == "injured" and _ACTIVE_INJURY.match(match[0])):
                listed = _victim_list(text, sentence, match.start("num"))
                if listed is not None and listed.value_min > count.value_min:
                    count = listed
            if role_here == "killed" and _EVENT_NOUNS.fullmatch(_noun_after(text, match)):
                continue
            _keep_conservative(result, role_here, count)
    if "no" not in lower and "without" not in lower:
        return result
    for pattern, role in ((_NONE_KILLED, "killed"), (_NONE_INJURED, "injured")):
        zero = pattern.search(text)
        if zero and result[role] is None:
            start, end = zero.span()
            result[role] = Count(0, 0, sentence[start:end], start, end, vague=False)
    return result


#: The active verbs whose object may be a list of victims ("killed his wife and three
#: children", "killing two soldiers and a civilian").
_ACTIVE_KILL = (
    r"(?:killing(?:\s+of)?|killed|kills|kill|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|"
    r"shot\s+dead|shot\s+and\s+killed|gunned\s+down|executed|assassinated|stabbed\s+to\s+death)"
)
_ACTIVE_INJURY = re.compile(r"(?:injuring|wounding|injured|wounded|hurting|hurt)\s", re.I)
#: One listed victim: "three children", "a civilian", "his wife", "two of his bodyguards".
_VICTIM = (
    r"(?:(?P<n>" + NUMBER + r"|an?)\s+(?:of\s+(?:his|her|their|its)\s+)?"
    r"(?:(?!(?:and|or|in|on|at|by|after|while|when|during|near|before|with)\b)[A-Za-z][\w'-]*\s+)"
    r"{0,2}?[A-Za-z][\w'-]*"
    r"|" + _POSSESSIVE + r"\s+(?:(?:own|elder|younger|eldest|youngest|pregnant|teenage|infant|"
    r"two-year-old|little)\s+)?" + _ONE_PERSON + r")"
)
_VICTIM_RX = re.compile(_VICTIM, re.IGNORECASE)
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)", re.I)


def _victim_list(text: str, original: str, start: int) -> Count | None:
    """The sum of a coordinated list of victims that starts at ``start`` ("his wife and three
    children" = 4, "two soldiers and a civilian" = 3); None when there is no list."""
    total, end, items, vague = 0, start, 0, False
    position = start
    while items < 8:
        item = _VICTIM_RX.match(text, position)
        if item is None:
            break
        if item.group("n") is not None:
            raw = item.group("n")
            if _UNIT_AFTER.match(text, item.end("n")) or _YEARLIKE.match(raw.strip()):
                break
            parsed = parse_number(raw)
            if parsed is None:
                break
            total += parsed[0]
            vague = vague or bool(_APPROXIMATE.match(raw.lower()))
        else:
            total += 1
        items, end = items + 1, item.end()
        join = _LIST_JOIN.match(text, end)
        if join is None:
            break
        following = text[join.end() : join.end() + 12].lower()
        if re.match(r"(?:injur|wound|hurt|kill|leav|left|sever|maim)", following):
            break  # "killing two and injuring five": the next verb starts a new figure
        position = join.end()
    if items < 2:
        return None
    return Count(total, total, original[start:end], start, end, vague)


def _noun_after(text: str, match: re.Match[str]) -> str:
    following = re.match(r"\s*([A-Za-z-]+)", text[match.end("num") :])
    return following.group(1) if following else ""


def _keep_conservative(result: dict[str, Count | None], role: str, count: Count) -> None:
    current = result[role]
    if current is None or (current.value_min, current.value_max) > (
        count.value_min,
        count.value_max,
    ):
        result[role] = count


#: A weapon's or vehicle's model designation ends right before a number written in digits:
#: "Kh-101", "S-300", "Shahed-136", "BM-21", "F-16" (letters and a hyphen) or "Fateh 110",
#: "Zelzal 2", "Burkan 3" (a capitalised name and a space). Dates and sentence openers are not
#: names ("January 12", "Friday 12", "On 12").
_MODEL_BEFORE = re.compile(r"(?:\b[A-Za-z]{1,10}[-\u2010\u2011]|\b(?P<name>[A-Z][a-z]{2,})\s)$")
_NOT_MODEL_NAME = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "some", "about", "around", "over", "nearly", "almost", "another",
    "the", "and", "with", "but", "while", "when", "least", "than", "only", "all", "those",
    "these", "killing", "killed", "wounding", "injuring", "leaving", "including", "fired",
    "launched", "said", "says", "were", "was",
}  # fmt: skip


def is_model_number(text: str, start: int) -> bool:
    """Whether the digits at ``start`` belong to a model name ("Fateh 110", "Kh-101") and are
    therefore never a count of anything."""
    if start >= len(text) or not text[start].isdigit():
        return False
    before = _MODEL_BEFORE.search(text, max(0, start - 16), start)
    if before is None:
        return False
    name = before.group("name")
    return name is None or name.lower() not in _NOT_MODEL_NAME


def _count(text: str, original: str, match: re.Match[str], group: str) -> Count | None:
    raw = match.group(group)
    if _YEARLIKE.match(raw.strip()) or _NO_BEFORE.search(text, 0, match.start(group)):
        return None
    if is_model_number(text, match.start(group)):
        return None  # "Fateh 110 missiles" are missiles of the Fateh-110 model, not 110
    if _UNIT_AFTER.match(text, match.end(group)):
        return None  # a measure, not a head count: "4 years ago", "3 km", "2 times"
    parsed = parse_number(raw)
    if parsed is None:
        return None
    low = raw.lower()
    vague = bool(_APPROXIMATE.match(low)) or any(v in low for v in _VAGUE_WORDS)
    start, end = match.span(group)
    return Count(parsed[0], parsed[1], original[start:end], start, end, vague)


_VAGUE_WORDS = ("dozens", "hundreds", "thousands", "scores", "several", "few", "handful",
                "number of", "many", "numerous", "couple", "tens of", "multiple")  # fmt: skip


def fatalities_acled(killed: Count | None) -> int:
    """ACLED ``fatalities`` for a killed count: its conservative (lower) value, 0 when unknown."""
    if killed is None:
        return 0
    return max(0, killed.value_min)


# --------------------------------------------------------------------------- munitions

_MUNITION_KINDS = {
    "rocket": "rocket", "missile": "missile", "drone": "drone", "uav": "drone",
    "uas": "drone", "mortar": "mortar", "shell": "shell", "projectile": "projectile",
    "bomb": "bomb", "grenade": "grenade", "ied": "IED", "munition": "munition",
    "katyusha": "rocket", "round": "round", "interceptor": "missile", "warhead": "warhead",
}  # fmt: skip
_MUNITION_NOUN = (
    r"Katyusha\s+rockets?|mortar\s+(?:rounds?|shells?|bombs?)|artillery\s+(?:rounds?|shells?)|"
    r"rockets?|missiles?|drones?|UAVs?|UASs?|mortars?|shells?|projectiles?|bombs?|grenades?|"
    r"IEDs?|munitions?|Katyushas?|rounds|interceptors?|warheads?"
)
_MUNITION_STEMS = (
    "rocket", "missile", "drone", "uav", "uas", "mortar", "shell", "projectile", "bomb",
    "grenade", "ied", "munition", "katyusha", "round", "interceptor", "warhead",
)  # fmt: skip
_MUNITION = re.compile(
    r"(?<!\w)(?P<num>" + _NUMBER_OR_A + r")\s+"
    r"(?P<mods>(?:(?!(?:and|or|with|of|from|at|on|in|to|targets?|people|killed|"
    + _WORD
    + r"|"
    + _MUNITION_NOUN
    + r")(?![\w-]))[A-Za-z0-9][\w-]*\s+){0,3}?)"
    r"(?P<noun>" + _MUNITION_NOUN + r")\b",
    re.IGNORECASE,
)


def find_munitions(sentence: str) -> list[Count]:
    """Counted munitions in one sentence ("15 to 20 missiles", "a one-way attack drone").

    ``kind`` is the singular munition noun ("rocket", "missile", "drone", "mortar", ...).
    Counted things that are not munitions ("85 targets") are ignored. Never raises.
    """
    if not sentence:
        return []
    text = sentence.translate(_ARABIC_DIGITS)
    lower = text.lower()
    counts: list[Count] = []
    if not any(stem in lower for stem in _MUNITION_STEMS):
        return counts
    position = 0
    while (match := _MUNITION.search(text, position)) is not None:
        position = match.end()
        count = _count(text, sentence, match, "num")
        if count is None:
            # "F-16 jets dropped 4 bombs": the model number is skipped, the count after it read
            position = match.end("num")
            continue
        noun = match.group("noun").lower().split()
        head = noun[0] if noun[0] == "uas" else noun[0].rstrip("s")
        if head == "artillery":
            head = "shell"
        count.kind = _MUNITION_KINDS.get(head, head)
        count.end = match.end()
        count.text = sentence[count.start : count.end]
        counts.append(count)
    return counts
