"""Where the data lives: --db, KAM_DB and the settings file name a file or a
server; a URL is a URL and a path is a path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kam_tui.store.errors import DatabaseRefused
from kam_tui.store.location import Location, hide_password, parse_location, resolve_location


@pytest.mark.parametrize(
    "text",
    ["postgresql://kam@db.example:5432/plans", "postgres://kam@localhost/plans", "postgresql+psycopg://u:p@h/db"],
)
def test_a_postgresql_url_is_a_server(text):
    where = parse_location(text)
    assert where.is_server and where.path is None and where.url == text


@pytest.mark.parametrize("text", ["q/a?b.db", "plans.db", "./postgresql:/x.db", "~/kam.db", "C:\\kam\\x.db", "a:b.db"])
def test_anything_else_is_a_file_name(text):
    where = parse_location(text)
    assert not where.is_server and where.path == Path(text).expanduser()


def test_sqlite_urls_name_files():
    assert parse_location("sqlite:////tmp/x/kam.db").path == Path("/tmp/x/kam.db")
    assert parse_location("sqlite:///rel.db").path == Path("rel.db")


@pytest.mark.parametrize("text", ["mysql://u@h/db", "http://example.com/kam.db", "postgresql://kam@host:5432/"])
def test_a_url_kam_cannot_use_is_refused_in_one_line(text):
    with pytest.raises(DatabaseRefused) as info:
        parse_location(text)
    assert "\n" not in str(info.value)


def test_a_password_is_never_shown():
    where = parse_location("postgresql://kam:s3cret%21@db.example:5433/plans?sslmode=require")
    assert "s3cret" not in str(where) and str(where) == "postgresql://kam@db.example:5433/plans?sslmode=require"
    assert hide_password("postgresql://db.example/plans") == "postgresql://db.example/plans"
    assert where.database_name == "plans"


def test_db_then_kam_db_then_the_settings_file_then_the_data_folder(tmp_path, monkeypatch):
    settings = tmp_path / "settings.json"
    monkeypatch.delenv("KAM_DB", raising=False)
    default = resolve_location(None, settings)
    assert default.path is not None and default.path.name == "kam.db"
    settings.write_text(json.dumps({"theme": "nord", "database": "postgresql://team@db/plans"}), encoding="utf-8")
    assert resolve_location(None, settings) == Location(url="postgresql://team@db/plans")
    monkeypatch.setenv("KAM_DB", str(tmp_path / "env.db"))
    assert resolve_location(None, settings) == Location.file(tmp_path / "env.db")
    assert resolve_location("postgresql://me@db/mine", settings).url == "postgresql://me@db/mine"


def test_kam_with_a_server_url_never_makes_a_folder_named_after_it(kam, tmp_path):
    """It used to: `postgresql:` became a folder with a new SQLite file in it."""
    result = kam("init", db="postgresql://kam@127.0.0.1:1/nowhere")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not any(p.name.startswith("postgresql") for p in tmp_path.rglob("*"))


def test_a_file_name_with_a_question_mark_is_a_file(kam, tmp_path):
    target = tmp_path / "q" / "a?b.db"
    done = kam("init", db=target)
    assert done.returncode == 0, done.stderr
    assert target.is_file()


def test_the_settings_file_names_the_database_for_every_command(kam, tmp_path):
    chosen = tmp_path / "chosen.db"
    config = tmp_path / "xdg-config" / "kam_tui"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"database": str(chosen)}), encoding="utf-8")
    assert kam("init", "--demo").returncode == 0
    assert chosen.is_file()
    assert len(json.loads(kam("list", "--json").stdout)) == 3
