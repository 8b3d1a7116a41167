"""`?` / F1: the keys of the screen in view, and why this part of the plan matters."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from kam_tui.tui.screens.base import KamModal, KamScreen
from kam_tui.tui.widgets.cursor_keys import CursorKeys

# j/k move the help this many lines: it is read, not edited line by line
SCROLL_LINES = 3


def _keys_table(screen: Screen[object], *, own: bool) -> str:
    """The keys of the screen and the app (own=True), or of the focused widget
    (own=False: moving around a list, editing a field)."""
    keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if (active.node is screen or active.node is screen.app) != own:
            continue
        if not binding.description:
            continue
        shown = keys.setdefault(binding.description, [])
        display = screen.app.get_key_display(binding)
        if display not in shown:
            shown.append(display)
    # what the keys do first, moving the cursor last
    from kam_tui.tui.palette import is_motion

    moves = {
        active.binding.description for active in screen.active_bindings.values() if is_motion(active.binding.action)
    }
    order = sorted(keys.items(), key=lambda item: item[0] in moves)
    rows = [f"  {', '.join(k):>12}  {description}" for description, k in order]
    return "\n".join(rows)


class HelpText(VerticalScroll, CursorKeys):
    """The help, scrolled a few lines at a time by j/k."""

    def action_cursor_down(self) -> None:
        self.scroll_relative(y=SCROLL_LINES, animate=False)

    def action_cursor_up(self) -> None:
        self.scroll_relative(y=-SCROLL_LINES, animate=False)


def _section_help(about: Screen[object]) -> str:
    """The lines of the workspace section (pane) holding the focus, if any."""
    from kam_tui.tui.panes.base import Pane

    node: DOMNode | None = about.focused
    while node is not None and node is not about:
        if isinstance(node, Pane):
            return node.HELP
        node = node.parent
    return ""


class HelpScreen(KamModal[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, about: Screen[object]) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        why = self.about.HELP if isinstance(self.about, (KamScreen, KamModal)) else ""
        # a focused section (pane) adds its own lines on why it matters
        pane_help = _section_help(self.about)
        with HelpText(id="help-box"):
            name = self.about.sub_title or self.about.title or self.about.__class__.__name__
            # the title may be an account's name, as typed: text, never markup
            yield Static(Content(f"Help: {name}"), classes="form-title")
            # the section in view first: it is what the user is looking at
            if pane_help and pane_help != why:
                yield Static(pane_help, classes="help-why")
            if why:
                yield Static(why, classes="help-why")
            moving = _keys_table(self.about, own=False)
            if moving:
                yield Static("Where the cursor is", classes="help-heading")
                yield Static(Content(moving), classes="help-keys")
            yield Static("Keys here", classes="help-heading")
            yield Static(Content(_keys_table(self.about, own=True) or "  (none)"), classes="help-keys")
            yield Static("ctrl+p finds every action by name.  j/k scroll.  Esc closes this.", classes="form-intro")
