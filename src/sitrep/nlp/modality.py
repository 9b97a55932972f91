"""How a sentence asserts an event: reported, claimed, alleged, denied; real or hypothetical.

An event dataset must not record threats, forecasts or denied attacks as attacks, and it should
say when an attack is only claimed by its perpetrator or alleged by unnamed sources. These are
cue-phrase rules over one sentence: no parser, so they are fast and explainable, and they err
towards "reported" (the ordinary case) when no cue is present.
"""

from __future__ import annotations

import re

from sitrep.models import Modality

__all__ = ["account_side", "denier", "is_hypothetical", "is_negated", "sentence_modality"]


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# The claimant is the noun phrase in front of the claim verb, back to a clause boundary.
_SUBJECT = r"(?P<who>[A-Z\u0600-\u06ff][^,;:.!?()\"\u201c\u201d]{1,90}?)"
_CLAIM_PATTERNS = [
    _rx(
        _SUBJECT + r"\s+(?:has\s+|had\s+|have\s+)?(?:quickly\s+|later\s+|also\s+)?"
        r"(?:claimed|claims|claim|took|takes|accepted|accepts)\s+(?:the\s+)?"
        r"(?:responsibility|credit)",
        0,
    ),
    _rx(
        _SUBJECT + r"\s+(?:has\s+|had\s+)?(?:claimed|claims)\s+(?:the\s+|an?\s+|that\s+)?"
        r"(?:attack|strike|operation|bombing|killing|shooting|downing|it)",
        0,
    ),
    _rx(
        _SUBJECT + r"\s+(?:said|says|announced|announces|stated|declared)\s+(?:on\s+\w+\s+)?"
        r"(?:that\s+)?(?:it|they|its\s+(?:fighters|forces|members|drones?)|their\s+fighters)\s+"
        r"(?:had\s+|has\s+|have\s+)?(?:targeted|attacked|struck|hit|launched|carried\s+out|"
        r"shot\s+down|bombed|fired|downed|killed|conducted|destroyed)",
        0,
    ),
    _rx(
        r"(?:responsibility|credit)\s+(?:for\s+[^,;.]{1,60}\s+)?(?:was|has\s+been|had\s+been)\s+"
        r"claimed\s+by\s+(?:the\s+)?(?P<who>[A-Z][^,;:.!?()]{1,80}?)"
        r"(?=[,;:.!?()]|\s+(?:in|on|via|through)\b|$)",
        0,
    ),
    _rx(
        r"claimed\s+by\s+(?:the\s+)?(?P<who>[A-Z][^,;:.!?()]{1,80}?)"
        r"(?=[,;:.!?()]|\s+(?:in|on|via)\b|$)",
        0,
    ),
]
_ALLEGED = _rx(
    r"\b(?:allegedly|alleged|reportedly|purportedly|purported|believed\s+to|thought\s+to|"
    r"suspected(?:\s+of)?|unconfirmed|unverified|could\s+not\s+(?:be\s+)?(?:independently\s+)?"
    r"(?:verified|confirmed)|could\s+not\s+independently\s+(?:verify|confirm)|"
    r"appears?\s+to\s+have|apparently|said\s+to\s+have|accused|blamed|according\s+to\s+"
    r"(?:unnamed|anonymous|local|unconfirmed)\s+(?:sources|reports|media))\b"
)
_DENIED = _rx(
    r"\b(?:denied|denies|deny|denying|rejected\s+(?:reports|claims|allegations|accusations)|"
    r"dismissed\s+(?:reports|claims|allegations|accusations)|refuted|refutes|"
    r"(?:no|any)\s+involvement|had\s+nothing\s+to\s+do|not\s+responsible|no\s+truth)\b"
)
_DENIER = _rx(
    _SUBJECT + r"\s+(?:has\s+|had\s+|have\s+|also\s+|quickly\s+|later\s+)?"
    r"(?:denied|denies|rejected|dismissed|refuted)",
    0,
)
_CONTESTED = _rx(
    r"\b(?:disputed|contested|conflicting\s+(?:reports|accounts|claims|versions|explanations)|"
    r"contradict(?:ed|s)?|competing\s+(?:claims|accounts|versions|explanations)|"
    r"both\s+sides\s+(?:blamed|accused)|(?:accounts|versions|explanations|narratives)\s+"
    r"(?:of\s+[^.;]{0,40}?\s+)?(?:differed|differ|varied|vary|diverged|conflicted))\b"
)
#: An account that the event was no attack: an accident, the heat, a fault, nothing in the sky.
_NO_ATTACK = _rx(
    r"\b(?:(?:blamed|attributed)\s+(?:it\s+|the\s+\w+\s+)?(?:on|to)?\s*|caused\s+by\s+|"
    r"due\s+to\s+|because\s+of\s+|result\s+of\s+)(?:the\s+|a\s+|an\s+)?(?:extreme\s+)?"
    r"(?:heat(?:wave)?|high\s+temperatures?|(?:electrical|technical)\s+(?:fault|failure|"
    r"malfunction)|(?:electrical\s+)?short[\s-]circuits?|accident\w*|mishap|negligence|improper\s+storage|"
    r"gas\s+(?:leak|cylinder))|"
    r"\bfound\s+no\s+(?:\w+\s+){0,3}?(?:drones?|aircraft|evidence|traces?)\b|"
    r"\bno\s+(?:evidence|sign|trace)\s+of\s+(?:an?\s+|any\s+)?(?:strike|attack|drone|"
    r"aircraft|missile)|\b(?:was|were)\s+(?:an?\s+)?accident(?:al)?\b"
)
#: An account that it was an attack: someone saw or heard the weapon, or called it a strike.
_ATTACK_ACCOUNT = _rx(
    r"\b(?:saw|seen|heard|spotted|filmed|described\s+(?:\w+\s+){1,3}?as|called\s+it|"
    r"said\s+it\s+was|blamed)\b[^.;]{0,60}?\b(?:drones?|air\s*strikes?|aircraft|missiles?|"
    r"rockets?|warplanes?|jets?|strike|attack)\b"
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:and|but|while|meanwhile|later|earlier|separately|however|in\s+a\s+statement|"
    r"on\s+\w+day|in\s+\w+|yesterday|today)\s+)+",
    re.IGNORECASE,
)


