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


def check_backup(path: Path) -> str:
    """Refuse a file that is not a sound desk database, before anything is replaced; return its device id."""
    if not path.is_file():
        raise DeskError(f"Không tìm thấy tệp sao lưu «{path}».", code="bad_backup")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            row = con.execute("SELECT device_id FROM device WHERE id = 1").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        raise DeskError(f"Tệp «{path.name}» không phải bản sao lưu cơ sở dữ liệu của phần mềm.",
                        code="bad_backup") from None
    if ok != "ok" or row is None:
        raise DeskError(f"Tệp «{path.name}» bị hỏng hoặc không phải cơ sở dữ liệu của phần mềm.", code="bad_backup")
    return str(row[0])


def restore_backup(data_db: Path, backup: Path, *, allow_other_device: bool = False) -> Path:
    """Put a backup in place of the desk database. Returns where the replaced database was kept.

    Refused while the window has this data open (its later writes would be lost), and for a backup made
    on another PC (both PCs would then issue the same dossier codes) unless explicitly allowed.
    """
    from desk.highwater import HighWater
    from desk.sync.lock import app_lock

    backup_device = check_backup(backup)
    known_device = HighWater.load(data_db.with_name(data_db.name + ".hwm")).device_id
    if known_device and backup_device != known_device and not allow_other_device:
        raise DeskError(
            "Bản sao lưu này được tạo trên một máy khác. Khôi phục nó ở đây sẽ làm hai máy cấp trùng mã hồ sơ; "
            "chỉ làm vậy khi thay máy (thêm --other-device) và không dùng máy cũ nữa.", code="other_device")
    # A replacement PC restores before the program has ever run there: its data folder is still missing.
    data_db.parent.mkdir(parents=True, exist_ok=True)
    with app_lock(data_db.parent):
        return _swap_in(data_db, backup)


def _swap_in(data_db: Path, backup: Path) -> Path:
    from desk.highwater import HighWater

    # Tell the next opening this is a restore, even of a copy taken just before the last write (which
    # would otherwise look like a write killed before its commit, and have its numbers reused).
    hw = HighWater.load(data_db.with_name(data_db.name + ".hwm"))
    if hw.base_seq:
        hw.base_seq = 0
        hw.save()
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
