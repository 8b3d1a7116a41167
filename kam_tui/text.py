"""Small text helpers shared by the rules, the services and the importer."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from kam_tui.errors import ValidationError


def name_key(name: str) -> str:
    """The key two names are compared by: case-folded and NFKC-normalised, so
    'ACME', 'Acme' and 'acme' are one account."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def fold_accents(text: str) -> str:
    """Case- and accent-insensitive form: 'Société Générale' == 'societe generale'."""
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_name(value: str | None, field: str = "name", max_length: int = 200) -> str:
    """A required one-line name: stripped, not empty, not too long."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(field, "is required")
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; at most {max_length}")
    return text


# What must never reach a terminal as it is: C0 controls (ESC starts an escape
# sequence: colours, links, a clipboard write), DEL, C1 controls (0x9B is a
# one-byte CSI to many terminals), the bidi embeddings, overrides and isolates
# (they reorder everything after them on the line), the line and paragraph
# separators (some terminals break the line there), lone surrogates (they
# cannot be encoded, so printing one raises), and a long run of combining
# marks (piled on one letter they spill over the lines around it).
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]" + f"|[{_COMBINING}]{{5,}}"
)
MAX_COMBINING = 4  # enough for any script's stacked marks (Vietnamese, Hebrew pointing, Arabic vowels)
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown(char: str, multiline: bool) -> str:
    """What one unsafe character becomes (a run of combining marks is cut short)."""
    if len(char) > 1:
        return char[:MAX_COMBINING]
    code = ord(char)
    if char in "\t\n" and multiline:
        return char
    if char in "\t\n\r\u2028\u2029":
        return "\n" if multiline else " "
    if char in _BIDI_CONTROLS:
        return ""  # the text keeps its own order; nothing after it is reordered
    if code < 0x20:
        return chr(0x2400 + code)  # the control picture: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # a C1 control or a lone surrogate: no picture, the replacement mark


def display_text(value: object, *, multiline: bool = False) -> str:
    """User or file text as it may be shown on a terminal: every character
    that would act on the terminal instead of showing (escape sequences, C1
    controls, bidi overrides, line separators) is made visible or dropped.
    `multiline` keeps tabs and line breaks (a note); otherwise they are
    spaces (a name, a table cell, a message line). Markup is not this
    function's business: the caller shows the result as plain text."""
    text = "" if value is None else str(value)
    if text.isascii() and text.isprintable():
        return text  # nearly every name and value: one check, no copy
    if multiline:
        text = text.replace("\r\n", "\n")
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: _shown(m.group(), multiline), text)


def json_text(dumped: str) -> str:
    """JSON written by json.dumps(ensure_ascii=False), with the characters it
    leaves raw but a terminal acts on (DEL, C1, bidi controls, line
    separators) written as \\u escapes instead: the same data for a script,
    nothing a terminal runs."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 criterion', '3 criteria', '1 person', '7 people', '1,200 rows': a
    count with its noun in the right number (plural: `many`, else one + 's')."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def close_matches(typed: str, names: Iterable[str], n: int = 3) -> list[str]:
    """The names a user may have meant by `typed`: similar ones first, then
    those that hold it ("acme" for "Acme Corp") or a word like it, each once."""
    by_key = {name_key(name): name for name in names}
    key = name_key(typed)
    close = difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.5)
    # part of a name, or close to one of its words ("marie" for "Maria Lindqvist")
    partly = [
        k
        for k in by_key
        if k not in close
        and key
        and (key in k or any(difflib.SequenceMatcher(None, key, word).ratio() >= 0.75 for word in k.split()))
    ]
    return [by_key[k] for k in close] + [by_key[k] for k in partly[: max(0, n - len(close))]]


def cut_name(name: str, most: int) -> str:
    """A name cut to `most` characters with "…", for a sentence that quotes it."""
    return name if len(name) <= most else name[: most - 1] + "…"
