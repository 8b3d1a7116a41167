"""Command palette (ctrl+p) providers.

Three sources feed the palette:
- `AccountCommands` (here): "Open account: <name>" for every account, from the
  rows the account list last read (`app.portfolio_rows`), so it costs no query.
- `KamApp.get_system_commands`: Textual's system commands, then whatever the
  active screen offers through `palette_commands() -> [(name, help, callback)]`.
  A new screen gets its actions into the palette by defining that method.
- `BindingCommands` (here): every key binding of the screen in view, of the
  widget with the focus and of each workspace section, by its description
  ("Stakeholders: New", "SWOT: New run"), so no action is missed when a key is added.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.screen import Screen

from kam_tui.services.portfolio import AccountRow
from kam_tui.text import fold_accents
from kam_tui.tui.app import KamApp

if TYPE_CHECKING:
    from kam_tui.tui.panes.base import Pane
    from kam_tui.tui.screens.workspace import WorkspaceScreen

# fuzzy matching costs tens of µs a name; past this many accounts the palette
# matches names by substring (accents and case ignored) instead
FUZZY_ALL_UP_TO = 2000
MAX_HITS = 50


def _highlighted(matcher: Matcher, text: str) -> Content:
    """The text with the matched letters marked. Textual's highlighter reads the
    text as markup, so a name with a bracket in it (as typed) is shown plain."""
    return Content(text) if "[" in text else matcher.highlight(text)


class AccountCommands(Provider):
    _folded: list[tuple[AccountRow, str]] | None = None

    async def startup(self) -> None:
        # fold every name once per palette opening, not once per keystroke
        self._folded = [(r, fold_accents(r.name)) for r in self._rows()]

    def _rows(self) -> list[AccountRow]:
        app = self.app
        return list(app.portfolio_rows) if isinstance(app, KamApp) else []

    def _open(self, account_id: int) -> None:
        app = self.app
        if isinstance(app, KamApp):
            app.open_account(account_id)

    async def discover(self) -> Hits:
        for row in self._rows()[:MAX_HITS]:
            yield DiscoveryHit(
                Content(f"Open account: {row.name}"), partial(self._open, row.id), help="Open its plan in the workspace"
            )

    async def search(self, query: str) -> Hits:
        folded = self._folded if self._folded is not None else [(r, fold_accents(r.name)) for r in self._rows()]
        words = fold_accents(query.removeprefix("Open account:").strip()).split()
        matcher = self.matcher(query)
        if len(folded) > FUZZY_ALL_UP_TO:
            # a big portfolio: plain substring matching (the fuzzy matcher costs
            # too much per name), best placed matches first, at most MAX_HITS
            if not words:
                return
            found = []
            for row, name in folded:
                if all(w in name for w in words):
                    at = name.find(words[0])
                    score = 1.0 if at == 0 else 0.8 if name[at - 1] == " " else 0.6
                    found.append((score, row))
            found.sort(key=lambda pair: -pair[0])
            for score, row in found[:MAX_HITS]:
                text = f"Open account: {row.name}"
                yield Hit(
                    score,
                    _highlighted(matcher, text),
                    partial(self._open, row.id),
                    text=text,
                    help="Open its plan in the workspace",
                )
            return
        hits = 0
        for row, name in folded:
            text = f"Open account: {row.name}"
            score = matcher.match(text)
            if score <= 0 and words and all(w in name for w in words):
                score = 0.5  # an accent-insensitive substring is a match even when fuzzy misses
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, text),
                    partial(self._open, row.id),
                    text=text,
                    help="Open its plan in the workspace",
                )
                hits += 1
                if hits >= MAX_HITS:
                    return


# Moving the cursor is not an action anyone looks up by name.
MOTION_ACTIONS = ("cursor_", "cursor(", "scroll_", "page_", "select(", "first", "last", "focus_next", "focus_previous")

# What the palette calls each screen's own keys ("Accounts: Filter").
SCREEN_GROUPS = {
    "AccountListScreen": "Accounts",
    "WorkspaceScreen": "Workspace",
    "WizardScreen": "Wizard",
    "TodayScreen": "Today",
    "ScoringScreen": "Scoring",
    "ImportScreen": "Import",
    "PlanPreviewScreen": "Plan",
    "WelcomeScreen": "Welcome",
}


def is_motion(action: str) -> bool:
    return action.startswith(MOTION_ACTIONS)


def our_actions(cls: type[DOMNode]) -> set[str]:
    """Actions bound by kam's own classes in a widget class's ancestry: Textual's
    built-in keys (an input's "delete character right") are not palette material."""
    actions = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("kam_tui."):
            for item in klass.__dict__.get("BINDINGS", []):
                actions.add(item.action if isinstance(item, Binding) else item[1])
    return actions


def group_of(node: DOMNode) -> str:
    """The section (pane) a node sits in, else its screen's name."""
    from kam_tui.tui.panes.base import Pane

    walk: DOMNode | None = node
    while walk is not None:
        if isinstance(walk, Pane):
            return walk.TAB_TITLE
        walk = walk.parent
    screen = node if isinstance(node, Screen) else node.screen
    name = type(screen).__name__
    return SCREEN_GROUPS.get(name, name.removesuffix("Screen"))


class BindingCommand:
    """One binding as a palette entry: run `action` on `node`, after showing the
    section it lives in (`section`) when that is not in view."""

    def __init__(self, node: DOMNode, binding: Binding, key_display: str, section: str | None = None) -> None:
        self.node = node
        self.binding = binding
        self.group = group_of(node)
        self.name = f"{self.group}: {binding.description}"
        # matched too, so "new stakeholder" finds "Stakeholders: New"
        self.alt = f"{binding.description} {self.group}"
        self.section = section
        self.help = f"key {key_display}" + (f", in the {self.group} section" if section else "")

    async def __call__(self) -> None:
        from kam_tui.tui.screens.workspace import WorkspaceScreen

        app = self.node.app
        screen = self.node.screen
        if self.section is not None and isinstance(screen, WorkspaceScreen):
            screen.show_section(self.section)
            await app.wait_for_refresh()
        await app.run_action(self.binding.action, self.node)


class UnbuiltSectionCommand(BindingCommand):
    """A binding of a workspace section not built yet (sections are built the
    first time their tab is shown): show the section, then run the action on it."""

    def __init__(self, screen: WorkspaceScreen, pane_class: type[Pane], binding: Binding, key_display: str) -> None:
        self.screen = screen
        self.pane_class = pane_class
        self.binding = binding
        self.group = pane_class.TAB_TITLE
        self.name = f"{self.group}: {binding.description}"
        self.alt = f"{binding.description} {self.group}"
        self.section = pane_class.__name__
        self.help = f"key {key_display}, in the {self.group} section"

    async def __call__(self) -> None:
        self.screen.show_section(self.pane_class.__name__)
        self._tries = 0
        self.screen.set_timer(0.02, self._when_ready)

    async def _when_ready(self) -> None:
        # the tab builds its section as it is shown, and the palette must be
        # gone first, or a form the action opens would close with it
        app = self.screen.app
        found = self.screen.query(self.pane_class)
        if found and app.screen is self.screen:
            await app.run_action(self.binding.action, found.first())
        elif self._tries < 50:
            self._tries += 1
            self.screen.set_timer(0.02, self._when_ready)


def binding_commands(screen: Screen[object]) -> list[BindingCommand]:
    """Every named binding reachable from `screen`: the focused widget's and its
    parents' (as the footer shows them), then every other workspace section's."""
    app = screen.app
    out: list[BindingCommand] = []
    seen: set[tuple[int, str, str]] = set()

    def add(node: DOMNode, binding: Binding, section: str | None = None) -> None:
        if not binding.description or is_motion(binding.action) or node is app:
            return
        if binding.action not in our_actions(type(node)):
            return
        key = (id(node), binding.action, binding.description)
        if key in seen:
            return
        seen.add(key)
        out.append(BindingCommand(node, binding, app.get_key_display(binding), section))

    # every binding of the focused widget and its parents, even one whose key a
    # nearer widget shadows (the list's `down` under the filter's) or an input
    # swallows (`i` while the path box has the focus)
    focused = screen.focused
    for node in focused.ancestors_with_self if focused is not None else [screen]:
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                if app._check_action_state(binding.action, node) is not False:
                    add(node, binding)
    from kam_tui.tui.screens.workspace import WorkspaceScreen

    if isinstance(screen, WorkspaceScreen):
        from kam_tui.tui.panes.base import Pane
        from kam_tui.tui.screens.workspace import pane_classes

        built = {type(pane): pane for pane in screen.query(Pane)}
        for cls in pane_classes():
            pane = built.get(cls)
            if pane is not None:
                for bindings in pane._bindings.key_to_bindings.values():
                    for binding in bindings:
                        add(pane, binding, cls.__name__)
                continue
            ours = our_actions(cls)
            for bindings in cls._merge_bindings().key_to_bindings.values():
                for binding in bindings:
                    key = (id(cls), binding.action, binding.description)
                    if (
                        binding.description
                        and binding.action in ours
                        and not is_motion(binding.action)
                        and key not in seen
                    ):
                        seen.add(key)
                        out.append(UnbuiltSectionCommand(screen, cls, binding, app.get_key_display(binding)))
    return out


class BindingCommands(Provider):
    _commands: list[BindingCommand] | None = None

    async def startup(self) -> None:
        self._commands = binding_commands(self.screen)

    def _all(self) -> list[BindingCommand]:
        if self._commands is None:
            self._commands = binding_commands(self.screen)
        return self._commands

    async def discover(self) -> Hits:
        for cmd in self._all():
            if cmd.section is None:
                yield DiscoveryHit(cmd.name, cmd, help=cmd.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = fold_accents(query).split()
        for cmd in self._all():
            score = matcher.match(cmd.name)
            shown = matcher.highlight(cmd.name) if score > 0 else Content(cmd.name)
            score = max(score, matcher.match(cmd.alt))
            if score <= 0 and words:
                folded = fold_accents(cmd.name)
                if all(w in folded for w in words):
                    score = 0.5
            if score > 0:
                if cmd.section is not None:
                    score *= 0.9  # the section in view first
                yield Hit(score, shown, cmd, text=cmd.name, help=cmd.help)
