"""Where the user's data lives. No Textual, no SQLAlchemy: cheap to import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kam_tui"
DB_FILENAME = "kam.db"
DEMO_FILENAME = "demo.db"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_FILENAME


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db wins, then KAM_DB, then the platform's user data directory."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("KAM_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def make_private_dir(path: Path) -> None:
    """Create a folder (and any missing parents) readable by the user alone."""
    from kam_tui.fsutil import make_private_dir as make

    make(path)