def sentence_modality(sentence: str) -> tuple[Modality, str | None]:
    """``(modality, claimant)`` of a sentence.

    "contested" when the sentence reports disputed accounts or both a claim and a denial;
    "denied" when someone denies it (see :func:`denier` for who); "claimed" when a
    group claims responsibility or says it carried the attack out (the second value is the
    claimant as written); "alleged" for hedges ("reportedly", "suspected", "believed to");
    otherwise "reported" with None.
    """
    if not sentence:
        return "reported", None
    claimant = _claimant(sentence)
    denied = _DENIED.search(sentence)
    if (
        _CONTESTED.search(sentence)
        or (denied and claimant)
        or (_NO_ATTACK.search(sentence) and _ATTACK_ACCOUNT.search(sentence))
    ):
        return "contested", claimant
    if denied:
        return "denied", None
    if claimant:
        return "claimed", claimant
    if _ALLEGED.search(sentence):
        return "alleged", None
    return "reported", None


def account_side(sentence: str) -> str | None:
    """Which side of a disputed event ``sentence`` takes: "denial" (someone denies it),
    "no attack" (an accident, the heat, nothing found in the sky), "attack" (a drone seen, a
    strike blamed), "disputed" (the accounts differ), or None when it takes no side.

    :func:`sitrep.events.extract` reads the sides of a whole article: an event with an account
    against it becomes ``contested``, citing each side's sentence."""
    if not sentence:
        return None
    if _CONTESTED.search(sentence):
        return "disputed"
    if _DENIED.search(sentence):
        return "denial"
    if _NO_ATTACK.search(sentence):
        return "disputed" if _ATTACK_ACCOUNT.search(sentence) else "no attack"
    if _ATTACK_ACCOUNT.search(sentence):
        return "attack"
    return None


