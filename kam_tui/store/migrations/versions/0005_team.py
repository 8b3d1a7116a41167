"""Ready for a team and for offline copies: every row carries a uuid (stable
across copies, so a later sync pairs rows without renumbering them), a
version (a save over someone else's newer change is refused), and when and by
whom it was last saved; a deleted row leaves a tombstone with its time.

Rows already there each get a fresh uuid from the database's own default
(SQLite evaluates it per row as the table is rebuilt, PostgreSQL as the
column is added), version 1, and no name: nobody is known to have saved them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_team"
down_revision: str | Sequence[str] | None = "0004_stage_history_countries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# every table of schema 4, and whether it already knows when it was last saved
TABLES = {
    "account": True,
    "tier_change": False,
    "stage_change": False,
    "criterion": False,
    "score": False,
    "team_member": False,
    "team_member_role": False,
    "stakeholder": False,
    "stakeholder_cover": False,
    "interaction": False,
    "interaction_member": False,
    "relationship_change": False,
    "profile_text": True,
    "swot_run": False,
    "swot_item": False,
    "third_party": False,
    "opportunity": False,
    "whitespace_unit": False,
    "whitespace_offering": False,
    "whitespace_cell": False,
    "goal": False,
    "action": False,
    "question_answer": True,
    "kpi": False,
    "kpi_value": False,
    "review": False,
    "meeting": False,
    "contract": False,
    "setting": False,
}

SQLITE_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)
SERVER_UUID = "gen_random_uuid()::text"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    new_uuid = sa.text(f"({SQLITE_UUID})" if sqlite else SERVER_UUID)
    for table, has_updated_at in TABLES.items():
        # SQLite cannot ADD COLUMN with a default computed per row: the table is
        # rebuilt, and copying the old rows into it evaluates the default for each
        with op.batch_alter_table(table, recreate="always" if sqlite else "auto") as batch:
            batch.add_column(sa.Column("uuid", sa.String(length=36), nullable=False, server_default=new_uuid))
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
            batch.add_column(sa.Column("updated_by", sa.String(), nullable=False, server_default=""))
            if not has_updated_at:
                batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)

    op.create_table(
        "tombstone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_uuid", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tombstone_row_uuid", "tombstone", ["row_uuid"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_tombstone_row_uuid", table_name="tombstone")
    op.drop_table("tombstone")
    for table, has_updated_at in TABLES.items():
        op.drop_index(f"ix_{table}_uuid", table_name=table)
        with op.batch_alter_table(table) as batch:
            for column in ("uuid", "version", "updated_by") + (() if has_updated_at else ("updated_at",)):
                batch.drop_column(column)
