"""Alembic's environment for kam's schema revisions.

kam runs revisions itself (kam_tui/store/migrate.py) and hands over an open
connection in `config.attributes["connection"]`; each revision then runs in
its own transaction together with its bookkeeping (alembic_version, and in a
SQLite file PRAGMA user_version = the number of revisions applied).

A developer writing a revision runs Alembic's command line instead, with
kam_tui/store/alembic.ini and `-x db=PATH_OR_URL` (see kam_tui/store/__init__.py).
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import text

config = context.config


def _bump_user_version(ctx: Any, step: Any, heads: Any, run_args: Any) -> None:
    """In a SQLite file, keep PRAGMA user_version = revisions applied, in the
    revision's own transaction (start-up reads it without Alembic)."""
    connection = ctx.connection
    if connection is None or connection.dialect.name != "sqlite":
        return
    from kam_tui.store.revisions import REVISIONS

    revisions: tuple[str, ...] = config.attributes.get("revisions") or REVISIONS
    (revision,) = step.destination_revision_ids or ("",)
    version = revisions.index(revision) + 1 if revision in revisions else 0
    connection.execute(text(f"PRAGMA user_version={version}"))
    # kam upgrades a file with foreign keys off (store/migrate.py): a revision
    # that left a dangling reference fails here, inside its own transaction
    broken = connection.execute(text("PRAGMA foreign_key_check")).first()
    if broken is not None:
        raise RuntimeError(f"revision {revision} left a row of {broken[0]} pointing at a missing {broken[2]}")


def _run(connection: Any, target_metadata: Any = None) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        transaction_per_migration=True,
        # SQLite alters a table by copying it: Alembic's batch mode does that
        render_as_batch=connection.dialect.name == "sqlite",
        on_version_apply=_bump_user_version,
    )
    with context.begin_transaction():
        context.run_migrations()


def _developer_run() -> None:
    """`alembic -c kam_tui/store/alembic.ini -x db=... revision --autogenerate`."""
    from sqlalchemy import create_engine

    from kam_tui.store.location import parse_location
    from kam_tui.store.schema import kam_metadata

    target = context.get_x_argument(as_dictionary=True).get("db")
    if not target:
        raise SystemExit("give the database to compare with: -x db=PATH (a kam file at the newest revision)")
    location = parse_location(target)
    if location.is_server:
        from kam_tui.store.engine import server_url_for_sqlalchemy

        engine = create_engine(server_url_for_sqlalchemy(location.server_url))
    else:
        engine = create_engine(f"sqlite:///{location.file_path}")
    with engine.connect() as connection:
        _run(connection, kam_metadata())
        connection.commit()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    _developer_run()
