"""The importer writes a SQLite file through stdlib sqlite3 (it moves onto the
store later): `engine` and `session` are a file's here."""

from __future__ import annotations

import pytest


@pytest.fixture
def backend() -> str:
    return "sqlite"
