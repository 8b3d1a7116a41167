"""Every command on a database full of hostile names (tests/hostile.py): no
traceback, no markup read (a name like "[/]" or "[link=...]" prints as it is),
and nothing written to the terminal that acts on it (escape sequences, C1
controls and bidi overrides show as visible marks or go). JSON keeps the data
exactly, written so a terminal runs none of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kam_tui.store.engine import new_session, open_database
from kam_tui.store.location import Location
from tests import hostile
from tests.pseudo_terminal import run_on_pty


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    engine = open_database(db_path)
    with new_session(engine) as s:
        hostile.plant(s)
    engine.dispose()
    return db_path


WIDE = {"COLUMNS": "300"}  # every name on one line, to find it whole


def clean(result, *, code: int = 0) -> str:
    """What a command wrote, after checking it is safe to have written it."""
    output = result.stdout + result.stderr
    assert result.returncode == code, output[-2000:]
    assert "Traceback" not in output
    acting = sorted({repr(c) for c in hostile.ACTING.findall(output)})
    assert not acting, acting
    return output


def test_list_and_today_print_every_name_as_text(kam, hostile_db):
    listed = clean(kam("list", db=hostile_db, env=WIDE))
    for name in hostile.MARKUP_NAMES:
        assert name in listed, name
    assert "␛]52;c;SE9TVElMRQ==␇" in listed and "HOSTILE-RTL" in listed
    assert "L" * 200 not in listed.replace("\n", "")  # a 10,000-character name is cut short, not 280 lines
    today = clean(kam("today", db=hostile_db))
    for name in hostile.MARKUP_NAMES:
        assert f": {name}" in today, name


def test_json_keeps_every_name_exactly(kam, hostile_db):
    stored = {n if "\n" not in n else " ".join(n.split()) for n in hostile.NAMES} | {hostile.LONG}
    listed = kam("list", "--json", db=hostile_db)
    clean(listed)
    assert {r["name"] for r in json.loads(listed.stdout)} == stored
    today = kam("today", "--json", db=hostile_db)
    clean(today)
    assert {i["account"] for i in json.loads(today.stdout)} == stored


def test_export_to_the_terminal_and_to_files_writes_no_control_character(kam, hostile_db, tmp_path):
    for name in (hostile.OSC52, hostile.C1, hostile.RTL, "[/]", hostile.LINK):
        clean(kam("export", name, db=hostile_db))
    clean(kam("export", "--all", "-o", str(tmp_path / "plans"), db=hostile_db))
    for md in (tmp_path / "plans").iterdir():
        assert not hostile.ACTING.findall(md.read_text(encoding="utf-8")), md.name
    # an unknown name is quoted in the refusal, as text
    refused = clean(kam("export", "nope \x1b]52;c;SE9TVElMRQ==\x07 [/]", db=hostile_db), code=1)
    assert "no account called" in refused and "[/]" in refused and "osc52 ␛]52;c;SE9TVElMRQ==␇" in refused


def test_logging_a_contact_and_the_calendar_write_names_as_text(kam, hostile_db, tmp_path):
    for name in (hostile.OSC52, hostile.CSI, "[/]", hostile.LINK):
        logged = clean(kam("log", name, name, "--kind", "call", "--note", hostile.OSC8, db=hostile_db))
        assert "logged a call" in logged
    refused = clean(kam("log", hostile.OSC52, "nobody \x1b]52;c;SE9TVElMRQ==\x07", db=hostile_db), code=1)
    assert "osc52 ␛]52;c;SE9TVElMRQ==␇" in refused
    shown = clean(kam("calendar", db=hostile_db))
    assert "HOSTILE-CSI" in shown and "[/]" in shown
    ics = tmp_path / "plans \x1b[31m.ics"
    clean(kam("calendar", "-o", str(ics), db=hostile_db))
    assert not hostile.ACTING.findall(ics.read_text(encoding="utf-8").replace("\r\n", "\n"))


def test_backup_restore_and_paths_with_escapes_are_quoted_as_text(kam, hostile_db, tmp_path):
    odd = tmp_path / "odd \x1b]52;c;SE9TVElMRQ==\x07 [b]"
    odd.mkdir()
    copy = odd / "copy.db"
    clean(kam("backup", "-o", str(copy), db=hostile_db))
    clean(kam("restore", str(copy), db=hostile_db))
    clean(kam("stray\x1b]52;c;SE9TVElMRQ==\x07", db=hostile_db), code=2)


def test_importing_a_crm_file_of_hostile_names_prints_them_as_text(kam, tmp_path):
    db = tmp_path / "fresh.db"
    assert kam("init", db=db).returncode == 0
    # a CSV holding C0 controls is refused as binary: the rest of the hostile names
    rows = [n for n in hostile.NAMES if not any(c < " " for c in n)]
    csv = tmp_path / "hostile \x1b[31m.csv"
    lines = ["Account Name,Industry,Billing Country"] + [
        f'"{n.replace(chr(34), chr(34) * 2)}",{n[:3]},Norway' for n in rows
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    clean(kam("import", str(csv), "--dry-run", db=db))
    imported = clean(kam("import", str(csv), db=db))
    assert "[/]" in imported and "ACME [EMEA]" in imported
    listed = json.loads(kam("list", "--json", db=db).stdout)
    assert {r["name"] for r in listed} == set(rows)


def test_list_on_a_terminal_writes_no_link_and_no_raw_escape(hostile_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    code, shown = run_on_pty(["list", "--db", str(hostile_db)], [])
    assert code == 0, shown
    output = shown.encode("utf-8", "surrogateescape")
    assert hostile.effects(output) == []
    assert b"\x1b]8;" not in output  # no hyperlink of any kind
    assert "[link=http://evil.example]HOSTILE-LINK[/link]" in shown


def test_a_team_server_prints_hostile_names_as_text(kam, pg_url):
    """A server's names reach the terminal through the same plain-text path as a file's."""
    engine = open_database(Location(url=pg_url))
    with new_session(engine) as s:
        hostile.plant(s, long_names=False)
    engine.dispose()
    listed = clean(kam("list", db=pg_url, env=WIDE))
    for name in hostile.MARKUP_NAMES:
        assert name in listed, name
    clean(kam("today", db=pg_url))
    clean(kam("export", hostile.OSC52, db=pg_url))
    data = kam("list", "--json", db=pg_url)
    clean(data)
    assert hostile.OSC52 in {r["name"] for r in json.loads(data.stdout)}
