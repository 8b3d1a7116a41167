"""The account workspace: one account's plan, a section per tab, each one key away.

As a tab comes into view the workspace calls two hooks every section has (see
Pane): `section_shown()` (re-read what another tab may have changed) and
`focus_default()` (give the keyboard to the section's main widget).
"""

from __future__ import annotations

import importlib
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import ContentSwitcher, Static

from kam_tui.tui.panes import PANES
from kam_tui.tui.screens.base import KamScreen, PaletteCommand
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import KamHeader
from kam_tui.tui.widgets.section_bar import SectionBar

DIGITS = "1234567890"
# below this width the tabs use their short titles ("History" for "History &
# competition"), so all ten fit in 120 columns; narrower still, the tab strip
# scrolls to keep the active tab in view
FULL_TITLES_WIDTH = 150

if TYPE_CHECKING:
    from kam_tui.tui.panes.base import Pane
    from kam_tui.tui.panes.team import TeamPane


def tab_title(index: int, title: str, short: bool) -> str:
    if short:
        title = title.split(" & ")[0]
    return f"{DIGITS[index]} {title}" if index < len(DIGITS) else title


def pane_classes() -> list[type[Pane]]:
    out = []
    for entry in PANES:
        module, name = entry.split(":")
        out.append(importlib.import_module(f"kam_tui.tui.panes.{module}").__dict__[name])
    return out


class WorkspaceScreen(KamScreen[None]):
    HELP = (
        "The account plan, one section per tab. The plan is the account's living "
        "document: who the people are, what the customer needs, where we stand, "
        "and what we do next. Every edit is saved the moment you accept it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="workspace.back"),
        Binding("x", "export", "Export", id="workspace.export"),
        Binding("right_square_bracket", "next_tab", "Next section", show=False, id="workspace.next"),
        Binding("left_square_bracket", "prev_tab", "Previous section", show=False, id="workspace.prev"),
        *(
            Binding(d, f"show_tab({i})", f"Section {d}", show=False, id=f"workspace.tab{d}")
            for i, d in enumerate(DIGITS)
        ),
    ]

    LAZY_PANES = True  # panes load when their tab is first shown (see Pane.ensure_loaded)
    # no automatic focus: on_mount gives it to the section in view, and every
    # focus change restyles the widgets it touches (opening an account stays fast)
    AUTO_FOCUS = ""

    def __init__(self, account_id: int, section: str | None = None) -> None:
        super().__init__()
        self.account_id = account_id
        self.initial_section = section
        self._active = 0
        self._panes: dict[int, Pane] = {}
        self._short_titles: bool | None = None

    def compose(self) -> ComposeResult:
        # Only the section shown first is built now; the others are built (and
        # read their data) the first time they are shown: opening an account
        # pays for one section, not ten. The titles are one widget
        # (SectionBar), the sections sit in a ContentSwitcher.
        classes = pane_classes()
        first = self._section_index(self.initial_section) if self.initial_section else 0
        self._active = first
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
    def _tab_id(cls: type[Pane]) -> str:
        return f"tab-{cls.__name__.lower()}"

    @staticmethod
    def _pane_id(cls: type[Pane]) -> str:
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

    def _new_pane(self, cls: type[Pane]) -> Pane:
        return cls(self.account_id, id=self._pane_id(cls))

    def on_mount(self) -> None:
        pane = self.active_pane()
        if pane is not None:
            pane.ensure_loaded()  # before the first paint, so the section never shows empty
        # focus now, before the first paint: the footer is then drawn once, for
        # the keys of the section in view, and the screen laid out once
        self._focus_active_pane()

    def active_pane(self) -> Pane | None:
        return self._panes.get(self._active)

    def _focus_active_pane(self) -> None:
        pane = self.active_pane()
        if pane is not None:
            pane.focus_default()

    def on_resize(self, event: events.Resize) -> None:
        short = event.size.width < FULL_TITLES_WIDTH
        if short == self._short_titles:
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
        built = self._panes.get(index)
        pane = built if built is not None else self._new_pane(classes[index])
        built_now = built is None
        if built_now:
            self._panes[index] = pane
            await switcher.mount(pane)
        switcher.current = pane.id
        if self._active != index:
            return  # another key moved on while this one was being built
        if not pane.ensure_loaded() and not built_now:
            pane.section_shown()  # loaded earlier: refresh what another tab may have changed
        self._focus_active_pane()

    async def on_section_bar_selected(self, event: SectionBar.Selected) -> None:
        await self.show_index(event.index)

    def refresh_summary(self) -> None:
        self.query_one("#ws-summary", Static).update(self._summary_line())

    def on_team_pane_changed(self, event: TeamPane.Changed) -> None:
        # the summary line names the executive sponsor
        self.refresh_summary()

    def _summary_line(self) -> Text:
        """The line under the header: where the account stands, and who on our
        side sponsors it (the method wants one; its absence is a warning).
        Sets the screen's title to the account's name."""
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

    @staticmethod
    def _find_section(section: str) -> int | None:
        """The index of a section by its class name ("StakeholdersPane"), its
        module name ("stakeholders") or its tab title ("Stakeholders")."""
        key = section.strip().casefold()
        for i, (entry, cls) in enumerate(zip(PANES, pane_classes())):
            names = {cls.__name__.casefold(), entry.split(":")[0].casefold(), cls.TAB_TITLE.casefold()}
            if key in names:
                return i
        return None

    def pane_for(self, section: str) -> Pane | None:
        """The built section named as `_find_section` takes it ("goals", "GoalsPane")."""
        found = self._find_section(section)
        return None if found is None else self._panes.get(found)

    def _section_index(self, section: str) -> int:
        found = self._find_section(section)
        return 0 if found is None else found

    def show_section(self, section: str) -> None:
        """Bring a section into view (named as `_find_section` takes it); it is
        built (if need be) and shown as soon as the screen gets to it."""
        found = self._find_section(section)
        if found is not None:
            self.call_later(self.show_index, found)

    async def action_show_tab(self, index: int) -> None:
        await self.show_index(index)

    def action_back(self) -> None:
        """Back to the list; text a failed save still holds is not left behind unasked."""
        self.app.leave([self], self.app.pop_screen)

    def action_export(self) -> None:
        self.app.export_plan_form(self.account_id)

    def action_wizard(self) -> None:
        from kam_tui.tui.screens.wizard import WizardScreen

        self.app.push_screen(WizardScreen(self.account_id))

    def action_preview(self) -> None:
        from kam_tui.tui.screens.plan_preview import PlanPreviewScreen

        self.app.push_screen(PlanPreviewScreen(self.account_id))

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand("Five-stage wizard", "Walk this account through strategy to review", self.action_wizard),
            PaletteCommand("Plan overview", "Read this account's whole plan, as it exports", self.action_preview),
        ] + [
            PaletteCommand(
                f"Go to {cls.TAB_TITLE}", f"Section {DIGITS[i]} of the plan", partial(self.show_section, cls.__name__)
            )
            for i, cls in enumerate(pane_classes())
        ]

    async def action_next_tab(self) -> None:
        await self.show_index((self._active + 1) % len(pane_classes()))

    async def action_prev_tab(self) -> None:
        await self.show_index((self._active - 1) % len(pane_classes()))
