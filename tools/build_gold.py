"""Write ``gold/articles.jsonl`` and ``gold/events.jsonl`` from the tables below.

The annotations are kept here, as compact Python tables, because each real event is coded once
(actors, type, place) and then cited by several articles; writing every JSON line by hand would
let the copies drift apart. Run ``python tools/build_gold.py`` after editing; it refuses to
write when a cited sentence is not in its article. Build tooling, not part of the installed package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "sample"
GOLD = SAMPLE / "gold"

# --------------------------------------------------------------------------- articles

ARTICLES: list[dict[str, Any]] = []


def article(
    source: str,
    title: str,
    outlet: str | None,
    published: str | None,
    story: str,
    *,
    original: str | None = None,
    duplicate_of: str | None = None,
    language: str = "en",
    encoding: str = "utf-8",
) -> None:
    """Record one article's gold metadata."""
    ARTICLES.append(
        {
            "source": source,
            "title": title,
            "outlet": outlet,
            "published": published,
            "published_precision": "day" if published else None,
            "original_outlet": original,
            "duplicate_of": duplicate_of,
            "story": story,
            "language": language,
            "encoding": encoding,
        }
    )


article(
    "k1-base-rocket-attack-kirkuk.html",
    "US contractor killed in rocket attack on Iraqi base near Kirkuk",
    "The Levant Ledger",
    "2019-12-27T23:10:00+03:00",
    "k1-2019-12",
)
article(
    "k1-contractor-killed.txt",
    "Rocket attack on K-1 kills American contractor, wounds troops",
    "Northern Iraq Monitor",
    "2019-12-28",
    "k1-2019-12",
)
article(
    "us-strikes-kataib-hezbollah-qaim.html",
    "US jets strike Kataib Hezbollah bases in Iraq and Syria, killing 25",
    "Capitol Defense Daily",
    "2019-12-30T02:45:00+00:00",
    "us-strikes-2019-12",
)
article(
    "wire-archive.jsonl#4",
    "Kataib Hezbollah buries its dead, vows to expel US forces",
    "Baghdad Observer",
    None,
    "us-strikes-2019-12",
)
article(
    "soleimani-killed-baghdad-airport.html",
    "Soleimani, al-Muhandis killed in US drone strike at Baghdad airport",
    "Gulf Wire Service",
    "2020-01-03T09:30:00+03:00",
    "soleimani-2020-01",
)
article(
    "soleimani-repost-middle-east-digest.md",
    "Top Iranian general Soleimani killed in US strike in Baghdad",
    "Middle East Digest",
    "2020-01-03",
    "soleimani-2020-01",
    original="Gulf Wire Service",
    duplicate_of="soleimani-killed-baghdad-airport.html",
)
article(
    "wire-archive.jsonl#1",
    "Iraqis mourn al-Muhandis as militias vow revenge",
    "Baghdad Observer",
    "2020-01-03T18:00:00+03:00",
    "soleimani-2020-01",
)
article(
    "iran-missiles-ain-al-asad-erbil.html",
    "Iran fires ballistic missiles at Iraqi bases housing US troops",
    "Tigris Times",
    "2020-01-08T08:15:00+03:00",
    "iran-missiles-2020-01",
)
article(
    "wire-archive.jsonl#2",
    "Pentagon: no US casualties in Iranian missile barrage",
    "The Frontier Briefing",
    "2020-01-09",
    "iran-missiles-2020-01",
)
article(
    "camp-taji-rocket-attack.txt",
    "Two Americans and a Briton killed in rocket attack on Camp Taji",
    "Euphrates Monitor",
    "2020-03-11",
    "taji-2020-03",
)
article(
    "taji-attack-coalition-statement.html",
    "Coalition says 18 rockets hit Taji; three killed",
    "Mesopotamia Post",
    "2020-03-12T10:02:00+03:00",
    "taji-2020-03",
)
article(
    "us-strikes-jurf-al-sakhar-march-2020.html",
    "US strikes Kataib Hezbollah weapons sites after Taji attack",
    "The Levant Ledger",
    "2020-03-13T11:40:00+03:00",
    "us-strikes-2020-03",
)
article(
    "erbil-airport-rocket-attack-2021.md",
    "Rockets hit Erbil airport base, killing foreign contractor",
    "Kurdistan Observer",
    "2021-02-16",
    "erbil-2021-02",
)
article(
    "erbil-rockets-arabic-cp1256.txt",
    "مقتل متعاقد أجنبي بهجوم صاروخي على مطار أربيل",
    "صحيفة الرافدين اليوم",
    "2021-02-16",
    "erbil-2021-02",
    language="ar",
    encoding="cp1256",
)
article(
    "abu-kamal-strike-feb-2021-cp1252.txt",
    "Biden\u2019s first strike: US bombs militia sites on Syria\u2013Iraq border",
    "The Frontier Briefing",
    "2021-02-26",
    "us-strikes-2021-02",
    encoding="cp1252",
)
article(
    "us-strikes-syria-border-control-point.html",
    "US strikes Iran-backed militia facilities in eastern Syria",
    "Gulf Wire Service",
    "2021-02-26T06:55:00+03:00",
    "us-strikes-2021-02",
)
article(
    "border-strikes-june-2021.html",
    "US strikes militia sites on Iraq-Syria border; four fighters killed",
    "Tigris Times",
    "2021-06-28T09:00:00+03:00",
    "us-strikes-2021-06",
)
article(
    "wire-archive.jsonl#3",
    "Rockets target US troops at Syrian oil field; US returns fire",
    "Gulf Wire Service",
    "2021-06-28T22:00:00+00:00",
    "omar-rockets-2021-06",
)
article(
    "drones-ain-al-asad-al-tanf-oct-2023.html",
    "US forces fend off drone attacks on bases in Iraq and Syria",
    "Capitol Defense Daily",
    "2023-10-19T21:30:00+00:00",
    "drone-wave-2023-10",
)
article(
    "islamic-resistance-claims-roundup.md",
    "Claims tracker: Islamic Resistance in Iraq attacks on US bases in Syria",
    "Levant Security Watch",
    "2023-10-26",
    "iri-claims-2023-10",
)
article(
    "us-strikes-abu-kamal-october-2023.html",
    "US jets strike IRGC-linked sites near Abu Kamal after wave of attacks",
    "The Levant Ledger",
    "2023-10-27T08:20:00+03:00",
    "us-strikes-2023-10",
)
article(
    "ac130-strike-abu-ghraib.html",
    "US gunship hits militia vehicle after missile attack on Ain al-Asad",
    "Capitol Defense Daily",
    "2023-11-22T14:10:00+00:00",
    "abu-ghraib-2023-11",
)
article(
    "iraq-condemns-us-strikes-nov-2023.txt",
    "Baghdad condemns US strikes, says they violate sovereignty",
    "Anbar Voice",
    "2023-11-22",
    "abu-ghraib-2023-11",
)
article(
    "baghdad-drone-strike-nujaba-commander.html",
    "US drone strike in Baghdad kills Nujaba commander",
    "Tigris Times",
    "2024-01-04T16:45:00+03:00",
    "nujaba-2024-01",
)
article(
    "nujaba-commander-repost.md",
    "Drone strike on Baghdad militia HQ kills Nujaba leader",
    "Iraq Wire Today",
    "2024-01-04",
    "nujaba-2024-01",
    original="Tigris Times",
    duplicate_of="baghdad-drone-strike-nujaba-commander.html",
)
article(
    "ain-al-asad-ballistic-missiles-jan-2024.txt",
    "Ballistic missiles hit Ain al-Asad; US troops evaluated for brain injuries",
    "Gulf Wire Service",
    "2024-01-21",
    "ain-al-asad-2024-01",
)
article(
    "ain-al-asad-attack-us-troops-injured.md",
    "Militia missiles strike Ain al-Asad as regional tensions rise",
    "Kurdistan Observer",
    "2024-01-22",
    "ain-al-asad-2024-01",
)
article(
    "three-us-soldiers-killed-jordan.html",
    "Three US soldiers killed, dozens hurt in drone attack on base in Jordan",
    "Heartland Courier",
    "2024-01-28",
    "tower22-2024-01",
)
article(
    "three-us-soldiers-killed-jordan-copy.html",
    "Three US soldiers killed, dozens hurt in drone attack on base in Jordan",
    "Heartland Courier",
    "2024-01-28",
    "tower22-2024-01",
    duplicate_of="three-us-soldiers-killed-jordan.html",
)
article(
    "tower-22-jordan-drone-attack.md",
    "Tower 22: deadly drone attack on US outpost; Amman says strike was in Syria",
    "Levant Security Watch",
    "2024-01-29",
    "tower22-2024-01",
)
article(
    "feed-export.json#2",
    "Kataib Hezbollah suspends attacks on US forces",
    "Kurdistan Observer",
    "2024-01-31T08:00:00+03:00",
    "kh-pause-2024-01",
)
article(
    "us-strikes-85-targets-iraq-syria.html",
    "US hits 85 targets in Iraq and Syria in response to Jordan attack",
    "The Levant Ledger",
    "2024-02-03T01:05:00+03:00",
    "us-strikes-2024-02",
)
article(
    "feed-export.json#1",
    "Iraq says US strikes killed 16, including civilians",
    "Tigris Times",
    "2024-02-03",
    "us-strikes-2024-02",
)
article(
    "kataib-hezbollah-commander-killed-baghdad.html",
    "US strike in Baghdad kills Kataib Hezbollah commander behind Jordan attack",
    "Gulf Wire Service",
    "2024-02-08T00:40:00+03:00",
    "saadi-2024-02",
)
article(
    "kh-commander-baghdad-repost.txt",
    "US drone kills Kataib Hezbollah commander in Baghdad",
    "Regional News Network",
    None,
    "saadi-2024-02",
    original="Gulf Wire Service",
    duplicate_of="kataib-hezbollah-commander-killed-baghdad.html",
)
article(
    "kalsu-base-explosion-babil.html",
    "Blast at PMF base in Babil kills one; cause disputed",
    "Anbar Voice",
    "2024-04-20T13:30:00+03:00",
    "kalsu-2024-04",
)
article(
    "us-strike-jurf-al-sakhar-july-2024.html",
    "US strike south of Baghdad kills four as militias readied drones",
    "Mesopotamia Post",
    "2024-07-31T09:12:00+03:00",
    "jurf-2024-07",
)
article(
    "ain-al-asad-rocket-attack-august-2024.md",
    "US personnel hurt in rocket attack on Ain al-Asad",
    "Euphrates Monitor",
    "2024-08-06",
    "ain-al-asad-2024-08",
)
article(
    "feed-export.json#3",
    "Seven Americans hurt in Ain al-Asad rocket attack, officials say",
    "Capitol Defense Daily",
    "2024-08-06T07:30:00+00:00",
    "ain-al-asad-2024-08",
)
article(
    "convoys-roadside-bombs-south.txt",
    "Roadside bombs hit coalition supply convoys in three provinces",
    "Southern Iraq News",
    None,
    "convoys-undated",
)
article(
    "green-zone-rockets.md",
    "Rockets land in Baghdad's Green Zone",
    "Baghdad Briefing",
    None,
    "green-zone-undated",
)
article(
    "iraq-sovereignty-op-ed-2026.txt",
    "Iraq's sovereignty is still caught between Washington and Tehran",
    "The Frontier Briefing",
    "2026-02-03T18:02:00",
    "op-ed-2026-02",
)
article(
    "two-years-after-tower-22-bn-header.html",
    "Two years after Tower 22: what the strikes changed in Iraq and Syria",
    "Dhaka Morning Herald",
    "2026-02-04",
    "tower22-retrospective-2026-02",
)

