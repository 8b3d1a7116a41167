"""The store is the one place that opens a connection, and its fast reads
load no SQLAlchemy: the account list paints and `kam export --all` runs on
stdlib sqlite3 alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "kam_tui"

# What opens a connection, by the name it is called with.
OPENERS = {"connect", "create_engine", "raw_connection"}


def _calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            if name in OPENERS and owner in ("sqlite3", "psycopg", "sa", "sqlalchemy", ""):
                found.append(f"{owner}.{name}" if owner else name)
    return found


def test_nothing_outside_the_store_opens_a_connection():
    offenders = {}
    for path in sorted(PKG.rglob("*.py")):
        part = path.relative_to(PKG).parts[0]
        if part == "store":
            continue
        calls = _calls(path)
        if calls:
            offenders[str(path.relative_to(PKG))] = calls
    assert offenders == {}


FIRST_PAINT = """
import sys
from pathlib import Path
from kam_tui.store.location import Location
from kam_tui.store.quick import first_look, file_reader, reading
from kam_tui.store.account_rows import account_rows, key_account_limit
from kam_tui.store.plans import read_portfolio
path = Path(sys.argv[1])
print(first_look(Location.file(path)))
with file_reader(path) as reader:
    print(len(account_rows(reader)), key_account_limit(reader))
with reading(Location.file(path)) as reader:
    print(len(read_portfolio(reader).plans))
print(sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "sqlmodel", "alembic", "psycopg"}))
"""


def test_the_fast_reads_never_load_sqlalchemy(tmp_path, kam):
    db = tmp_path / "kam.db"
    assert kam("init", "--demo", db=db).returncode == 0
    run = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(db)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n") == ["(True, True)", "3 8", "3", "[]", ""]
