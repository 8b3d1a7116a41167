"""`?` / F1: the keys of the screen in view, and why this part of the plan matters."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _keys_table(screen: Screen, *, own: bool) -> str:
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


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", id="help.close"),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(self, about: Screen):
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        why = getattr(self.about, "HELP", "") or ""
        focused = self.about.focused
        # a focused section (pane) adds its own lines on why it matters
        node = focused
        while node is not None and not getattr(node, "HELP", ""):
            node = node.parent
        pane_help = getattr(node, "HELP", "") if node is not None and node is not self.about else ""
        with VerticalScroll(id="help-box"):
            name = self.about.sub_title or self.about.title or self.about.__class__.__name__
            yield Static(f"Help: {name}", classes="form-title")
            # the section in view first: it is what the user is looking at
            if pane_help and pane_help != why:
                yield Static(pane_help, classes="help-why")
            if why:
                yield Static(why, classes="help-why")
            moving = _keys_table(self.about, own=False)
            if moving:
                yield Static("Where the cursor is", classes="help-heading")
                yield Static(moving, classes="help-keys")
            yield Static("Keys here", classes="help-heading")
            yield Static(_keys_table(self.about, own=True) or "  (none)", classes="help-keys")
            yield Static("ctrl+p finds every action by name.  j/k scroll.  Esc closes this.", classes="form-intro")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_relative(y=3 if direction == "down" else -3, animate=False)