# --------------------------------------------------------------------------- places and actors

#: location -> (country, admin1, latitude, longitude)
PLACES: dict[str, tuple[str, str, float, float]] = {
    "K-1 Air Base": ("Iraq", "Kirkuk", 35.518, 44.283),
    "Al-Qaim": ("Iraq", "Al-Anbar", 34.3686, 41.0944),
    "Akashat": ("Iraq", "Al-Anbar", 33.7986, 40.6086),
    "Ain al-Asad Air Base": ("Iraq", "Al-Anbar", 33.7856, 42.4412),
    "Baghdad International Airport": ("Iraq", "Baghdad", 33.2625, 44.2346),
    "Baghdad": ("Iraq", "Baghdad", 33.3406, 44.4009),
    "Camp Taji": ("Iraq", "Baghdad", 33.5243, 44.2567),
    "Abu Ghraib": ("Iraq", "Baghdad", 33.2897, 44.0653),
    "Erbil": ("Iraq", "Erbil", 36.1911, 44.0092),
    "Erbil International Airport": ("Iraq", "Erbil", 36.2376, 43.9632),
    "Harir Air Base": ("Iraq", "Erbil", 36.5317, 44.3486),
    "Jurf al-Sakhar": ("Iraq", "Babil", 32.8667, 44.1167),
    "Kalsu Base": ("Iraq", "Babil", 32.8844, 44.3536),
    "Hillah": ("Iraq", "Babil", 32.4637, 44.4196),
    "Karbala": ("Iraq", "Kerbala", 32.6160, 44.0249),
    "Diwaniyah": ("Iraq", "Al-Qadissiya", 31.9929, 44.9255),
    "Nasiriyah": ("Iraq", "Thi-Qar", 31.0439, 46.2576),
    "Abu Kamal": ("Syria", "Deir-ez-Zor", 34.4536, 40.9187),
    "Mayadin": ("Syria", "Deir-ez-Zor", 35.0192, 40.4514),
    "Conoco Gas Field": ("Syria", "Deir-ez-Zor", 35.3167, 40.3833),
    "Green Village": ("Syria", "Deir-ez-Zor", 35.0400, 40.5000),
    "Al-Omar Oil Field": ("Syria", "Deir-ez-Zor", 35.0140, 40.5570),
    "Al-Tanf": ("Syria", "Homs", 33.4986, 38.6556),
    "Tower 22": ("Jordan", "Mafraq", 33.3190, 38.6940),
}

