"""A Tree whose line widths cost a length, not a render.

Textual's Tree measures every line by rendering its label (a copy of the Text,
styled, assembled with the fold icon) each time the tree changes, and splits
every new label into lines. With 500 actions under 25 goals that is most of the
time it takes to show the Goals tab. Our labels are one-line Texts,
so the width is the label's length plus the fold icon's.

A line longer than the tree is wide ends in "…" at the edge, so a cut is seen
as one (the line under the tree shows the item whole).
"""

from __future__ import annotations

from typing import TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
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

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        lines = self._tree_lines
        if self.scroll_offset.x or not 0 <= index < len(lines) or width < 2:
            return strip
        line = lines[index]
        full = line._get_guide_width(self.guide_depth, self.show_root) + self.get_label_width(line.node)
        if full <= width:
            return strip
        kept = strip.crop(0, width - 1)
        segments = list(kept)
        # every segment styled: a colour filter (NO_COLOR's monochrome) reads each one's style
        last = (segments[-1].style if segments else None) or self.rich_style
        return Strip.join([kept, Strip([Segment("…", last)])]).extend_cell_length(strip.cell_length, self.rich_style)
