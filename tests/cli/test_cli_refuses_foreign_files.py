"""A file that is not ours (text, another program's SQLite, a newer kam's
database) is refused by every command that opens the database, plain `kam`
included: one line, a non-zero exit, and the file left byte-identical with
nothing created beside it."""

from __future__ import annotations

import pytest

from tests import bad_files
from tests.bad_files import digest, listing

BAD_FILES = bad_files.BAD_FILES
COMMANDS = {
    "list": ["list"],
    "list --json": ["list", "--json"],
    "export": ["export", "Acme"],
    "init": ["init"],
    "init --demo": ["init", "--demo"],
    "plain kam": [],
}


@pytest.mark.parametrize("command", list(COMMANDS), ids=list(COMMANDS))
@pytest.mark.parametrize("kind", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_file_that_is_not_ours_gets_one_line_nonzero_and_stays_byte_identical(kam, tmp_path, kind, command):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "x.db"
    BAD_FILES[kind](path)
    before, files_before = digest(path), listing(folder)
    out = kam("--db", str(path), *COMMANDS[command], input="")  # stdin is not a terminal
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("kam: ") and "Traceback" not in out.stderr
    assert ("newer version" in lines[0]) if kind == "newer version" else ("not a kam database" in lines[0])
    assert out.stdout == ""
    assert digest(path) == before
    assert listing(folder) == files_before  # no -wal, -shm, lock or backup left beside it
