"""Weapon and platform mentions, normalised to one name and an ACLED-minded category.

The weapon decides the ACLED sub-event type more often than anything else in a sentence: an
airstrike or an armed drone is an "Air/drone strike", a rocket or mortar is "Shelling/artillery/
missile attack", a roadside bomb is "Remote explosive/landmine/IED". The event coder reads the
category; the name goes into sitrep's ``weapons`` field.

Categories:

``air``        aircraft, armed and one-way attack drones, airstrikes (ACLED codes militia drone
               attacks as air/drone strikes)
``indirect``   rockets, mortars, artillery, ballistic and cruise missiles, anti-tank missiles
``ied``        roadside bombs, car bombs, landmines, sticky bombs
``suicide``    suicide vests, suicide car bombs, suicide bombers
``grenade``    hand grenades
``small_arms`` rifles, machine guns, snipers, RPGs
``chemical``   chemical agents
``other``      air defence, knives and the rest
"""

from __future__ import annotations

import re

__all__ = ["WEAPON_CATEGORIES", "find_weapons"]

WEAPON_CATEGORIES = (
    "air",
    "indirect",
    "ied",
    "suicide",
    "grenade",
    "small_arms",
    "chemical",
    "other",
)

_JET_SUFFIX = r"(?:\s+(?:fighter\s+)?(?:jets?|fighters?|aircraft|warplanes?))?"
_DRONE_SUFFIX = r"(?:[\s-]+(?:(?:attack|suicide|kamikaze)\s+)?(?:drones?|UAVs?))?"

