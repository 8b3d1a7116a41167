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
from textual.widgets import ContentSwitcher, Static

from kam_tui.tui.panes import PANES
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import KamHeader
from kam_tui.tui.widgets.section_bar import SectionBar

DIGITS = "1234567890"
# below this width the tabs use their short titles ("History" for "History &
# competition"), so all ten fit in 120 columns; narrower still, the tab strip
# scrolls to keep the active tab in view
FULL_TITLES_WIDTH = 150


def tab_title(index: int, title: str, short: bool) -> str:
    if short:
        title = title.split(" & ")[0]
    return f"{DIGITS[index]} {title}" if index < len(DIGITS) else title


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
    ] + [Binding(d, f"show_tab({i})", f"Section {d}", show=False, id=f"workspace.tab{d}") for i, d in enumerate(DIGITS)]

    LAZY_PANES = True  # panes load when their tab is first shown (see Pane.ensure_loaded)
    # no automatic focus: on_mount gives it to the section in view, and every
    # focus change restyles the widgets it touches (issue 8)
    AUTO_FOCUS = ""

    def __init__(self, account_id: int, section: str | None = None):
        super().__init__()
        self.account_id = account_id
        self.initial_section = section

    def compose(self) -> ComposeResult:
        # Only the section shown first is built now; the others are built (and
        # read their data) the first time they are shown (issue 8: opening an
        # account pays for one section, not ten). The titles are one widget
        # (SectionBar), the sections sit in a ContentSwitcher.
        classes = pane_classes()
        first = self._section_index(self.initial_section) if self.initial_section else 0
        self._active = first
        self._panes: dict[int, object] = {}
        # titles for the width we open at: changing them after the first paint
        # would lay the screen out twice
        self._short_titles = self.app.size.width < FULL_TITLES_WIDTH
        # the title and the summary line are known before the header is built:
        # setting them after mounting would lay the screen out again
        summary = self._summary_line()
        yield KamHeader()
        yield Static(summary, id="ws-summary")
        yield SectionBar(self._titles(self._short_titles), first, id="ws-sections")
        with ContentSwitcher(id="ws-tabs", initial=self._pane_id(classes[first])):
            pane = self._panes[first] = self._new_pane(classes[first])
            yield pane
        yield KamFooter()

    @staticmethod
    def _tab_id(cls: type) -> str:
        return f"tab-{cls.__name__.lower()}"

    @staticmethod
    def _pane_id(cls: type) -> str:
        return f"pane-{cls.__name__.lower()}"

    def _titles(self, short: bool) -> list[str]:
        return [tab_title(i, cls.TAB_TITLE, short) for i, cls in enumerate(pane_classes())]

    @property
    def tab_ids(self) -> list[str]:
        """Every section's id, in tab order ("tab-stakeholderspane", ...)."""
        return [self._tab_id(cls) for cls in pane_classes()]

    @property
    def active_tab(self) -> str:
        """The id of the section in view, e.g. "tab-stakeholderspane"."""
        return self.tab_ids[self._active]

    def _new_pane(self, cls: type):
        return cls(self.account_id, id=self._pane_id(cls))

    def on_mount(self) -> None:
        pane = self.active_pane()
        if pane is not None:
            pane.ensure_loaded()  # before the first paint, so the section never shows empty
        # focus now, before the first paint: the footer is then drawn once, for
        # the keys of the section in view, and the screen laid out once
        self._focus_active_pane()

    def active_pane(self):
        return self._panes.get(getattr(self, "_active", 0))

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

    def on_resize(self, event) -> None:
        short = event.size.width < FULL_TITLES_WIDTH
        if short == getattr(self, "_short_titles", None):
            return
        self._short_titles = short
        self.query_one(SectionBar).titles = self._titles(short)

    async def show_index(self, index: int) -> None:
        """Bring section `index` into view, building it the first time."""
        classes = pane_classes()
        if not 0 <= index < len(classes) or index == self._active:
            return
        self._active = index
        self.query_one(SectionBar).active = index
        switcher = self.query_one("#ws-tabs", ContentSwitcher)
        pane = self._panes.get(index)
        built_now = pane is None
        if built_now:
            pane = self._panes[index] = self._new_pane(classes[index])
            await switcher.mount(pane)
        switcher.current = pane.id
        if self._active != index:
            return  # another key moved on while this one was being built
        if not pane.ensure_loaded() and not built_now and hasattr(pane, "section_shown"):
            pane.section_shown()  # loaded earlier: refresh what another tab may have changed
        self._focus_active_pane()

    async def on_section_bar_selected(self, event: SectionBar.Selected) -> None:
        await self.show_index(event.index)

    def refresh_summary(self) -> None:
        self.query_one("#ws-summary", Static).update(self._summary_line())

    def _summary_line(self):
        """The line under the header: where the account stands, and who on our
        side sponsors it (the method wants one; its absence is a warning).
        Sets the screen's title to the account's name."""
        from rich.text import Text

        from kam_tui.services.accounts import get_account
        from kam_tui.services.team import executive_sponsor

        with self.app.session() as s:
            a = get_account(s, self.account_id)
            sponsor = executive_sponsor(s, self.account_id)
        self.title = a.name
        focus = a.focus.label if a.focus else "no focus set"
        # Text, not markup: an account called "[b]Acme" must show as typed
        line = Text.assemble(
            (a.name, "bold"), f"  {a.tier.label} · stage {a.stage.number} {a.stage.label} · {focus} · "
        )
        if sponsor is not None:
            line.append(f"sponsor {sponsor.name}")
        else:
            line.append("no executive sponsor", style="bold yellow")
        if a.owner:
            line.append(f" · owner {a.owner}")
        return line

    def on_screen_resume(self) -> None:
        # back from a form, the wizard or Today: tier, stage or owner may have moved
        self.refresh_summary()

    def _section_index(self, section: str) -> int:
        """The index of a section by its class name ("StakeholdersPane"), its
        module name ("stakeholders") or its tab title ("Stakeholders"); 0 if none."""
        key = section.strip().casefold()
        for i, (entry, cls) in enumerate(zip(PANES, pane_classes())):
            names = {cls.__name__.casefold(), entry.split(":")[0].casefold(), cls.TAB_TITLE.casefold()}
            if key in names:
                return i
        return 0

    def show_section(self, section: str) -> None:
        """Bring a section into view by its class name ("StakeholdersPane"), its
        module name ("stakeholders") or its tab title ("Stakeholders"); it is
        built (if need be) and shown as soon as the screen gets to it."""
        key = section.strip().casefold()
        for i, (entry, cls) in enumerate(zip(PANES, pane_classes())):
            names = {cls.__name__.casefold(), entry.split(":")[0].casefold(), cls.TAB_TITLE.casefold()}
            if key in names:
                self.call_later(self.show_index, i)
                return

    async def action_show_tab(self, index: int) -> None:
        await self.show_index(index)

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

    async def action_next_tab(self) -> None:
        await self.show_index((self._active + 1) % len(pane_classes()))

    async def action_prev_tab(self) -> None:
        await self.show_index((self._active - 1) % len(pane_classes()))
