"""## KPIs and reviews: KPI values per period, the review log, the meeting
structure with when each meeting last met and is next due, and when the next
review and plan revision are due - as dates, never "in 19 days": unchanged
data exports the same on any day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import heading, inline, table
from kam_tui.rules import reviews
from kam_tui.rules.meetings import last_held_by_level, meeting_dues
from kam_tui.rules.rows import Row

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def render(plan: Plan) -> str | None:
    account = plan.account
    kpis = plan.kpis
    log = plan.reviews
    meetings = reviews.sorted_meetings(plan.meetings)
    if not (kpis or log or meetings or account.last_review or account.next_plan_revision):
        return None
    nxt = reviews.next_review(account)
    rev = reviews.plan_revision(account)
    out = [
        "## KPIs and reviews",
        "\n".join(
            [
                f"- Review cadence: {account.review_cadence.label}",
                f"- Last review: {account.last_review.isoformat() if account.last_review else 'none yet'}",
                f"- Next review: {nxt.date_text()}",
                f"- Next plan revision: {rev.date_text()}",
            ]
        ),
    ]
    if kpis:
        out.append("### KPIs")
        out += kpi_blocks(plan)
    if log:
        out.append("### Review log")
        out.append(
            table(
                ["Date", "Kind", "Notes", "Decisions"],
                [[r.held_on.isoformat(), r.kind.label, r.notes, r.decisions] for r in log],
            )
        )
    if meetings:
        dues = meeting_dues(meetings, last_held_by_level(plan.interactions, log))
        out.append("### Meeting structure")
        out.append(
            table(
                ["Meeting", "Frequency", "Last held", "Next due", "Attendees", "Agenda"],
                [
                    [
                        d.meeting.kind.label,
                        d.meeting.frequency.label,
                        d.last_held.isoformat() if d.last_held else "not yet",
                        d.next_due.isoformat() if d.next_due else "at the first chance",
                        d.meeting.attendees,
                        d.meeting.agenda,
                    ]
                    for d in dues
                ],
            )
        )
    return "\n\n".join(out)


def kpi_blocks(plan: Plan) -> list[str]:
    """Each KPI: its name and direction, then its target and actual by period."""
    values_of: dict[int, list[Row]] = {}
    for value in plan.kpi_values:
        values_of.setdefault(value.kpi_id, []).append(value)
    out = []
    for kpi in plan.kpis:
        better = "higher is better" if kpi.higher_is_better else "lower is better"
        details = ", ".join(x for x in (inline(kpi.unit), better) if x)
        out.append(f"{heading(4, kpi.name)} ({details})")
        values = reviews.sorted_values(values_of.get(kpi.id, []))
        if not values:
            out.append("No values yet.")
            continue
        rows = []
        for v in values:
            m = reviews.met(kpi, v)
            rows.append(
                [
                    v.period,
                    reviews.fmt_number(v.target),
                    reviews.fmt_number(v.actual),
                    "" if m is None else ("met" if m else "missed"),
                ]
            )
        out.append(table(["Period", "Target", "Actual", "Target met"], rows))
    return out


def meeting_table(meetings: list[Row]) -> str:
    return table(
        ["Meeting", "Frequency", "Attendees", "Agenda"],
        [[m.kind.label, m.frequency.label, m.attendees, m.agenda] for m in meetings],
    )
