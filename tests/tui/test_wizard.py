"""The five-stage wizard, driven from the keyboard: a new account through all five
stages, moved on with `s` (looking at a stage never moves it), each stage's
checklist on screen and in the export; and on the demo data each account at its
own stage with the open items its plan really has."""

import io
from datetime import timedelta

from rich.console import Console
from sqlmodel import select
from textual.widgets import OptionList

from kam_tui import clock
from kam_tui.db import new_session
from kam_tui.export.plan import render_plan
from kam_tui.models import Account, Focus, Opportunity, PlanDepth, Stage, Tier
from kam_tui.services import accounts, demo, goals
from kam_tui.services.checklist import checklist
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.wizard import WizardScreen


def plain(prompt) -> str:
    """An option as the terminal shows it (wide enough not to wrap), without colour."""
    console = Console(width=400, record=True, color_system=None, file=io.StringIO())
    console.print(prompt)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def shown(app) -> list[str]:
    return [plain(o.prompt) for o in app.screen.query_one("#wizard-checks", OptionList).options]


def shown_open(app) -> list[str]:
    """The labels listed under 'Still open'."""
    out, in_open = [], False
    for line in shown(app):
        if line.startswith("Still open"):
            in_open = True
        elif line.startswith("Done (") or line.startswith("Sections"):
            in_open = False
        elif in_open and line.startswith("○ "):
            out.append(line[2:].split("\n")[0])
    return out


def stage_of(engine, aid) -> Stage:
    with new_session(engine) as s:
        return accounts.get_account(s, aid).stage


def open_labels(engine, aid, stage) -> list[str]:
    with new_session(engine) as s:
        account = accounts.get_account(s, aid)
        sc = next(x for x in checklist(s, account) if x.stage == stage)
        return [c.label for c in sc.open]


async def typed(pilot, text):
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def highlight(app, pilot, label_start: str):
    """Move the cursor (with j/k, as a user would) to the option starting with `label_start`."""
    olist = app.screen.query_one("#wizard-checks", OptionList)
    await pilot.press("home")
    for _ in range(olist.option_count):
        if plain(olist.highlighted_option.prompt)[2:].startswith(label_start) or plain(
            olist.highlighted_option.prompt
        ).startswith(label_start):
            return
        await pilot.press("j")
    raise AssertionError(f"{label_start!r} not in {shown(app)}")


async def move_here(pilot):
    """s on the stage in view, then y in the question it asks."""
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()


async def choose(app, pilot, field: str, steps: int):
    """Pick a value in a form's choice field: open it, move `steps`, accept."""
    app.screen.query_one(f"#in-{field}").focus()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await pilot.pause()


