from kam_tui.export import team as export_team
from kam_tui.export.snapshot import plan_for
from kam_tui.services import accounts, stakeholders as sh, team


def test_team_section_roles_growth_and_sponsor(session):
    acct = accounts.create_account(session, "Nordbank")
    kim = team.create_member(session, acct.id, "Kim Berg", title="Architect", roles=["technical_expert", "innovator"])
    team.create_member(session, acct.id, "Ann Dahl", roles=["relationship_leader"])
    sh.create_stakeholder(session, acct.id, "Eva Holm", covered_by_id=kim.id)
    text = export_team.render(plan_for(session, acct))
    assert text.startswith("## Account team")
    assert "| Kim Berg | Architect | Technical Expert, Innovator | Eva Holm |" in text
    assert "Collaborator: **missing**" in text
    assert "Innovator (growth role): Kim Berg" in text
    assert "missing growth roles: Project Manager, Result Driver." in text
    assert "3 of 6 roles covered." in text
    assert "**Executive sponsor:** none named" in text
    team.set_executive_sponsor(session, kim.id)
    text = export_team.render(plan_for(session, acct))
    assert "**Executive sponsor:** Kim Berg, Architect" in text
    assert "| Kim Berg (executive sponsor) |" in text


def test_no_members_no_section(session):
    acct = accounts.create_account(session, "Empty")
    assert export_team.render(plan_for(session, acct)) is None