def denier(sentence: str) -> str | None:
    """Who denies the event in ``sentence``, as written ("Iran denied any involvement" ->
    "Iran"); None when there is no denial or no subject before the denial verb.

    Kept apart from :func:`sentence_modality` so that a denier is never mistaken for a
    claimant.
    """
    if not sentence or not _DENIED.search(sentence):
        return None
    match = _DENIER.search(sentence)
    return _clean_subject(match.group("who")) if match else None


def _claimant(sentence: str) -> str | None:
    for pattern in _CLAIM_PATTERNS:
        match = pattern.search(sentence)
        if match:
            who = _clean_subject(match.group("who"))
            if who:
                return who
    return None


def _clean_subject(raw: str) -> str | None:
    """Trim clause openers ("In a statement, ...", "Separately, ...") off a subject phrase."""
    who = raw.strip()
    who = _LEADING_NOISE.sub("", who).strip()
    # keep the tail after a relative-clause opener: "... that X claimed" -> "X"
    for opener in (" that ", " which ", " after ", " when ", " as ", " and "):
        index = who.rfind(opener)
        if index >= 0 and who[index + len(opener) : index + len(opener) + 1].isupper():
            who = who[index + len(opener) :]
    if not who or who.lower() in {"it", "they", "he", "she", "no one", "nobody", "no group"}:
        return None
    if who.lower().startswith(("no group", "no one", "nobody", "no organization")):
        return None
    return who


# --------------------------------------------------------------------------- hypothetical

_OPINION = _rx(
    r"\b(?:analysts?|experts?|observers?|commentators?)\s+(?:say|said|believe|warn(?:ed)?|"
    r"suggest(?:ed)?|note[ds]?)\b|\bin\s+(?:my|our)\s+(?:view|opinion)\b|\bop-?ed\b"
)
_CUES = _rx(
    r"\b(?:could|would|might|should|will|shall|may|(?:is|are|was|were)\s+(?:expected|likely|"
    r"set|poised|planning|preparing|going|about|due|ready)\s+to|(?:threatened|threatens|"
    r"threaten|vowed|vows|vow|pledged|pledges|promised|promises|plans?|planned|planning|"
    r"intends?|intended|aims?|seeks?|sought|wants?|wanted|prepared|hopes?|hoped|"
    r"considering|considered|weighing|mulling)\s+to|warned\s+(?:that|of)|warns\s+(?:that|of)|"
    r"if|unless|in\s+case|in\s+the\s+event|possible|potential|risk\s+of|fears?\s+of|"
    r"forecasts?|predict(?:s|ed)?|scenario|hypothetical(?:ly)?|would-be)\b"
)
# Verbs in the past tense that report something that happened.
_REALIS = _rx(
    r"\b(?:attacked|struck|killed|launched|fired|targeted|bombed|shelled|exploded|detonated|"
    r"wounded|injured|carried\s+out|shot\s+down|intercepted|clashed|raided|seized|abducted|"
    r"kidnapped|hit|downed|destroyed|stormed|ambushed|died|claimed)\b"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:\u2014]|\s(?:and|but|after|while|when|as|since|because|following|before)\s",
    re.IGNORECASE,
)
_NOT_MODAL_MAY = re.compile(r"\bMay\b")  # the month, not the modal verb


def is_hypothetical(sentence: str) -> bool:
    """Whether the sentence is a forecast, a condition, a threat, a plan or an opinion.

    A hypothetical cue ("could", "is expected to", "threatened to", "vowed to", "warned that",
    "if", "analysts say") makes the sentence hypothetical unless a past-tense event verb stands
    outside the cue's clause: "The group, which vowed to continue, attacked the base" reports a
    real attack.
    """
    if not sentence:
        return False
    if _OPINION.search(sentence):
        return True
    cues = [m for m in _CUES.finditer(sentence) if not _NOT_MODAL_MAY.fullmatch(m.group())]
    if not cues:
        return False
    for verb in _REALIS.finditer(sentence):
        if not any(_in_scope(sentence, cue, verb) for cue in cues):
            if _has_hedge_before(sentence, verb.start()):
                continue
            return False
    return True


