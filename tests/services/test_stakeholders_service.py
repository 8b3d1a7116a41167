from datetime import date, timedelta

import pytest

from kam_tui import clock
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Attitude, BuyingRole, ContactStrength, Influence, Stakeholder
from kam_tui.services import accounts, coverage, stakeholders as sh, team


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Nordbank")


def test_create_with_every_field(session, acct):
    kim = team.create_member(session, acct.id, "Kim Berg")
    boss = sh.create_stakeholder(session, acct.id, "Eva Holm", title="CIO")
    p = sh.create_stakeholder(
        session,
        acct.id,
        "  Lars   Ek ",
        title=" Head of  IT ",
        department="IT",
        buying_role="Technical evaluator",
        influence="high",
        attitude="Skeptic",
        contact_strength="occasional",
        covered_by_id=kim.id,
        reports_to_id=boss.id,
        last_contact="2026-10-01",
        notes="Likes data\nHates slides ",
    )
    session.expire_all()
    got = session.get(Stakeholder, p.id)
    assert got.name == "Lars Ek" and got.title == "Head of IT" and got.department == "IT"
    assert got.buying_role == BuyingRole.TECHNICAL_EVALUATOR
    assert (got.influence, got.attitude, got.contact_strength) == (
        Influence.HIGH,
        Attitude.SKEPTIC,
        ContactStrength.OCCASIONAL,
    )
    assert sh.person_covers(session, p.id) == [kim.id] and got.reports_to_id == boss.id
    assert got.last_contact == date(2026, 10, 1)
    assert got.notes == "Likes data\nHates slides"


def test_defaults_and_relative_dates(session, acct):
    p = sh.create_stakeholder(session, acct.id, "Ann", last_contact="today")
    assert p.influence == Influence.MEDIUM and p.attitude == Attitude.NEUTRAL
    assert p.contact_strength == ContactStrength.NONE and p.buying_role is None
    assert p.last_contact == clock.today()
    sh.update_stakeholder(session, p.id, last_contact="+1w", buying_role="")
    assert sh.get_stakeholder(session, p.id).last_contact == clock.today() + timedelta(days=7)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"influence": "huge"}, "influence"),
        ({"attitude": "angry"}, "attitude"),
        ({"contact_strength": "daily"}, "contact strength"),
        ({"buying_role": "boss"}, "buying role"),
        ({"last_contact": "31.2.2026"}, "last contact"),
        ({"influence": ""}, "influence"),
        ({"covered_by_id": "abc"}, "covered by"),
    ],
)
def test_bad_values_name_the_field(session, acct, fields, field):
    with pytest.raises(ValidationError) as info:
        sh.create_stakeholder(session, acct.id, "X", **fields)
    assert info.value.field == field
    assert sh.list_stakeholders(session, acct.id) == []


def test_name_required(session, acct):
    with pytest.raises(ValidationError) as info:
        sh.create_stakeholder(session, acct.id, "   ")
    assert info.value.field == "name"
    p = sh.create_stakeholder(session, acct.id, "Ann")
    with pytest.raises(ValidationError):
        sh.update_stakeholder(session, p.id, name="")
    assert sh.get_stakeholder(session, p.id).name == "Ann"


def test_covered_by_must_be_on_this_accounts_team(session, acct):
    other = accounts.create_account(session, "Other Co")
    theirs = team.create_member(session, other.id, "Not Ours")
    with pytest.raises(ValidationError) as info:
        sh.create_stakeholder(session, acct.id, "Ann", covered_by_id=theirs.id)
    assert info.value.field == "covered by" and "team" in info.value.reason
    with pytest.raises(ValidationError):
        sh.create_stakeholder(session, acct.id, "Ann", covered_by_id=99999)


