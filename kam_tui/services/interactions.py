"""The contact log: every meeting, call, email, visit or event with a
stakeholder, who of ours took part, a note, and a next step that becomes an
action in one key. A person's last contact is read from it.

The method: know how much contact we have had with every stakeholder, and
make sure the right colleague builds each relationship.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from kam_tui import clock
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import (
    Account,
    Action,
    Goal,
    GoalStatus,
    Horizon,
    Interaction,
    InteractionKind,
    InteractionMember,
    MeetingKind,
    Stakeholder,
    TeamMember,
)
from kam_tui.services import accounts, goals
from kam_tui.services.dates import parse_date
from kam_tui.services.rows import stored_id
from kam_tui.services.stakeholders import person_covers
from kam_tui.services.vocab import parse_vocab
from kam_tui.store import people
from kam_tui.store.plans import InteractionRow
from kam_tui.store.reader import session_reader
from kam_tui.text import clean_name

# The goal a next step lands in when it becomes an action.
RELATIONSHIP_GOAL = "Relationships: keep in touch with the people the plan depends on"
NOTE_LIMIT = 20_000


def _person(session: Session, stakeholder_id: int) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None:
        raise NotFound(f"no stakeholder with id {stakeholder_id}")
    return person


def get_interaction(session: Session, interaction_id: int) -> Interaction:
    found = session.get(Interaction, interaction_id)
    if found is None:
        raise NotFound(f"no logged contact with id {interaction_id}")
    return found


def _members(session: Session, account_id: int, with_ids: Any) -> list[int]:
    """Our people who took part: ids of the account's team ("" and None mean nobody)."""
    if with_ids is None or with_ids == "":
        return []
    values = [with_ids] if isinstance(with_ids, (int, str)) else list(with_ids)
    out: list[int] = []
    for value in values:
        try:
            member_id = int(value)
        except (TypeError, ValueError):
            raise ValidationError("with", f"{value!r} is not a member of our team") from None
        member = session.get(TeamMember, member_id)
        if member is None or member.account_id != account_id:
            raise ValidationError("with", "must be members of this account's team")
        if member_id not in out:
            out.append(member_id)
    return out


