"""## Stakeholders: the people table, the influence x attitude map as a table,
the coverage warnings, how the relationships moved since the last review,
and the latest logged contacts.

Nothing here depends on the day the export is made: each person's next
contact is a date, not "overdue", so unchanged data exports the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import bullet_list, inline, table
from kam_tui.rules import coverage, stakeholders as sh
from kam_tui.rules.contacts import contact_states, latest_logged, rhythms_from
from kam_tui.rules.relationship_changes import moves_since
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
    "Rhythm",
    "Next contact by",
    "Notes",
]
LOG_SHOWN = 20  # the latest contacts the export lists; the app shows them all


def covered_by_text(names: list[str]) -> str:
    """'Maria Lindqvist' or 'Maria Lindqvist (primary), Jonas Berg'."""
    if len(names) < 2:
        return "".join(names)
    return f"{names[0]} (primary), " + ", ".join(names[1:])


def render(plan: Plan) -> str | None:
    people = sh.sorted_people(plan.stakeholders)
    if not people:
        return None
    members = {m.id: m.name for m in plan.members}
    names = {p.id: p.name for p in people}
    covers = plan.covers
    states = contact_states(people, latest_logged(plan.interactions), rhythms_from(plan.portfolio.settings))
    rows = []
    for p in people:
        state = states[p.id]
        due = state.due_on
        rows.append(
            [
                p.name,
                p.title,
                p.department,
                p.buying_role.label if p.buying_role else "",
                p.influence.label,
                p.attitude.label,
                p.contact_strength.label,
                covered_by_text(coverage.cover_names(covers, p.id, members)),
                names.get(p.reports_to_id, ""),
                state.last.isoformat() if state.last else "",
                f"{state.rhythm} days",
                due.isoformat() if due else "",
                p.notes,
            ]
        )
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

    warnings = coverage.warnings_of(
        people,
        covers,
        kam=coverage.kam_member(plan.members, plan.account.owner),
        share=coverage.quarterback_share_from(plan.portfolio.settings),
    )
    parts.append("### Coverage warnings")
    if warnings:
        parts.append(
            bullet_list(f"**{inline(w.name)}** ({inline(w.kind_label)}): {inline(w.reason)}" for w in warnings)
        )
    else:
        parts.append(
            "None: every high-influence person is covered and in regular contact, nobody of influence is "
            "against us, and the relationships are spread over the team."
        )
    parts += _changes(plan, names)
    parts += _log(plan, names, members)
    return "\n\n".join(parts)


def _changes(plan: Plan, names: dict[int, str]) -> list[str]:
    since = plan.account.last_review
    if not plan.changes:
        return []
    moves = moves_since(plan.changes, names, since)
    title = (
        f"### Relationship changes since the last review ({since.isoformat()})" if since else "### Relationship changes"
    )
    if not moves:
        return [title, "None."]
    # the arrow goes in as it is: inside a line ">" is no Markdown, and the file reads as the app does
    lines = []
    for m in moves:
        field, old, new = m.parts
        lines.append(
            f"**{inline(m.name)}**: " + (f"{inline(field)} " if field else "") + f"{old} -> {new}, {m.changed_on}"
        )
    return [title, bullet_list(lines)]


def _log(plan: Plan, names: dict[int, str], members: dict[int, str]) -> list[str]:
    logged = [i for i in plan.interactions if i.stakeholder_id in names]  # newest first
    if not logged:
        return []
    ours: dict[int, list[str]] = {}
    for interaction_id, member_id in plan.interaction_members:
        if member_id in members:
            ours.setdefault(interaction_id, []).append(members[member_id])
    shown = logged[:LOG_SHOWN]
    title = "### Latest contacts" + (f" (the {LOG_SHOWN} latest of {len(logged)})" if len(logged) > LOG_SHOWN else "")
    rows = [
        [
            i.happened_on.isoformat(),
            names[i.stakeholder_id],
            i.kind.label + (f" ({i.level.label.lower()})" if i.level else ""),
            ", ".join(sorted(ours.get(i.id, []))),
            i.note,
            i.next_step + (f" (by {i.next_step_due.isoformat()})" if i.next_step and i.next_step_due else ""),
        ]
        for i in shown
    ]
    return [title, table(["Date", "Person", "Kind", "With", "Note", "Next step"], rows)]
