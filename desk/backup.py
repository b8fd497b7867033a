"""Backups of the desk database with SQLite's online backup API (consistent while the app runs)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from desk.store import Store


def backup_dir(store: Store) -> Path:
    return store.path.parent / "backups"


def make_backup(store: Store, *, keep: int = 30, label: str = "") -> Path:
    folder = backup_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"desk-{stamp}{'-' + label if label else ''}.db"
    dest = sqlite3.connect(target)
    try:
        store.conn().backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    _prune(folder, keep)
    return target


def _prune(folder: Path, keep: int) -> None:
    olds = sorted(p for p in folder.glob("desk-*.db"))
    for p in olds[:-keep] if keep > 0 else []:
        p.unlink(missing_ok=True)


def list_backups(store: Store) -> list[Path]:
    return sorted(backup_dir(store).glob("desk-*.db"))
