"""The user's preferences (the theme, and the database to open when neither
--db nor KAM_DB names one, e.g. a team's postgresql:// server), kept in a small
JSON file in the platformdirs config folder. Settings that belong to a
database, such as the key-account limit, live in that database instead."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from kam_tui.fsutil import WriteRefused, atomic_write_text
from kam_tui.paths import config_dir

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    theme: str = "textual-dark"
    # a file path or a postgresql:// URL; empty: kam.db in the user data folder
    database: str = ""


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults when the file is missing or unreadable
    (a damaged settings file must never stop the app from opening)."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {k: v for k, v in data.items() if k in Settings.__dataclass_fields__ and isinstance(v, str)}
    return Settings(**known)


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Save; returns a one-line reason when it could not be saved, else None."""
    try:
        atomic_write_text(path or settings_path(), json.dumps(asdict(settings), indent=2) + "\n")
    except WriteRefused as exc:
        return str(exc)
    return None
