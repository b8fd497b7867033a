"""Backups of the desk database with SQLite's online backup API (consistent while the app runs).

A backup is a plain SQLite file in `<data_dir>/backups/`; restoring one keeps the database it replaces
beside it, and the side file (`desk.db.hwm`) makes the restored desk start a new epoch so no dossier code
or sync sequence number is issued twice.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from desk.errors import DeskError
from desk.store import Store

BACKUP_GLOB = "desk-*.db"


def backup_dir(store: Store) -> Path:
    return store.path.parent / "backups"


def make_backup(store: Store, *, keep: int = 30, label: str = "") -> Path:
    folder = backup_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"desk-{stamp}{'-' + label if label else ''}.db"
    tmp = target.with_suffix(".part")
    dest = sqlite3.connect(tmp)
    try:
        store.conn().backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    tmp.replace(target)  # a half-written copy never looks like a backup
    _prune(folder, keep)
    return target


def _prune(folder: Path, keep: int) -> None:
    olds = sorted(folder.glob(BACKUP_GLOB), key=lambda p: p.stat().st_mtime)
    for p in olds[:-keep] if keep > 0 else []:
        p.unlink(missing_ok=True)


def list_backups(store: Store) -> list[Path]:
    return sorted(backup_dir(store).glob(BACKUP_GLOB), key=lambda p: p.stat().st_mtime)


def backup_if_due(store: Store, *, every: timedelta = timedelta(hours=20), keep: int = 30) -> Path | None:
    """The daily automatic backup (run off the GUI thread at start-up and at day close)."""
    existing = list_backups(store)
    if existing and datetime.now() - datetime.fromtimestamp(existing[-1].stat().st_mtime) < every:
        return None
    return make_backup(store, keep=keep, label="auto")


def check_backup(path: Path) -> None:
    """Refuse a file that is not a sound desk database, before anything is replaced."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            has_device = con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'device'").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise DeskError(f"Tệp «{path.name}» không phải bản sao lưu hợp lệ ({e}).", code="bad_backup") from None
    if ok != "ok" or not has_device:
        raise DeskError(f"Tệp «{path.name}» bị hỏng hoặc không phải cơ sở dữ liệu của phần mềm.", code="bad_backup")


def restore_backup(data_db: Path, backup: Path) -> Path:
    """Put a backup in place of the desk database (the app must be closed). Returns where the old one went."""
    check_backup(backup)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = data_db.with_name(f"{data_db.stem}-replaced-{stamp}.db")
    if data_db.exists():
        src = sqlite3.connect(data_db)
        dst = sqlite3.connect(kept)
        try:
            src.backup(dst)  # includes what is still in the WAL
        finally:
            src.close()
            dst.close()
    for suffix in ("-wal", "-shm"):
        Path(str(data_db) + suffix).unlink(missing_ok=True)
    tmp = data_db.with_suffix(".restoring")
    shutil.copyfile(backup, tmp)
    tmp.replace(data_db)
    return kept
