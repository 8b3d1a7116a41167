"""Who is who from the shell: `kam config user` names the user (saved in the
settings file, refused in one line when it cannot be a name), and `kam list`
counts each owner's key list against their own limit under the table."""

from __future__ import annotations

import json
from pathlib import Path

from kam_tui.services import accounts, scoring
from kam_tui.store.engine import new_session, open_database

HOSTILE = "[bold]Ana[/bold] \x1b[31mred " + "Ö" * 10_000


def settings_of(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "xdg-config" / "kam_tui" / "settings.json").read_text(encoding="utf-8"))


def test_kam_config_user_sets_shows_and_clears_the_name(kam, tmp_path):
    done = kam("config", "user", "  Dana   Reyes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Your name is now Dana Reyes; saved in ")
    assert settings_of(tmp_path)["user"] == "Dana Reyes"
    assert kam("config", "user").stdout == "Dana Reyes\n"
    assert kam("config").stdout.startswith("user: Dana Reyes\n")
    refused = kam("config", "user", "Dana\x1b[31m")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == "kam: your name holds a control character; type the name as plain text\n"
    assert settings_of(tmp_path)["user"] == "Dana Reyes"
    cleared = kam("config", "user", "")
    assert cleared.returncode == 0 and "(your login name)" in cleared.stdout
    assert settings_of(tmp_path)["user"] == ""


def test_kam_list_counts_each_owners_key_list_against_their_limit(kam, db_path):
    engine = open_database(db_path)
    with new_session(engine) as s:
        for name, owner, tier in (
            ("Dana Bank", "Dana Reyes", "existing_key"),
            ("Dana Works", "Dana Reyes", "emerging_key"),
            ("Per Foods", "Per Holm", "emerging_key"),
            ("Odd Corp", HOSTILE, "existing_key"),
            ("Nobody's", "", "candidate"),
        ):
            accounts.create_account(s, name, owner=owner, tier=tier)
        scoring.set_key_account_limit(s, 1, owner="Dana Reyes")
        scoring.set_key_account_limit(s, 4)
    engine.dispose()
    done = kam("list", db=db_path)
    assert done.returncode == 0, done.stderr
    note = done.stdout.splitlines()[-5:]
    assert note == [
        "5 accounts, 4 key, 4 owners",
        f"  {'[bold]Ana[/bold] ␛[31mred ' + 'Ö' * 13}…: 1 key (limit 4)",
        "  Dana Reyes: 2 key (limit 1); over the limit: keep the key list short",
        "  Per Holm: 1 key (limit 4)",
        "  1 other owner with no key account",
    ]
    assert "\x1b" not in done.stdout
