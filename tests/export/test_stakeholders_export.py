from kam_tui.export import stakeholders as export_stakeholders
from kam_tui.export.plan import SECTIONS, render_plan
from kam_tui.export.snapshot import plan_for
from kam_tui.services import accounts, stakeholders as sh, team


def _grid_row(text: str, label: str) -> list[str]:
    section = text.split("### Influence x attitude", 1)[1]
    line = next(ln for ln in section.splitlines() if ln.startswith(f"| {label} |"))
    return [c.strip() for c in line.strip("|").split("|")]


def test_stakeholders_section(session):
    acct = accounts.create_account(session, "Nordbank")
    kim = team.create_member(session, acct.id, "Kim Berg")
    eva = sh.create_stakeholder(
        session,
        acct.id,
        "Eva Holm",
        title="CIO",
        influence="high",
        attitude="blocker",
        contact_strength="occasional",
        notes="Prefers | pipes",
    )
    sh.create_stakeholder(
        session,
        acct.id,
        "Lars Ek",
        influence="high",
        attitude="champion",
        contact_strength="strong",
        covered_by_id=kim.id,
        reports_to_id=eva.id,
        last_contact="2026-09-30",
        buying_role="coach",
    )
    sh.create_stakeholder(session, acct.id, "Ola *Star*", influence="low", attitude="neutral")
    plan = render_plan(session, acct)
    assert "\n## Stakeholders\n" in plan
    text = plan[plan.index("## Stakeholders") :]
    assert (
        "| Name | Title | Department | Buying role | Influence | Attitude | Contact | Covered by | Reports to |" in text
    )
    lars = next(ln for ln in text.splitlines() if ln.startswith("| Lars Ek"))
    assert "| Coach | High | Champion | Strong | Kim Berg | Eva Holm | 2026-09-30 |" in lars
    assert "Prefers \\| pipes" in text  # user text cannot break the table
    high = _grid_row(text, "High")
    assert high[1] == "● Lars Ek" and high[5] == "◑ Eva Holm" and high[2:5] == ["", "", ""]
    low = _grid_row(text, "Low")
    assert low[3] == "○ Ola \\*Star\\*"
    warnings = text.split("### Coverage warnings", 1)[1].split("## Account team")[0]
    assert "**Eva Holm** (Derail risk)" in warnings
    assert "**Eva Holm** (Not covered)" in warnings
    assert "Lars" not in warnings


def test_empty_account_has_no_stakeholder_section(session):
    acct = accounts.create_account(session, "Empty")
    assert export_stakeholders.render(plan_for(session, acct)) is None
    assert SECTIONS.index("stakeholders") < SECTIONS.index("team")
