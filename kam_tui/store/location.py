"""Where the data lives: a SQLite file (one KAM, the default) or a PostgreSQL
server (a team), named by `--db`, `KAM_DB` or the settings file.

A URL is a URL and a path is a path: only text that starts with a scheme and
`://` is read as a URL (`postgresql://kam@db.example:5432/kam`); anything
else, `q/a?b.db` included, is a file name. A URL kam cannot use is refused in
one line rather than turned into a folder named `mysql:`.

Stdlib only: resolving the location is part of start-up.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from kam_tui.store.errors import DatabaseRefused

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://")


@dataclass(frozen=True)
class Location:
    """Exactly one of `path` (a SQLite file) and `url` (a server)."""

    path: Path | None = None
    url: str | None = None

    @classmethod
    def file(cls, path: str | os.PathLike[str]) -> Location:
        return cls(path=Path(path).expanduser())

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def file_path(self) -> Path:
        """The SQLite file; only for a file location (a server has no file)."""
        if self.path is None:
            raise ValueError(f"{self} is a server database, not a file")
        return self.path

    @property
    def server_url(self) -> str:
        if self.url is None:
            raise ValueError(f"{self} is a file, not a server database")
        return self.url

    @property
    def database_name(self) -> str:
        """The file's stem, or the server database's name: what a backup is named after."""
        if self.path is not None:
            return self.path.stem
        name = unquote(urlsplit(self.server_url).path.lstrip("/"))
        return name or "kam"

    def __str__(self) -> str:
        return str(self.path) if self.path is not None else hide_password(self.server_url)


def hide_password(url: str) -> str:
    """The URL as it may be shown or logged: any password is left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))


def parse_location(text: str | os.PathLike[str]) -> Location:
    """A --db value as a Location. Raises DatabaseRefused for a URL kam cannot use."""
    if isinstance(text, Path):
        return Location.file(text)
    value = os.fspath(text)
    match = _URL.match(value)
    if match is None:
        return Location.file(value)
    scheme = match["scheme"].lower()
    if scheme in SERVER_SCHEMES:
        if not urlsplit(value).path.strip("/"):
            raise DatabaseRefused(f"{hide_password(value)} names no database: add it, as in postgresql://USER@HOST/DB")
        return Location(url=value)
    if scheme == "sqlite":
        rest = value[match.end() :]
        # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy writes them
        if rest.startswith("/") and rest[1:]:
            return Location.file(rest[1:])
    raise DatabaseRefused(
        f"{hide_password(value)} is not a database kam can use: give a file path or a postgresql:// URL"
    )


def resolve_location(cli_value: str | os.PathLike[str] | None = None, settings_file: Path | None = None) -> Location:
    """--db wins, then KAM_DB, then the settings file's "database", then kam.db
    in the user data folder."""
    if cli_value:
        return parse_location(cli_value)
    env = os.environ.get("KAM_DB")
    if env:
        return parse_location(env)
    from kam_tui.settings import load_settings

    configured = load_settings(settings_file).database.strip()
    if configured:
        return parse_location(configured)
    from kam_tui.paths import default_db_path

    return Location.file(default_db_path())
