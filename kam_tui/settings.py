"""The user's preferences (the theme, the database to open when neither
--db nor KAM_DB names one, e.g. a team's postgresql:// server, the name their
edits are recorded under, and the columns they mapped by hand in an import), kept in a small JSON file in the
platformdirs config folder. Settings that belong to a database, such as the
key-account limit, live in that database instead."""

from __future__ import annotations

import getpass
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kam_tui.fsutil import WriteRefused, atomic_write_text
from kam_tui.paths import config_dir

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    theme: str = "textual-dark"
    # a file path or a postgresql:// URL; empty: kam.db in the user data folder
    database: str = ""
    # who this user is to colleagues on a shared database; empty: the login name
    user: str = ""
    # header signature (importer.headers.header_signature) -> {column: field or "ignore"}
    import_maps: dict[str, dict[str, str]] = field(default_factory=dict)


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
    known: dict[str, Any] = {k: v for k, v in data.items() if k in ("theme", "database", "user") and isinstance(v, str)}
    maps = data.get("import_maps")
    if isinstance(maps, dict):
        known["import_maps"] = {
            str(signature): {str(c): str(f) for c, f in mapping.items() if isinstance(c, str) and isinstance(f, str)}
            for signature, mapping in maps.items()
            if isinstance(mapping, dict)
        }
    return Settings(**known)


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Save; returns a one-line reason when it could not be saved, else None."""
    try:
        atomic_write_text(path or settings_path(), json.dumps(asdict(settings), indent=2) + "\n")
    except WriteRefused as exc:
        return str(exc)
    return None


def login_name() -> str:
    """The operating system's name for this user; "" when it has none (a
    container started with an unknown uid)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def current_user(settings: Settings | None = None) -> str:
    """The name recorded beside every edit: the one chosen in settings, else
    the login name, else "unknown"."""
    chosen = (settings or load_settings()).user.strip()
    return chosen or login_name() or "unknown"


# a name colleagues read beside every edit: one line, as long as a person's name gets
USER_NAME_LONGEST = 100


def clean_user_name(value: str | None) -> str:
    """The name to save as this user's: one line of plain text; "" (blank)
    goes back to the login name. ValidationError says what is wrong."""
    from kam_tui.errors import ValidationError
    from kam_tui.text import clean_name

    text = " ".join((value or "").split())
    if not text:
        return ""
    if not text.isprintable():
        raise ValidationError("name", "holds a control character; type the name as plain text")
    return clean_name(text, "name", max_length=USER_NAME_LONGEST)


def save_user_name(value: str | None, path: Path | None = None) -> str:
    """Check and save this user's name (blank: the login name again); returns
    the name edits are now recorded under. ValidationError when the name is
    refused or the settings file cannot be written."""
    from kam_tui.errors import ValidationError

    settings = load_settings(path)
    settings.user = clean_user_name(value)
    problem = save_settings(settings, path)
    if problem:
        raise ValidationError("name", f"not saved: {problem}")
    return current_user(settings)
