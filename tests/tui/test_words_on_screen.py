"""What the screens say, read as a user reads them: counts in the right number,
an unticked box that looks unticked, a sorted header that is not cut off."""

from kam_tui.services import accounts, scoring, stakeholders, team
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.scoring import ScoringScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.screenshots import screen_text


async def test_one_person_and_one_criterion_are_said_so(db_path, session, settle):
    acme = accounts.create_account(session, "Acme").id
    stakeholders.create_stakeholder(session, acme, "Eva Holm")
    scoring.add_criterion(session, "Revenue potential", 3)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(WorkspaceScreen(acme))
        await settle(app, pilot)
        text = screen_text(app)
        assert "1 person" in text and "1 people" not in text
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, ScoringScreen)
        text = screen_text(app)
        assert "1 criterion: add 2 more" in text and "1 criteria" not in text


async def test_an_unticked_role_looks_unticked(db_path, session, settle):
    acme = accounts.create_account(session, "Acme").id
    member = team.create_member(session, acme, "Jonas Berg", roles=["technical_expert"])
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(WorkspaceScreen(acme, section="TeamPane"))
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        text = screen_text(app)
        assert "▐✓▌ Technical Expert" in text
        assert "▐ ▌ Relationship Leader" in text
        assert "X" not in "".join(line for line in text.splitlines() if "▐" in line)
    assert member.id is not None


async def test_the_sort_mark_never_cuts_its_header(db_path, session, settle):
    accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for _ in range(3):  # name, tier, stage, then the score
            await pilot.press("s")
            await settle(app, pilot)
        header = screen_text(app).splitlines()[2]
        assert "Score ▲" in header and "Score…" not in header