async def test_new_account_through_all_five_stages_and_into_the_export(db_path, engine):
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Nova Labs").id
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(WizardScreen(aid))
        await pilot.pause()
        assert "Stage 1 of 5: Strategy" in str(app.screen.query_one("#wizard-purpose").render())
        assert shown_open(app) == open_labels(engine, aid, Stage.STRATEGY)
        assert len(shown_open(app)) == 5

        # 1. Strategy: enter on the tier check opens the account's strategy fields
        await highlight(app, pilot, "The account's tier")
        await pilot.press("enter")
        await pilot.pause()
        await choose(app, pilot, "tier", -1)  # candidate -> emerging key
        await choose(app, pilot, "focus", 2)  # (none) -> penetrate -> expand
        app.screen.query_one("#in-why_key").focus()
        await typed(pilot, "Fast growing, fits our platform")
        app.screen.query_one("#in-what_we_want").focus()
        await typed(pilot, "The whole R&D division on our tools")
        await pilot.press("f2")
        await pilot.pause()
        with new_session(engine) as s:
            a = accounts.get_account(s, aid)
            assert (a.tier, a.focus, a.why_key) == (Tier.EMERGING_KEY, Focus.EXPAND, "Fast growing, fits our platform")
        assert shown_open(app) == ["An executive sponsor is named"]

        # 2. Research: looking at it changes nothing; s moves the account, open items or not
        await pilot.press("period")
        await pilot.pause()
        assert stage_of(engine, aid) == Stage.STRATEGY
        await move_here(pilot)
        assert stage_of(engine, aid) == Stage.RESEARCH
        assert shown_open(app) == open_labels(engine, aid, Stage.RESEARCH)
        assert "The decision maker is known" in shown_open(app)

        # 3. Action plan: enter on an open check opens the workspace at Goals & actions
        await pilot.press("right")
        await pilot.pause()
        await move_here(pilot)
        assert stage_of(engine, aid) == Stage.ACTION_PLAN
        assert set(shown_open(app)) == {
            "A goal on each horizon (short, mid, long)",
            "Every goal has an owner",
            "Every goal has an action with an owner and a due date",
        }
        await highlight(app, pilot, "Every goal has an owner")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#in-text").focus()
        await typed(pilot, "Meet the CTO by January")
        app.screen.query_one("#in-owner").focus()
        await typed(pilot, "Ann")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#in-text").focus()
        await typed(pilot, "Ask the VP to request the meeting")
        app.screen.query_one("#in-owner").focus()
        await typed(pilot, "Bo")
        app.screen.query_one("#in-due_date").focus()
        await typed(pilot, "+7d")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("escape")  # back to the wizard, which re-reads the plan
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert shown_open(app) == ["A goal on each horizon (short, mid, long)"]

        # 4. Execution
        await pilot.press("period")
        await pilot.pause()
        await move_here(pilot)
        assert stage_of(engine, aid) == Stage.EXECUTION
        assert shown_open(app) == ["Opportunities are tracked", "Actions are moving"]

        # 5. Review: date the plan revision in a form, log a review and a KPI in the workspace
        await pilot.press("period")
        await pilot.pause()
        await move_here(pilot)
        assert stage_of(engine, aid) == Stage.REVIEW
        await highlight(app, pilot, "Next plan revision dated")
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#in-next_plan_revision").focus()
        await typed(pilot, "+90d")
        await pilot.press("f2")
        await pilot.pause()
        await highlight(app, pilot, "Last review within the cadence")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("r")  # log a review: the date defaults to today
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#kpi-table").focus()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#in-name").focus()
        await typed(pilot, "Revenue")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#in-period").focus()
        await typed(pilot, "2026-Q3")
        app.screen.query_one("#in-target").focus()
        await typed(pilot, "100")
        app.screen.query_one("#in-actual").focus()
        await typed(pilot, "110")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert shown_open(app) == ["Meeting structure: internal and with the customer"]
        with new_session(engine) as s:
            a = accounts.get_account(s, aid)
            assert a.last_review == clock.today()
            assert a.next_plan_revision == clock.today() + timedelta(days=90)

        # back one stage with the other key, and forward again: only looking
        await pilot.press("comma")
        await pilot.pause()
        assert "Stage 4 of 5: Execution" in str(app.screen.query_one("#wizard-purpose").render())
        await pilot.press("5")
        await pilot.pause()
        assert stage_of(engine, aid) == Stage.REVIEW

    # the export holds each stage's checklist, as the wizard computed it
    with new_session(engine) as s:
        account = accounts.get_account(s, aid)
        doc = render_plan(s, account)
        stages = checklist(s, account)
    assert "### 5. Review (current stage)" in doc
    for sc in stages:
        assert f"### {sc.stage.number}. {sc.stage.label}" in doc
        for c in sc.checks:
            assert f"- {'[x]' if c.done else '[ ]'} {c.label}" in doc, c.label
    assert "- [x] The account's tier is decided (Emerging key)" in doc
    assert "- [ ] An executive sponsor is named (open: Mark a team member as executive sponsor)" in doc
    assert "#### Meet the CTO by January" in doc and "| Ask the VP to request the meeting | Bo |" in doc
    assert "| 2026-Q3 | 100 | 110 | met |" in doc


async def test_wizard_opens_at_the_accounts_stage_and_light_mode_trims(db_path, engine):
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Old Co", tier="existing_key", stage="execution").id
        g = goals.add_goal(s, aid, "short", "Renew", owner="Ann")
        goals.add_action(s, g.id, "Send the offer", owner="Ann", due_date=clock.today() - timedelta(days=4))
        s.add(Opportunity(account_id=aid, name="Renewal 2027"))
        s.commit()
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(WizardScreen(aid))
        await pilot.pause()
        assert "Stage 4 of 5: Execution" in str(app.screen.query_one("#wizard-purpose").render())
        assert shown_open(app) == ["Actions are moving"]
        assert any("1 overdue: Send the offer" in line for line in shown(app))
        full_count = len([x for x in shown(app) if x[:2] in ("○ ", "✓ ")])
        await pilot.press("l")
        await pilot.pause()
        with new_session(engine) as s:
            assert accounts.get_account(s, aid).depth == PlanDepth.LIGHT
        light_count = len([x for x in shown(app) if x[:2] in ("○ ", "✓ ")])
        assert light_count < full_count
        assert not any("Coverage warnings" in x for x in shown(app))
        await pilot.press("l")
        await pilot.pause()
        with new_session(engine) as s:
            assert accounts.get_account(s, aid).depth == PlanDepth.FULL
        await pilot.press("left", "left", "left", "left")  # stops at Strategy, only looking
        await pilot.pause()
        assert stage_of(engine, aid) == Stage.EXECUTION
        assert shown_open(app) == open_labels(engine, aid, Stage.STRATEGY)


