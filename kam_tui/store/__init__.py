"""The store: the one place that talks to the database.

It owns where the data lives (a SQLite file, or a PostgreSQL server for a
team: location.py), the engines and sessions (engine.py), the schema's
creation and Alembic's bookkeeping (schema.py, revisions.py), upgrades
(migrate.py, migrations/), the reads that bypass the ORM for speed, written
once as dialect-neutral SQL that runs on both databases (reader.py,
account_rows.py, plans.py, people.py), the import's writes (import_writer.py),
and whole-database copies between a server and a file (copy.py). The schema itself is declared once, in
kam_tui/models.py. Services, export, the CLI and the app go through here;
nothing else opens a connection (tests/core/test_store_fences.py).

Importing this package is free: SQLAlchemy loads when an engine is made, and
Alembic only when an upgrade runs, so the account list can paint first.

Adding a schema revision (a two-minute job)
-------------------------------------------
1. Change the model in kam_tui/models.py.
2. Write the revision, named in order (`0002_what_it_does`, at most 32 characters):
       kam init --db /tmp/head.db        # a file at the current newest revision
       alembic -c kam_tui/store/alembic.ini -x db=/tmp/head.db \\
           revision --autogenerate --rev-id 0002_stakeholder_email -m "stakeholder email"
   then read kam_tui/store/migrations/versions/0002_stakeholder_email.py:
   keep only what your change needs, give new NOT NULL columns a
   server_default so existing rows get a value, and on SQLite let Alembic's
   batch mode (`with op.batch_alter_table(...)`) rebuild the table.
3. Append the id to REVISIONS in kam_tui/store/revisions.py.
4. Run tests/core/test_revisions.py and tests/core/test_migrations.py: they
   check REVISIONS against the scripts, that a database at every earlier
   revision upgrades to the newest with its data, that upgrading gives the
   schema a new database gets, on SQLite and (with KAM_TEST_PG_URL) PostgreSQL.
Once released, a revision never changes; keep tests/fixtures/kam-v<N>.db.
"""
