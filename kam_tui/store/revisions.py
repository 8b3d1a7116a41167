"""The schema revisions this kam knows, oldest first: Alembic's revision ids.

Kept as a constant so that opening a database can tell whether it comes from a
newer kam without importing Alembic (start-up must stay cheap): a SQLite file's
`user_version` is the number of revisions applied to it, and a database whose
`alembic_version` names a revision not listed here was written by a newer kam.
tests/core/test_revisions.py checks this list against the scripts in
kam_tui/store/migrations/versions, so the two cannot drift apart.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = (
    "0001_baseline",
    "0002_crm_ids",
    "0003_relationships",
    "0004_stage_history_countries",
    "0005_team",
    "0006_due_indexes",
)

HEAD = REVISIONS[-1]

# The schema version a SQLite file is stamped with (PRAGMA user_version).
SCHEMA_VERSION = len(REVISIONS)


def version_of(revision: str) -> int | None:
    """1 for the first revision, and so on; None for one this kam does not know."""
    try:
        return REVISIONS.index(revision) + 1
    except ValueError:
        return None