def test_reports_to_same_account_and_no_cycles(session, acct):
    other = accounts.create_account(session, "Other Co")
    stranger = sh.create_stakeholder(session, other.id, "Stranger")
    a = sh.create_stakeholder(session, acct.id, "A")
    b = sh.create_stakeholder(session, acct.id, "B", reports_to_id=a.id)
    c = sh.create_stakeholder(session, acct.id, "C", reports_to_id=b.id)
    with pytest.raises(ValidationError) as info:
        sh.create_stakeholder(session, acct.id, "D", reports_to_id=stranger.id)
    assert info.value.field == "reports to"
    with pytest.raises(ValidationError) as info:
        sh.update_stakeholder(session, a.id, reports_to_id=a.id)
    assert info.value.field == "reports to" and "themselves" in info.value.reason
    with pytest.raises(ValidationError) as info:
        sh.update_stakeholder(session, a.id, reports_to_id=c.id)
    assert info.value.field == "reports to" and "loop" in info.value.reason
    session.expire_all()
    assert sh.get_stakeholder(session, a.id).reports_to_id is None
    # a legal change is fine: C moves up to report to A directly
    sh.update_stakeholder(session, c.id, reports_to_id=a.id)
    roots, children = sh.org_forest(session, acct.id)
    assert [r.name for r in roots] == ["A"]
    assert [k.name for k in children[a.id]] == ["B", "C"]


def test_delete_keeps_reports_without_manager(session, acct):
    a = sh.create_stakeholder(session, acct.id, "A")
    b = sh.create_stakeholder(session, acct.id, "B", reports_to_id=a.id)
    sh.delete_stakeholder(session, a.id)
    session.expire_all()
    assert sh.get_stakeholder(session, b.id).reports_to_id is None
    with pytest.raises(NotFound):
        sh.get_stakeholder(session, a.id)


def test_move_changes_cell_and_clamps_at_edges(session, acct):
    p = sh.create_stakeholder(session, acct.id, "Ann", influence="medium", attitude="neutral")
    sh.move(session, p.id, +1, -1)
    session.expire_all()
    p = sh.get_stakeholder(session, p.id)
    assert (p.influence, p.attitude) == (Influence.HIGH, Attitude.SUPPORTER)
    sh.move(session, p.id, +5, -9)
    assert (p.influence, p.attitude) == (Influence.HIGH, Attitude.CHAMPION)
    sh.move(session, p.id, -9, +9)
    session.expire_all()
    p = sh.get_stakeholder(session, p.id)
    assert (p.influence, p.attitude) == (Influence.LOW, Attitude.BLOCKER)


def test_grid_places_everyone(session, acct):
    sh.create_stakeholder(session, acct.id, "Bo", influence="high", attitude="blocker")
    sh.create_stakeholder(session, acct.id, "Al", influence="high", attitude="blocker")
    sh.create_stakeholder(session, acct.id, "Cy", influence="low", attitude="champion")
    cells = sh.grid(session, acct.id)
    assert len(cells) == 15
    assert [p.name for p in cells[(Influence.HIGH, Attitude.BLOCKER)]] == ["Al", "Bo"]
    assert [p.name for p in cells[(Influence.LOW, Attitude.CHAMPION)]] == ["Cy"]
    assert list(cells)[0] == (Influence.HIGH, Attitude.CHAMPION)


def test_warnings_name_person_and_reason(session, acct):
    kim = team.create_member(session, acct.id, "Kim")
    blocker = sh.create_stakeholder(
        session,
        acct.id,
        "Bea Block",
        influence="high",
        attitude="blocker",
        contact_strength="strong",
        covered_by_id=kim.id,
    )
    loner = sh.create_stakeholder(
        session, acct.id, "Lone Wolf", influence="high", attitude="supporter", contact_strength="regular"
    )
    weak = sh.create_stakeholder(
        session,
        acct.id,
        "Weak Link",
        influence="high",
        attitude="champion",
        contact_strength="occasional",
        covered_by_id=kim.id,
    )
    sh.create_stakeholder(session, acct.id, "Low Blocker", influence="low", attitude="blocker")
    sh.create_stakeholder(
        session,
        acct.id,
        "Fine Fred",
        influence="high",
        attitude="supporter",
        contact_strength="strong",
        covered_by_id=kim.id,
    )
    ws = coverage.warnings(session, acct.id)
    got = [(w.stakeholder_id, w.kind) for w in ws]
    assert got == [
        (blocker.id, coverage.DERAIL),
        (loner.id, coverage.UNCOVERED),
        (weak.id, coverage.WEAK_CONTACT),
    ]
    assert "blocker" in ws[0].reason and "derail" in ws[0].reason and ws[0].kind_label == "Derail risk"
    assert "occasional" in ws[2].reason
    assert str(ws[1]).startswith("Lone Wolf:")
    # fixing the relationship clears the warning
    sh.update_stakeholder(session, loner.id, covered_by_id=kim.id)
    assert loner.id not in [w.stakeholder_id for w in coverage.warnings(session, acct.id)]
    rows = coverage.coverage_rows(session, acct.id)
    assert {r.person.name: [m.name for m in r.covered_by] for r in rows}["Low Blocker"] == []


