"""`kam list` as people read it and scripts parse it: a table that is one
line per account when piped (however long the name), fitted to the width
of a terminal (columns dropped, then names cut short), and `--format tsv`
with the JSON's fields. Names are shown as typed: markup is not obeyed, and
controls are made visible rather than sent to the terminal."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from kam_tui.services import accounts, demo, scoring
from kam_tui.store.engine import new_session, open_database

LONG = "Zimmermann & Söhne Präzisionsteile Gesellschaft mit beschränkter Haftung " * 3
ODD = "[bold]Acme[/bold] \x1b[31mred\x1b[0m"
WIDE = "株式会社トヨタ自動車"


@pytest.fixture
def listed(db_path: Path) -> Path:
    engine = open_database(db_path)
    with new_session(engine) as s:
        demo.seed_demo(s)
        for name in (LONG.strip()[:200], ODD, WIDE):
            a = accounts.create_account(s, name, owner="Ana Ruiz", annual_revenue="1250000", currency="EUR")
            scoring.set_score(s, a.id, scoring.list_criteria(s)[0].id, 7)
    engine.dispose()
    return db_path


def on_terminal(args: list[str], cols: int) -> str:
    """`kam` on a pseudo-terminal `cols` wide: what it shows."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen([sys.executable, "-m", "kam_tui", *args], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=10)
    os.close(master)
    return out.decode("utf-8").replace("\r\n", "\n")


def test_piped_every_account_is_one_whole_line(kam, listed):
    out = kam("list", db=listed)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["Name", "Tier", "Stage", "Score", "Rank", "Revenue", "Owner"]
    # header, six accounts, the note: three owners, so a line for the one with key accounts and one for the rest
    assert len(lines) == 1 + 6 + 3
    long_line = next(ln for ln in lines if ln.startswith("Zimmermann"))
    assert LONG.strip()[:200] in long_line and long_line.rstrip().endswith("Ana Ruiz")
    # the markup is text, the escape sequence is shown, never sent
    odd = next(ln for ln in lines if "Acme" in ln)
    assert "[bold]Acme[/bold] ␛[31mred␛[0m" in odd and "\x1b" not in out.stdout
    # columns line up in terminal cells: the wide name takes two cells a character
    starts = {ln.split("  ")[0].strip(): ln for ln in lines[1:7]}
    tier_at = {name: len(line) - len(line[len(name) :].lstrip()) for name, line in starts.items()}
    assert len({pos + (len(WIDE) if name == WIDE else 0) for name, pos in tier_at.items()}) == 1
    assert lines[7].startswith("6 accounts, 2 key, 3 owners")
    assert lines[8:] == ["  Maria Lindqvist: 2 key (limit 8)", "  2 other owners with no key account"]


def test_a_terminal_gets_a_table_its_width(listed):
    wide = on_terminal(["--db", str(listed), "list"], 120)
    narrow = on_terminal(["--db", str(listed), "list"], 60)
    for shown, cols in ((wide, 120), (narrow, 60)):
        rows = shown.splitlines()
        assert len(rows) == 10, shown
        assert max(len(r) for r in rows[:7]) <= cols  # the note may wrap; no row does
        assert any("…" in r for r in rows)  # the long name is cut short
    assert "Owner" in wide.splitlines()[0] and "Owner" not in narrow.splitlines()[0]
    assert "Rank" not in narrow.splitlines()[0] and "Score" in narrow.splitlines()[0]


def test_tsv_has_the_json_fields_one_line_each(kam, listed):
    tsv = kam("list", "--format", "tsv", db=listed)
    rows = json.loads(kam("list", "--json", db=listed).stdout)
    assert tsv.returncode == 0, tsv.stderr
    lines = tsv.stdout.splitlines()
    assert lines[0].split("\t") == list(rows[0])
    assert len(lines) == 1 + len(rows)
    for line, row in zip(lines[1:], rows):
        cells = line.split("\t")
        assert len(cells) == len(row)
        assert cells[0] == row["name"].replace("\x1b", "␛")
        assert cells[list(row).index("score")] == ("" if row["score"] is None else repr(row["score"]))
        assert cells[list(row).index("suggested_key")] == ("true" if row["suggested_key"] else "false")


def test_json_and_another_format_are_refused_together(kam, listed):
    out = kam("list", "--json", "--format", "tsv", db=listed)
    assert out.returncode == 2 and out.stdout == ""
    assert "--json" in out.stderr and len(out.stderr.strip().splitlines()) == 1