US17 = "Military Forces of the United States (2017-2021)"
US21 = "Military Forces of the United States (2021-)"
IRGC = "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"
PMF22 = "Military Forces of Iraq (2022-) Popular Mobilization Forces"
KH = "Kataib Hezbollah"
IRI = "Islamic Resistance in Iraq"
NUJABA = "Harakat Hezbollah al-Nujaba"
SAD = "Saraya Awliya al-Dam"
UAG_IQ = "Unidentified Armed Group (Iraq)"
UAG_SY = "Unidentified Armed Group (Syria)"
UMF = "Unidentified Military Forces"
CIV_IQ = "Civilians (Iraq)"

AIR = ("Explosions/Remote violence", "Air/drone strike", "Political violence")
SHELL = ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence")
DISRUPTED = ("Strategic developments", "Disrupted weapons use", "Strategic developments")
CHANGE = ("Strategic developments", "Change to group/activity", "Strategic developments")

# --------------------------------------------------------------------------- events

#: gold_event -> the event as coded once: date, kind, actors, place, geo precision, weapons
EVENTS: dict[str, dict[str, Any]] = {}


def event(
    gold_id: str,
    date: str | None,
    kind: tuple[str, str, str],
    actor1: str,
    actor2: str | None,
    location: str,
    geo: int,
    weapons: list[str],
) -> None:
    """Code one real event."""
    event_type, sub_event_type, disorder_type = kind
    country, admin1, lat, lon = PLACES[location]
    EVENTS[gold_id] = {
        "event_date": date,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "disorder_type": disorder_type,
        "actor1": actor1,
        "actor2": actor2,
        "country": country,
        "admin1": admin1,
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": geo,
        "weapons": weapons,
    }