def test_deleting_a_member_uncovers_people(session, acct):
    kim = team.create_member(session, acct.id, "Kim")
    p = sh.create_stakeholder(
        session, acct.id, "VIP", influence="high", contact_strength="strong", attitude="champion", covered_by_id=kim.id
    )
    assert coverage.warnings(session, acct.id) == []
    assert team.covered_count(session, kim.id) == 1
    team.delete_member(session, kim.id)
    session.expire_all()
    assert sh.person_covers(session, p.id) == []
    assert [w.kind for w in coverage.warnings(session, acct.id)] == [coverage.UNCOVERED]


from hypothesis import (  # noqa: E402
    HealthCheck,
    given,
    settings,
    strategies as st,  # noqa: E402
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.integers(-3, 3), st.integers(-6, 6)), max_size=8))
def test_moves_always_land_inside_the_grid(session, moves):
    acct = accounts.create_account(session, f"Acct {len(accounts.list_accounts(session))}")
    p = sh.create_stakeholder(session, acct.id, "Ann")
    i, a = sh.INFLUENCE_ORDER.index(p.influence), sh.ATTITUDE_ORDER.index(p.attitude)
    for d_inf, d_att in moves:
        sh.move(session, p.id, d_inf, d_att)
        i = max(0, min(2, i + d_inf))
        a = max(0, min(4, a + d_att))
    session.expire_all()
    got = sh.get_stakeholder(session, p.id)
    assert (got.influence, got.attitude) == (sh.INFLUENCE_ORDER[i], sh.ATTITUDE_ORDER[a])


def test_email_and_phone_are_saved_cleaned_and_read_back_in_rows(session, acct):
    person = sh.create_stakeholder(session, acct.id, "Eva", email="  eva@nordbank.example ", phone="+46  8 123")
    assert (person.email, person.phone) == ("eva@nordbank.example", "+46 8 123")
    sh.update_stakeholder(session, person.id, phone="")
    [row] = sh.stakeholder_rows(session, acct.id)
    assert (row.email, row.phone) == ("eva@nordbank.example", "")


def test_covered_by_a_name_is_a_team_member_or_a_colleague_who_joins_the_team(session):
    acct = accounts.create_account(session, "Nordbank")
    kim = team.create_member(session, acct.id, "Kim Berg")
    # Kim, however typed, is the member already on the team
    eva = sh.create_stakeholder(session, acct.id, "Eva", covered_by=" kim  BERG ")
    assert sh.person_covers(session, eva.id) == [kim.id]
    # a colleague kam knows from elsewhere joins this account's team as the cover
    other = accounts.create_account(session, "Elsewhere", owner="Åsa Lind")
    sh.update_stakeholder(session, eva.id, covered_by="Åsa Lind")
    members = {m.name: m.id for m in team.list_members(session, acct.id)}
    assert set(members) == {"Kim Berg", "Åsa Lind"}
    assert sh.person_covers(session, eva.id) == [members["Åsa Lind"], kim.id]  # a new primary keeps the others
    assert team.list_members(session, other.id) == []
    # blank: no primary (the form sends the others with it)
    sh.update_stakeholder(session, eva.id, covered_by="  ", also_covered_by=[kim.id])
    assert sh.person_covers(session, eva.id) == [kim.id]
    with pytest.raises(ValidationError) as info:
        sh.update_stakeholder(session, eva.id, covered_by="x" * 201)
    assert info.value.field == "covered by"
    assert len(team.list_members(session, acct.id)) == 2  # a refused name adds nobody
