"""ACLED-style ``notes`` generated from an event's fields, and within-article merging.

Notes are written from the coded fields, never copied from the article, so they always agree
with the record: "On 20 January 2024, Islamic Resistance in Iraq fired ballistic missiles at
Military Forces of the United States (2021-) in Ain al-Asad Air Base (Al Anbar). 0 fatalities."
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.config import settings
from sitrep.geo.distance import haversine_km
from sitrep.models import EventRecord

_VERBS: dict[str, str] = {
    "Air/drone strike": "carried out an air/drone strike",
    "Shelling/artillery/missile attack": "fired {munitions}",
    "Remote explosive/landmine/IED": "detonated an explosive device",
    "Suicide bomb": "carried out a suicide bombing",
    "Grenade": "threw a grenade",
    "Chemical weapon": "used chemical weapons",
    "Armed clash": "clashed",
    "Government regains territory": "regained territory",
    "Non-state actor overtakes territory": "took over territory",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "committed sexual violence",
    "Peaceful protest": "protested",
    "Protest with intervention": "protested and were met with intervention",
    "Excessive force against protesters": "used excessive force against protesters",
    "Violent demonstration": "held a violent demonstration",
    "Mob violence": "took part in mob violence",
    "Agreement": "reached an agreement",
    "Arrests": "made arrests",
    "Change to group/activity": "announced a change of group or activity",
    "Disrupted weapons use": "intercepted or seized weapons",
    "Headquarters or base established": "established a base",
    "Looting/property destruction": "looted or destroyed property",
    "Non-violent transfer of territory": "took over territory without fighting",
    "Other": "was involved in a strategic development",
}

_TARGET_PREP: dict[str, str] = {
    "Armed clash": "with",
    "Shelling/artillery/missile attack": "at",
    "Air/drone strike": "targeting",
    "Remote explosive/landmine/IED": "targeting",
    "Attack": "",
    "Abduction/forced disappearance": "",
    "Arrests": "of",
}


def _day(value: str | None) -> str | None:
    if not value:
        return None
    d = date.fromisoformat(value)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def generate_notes(event: EventRecord) -> str:
    """A one-paragraph ACLED-style description of ``event`` built from its fields."""
    parts: list[str] = []
    when = _day(event.event_date)
    opening = f"On {when}, " if when else "On an unknown date, "
    if when and event.date_precision == "week":
        opening = f"During the week of {when}, "
    elif when and event.date_precision == "month":
        opening = f"In {when.split(' ', 1)[1]}, "
    elif when and event.date_precision == "year":
        opening = f"In {when.rsplit(' ', 1)[1]}, "
    actor = event.actor1 or "an unidentified actor"
    sub = event.sub_event_type or "Other"
    kind = (event.munitions or {}).get("kind") or (event.weapons[0] if event.weapons else None)
    munitions = "munitions"
    if event.munitions and kind:
        low, high = event.munitions.get("min"), event.munitions.get("max")
        count = f"{low}" if low == high else f"{low}-{high}"
        munitions = f"{count} {kind}s" if count and count != "None" else f"{kind}s"
    elif kind:
        munitions = f"{kind}s"
    verb = _VERBS.get(sub, "was involved in an event").format(munitions=munitions)
    clause = f"{opening}{actor} {verb}"
    if event.actor2:
        prep = _TARGET_PREP.get(sub, "against")
        clause += f" {prep} {event.actor2}".replace("  ", " ") if prep else f" {event.actor2}"
    if event.location:
        near = " near" if event.geo_precision == 2 else " in"
        region = f" ({event.admin1})" if event.admin1 and event.admin1 != event.location else ""
        clause += f"{near} {event.location}{region}"
    parts.append(clause + ".")
    if event.modality == "claimed" and event.claimed_by:
        parts.append(f"{event.claimed_by} claimed responsibility.")
    elif event.modality == "contested":
        parts.append("Accounts of the event conflict.")
    elif event.modality in ("alleged", "denied"):
        parts.append(f"The event is {event.modality}.")
    if event.injuries:
        parts.append(f"{event.injuries} injured.")
    if event.background:
        parts.append("Reported as background to a later story.")
    parts.append(f"{event.fatalities} fatalities.")
    return " ".join(parts)


def _compatible(a: EventRecord, b: EventRecord) -> bool:
    """Whether two events from one article can be the same event told twice."""
    if a.sub_event_type != b.sub_event_type:
        return False
    if a.event_date and b.event_date and a.event_date != b.event_date:
        return False
    # Actors are not compared: inside one article, two events of one type on one day at one
    # place are almost always one event, and role assignment errs more often than that.
    return _places_compatible(a, b)


def _places_compatible(a: EventRecord, b: EventRecord) -> bool:
    """Same place, one unknown, one inside the other's province/country, or within 25 km."""
    if not a.location or not b.location or a.location == b.location:
        return True
    if a.country != b.country:
        return False
    coarse, fine = (a, b) if (a.geo_precision or 1) >= (b.geo_precision or 1) else (b, a)
    if coarse.geo_precision == 3 or coarse.admin1 is None:
        return coarse.admin1 is None or coarse.admin1 == fine.admin1
    if a.admin1 == b.admin1 and (a.geo_precision != 1 or b.geo_precision != 1):
        return True  # "near the airport" retelling "at Erbil Air Base"
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        return haversine_km((a.latitude, a.longitude), (b.latitude, b.longitude)) <= 25.0  # type: ignore[arg-type]
    return False


