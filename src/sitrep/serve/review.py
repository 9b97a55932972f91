"""Review actions on events: edit, merge, split, mark false positive, confirm.

These are library functions so the HTTP API, the web forms and the CLI share one implementation.
Every change writes :class:`~sitrep.store.schema.ReviewEdit` rows (who, when, field, old, new) and
records the edited fields in ``Event.locked_fields``: the pipeline leaves locked fields alone when it
re-runs, skips events whose ``review_status`` is ``false_positive`` and never revives an event that
has ``merged_into`` set. Splits and merges lock the pseudo-field ``"mentions"`` on the events they
touch, which tells the pipeline not to re-attach the moved mentions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.errors import SitrepError
from sitrep.events.taxonomy import (
    DEMONSTRATIONS,
    SUB_EVENT_TYPES,
    disorder_type_of,
    interaction_code,
)
from sitrep.resolve.actors import country_info
from sitrep.resolve.regions import REGION_BY_ISO, acled_region
from sitrep.store.db import Store
from sitrep.store.schema import Event, Mention, ReviewEdit, utcnow


class ReviewError(SitrepError):
    """A review action cannot be applied (unknown event, bad field or value, bad merge/split)."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid_review",
        status: int = 422,
        fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        #: field name -> why its value was refused (every refused field, not only the first)
        self.fields: dict[str, str] = dict(fields or {})


