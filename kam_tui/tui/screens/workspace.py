"""The account workspace: one account's plan, a section per tab, each one key away.

Panes may offer two optional hooks the workspace calls when their tab comes into
view: `section_shown()` (e.g. reload what another tab may have changed) and
`focus_default()` (give the keyboard to their main widget). Without them the
first focusable widget in the pane gets the focus.
"""

from __future__ import annotations

import importlib

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from kam_tui.tui.panes import PANES

DIGITS = "1234567890"


def pane_classes() -> list[type]:
    out = []
    for entry in PANES:
        module, cls = entry.split(":")
        out.append(getattr(importlib.import_module(f"kam_tui.tui.panes.{module}"), cls))
    return out


class WorkspaceScreen(Screen):
    HELP = (
        "The account plan, one section per tab. The plan is the account's living "
        "document: who the people are, what the customer needs, where we stand, "
        "and what we do next. Every edit is saved the moment you accept it."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="workspace.back"),
        Binding("x", "export", "Export", id="workspace.export"),
        Binding("right_square_bracket", "next_tab", "Next section", show=False, id="workspace.next"),
        Binding("left_square_bracket", "prev_tab", "Previous section", show=False, id="workspace.prev"),
    ] + [
        Binding(d, f"show_tab({i})", f"Section {d}", show=False, id=f"workspace.tab{d}")
        for i, d in enumerate(DIGITS)
    ]

    def __init__(self, account_id: int, section: str | None = None):
        super().__init__()
        self.account_id = account_id
        self.initial_section = section

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="ws-summary")
        with TabbedContent(id="ws-tabs"):
            for i, cls in enumerate(pane_classes()):
                key = DIGITS[i] if i < len(DIGITS) else ""
                title = f"{key} {cls.TAB_TITLE}" if key else cls.TAB_TITLE
                with TabPane(title, id=f"tab-{cls.__name__.lower()}"):
                    yield cls(self.account_id, id=f"pane-{cls.__name__.lower()}")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_summary()
        if self.initial_section:
            self.show_section(self.initial_section)
        self.call_after_refresh(self._focus_active_pane)

    def active_pane(self):
        from kam_tui.tui.panes.base import Pane

        tabs = self.query_one(TabbedContent)
        if not tabs.active:
            return None
        panes = tabs.get_pane(tabs.active).query(Pane)
        return panes.first() if panes else None

    def _focus_active_pane(self) -> None:
        pane = self.active_pane()
        if pane is None:
            return
        if hasattr(pane, "focus_default"):
            pane.focus_default()
            return
        for widget in pane.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = self.active_pane()
        if pane is not None and hasattr(pane, "section_shown"):
            pane.section_shown()
        self._focus_active_pane()

    def refresh_summary(self) -> None:
        from kam_tui.services.accounts import get_account

        with self.app.session() as s:
            a = get_account(s, self.account_id)
            self.title = a.name
            focus = a.focus.label if a.focus else "no focus set"
            self.query_one("#ws-summary", Static).update(
                f"[b]{a.name}[/b]  {a.tier.label} · stage {a.stage.number} {a.stage.label} · {focus}"
                + (f" · owner {a.owner}" if a.owner else "")
            )

    def show_section(self, section: str) -> None:
        """Bring a section into view by its class name ("StakeholdersPane"), its
        module name ("stakeholders") or its tab title ("Stakeholders")."""
        key = section.strip().casefold()
        for entry, cls in zip(PANES, pane_classes()):
            names = {cls.__name__.casefold(), entry.split(":")[0].casefold(), cls.TAB_TITLE.casefold()}
            if key in names:
                self.query_one(TabbedContent).active = f"tab-{cls.__name__.lower()}"
                return

    def action_show_tab(self, index: int) -> None:
        tabs = self.query_one(TabbedContent)
        panes = list(tabs.query(TabPane))
        if index < len(panes):
            tabs.active = panes[index].id

    def _step(self, delta: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [p.id for p in tabs.query(TabPane)]
        if ids:
            i = ids.index(tabs.active) if tabs.active in ids else 0
            tabs.active = ids[(i + delta) % len(ids)]

    def action_export(self) -> None:
        self.app.export_plan_form(self.account_id)

    def action_wizard(self) -> None:
        from kam_tui.tui.screens.wizard import WizardScreen

        self.app.push_screen(WizardScreen(self.account_id))

    def action_preview(self) -> None:
        from kam_tui.tui.screens.plan_preview import PlanPreviewScreen

        self.app.push_screen(PlanPreviewScreen(self.account_id))

    def palette_commands(self):
        return [
            ("Five-stage wizard", "Walk this account through strategy to review", self.action_wizard),
            ("Plan overview", "Read this account's whole plan, as it exports", self.action_preview),
        ] + [
            (f"Go to {cls.TAB_TITLE}", f"Section {DIGITS[i]} of the plan", lambda n=cls.__name__: self.show_section(n))
            for i, cls in enumerate(pane_classes())
        ]

    def action_next_tab(self) -> None:
        self._step(1)

    def action_prev_tab(self) -> None:
        self._step(-1)