event("E01-k1-rockets", "2019-12-27", SHELL, UAG_IQ, US17, "K-1 Air Base", 1, ["rocket"])
event("E02-us-strikes-qaim-2019", "2019-12-29", AIR, US17, KH, "Al-Qaim", 1, ["aircraft"])
event("E03-us-strikes-abukamal-2019", "2019-12-29", AIR, US17, KH, "Abu Kamal", 2, ["aircraft"])
event(
    "E04-soleimani-strike",
    "2020-01-03",
    AIR,
    US17,
    IRGC,
    "Baghdad International Airport",
    1,
    ["drone", "missile"],
)
event(
    "E05-iran-missiles-asad",
    "2020-01-08",
    SHELL,
    IRGC,
    US17,
    "Ain al-Asad Air Base",
    1,
    ["ballistic missile"],
)
event(
    "E06-iran-missiles-erbil",
    "2020-01-08",
    SHELL,
    IRGC,
    US17,
    "Erbil International Airport",
    1,
    ["ballistic missile"],
)
event("E07-taji-rockets", "2020-03-11", SHELL, UAG_IQ, US17, "Camp Taji", 1, ["rocket"])
event("E08-us-strikes-jurf-2020", "2020-03-12", AIR, US17, KH, "Jurf al-Sakhar", 1, ["aircraft"])
event("E09-us-strikes-karbala-2020", "2020-03-12", AIR, US17, CIV_IQ, "Karbala", 1, ["aircraft"])
event(
    "E10-erbil-rockets-2021",
    "2021-02-15",
    SHELL,
    SAD,
    US21,
    "Erbil International Airport",
    1,
    ["rocket"],
)
event(
    "E11-us-strikes-abukamal-2021",
    "2021-02-25",
    AIR,
    US21,
    KH,
    "Abu Kamal",
    2,
    ["aircraft", "bomb"],
)
event("E12-us-strikes-qaim-2021", "2021-06-27", AIR, US21, KH, "Al-Qaim", 2, ["aircraft"])
event("E13-us-strikes-abukamal-2021-06", "2021-06-27", AIR, US21, KH, "Abu Kamal", 2, ["aircraft"])
event(
    "E14-omar-rockets-2021", "2021-06-28", SHELL, UAG_SY, US21, "Al-Omar Oil Field", 1, ["rocket"]
)
event(
    "E15-us-counterbattery-2021",
    "2021-06-28",
    SHELL,
    US21,
    UAG_SY,
    "Al-Omar Oil Field",
    2,
    ["artillery"],
)
event(
    "E16-asad-drones-intercepted-2023",
    "2023-10-17",
    DISRUPTED,
    US21,
    IRI,
    "Ain al-Asad Air Base",
    2,
    ["drone"],
)
event("E17-harir-drone-2023", "2023-10-17", AIR, IRI, US21, "Harir Air Base", 2, ["drone"])
event("E18-tanf-drones-2023", "2023-10-18", AIR, IRI, US21, "Al-Tanf", 1, ["drone"])
event("E19-conoco-drone-claim-2023", "2023-10-25", AIR, IRI, US21, "Conoco Gas Field", 1, ["drone"])
event(
    "E20-green-village-rockets-2023", "2023-10-25", SHELL, IRI, US21, "Green Village", 1, ["rocket"]
)
event("E21-us-strikes-abukamal-2023", "2023-10-27", AIR, US21, IRGC, "Abu Kamal", 2, ["aircraft"])
event(
    "E22-asad-ballistic-missile-2023",
    "2023-11-21",
    SHELL,
    IRI,
    US21,
    "Ain al-Asad Air Base",
    1,
    ["ballistic missile"],
)
event("E23-ac130-abu-ghraib-2023", "2023-11-21", AIR, US21, KH, "Abu Ghraib", 2, ["gunship"])
event("E24-us-strikes-jurf-2023", "2023-11-22", AIR, US21, KH, "Jurf al-Sakhar", 1, ["aircraft"])
event("E25-nujaba-commander-strike", "2024-01-04", AIR, US21, NUJABA, "Baghdad", 1, ["drone"])
event("E26-erbil-iran-missiles-2024", "2024-01-15", SHELL, IRGC, CIV_IQ, "Erbil", 1, ["missile"])
event(
    "E27-asad-missiles-2024-01",
    "2024-01-20",
    SHELL,
    IRI,
    US21,
    "Ain al-Asad Air Base",
    1,
    ["ballistic missile", "rocket"],
)
event("E28-tower22-drone", "2024-01-28", AIR, IRI, US21, "Tower 22", 1, ["drone"])
event("E29-kh-suspends-attacks", "2024-01-30", CHANGE, KH, None, "Baghdad", 3, [])
event(
    "E30-us-strikes-mayadin-2024",
    "2024-02-02",
    AIR,
    US21,
    IRGC,
    "Mayadin",
    2,
    ["aircraft", "bomber"],
)
event(
    "E31-us-strikes-abukamal-2024",
    "2024-02-02",
    AIR,
    US21,
    IRGC,
    "Abu Kamal",
    2,
    ["aircraft", "bomber"],
)
event(
    "E32-us-strikes-qaim-2024", "2024-02-02", AIR, US21, PMF22, "Al-Qaim", 1, ["aircraft", "bomber"]
)
event(
    "E33-us-strikes-akashat-2024",
    "2024-02-02",
    AIR,
    US21,
    PMF22,
    "Akashat",
    1,
    ["aircraft", "bomber"],
)
event("E34-saadi-strike", "2024-02-07", AIR, US21, KH, "Baghdad", 1, ["drone"])
event("E35-kalsu-explosion", "2024-04-19", AIR, UMF, PMF22, "Kalsu Base", 1, ["drone"])
event("E36-us-strike-jurf-2024", "2024-07-30", AIR, US21, PMF22, "Jurf al-Sakhar", 1, ["aircraft"])
event(
    "E37-asad-rockets-2024-08",
    "2024-08-05",
    SHELL,
    UAG_IQ,
    US21,
    "Ain al-Asad Air Base",
    1,
    ["rocket"],
)
event("E38-convoy-ied-babil", None, IED, UAG_IQ, CIV_IQ, "Hillah", 3, ["IED"])
event("E39-convoy-ied-diwaniyah", None, IED, UAG_IQ, CIV_IQ, "Diwaniyah", 3, ["IED"])
event("E40-convoy-ied-dhiqar", None, IED, UAG_IQ, CIV_IQ, "Nasiriyah", 3, ["IED"])
event("E41-green-zone-rockets", None, SHELL, UAG_IQ, None, "Baghdad", 1, ["rocket"])
PLACES["Kirkuk"] = ("Iraq", "Kirkuk", 35.4681, 44.3922)

# --------------------------------------------------------------------------- mentions

MENTIONS: list[dict[str, Any]] = []


def mention(
    gold_id: str,
    source: str,
    sentence: str,
    *,
    fatalities: int = 0,
    injuries: int | None = None,
    background: bool = False,
    date: str | None = "event",
    precision: str | None = "day",
    modality: str = "reported",
    claimed_by: str | None = None,
    location: str | None = None,
    geo: int | None = None,
) -> None:
    """Record one article's report of one event.

    ``date="event"`` takes the event's date; background mentions that give only a month or a week
    pass the first day of that span with ``precision`` "month" or "week".
    """
    coded = dict(EVENTS[gold_id])
    if date != "event":
        coded["event_date"] = date
    if coded["event_date"] is None:
        precision = None
    if location is not None:
        country, admin1, lat, lon = PLACES[location]
        coded.update(location=location, country=country, admin1=admin1, latitude=lat, longitude=lon)
    if geo is not None:
        coded["geo_precision"] = geo
    MENTIONS.append(
        {
            "gold_event": gold_id,
            "source": source,
            "sentence": sentence,
            "event_date": coded["event_date"],
            "date_precision": precision,
            "background": background,
            "event_type": coded["event_type"],
            "sub_event_type": coded["sub_event_type"],
            "disorder_type": coded["disorder_type"],
            "actor1": coded["actor1"],
            "actor2": coded["actor2"],
            "country": coded["country"],
            "admin1": coded["admin1"],
            "location": coded["location"],
            "latitude": coded["latitude"],
            "longitude": coded["longitude"],
            "geo_precision": coded["geo_precision"],
            "fatalities": fatalities,
            "injuries": injuries,
            "weapons": coded["weapons"],
            "modality": modality,
            "claimed_by": claimed_by,
        }
    )


