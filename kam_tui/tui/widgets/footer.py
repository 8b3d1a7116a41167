"""The footer every screen uses: Textual's Footer, compact, with the help key
kept in view.

A screen with many keys runs past 80 (and even 120) columns; Textual's footer
then cuts off the end of the line, which is where the app-wide keys sit, help
among them. Here the help key is docked on the right beside the palette key, so
`?` is always on screen and leads to every other key.

Speed (issue 8): Textual rebuilds the whole footer, one widget per key, each
time the screen's bindings may have changed: every focus change and mount. On
opening an account that happened ten times for the same thirteen keys. Here a
rebuild happens only when the keys shown actually differ, at most once per
refresh, and each key is born with its classes so it is styled once.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTIONS = {"help", "app.help"}


class KamFooter(Footer):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self._shown_keys: tuple | None = None
        self._rebuild_pending = False

    def compose(self):
        self._shown_keys = self._keys_signature() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # set before mounting: adding a class later restyles the key
                if self.compact:
                    widget.add_class("-compact", update=False)
                if widget.action in HELP_ACTIONS:
                    widget.add_class("-help", update=False)
            yield widget

    def _keys_signature(self) -> tuple:
        """What compose() would draw: the shown keys, their state and the palette key."""
        app = self.app
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip,
             app.get_key_display(binding))
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
        ) + (self.show_command_palette, self.compact)

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        if self._keys_signature() != self._shown_keys:
            await self.recompose()
