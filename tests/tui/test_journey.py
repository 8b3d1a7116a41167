"""A new user's first session, by keys only, from an empty database: the
welcome, import a CRM export, score the accounts, mark a key account, walk the
five stages of the wizard, export the plan, and read it back."""

from __future__ import annotations

from pathlib import Path

from kam_tui.models import Stage, Tier
from kam_tui.services import accounts, scoring
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.import_screen import ImportScreen
from kam_tui.tui.screens.scoring import ScoringScreen
from kam_tui.tui.screens.welcome import WelcomeScreen
from kam_tui.tui.screens.wizard import WizardScreen
from kam_tui.tui.widgets.form import FormScreen

SIZE = (120, 36)

CSV = """Account Name,Billing Country,Industry,Annual Revenue,Account Owner
Aurora Logistics,Norway,Logistics,"$12,500,000",Kim Berg
Borealis Foods,Sweden,Food,SEK 40 000 000,Kim Berg
"""


async def wait_until(pilot, condition, tries: int = 60):
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def test_first_session_from_an_empty_database(tmp_path: Path, settle):
    export_file = tmp_path / "Account.csv"
    export_file.write_text(CSV, encoding="utf-8")
    plan_file = tmp_path / "out" / "plan.md"
    app = KamApp(db_path=tmp_path / "kam.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)

        # 1. the welcome offers the import
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportScreen)
        await pilot.press(*str(export_file), "enter")
        await settle(app, pilot)
        await wait_until(pilot, lambda: app.screen.plan is not None)
        await pilot.press("i")
        await settle(app, pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, AccountListScreen))

        # 2. the list shows the accounts (the welcome stepped aside)
        await settle(app, pilot)
        home = app.screen
        assert sorted(r.name for r in home.visible_rows()) == ["Aurora Logistics", "Borealis Foods"]

        # 3. scoring: two criteria, a score for each account on each
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, ScoringScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("f2")  # the first of the method's criteria, weight 1
        await settle(app, pilot)
        await pilot.press("8", "j", "4")
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press("tab", *"Data maturity", "tab", "backspace", "2", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, ScoringScreen)
        await pilot.press("6", "k", "9")
        await settle(app, pilot)
        with app.session() as s:
            criteria = scoring.list_criteria(s)
            assert [c.name for c in criteria] == [scoring.SUGGESTED_CRITERIA[0], "Data maturity"]
            assert sorted(scoring.score_map(s).values()) == [4, 6, 8, 9]

        # 4. mark the account under the cursor as key (one step up from candidate)
        await pilot.press("p")
        await settle(app, pilot)
        with app.session() as s:
            promoted = [a for a in accounts.list_accounts(s) if a.tier == Tier.EMERGING_KEY]
        assert len(promoted) == 1
        key_name = promoted[0].name
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is home

        # 5. the wizard for that account: say why it is key, then walk the five stages
        await pilot.press("slash", *key_name.split()[0].lower(), "enter")
        await settle(app, pilot)
        assert home.current.name == key_name
        await pilot.press("w")
        await settle(app, pilot)
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        assert wizard.stage == Stage.STRATEGY
        await pilot.press("enter")  # the first open item of the stage: the strategy form
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        steps = [f.name for f in form.fields].index("why_key")
        await pilot.press(*["tab"] * steps, *"Their new Nordic hub doubles the freight we can win")
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen is wizard
        for stage in list(Stage)[1:]:
            await pilot.press("right")
            await settle(app, pilot)
            assert wizard.stage == stage
            assert f"Stage {stage.number} of 5" in str(wizard.query_one("#wizard-purpose").render())
        # looking changed nothing; s moves the account to the stage in view, after asking
        await pilot.press("s", "y")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is home

        # 6. export the plan
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("end", "ctrl+u", *str(plan_file), "enter")
        await settle(app, pilot)
        assert app.screen is home

    with app.session() as s:
        account = accounts.find_account(s, key_name)
        assert account.stage == Stage.REVIEW
        assert account.why_key == "Their new Nordic hub doubles the freight we can win"
    text = plan_file.read_text(encoding="utf-8")
    assert text.startswith(f"# {key_name}")
    for expected in (
        Tier.EMERGING_KEY.label,
        Stage.REVIEW.label,
        "Their new Nordic hub doubles the freight",
        "## Key-account score",
        scoring.SUGGESTED_CRITERIA[0],
        "Data maturity",
        "Kim Berg",
    ):
        assert expected in text, expected
    country = {"Aurora Logistics": "Norway", "Borealis Foods": "Sweden"}[key_name]
    assert country in text
