"""Logging a contact with a stakeholder, from the stakeholder section (table,
map, coverage, log) or from Today: one form, today's date already in it.

The date takes what every date field takes (2026-11-20, 20.11.2026, today,
yesterday, -3d); "who of ours" starts ticked with the person's primary cover.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.store.conflicts import seen_of
from kam_tui.tui.edits import Edit
from kam_tui.tui.widgets.form import FieldSpec, FormScreen
from kam_tui.vocabulary import InteractionKind, MeetingKind

if TYPE_CHECKING:
    from kam_tui.models import Interaction
    from kam_tui.tui.app import KamApp

DATE_HINT = "today, yesterday, -3d or 2026-11-20"
NEXT_STEP_HELP = "Optional. `a` in the contact log makes it an action of the account's relationship goal."


def contact_fields(
    members: list[tuple[str, int]], ticked: list[int], entry: Interaction | None = None
) -> list[FieldSpec]:
    """The log form's fields; `entry` fills them to edit a logged contact."""
    return [
        FieldSpec(
            "happened_on",
            "Date",
            value=entry.happened_on.isoformat() if entry else "today",
            required=True,
            placeholder=DATE_HINT,
        ),
        FieldSpec(
            "kind",
            "Kind",
            "choice",
            value=(entry.kind if entry else InteractionKind.MEETING).value,
            choices=[(k.label + (f" - {k.hint}" if k.hint else ""), k.value) for k in InteractionKind],
            allow_blank_choice=False,
        ),
        FieldSpec(
            "level",
            "Meeting level",
            "choice",
            value=entry.level.value if entry and entry.level else "",
            choices=[("(not a meeting of the structure)", "")]
            + [(f"{k.label}: {k.hint.lower()}", k.value) for k in MeetingKind],
            allow_blank_choice=False,
            help="A meeting of the account's meeting structure: it then counts as that meeting held.",
        ),
        FieldSpec(
            "with_ids",
            "Who of ours took part",
            "multichoice",
            value=ticked,
            choices=members,
            help="Space ticks a name." if members else "Nobody on the Team tab yet.",
            aliases=("with",),
        ),
        FieldSpec("note", "Note", "multiline", value=entry.note if entry else ""),
        FieldSpec("next_step", "Next step", value=entry.next_step if entry else "", help=NEXT_STEP_HELP),
        FieldSpec(
            "next_step_due",
            "Next step by",
            value=entry.next_step_due.isoformat() if entry and entry.next_step_due else "",
            placeholder="+1w, 2026-12-01",
        ),
    ]


def _team_choices(app: KamApp, stakeholder_id: int) -> tuple[str, list[tuple[str, int]], list[int]]:
    from kam_tui.services import stakeholders, team

    with app.session() as s:
        person = stakeholders.get_stakeholder(s, stakeholder_id)
        members = team.list_members(s, person.account_id)
        covers = stakeholders.person_covers(s, stakeholder_id)
        name = person.name
    choices = [(m.name + (f" ({m.title})" if m.title else ""), m.id or 0) for m in members]
    return name, choices, covers


def log_contact_form(app: KamApp, stakeholder_id: int) -> FormScreen:
    """The form that logs a new contact with the person."""
    from kam_tui.services import interactions

    name, members, covers = _team_choices(app, stakeholder_id)
    return FormScreen(
        f"Log a contact with {name}",
        contact_fields(members, covers[:1]),
        Edit(interactions.log_contact, stakeholder_id),
        accept_label="Log",
    )


def edit_contact_form(app: KamApp, interaction_id: int) -> FormScreen:
    """The form that corrects a logged contact."""
    from kam_tui.services import interactions

    with app.session() as s:
        entry = interactions.get_interaction(s, interaction_id)
        ticked = interactions.participants(s, interaction_id)
        person_id = entry.stakeholder_id
        seen = seen_of(entry)
    name, members, _ = _team_choices(app, person_id)
    return FormScreen(
        f"Contact with {name} on {entry.happened_on.isoformat()}",
        contact_fields(members, ticked, entry),
        Edit(interactions.update_interaction, interaction_id, seen=seen),
    )
