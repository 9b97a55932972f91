"""ACLED's event taxonomy: sub-event types, the event type and disorder type each implies.

The classifier predicts only ``sub_event_type``; everything above it follows from this table, so
the three columns can never disagree with each other.
"""

from __future__ import annotations

#: sub_event_type -> event_type, in ACLED's order.
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

#: ACLED's data spells it "Demostrations"; sitrep writes the correct spelling and accepts both.
DEMONSTRATIONS = "Demonstrations"


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event_type a sub_event_type belongs to (KeyError for an unknown sub-type)."""
    return SUB_EVENT_TYPES[sub_event_type]


def disorder_type_of(sub_event_type: str) -> str:
    """The ACLED disorder_type implied by a sub_event_type.

    Protests and riots are "Demonstrations" except mob violence, which ACLED files under
    political violence; strategic developments are their own disorder type.
    """
    event_type = SUB_EVENT_TYPES[sub_event_type]
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return DEMONSTRATIONS
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def normalise_disorder_type(value: str | None) -> str | None:
    """Map ACLED's "Demostrations" spelling onto sitrep's "Demonstrations"."""
    if value is None:
        return None
    return DEMONSTRATIONS if value.strip().lower() == "demostrations" else value


#: ACLED inter codes.
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: both inter codes, smaller first; a lone actor's code times ten."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]