# 2019-12 K-1 and the US answer
mention(
    "E01-k1-rockets",
    "k1-base-rocket-attack-kirkuk.html",
    "An American civilian contractor was killed and several US service members were wounded on Friday when a barrage of rockets struck an Iraqi military base near the northern city of Kirkuk, the US-led coalition said.",
    fatalities=1,
    injuries=6,
)
mention(
    "E01-k1-rockets",
    "k1-contractor-killed.txt",
    "Unknown gunmen fired rockets at the K-1 military base northwest of Kirkuk on Friday evening, killing an American contractor and wounding a number of American and Iraqi soldiers, security sources told Northern Iraq Monitor.",
    fatalities=1,
    injuries=6,
)
mention(
    "E02-us-strikes-qaim-2019",
    "us-strikes-kataib-hezbollah-qaim.html",
    "Sunday's strikes hit the group's positions in the al-Qaim district of Anbar province, near the Syrian border, according to Iraqi security officials.",
    fatalities=25,
    injuries=51,
)
mention(
    "E03-us-strikes-abukamal-2019",
    "us-strikes-kataib-hezbollah-qaim.html",
    "US aircraft also bombed two Kataib Hezbollah sites across the border in Syria, near the town of Abu Kamal, the Pentagon said.",
)
mention(
    "E01-k1-rockets",
    "us-strikes-kataib-hezbollah-qaim.html",
    "The Pentagon said the operation was a response to repeated attacks on Iraqi bases hosting coalition forces, most recently the attack on K-1 base near Kirkuk on Friday, in which more than 30 rockets killed a US civilian contractor and wounded four American service members.",
    fatalities=1,
    injuries=4,
    background=True,
)
mention(
    "E02-us-strikes-qaim-2019",
    "wire-archive.jsonl#4",
    "US jets struck the group's headquarters in al-Qaim on Sunday, killing 25 of its fighters and wounding dozens, the group said.",
    fatalities=25,
    injuries=12,
    date=None,
)

# 2020-01 Soleimani and Iran's missiles
mention(
    "E04-soleimani-strike",
    "soleimani-killed-baghdad-airport.html",
    "A US drone strike near Baghdad International Airport early on Friday killed Qassem Soleimani, the commander of Iran's elite Quds Force, and Abu Mahdi al-Muhandis, deputy head of Iraq's Popular Mobilisation Forces, Iraqi and Iranian officials said.",
    fatalities=10,
)
mention(
    "E04-soleimani-strike",
    "soleimani-repost-middle-east-digest.md",
    "A US drone strike near Baghdad International Airport early on Friday killed Qassem Soleimani, head of Iran's elite Quds Force, and Abu Mahdi al-Muhandis, deputy leader of Iraq's Popular Mobilisation Forces, Iraqi and Iranian officials said.",
    fatalities=10,
)
mention(
    "E04-soleimani-strike",
    "wire-archive.jsonl#1",
    "The US strike near Baghdad airport early on Friday killed at least seven people, including Soleimani and al-Muhandis, Iraqi security officials said.",
    fatalities=7,
)
mention(
    "E05-iran-missiles-asad",
    "iran-missiles-ain-al-asad-erbil.html",
    "The Pentagon said 16 short-range ballistic missiles had been launched from three locations inside Iran, and that at least 11 of them struck Ain al-Asad.",
    claimed_by=IRGC,
)
mention(
    "E06-iran-missiles-erbil",
    "iran-missiles-ain-al-asad-erbil.html",
    "At least one missile hit a base in Erbil, the capital of the Kurdistan Region, the Pentagon said, while four others failed in flight.",
    claimed_by=IRGC,
)
mention(
    "E04-soleimani-strike",
    "iran-missiles-ain-al-asad-erbil.html",
    "Soleimani was killed on Friday along with Iraqi militia leader Abu Mahdi al-Muhandis in a US drone strike at Baghdad International Airport, an attack that prompted Iraq's parliament to vote in favour of expelling foreign troops.",
    fatalities=2,
    background=True,
)
mention(
    "E05-iran-missiles-asad",
    "wire-archive.jsonl#2",
    "Eleven missiles struck Ain al-Asad air base in Anbar province early on Wednesday, destroying hangars and living quarters, US officials said.",
    injuries=100,
)
mention(
    "E06-iran-missiles-erbil",
    "wire-archive.jsonl#2",
    "Another missile hit near the airport in Erbil, where coalition troops are based, causing no casualties, the Kurdistan Region's security council said.",
    injuries=0,
    geo=2,
)

# 2020-03 Taji and the US answer
mention(
    "E07-taji-rockets",
    "camp-taji-rocket-attack.txt",
    "Two American service members and a British soldier were killed on Wednesday when 15 to 20 rockets slammed into Camp Taji, a base north of Baghdad that hosts coalition troops, US and Iraqi officials said.",
    fatalities=3,
    injuries=12,
)
mention(
    "E01-k1-rockets",
    "camp-taji-rocket-attack.txt",
    "It was the deadliest on coalition forces in Iraq since the Kirkuk attack in December that killed a US contractor and set off a chain of strikes and counter-strikes between Washington and Tehran's allies.",
    fatalities=1,
    background=True,
    date="2019-12-01",
    precision="month",
    location="Kirkuk",
    geo=2,
)
mention(
    "E04-soleimani-strike",
    "camp-taji-rocket-attack.txt",
    "The attack came on the anniversary of the birth of Qassem Soleimani, the Iranian general killed by a US drone in Baghdad in January.",
    fatalities=1,
    background=True,
    date="2020-01-01",
    precision="month",
    location="Baghdad",
)
mention(
    "E07-taji-rockets",
    "taji-attack-coalition-statement.html",
    "Eighteen Katyusha rockets struck Camp Taji on Wednesday evening, killing two US service members and one British service member, the US-led coalition said on Thursday.",
    fatalities=3,
    injuries=14,
)
mention(
    "E08-us-strikes-jurf-2020",
    "us-strikes-jurf-al-sakhar-march-2020.html",
    "US aircraft bombed Kataib Hezbollah weapons depots in Jurf al-Sakhar, a militia stronghold in Babil province south of Baghdad, Iraqi security officials said.",
    fatalities=5,
    injuries=3,
)
mention(
    "E09-us-strikes-karbala-2020",
    "us-strikes-jurf-al-sakhar-march-2020.html",
    "A civilian worker was killed when the strikes hit an unfinished civilian airport under construction in Karbala, the military statement said.",
    fatalities=1,
)
mention(
    "E07-taji-rockets",
    "us-strikes-jurf-al-sakhar-march-2020.html",
    "On Wednesday, 18 rockets struck Camp Taji, killing two US service members and one British soldier and wounding 14 people.",
    fatalities=3,
    injuries=14,
    background=True,
)

