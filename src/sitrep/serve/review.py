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
from sitrep.store.db import Store
from sitrep.store.schema import Event, Mention, ReviewEdit, utcnow


class ReviewError(SitrepError):
    """A review action cannot be applied (unknown event, bad field or value, bad merge/split)."""

    def __init__(self, message: str, *, code: str = "invalid_review", status: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


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


def edit_event(store: Store, event_id: str, changes: dict[str, Any], *, user: str) -> list[str]:
    """Set fields of an event; returns the names of the fields whose value changed.

    Values are validated and converted first (all or nothing). Each changed field gets one audit
    row and is locked; unchanged values write nothing.
    """
    if not changes:
        raise ReviewError(f"no fields to edit on event {event_id!r}")
    converted = {name: coerce_value(name, value) for name, value in changes.items()}
    changed: list[str] = []
    with store.transaction() as session:
        event = _get_event(session, event_id)
        for name, value in converted.items():
            old = getattr(event, name)
            if name == "weapons":
                old = list(old or [])
            if old == value:
                continue
            setattr(event, name, value)
            _log(session, event_id, user, "edit", name, old, value)
            changed.append(name)
            if name == "event_date" and value is not None and event.year != int(value[:4]):
                _log(session, event_id, user, "edit", "year", event.year, int(value[:4]))
                event.year = int(value[:4])
                changed.append("year")
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


def split_event(store: Store, event_id: str, mention_ids: list[int], *, user: str) -> SplitResult:
    """Move some of an event's mentions to a new event that starts as a copy of the old one.

    At least one mention must stay behind; the new event gets the ``edited`` status and both
    events lock their mentions.
    """
    wanted = list(dict.fromkeys(int(m) for m in mention_ids))
    if not wanted:
        raise ReviewError(f"split of event {event_id!r} needs at least one mention id")
    with store.transaction() as session:
        event = _get_event(session, event_id)
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
        new = Event(id=uuid.uuid4().hex)
        skip = {"id", "created_at", "updated_at", "merged_into", "mentions", "source_count"}
        for column in Event.__table__.columns:
            if column.key not in skip:
                value = getattr(event, column.key)
                if isinstance(value, (list, dict)):
                    value = type(value)(value)
                setattr(new, column.key, value)
        new.review_status = "edited"
        new.locked_fields = list(event.locked_fields or [])
        session.add(new)
        for mention_id in wanted:
            mention = own[mention_id]
            event.mentions.remove(mention)
            new.mentions.append(mention)
        _lock(event, "mentions")
        _lock(new, "mentions")
        _log(
            session,
            event_id,
            user,
            "split",
            "mentions",
            sorted(own),
            sorted(set(own) - set(wanted)),
        )
        _log(session, new.id, user, "split", "split_from", None, event_id)
        session.flush()
        _recount_sources(event)
        _recount_sources(new)
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