class NotFoundError(ReviewError):
    """The event (or mention) named in a review action does not exist."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="not_found", status=404)


#: Fields a reviewer may edit, with the Python type each value must have (None is always allowed
#: except for the non-nullable ones listed in ``_NOT_NULL``).
EDITABLE_FIELDS: dict[str, type] = {
    "event_date": str,
    "time_precision": int,
    "date_precision": str,
    "disorder_type": str,
    "event_type": str,
    "sub_event_type": str,
    "actor1": str,
    "assoc_actor_1": str,
    "inter1": int,
    "actor2": str,
    "assoc_actor_2": str,
    "inter2": int,
    "interaction": int,
    "civilian_targeting": str,
    "iso": int,
    "region": str,
    "country": str,
    "admin1": str,
    "admin2": str,
    "admin3": str,
    "location": str,
    "latitude": float,
    "longitude": float,
    "geo_precision": int,
    "source_scale": str,
    "notes": str,
    "fatalities": int,
    "tags": str,
    "injuries": int,
    "weapons": list,
    "modality": str,
    "claimed_by": str,
    "background": bool,
}

_NOT_NULL = {"fatalities", "modality", "background", "weapons"}
_MODALITIES = {"reported", "claimed", "alleged", "denied", "contested"}
_DATE_PRECISIONS = {"day", "week", "month", "year"}

EVENT_TYPES = frozenset(SUB_EVENT_TYPES.values())
DISORDER_TYPES = frozenset({"Political violence", DEMONSTRATIONS, "Strategic developments",
                            f"Political violence; {DEMONSTRATIONS}"})  # fmt: skip

#: Fields computed from others, never taken on their own from a reviewer without a check:
#: event_type and disorder_type from sub_event_type, inter codes and interaction from the
#: actors, iso and region from the country.
DERIVED_FIELDS = ("event_type", "disorder_type", "inter1", "inter2", "interaction", "iso",
                  "region", "year")  # fmt: skip

#: review_status values and what they mean.
REVIEW_STATUSES = ("unreviewed", "edited", "confirmed", "false_positive", "merged")


@dataclass
class SplitResult:
    """The outcome of :func:`split_event`: the event split from and the new event."""

    event_id: str
    new_event_id: str
    moved_mentions: list[int]


def coerce_value(name: str, value: Any) -> Any:
    """``value`` converted to the type of field ``name``; form strings are accepted.

    Raises :class:`ReviewError` naming the field and the reason when the value does not fit.
    """
    if name not in EDITABLE_FIELDS:
        raise ReviewError(
            f"field {name!r} cannot be edited; editable fields: {', '.join(sorted(EDITABLE_FIELDS))}"
        )
    kind = EDITABLE_FIELDS[name]
    if kind is list and isinstance(value, str) and value.strip() == "":
        return []  # an emptied list field (the form shows lists comma-separated)
    if isinstance(value, str) and kind is not str:
        value = value.strip()
        if value == "":
            value = None
    if value is None or (kind is str and isinstance(value, str) and value.strip() == ""):
        if name in _NOT_NULL:
            raise ReviewError(f"field {name!r} cannot be empty")
        return None
    try:
        if kind is bool:
            if isinstance(value, str):
                lowered = value.lower()
                if lowered not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
                    raise ValueError(value)
                value = lowered in {"true", "1", "yes", "on"}
            elif not isinstance(value, bool):
                raise ValueError(value)
        elif kind is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            value = int(value)
        elif kind is float:
            if isinstance(value, bool):
                raise ValueError(value)
            value = float(value)
        elif kind is list:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(value)
        elif kind is str:
            if not isinstance(value, str) or "\x00" in value:
                raise ValueError(value)
            value = value.strip()
    except (TypeError, ValueError):
        raise ReviewError(f"field {name!r} needs a {kind.__name__} value, got {value!r}") from None
    _check_domain(name, value)
    return value


def _check_domain(name: str, value: Any) -> None:
    if name == "modality" and value not in _MODALITIES:
        raise ReviewError(f"field 'modality' must be one of {sorted(_MODALITIES)}, got {value!r}")
    if name == "date_precision" and value not in _DATE_PRECISIONS:
        raise ReviewError(
            f"field 'date_precision' must be one of {sorted(_DATE_PRECISIONS)}, got {value!r}"
        )
    if name == "event_date":
        from datetime import date

        try:
            date.fromisoformat(value)
        except ValueError:
            raise ReviewError(f"field 'event_date' must be YYYY-MM-DD, got {value!r}") from None
    if name == "latitude" and not -90 <= value <= 90:
        raise ReviewError(f"field 'latitude' must be within -90..90, got {value!r}")
    if name == "longitude" and not -180 <= value <= 180:
        raise ReviewError(f"field 'longitude' must be within -180..180, got {value!r}")
    if name in {"fatalities", "injuries"} and value < 0:
        raise ReviewError(f"field {name!r} cannot be negative, got {value!r}")
    if name in {"inter1", "inter2"} and value not in range(0, 9):
        raise ReviewError(f"field {name!r} must be an ACLED inter code 0..8, got {value!r}")
    if name in {"time_precision", "geo_precision"} and value not in (1, 2, 3):
        raise ReviewError(f"field {name!r} must be 1, 2 or 3, got {value!r}")
    if name == "event_type" and value not in EVENT_TYPES:
        raise ReviewError(
            f"field 'event_type' must be one of ACLED's event types {sorted(EVENT_TYPES)}, "
            f"got {value!r}"
        )
    if name == "sub_event_type" and value not in SUB_EVENT_TYPES:
        raise ReviewError(
            f"field 'sub_event_type' must be one of ACLED's sub-event types, got {value!r}"
        )
    if name == "disorder_type" and value not in DISORDER_TYPES:
        raise ReviewError(
            f"field 'disorder_type' must be one of {sorted(DISORDER_TYPES)}, got {value!r}"
        )
    if name == "civilian_targeting" and value != "Civilian targeting":
        raise ReviewError(
            f"field 'civilian_targeting' is 'Civilian targeting' or empty, got {value!r}"
        )
    if name == "region" and value not in set(REGION_BY_ISO.values()):
        raise ReviewError(f"field 'region' must be one of ACLED's regions, got {value!r}")
    if name == "country" and country_info(value)[0] is None:
        raise ReviewError(f"field 'country': unknown country {value!r}")
    if name == "iso" and _country_by_numeric(value) is None:
        raise ReviewError(f"field 'iso': {value!r} is not an ISO 3166-1 numeric country code")


def _get_event(session: Session, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"event {event_id!r} does not exist")
    return event


def _lock(event: Event, *names: str) -> None:
    locked = list(event.locked_fields or [])
    for name in names:
        if name not in locked:
            locked.append(name)
    # a new list object, so SQLAlchemy sees the JSON column change
    event.locked_fields = locked


def _log(
    session: Session,
    event_id: str,
    user: str,
    action: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    session.add(
        ReviewEdit(
            event_id=event_id,
            user=user,
            at=utcnow(),
            action=action,
            field=field,
            old_value=old,
            new_value=new,
        )
    )


def _recount_sources(event: Event) -> None:
    event.source_count = len({m.article_id for m in event.mentions})


def taxonomy_groups() -> list[tuple[str, list[str]]]:
    """ACLED's event types, each with its sub-event types, in ACLED's order (for pickers)."""
    groups: dict[str, list[str]] = {}
    for sub, family in SUB_EVENT_TYPES.items():
        groups.setdefault(family, []).append(sub)
    return list(groups.items())


def _country_by_numeric(value: int) -> tuple[str, str] | None:
    """(ISO alpha-2, ACLED name) of an ISO 3166-1 numeric code, None when there is none."""
    from sitrep.resolve.actors import _country_table

    for entry in _country_table().values():
        if entry["iso_numeric"] == value:
            return entry["iso"], entry["name"]
    return None


def _iso_numeric(iso2: str) -> int | None:
    from sitrep.resolve.actors import _country_table

    entry = _country_table().get(iso2)
    return int(entry["iso_numeric"]) if entry else None


def actor_inter(session: Session, name: str, *, country: str | None, on: str | None) -> int | None:
    """The ACLED inter code of an actor: the actor table's, else the knowledge base's.

    A name neither knows gets None (the reviewer can set the inter code in the same edit).
    """
    from datetime import date

    from sitrep.resolve.actors import ActorKB
    from sitrep.store.schema import Actor

    row = session.execute(select(Actor.inter).where(Actor.name == name)).first()
    if row is not None and row[0] is not None:
        return int(row[0])
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        day = None
    match = ActorKB.default().resolve(name, country=country, on=day)
    if match.inter is not None and not match.provisional:
        return match.inter
    # ACLED's generic actors carry their inter code in their name: "Protesters (Iraq)"
    for prefix, code in _GENERIC_INTER:
        if name.startswith(prefix):
            return code
    return None


#: ACLED's generic actor names and their inter codes (the codebook's convention).
_GENERIC_INTER = (
    ("Military Forces of ", 1), ("Police Forces of ", 1), ("Unidentified Armed Group", 3),
    ("Rioters", 5), ("Protesters", 6), ("Civilians", 7),
)  # fmt: skip


def derive_changes(
    session: Session, event: Event, converted: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The reviewer's changes plus every field that follows from them, and the refusals.

    ACLED's hierarchy holds after every edit: a sub-event type sets its event type and disorder
    type (a sub-event type of another family than a newly given event type is refused); a new
    event type must fit the stored sub-event type unless that changes too; a country sets iso
    and region (unknown countries are refused); a new actor sets its inter code (from the actor
    table or the knowledge base) and the interaction is recomputed. A derived field the reviewer
    also changed must agree with the derivation, otherwise it is refused with the reason.
    """
    out = dict(converted)
    errors: dict[str, str] = {}

    def changed(name: str) -> bool:
        """The reviewer gave ``name`` a value other than the stored one."""
        return name in converted and converted[name] != getattr(event, name)

    def cleared(name: str) -> bool:
        """The reviewer emptied a derived field: it is derived again."""
        return changed(name) and converted[name] is None

    # taxonomy
    sub_now = out.get("sub_event_type", event.sub_event_type)
    if sub_now is not None and (
        changed("sub_event_type") or cleared("event_type") or cleared("disorder_type")
    ):
        family = SUB_EVENT_TYPES.get(sub_now)
        if family is None:  # a stored sub-event type from outside the taxonomy
            errors["sub_event_type"] = f"unknown sub-event type {sub_now!r}; choose one"
        elif changed("event_type") and out["event_type"] not in (None, family):
            errors["sub_event_type"] = (
                f"sub-event type {sub_now!r} belongs to event type {family!r}, "
                f"not {out['event_type']!r}"
            )
        else:
            out["event_type"] = family
            if not changed("disorder_type") or cleared("disorder_type"):
                out["disorder_type"] = disorder_type_of(sub_now)
    elif (
        changed("event_type")
        and out["event_type"] is not None
        and sub_now
        and SUB_EVENT_TYPES.get(sub_now) != out["event_type"]
    ):
        errors["event_type"] = (
            f"event type {out['event_type']!r} does not contain the sub-event type "
            f"{sub_now!r} (a {SUB_EVENT_TYPES.get(sub_now)!r} sub-event type); "
            "choose a sub-event type of the new event type too"
        )
    # place: iso and region follow the country
    country_now = out.get("country", event.country)
    if country_now is not None and (changed("country") or changed("iso") or changed("region")):
        iso2, name = country_info(country_now)
        if iso2 is not None:
            if changed("country"):
                out["country"] = name
            numeric = _iso_numeric(iso2)
            if changed("iso") and out["iso"] not in (None, numeric):
                errors["iso"] = f"iso {out['iso']} is not the code of {name} ({numeric})"
            out["iso"] = numeric
            region = acled_region(iso2)
            if changed("region") and out["region"] not in (None, region):
                errors["region"] = f"{name} is in ACLED's region {region!r}, not {out['region']!r}"
            out["region"] = region
    elif changed("iso") and out["iso"] is not None:
        found = _country_by_numeric(out["iso"])
        if found is not None:
            out["country"] = found[1]
            out["region"] = acled_region(found[0])
    # actors: inter codes, then the interaction
    country_now = out.get("country", event.country)
    on = out.get("event_date", event.event_date)
    for n in (1, 2):
        actor, inter = f"actor{n}", f"inter{n}"
        name = out.get(actor, getattr(event, actor))
        if (changed(actor) and not changed(inter)) or (cleared(inter) and name):
            out[inter] = (
                actor_inter(session, name, country=country_info(country_now)[0], on=on)
                if name
                else None
            )
    if any(name in out for name in ("inter1", "inter2", "interaction")):
        inter1 = out.get("inter1", event.inter1)
        inter2 = out.get("inter2", event.inter2)
        computed = interaction_code(inter1, inter2)
        if changed("interaction") and out["interaction"] not in (None, computed):
            errors["interaction"] = (
                f"interaction follows the inter codes ({inter1}, {inter2}): {computed}, "
                f"not {out['interaction']}"
            )
        out["interaction"] = computed
    if "event_date" in out:
        out["year"] = int(out["event_date"][:4]) if out["event_date"] else None
    return out, errors


