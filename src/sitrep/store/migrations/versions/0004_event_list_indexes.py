"""event list indexes: keep the dashboard's sorted, paginated lists fast at 100k+ events

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-20 22:30:00

(event_date, id) and (fatalities, id) let the list endpoint walk an index in sort order (with
the id tie-break) instead of sorting every row; (merged_into, review_status) covers the "visible
events" condition every list and count carries, so counting needs no table reads.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_date_id": ["event_date", "id"],
    "ix_events_fatalities_id": ["fatalities", "id"],
    "ix_events_visible": ["merged_into", "review_status"],
}


def upgrade() -> None:
    existing = {ix["name"] for ix in sa.inspect(op.get_bind()).get_indexes("events")}
    for name, columns in INDEXES.items():
        if name not in existing:
            op.create_index(name, "events", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="events")