# 2021-02 Erbil and Abu Kamal
mention(
    "E10-erbil-rockets-2021",
    "erbil-airport-rocket-attack-2021.md",
    "Rockets struck a military base at Erbil International Airport used by the US-led coalition on Monday night, killing a foreign civilian contractor and wounding nine people, including an American service member, the coalition said.",
    fatalities=1,
    injuries=9,
    claimed_by=SAD,
)
mention(
    "E07-taji-rockets",
    "erbil-airport-rocket-attack-2021.md",
    "In March 2020, a rocket attack on Camp Taji north of Baghdad killed two Americans and a British soldier.",
    fatalities=3,
    background=True,
    date="2020-03-01",
    precision="month",
)
mention(
    "E10-erbil-rockets-2021",
    "erbil-rockets-arabic-cp1256.txt",
    "قُتل متعاقد مدني أجنبي وأصيب تسعة أشخاص آخرون، بينهم جندي أمريكي، مساء الاثنين جراء سقوط صواريخ على قاعدة للتحالف الدولي في مطار أربيل الدولي، بحسب ما أعلن التحالف.",
    fatalities=1,
    injuries=9,
    claimed_by=SAD,
)
mention(
    "E11-us-strikes-abukamal-2021",
    "abu-kamal-strike-feb-2021-cp1252.txt",
    "Two F-15E jets dropped seven precision-guided bombs on the site near Abu Kamal, on the Syrian side of the crossing with al-Qaim in Iraq, a defence official said.",
    fatalities=1,
    injuries=3,
)
mention(
    "E10-erbil-rockets-2021",
    "abu-kamal-strike-feb-2021-cp1252.txt",
    "Mr Kirby said the operation was a response to the 15 February rocket attack on Erbil, which killed a civilian contractor and wounded a US service member, and to \u201congoing threats\u201d to American personnel.",
    fatalities=1,
    injuries=1,
    background=True,
    location="Erbil",
)
mention(
    "E11-us-strikes-abukamal-2021",
    "us-strikes-syria-border-control-point.html",
    "The strikes destroyed several buildings at a border control point near Abu Kamal used by Kataib Hezbollah and Kataib Sayyid al-Shuhada, Pentagon press secretary John Kirby said.",
    fatalities=1,
)
mention(
    "E10-erbil-rockets-2021",
    "us-strikes-syria-border-control-point.html",
    "Earlier this month, a rocket attack on the airport in Erbil, in northern Iraq, killed a civilian contractor and injured a US service member and other coalition troops.",
    fatalities=1,
    injuries=1,
    background=True,
    date="2021-02-01",
    precision="month",
)

# 2021-06 border strikes and al-Omar
mention(
    "E12-us-strikes-qaim-2021",
    "border-strikes-june-2021.html",
    "In Iraq, the strike hit a position of the Popular Mobilisation Forces near al-Qaim, killing four members of the force, the PMF said in a statement.",
    fatalities=4,
)
mention(
    "E13-us-strikes-abukamal-2021-06",
    "border-strikes-june-2021.html",
    "The two other targets lay across the border in Syria, near Abu Kamal, according to the Syrian Observatory for Human Rights, which did not report casualties there.",
)
mention(
    "E14-omar-rockets-2021",
    "wire-archive.jsonl#3",
    "Several rockets were fired at US forces at the al-Omar oil field in eastern Syria on Monday, causing no injuries, the US-led coalition said, a day after US air strikes on Iran-backed militias on the Iraq-Syria border.",
    injuries=0,
)
mention(
    "E15-us-counterbattery-2021",
    "wire-archive.jsonl#3",
    "US forces responded with counter-battery artillery fire at the rocket launch positions, coalition spokesman Col. Wayne Marotto said.",
)

# 2023-10 drone wave
mention(
    "E16-asad-drones-intercepted-2023",
    "drones-ain-al-asad-al-tanf-oct-2023.html",
    "On Tuesday, US forces shot down two one-way attack drones that were heading toward Ain al-Asad air base in western Iraq, Pentagon spokesman Brig. Gen. Pat Ryder said.",
    claimed_by=IRI,
)
mention(
    "E17-harir-drone-2023",
    "drones-ain-al-asad-al-tanf-oct-2023.html",
    "A third drone was engaged near Harir air base in the Kurdistan Region of Iraq, causing minor injuries to coalition personnel, he said.",
    claimed_by=IRI,
)
mention(
    "E18-tanf-drones-2023",
    "drones-ain-al-asad-al-tanf-oct-2023.html",
    "On Wednesday, two drones targeted the al-Tanf garrison in southern Syria; one was shot down and the other struck the base, causing minor injuries, Ryder said.",
    claimed_by=IRI,
)
mention(
    "E19-conoco-drone-claim-2023",
    "islamic-resistance-claims-roundup.md",
    'The Islamic Resistance in Iraq claimed a drone attack on the US base at the Conoco gas field in Deir ez-Zor province on Wednesday, saying its drones "hit their targets directly."',
    modality="claimed",
    claimed_by=IRI,
)
mention(
    "E20-green-village-rockets-2023",
    "islamic-resistance-claims-roundup.md",
    "The group also said it fired rockets at the Green Village base, near the al-Omar oil field, on Wednesday evening; local activists reported hearing explosions in the area.",
    modality="contested",
    claimed_by=IRI,
)
mention(
    "E21-us-strikes-abukamal-2023",
    "us-strikes-abu-kamal-october-2023.html",
    "Two US F-16 fighter jets struck a weapons and ammunition storage facility near Abu Kamal in eastern Syria early on Friday, the Pentagon said, in retaliation for a string of drone and rocket attacks on American troops.",
)
mention(
    "E18-tanf-drones-2023",
    "us-strikes-abu-kamal-october-2023.html",
    "Among them, two drones struck the al-Tanf garrison in southern Syria on 18 October, causing minor injuries to US troops.",
    background=True,
)

# 2023-11 Ain al-Asad, Abu Ghraib, Jurf al-Sakhar
mention(
    "E23-ac130-abu-ghraib-2023",
    "ac130-strike-abu-ghraib.html",
    "A US AC-130J gunship struck a vehicle carrying Iran-backed militants near Abu Ghraib, west of Baghdad, on Tuesday, minutes after they fired a close-range ballistic missile at US and coalition forces at Ain al-Asad air base, the Pentagon said.",
    fatalities=3,
)
mention(
    "E22-asad-ballistic-missile-2023",
    "ac130-strike-abu-ghraib.html",
    "The missile attack on Ain al-Asad caused minor injuries to eight personnel and minor damage to infrastructure, deputy Pentagon press secretary Sabrina Singh told reporters.",
    injuries=8,
    claimed_by=IRI,
)
mention(
    "E24-us-strikes-jurf-2023",
    "ac130-strike-abu-ghraib.html",
    "Early on Wednesday, US F-15E jets carried out further strikes on two Kataib Hezbollah facilities in Jurf al-Sakhar, south of Baghdad, in response to the attacks, US Central Command said.",
    fatalities=8,
)
mention(
    "E23-ac130-abu-ghraib-2023",
    "iraq-condemns-us-strikes-nov-2023.txt",
    "Government spokesman Bassem al-Awadi said in a statement that the US strike near Abu Ghraib on Tuesday night killed one member of Kataib Hezbollah and wounded others.",
    fatalities=1,
)
mention(
    "E24-us-strikes-jurf-2023",
    "iraq-condemns-us-strikes-nov-2023.txt",
    "The group said a second wave of strikes at dawn on Wednesday hit its positions in Jurf al-Sakhar, north of the city of Hilla, and killed eight of its members.",
    fatalities=8,
)

