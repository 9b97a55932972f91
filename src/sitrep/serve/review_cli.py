"""The library side of ``sitrep review ...``: the same review functions the API and the web forms
call, with results as plain dicts (``lines`` for people, the rest for ``--json``)."""

from __future__ import annotations

from typing import Any

from sitrep.serve import review
from sitrep.serve.data import edit_dict, event_detail
from sitrep.store.db import Store


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """``["fatalities=3", "notes=a=b"]`` -> ``{"fatalities": "3", "notes": "a=b"}``."""
    changes: dict[str, str] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise review.ReviewError(f"expected FIELD=VALUE, got {item!r}")
        changes[name.strip()] = value
    return changes


def edit(store: Store, event_id: str, assignments: list[str], *, user: str) -> dict[str, Any]:
    changed = review.edit_event(store, event_id, parse_assignments(assignments), user=user)
    with store.session() as session:
        event = event_detail(session, event_id)["event"]
    lines = [f"{name} = {event.get(name)!r}" for name in changed if name in event]
    if "year" in changed and "year" not in event:
        lines.append("year updated")
    return {
        "event_id": event_id,
        "changed": changed,
        "lines": [f"event {event_id}: " + ("changed" if changed else "nothing changed"), *lines],
    }


def merge(store: Store, event_id: str, others: list[str], *, user: str) -> dict[str, Any]:
    moved = review.merge_events(store, event_id, others, user=user)
    return {
        "event_id": event_id,
        "merged": others,
        "moved_mentions": moved,
        "lines": [f"merged {', '.join(others)} into {event_id}: {moved} mention(s) moved"],
    }


def split(store: Store, event_id: str, mention_ids: list[int], *, user: str) -> dict[str, Any]:
    result = review.split_event(store, event_id, mention_ids, user=user)
    return {
        "event_id": event_id,
        "new_event_id": result.new_event_id,
        "moved_mentions": result.moved_mentions,
        "lines": [f"split {event_id}: new event {result.new_event_id}"],
    }


def status(store: Store, event_id: str, new_status: str, user: str) -> dict[str, Any]:
    if new_status == "confirmed":
        review.confirm_event(store, event_id, user=user)
    else:
        review.mark_false_positive(store, event_id, user=user)
    return {
        "event_id": event_id,
        "review_status": new_status,
        "lines": [f"event {event_id}: {new_status}"],
    }


def log(store: Store, event_id: str) -> dict[str, Any]:
    with store.session() as session:
        detail = event_detail(session, event_id)
        edits = [edit_dict(e) for e in review.audit_log(session, event_id)]
    event = detail["event"]
    lines = [
        f"event {event_id}: {event.get('sub_event_type') or event.get('event_type')} "
        f"{event.get('event_date') or 'undated'} {event.get('location') or ''}".rstrip(),
        f"review status: {event['review_status']}; locked: "
        + (", ".join(event["locked_fields"]) or "nothing"),
    ]
    if event.get("merged_into"):
        lines.append(f"merged into {event['merged_into']}")
    lines.append("mentions:")
    lines += [f"  {s['mention_id']}  {s.get('outlet') or '?'}: {s['sentence']}" for s in
              detail["sources"]]  # fmt: skip
    lines.append("audit log:" if edits else "audit log: empty")
    lines += [
        f"  {e['at']}  {e['user']}  {e['action']}  {e['field'] or ''}  {e['old']!r} -> {e['new']!r}"
        for e in edits
    ]
    return {
        "event_id": event_id,
        "review_status": event["review_status"],
        "locked_fields": event["locked_fields"],
        "mentions": [
            {"mention_id": s["mention_id"], "outlet": s.get("outlet"), "sentence": s["sentence"]}
            for s in detail["sources"]
        ],
        "edits": edits,
        "lines": lines,
    }
