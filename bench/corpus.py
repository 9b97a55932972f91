"""A generated news corpus with planted duplicates and ground truth, for benchmarks.

Builds N articles about militia rocket and drone attacks on US forces in Iraq and Syria and the
US strikes answering them, from sentence templates, phrase alternatives and random facts
(places, groups, numbers, dates, people), so that independently written articles share little
wording. Into it are planted:

- reposts of an original: ``exact`` (same words, different case/quotes/whitespace),
  ``wrapped`` (another outlet's header, footer and donation appeal around it), ``trimmed``
  (paragraphs dropped), ``edited`` (words swapped, misspelt or dropped) and ``repost`` (all
  three at once, the case dedup must still catch);
- ``sibling`` articles: the same event written up independently by another outlet (same facts,
  own wording). They are NOT duplicates; they share a ``_story`` with the original.

Each JSON line has ``id, url, title, text, published, outlet, author, original_outlet`` and the
ground truth ``_dup_of`` (id of the original, or null), ``_variant`` and ``_story``. The same
seed gives the same corpus byte for byte. ``--words 800`` makes long-form articles (several
event paragraphs, background from the sample corpus, page furniture) about the same events.

    python bench/corpus.py out.jsonl --n 10000 --seed 7
    python bench/corpus.py long.jsonl --n 2000 --words 800
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

OUTLETS = [
    "Tigris Daily", "Levant Monitor", "Gulf Dispatch", "Mesopotamia Wire", "Euphrates Post",
    "Baghdad Ledger", "Capitol Defense News", "The Frontline Review", "Northern Iraq Observer",
    "Desert Sentinel", "Atlantic Security Report", "Crescent Newsroom", "Al-Rafidain Today",
    "Pentagon Beat", "Global Conflict Journal", "Syria Direct Line", "Zagros Herald",
]  # fmt: skip
REPOST_SITES = [
    "Antiwar Digest", "Middle East Roundup", "World News Mirror", "Conflict Aggregator",
    "Peace Watch Blog", "Regional Affairs Hub", "Daily Briefing Network",
]  # fmt: skip
FIRST = ["Ahmed", "Sara", "John", "Layla", "Omar", "Maria", "David", "Hassan", "Noor", "Kevin", "Rania", "Peter", "Zainab", "Mark", "Ali", "Emma", "Yusuf", "Hannah", "Karim", "Laura", "Samir", "Julia", "Tariq", "Anna"]  # fmt: skip
LAST = ["Hassan", "Miller", "Khalil", "Rahman", "Carter", "Haddad", "Novak", "Salih", "Brooks", "Jaber", "Turner", "Aziz", "Walsh", "Kareem", "Fischer", "Mahdi", "Reed", "Obeidi", "Grant", "Nouri", "Lang", "Sabri", "Doyle", "Tamimi"]  # fmt: skip

PLACES = [
    ("Ain al-Asad air base", "Anbar province", "Iraq", "west of Baghdad"),
    ("Harir air base", "Erbil province", "Iraq", "north of Erbil"),
    ("Erbil International Airport", "the Kurdistan Region", "Iraq", "in Erbil"),
    ("Victory Base", "Baghdad", "Iraq", "near Baghdad airport"),
    ("Al-Tanf garrison", "Homs province", "Syria", "near the Jordanian border"),
    ("Conoco gas field", "Deir ez-Zor province", "Syria", "east of the Euphrates"),
    ("Green Village", "Deir ez-Zor province", "Syria", "near the Omar oil field"),
    ("Rumalyn Landing Zone", "Hasakah province", "Syria", "in northeastern Syria"),
    ("Shaddadi base", "Hasakah province", "Syria", "south of Hasakah"),
    ("Tower 22", "the Rukban area", "Jordan", "near the Syrian border"),
    ("Mission Support Site Euphrates", "Deir ez-Zor province", "Syria", "near Al-Omar"),
    ("the US embassy compound", "Baghdad", "Iraq", "in the Green Zone"),
    ("Qasrak base", "Hasakah province", "Syria", "near Tal Tamr"),
    ("Al-Malikiyah base", "Hasakah province", "Syria", "near the Turkish border"),
    ("Bashur airfield", "Erbil province", "Iraq", "in Harir district"),
    ("Al-Shaddadi airstrip", "Hasakah province", "Syria", "south of Hasakah city"),
]  # fmt: skip
STRIKE_PLACES = [
    ("Jurf al-Sakhar", "Babil province", "Iraq"), ("Al-Qaim", "Anbar province", "Iraq"),
    ("Albu Kamal", "Deir ez-Zor province", "Syria"), ("Mayadin", "Deir ez-Zor province", "Syria"),
    ("Akashat", "Anbar province", "Iraq"), ("Baghdad's Mashtal district", "Baghdad", "Iraq"),
    ("Al-Mayadeen desert", "Deir ez-Zor province", "Syria"), ("Kirkuk", "Kirkuk province", "Iraq"),
]  # fmt: skip
GROUPS = [
    "Kataib Hezbollah", "Harakat al-Nujaba", "Kataib Sayyid al-Shuhada",
    "the Islamic Resistance in Iraq", "Asaib Ahl al-Haq", "Kataib al-Imam Ali",
    "Saraya Awliya al-Dam", "Kataib Hezbollah's drone unit",
]  # fmt: skip
MUNITIONS = {
    "rocket": ["rockets", "Katyusha rockets", "107mm rockets", "122mm rockets"],
    "drone": ["one-way attack drones", "explosive-laden drones", "kamikaze drones", "drones"],
    "missile": ["ballistic missiles", "short-range missiles", "cruise missiles"],
}
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OFFICIALS = [
    "a US defense official", "a Pentagon spokesperson", "a spokesman for the US-led coalition",
    "an official with the Combined Joint Task Force", "a senior US military official",
    "a US Central Command statement", "an Iraqi security official", "a local police officer",
]  # fmt: skip
TITLES = [
    "Pentagon press secretary", "CENTCOM spokesman", "Coalition spokesman", "Iraqi military spokesman",
    "Deputy Pentagon press secretary", "Kurdish counter-terrorism spokesman", "Provincial governor",
]  # fmt: skip
QUOTE_OPEN = [
    "We will not tolerate", "There is no question that", "Our forces responded to",
    "We are still assessing", "The United States holds Iran responsible for",
    "We have been very clear about", "This is the latest in a string of", "Nobody wants to see",
    "We remain committed to", "Our priority is", "We call on all parties to stop",
    "Those responsible will be held accountable for", "It is too early to say how",
]  # fmt: skip
QUOTE_MID = [
    "these reckless attacks", "the safety of our personnel", "the damage at the base",
    "further escalation in the region", "the threat posed by these groups",
    "the security of Iraqi territory", "the mission to defeat ISIS", "attacks on our troops",
    "the sovereignty of Iraq", "the protection of civilians nearby", "what happened overnight",
    "every option available to us", "the wounded service members and their families",
]  # fmt: skip
QUOTE_CLOSE = [
    "and we will respond at a time and place of our choosing", "and that has not changed",
    "as the investigation continues", "and we are in close contact with our partners",
    "and we will keep doing so", "while the situation remains fluid", "in the coming days",
    "and our thoughts are with those affected", "without hesitation", "at every level",
]  # fmt: skip
WRAP_HEADERS = [
    "Originally published by {origin}. Republished with permission.",
    "This article first appeared on {origin}.",
    "Share this article: Facebook | Twitter | WhatsApp | Email",
    "Reading time: {minutes} minutes",
    "{site} | World | Middle East",
    "Advertisement",
    "Listen to this article",
    "Breaking: follow our live coverage of the Middle East",
]  # fmt: skip
WRAP_FOOTERS = [
    "{site} is reader-supported. If you value independent coverage of the wars in the Middle East, please consider a donation today: every contribution, large or small, keeps our reporting free for everyone.",
    "Support our work. We rely on readers like you. Donate now and help us keep reporting from the region.",
    "Subscribe to the {site} newsletter to get the day's most important stories in your inbox every morning.",
    "Related: Iraq's government condemns strikes | Analysis: what the militias want | Timeline of attacks",
    "The views expressed in republished articles do not necessarily reflect those of {site}.",
    "Copyright {year} {origin}. All rights reserved. Tags: Iraq, Syria, militias, US forces",
    "Comments are closed for this article. Read our community guidelines.",
]  # fmt: skip
SYNONYMS = {
    "said": "stated", "attack": "assault", "launched": "fired", "base": "facility",
    "officials": "authorities", "killed": "left dead", "wounded": "injured", "US": "American",
    "forces": "troops", "statement": "communique", "near": "close to", "group": "faction",
    "struck": "hit", "responded": "retaliated", "damage": "harm", "militia": "armed group",
}  # fmt: skip

_ALT = re.compile(r"\[([^\[\]]*)\]")


def _say(rng: random.Random, template: str, **slots: Any) -> str:
    """Fill ``{slot}``s and pick one option of every ``[a|b|c]`` alternation."""
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = text.format(**slots)
    return re.sub(r"\s+", " ", text).strip()


def _number(rng: random.Random, n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) and rng.random() < 0.6 else str(n)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _event(rng: random.Random, day: date) -> dict[str, Any]:
    """Random facts of one event, shared by every article written about it."""
    kind = rng.choice(["rocket", "drone", "drone", "rocket", "missile", "strike"])
    base, region, country, where = rng.choice(PLACES)
    spot, s_region, s_country = rng.choice(STRIKE_PLACES)
    return {
        "kind": kind, "day": day, "weekday": WEEKDAYS[day.weekday()],
        "base": base, "region": region, "country": country, "where": where,
        "spot": spot, "s_region": s_region, "s_country": s_country,
        "group": rng.choice(GROUPS), "munition": rng.choice(MUNITIONS.get(kind, ["missiles"])),
        "count": rng.randint(1, 12), "intercepted": rng.randint(0, 3),
        "wounded": rng.choice([0, 0, 0, 1, 2, 3, 4, 6, 8, 11, 34]),
        "killed": rng.choice([0, 0, 0, 0, 0, 1, 2, 3]),
        "hour": rng.choice(["shortly after midnight", "at dawn", "around 9 p.m.", "late in the evening",
                            "in the early hours", "around noon", "just before sunset",
                            f"at about {rng.randint(1, 11)}:{rng.choice(['00', '15', '30', '45'])}"]),
        "tally": rng.randint(40, 190), "jets": rng.choice(["F-15E", "F-16", "A-10", "B-1B", "MQ-9"]),
        "spokesman": _person(rng), "title": rng.choice(TITLES), "witness": _person(rng),
        "distance": rng.randint(5, 60),
    }  # fmt: skip


def _paragraphs(rng: random.Random, e: dict[str, Any]) -> list[str]:
    """One independently worded write-up of event ``e``, as paragraphs."""
    n = _number(rng, e["count"])
    slots = dict(e, n=n, official=rng.choice(OFFICIALS))
    lead_attack = [
        "[Iran-backed|Iran-aligned|Pro-Iran] [militants|fighters|militias] [launched|fired] {n} {munition} at {base} {where} {hour} on {weekday}, {official} said.",
        "{base} in {region} came under attack on {weekday} when {n} {munition} [were fired at|targeted|struck near] the [base|facility|compound], according to {official}.",
        "US forces at {base} were targeted by {n} {munition} {hour} {weekday}, the [latest|most recent|newest] in a [series|wave|string] of attacks [blamed on|attributed to] Iran-backed groups in {country}.",
        "An attack with {n} {munition} hit {base} {where} on {weekday}, [officials|security sources|military officials] [said|told reporters|confirmed].",
        "[Militants|Gunmen|Attackers] [targeted|attacked|struck] {base}, which hosts US-led coalition troops in {region}, with {n} {munition} on {weekday} {hour}.",
    ]  # fmt: skip
    lead_strike = [
        "US [warplanes|aircraft|jets] struck [militia|Kataib Hezbollah|Iran-backed] [positions|targets|facilities] in {spot}, {s_region}, on {weekday}, {official} said.",
        "The United States [carried out|launched|conducted] [airstrikes|precision strikes|retaliatory strikes] on {weekday} against {group} sites in {spot} in {s_country}.",
        "{jets} aircraft [hit|bombed|destroyed] [weapons depots|command centres|drone storage sites] used by {group} near {spot} {hour} on {weekday}.",
    ]  # fmt: skip
    paras: list[str] = []
    if e["kind"] == "strike":
        paras.append(_say(rng, rng.choice(lead_strike), **slots))
        paras.append(
            _say(
                rng,
                rng.choice(
                    [
                        "The strikes [came|followed] [days|hours] after [a drone attack|rocket fire|an attack] on {base} that [wounded|injured] {wounded} [American|US] [troops|service members].",
                        "[Officials|The Pentagon] described the [strikes|operation] as a [response|reply] to [repeated|recent|ongoing] attacks on US personnel at {base} and elsewhere.",
                        "[According to|Citing] {official}, the [targets|sites] were [used|relied on] by {group} to [plan|stage|launch] attacks on [US|coalition] forces.",
                    ]
                ),
                **slots,
            )  # fmt: skip
        )
        paras.append(
            _say(
                rng,
                rng.choice(
                    [
                        "{s_country}'s government [condemned|denounced|criticised] the strikes as a [violation|breach] of its sovereignty, [saying|adding] that {killed} people had been killed.",
                        "Local [sources|officials|medics] in {spot} said {killed} [fighters|people|members of the group] were killed and several [buildings|vehicles|warehouses] were destroyed.",
                        "[A statement from|A spokesman for] {group} [vowed|promised|threatened] [revenge|retaliation|a response] and said {killed} of its [members|fighters] had died.",
                    ]
                ),
                **slots,
            )  # fmt: skip
        )
    else:
        paras.append(_say(rng, rng.choice(lead_attack), **slots))
        paras.append(
            _say(
                rng,
                rng.choice(
                    [
                        "[Air defences|Coalition air defences|Counter-rocket systems] [intercepted|shot down|downed] {intercepted} of the [projectiles|munitions|incoming] [while|but] [others|the rest] [landed|fell|impacted] inside the [perimeter|base], causing [minor|limited|some] damage.",
                        "{wounded} US [personnel|service members|troops] [suffered|sustained] [minor injuries|traumatic brain injuries|wounds] and [were treated|received treatment] at the scene, the official [said|added].",
                        "There were no [immediate|initial] reports of [casualties|injuries], although {official} said [damage|an assessment] was still being [assessed|carried out].",
                        "The [attack|barrage|strike] [caused|did] [minor|light|no significant] damage to [infrastructure|a hangar|living quarters] and {wounded} people were [hurt|wounded].",
                    ]
                ),
                **slots,
            )  # fmt: skip
        )
        paras.append(
            _say(
                rng,
                rng.choice(
                    [
                        "{group} claimed [responsibility|the attack] in a [statement|Telegram post|video] [posted|published|circulated] [later that day|hours later|overnight], saying it had [targeted|struck] an [occupation|American] base.",
                        "No group [immediately|initially] claimed [responsibility|the attack], but [suspicion|blame] [fell|focused] on {group}, which has [claimed|carried out] [dozens|many|several] of similar attacks.",
                        "The Islamic Resistance in Iraq, an umbrella [group|coalition|network] that includes {group}, [said|claimed] in a [statement|post] that it [carried out|was behind] the [operation|attack].",
                    ]
                ),
                **slots,
            )  # fmt: skip
        )
    quote = f"{rng.choice(QUOTE_OPEN)} {rng.choice(QUOTE_MID)}, {rng.choice(QUOTE_CLOSE)}"
    paras.append(
        _say(
            rng,
            rng.choice(
                [
                    "\u201c{q}.\u201d {title} {spokesman} told [reporters|journalists] on {weekday}.",
                    "{title} {spokesman} [said|told a briefing]: \u201c{q}.\u201d",
                    "\u201c{q},\u201d {spokesman}, the {title_lower}, said in a statement.",
                ]
            ),
            **dict(slots, q=quote, title_lower=e["title"].lower()),
        )  # fmt: skip
    )
    paras.append(
        _say(
            rng,
            rng.choice(
                [
                    "A resident of a village about {distance} km from the [base|site], {witness}, said he [heard|counted] {explosions} [explosions|blasts|loud bangs] and saw [smoke|fire|flashes] [rising|on the horizon].",
                    "{witness}, a [shopkeeper|farmer|taxi driver|teacher] who lives {distance} km away, said [the blasts|the explosions] [shook|rattled] windows [across the town|in his street].",
                    "Witnesses [reported|described] {explosions} [explosions|blasts] and [sirens|warning alarms] [sounding|going off] for about {minutes} minutes.",
                ]
            ),
            **dict(slots, explosions=rng.randint(2, 9), minutes=rng.randint(5, 40)),
        )  # fmt: skip
    )
    paras.append(
        _say(
            rng,
            rng.choice(
                [
                    "[Iran-backed militias|Militias aligned with Iran|Tehran's allies in the region] have [attacked|targeted] US forces in Iraq and Syria [more than|at least|over] {tally} times since October 17, [according to|the Pentagon says, citing|by the count of] [the Pentagon|US officials|defense officials].",
                    "The United States [keeps|has] about 2,500 troops in Iraq and 900 in Syria [as part of|under] the [coalition|mission|campaign] against the Islamic State group; the {tally}-odd attacks since mid-October have [tested|strained] [that presence|relations with Baghdad].",
                    "[Washington|The Biden administration] has [blamed|held] Iran [for|responsible for] the [campaign|wave] of [attacks|strikes], which [militants|the groups] say [is|are] [a response to|retaliation for] US support for Israel in the war in Gaza; the [tally|count] now stands at {tally}.",
                ]
            ),
            **slots,
        )  # fmt: skip
    )
    extra = [
        "[Iraqi|Local] security forces later [found|recovered|located] [a launcher|the launch site|a burnt-out truck] {distance} km [north|south|east|west] of the [base|site] with {left} [unfired|unused] [rockets|projectiles|rails] still [on it|inside], a [police|security|military] source said.",
        "The {department} [said|added] in a [separate|later|short] statement that it was [reviewing|assessing|examining] [force protection|security arrangements|air defence coverage] at {base} and [other|nearby|similar] [sites|bases|facilities] [in the area|in {region}|across the region].",
        "[Secretary of State|Defense Secretary|National Security Adviser|The White House press secretary] [spoke|talked|met] with [Iraqi Prime Minister|Iraq's foreign minister|Kurdish regional leaders] {officialname} on {weekday2} [about|to discuss] the [attacks|situation|escalation], [a readout|an aide|officials] said.",
        "[Flights|Traffic|Operations] at [the nearby airport|Erbil airport|the civilian airfield] [were suspended|were halted|were briefly diverted] for about {minutes} minutes [as a precaution|after the alarms|while the area was searched].",
        "[The|This] [attack|incident|barrage] was the {ordinal} [on|against] {base} [this month|since the start of the year|in {days} days], [according to|by] a [tally|count] [kept|compiled] by {outlet_like}.",
        "[Hospital|Medical] staff in {town} said they [received|treated|admitted] {hurt} [people|patients|civilians] with [shrapnel wounds|minor injuries|burns] after [debris|fragments|a stray rocket] [fell|landed|crashed] on [a farm|a house|a road] {distance2} km away.",
    ]  # fmt: skip
    ordinal = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    for template in rng.sample(extra, rng.randint(3, 5)):
        paras.insert(
            rng.randint(2, len(paras)),
            _say(rng, template, **dict(
                slots, left=rng.randint(1, 9), department=rng.choice(["Pentagon", "Defense Department", "coalition", "US embassy", "State Department"]),
                officialname=_person(rng), weekday2=rng.choice(WEEKDAYS), minutes=rng.randint(10, 120),
                ordinal=rng.choice(ordinal), days=rng.randint(3, 40), outlet_like=rng.choice(OUTLETS),
                town=rng.choice(["Hit", "Baghdadi", "Erbil", "Hasakah", "Mayadin", "Qamishli", "Haditha", "Rutba", "Shaddadi"]),
                hurt=rng.randint(1, 7), distance2=rng.randint(1, 15),
            )),
        )  # fmt: skip
    if rng.random() < 0.6:
        paras.append(
            _say(
                rng,
                rng.choice(
                    [
                        "[Iraqi|Local] [officials|leaders] [have called|called again] for the [withdrawal|departure|exit] of [foreign|coalition|US] forces, [arguing|saying] that the attacks and the US [responses|strikes] put {country} at [risk|the centre] of a [wider|regional] war.",
                        "[Analysts|Experts|Observers] say the [groups|militias] [are trying|want] to [raise the cost|increase pressure] of the US presence [without|while avoiding] [an all-out|a direct|a full] [confrontation|war] with Washington.",
                        "The [base|site] was last [attacked|hit|targeted] {gap} days [earlier|before], when {prior} {prior_munition} were [fired|launched] [at it|toward it].",
                    ]
                ),
                **dict(
                    slots,
                    gap=rng.randint(2, 30),
                    prior=_number(rng, rng.randint(1, 9)),
                    prior_munition=rng.choice(MUNITIONS["rocket"] + MUNITIONS["drone"]),
                ),
            )  # fmt: skip
        )
    return paras


def _title(rng: random.Random, e: dict[str, Any]) -> str:
    if e["kind"] == "strike":
        choices = [
            "US strikes {group} targets in {spot}", "American jets hit militia sites in {s_country}",
            "US retaliates with strikes near {spot}", "Pentagon confirms strikes on {group} in {s_region}",
        ]  # fmt: skip
    else:
        choices = [
            "{munition_cap} target US forces at {base}", "Attack on {base} [wounds|injures] {wounded}",
            "Militants attack {base} in {region}", "{group} claims strike on {base}",
            "US troops at {base} come under [fire|attack] again",
        ]  # fmt: skip
    return _say(rng, rng.choice(choices), **dict(e, munition_cap=e["munition"].capitalize()))


def _published(rng: random.Random, day: date) -> datetime:
    moment = time(rng.randint(0, 23), rng.randint(0, 59), tzinfo=UTC)
    return datetime.combine(day + timedelta(days=rng.choice([0, 0, 0, 1])), moment)


# ------------------------------------------------------------------ long-form articles

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data" / "sample"

#: Page furniture that survives into the text of real long-form articles.
BOILERPLATE = [
    "Photo: {base}, file image. Credit: {outlet} archive",
    "Read more: Timeline of attacks on US forces in Iraq and Syria since October",
    "Sign up for the {outlet} security briefing, delivered to your inbox every weekday morning.",
    "This story has been updated with comment from {official}.",
    "Related coverage: What the Islamic Resistance in Iraq wants | Who are Kataib Hezbollah? | "
    "Map: US bases in Iraq and Syria",
    "{outlet} reporters {person} and {person2} contributed from Baghdad and Erbil.",
]  # fmt: skip
FOLLOW_UP = [
    "It was not the only attack that week.",
    "Separately, officials reported another incident.",
    "The attack came days after an earlier one.",
    "In a related development, US forces were targeted again.",
]  # fmt: skip

_sample_paragraphs: list[str] | None = None


def sample_paragraphs() -> list[str]:
    """Body paragraphs of the bundled sample corpus's plain-text and Markdown articles.

    They give long-form articles real background: quotes, history, other dated events. Files
    in legacy encodings are left out (this is text to read, not a decoder test).
    """
    global _sample_paragraphs
    if _sample_paragraphs is None:
        found: list[str] = []
        for path in sorted(SAMPLE.glob("*")):
            if path.suffix not in (".txt", ".md"):
                continue
            try:
                text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                continue
            for para in re.split(r"\n\s*\n", text):
                para = " ".join(para.split()).replace("**", "")
                if len(para.split()) >= 25 and not para.startswith(("#", ">", "[", "*", "|", "-")):
                    found.append(para)
        _sample_paragraphs = found
    return _sample_paragraphs


def lengthen(
    rng: random.Random, paragraphs: list[str], event: dict[str, Any], words: int
) -> list[str]:
    """Grow one write-up to about ``words`` words, as a long-form news article reads.

    After the main event come, in turn, the write-up of another recent event (its lead and a
    few details), background paragraphs from the sample corpus, and page furniture (photo
    credits, related links, newsletter prompts) between them.
    """
    out = list(paragraphs)
    count = sum(len(p.split()) for p in out)
    background = sample_paragraphs()
    turn = 0
    # the last part added overshoots by half a part on average: stop short by that much
    while count < words - 40:
        if turn % 3 == 0:  # another event of the same campaign, a few days earlier
            other = _event(rng, event["day"] - timedelta(days=rng.randint(1, 12)))
            part = [rng.choice(FOLLOW_UP)] + _paragraphs(rng, other)[: rng.randint(2, 4)]
        elif turn % 3 == 1 and background:
            part = rng.sample(background, min(len(background), rng.randint(2, 3)))
        else:
            part = [
                rng.choice(BOILERPLATE).format(
                    base=event["base"],
                    outlet=rng.choice(OUTLETS),
                    official=rng.choice(OFFICIALS),
                    person=_person(rng),
                    person2=_person(rng),
                )
            ]
        out += part
        count += sum(len(p.split()) for p in part)
        turn += 1
    return out


# ------------------------------------------------------------------ planted duplicates


def _exact_copy(rng: random.Random, text: str) -> str:
    """Same words, different form: curly/straight quotes swapped, spacing, capitals."""
    text = text.replace("\u201c", '"').replace("\u201d", '"') if rng.random() < 0.7 else text
    paras = text.split("\n\n")
    if rng.random() < 0.5:
        paras[0] = paras[0].upper()
    return "\n\n".join("  ".join(p.split(" ")) if rng.random() < 0.3 else p for p in paras)


def _wrap(rng: random.Random, text: str, site: str, origin: str, year: int) -> str:
    slots = {"site": site, "origin": origin, "year": year, "minutes": rng.randint(2, 7)}
    head = [h.format(**slots) for h in rng.sample(WRAP_HEADERS, rng.randint(1, 3))]
    foot = [f.format(**slots) for f in rng.sample(WRAP_FOOTERS, rng.randint(1, 3))]
    return "\n\n".join(head + [text] + foot)


def _trim(rng: random.Random, text: str) -> str:
    """Drop one or two paragraphs after the lead (a repost cutting the background)."""
    paras = text.split("\n\n")
    drop = rng.sample(range(1, len(paras)), min(rng.randint(1, 2), len(paras) - 2))
    return "\n\n".join(p for i, p in enumerate(paras) if i not in drop)


def _edit(rng: random.Random, text: str, rate: float = 0.03) -> str:
    """Swap synonyms, introduce typos and drop words at about ``rate`` of the words."""
    out = []
    for word in text.split(" "):
        roll = rng.random()
        if roll < rate / 3 and word in SYNONYMS:
            out.append(SYNONYMS[word])
        elif roll < rate * 2 / 3 and len(word) > 3:
            i = rng.randrange(len(word) - 1)
            out.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        elif roll < rate:
            continue
        else:
            out.append(SYNONYMS[word] if word in SYNONYMS and rng.random() < 0.05 else word)
    return " ".join(out)


#: Articles held back before one is yielded: enough to shuffle copies away from their original
#: (a repost turns up hours or days later, among other articles), bounded so that generating a
#: corpus of any size takes the same memory.
SHUFFLE_WINDOW = 2048


def generate(
    n: int = 10_000, seed: int = 7, *, words: int | None = None, window: int = SHUFFLE_WINDOW
) -> Iterator[dict[str, Any]]:
    """Yield ``n`` articles (originals, duplicates and siblings) in a shuffled order.

    Streams: at most ``window`` articles are held at a time, each yielded article picked at
    random among them, so memory does not grow with ``n``. ``words`` makes long-form articles
    of about that many words (see :func:`lengthen`); the events, duplicates and stories are the
    same as without it, only each write-up is longer.
    """
    rng = random.Random(seed)
    # own generators: the long-form text and the order do not disturb the corpus's facts
    long_rng = random.Random(f"{seed}-long")
    order_rng = random.Random(f"{seed}-order")
    start = date(2021, 1, 1)
    held: list[dict[str, Any]] = []
    made = 0
    counter = 0

    def new_id() -> str:
        nonlocal counter
        counter += 1
        return f"a{counter:06d}"

    def release() -> dict[str, Any]:
        # swap-remove a random held article: O(1), and a seeded, reproducible order
        i = order_rng.randrange(len(held))
        held[i], held[-1] = held[-1], held[i]
        return held.pop()

    while made < n:
        day = start + timedelta(days=rng.randint(0, 1825))
        event = _event(rng, day)
        story = f"s{made:06d}"
        writers = [rng.choice(OUTLETS)]
        if rng.random() < 0.25:  # the same event written up independently by other outlets
            writers += rng.sample([o for o in OUTLETS if o != writers[0]], rng.randint(1, 2))
        batch: list[dict[str, Any]] = []
        for position, outlet in enumerate(writers):
            paragraphs = _paragraphs(rng, event)
            if words:
                paragraphs = lengthen(long_rng, paragraphs, event, words)
            original = {
                "id": new_id(),
                "url": f"https://{outlet.lower().replace(' ', '')}.example/{day:%Y/%m/%d}/{counter}",
                "title": _title(rng, event),
                "text": "\n\n".join(paragraphs),
                "published": _published(rng, day).isoformat(),
                "outlet": outlet,
                "author": _person(rng) if rng.random() < 0.8 else None,
                "original_outlet": None,
                "_dup_of": None,
                "_variant": "original" if position == 0 else "sibling",
                "_story": story,
            }
            batch.append(original)
            copies = rng.choice([0, 0, 0, 1, 1, 2, 3]) if rng.random() < 0.4 else 0
            for _ in range(copies):
                variant = rng.choice(["exact", "wrapped", "trimmed", "edited", "repost", "repost"])
                site = rng.choice(REPOST_SITES)
                text = original["text"]
                # one draw of the corpus's generator however long the text: the copy's edits
                # (a draw per word) must not shift the facts of the articles after it
                edits = random.Random(rng.random())
                if variant == "exact":
                    text = _exact_copy(edits, text)
                if variant in ("trimmed", "repost"):
                    text = _trim(edits, text)
                if variant in ("edited", "repost"):
                    text = _edit(edits, text)
                if variant in ("wrapped", "repost"):
                    text = _wrap(edits, text, site, outlet, day.year)
                copy_day = day + timedelta(days=rng.randint(0, 3))
                batch.append({
                    "id": new_id(),
                    "url": f"https://{site.lower().replace(' ', '-')}.example/post/{counter}",
                    "title": original["title"] if rng.random() < 0.7 else None,
                    "text": text,
                    "published": _published(rng, copy_day).isoformat() if rng.random() < 0.5 else None,
                    "outlet": site if variant != "exact" or rng.random() < 0.5 else outlet,
                    "author": original["author"] if rng.random() < 0.3 else None,
                    "original_outlet": outlet if rng.random() < 0.5 else None,
                    "_dup_of": original["id"],
                    "_variant": variant,
                    "_story": story,
                })  # fmt: skip
        for article in batch[: n - made]:
            held.append(article)
            made += 1
            if len(held) > window:
                yield release()
    while held:
        yield release()


def write(path: str | Path, n: int = 10_000, seed: int = 7, *, words: int | None = None) -> Path:
    """Write the corpus as JSON lines to ``path``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for article in generate(n, seed, words=words):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="output JSON-lines file")
    parser.add_argument("--n", type=int, default=10_000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    parser.add_argument("--words", type=int, help="long-form articles of about this many words")
    args = parser.parse_args()
    print(write(args.path, args.n, args.seed, words=args.words))


if __name__ == "__main__":
    main()