def _clean(fields: dict[str, Any], today: date | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "happened_on":
            day = parse_date(value, "date", today=today)
            if day is None:
                raise ValidationError("date", "is required")
            if day > (today or clock.today()):
                raise ValidationError("date", f"{day.isoformat()} is in the future; log a contact once it happened")
            out[name] = day
        elif name == "kind":
            out[name] = parse_vocab(InteractionKind, value, "kind", InteractionKind.MEETING)
        elif name == "level":
            out[name] = parse_vocab(MeetingKind, value, "level", optional=True)
        elif name in ("note", "next_step"):
            text = str(value or "").strip()
            if len(text) > NOTE_LIMIT:
                raise ValidationError(name.replace("_", " "), f"is {len(text)} characters long; at most {NOTE_LIMIT}")
            out[name] = text
        elif name == "next_step_due":
            out[name] = parse_date(value, "next step due", today=today)
        else:
            raise ValidationError(name, "is not a field of a logged contact")
    return out


def log_contact(
    session: Session,
    stakeholder_id: int,
    happened_on: Any = "today",
    kind: Any = None,
    *,
    level: Any = None,
    with_ids: Any = None,
    note: str = "",
    next_step: str = "",
    next_step_due: Any = None,
    today: date | None = None,
) -> Interaction:
    """Log a contact with a person; their last contact follows the log."""
    person = _person(session, stakeholder_id)
    values = _clean(
        {
            "happened_on": happened_on,
            "kind": kind,
            "level": level,
            "note": note,
            "next_step": next_step,
            "next_step_due": next_step_due,
        },
        today,
    )
    members = _members(session, person.account_id, with_ids)
    entry = Interaction(stakeholder_id=stakeholder_id, **values)
    session.add(entry)
    session.flush()
    for member_id in members:
        session.add(InteractionMember(interaction_id=stored_id(entry), member_id=member_id))
    accounts.touch(session, person.account_id)
    session.commit()
    return entry


def update_interaction(
    session: Session, interaction_id: int, *, today: date | None = None, with_ids: Any = None, **fields: Any
) -> Interaction:
    entry = get_interaction(session, interaction_id)
    person = _person(session, entry.stakeholder_id)
    for name, value in _clean(fields, today).items():
        setattr(entry, name, value)
    if with_ids is not None:
        wanted = _members(session, person.account_id, with_ids)
        for row in session.exec(select(InteractionMember).where(InteractionMember.interaction_id == interaction_id)):
            if row.member_id not in wanted:
                session.delete(row)
            else:
                wanted.remove(row.member_id)
        for member_id in wanted:
            session.add(InteractionMember(interaction_id=interaction_id, member_id=member_id))
    session.add(entry)
    accounts.touch(session, person.account_id)
    session.commit()
    return entry


def delete_interaction(session: Session, interaction_id: int) -> None:
    entry = get_interaction(session, interaction_id)
    account_id = _person(session, entry.stakeholder_id).account_id
    session.delete(entry)
    accounts.touch(session, account_id)
    session.commit()


def participants(session: Session, interaction_id: int) -> list[int]:
    return list(
        session.exec(
            select(InteractionMember.member_id)
            .where(InteractionMember.interaction_id == interaction_id)
            .order_by(col(InteractionMember.member_id))
        )
    )


def person_log(session: Session, stakeholder_id: int) -> list[Interaction]:
    """One person's contacts, newest first."""
    return list(
        session.exec(
            select(Interaction)
            .where(Interaction.stakeholder_id == stakeholder_id)
            .order_by(col(Interaction.happened_on).desc(), col(Interaction.id).desc())
        )
    )


# ---------------------------------------------------------------- next step -> action


def relationship_goal(session: Session, account_id: int, owner: str = "") -> Goal:
    """The account's goal for relationship work, made on first use."""
    found = session.exec(
        select(Goal).where(Goal.account_id == account_id, Goal.text == RELATIONSHIP_GOAL).order_by(col(Goal.id))
    ).first()
    if found is not None:
        return found
    return goals.add_goal(session, account_id, Horizon.SHORT, RELATIONSHIP_GOAL, owner=owner, status=GoalStatus.OPEN)


def next_step_to_action(session: Session, interaction_id: int) -> Action:
    """Make the logged contact's next step an action of the account's
    relationship goal, owned by whoever of ours took part (the person's cover
    first; else the account's owner) and due when the next step is. Refused when there is no
    next step, or it already became an action."""
    entry = get_interaction(session, interaction_id)
    person = _person(session, entry.stakeholder_id)
    if not entry.next_step.strip():
        raise ValidationError("next step", f"the contact with {person.name} on {entry.happened_on} has no next step")
    if entry.action_id is not None and session.get(Action, entry.action_id) is not None:
        raise ValidationError("next step", "is an action already")
    account = session.get(Account, person.account_id)
    owner = account.owner if account else ""
    ours = participants(session, interaction_id)
    if ours:
        # whoever covers the person first, if they took part: the relationship is theirs
        covers = [m for m in person_covers(session, stored_id(person)) if m in ours]
        member = session.get(TeamMember, (covers or ours)[0])
        owner = member.name if member else owner
    goal = relationship_goal(session, person.account_id, owner=account.owner if account else "")
    text = clean_name(f"{entry.next_step} ({person.name})", "next step", max_length=500)
    action = goals.add_action(session, stored_id(goal), text, owner=owner, due_date=entry.next_step_due)
    entry.action_id = action.id
    session.add(entry)
    session.commit()
    return action


def contact_log(session: Session, account_id: int) -> tuple[list[InteractionRow], dict[int, list[int]]]:
    """The account's timeline, newest first, and who of ours took part in each contact."""
    reader = session_reader(session)
    return people.interaction_rows(reader, account_id), people.interaction_members(reader, account_id)


def open_next_steps(entries: Iterable[Any]) -> list[Any]:
    """The logged contacts whose next step has not become an action yet."""
    return [e for e in entries if e.next_step.strip() and e.action_id is None]
