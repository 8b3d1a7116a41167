"""A Tree whose line widths cost a length, not a render.

Textual's Tree measures every line by rendering its label (a copy of the Text,
styled, assembled with the fold icon) each time the tree changes, and splits
every new label into lines. With 500 actions under 25 goals that is most of the
time it takes to show the Goals tab. Our labels are one-line Texts,
so the width is the label's length plus the fold icon's.
"""

from __future__ import annotations

from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from kam_tui.tui.widgets.cursor_keys import CursorKeys

TreeDataType = TypeVar("TreeDataType")


class FastTree(Tree[TreeDataType], CursorKeys):
    def process_label(self, label: str | Text) -> Text:
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def get_label_width(self, node: TreeNode[TreeDataType]) -> int:
        icon = cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else 0
        label = node.label
        return icon + (label.cell_len if isinstance(label, Text) else cell_len(label))
