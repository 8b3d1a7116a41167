"""Everything outside kam_tui/tui must load without Textual: the CLI, the importer
and the exporters run in scripts and tests with no terminal, and `kam list` must not
pay for a UI it never draws. The import-linter contracts in pyproject.toml hold the
same fence over the source; this test holds it over what Python really loads."""

import json
import subprocess
import sys

# Imports every module of the package except the app, then reports what got loaded.
PROBE = """
import json, pkgutil, sys
import kam_tui
names = [
    m.name for m in pkgutil.walk_packages(kam_tui.__path__, "kam_tui.")
    if not m.name.startswith("kam_tui.tui") and m.name != "kam_tui.__main__"
]
for name in names:
    __import__(name)
print(json.dumps({"imported": names, "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}))
"""


def test_no_module_outside_the_app_loads_textual():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    imported = set(report["imported"])
    # the walk really reached every layer and single-file concern, not just a few
    for name in (
        "kam_tui.cli",
        "kam_tui.commands.open_app",
        "kam_tui.importer.apply",
        "kam_tui.export.plan",
        "kam_tui.services.accounts",
        "kam_tui.rules.checklist",
        "kam_tui.backup",
        "kam_tui.lock",
        "kam_tui.money",
        "kam_tui.settings",
        "kam_tui.vocabulary",
        "kam_tui.db",
        "kam_tui.models",
    ):
        assert name in imported
    assert report["textual"] == []
