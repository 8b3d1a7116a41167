"""Relationships over time: a contact log per stakeholder (with who of ours took
part), a contact rhythm per person, the history of influence, attitude and
contact strength, coverage by several team members with one primary (the
single covered_by_id is carried over as the primary), and contracts.

Schema 3, the version tests/fixtures/kam-v3.db was made with.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_relationships"
down_revision: str | Sequence[str] | None = "0002_crm_ids"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _vocab(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("notice_months", sa.Integer(), nullable=True),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_contract_account_id", "contract", ["account_id"], unique=False)

    op.create_table(
        "relationship_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("field", _vocab("trackedfield", "influence", "attitude", "contact_strength"), nullable=False),
        sa.Column("old_value", sa.String(length=32), nullable=False),
        sa.Column("new_value", sa.String(length=32), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["stakeholder_id"], ["stakeholder.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_relationship_change_stakeholder_id", "relationship_change", ["stakeholder_id"], unique=False)

    op.create_table(
        "stakeholder_cover",
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["team_member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["stakeholder_id"], ["stakeholder.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("stakeholder_id", "member_id"),
    )
    op.create_index("ix_stakeholder_cover_member_id", "stakeholder_cover", ["member_id"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column(
            "kind", _vocab("interactionkind", "meeting", "call", "email", "visit", "event", "other"), nullable=False
        ),
        sa.Column("level", _vocab("meetingkind", "internal", "strategic", "tactical", "operational"), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("next_step", sa.String(), nullable=False),
        sa.Column("next_step_due", sa.Date(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["stakeholder_id"], ["stakeholder.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_interaction_person_date", "interaction", ["stakeholder_id", "happened_on"], unique=False)

    op.create_table(
        "interaction_member",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["team_member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("interaction_id", "member_id"),
    )
    op.create_index("ix_interaction_member_member_id", "interaction_member", ["member_id"], unique=False)

    # whoever covered a person until now becomes their primary cover
    op.execute(
        "INSERT INTO stakeholder_cover (stakeholder_id, member_id, is_primary) "
        "SELECT id, covered_by_id, TRUE FROM stakeholder WHERE covered_by_id IS NOT NULL"
    )
    with op.batch_alter_table("stakeholder") as batch:
        batch.add_column(sa.Column("contact_rhythm_days", sa.Integer(), nullable=True))
        batch.drop_index("ix_stakeholder_covered_by_id")
        # dropping the column drops its foreign key with it (a server's ALTER, SQLite's rebuilt table)
        batch.drop_column("covered_by_id")


def downgrade() -> None:
    with op.batch_alter_table("stakeholder") as batch:
        batch.add_column(sa.Column("covered_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_stakeholder_covered_by_id", "team_member", ["covered_by_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_stakeholder_covered_by_id", ["covered_by_id"])
        batch.drop_column("contact_rhythm_days")
    op.execute(
        "UPDATE stakeholder SET covered_by_id = (SELECT member_id FROM stakeholder_cover c "
        "WHERE c.stakeholder_id = stakeholder.id AND c.is_primary)"
    )
    for table in ("interaction_member", "interaction", "stakeholder_cover", "relationship_change", "contract"):
        op.drop_table(table)