def _in_scope(sentence: str, cue: re.Match[str], verb: re.Match[str]) -> bool:
    """Whether ``verb`` lies in the clause governed by ``cue`` (after it, no clause break)."""
    if verb.start() < cue.end():
        return False
    return _CLAUSE_BREAK.search(sentence, cue.end(), verb.start()) is None or (
        cue.group().lower().startswith(("if", "unless", "warned", "warns", "threat"))
        and verb.start() - cue.end() < 80
    )


def _has_hedge_before(sentence: str, position: int) -> bool:
    """A participle governed by "could have been", "would have" and the like."""
    window = sentence[max(0, position - 25) : position].lower()
    return bool(
        re.search(r"\b(?:could|would|might|may|should)\s+(?:have\s+)?(?:been\s+)?$", window)
    )


# --------------------------------------------------------------------------- negation

_NEGATION = _rx(r"\b(?:no|not|never|neither|nor|none|without|n't)\b|n't\b")
_EVENT_WORD = _rx(
    r"\b(?:attacks?|attacked|strikes?|struck|airstrikes?|rockets?|missiles?|drones?|mortars?|"
    r"shelling|shelled|fire|fired|firing|explosions?|exploded|blasts?|clash(?:es|ed)?|"
    r"bomb(?:s|ed|ing)?|target(?:s|ed)?|launched?|hit|raids?|raided|incidents?|attempts?|"
    r"fighting|violence)\b"
)
# After a negation, these mean the negation is about the outcome or the attribution.
_NOT_EVENT_NEGATION = _rx(
    r"^\s*(?:one|body|casualt|injur|death|fatalit|damage|harm|immediate\s+(?:claim|word|comment|"
    r"report|information|details)|claim|responsib|comment|details|information|word|group|"
    r"immediately|yet|clear|known|confirmed|available|only|the\s+(?:first|only|last)|"
    r"further|reports?\s+of\s+(?:casualt|injur|death|damage)|been\s+(?:injured|hurt|killed|"
    r"claimed|confirmed|verified)|(?:a\s+)?(?:single\s+)?(?:person|soldier|one|american|"
    r"personnel|service\s+member|troops?)\s+(?:was|were)\s+(?:hurt|injured|killed|wounded)|"
    r"cause|result|lead|leave|known|likely|able\s+to\s+verify|independently|stop|deter|"
    r"escalat|retaliat|want|seek|plan|expect|intend|respond|rule\s+out|exclude)",
)


def is_negated(sentence: str) -> bool:
    """Whether the sentence says the event did not happen ("there was no attack").

    Negations of the outcome ("no one was hurt", "did not cause damage"), of the attribution
    ("no group has claimed") or of knowledge ("it was not immediately clear") do not negate the
    event itself.
    """
    if not sentence:
        return False
    for match in _NEGATION.finditer(sentence):
        tail = sentence[match.end() : match.end() + 60]
        if _NOT_EVENT_NEGATION.match(tail):
            continue
        window = _first_words(tail, 4)
        event = _EVENT_WORD.search(window)
        if event is None:
            continue
        # the negated phrase must reach the event word before any outcome word
        lead = window[: event.start()]
        if re.search(r"(?:casualt|injur|damage|death|harm|hurt|one\b)", lead, re.IGNORECASE):
            continue
        return True
    return False


def _first_words(text: str, count: int) -> str:
    """The first ``count`` words of ``text``, stopping at punctuation."""
    stop = re.search(r"[,;:.!?()]", text)
    if stop:
        text = text[: stop.start()]
    words = text.split()
    return " ".join(words[:count])
