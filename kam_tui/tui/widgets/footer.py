"""The footer every screen uses: Textual's Footer, compact, with the help key
kept in view.

A screen with many keys runs past 80 (and even 120) columns; Textual's footer
then cuts off the end of the line, which is where the app-wide keys sit, help
among them. Here the help key is docked on the right beside the palette key, so
`?` is always on screen and leads to every other key.

Textual's footer rebuilds all its keys whenever the screen's bindings may
have changed (each focus move, each screen mounted), usually to the same keys:
at start-up that was over a third of the time to first paint (issue 8). This
one rebuilds only when what it would show differs from what it shows.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTIONS = {"help", "app.help"}


class KamFooter(Footer):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self._shown: tuple | None = None
        self._rebuild_queued = False

    def _keys_to_show(self) -> tuple:
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip, id(binding.group))
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )

    def on_mount(self) -> None:
        # a screen hidden under another (the list under the welcome) builds its
        # keys when it is on top, not before (nor while a dialog covers it)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.bindings_changed(screen)

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not screen.is_active:
            return
        # several changes often arrive before the next refresh: one rebuild, of the latest
        if not self._rebuild_queued and self._keys_to_show() != self._shown:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        if self.is_attached and self.screen.is_active and self._keys_to_show() != self._shown:
            await self.recompose()

    def compose(self):
        if self._bindings_ready:
            self._shown = self._keys_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if widget.action in HELP_ACTIONS:
                    widget.add_class("-help")
                # set before mounting, so the compact binding finds it in place and
                # does not restyle every key once more
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