# 2024-01 Nujaba, Ain al-Asad, Erbil, Tower 22, the pause
mention(
    "E25-nujaba-commander-strike",
    "baghdad-drone-strike-nujaba-commander.html",
    "A drone strike on the headquarters of an Iran-backed militia in eastern Baghdad on Thursday killed a senior commander of Harakat al-Nujaba and one of his aides, the group and Iraqi security officials said.",
    fatalities=2,
)
mention(
    "E04-soleimani-strike",
    "baghdad-drone-strike-nujaba-commander.html",
    "In January 2020, a US drone strike killed Soleimani and al-Muhandis near Baghdad International Airport, bringing the two countries to the brink of war.",
    fatalities=2,
    background=True,
    date="2020-01-01",
    precision="month",
)
mention(
    "E25-nujaba-commander-strike",
    "nujaba-commander-repost.md",
    "A drone strike on the headquarters of an Iran-backed armed group in eastern Baghdad on Thursday killed a senior leader of Harakat al-Nujaba and one of his aides, the group and Iraqi security officials said.",
    fatalities=2,
)
mention(
    "E27-asad-missiles-2024-01",
    "ain-al-asad-ballistic-missiles-jan-2024.txt",
    "Iran-backed militants fired multiple ballistic missiles and rockets at Ain al-Asad air base in western Iraq on Saturday evening, wounding an Iraqi serviceman and leaving several US personnel being evaluated for traumatic brain injuries, US Central Command said.",
    injuries=1,
    claimed_by=IRI,
)
mention(
    "E05-iran-missiles-asad",
    "ain-al-asad-ballistic-missiles-jan-2024.txt",
    "It was one of the heaviest attacks on US forces in Iraq since the January 2020 Iranian missile strike on the same base.",
    background=True,
    date="2020-01-01",
    precision="month",
)
mention(
    "E27-asad-missiles-2024-01",
    "ain-al-asad-attack-us-troops-injured.md",
    "Iran-backed militants launched a barrage of ballistic missiles and rockets at Ain al-Asad air base in Anbar province on Saturday, the US military said, in one of the most serious attacks on American troops in Iraq since October.",
    injuries=1,
    claimed_by=IRI,
)
mention(
    "E25-nujaba-commander-strike",
    "ain-al-asad-attack-us-troops-injured.md",
    "The attack followed a US strike on 4 January that killed a senior Nujaba commander in Baghdad, which the group vowed to avenge.",
    fatalities=1,
    background=True,
)
mention(
    "E26-erbil-iran-missiles-2024",
    "ain-al-asad-attack-us-troops-injured.md",
    "In Erbil, meanwhile, officials continued to assess damage from Iranian missile strikes on the city last week, which Tehran said targeted an Israeli spy headquarters, a claim the Kurdistan Regional Government rejected as baseless.",
    background=True,
    precision="week",
)
for _copy in ("three-us-soldiers-killed-jordan.html", "three-us-soldiers-killed-jordan-copy.html"):
    mention(
        "E28-tower22-drone",
        _copy,
        "Three US Army soldiers were killed and dozens were injured when a one-way attack drone struck a small American outpost in northeastern Jordan near the Syrian border on Sunday, President Joe Biden said, blaming Iran-backed militant groups.",
        fatalities=3,
        injuries=34,
        claimed_by=IRI,
    )
mention(
    "E28-tower22-drone",
    "tower-22-jordan-drone-attack.md",
    "A drone attack on a US outpost known as Tower 22 in northeastern Jordan on Sunday killed three American soldiers and injured more than 40, US officials said, the deadliest attack on US forces in the region since the Gaza war began.",
    fatalities=3,
    injuries=40,
    claimed_by=IRI,
)
mention(
    "E29-kh-suspends-attacks",
    "feed-export.json#2",
    "Kataib Hezbollah said on Tuesday it was suspending military and security operations against US forces in Iraq and the region, to avoid embarrassing the Iraqi government.",
)

# 2024-02 the 85 targets and al-Saadi
_SYRIA = "In Syria, the strikes hit sites in the desert around al-Mayadin and near Abu Kamal in Deir ez-Zor province, killing at least 23 pro-Iran fighters, according to the Syrian Observatory for Human Rights."
_IRAQ = "In Iraq, the strikes targeted positions of the Popular Mobilisation Forces in al-Qaim and Akashat in Anbar province, near the Syrian border, Iraqi security sources said."
mention(
    "E30-us-strikes-mayadin-2024", "us-strikes-85-targets-iraq-syria.html", _SYRIA, fatalities=23
)
mention("E31-us-strikes-abukamal-2024", "us-strikes-85-targets-iraq-syria.html", _SYRIA)
mention(
    "E32-us-strikes-qaim-2024",
    "us-strikes-85-targets-iraq-syria.html",
    _IRAQ,
    fatalities=16,
    injuries=25,
)
mention("E33-us-strikes-akashat-2024", "us-strikes-85-targets-iraq-syria.html", _IRAQ)
mention(
    "E28-tower22-drone",
    "us-strikes-85-targets-iraq-syria.html",
    "The drone attack on Tower 22 in Jordan on 28 January killed three US Army reservists and injured more than 40 other troops.",
    fatalities=3,
    injuries=40,
    background=True,
)
_IRAQ_GOV = "The Iraqi government said on Saturday that US strikes on Friday night killed 16 people, including civilians, in al-Qaim and Akashat, in western Anbar province, and wounded 25 others."
mention("E32-us-strikes-qaim-2024", "feed-export.json#1", _IRAQ_GOV, fatalities=16, injuries=25)
mention("E33-us-strikes-akashat-2024", "feed-export.json#1", _IRAQ_GOV)
mention(
    "E28-tower22-drone",
    "feed-export.json#1",
    "The strikes were the first part of the US response to the drone attack that killed three American soldiers at Tower 22 in Jordan last Sunday.",
    fatalities=3,
    background=True,
)
mention(
    "E34-saadi-strike",
    "kataib-hezbollah-commander-killed-baghdad.html",
    "A US drone strike on a vehicle in eastern Baghdad on Wednesday killed a senior commander of Kataib Hezbollah whom Washington held responsible for attacks on its forces, US Central Command said.",
    fatalities=3,
)
mention(
    "E29-kh-suspends-attacks",
    "kataib-hezbollah-commander-killed-baghdad.html",
    'Kataib Hezbollah had announced on 30 January that it was suspending military operations against US forces to avoid "embarrassing" the Iraqi government, but other factions had said they would continue.',
    background=True,
)
mention(
    "E34-saadi-strike",
    "kh-commander-baghdad-repost.txt",
    "A US drone strike on a car in eastern Baghdad on Wednesday killed a senior commander of Kataib Hezbollah whom Washington blamed for attacks on its troops, US Central Command said.",
    fatalities=3,
)