def merge_pair(a: EventRecord, b: EventRecord) -> EventRecord:
    """Fold ``b`` into ``a``: sources join; each empty or vaguer field takes ``b``'s value."""
    a.sources.extend(s for s in b.sources if s not in a.sources)
    if b.background and not a.background:
        # a recalled event told next to the news lends it neither a date nor an attacker
        b = replace(
            b, event_date=None, actor1=None, actor2=None, location=None, fatalities=0,
            injuries=None, munitions=None,
        )  # fmt: skip
    for name in ("event_date", "date_precision", "time_precision", "date_text", "year"):
        if getattr(a, name) is None and getattr(b, name) is not None:
            setattr(a, name, getattr(b, name))
    if b.location and (not a.location or (b.geo_precision or 9) < (a.geo_precision or 9)):
        for name in ("location", "latitude", "longitude", "geo_precision", "admin1", "admin2",
                     "admin3", "country", "iso", "region", "location_text"):  # fmt: skip
            setattr(a, name, getattr(b, name))
        a.reasons["location"] = b.reasons.get("location", "")
    # A retelling may name the attacker the first telling left unnamed, but never as the side
    # the first telling says was hit ("US service members were wounded" then "US troops").
    if (
        (not a.actor1 or a.actor1.startswith("Unidentified"))
        and b.actor1
        and not b.actor1.startswith("Unidentified")
        and b.actor1 not in (a.actor2, *(a.assoc_actor_2 or "").split("; "))
    ):
        a.actor1, a.inter1, a.actor1_text = b.actor1, b.inter1, b.actor1_text
        a.reasons["actor1"] = b.reasons.get("actor1", "")
    if not a.actor2 and b.actor2 and b.actor2 != a.actor1:
        a.actor2, a.inter2, a.actor2_text = b.actor2, b.inter2, b.actor2_text
        a.reasons["actor2"] = b.reasons.get("actor2", "")
    a.fatalities = max(a.fatalities, b.fatalities)
    if b.injuries is not None:
        a.injuries = max(a.injuries or 0, b.injuries)
    if a.munitions is None:
        a.munitions = b.munitions
    a.weapons = sorted(set(a.weapons) | set(b.weapons))
    if a.modality != b.modality and {a.modality, b.modality} & {"denied", "contested"}:
        a.modality = "contested"
        a.reasons["modality"] = "conflicting accounts in the article: " + " / ".join(
            s.sentence[:80] for s in a.sources
        )
    elif a.modality == "reported" and b.modality != "reported":
        a.modality, a.claimed_by = b.modality, b.claimed_by
    if not a.claimed_by and b.claimed_by:
        a.claimed_by = b.claimed_by
    a.background = a.background and b.background
    a.confidence = max(a.confidence, b.confidence)
    return a


def merge_within_article(events: list[EventRecord]) -> list[EventRecord]:
    """Merge the retellings of one event inside one article.

    Uses ``sitrep.resolve.merge.cluster_events`` when it exists (one clustering rule for the
    whole project); otherwise a greedy pass joining each event to the first compatible one.
    """
    if settings().merge == "resolve":
        from sitrep.resolve.merge import cluster_events, merge_into

        merged: list[EventRecord] = []
        for cluster in cluster_events(events):
            head = events[cluster[0]]
            for index in cluster[1:]:
                head = merge_into(head, events[index])
            merged.append(head)
        return merged
    out: list[EventRecord] = []
    for event in events:
        for kept in out:
            if _compatible(kept, event):
                merge_pair(kept, event)
                break
        else:
            out.append(event)
    return out
