"""## KPIs and reviews: KPI values per period, the review log, the meeting
structure, and when the next review and plan revision are due."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from kam_tui.export.markdown import heading, inline, table
from kam_tui.models import Account
from kam_tui.services import reviews


def render(session: Session, account: Account, today: date | None = None) -> str | None:
    kpis = reviews.list_kpis(session, account.id)
    log = reviews.list_reviews(session, account.id)
    meetings = reviews.list_meetings(session, account.id)
    if not (kpis or log or meetings or account.last_review or account.next_plan_revision):
        return None
    today = today or date.today()
    nxt = reviews.next_review(account, today)
    rev = reviews.plan_revision(account, today)
    out = [
        "## KPIs and reviews",
        "\n".join([
            f"- Review cadence: {account.review_cadence.label}",
            f"- Last review: {account.last_review.isoformat() if account.last_review else 'none yet'}",
            f"- Next review: {nxt.describe()}",
            f"- Next plan revision: {rev.describe()}",
        ]),
    ]
    if kpis:
        out.append("### KPIs")
        for kpi in kpis:
            better = "higher is better" if kpi.higher_is_better else "lower is better"
            details = ", ".join(x for x in (inline(kpi.unit), better) if x)
            out.append(f"{heading(4, kpi.name)} ({details})")
            values = reviews.kpi_values(session, kpi.id)
            if not values:
                out.append("No values yet.")
                continue
            rows = []
            for v in values:
                m = reviews.met(kpi, v)
                rows.append([v.period, reviews.fmt_number(v.target), reviews.fmt_number(v.actual),
                             "" if m is None else ("met" if m else "missed")])
            out.append(table(["Period", "Target", "Actual", "Target met"], rows))
    if log:
        out.append("### Review log")
        out.append(table(["Date", "Kind", "Notes", "Decisions"],
                         [[r.held_on.isoformat(), r.kind.label, r.notes, r.decisions] for r in log]))
    if meetings:
        out.append("### Meeting structure")
        out.append(table(["Meeting", "Frequency", "Attendees", "Agenda"],
                         [[m.kind.label, m.frequency.label, m.attendees, m.agenda] for m in meetings]))
    return "\n\n".join(out)
