"""The stage history, and countries kept as ISO codes.

An account's moves between the five stages are kept beside its tier history
(stage_change). An account's country, until now kept as typed or imported
("Deutschland", "Germany", "DEU"), becomes its ISO 3166-1 code where kam
recognises it; text it does not recognise is kept exactly as it was.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_stage_history_countries"
down_revision: str | Sequence[str] | None = "0003_relationships"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGES = ("strategy", "research", "action_plan", "execution", "review")


def upgrade() -> None:
    op.create_table(
        "stage_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.Enum(*STAGES, name="stage", native_enum=False, length=32), nullable=True),
        sa.Column("to_stage", sa.Enum(*STAGES, name="stage", native_enum=False, length=32), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stage_change_account_id", "stage_change", ["account_id"], unique=False)
    _countries_to_codes()


def _countries_to_codes() -> None:
    from kam_tui.countries import country_code

    account = sa.table("account", sa.column("id", sa.Integer()), sa.column("country", sa.String()))
    con = op.get_bind()
    for account_id, country in con.execute(sa.select(account.c.id, account.c.country)).all():
        code = country_code(country)
        if code is not None and code != country:
            con.execute(sa.update(account).where(account.c.id == account_id).values(country=code))


def downgrade() -> None:
    # the codes stay: an older kam shows them as typed text, which loses nothing
    op.drop_index("ix_stage_change_account_id", table_name="stage_change")
    op.drop_table("stage_change")