# (pattern, normalised name, category). Longer, more specific patterns come first so that the
# alternation prefers "suicide car bomb" over "car bomb" and "Katyusha rocket" over "rocket".
_LEXICON: list[tuple[str, str, str]] = [
    # suicide attacks
    (r"suicide\s+(?:car|truck|vehicle)[\s-]+bomb(?:s|ings?|ers?)?|SVBIEDs?|suicide\s+(?:car|truck|vehicle)s?", "suicide car bomb (SVBIED)", "suicide"),
    (r"suicide\s+(?:vests?|belts?)|explosive\s+vests?", "suicide vest", "suicide"),
    (r"suicide\s+(?:bomb(?:ers?|ings?|s)?|attacks?|attackers?)", "suicide bomber", "suicide"),
    (r"suicide\s+drones?|kamikaze\s+drones?|one[\s-]way\s+(?:attack\s+)?(?:drones?|UAVs?|UAS)|loitering\s+munitions?", "one-way attack drone", "air"),
    # named drones and aircraft
    (r"Shahed[\s-]?136s?" + _DRONE_SUFFIX, "Shahed-136", "air"),
    (r"(?:Shahed[\s-]?(?:101|129|131|238)s?|Shaheds?)" + _DRONE_SUFFIX, "Shahed drone", "air"),
    (r"MQ-9s?(?:\s+Reapers?)?|Reaper\s+drones?|Reapers", "MQ-9 Reaper", "air"),
    (r"MQ-1[BC]?s?(?:\s+(?:Predators?|Gray\s+Eagles?))?|Predator\s+drones?", "MQ-1 Predator", "air"),
    (r"AC-130[JWU]?s?(?:\s+(?:gunships?|Ghostriders?))?", "AC-130J", "air"),
    (r"gunships?", "gunship", "air"),
    (r"F-15E?s?(?:\s+Strike\s+Eagles?)?" + _JET_SUFFIX, "F-15E", "air"),
    (r"F-16s?(?:\s+Fighting\s+Falcons?)?" + _JET_SUFFIX, "F-16", "air"),
    (r"F-35[ABC]?s?" + _JET_SUFFIX, "F-35", "air"),
    (r"(?:F/A-18[EF]?s?|F-18s?|Super\s+Hornets?)" + _JET_SUFFIX, "F/A-18", "air"),
    (r"A-10s?(?:\s+(?:Warthogs?|Thunderbolts?))?", "A-10", "air"),
    (r"B-1B?s?(?:\s+(?:Lancer\s+)?bombers?)?", "B-1B bomber", "air"),
    (r"B-52s?(?:\s+bombers?)?", "B-52 bomber", "air"),
    (r"B-2s?(?:\s+(?:Spirit\s+)?bombers?)?", "B-2 bomber", "air"),
    (r"Su-\d{2}s?|MiG-\d{2}s?", "fighter jet", "air"),
    (r"(?:Apache|AH-64)\s*(?:attack\s+)?(?:helicopters?|gunships?)?|AH-64s?|Apaches", "AH-64 Apache", "air"),
    (r"(?:attack\s+|military\s+|combat\s+)?helicopters?|choppers?", "helicopter", "air"),
    (r"Hellfire(?:\s+missiles?)?|Brimstone(?:\s+missiles?)?|JDAMs?|guided\s+bombs?|laser-guided\s+bombs?", "air-launched munition", "air"),
    (r"remotely\s+piloted\s+aircraft(?:\s+systems?)?|RPAs?", "drone", "air"),
    (r"(?:fighter|military|combat|US|Israeli|Turkish|Russian|Syrian|Iraqi|coalition)\s+(?:jets?|aircraft|planes?)|fighter[\s-]?jets?|warplanes?|fighters\s+jets|jets", "fighter jet", "air"),
    (r"bombers?", "bomber", "air"),
    (r"(?:military\s+|manned\s+)?aircraft", "aircraft", "air"),
    (r"air[\s-]?strikes?|airstrikes?|air\s+raids?|aerial\s+(?:bombardment|bombing|attacks?)|precision\s+strikes?|air\s+attacks?|bombing\s+raids?", "airstrike", "air"),
    (r"drone\s+strikes?|drone\s+attacks?|armed\s+drones?|attack\s+drones?|combat\s+drones?|explosive[\s-]laden\s+drones?|explosives?[\s-]laden\s+UAVs?|bomb-laden\s+drones?", "armed drone", "air"),
    (r"drones?|UAVs?|unmanned\s+aerial\s+vehicles?|unmanned\s+aircraft(?:\s+systems?)?|UAS", "drone", "air"),
    # missiles, rockets, artillery
    (r"(?:anti[\s-]?tank(?:\s+guided)?\s+missiles?|ATGMs?|Kornets?|TOW\s+missiles?)", "anti-tank missile", "indirect"),
    (r"ballistic\s+missiles?|Fateh[\s-]?110s?|Zolfaghar|Qiam(?:-1)?", "ballistic missile", "indirect"),
    (r"cruise\s+missiles?|Tomahawks?(?:\s+missiles?)?", "cruise missile", "indirect"),
    (r"surface[\s-]to[\s-]air\s+missiles?|SAMs?|air[\s-]defen[cs]e\s+(?:systems?|missiles?)|Patriot(?:\s+missiles?|\s+batter(?:y|ies))?|C-RAMs?|interceptors?", "air defence", "other"),
    (r"anti[\s-]ship\s+missiles?", "anti-ship missile", "indirect"),
    (r"(?:guided\s+|precision[\s-]guided\s+)?missiles?", "missile", "indirect"),
    (r"rocket[\s-]propelled\s+grenades?|RPG-?\d*s?", "RPG", "small_arms"),
    (r"Katyushas?(?:\s+rockets?)?|Grad\s+rockets?|Grads?", "Katyusha rocket", "indirect"),
    (r"(?:10[7-9]|122|240)\s*-?\s*mm\s+rockets?|rocket\s+(?:fire|attacks?|barrages?|salvos?)|rockets?", "rocket", "indirect"),
    (r"mortars?(?:\s+(?:rounds?|shells?|bombs?|fire|attacks?))?|(?:60|81|82|120)\s*-?\s*mm\s+mortars?", "mortar", "indirect"),
    (r"artillery(?:\s+(?:shells?|fire|rounds?|strikes?|shelling))?|howitzers?|(?:122|130|152|155)\s*-?\s*mm\s+(?:shells?|rounds?|guns?)|shelling", "artillery", "indirect"),
    # improvised explosives
    (r"car\s+bombs?|VBIEDs?|vehicle[\s-]borne\s+(?:improvised\s+)?explosive\s+devices?|truck\s+bombs?|booby[\s-]trapped\s+(?:car|vehicle)s?", "car bomb (VBIED)", "ied"),
    (r"(?:land)?mines?|anti[\s-](?:personnel|tank)\s+mines?", "landmine", "ied"),
    (r"IEDs?|improvised\s+explosive\s+devices?|roadside\s+(?:bombs?|devices?)|sticky\s+bombs?|magnetic\s+bombs?|explosive\s+devices?|bombs?", "IED", "ied"),
    # grenades
    (r"(?:hand\s+|stun\s+)?grenades?", "grenade", "grenade"),
    # small arms
    (r"snipers?(?:\s+fire)?", "sniper", "small_arms"),
    (r"machine[\s-]?guns?|assault\s+rifles?|rifles?|AK-47s?|Kalashnikovs?|small[\s-]arms(?:\s+fire)?|gunfire|gunmen|pistols?|light\s+weapons", "small arms", "small_arms"),
    # chemical
    (r"chemical\s+(?:weapons?|agents?|attacks?)|chlorine(?:\s+gas)?|sarin|mustard\s+gas|nerve\s+agents?|toxic\s+gas", "chemical weapon", "chemical"),
    # other
    (r"(?:main\s+battle\s+)?tanks?(?=\s|[.,;:]|$)", "tank", "other"),
    (r"armou?red\s+vehicles?|APCs?|armou?red\s+personnel\s+carriers?", "armoured vehicle", "other"),
    (r"knives|knife|stabbing|machetes?", "knife", "other"),
]  # fmt: skip

