"""The plan for the customer's eyes: what we and they work on together.

The method calls the KAM the customer's voice back home and asks for recurring
check-ins with the customer; a joint plan is what such a meeting works from.
It holds the account in a few lines, the goals and the actions that reach them,
the meetings we hold with them and the KPIs we measure together. It leaves out
everything that is ours alone: how we rate their people (attitude, influence,
who covers whom), our SWOT of them, the competitors, our notes and reasons
(why the account is key, what we want from it, the tier and the scoring), the
gaps in our team, the whitespace, the growth questions, the opportunities'
values, the internal meetings and review log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kam_tui.export import goals, reviews
from kam_tui.export.markdown import bullet_list, heading, inline
from kam_tui.rules import reviews as review_rules
from kam_tui.vocabulary import MeetingKind

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def _summary(plan: Plan) -> str:
    from kam_tui.countries import country_name

    account = plan.account
    sponsor = next((m for m in plan.members if m.is_executive_sponsor), None)
    revision = account.next_plan_revision
    rows = [
        ("Industry", account.industry),
        ("Country", country_name(account.country)),
        ("Account manager", account.owner),
        ("Executive sponsor", ", ".join(x for x in (sponsor.name, sponsor.title) if x) if sponsor else ""),
        ("Plan revised next", revision.isoformat() if revision else ""),
    ]
    facts = bullet_list(f"**{label}:** {inline(value)}" for label, value in rows if value)
    return heading(2, "The account") + "\n\n" + (facts or "_Nothing written yet._")


def _meetings(plan: Plan) -> str | None:
    shared = [m for m in review_rules.sorted_meetings(plan.meetings) if m.kind != MeetingKind.INTERNAL]
    if not shared:
        return None
    return heading(2, "How we meet") + "\n\n" + reviews.meeting_table(shared)


def _kpis(plan: Plan) -> str | None:
    if not plan.kpis:
        return None
    return "\n\n".join([heading(2, "KPIs we measure together"), *reviews.kpi_blocks(plan)])


def customer_markdown(plan: Plan) -> str:
    """The joint plan as one Markdown document."""
    parts: list[Any] = [
        heading(1, f"{plan.account.name}: our joint account plan"),
        f"As of {plan.today.isoformat()}.",
        _summary(plan),
        goals.render_for_customer(plan),
        _meetings(plan),
        _kpis(plan),
    ]
    return "\n\n".join(p.strip("\n") for p in parts if p) + "\n"


def render_customer_plan(session: Any, account: Any) -> str:
    """The joint plan of an account, read through the session's own connection."""
    from kam_tui.export import snapshot

    return customer_markdown(snapshot.plan_for(session, account))
