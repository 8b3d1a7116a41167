"""The baseline: kam's schema as it stood when Alembic took over its upgrades
(schema 1, the version tests/fixtures/kam-v1.db was made with).

A released revision never changes: the next schema is a new revision after
this one (see kam_tui/store/__init__.py).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("industry", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("annual_revenue", sa.String(length=64), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("crm_id", sa.String(), nullable=True),
        sa.Column("website", sa.String(), nullable=False),
        sa.Column(
            "tier",
            sa.Enum("existing_key", "emerging_key", "candidate", "not_key", name="tier", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "focus",
            sa.Enum("penetrate", "expand", "protect", name="focus", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("why_key", sa.String(), nullable=False),
        sa.Column("what_we_want", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "strategy", "research", "action_plan", "execution", "review", name="stage", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("depth", sa.Enum("full", "light", name="plandepth", native_enum=False, length=32), nullable=False),
        sa.Column(
            "review_cadence",
            sa.Enum("weekly", "monthly", "quarterly", name="cadence", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("last_review", sa.Date(), nullable=True),
        sa.Column("next_plan_revision", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
    )
    op.create_index("ix_account_crm_id", "account", ["crm_id"], unique=False)

    op.create_table(
        "criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("weight", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "horizon", sa.Enum("short", "mid", "long", name="horizon", native_enum=False, length=32), nullable=False
        ),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open", "on_track", "at_risk", "achieved", "dropped", name="goalstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_goal_account_id", "goal", ["account_id"], unique=False)

    op.create_table(
        "kpi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("higher_is_better", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_kpi_account_id", "kpi", ["account_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "internal", "strategic", "tactical", "operational", name="meetingkind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "frequency",
            sa.Enum(
                "weekly",
                "fortnightly",
                "monthly",
                "quarterly",
                "half_yearly",
                "yearly",
                name="frequency",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("attendees", sa.String(), nullable=False),
        sa.Column("agenda", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_meeting_account_id", "meeting", ["account_id"], unique=False)

    op.create_table(
        "opportunity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "won", "lost", name="opportunitystatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_opportunity_account_id", "opportunity", ["account_id"], unique=False)

    op.create_table(
        "profile_text",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "section",
            sa.Enum(
                "strategy_goals",
                "financial_health",
                "current_initiatives",
                "market_products",
                "organisation",
                "history_culture",
                "decision_process",
                "framework_agreements",
                "purchases",
                "past_engagements",
                name="profilesection",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id", "section"),
    )
    op.create_table(
        "question_answer",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=40), nullable=False),
        sa.Column(
            "status",
            sa.Enum("unknown", "answered", "not_relevant", name="questionstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("answer", sa.String(), nullable=False),
        sa.Column("finder", sa.String(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id", "question_key"),
    )
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "internal", "strategic", "tactical", "operational", name="meetingkind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("decisions", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_review_account_id", "review", ["account_id"], unique=False)

    op.create_table(
        "score",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 10", name="score_1_to_10"),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["criterion_id"], ["criterion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id", "criterion_id"),
    )
    op.create_table(
        "swot_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("run_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_swot_run_account_id", "swot_run", ["account_id"], unique=False)

    op.create_table(
        "team_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("is_executive_sponsor", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_team_member_account_id", "team_member", ["account_id"], unique=False)

    op.create_table(
        "third_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind", sa.Enum("competitor", "partner", name="partykind", native_enum=False, length=32), nullable=False
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_third_party_account_id", "third_party", ["account_id"], unique=False)

    op.create_table(
        "tier_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_tier",
            sa.Enum("existing_key", "emerging_key", "candidate", "not_key", name="tier", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column(
            "to_tier",
            sa.Enum("existing_key", "emerging_key", "candidate", "not_key", name="tier", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tier_change_account_id", "tier_change", ["account_id"], unique=False)

    op.create_table(
        "whitespace_offering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_whitespace_offering_account_id", "whitespace_offering", ["account_id"], unique=False)

    op.create_table(
        "whitespace_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_whitespace_unit_account_id", "whitespace_unit", ["account_id"], unique=False)

    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("todo", "doing", "done", "dropped", name="actionstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_action_goal_id", "action", ["goal_id"], unique=False)

    op.create_table(
        "kpi_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=True),
        sa.Column("actual", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpi.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kpi_id", "period"),
    )
    op.create_index("ix_kpi_value_kpi_id", "kpi_value", ["kpi_id"], unique=False)

    op.create_table(
        "stakeholder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("department", sa.String(), nullable=False),
        sa.Column(
            "buying_role",
            sa.Enum(
                "decision_maker",
                "economic_buyer",
                "technical_evaluator",
                "user",
                "influencer",
                "gatekeeper",
                "coach",
                name="buyingrole",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "influence",
            sa.Enum("low", "medium", "high", name="influence", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "attitude",
            sa.Enum(
                "champion", "supporter", "neutral", "skeptic", "blocker", name="attitude", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "contact_strength",
            sa.Enum("none", "occasional", "regular", "strong", name="contactstrength", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("covered_by_id", sa.Integer(), nullable=True),
        sa.Column("reports_to_id", sa.Integer(), nullable=True),
        sa.Column("last_contact", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["covered_by_id"], ["team_member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["reports_to_id"], ["stakeholder.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stakeholder_account_id", "stakeholder", ["account_id"], unique=False)
    op.create_index("ix_stakeholder_covered_by_id", "stakeholder", ["covered_by_id"], unique=False)
    op.create_index("ix_stakeholder_reports_to_id", "stakeholder", ["reports_to_id"], unique=False)

    op.create_table(
        "swot_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column(
            "quadrant",
            sa.Enum("strength", "weakness", "opportunity", "threat", name="swotquadrant", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["copied_from_id"], ["swot_item.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["run_id"], ["swot_run.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_swot_item_run_id", "swot_item", ["run_id"], unique=False)

    op.create_table(
        "team_member_role",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "technical_expert",
                "relationship_leader",
                "collaborator",
                "project_manager",
                "innovator",
                "result_driver",
                name="teamrole",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["member_id"], ["team_member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("member_id", "role"),
    )
    op.create_table(
        "whitespace_cell",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("have", "pursuing", "open", "not_relevant", name="whitespacestatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["offering_id"], ["whitespace_offering.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["whitespace_unit.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("unit_id", "offering_id"),
    )


def downgrade() -> None:
    op.drop_table("whitespace_cell")
    op.drop_table("team_member_role")
    op.drop_table("swot_item")
    op.drop_table("stakeholder")
    op.drop_table("kpi_value")
    op.drop_table("action")
    op.drop_table("whitespace_unit")
    op.drop_table("whitespace_offering")
    op.drop_table("tier_change")
    op.drop_table("third_party")
    op.drop_table("team_member")
    op.drop_table("swot_run")
    op.drop_table("score")
    op.drop_table("review")
    op.drop_table("question_answer")
    op.drop_table("profile_text")
    op.drop_table("opportunity")
    op.drop_table("meeting")
    op.drop_table("kpi")
    op.drop_table("goal")
    op.drop_table("setting")
    op.drop_table("criterion")
    op.drop_table("account")
