"""These tests are about the file (its WAL, lock and backups), the `kam` command
on a file, or the app on a file: `engine` and `session` are a SQLite file's
here. Their PostgreSQL counterparts live in tests/*/test_*postgres*.py."""

from __future__ import annotations

import pytest


@pytest.fixture
def backend() -> str:
    return "sqlite"
