"""The footer every screen uses: Textual's Footer, compact, with the help key
kept in view.

A screen with many keys runs past 80 (and even 120) columns; Textual's footer
then cuts off the end of the line, which is where the app-wide keys sit, help
among them. Here the help key is docked on the right beside the palette key, so
`?` is always on screen and leads to every other key.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTIONS = {"help", "app.help"}


class KamFooter(Footer):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)

    def compose(self):
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in HELP_ACTIONS:
                widget.add_class("-help")
            yield widget