# 2024-04 to 2024-08
mention(
    "E35-kalsu-explosion",
    "kalsu-base-explosion-babil.html",
    "An explosion at Kalsu military base in Babil province, which houses units of the Popular Mobilisation Forces, killed one member of the force and wounded eight others late on Friday night, the PMF said.",
    fatalities=1,
    injuries=8,
    modality="contested",
)
mention(
    "E36-us-strike-jurf-2024",
    "us-strike-jurf-al-sakhar-july-2024.html",
    "A US air strike on Tuesday night hit a site used by an Iran-backed faction in Jurf al-Sakhar, near the town of Musayyib in Babil province, killing four members of the Popular Mobilisation Forces, Iraqi security sources said.",
    fatalities=4,
    injuries=4,
)
mention(
    "E37-asad-rockets-2024-08",
    "ain-al-asad-rocket-attack-august-2024.md",
    "Several US service members and contractors were wounded on Monday when two Katyusha rockets were fired at Ain al-Asad air base in western Iraq, US and Iraqi officials said.",
    injuries=7,
)
mention(
    "E37-asad-rockets-2024-08",
    "feed-export.json#3",
    "Five US service members and two contractors were injured on Monday in a rocket attack on Ain al-Asad air base in western Iraq, US officials said.",
    injuries=7,
)

# undated pieces
_CONVOYS = "The convoys were hit in Babil, Diwaniyah and Dhi Qar provinces as they drove north along the main highway from the southern port city of Umm Qasr, the sources said."
mention("E38-convoy-ied-babil", "convoys-roadside-bombs-south.txt", _CONVOYS)
mention("E39-convoy-ied-diwaniyah", "convoys-roadside-bombs-south.txt", _CONVOYS, injuries=2)
mention("E40-convoy-ied-dhiqar", "convoys-roadside-bombs-south.txt", _CONVOYS)
mention(
    "E41-green-zone-rockets",
    "green-zone-rockets.md",
    "Three Katyusha rockets landed inside Baghdad's heavily fortified Green Zone on Monday, one of them near the US embassy, the Iraqi military said.",
    injuries=0,
)

# 2026 retrospectives: background only
mention(
    "E04-soleimani-strike",
    "iraq-sovereignty-op-ed-2026.txt",
    "In January 2020, a US drone strike killed Qassem Soleimani and Abu Mahdi al-Muhandis near Baghdad International Airport, and Iraq's parliament responded by voting to expel foreign forces.",
    fatalities=2,
    background=True,
    date="2020-01-01",
    precision="month",
)
mention(
    "E28-tower22-drone",
    "two-years-after-tower-22-bn-header.html",
    "On 28 January 2024, a one-way attack drone struck the living quarters of Tower 22, a small US outpost in northeastern Jordan, killing three American soldiers and wounding dozens more.",
    fatalities=3,
    injuries=12,
    background=True,
)
mention(
    "E32-us-strikes-qaim-2024",
    "two-years-after-tower-22-bn-header.html",
    "Five days later, on 2 February 2024, US bombers and fighter jets struck positions of Iran-backed groups in al-Qaim, in Iraq's Anbar province, and in eastern Syria.",
    background=True,
)


# --------------------------------------------------------------------------- checks and output


def visible_text(source: str, encoding: str) -> str:
    """The article's visible text with whitespace collapsed (what a cited sentence must be in)."""
    name, _, record = source.partition("#")
    raw = (SAMPLE / name).read_bytes()
    if name.endswith(".jsonl"):
        text = json.loads(raw.decode("utf-8").splitlines()[int(record) - 1])["text"]
    elif name.endswith(".json"):
        text = json.loads(raw.decode("utf-8"))[int(record) - 1]["text"]
    elif name.endswith(".html"):
        tree = lxml_html.document_fromstring(raw.decode(encoding))
        for node in tree.xpath("//script|//style|//noscript"):
            node.drop_tree()
        text = tree.text_content()
    else:
        text = raw.decode(encoding)
    return re.sub(r"\s+", " ", text)


def main() -> None:
    """Check every cited sentence against its article, then write both JSON-lines files."""
    encodings = {a["source"]: a["encoding"] for a in ARTICLES}
    missing = [m for m in MENTIONS if m["source"] not in encodings]
    if missing:
        raise SystemExit(f"mentions cite unknown articles: {[m['source'] for m in missing]}")
    bad = [
        (m["source"], m["sentence"][:60])
        for m in MENTIONS
        if re.sub(r"\s+", " ", m["sentence"])
        not in visible_text(m["source"], encodings[m["source"]])
    ]
    if bad:
        raise SystemExit("sentences not found in their article:\n" + "\n".join(map(str, bad)))
    with open(GOLD / "articles.jsonl", "w", encoding="utf-8") as out:
        for row in ARTICLES:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(GOLD / "events.jsonl", "w", encoding="utf-8") as out:
        for row in MENTIONS:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(ARTICLES)} articles, {len(MENTIONS)} mentions of {len(EVENTS)} events")


if __name__ == "__main__":
    main()
