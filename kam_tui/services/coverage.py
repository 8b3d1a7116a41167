"""Coverage: who on our team covers each customer stakeholder (several may,
one of them primary), and the warnings the method calls out - "find the
relationships to build, and anyone who could derail the plan" - with the KAM
as quarterback, not the owner of every relationship. The rules are in
rules/coverage.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from kam_tui import clock
from kam_tui.models import Stakeholder, TeamMember
from kam_tui.rules.contacts import ContactState, contact_states, rhythms_from
from kam_tui.rules.coverage import (  # the rules, re-exported for callers
    CONTACT_MARK as CONTACT_MARK,
    DERAIL as DERAIL,
    DUE_MARK as DUE_MARK,
    KIND_LABEL as KIND_LABEL,
    PAST_RHYTHM as PAST_RHYTHM,
    QUARTERBACK as QUARTERBACK,
    UNCOVERED as UNCOVERED,
    WEAK_CONTACT as WEAK_CONTACT,
    CoverageWarning as CoverageWarning,
    contact_legend as contact_legend,
    covered_by_member_of as covered_by_member_of,
    covers_of as covers_of,
    kam_member as kam_member,
    person_warnings as person_warnings,
    quarterback_share_from as quarterback_share_from,
    warnings_of as warnings_of,
)
from kam_tui.services import accounts, contacts, stakeholders as stakeholder_service, team as team_service
from kam_tui.store import people
from kam_tui.store.reader import session_reader


def covers(session: Session, account_id: int) -> dict[int, list[int]]:
    """Each of the account's people's covering member ids, the primary first."""
    return covers_of(people.cover_rows(session_reader(session), account_id))


def add_cover(session: Session, stakeholder_id: int, member_id: int, *, primary: bool = False) -> list[int]:
    """One more of our team covers the person (the primary, if asked or if nobody did yet)."""
    now = stakeholder_service.person_covers(session, stakeholder_id)
    if primary or not now:
        stakeholder_service.update_stakeholder(
            session, stakeholder_id, covered_by_id=member_id, also_covered_by=[m for m in now if m != member_id]
        )
    else:
        stakeholder_service.update_stakeholder(session, stakeholder_id, also_covered_by=[*now[1:], member_id])
    return stakeholder_service.person_covers(session, stakeholder_id)


def warnings(session: Session, account_id: int, today: date | None = None) -> list[CoverageWarning]:
    """Every warning for the account, most serious first, then by name."""
    return account_coverage(session, account_id, today).warnings


@dataclass(frozen=True)
class CoverageRow:
    person: Stakeholder
    covered_by: list[TeamMember]  # the primary first
    contact: ContactState
    warnings: tuple[CoverageWarning, ...]


@dataclass(frozen=True)
class AccountCoverage:
    rows: list[CoverageRow]  # most influential first
    warnings: list[CoverageWarning]
    kam: TeamMember | None


def account_coverage(session: Session, account_id: int, today: date | None = None) -> AccountCoverage:
    """Each stakeholder with whoever covers them and how fresh our contact is,
    and the warnings, the quarterback rule among them."""
    today = today or clock.today()
    account = accounts.get_account(session, account_id)
    members = {m.id: m for m in team_service.list_members(session, account_id)}
    everyone = stakeholder_service.list_stakeholders(session, account_id)
    cover = covers(session, account_id)
    states = contacts.account_contacts(session, account_id, everyone)
    kam = kam_member(members.values(), account.owner)
    found = warnings_of(
        everyone,
        cover,
        contacts=states,
        today=today,
        kam=kam,
        share=contacts.quarterback_share(session),
    )
    by_person: dict[int | None, list[CoverageWarning]] = {}
    for w in found:
        by_person.setdefault(w.stakeholder_id, []).append(w)
    rows = [
        CoverageRow(
            person,
            [members[m] for m in cover.get(person.id or 0, []) if m in members],
            states[person.id or 0],
            tuple(by_person.get(person.id, [])),
        )
        for person in everyone
    ]
    return AccountCoverage(rows, found, kam)


def coverage_rows(session: Session, account_id: int, today: date | None = None) -> list[CoverageRow]:
    """Each stakeholder with the team members who cover them, most influential first."""
    return account_coverage(session, account_id, today).rows


def covered_by_member(session: Session, account_id: int) -> dict[int, list[Stakeholder]]:
    """The other way round: whom each team member covers (the KAM as quarterback)."""
    return covered_by_member_of(
        team_service.list_members(session, account_id),
        stakeholder_service.list_stakeholders(session, account_id),
        covers(session, account_id),
    )


@dataclass(frozen=True)
class MemberRef:
    id: int
    name: str


@dataclass(frozen=True)
class PeopleFacts:
    """What the stakeholder section shows beside the people, read with plain queries."""

    member_names: dict[int, str]
    covers: dict[int, list[int]]  # person id -> member ids, the primary first
    contacts: dict[int, ContactState]
    kam: MemberRef | None
    share: Decimal
    owner: str
    last_review: date | None

    def warnings(self, people: list[Any], today: date) -> list[CoverageWarning]:
        return warnings_of(people, self.covers, contacts=self.contacts, today=today, kam=self.kam, share=self.share)


def people_facts(session: Session, account_id: int, everyone: list[Any]) -> PeopleFacts:
    """Covers, contact freshness and the KAM for the account's people (`everyone`, as read)."""
    reader = session_reader(session)
    account = accounts.get_account(session, account_id)
    names = people.member_names(reader, account_id)
    settings = contacts.settings(session)
    found = kam_member([MemberRef(i, n) for i, n in names.items()], account.owner)
    return PeopleFacts(
        member_names=names,
        covers=covers_of(people.cover_rows(reader, account_id)),
        contacts=contact_states(everyone, people.latest_contacts(reader, account_id), rhythms_from(settings)),
        kam=found,
        share=quarterback_share_from(settings),
        owner=account.owner,
        last_review=account.last_review,
    )