_NAMES: list[tuple[str, str]] = [(name, category) for _, name, category in _LEXICON]
_REGEX = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<w{i}>{pattern})" for i, (pattern, _, _) in enumerate(_LEXICON))
    + ")",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"\w")
# Every lexicon entry contains one of these (lower case): a sentence with none has no weapon.
_STEMS = (
    "missile", "rocket", "drone", "uav", "uas", "unmanned", "mortar", "artiller", "shell",
    "howitzer", "jet", "plane", "aircraft", "bomb", "strike", "raid", "aerial", "attack",
    "helicop", "chopper", "apache", "ah-64", "gunship", "ac-130", "mq-", "reaper", "predator",
    "f-1", "f-35", "f/a", "hornet", "a-10", "b-1", "b-2", "b-52", "su-", "mig-", "shahed",
    "katyusha", "grad", "ied", "explosive", "mine", "vest", "belt", "suicide", "grenade", "rpg",
    "sniper", "gun", "rifle", "ak-47", "kalashnikov", "arms", "weapon", "chlorine", "sarin",
    "mustard", "nerve", "gas", "knife", "knives", "stabbing", "machete", "kornet", "tow",
    "atgm", "tomahawk", "patriot", "c-ram", "sam", "interceptor", "fateh", "zolfaghar", "qiam",
    "loitering", "bomber", "device", "booby", "light weapons", "mm", "defen", "kamikaze",
    "hellfire", "brimstone", "jdam", "rpa", "piloted", "tank", "armo", "apc",
)  # fmt: skip


def find_weapons(text: str) -> list[tuple[str, int, int, str]]:
    """Weapon mentions in ``text``: ``(normalised name, start, end, category)``, in text order.

    Matching is by word-bounded patterns with the most specific alternative first, so
    "suicide car bomb" is one mention, not a suicide attack plus a car bomb. Never raises.
    """
    if not text:
        return []
    lower = text.lower()
    if not any(stem in lower for stem in _STEMS):
        return []  # a cheap substring test spares the regex scan of most sentences
    found: list[tuple[str, int, int, str]] = []
    pos = 0
    length = len(text)
    while pos < length:
        match = _REGEX.search(text, pos)
        if match is None:
            break
        start, end = match.span()
        before_ok = start == 0 or not _BOUNDARY.match(text[start - 1])
        after_ok = end == length or not _BOUNDARY.match(text[end])
        if before_ok and after_ok and end > start:
            index = int(match.lastgroup[1:]) if match.lastgroup else -1
            name, category = _NAMES[index]
            if not _rejected(name, match.group()):
                found.append((name, start, end, category))
                pos = end
                continue
        pos = start + 1
    return found


def _rejected(name: str, surface: str) -> bool:
    """Surface forms that are ordinary words in lower case or in other senses."""
    if (
        name == "air defence"
        and surface.lower().startswith("sam")
        and not surface.startswith("SAM")
    ):
        return True
    if (
        name == "Katyusha rocket"
        and surface.lower().startswith("grad")
        and not surface.startswith("Grad")
    ):
        return True
    # "mine" alone is too often a pronoun or a coal mine
    return name == "landmine" and surface.lower() in {"mine", "mines"}
