"""reference events: a reference dataset (ACLED's coding) kept apart from sitrep's events

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-20 22:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Idempotent: a database stamped at an older revision may already hold the table (the store's
    # upgrade test builds exactly that), and re-running must not fail on it.
    if "reference_events" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "reference_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dataset", sa.String(length=200), nullable=False),
        sa.Column("event_id_cnty", sa.String(length=32), nullable=True),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("admin1", sa.String(length=200), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reference_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reference_events_dataset"), ["dataset"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reference_events_event_id_cnty"), ["event_id_cnty"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reference_events_event_date"), ["event_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reference_events_country"), ["country"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reference_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reference_events_country"))
        batch_op.drop_index(batch_op.f("ix_reference_events_event_date"))
        batch_op.drop_index(batch_op.f("ix_reference_events_event_id_cnty"))
        batch_op.drop_index(batch_op.f("ix_reference_events_dataset"))
    op.drop_table("reference_events")
