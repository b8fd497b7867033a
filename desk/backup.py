"""Backups of the desk database with SQLite's online backup API (consistent while the app runs).

A backup is an encrypted copy (same key as the database, desk/keys.py) in `<data_dir>/backups/`, made
only after the live database passes quick_check (a damaged database never rotates good backups away),
opened and checked again once written, then optionally copied to a second folder (a USB stick, setting
`backup.second_folder`). Restoring one works over a damaged or missing database: the file is never
opened through the store, what it replaces is moved aside as it is, and the side file (`desk.db.hwm`)
makes the restored desk start a new epoch so no dossier code or sync sequence number is issued twice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from desk import dbfile, fsperm, health, keys
from desk.errors import DeskError
from desk.settings import Settings
from desk.store import Store

BACKUP_GLOB = health.BACKUP_GLOB


def backup_dir(store: Store) -> Path:
    return store.path.parent / "backups"


def make_backup(store: Store, *, keep: int = 30, label: str = "", second_folder: Path | str | None = None) -> Path:
    """Check the live database, copy it, check the copy; rotate; copy to `second_folder` if given.

    Raises DamagedDatabase (nothing written, no backup pruned) if the live database is damaged."""
    problems = store.check()
    if problems:
        assert store.damage is not None
        raise store.damage
    folder = fsperm.private_dir(backup_dir(store))
    keys.copy_keyid(store.path.parent, folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"desk-{stamp}{'-' + label if label else ''}.db"
    tmp = target.with_suffix(".part")
    try:
        dbfile.copy_database(store.conn(), tmp, store.key)
        bad = dbfile.check_file(tmp, store.key)
        if bad:
            raise DeskError("Bản sao lưu vừa ghi không đọc lại được (ổ đĩa lỗi hoặc đầy); bản sao lưu cũ được giữ "
                            "nguyên. Hãy kiểm tra ổ đĩa.", code="backup_unverified")
        dbfile.fsync_file(tmp)
        tmp.replace(target)  # a half-written copy never looks like a backup
    finally:
        tmp.unlink(missing_ok=True)
    _prune(folder, keep)
    if second_folder:
        copy_to_second_folder(store, target, Path(second_folder), keep=keep)
    return target


def copy_to_second_folder(store: Store, backup: Path, folder: Path, *, keep: int) -> Path:
    """A checked copy of `backup` in a second folder (a USB stick): a failing disk takes both otherwise."""
    try:
        fsperm.private_dir(folder)
        keys.copy_keyid(store.path.parent, folder)
        target = folder / backup.name
        tmp = target.with_suffix(".part")
        dbfile.create_private(tmp)
        shutil.copyfile(backup, tmp)
        if dbfile.check_file(tmp, store.key):
            tmp.unlink(missing_ok=True)
            raise OSError("copy did not check out")
        tmp.replace(target)
    except OSError:
        raise DeskError(f"Không chép được bản sao lưu sang thư mục thứ hai «{folder}» (USB chưa cắm, đầy hoặc "
                        "chỉ đọc). Bản sao lưu trên máy vẫn có.", code="second_folder_failed") from None
    _prune(folder, keep)
    return target


def _prune(folder: Path, keep: int) -> None:
    olds = sorted(folder.glob(BACKUP_GLOB), key=lambda p: p.stat().st_mtime)
    for p in olds[:-keep] if keep > 0 else []:
        p.unlink(missing_ok=True)


def list_backups(store: Store) -> list[Path]:
    return sorted(backup_dir(store).glob(BACKUP_GLOB), key=lambda p: p.stat().st_mtime)


def backup_if_due(store: Store, *, every: timedelta = timedelta(hours=20), keep: int = 30,
                  second_folder: Path | str | None = None) -> Path | None:
    """The daily automatic backup (run off the GUI thread at start-up)."""
    existing = list_backups(store)
    if existing and datetime.now() - datetime.fromtimestamp(existing[-1].stat().st_mtime) < every:
        return None
    return make_backup(store, keep=keep, label="auto", second_folder=second_folder)


def automatic_backup(store: Store, settings: Settings, *, label: str, daily: bool = False) -> str:
    """The daily backup (at start-up, off the GUI thread) or the day-close one, with the office's
    settings; returns a sentence for the officer. A failure is said, not raised: the day close itself
    succeeded, and a damaged database has already stopped writes."""
    keep = int(settings.get("backup.keep"))
    second = str(settings.get("backup.second_folder")) or None
    try:
        if daily:
            made = backup_if_due(store, keep=keep, second_folder=second)
            if made is None:
                return ""
        else:
            made = make_backup(store, keep=keep, label=label, second_folder=second)
    except DeskError as e:
        return f"Chưa sao lưu được: {e.message_vi}"
    return f"Đã sao lưu: {made.name}" + (f" (và chép sang {second})" if second else "")


def check_backup(path: Path, key: bytes | None) -> str:
    """Refuse a file that is not a sound desk database, before anything is replaced; return its device id."""
    if not path.is_file():
        raise DeskError(f"Không tìm thấy tệp sao lưu «{path}».", code="bad_backup")
    if key is None:
        raise keys.KeyMissing(
            f"Không có khóa mã hóa của bản sao lưu «{path.name}» trên máy này (sao lưu của máy khác, hoặc máy đã "
            "cài lại). Thêm --recovery-key với khóa khôi phục đã in khi cài đặt.",
            message_en="This backup's key is not on this PC; add --recovery-key.")
    problems = dbfile.check_file(path, key)
    if problems == ["file is not a database"] and not dbfile.is_plain_sqlite(path):
        raise DeskError(f"Tệp «{path.name}» không phải bản sao lưu cơ sở dữ liệu của phần mềm, hoặc khóa không "
                        "đúng.", code="bad_backup")
    if dbfile.is_plain_sqlite(path):
        problems = dbfile.check_file(path, None)
        if not problems:
            return _device_of(path, None)
    if problems:
        raise DeskError(f"Tệp «{path.name}» bị hỏng hoặc không phải cơ sở dữ liệu của phần mềm.", code="bad_backup")
    return _device_of(path, key)


def _device_of(path: Path, key: bytes | None) -> str:
    conn = dbfile.connect(path, key, readonly=True)
    try:
        row = conn.execute("SELECT device_id FROM device WHERE id = 1").fetchone()
    except dbfile.DatabaseError:
        row = None
    finally:
        conn.close()
    if row is None:
        raise DeskError(f"Tệp «{path.name}» không phải cơ sở dữ liệu của phần mềm.", code="bad_backup")
    return str(row[0])


def restore_backup(data_db: Path, backup: Path, *, allow_other_device: bool = False,
                   recovery_key: bytes | None = None, lock_held: bool = False) -> Path | None:
    """Put a backup in place of the desk database, whatever state that database is in (sound, damaged,
    missing). Returns where the replaced files were moved, or None if there was no database.

    Refused while the window has this data open (its later writes would be lost) unless the caller is
    that window (`lock_held`), and for a backup made on another PC (both PCs would then issue the same
    dossier codes) unless explicitly allowed.
    """
    from desk.highwater import HighWater
    from desk.sync.lock import app_lock

    data_dir = data_db.parent
    backup_keyid = keys.read_keyid(backup.parent)
    key = recovery_key if recovery_key is not None else health.key_for_backup(backup, data_dir)
    if recovery_key is not None and backup_keyid is not None and not backup_keyid.matches(recovery_key):
        raise DeskError("Khóa khôi phục không đúng với bản sao lưu này.", code="wrong_recovery_key")
    backup_device = check_backup(backup, key)
    known_device = HighWater.load(data_db.with_name(data_db.name + ".hwm")).device_id
    if known_device and backup_device != known_device and not allow_other_device:
        raise DeskError(
            "Bản sao lưu này được tạo trên một máy khác. Khôi phục nó ở đây sẽ làm hai máy cấp trùng mã hồ sơ; "
            "chỉ làm vậy khi thay máy (thêm --other-device) và không dùng máy cũ nữa.", code="other_device")
    # A replacement PC restores before the program has ever run there: its data folder is still missing.
    data_db.parent.mkdir(parents=True, exist_ok=True)
    if lock_held:
        return _swap_in(data_db, backup, key, backup_keyid)
    with app_lock(data_dir):
        return _swap_in(data_db, backup, key, backup_keyid)


def _swap_in(data_db: Path, backup: Path, key: bytes | None, backup_keyid: keys.KeyId | None) -> Path | None:
    from desk.highwater import HighWater

    data_dir = data_db.parent
    # Tell the next opening this is a restore, even of a copy taken just before the last write (which
    # would otherwise look like a write killed before its commit, and have its numbers reused).
    hw = HighWater.load(data_db.with_name(data_db.name + ".hwm"))
    if hw.base_seq:
        hw.base_seq = 0
        hw.save()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept: Path | None = None
    if data_db.exists():
        # Moved as it is, with its WAL: a damaged file cannot be copied through SQLite, and a sound one
        # keeps its last writes in the WAL that goes with it.
        kept = data_db.with_name(f"{data_db.stem}-replaced-{stamp}.db")
        os.replace(data_db, kept)
        for suffix in ("-wal", "-shm"):
            side = Path(str(data_db) + suffix)
            if side.exists():
                os.replace(side, Path(str(kept) + suffix))
    else:
        for suffix in ("-wal", "-shm"):
            Path(str(data_db) + suffix).unlink(missing_ok=True)
    tmp = data_db.with_suffix(".restoring")
    dbfile.create_private(tmp)
    shutil.copyfile(backup, tmp)
    tmp.replace(data_db)
    if key is not None:
        # The database now holds the backup's data under the backup's key: this folder names that key,
        # and this PC's key store holds it (a recovery key typed in for another PC's backup).
        keys.install_key(data_dir, key, backup_keyid or keys.read_keyid(data_dir))
    with contextlib.suppress(OSError):
        fsperm.private_file(data_db)
    return kept
