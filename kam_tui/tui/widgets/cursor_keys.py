"""j and k beside the arrow keys, declared once for every list, table and tree.

Put `CursorKeys` last among a widget's bases: `class StageChecks(OptionList, CursorKeys)`
(tables get it from PlainTable). Last, because Textual takes a widget's CSS type
names from its first base: put first, the mixin would hide `OptionList` from the
stylesheet.

The keys run the widget's own `cursor_down` / `cursor_up` actions (what down and
up do in Textual's lists, tables and trees); a widget that scrolls instead
defines those two actions itself. The ids are the same everywhere, so a user
keymap moves j/k in every list at once.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


class CursorKeys(DOMNode):
    # a DOMNode, because Textual merges BINDINGS only from DOMNode classes
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor.down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor.up"),
    ]
