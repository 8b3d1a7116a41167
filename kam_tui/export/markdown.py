"""Writing user text into Markdown so that it shows exactly what was typed.

Every piece of user text goes through one of these before it reaches a
document: `inline` for text inside a sentence or heading, `block` for
multi-line notes, `cell` for a table cell (tables stay tables).

What "exactly" means, checked by tests/export/test_markdown_escape.py against a real
CommonMark renderer (markdown-it-py, with GFM tables): the rendered text equals
the typed text, with runs of whitespace counted as one space (Markdown cannot
keep more) and control characters that are not whitespace dropped (they are
invisible, and some, like ESC, act on a terminal that shows the file), as
are the bidi overrides, which would reorder the rest of a line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

# CommonMark lets any ASCII punctuation be backslash-escaped; we escape only what
# could change the rendering, so the raw file stays readable too.
_ALWAYS = re.compile(r"([\\`*_\[\]<>|~&])")
# A line that starts like a heading, quote, list item, setext underline or a
# numbered list: escape the marker ("1." becomes "1\." - a backslash before a
# digit would show).
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
# "## Title #" would lose its closing hashes: a heading's closing sequence.
_TRAILING_HASHES = re.compile(r"(\s)#(#*)$")
# control characters that are not whitespace (whitespace ones count as a space),
# the bidi overrides and isolates (a reader's terminal or editor would reorder the
# rest of the line), and lone surrogates (they cannot be written as UTF-8)
_DROPPED = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = re.compile(f"[{_DROPPED}]")


def _text(value: object) -> str:
    s = "" if value is None else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s)


def _escape_line(line: str) -> str:
    """One line without leading/trailing space, safe at the start of a line."""
    s = _ALWAYS.sub(r"\\\1", line)
    s = _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), s)
    return _TRAILING_HASHES.sub(r"\1\\#\2", s)


# Text that needs none of the above: no character to escape or drop, and no
# line-start marker or trailing '#'. Most cells are like that (names, labels,
# dates): one search instead of three substitutions.
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&" + _DROPPED + "]")
_MARKER_START = frozenset("#>+=-0123456789")

# `kam export --all` escapes hundreds of thousands of strings, most of them
# seen before (labels, names, dates, question texts): each helper remembers
# what it gave for a str (a hit is one dict lookup). Bounded: emptied when full.
_CACHE_SIZE = 20_000


class _Remembered(dict[str, str]):
    def __init__(self, escape: Callable[[object], str]) -> None:
        super().__init__()
        self._escape = escape

    def __missing__(self, text: str) -> str:
        if len(self) >= _CACHE_SIZE:
            self.clear()
        value = self[text] = self._escape(text)
        return value


def _inline(text: object) -> str:
    if type(text) is str:
        # split() before _text() is the same here: the characters _text drops
        # are not whitespace, and if there are none it only turns \r into \n
        line = " ".join(text.split())
        if line[:1] not in _MARKER_START and line[-1:] != "#" and _SPECIAL.search(line) is None:
            return line
    return _escape_line(" ".join(_text(text).split()))


_inline_memo = _Remembered(_inline)


def inline(text: object) -> str:
    """One line of user text, safe anywhere in a line of Markdown (and as a
    heading). Line breaks and runs of spaces become one space."""
    # only a str is remembered: Decimal("1.0") == Decimal("1.00"), one key
    return _inline_memo[text] if type(text) is str else _inline(text)


def block(text: object) -> str:
    """Multi-line user text: each line escaped, line breaks kept as hard breaks,
    blank lines kept as paragraph breaks."""
    return _block_memo[text] if type(text) is str else _block(text)


def _block(text: object) -> str:
    lines = [" ".join(ln.split()) for ln in _text(text).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    out: list[str] = []
    for ln in lines:
        if not ln:
            if out and out[-1]:
                out.append("")
            continue
        out.append(_escape_line(ln))
    # a trailing backslash is a hard line break inside a paragraph
    joined = []
    for i, ln in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else ""
        joined.append(ln + ("\\" if ln and nxt else ""))
    return "\n".join(joined)


def cell(text: object) -> str:
    """User text inside a table cell: one line, pipes escaped, breaks as <br>."""
    return _cell_memo[text] if type(text) is str else _cell(text)


def _cell(text: object) -> str:
    if type(text) is str and "\n" not in text and "\r" not in text:
        return inline(text)  # one line: what inline() gives, "" for a blank one
    return "<br>".join([inline(p) for p in _text(text).split("\n") if p.strip()])


_block_memo = _Remembered(_block)
_cell_memo = _Remembered(_cell)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table. Every row gets exactly one cell per header, so a short
    or long row cannot shift the columns."""
    width = len(headers)
    lines = ["| " + " | ".join(map(cell, headers)) + " |", "|" + "|".join(["---"] * width) + "|"]
    for row in rows:
        values = list(row)[:width]
        if len(values) < width:
            values += [""] * (width - len(values))
        # the cache lookup written out: this is the export's innermost loop
        lines.append("| " + " | ".join([_cell_memo[v] if type(v) is str else _cell(v) for v in values]) + " |")
    return "\n".join(lines)


def heading(level: int, text: str) -> str:
    return "#" * level + " " + inline(text)


def bullet_list(items: Iterable[str]) -> str:
    """Bullets of already-escaped Markdown."""
    return "\n".join(f"- {item}" for item in items)
