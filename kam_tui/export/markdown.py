"""Writing user text into Markdown so that it shows exactly what was typed.

Every piece of user text goes through one of these before it reaches a
document: `inline` for text inside a sentence or heading, `block` for
multi-line notes, `cell` for a table cell (tables stay tables)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# CommonMark lets any ASCII punctuation be backslash-escaped; we escape only what
# could change the rendering, so the raw file stays readable too.
_ALWAYS = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def inline(text: object) -> str:
    """One line of user text, safe anywhere in a line of Markdown."""
    s = "" if text is None else str(text)
    s = " ".join(s.split())
    s = _ALWAYS.sub(r"\\\1", s)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


def block(text: object) -> str:
    """Multi-line user text: each line escaped, line breaks kept as hard breaks."""
    s = "" if text is None else str(text)
    lines = [ln.rstrip() for ln in s.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    out = []
    for ln in lines:
        if not ln.strip():
            out.append("")
            continue
        esc = _ALWAYS.sub(r"\\\1", ln.strip())
        out.append(_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), esc))
    # a trailing backslash is a hard line break inside a paragraph
    joined = []
    for i, ln in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else ""
        joined.append(ln + ("\\" if ln and nxt else ""))
    return "\n".join(joined)


def cell(text: object) -> str:
    """User text inside a table cell: one line, pipes escaped, breaks as <br>."""
    s = "" if text is None else str(text)
    parts = [inline(p) for p in s.replace("\r\n", "\n").split("\n") if p.strip()]
    return "<br>".join(parts)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table; headers are ours, cells are user text."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines)


def heading(level: int, text: str) -> str:
    return "#" * level + " " + inline(text)


def bullet_list(items: Iterable[str]) -> str:
    """Bullets of already-escaped Markdown."""
    return "\n".join(f"- {item}" for item in items)