def validate_changes(changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each value converted and checked on its own: (converted values, field -> refusal)."""
    converted: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in changes.items():
        try:
            converted[name] = coerce_value(name, value)
        except ReviewError as exc:
            errors[name] = str(exc)
    return converted, errors


def _refuse(event_id: str, errors: dict[str, str]) -> ReviewError:
    summary = "; ".join(errors.values())
    return ReviewError(f"edit of event {event_id!r} refused: {summary}", fields=errors)


def edit_event(store: Store, event_id: str, changes: dict[str, Any], *, user: str) -> list[str]:
    """Set fields of an event; returns the names of the fields whose value changed.

    Values are validated and converted first, then the derived fields are recomputed
    (:func:`derive_changes`); any refusal refuses the whole edit (all or nothing) and names
    every refused field in ``ReviewError.fields``. Each changed field gets one audit row (action
    ``edit``, or ``derive`` for a field that follows from the reviewer's change) and is locked;
    unchanged values write nothing.
    """
    if not changes:
        raise ReviewError(f"no fields to edit on event {event_id!r}")
    converted, errors = validate_changes(changes)
    if errors:
        raise _refuse(event_id, errors)
    changed: list[str] = []
    with store.transaction() as session:
        event = _get_event(session, event_id)
        if event.merged_into is not None:
            raise ReviewError(
                f"event {event_id!r} was merged into {event.merged_into!r}; edit that one",
                code="conflict",
                status=409,
            )
        final, errors = derive_changes(session, event, converted)
        if errors:
            raise _refuse(event_id, errors)
        for name, value in final.items():
            old = getattr(event, name)
            if name == "weapons":
                old = list(old or [])
            if old == value:
                continue
            setattr(event, name, value)
            action = "edit" if name in converted else "derive"
            _log(session, event_id, user, action, name, old, value)
            changed.append(name)
        if changed:
            _lock(event, *changed)
            if event.review_status in ("unreviewed", "confirmed"):
                event.review_status = "edited"
    return changed


def _set_status(store: Store, event_id: str, status: str, action: str, user: str) -> None:
    with store.transaction() as session:
        event = _get_event(session, event_id)
        if event.merged_into is not None:
            raise ReviewError(
                f"event {event_id!r} was merged into {event.merged_into!r}; review that one",
                code="conflict",
                status=409,
            )
        old = event.review_status
        event.review_status = status
        _lock(event, "review_status")
        _log(session, event_id, user, action, "review_status", old, status)


def confirm_event(store: Store, event_id: str, *, user: str) -> None:
    """Mark an event as checked by a person and correct as it stands."""
    _set_status(store, event_id, "confirmed", "confirm", user)


def mark_false_positive(store: Store, event_id: str, *, user: str) -> None:
    """Mark an event as not a real event: hidden from lists and exports, kept for the audit."""
    _set_status(store, event_id, "false_positive", "false_positive", user)


def merge_events(store: Store, target_id: str, other_ids: list[str], *, user: str) -> int:
    """Merge ``other_ids`` into ``target_id``: their mentions move to the target.

    The merged events stay in the database with ``merged_into`` set (so the pipeline never
    recreates them) and status ``merged``. Returns the number of mentions moved.
    """
    others = [o for o in dict.fromkeys(other_ids) if o != target_id]
    if not others:
        raise ReviewError(f"merge into {target_id!r} needs at least one other event id")
    moved = 0
    with store.transaction() as session:
        target = _get_event(session, target_id)
        if target.merged_into is not None:
            raise ReviewError(
                f"event {target_id!r} was itself merged into {target.merged_into!r}",
                code="conflict",
                status=409,
            )
        taken = {(m.article_id, m.start) for m in target.mentions}
        for other_id in others:
            other = _get_event(session, other_id)
            if other.merged_into is not None:
                raise ReviewError(
                    f"event {other_id!r} was already merged into {other.merged_into!r}",
                    code="conflict",
                    status=409,
                )
            for mention in list(other.mentions):
                if (mention.article_id, mention.start) in taken:
                    continue  # the same sentence already supports the target
                taken.add((mention.article_id, mention.start))
                other.mentions.remove(mention)
                target.mentions.append(mention)
                moved += 1
            old_status = other.review_status
            other.merged_into = target_id
            other.review_status = "merged"
            _lock(other, "mentions", "review_status")
            _log(session, other_id, user, "merge", "merged_into", None, target_id)
            _log(session, other_id, user, "merge", "review_status", old_status, "merged")
            _log(session, target_id, user, "merge", "merged_from", None, other_id)
            _recount_sources(other)
        _lock(target, "mentions")
        session.flush()
        _recount_sources(target)
    return moved


def _mention_record(mention: Mention) -> Any:
    """The event record one mention's source gave (stored by the pipeline on the mention), with
    that mention as its only source; None when the mention carries no coding."""
    import dataclasses

    from sitrep.models import EventRecord
    from sitrep.store.queries import mention_source

    own = dict(mention.record or {})
    if not own:
        return None
    names = {f.name for f in dataclasses.fields(EventRecord)} - {"sources"}
    values = {k: v for k, v in own.items() if k in names}
    values["weapons"] = list(values.get("weapons") or [])
    values["reasons"] = dict(values.get("reasons") or {})
    record = EventRecord(**values)
    record.sources = [mention_source(mention)]
    return record


def code_from_mentions(mentions: list[Mention]) -> Any:
    """One event record from the mentions' own codings, folded the way the pipeline merges
    reports (:func:`sitrep.resolve.merge.merge_into`); None when no mention carries a coding."""
    from sitrep.resolve.merge import merge_into

    combined = None
    seen: set[tuple[str, str]] = set()
    for mention in mentions:
        record = _mention_record(mention)
        if record is None:
            continue
        key = (mention.article_id, repr(sorted((mention.record or {}).items(), key=str)))
        if key in seen:  # one report's record, stored on each of its sentences
            combined.sources.extend(record.sources)  # type: ignore[union-attr]
            continue
        seen.add(key)
        combined = record if combined is None else merge_into(combined, record)
    return combined


def _recode(event: Event, record: Any, *, locked: set[str]) -> None:
    from sitrep.pipeline import EVENT_VALUE_FIELDS

    for name in EVENT_VALUE_FIELDS:
        if name in locked:
            continue
        value = getattr(record, name)
        if name == "weapons":
            value = list(value or [])
        elif name == "fatalities":
            value = int(value or 0)
        elif isinstance(value, dict):
            value = dict(value)
        setattr(event, name, value)


def split_event(store: Store, event_id: str, mention_ids: list[int], *, user: str) -> SplitResult:
    """Move some of an event's mentions to a new event coded from those mentions only.

    The new event's fields come from the moved mentions' own codings (what each source said,
    kept on its mention), folded as the pipeline folds reports; none of the parent's values are
    copied, so a reviewer's locked values (say, a corrected fatality count) stay with the parent
    only. The parent is recoded from the mentions it keeps, except its locked fields. Mentions
    stored without a coding (rows written by hand) leave the new event with the parent's
    unlocked values and the parent as it was. At least one mention must stay behind; the new
    event gets the ``edited`` status and both events lock their mentions.
    """
    from sitrep.pipeline import _refresh_sources

    wanted = list(dict.fromkeys(int(m) for m in mention_ids))
    if not wanted:
        raise ReviewError(f"split of event {event_id!r} needs at least one mention id")
    with store.transaction() as session:
        event = _get_event(session, event_id)
        if event.merged_into is not None:
            raise ReviewError(
                f"event {event_id!r} was merged into {event.merged_into!r}; split that one",
                code="conflict",
                status=409,
            )
        own = {m.id: m for m in event.mentions}
        missing = [m for m in wanted if m not in own]
        if missing:
            raise ReviewError(
                f"mentions {missing} do not belong to event {event_id!r}",
                code="invalid_split",
            )
        if len(wanted) >= len(own):
            raise ReviewError(
                f"split of event {event_id!r} must leave at least one mention behind",
                code="invalid_split",
            )
        moved = [own[m] for m in wanted]
        kept = [m for m in event.mentions if m.id not in set(wanted)]
        locked = set(event.locked_fields or [])
        new = Event(id=uuid.uuid4().hex, fatalities=0, weapons=[], reasons={})
        moved_record = code_from_mentions(moved)
        if moved_record is not None:
            _recode(new, moved_record, locked=set())
            new.reasons = {**dict(new.reasons or {}), "split_from": event_id}
        else:
            from sitrep.pipeline import EVENT_VALUE_FIELDS

            for name in EVENT_VALUE_FIELDS:
                if name not in locked:
                    value = getattr(event, name)
                    setattr(
                        new, name, type(value)(value) if isinstance(value, (list, dict)) else value
                    )
        new.review_status = "edited"
        new.locked_fields = ["mentions"]
        session.add(new)
        for mention in moved:
            event.mentions.remove(mention)
            new.mentions.append(mention)
        kept_record = code_from_mentions(kept)
        if kept_record is not None:
            _recode(event, kept_record, locked=locked)
        _lock(event, "mentions")
        _log(
            session,
            event_id,
            user,
            "split",
            "mentions",
            sorted(own),
            sorted(set(own) - set(wanted)),
        )
        _log(session, event_id, user, "split", "split_into", None, new.id)
        _log(session, new.id, user, "split", "split_from", None, event_id)
        session.flush()
        _refresh_sources(event)
        _refresh_sources(new)
        new_id = new.id
    return SplitResult(event_id=event_id, new_event_id=new_id, moved_mentions=wanted)


def audit_log(session: Session, event_id: str) -> list[ReviewEdit]:
    """The review history of an event, oldest first."""
    stmt = (
        select(ReviewEdit)
        .where(ReviewEdit.event_id == event_id)
        .order_by(ReviewEdit.at, ReviewEdit.id)
    )
    return list(session.execute(stmt).scalars())


def mention_ids(session: Session, event_id: str) -> list[int]:
    """The ids of an event's mentions (what :func:`split_event` takes)."""
    stmt = select(Mention.id).where(Mention.event_id == event_id).order_by(Mention.id)
    return list(session.execute(stmt).scalars())
