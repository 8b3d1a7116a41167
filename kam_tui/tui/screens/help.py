"""`?` / F1: the keys of the screen in view, and why this part of the plan matters."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _keys_table(screen: Screen) -> str:
    rows = []
    seen = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        rows.append(f"  {screen.app.get_key_display(binding):>12}  {binding.description}")
    return "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close", id="help.close")]

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
            yield Static(f"Help: {self.about.title or self.about.__class__.__name__}", classes="form-title")
            if why:
                yield Static(why, classes="help-why")
            if pane_help and pane_help != why:
                yield Static(pane_help, classes="help-why")
            yield Static("Keys here", classes="help-heading")
            yield Static(_keys_table(self.about) or "  (none)", classes="help-keys")
            yield Static("ctrl+p finds every action by name.  Esc closes this.", classes="form-intro")
