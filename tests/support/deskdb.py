"""Opening a desk database file directly in a test, as the desk does: with its data folder's key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desk import dbfile, keys


def key_of(db_path: Path) -> bytes:
    return keys.database_key(db_path.parent, create=False)


def connect(db_path: Path, **kwargs: Any) -> Any:
    """A connection to `<data dir>/desk.db` (or any file encrypted with that folder's key)."""
    return dbfile.connect(db_path, key_of(db_path), **kwargs)
