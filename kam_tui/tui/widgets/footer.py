"""The footer every screen uses: the keys of the screen and the focused widget
on one line, with the help key kept in view.

A screen with many keys runs past 80 (and even 120) columns, so the line is
ordered by importance and cut at its end: quit and Today first (they work
everywhere and a new user looks for them), then the keys of what has the
focus and of the screen in the order they declare them (each screen lists its
main verbs first), Esc (back) last, since it is the same everywhere. The help
key and the palette key are drawn at the right edge, so `?` is always on
screen and leads to every other key.

Why not Textual's Footer: it is one widget per key, built again
whenever the bindings may have changed (every focus change and mount; ten
times while an account opens), and each key widget is styled, laid out and
drawn on its own. This footer is a single widget that draws the line from the
screen's active bindings when it paints, and repaints when they change: same
look (compact keys, disabled ones dimmed), clicking a key presses it, hovering
shows its description as a tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

HELP_ACTIONS = {"help", "app.help"}
# shown first on every screen, in this order (binding ids)
FIRST = ("quit", "today")


@dataclass(frozen=True)
class FooterEntry:
    key: str  # what simulate_key presses
    display: str  # what the user reads, e.g. "^p"
    description: str
    enabled: bool
    tooltip: str
    place: str  # "left", "help" or "palette"
    binding_id: str | None = None


class KamFooter(Widget):
    COMPONENT_CLASSES = {
        "kam-footer--key",
        "kam-footer--description",
        "kam-footer--hover",
        "kam-footer--separator",
    }

    def __init__(self, **kwargs: Any) -> None:
        # `compact` was Textual's Footer option; this footer is always compact
        kwargs.pop("compact", None)
        kwargs.pop("show_command_palette", None)
        super().__init__(**kwargs)
        self._shown: tuple[FooterEntry, ...] | None = None
        # where each entry was drawn: (start x, end x, entry), for clicks
        self._spans: list[tuple[int, int, FooterEntry]] = []
        self._hover: FooterEntry | None = None

    # ------------------------------------------------------------ what to show

    def entries(self) -> tuple[FooterEntry, ...]:
        """The keys to show, as Textual's footer picks them: bindings marked
        `show`, one per action, the palette key last."""
        app = self.app
        screen = self.screen
        out: list[FooterEntry] = []
        seen_actions: set[str] = set()
        palette = None
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = FooterEntry(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    binding.tooltip or binding.description,
                    "palette",
                )
                continue
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            place = "help" if binding.action in HELP_ACTIONS else "left"
            out.append(
                FooterEntry(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip or binding.description,
                    place,
                    binding.id,
                )
            )
        first = [e for name in FIRST for e in out if e.binding_id == name]
        last = [e for e in out if e.key == "escape" and e not in first]
        middle = [e for e in out if e not in first and e not in last]
        ordered = first + middle + last
        if palette is not None:
            ordered.append(palette)
        return tuple(ordered)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self.entries() != self._shown:
            self.refresh()

    # ------------------------------------------------------------ drawing

    def _piece(self, entry: FooterEntry, key_style: Style, desc_style: Style) -> Text:
        text = Text()
        dim = Style(dim=True) if not entry.enabled else Style()
        hover = self.get_component_rich_style("kam-footer--hover") if entry == self._hover else Style()
        text.append(entry.display, key_style + dim + hover)
        if entry.description:
            text.append(" " + entry.description, desc_style + dim + hover)
        return text

    def render(self) -> Text:
        entries = self.entries()
        self._shown = entries
        width = self.size.width
        key_style = self.get_component_rich_style("kam-footer--key")
        desc_style = self.get_component_rich_style("kam-footer--description")
        spans: list[tuple[int, int, FooterEntry]] = []

        # the right edge: " ? Help " then "▏^p palette "
        right = Text()
        help_entry = next((e for e in entries if e.place == "help"), None)
        palette = next((e for e in entries if e.place == "palette"), None)
        if help_entry is not None:
            right.append(" ")
            right.append_text(self._piece(help_entry, key_style, desc_style))
            right.append(" ")
        if palette is not None:
            right.append("▏", self.get_component_rich_style("kam-footer--separator"))
            right.append_text(self._piece(palette, key_style, desc_style))
            right.append(" ")
        room = max(0, width - right.cell_len)

        line = Text(no_wrap=True, overflow="crop")
        for entry in entries:
            if entry.place != "left":
                continue
            piece = self._piece(entry, key_style, desc_style)
            start = line.cell_len
            if start + piece.cell_len > room:
                break  # a key without its word is no help: the rest are behind `?`
            line.append_text(piece)
            spans.append((start, start + piece.cell_len, entry))
            line.append(" ")
        if line.cell_len > room:
            line.truncate(room)
        line.append(" " * (room - line.cell_len))
        x = room
        if help_entry is not None:
            piece_len = self._piece(help_entry, key_style, desc_style).cell_len + 2
            spans.append((x, x + piece_len, help_entry))
            x += piece_len
        if palette is not None:
            spans.append((x, width, palette))
        line.append_text(right)
        if line.cell_len > width:
            line.truncate(width)
        self._spans = spans
        return line

    # ------------------------------------------------------------ mouse

    def _entry_at(self, x: int) -> FooterEntry | None:
        return next((e for start, end, e in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        entry = self._entry_at(event.x)
        if entry is None:
            return
        event.stop()
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._entry_at(event.x)
        if entry != self._hover:
            self._hover = entry
            self.tooltip = entry.tooltip if entry is not None and entry.tooltip else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
