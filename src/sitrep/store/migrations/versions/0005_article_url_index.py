"""article url index: a restarted watcher asks, per feed entry, whether its link is stored

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 05:30:00

`sitrep watch` checks every feed entry's link and guid against `articles.url` and
`articles.source`. `source` leads a unique index already; without one on `url` the check read
the whole table (30 ms at 24,000 articles, linear beyond), once per entry per poll.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = {ix["name"] for ix in sa.inspect(op.get_bind()).get_indexes("articles")}
    if "ix_articles_url" not in existing:
        op.create_index("ix_articles_url", "articles", ["url"])


def downgrade() -> None:
    op.drop_index("ix_articles_url", table_name="articles")
