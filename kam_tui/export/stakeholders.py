"""## Stakeholders: the people table, the influence x attitude map as a table,
and the coverage warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import bullet_list, inline, table
from kam_tui.rules import coverage, stakeholders as sh
from kam_tui.vocabulary import Attitude, Influence

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan

HEADERS = [
    "Name",
    "Title",
    "Department",
    "Buying role",
    "Influence",
    "Attitude",
    "Contact",
    "Covered by",
    "Reports to",
    "Last contact",
    "Notes",
]


def render(plan: Plan) -> str | None:
    people = sh.sorted_people(plan.stakeholders)
    if not people:
        return None
    members = {m.id: m.name for m in plan.members}
    names = {p.id: p.name for p in people}
    rows = [
        [
            p.name,
            p.title,
            p.department,
            p.buying_role.label if p.buying_role else "",
            p.influence.label,
            p.attitude.label,
            p.contact_strength.label,
            members.get(p.covered_by_id, ""),
            names.get(p.reports_to_id, ""),
            p.last_contact.isoformat() if p.last_contact else "",
            p.notes,
        ]
        for p in people
    ]
    parts = ["## Stakeholders", table(HEADERS, rows)]

    cells = sh.grid_of(people)
    grid_rows = []
    for influence in (Influence.HIGH, Influence.MEDIUM, Influence.LOW):
        row = [influence.label]
        for attitude in Attitude:
            row.append(
                "\n".join(f"{coverage.CONTACT_MARK[p.contact_strength]} {p.name}" for p in cells[(influence, attitude)])
            )
        grid_rows.append(row)
    parts += [
        "### Influence x attitude",
        table(["Influence"] + [a.label for a in Attitude], grid_rows),
        "Contact: " + inline(coverage.contact_legend()),
    ]

    warnings = coverage.warnings_of(people)
    parts.append("### Coverage warnings")
    if warnings:
        parts.append(
            bullet_list(f"**{inline(w.name)}** ({inline(w.kind_label)}): {inline(w.reason)}" for w in warnings)
        )
    else:
        parts.append("None: every high-influence person is covered, in regular contact and not against us.")
    return "\n\n".join(parts)
