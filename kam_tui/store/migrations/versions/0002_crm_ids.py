"""People and deals from the CRM: stakeholders get email, phone and the CRM's
contact id, opportunities the CRM's id, so a re-import matches on them.

Schema 2, the version tests/fixtures/kam-v2.db was made with.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_crm_ids"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stakeholder") as batch:
        batch.add_column(sa.Column("email", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("phone", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("crm_id", sa.String(), nullable=True))
        batch.create_index("ix_stakeholder_crm_id", ["crm_id"])
    with op.batch_alter_table("opportunity") as batch:
        batch.add_column(sa.Column("crm_id", sa.String(), nullable=True))
        batch.create_index("ix_opportunity_crm_id", ["crm_id"])


def downgrade() -> None:
    with op.batch_alter_table("opportunity") as batch:
        batch.drop_index("ix_opportunity_crm_id")
        batch.drop_column("crm_id")
    with op.batch_alter_table("stakeholder") as batch:
        batch.drop_index("ix_stakeholder_crm_id")
        batch.drop_column("crm_id")
        batch.drop_column("phone")
        batch.drop_column("email")
