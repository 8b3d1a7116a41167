import pytest

from kam_tui.errors import ValidationError
from kam_tui.models import TeamMember, TeamRole
from kam_tui.services import accounts, team


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Nordbank")


def test_member_crud(session, acct):
    m = team.create_member(session, acct.id, " Kim  Berg ", title="Solution  architect", notes="Knows SAP ")
    assert (m.name, m.title, m.notes) == ("Kim Berg", "Solution architect", "Knows SAP")
    team.update_member(session, m.id, title="Chief architect")
    session.expire_all()
    assert session.get(TeamMember, m.id).title == "Chief architect"
    with pytest.raises(ValidationError) as info:
        team.update_member(session, m.id, name=" ")
    assert info.value.field == "name"
    team.delete_member(session, m.id)
    assert team.list_members(session, acct.id) == []


def test_roles_set_and_toggle(session, acct):
    m = team.create_member(session, acct.id, "Kim", roles=["technical_expert", "Innovator"])
    assert team.member_roles(session, m.id) == {TeamRole.TECHNICAL_EXPERT, TeamRole.INNOVATOR}
    assert team.toggle_role(session, m.id, TeamRole.INNOVATOR) is False
    assert team.toggle_role(session, m.id, "result driver") is True
    assert team.member_roles(session, m.id) == {TeamRole.TECHNICAL_EXPERT, TeamRole.RESULT_DRIVER}
    team.set_roles(session, m.id, [])
    assert team.member_roles(session, m.id) == set()
    with pytest.raises(ValidationError) as info:
        team.set_roles(session, m.id, ["wizard"])
    assert info.value.field == "role"


def test_exactly_one_sponsor_per_account(session, acct):
    other = accounts.create_account(session, "Other")
    a = team.create_member(session, acct.id, "A", is_executive_sponsor=True)
    b = team.create_member(session, acct.id, "B")
    theirs = team.create_member(session, other.id, "T", is_executive_sponsor=True)
    assert team.executive_sponsor(session, acct.id).id == a.id
    team.set_executive_sponsor(session, b.id)
    session.expire_all()
    assert team.executive_sponsor(session, acct.id).id == b.id
    assert session.get(TeamMember, a.id).is_executive_sponsor is False
    # another account's sponsor is untouched
    assert team.executive_sponsor(session, other.id).id == theirs.id
    team.create_member(session, acct.id, "C", is_executive_sponsor=True)
    assert [m.name for m in team.list_members(session, acct.id) if m.is_executive_sponsor] == ["C"]
    team.clear_executive_sponsor(session, acct.id)
    assert team.executive_sponsor(session, acct.id) is None
    assert team.executive_sponsor(session, other.id).id == theirs.id


def test_role_coverage_calls_out_missing_growth_roles(session, acct):
    team.create_member(session, acct.id, "Kim", roles=["technical_expert", "relationship_leader"])
    team.create_member(session, acct.id, "Ann", roles=["relationship_leader", "project_manager"])
    cov = team.role_coverage(session, acct.id)
    by_role = {rc.role: [m.name for m in rc.members] for rc in cov.roles}
    assert [rc.role for rc in cov.roles] == list(TeamRole)
    assert by_role[TeamRole.RELATIONSHIP_LEADER] == ["Ann", "Kim"]
    assert cov.missing == [TeamRole.COLLABORATOR, TeamRole.INNOVATOR, TeamRole.RESULT_DRIVER]
    assert cov.missing_growth == [TeamRole.INNOVATOR, TeamRole.RESULT_DRIVER]
    assert cov.covered_count == 3 and cov.sponsor is None
