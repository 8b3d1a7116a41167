"""On the demo data (when the demo is in the build): the wizard shows each demo account
at its own stage, with the open items its plan really has."""

from kam_tui.db import new_session
from kam_tui.services import accounts, demo
from kam_tui.services.checklist import checklist
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.wizard import WizardScreen


async def test_wizard_on_each_demo_account(db_path, engine):
    with new_session(engine) as s:
        assert demo.seed_demo(s)
        expected = {}
        for a in accounts.list_accounts(s):
            sc = next(x for x in checklist(s, a) if x.stage == a.stage)
            expected[a.id] = (a.stage, [c.label for c in sc.open])
    assert len({stage for stage, _ in expected.values()}) > 1, "demo accounts sit at different stages"
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        for account_id, (stage, open_labels) in expected.items():
            app.push_screen(WizardScreen(account_id))
            await pilot.pause()
            purpose = str(app.screen.query_one("#wizard-purpose").render())
            assert f"Stage {stage.number} of 5: {stage.label}" in purpose
            lines = [str(o.prompt) for o in app.screen.query_one("#wizard-checks").options]
            shown_open = [ln[2:].split("\n")[0] for ln in lines if ln.startswith("○ ")]
            assert shown_open == open_labels
            await pilot.press("escape")
            await pilot.pause()
    with new_session(engine) as s:  # looking did not move anyone's stage
        assert {a.id: a.stage for a in accounts.list_accounts(s)} == {k: v[0] for k, v in expected.items()}
