"""How the columns of a table share the width there is.

Every column wants its natural width (its widest value, or its label). When
they do not all fit, columns give way in order of need, the least needed
(lowest priority) first and, among equals, the widest first: each down to a
floor it keeps (its label, or a few letters). A cut value ends in "…" and shows
whole in the line under the table or in the form. Only when even the floors do
not fit is a column left out, again the least needed first. A column marked
`flex` (the name, or a free-text one such as Notes) takes what is left over.
"""

from __future__ import annotations

from dataclasses import dataclass

# a cut column keeps at least this much of its values (or its whole label)
MIN_KEPT = 8
# values this short (a date, a status, an amount) are never cut: cut, they read wrong
KEEP_WHOLE = 14


@dataclass(frozen=True)
class Want:
    natural: int  # the widest value or the label
    floor: int  # the least it may be cut to
    priority: int = 50  # the lowest is left out first
    flex: bool = False  # takes the width left over


def floor_of(label_width: int, natural: int, free_text: bool = False) -> int:
    """The least a column may be cut to: all of a short one (unless it is free
    text, such as notes), else its label or MIN_KEPT."""
    if natural <= KEEP_WHOLE and not free_text:
        return natural
    return min(natural, max(label_width, MIN_KEPT))


def fit_widths(wants: list[Want], width: int, gap: int = 1) -> list[int | None]:
    """Each column's width (None: left out) so that widths plus gaps fill at most
    `width`. `gap` is what each column costs besides its width (padding, separator)."""
    shown = list(range(len(wants)))
    while True:
        room = width - gap * len(shown)
        floors = sum(wants[i].floor for i in shown)
        if floors <= room or len(shown) <= 1:
            break
        droppable = [i for i in shown if not wants[i].flex] or shown
        shown.remove(min(droppable, key=lambda i: (wants[i].priority, -i)))
    room = max(0, width - gap * len(shown))
    widths = {i: wants[i].natural for i in shown}
    for priority in sorted({wants[i].priority for i in shown}):
        excess = sum(widths.values()) - room
        if excess <= 0:
            break
        group = [i for i in shown if wants[i].priority == priority]
        give = sum(widths[i] - wants[i].floor for i in group)
        target = sum(widths[i] for i in group) - min(excess, give)
        widths.update(_water_fill({i: widths[i] for i in group}, {i: wants[i].floor for i in group}, target))
    spare = room - sum(widths.values())
    flex = [i for i in shown if wants[i].flex]
    if spare > 0 and flex:  # the name or free text takes the rest
        widths[flex[0]] += spare
    out: list[int | None] = [None] * len(wants)
    for i, w in widths.items():
        out[i] = w
    return out


def _water_fill(naturals: dict[int, int], floors: dict[int, int], room: int) -> dict[int, int]:
    """The largest cap c with sum(max(floor, min(natural, c))) <= room: the
    widest columns are cut to the same width, the narrow ones keep theirs."""
    low, high = 0, max(naturals.values(), default=0)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(floors[i], min(n, cap)) for i, n in naturals.items()) <= room:
            low = cap
        else:
            high = cap - 1
    widths = {i: max(floors[i], min(n, low)) for i, n in naturals.items()}
    # the cells a whole cap could not use go to the widest cut columns, one each
    spare = room - sum(widths.values())
    for i in sorted((i for i, n in naturals.items() if n > widths[i]), key=lambda i: -naturals[i]):
        if spare <= 0:
            break
        widths[i] += 1
        spare -= 1
    return widths
