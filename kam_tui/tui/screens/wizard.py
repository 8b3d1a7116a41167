"""The five-stage wizard: Strategy, Research, Action plan, Execution, Review.

Each stage says what it is for, lists its checks computed from the plan (open
ones first, never blocking), and opens the real editor for each: the account's
own fields in a form, or the workspace at the right section.

Looking through the stages never changes the plan: the wizard opens on the
account's stage, and the arrows and digits only change the stage in view.
Moving the account to the stage in view is its own key (s), which first shows
what is still open there and asks; the move is kept in the stage history."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, OptionList, Static

from kam_tui.models import Account, Cadence, Focus, PlanDepth, Stage, Tier
from kam_tui.services import accounts
from kam_tui.services.checklist import PURPOSE, STAGE_SECTIONS, checklist
from kam_tui.store.conflicts import Seen, seen_of
from kam_tui.tui.edits import Edit
from kam_tui.tui.screens.base import KamScreen
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.form import FieldSpec, FormScreen
from kam_tui.tui.widgets.header import ICON as HEADER_ICON
from kam_tui.tui.widgets.stage_checks import StageChecks

STAGES = list(Stage)
# The account fields each stage edits in a form; a check names its own field first.
STRATEGY_FIELDS = ("tier", "tier_reason", "focus", "why_key", "what_we_want")
REVIEW_FIELDS = ("next_plan_revision", "review_cadence")

if TYPE_CHECKING:
    from kam_tui.rules.checklist import Check
    from kam_tui.tui.app import KamApp
    from kam_tui.tui.screens.workspace import WorkspaceScreen


def account_field(account: Account, name: str) -> FieldSpec:
    if name == "tier":
        return FieldSpec(
            "tier",
            "Tier",
            "choice",
            value=account.tier.value,
            allow_blank_choice=False,
            choices=[(f"{t.label}: {t.hint.lower()}", t.value) for t in Tier],
            help="Keep the key list short: promoting later is easy, demoting is not.",
        )
    if name == "tier_reason":
        return FieldSpec(
            "tier_reason",
            "Reason for a tier change",
            aliases=("reason",),
            help="Needed when a key account leaves the key tiers, or one joins them past the key-account limit.",
        )
    if name == "focus":
        return FieldSpec(
            "focus",
            "Focus",
            "choice",
            value=account.focus.value if account.focus else None,
            choices=[(f"{f.label}: {f.hint.lower()}", f.value) for f in Focus],
        )
    if name == "why_key":
        return FieldSpec("why_key", "Why this account is key", "multiline", value=account.why_key)
    if name == "what_we_want":
        return FieldSpec("what_we_want", "What we want from it", "multiline", value=account.what_we_want)
    if name == "next_plan_revision":
        from kam_tui.services.reviews import suggested_plan_revision

        return FieldSpec(
            "next_plan_revision",
            "Next plan revision",
            value=account.next_plan_revision.isoformat() if account.next_plan_revision else "",
            placeholder=f"e.g. {suggested_plan_revision().isoformat()} or +26w",
            help="At least twice a year: before budgeting, and six months later.",
        )
    if name == "review_cadence":
        return FieldSpec(
            "review_cadence",
            "Review cadence",
            "choice",
            value=account.review_cadence.value,
            choices=[(c.label, c.value) for c in Cadence],
            allow_blank_choice=False,
        )
    raise KeyError(name)


def open_workspace_at(app: KamApp, account_id: int, section: str | None, item: tuple[str, int] | None = None) -> None:
    """Open the account's workspace at a section, with the cursor in it, ready for n / e;
    on `item` too when the section can show one (e.g. ("action", 12) in Goals & actions)."""
    from kam_tui.tui.screens.workspace import WorkspaceScreen

    screen = WorkspaceScreen(account_id, section=section)
    app.push_screen(screen)
    if section:
        app.call_after_refresh(_focus_section, screen, section, item)


def _focus_section(screen: WorkspaceScreen, section: str, item: tuple[str, int] | None = None) -> None:
    pane = screen.pane_for(section)
    if pane is None:  # the section is not in this build
        return
    if item is not None:
        pane.show_item(item)
    else:
        pane.focus_default()


class WizardScreen(KamScreen[None]):
    HELP = (
        "The plan in five stages. Each stage shows what it is for and what is still "
        "open, computed from the plan itself. Open items never block you: move on and "
        "come back. Enter opens the editor for the highlighted item. A lighter account "
        "can run the same stages with only the essentials (l).\n"
        "Looking at a stage changes nothing; s moves the account to the stage in view "
        "(after showing what is still open there) and keeps the move in its history."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="wizard.back"),
        # one footer entry for both directions: the footer is short at 80 columns
        Binding("right,period", "step(1)", "Stages", key_display="←→", id="wizard.next"),
        Binding("left,comma", "step(-1)", "Previous stage", show=False, id="wizard.prev"),
        Binding("s", "move_stage", "Move here", id="wizard.move"),
        Binding("l", "toggle_depth", "Light/full", id="wizard.depth"),
        Binding("w", "workspace", "Workspace", id="wizard.workspace"),
        Binding("x", "export", "Export", id="wizard.export"),
        *(
            Binding(str(s.number), f"go({s.number - 1})", f"Stage {s.number}", show=False, id=f"wizard.stage{s.number}")
            for s in Stage
        ),
    ]

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id
        self.stage = Stage.STRATEGY  # the stage in view
        self.account_stage = Stage.STRATEGY  # the stage the account is in
        self.checks: dict[str, Check] = {}
        self.open_in_view: list[Check] = []

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        yield Static("", id="wizard-stages")
        yield Static("", id="wizard-purpose")
        yield StageChecks(id="wizard-checks")
        yield KamFooter()

    def on_mount(self) -> None:
        with self.app.session() as s:
            self.stage = self.account_stage = accounts.get_account(s, self.account_id).stage
        self.refresh_view()
        self.query_one(StageChecks).focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        with self.app.session() as s:
            account = accounts.get_account(s, self.account_id)
            stages = checklist(s, account)
        self.title = f"{account.name}: plan wizard"
        self.account_stage = account.stage
        light = account.depth == PlanDepth.LIGHT
        bar = Text()
        for sc in stages:
            if bar:
                bar.append(" › ", style="dim")
            n_open = len(sc.open)
            label = f"{sc.stage.number} {sc.stage.label} "
            state = "✓" if n_open == 0 else f"{n_open} open"
            if sc.stage == account.stage:
                state += " ◂ now"
            if sc.stage == self.stage:
                bar.append(label + state, style="bold reverse")
            else:
                bar.append(label, style="bold" if n_open else "green")
                bar.append(state, style="green" if n_open == 0 else "yellow")
        self.query_one("#wizard-stages", Static).update(bar)
        current = next(sc for sc in stages if sc.stage == self.stage)
        self.checks = {c.key: c for c in current.checks}
        self.open_in_view = list(current.open)
        purpose = Text(f"Stage {self.stage.number} of 5: {self.stage.label}. ", style="bold")
        purpose.append(PURPOSE[self.stage])
        if self.stage == account.stage:
            where = "The account is in this stage"
        else:
            where = f"The account is in {account.stage.number} {account.stage.label}; s moves it here"
        purpose.append(
            f"\n{where} · {current.done_count} of {len(current.checks)} done · "
            f"depth: {account.depth.label.lower()} · enter opens the editor for an item",
            style="dim",
        )
        self.query_one("#wizard-purpose", Static).update(purpose)
        self.query_one(StageChecks).show_stage(current, STAGE_SECTIONS[self.stage], light)

    # ------------------------------------------------------------------ moving

    def _show(self, stage: Stage) -> None:
        """Look at a stage; the account stays where it is."""
        self.stage = stage
        self.query_one(StageChecks).highlighted = None
        self.refresh_view()

    def action_step(self, delta: int) -> None:
        i = STAGES.index(self.stage) + delta
        if 0 <= i < len(STAGES):
            self._show(STAGES[i])

    def action_go(self, index: int) -> None:
        self._show(STAGES[index])

    def action_move_stage(self) -> None:
        """Move the account to the stage in view, after showing what is still open there."""
        from kam_tui.tui.widgets.form import ConfirmScreen

        target, now = self.stage, self.account_stage
        if target == now:
            self.notify(f"The account is already in {target.number} {target.label}", timeout=3)
            return
        open_items = [c.label for c in self.open_in_view]
        if open_items:
            detail = f"Still open in {target.label}: " + "; ".join(open_items) + "."
        else:
            detail = f"Nothing is open in {target.label}."
        detail += " Open items never block a move; the move is kept in the account's stage history."
        note = "; ".join(open_items)
        shown_stage = self.account_stage

        def answer(yes: bool | None) -> None:
            # the stage the screen showed: a move over someone else's newer move is refused
            seen = Seen("account", self.account_id, field="stage", value=shown_stage)
            if yes and self.app.edit_as_seen(seen, accounts.set_stage, self.account_id, target, note):
                self.notify(f"Moved to {target.number} {target.label}", timeout=3)
            self.refresh_view()

        self.app.push_screen(
            ConfirmScreen(f"Move the account from {now.label} to {target.label}?", detail, yes_label="Move"),
            answer,
        )

    def action_toggle_depth(self) -> None:
        with self.app.session() as s:
            account = accounts.get_account(s, self.account_id)
        new = PlanDepth.FULL if account.depth == PlanDepth.LIGHT else PlanDepth.LIGHT
        if self.app.edit(accounts.update_account, self.account_id, depth=new):
            self.notify(f"Depth: {new.label}. {new.hint}.")
        self.refresh_view()

    # ------------------------------------------------------------------ editors

    def action_export(self) -> None:
        self.app.export_plan_form(self.account_id)

    def action_workspace(self, section: str | None = None) -> None:
        open_workspace_at(self.app, self.account_id, section)

    def _edit_account(self, names: tuple[str, ...], title: str) -> None:
        with self.app.session() as s:
            account = accounts.get_account(s, self.account_id)
        fields = [account_field(account, n) for n in names]
        self.app.push_screen(
            FormScreen(title, fields, Edit(accounts.update_account, self.account_id, seen=seen_of(account))),
            lambda _: self.refresh_view(),
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, value = (event.option.id or "").partition(":")
        if kind == "section":
            self.action_workspace(value)
            return
        check = self.checks.get(value)
        if check is None:
            return
        if check.section != "account":
            self.action_workspace(check.section)
        elif self.stage == Stage.STRATEGY:
            first = check.fields[0]
            names = (first,) + tuple(n for n in STRATEGY_FIELDS if n != first)
            self._edit_account(names, "Strategy: what we plan to do, with whom, and why")
        else:
            first = check.fields[0]
            names = (first,) + tuple(n for n in REVIEW_FIELDS if n != first)
            self._edit_account(names, "Review rhythm")
