"""Indexes for Today: the open actions, questions and goals due by a day, and
the people of high influence with no contact on record, found without reading
every row, and everyone's contact rhythm judged from an index narrower than
the table. At 100,000 accounts that is millions of rows `kam today` counted by
reading them all.

No data changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_due_indexes"
down_revision: str | Sequence[str] | None = "0005_team"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_action_status_due": ("action", ["status", "due_date"]),
    "ix_question_answer_status_due": ("question_answer", ["status", "due_date"]),
    "ix_goal_status_target": ("goal", ["status", "target_date"]),
    "ix_stakeholder_contact": ("stakeholder", ["influence", "contact_strength", "last_contact", "contact_rhythm_days"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
