"""The core (models, db, services, export) must never import Textual: the CLI
and the tests use it without a terminal."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "kam_tui"
CORE = [PKG / "models.py", PKG / "db.py", PKG / "paths.py", *sorted((PKG / "services").rglob("*.py"))]
CORE += sorted((PKG / "export").rglob("*.py")) + sorted((PKG / "rules").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_do_not_import_textual():
    offenders = {
        str(p.relative_to(PKG)): sorted(
            m
            for m in imported_modules(p)
            if m.split(".")[0] in ("textual", "kam_tui.tui") or m.startswith("kam_tui.tui")
        )
        for p in CORE
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert len(CORE) > 5
    assert offenders == {}