async def test_looking_through_the_stages_never_moves_the_account(db_path, engine):
    from kam_tui.tui.widgets.form import ConfirmScreen

    with new_session(engine) as s:
        aid = accounts.create_account(s, "Browse Co", stage="strategy").id
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(WizardScreen(aid))
        await pilot.pause()
        await pilot.press("right", "right", "right", "right", "1", "5", "left")
        await pilot.pause()
        assert stage_of(engine, aid) == Stage.STRATEGY
        assert "Stage 4 of 5: Execution" in str(app.screen.query_one("#wizard-purpose").render())
        assert "The account is in 1 Strategy; s moves it here" in str(app.screen.query_one("#wizard-purpose").render())
        # s asks first, naming what is still open in the stage in view; n keeps the account where it is
        await pilot.press("s")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == "Move the account from Strategy to Execution?"
        for label in open_labels(engine, aid, Stage.EXECUTION):
            assert label in question.detail
        await pilot.press("n")
        await pilot.pause()
        assert stage_of(engine, aid) == Stage.STRATEGY
        await pilot.press("escape")
        await pilot.pause()
        assert stage_of(engine, aid) == Stage.STRATEGY
        with new_session(engine) as s:
            assert accounts.stage_history(s, aid) == []
        # y moves it, and the move is kept with what was open then
        app.push_screen(WizardScreen(aid))
        await pilot.pause()
        await pilot.press("4", "s", "y")
        await pilot.pause()
        assert stage_of(engine, aid) == Stage.EXECUTION
        assert "The account is in this stage" in str(app.screen.query_one("#wizard-purpose").render())
    with new_session(engine) as s:
        history = accounts.stage_history(s, aid)
        assert [(h.from_stage, h.to_stage) for h in history] == [(Stage.STRATEGY, Stage.EXECUTION)]
        assert history[0].note == "; ".join(open_labels(engine, aid, Stage.EXECUTION))
        doc = render_plan(s, accounts.get_account(s, aid))
    assert "## Stage history" in doc and "| 1 Strategy | 4 Execution |" in doc


# What the demo is built to show (services/demo.py), written out by hand.
WIZARD = {
    demo.BANK: (Stage.EXECUTION, ["Actions are moving", "Coverage warnings handled"]),
    demo.MAKER: (Stage.ACTION_PLAN, ["Every goal has an action with an owner and a due date"]),
    demo.RETAIL: (Stage.STRATEGY, ["The account's tier is decided"]),
}


async def test_wizard_from_the_list_shows_each_demo_account_at_its_stage_with_its_open_items(demo_db, session, settle):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        # the list starts sorted by name: Brightmart, Kessler, Nordvik
        names = [demo.RETAIL, demo.MAKER, demo.BANK]
        for row, name in enumerate(names):
            assert isinstance(app.screen, AccountListScreen)
            await pilot.press(*(["j"] * row), "w")
            await settle(app, pilot)
            assert isinstance(app.screen, WizardScreen)
            account = session.exec(select(Account).where(Account.name == name)).one()
            assert app.screen.account_id == account.id, name
            stage, open_items = WIZARD[name]
            purpose = str(app.screen.query_one("#wizard-purpose").render())
            assert f"Stage {stage.number} of 5: {stage.label}" in purpose, name
            lines = [plain(o.prompt) for o in app.screen.query_one("#wizard-checks").options]
            shown_open = [ln[2:].split("\n")[0] for ln in lines if ln.startswith("○ ")]
            assert shown_open == open_items, name
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press(*(["k"] * row))
            await settle(app, pilot)
    session.expire_all()
    assert {a.name: a.stage for a in accounts.list_accounts(session)} == {n: WIZARD[n][0] for n in WIZARD}


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
            lines = [plain(o.prompt) for o in app.screen.query_one("#wizard-checks").options]
            shown_open = [ln[2:].split("\n")[0] for ln in lines if ln.startswith("○ ")]
            assert shown_open == open_labels
            await pilot.press("escape")
            await pilot.pause()
    with new_session(engine) as s:  # looking did not move anyone's stage
        assert {a.id: a.stage for a in accounts.list_accounts(s)} == {k: v[0] for k, v in expected.items()}
