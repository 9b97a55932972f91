"""``sitrep actors``: the actors seen in stored events, and merging one into another."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from sitrep.store.db import Store
from sitrep.store.schema import Actor, Event, ReviewEdit


def list_actors(store: Store, *, provisional_only: bool = False) -> list[dict[str, Any]]:
    """Every actor named by a live event, with its event count and knowledge-base status."""
    from sitrep.resolve.actors import ActorKB

    kb = ActorKB.default()
    counts: dict[str, int] = {}
    with store.session() as s:
        for column in (Event.actor1, Event.actor2):
            rows = s.execute(
                select(column, func.count())
                .where(column.is_not(None), Event.merged_into.is_(None))
                .group_by(column)
            )
            for name, count in rows:
                counts[name] = counts.get(name, 0) + count
        stored = {a.name: a for a in s.scalars(select(Actor))}
    rows_out = []
    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        entry = kb.get(name)
        row = stored.get(name)
        provisional = entry is None and (row is None or row.provisional)
        if provisional_only and not provisional:
            continue
        rows_out.append(
            {
                "name": name,
                "events": count,
                "provisional": provisional,
                "inter": (entry or {}).get("inter") if entry else (row.inter if row else None),
                "aliases": (entry or {}).get("aliases", [])
                if entry
                else (row.aliases if row else []),
            }
        )
    return rows_out


def merge_actors(store: Store, source: str, target: str, *, user: str = "cli") -> int:
    """Relabel every event naming ``source`` as ``target``; keep ``source`` as an alias."""
    changed = 0
    with store.transaction() as s:
        for column in ("actor1", "actor2"):
            col = getattr(Event, column)
            ids = list(s.scalars(select(Event.id).where(col == source)))
            for event_id in ids:
                s.add(
                    ReviewEdit(
                        event_id=event_id,
                        user=user,
                        action="merge_actor",
                        field=column,
                        old_value=source,
                        new_value=target,
                    )
                )
            if ids:
                s.execute(update(Event).where(col == source).values({column: target}))
            changed += len(ids)
        row = s.scalar(select(Actor).where(Actor.name == target))
        if row is None:
            row = Actor(name=target, aliases=[], provisional=True)
            s.add(row)
        if source not in (row.aliases or []):
            row.aliases = [*(row.aliases or []), source]
        old = s.scalar(select(Actor).where(Actor.name == source))
        if old is not None:
            old.merged_into = target
    return changed
