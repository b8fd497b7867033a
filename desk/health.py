"""Is the database file sound? Checked before the store opens it, before every backup, and on a write
that fails because the file is unreadable.

- A missing `desk.db` beside the side file (`desk.db.hwm`) or backups is a lost database, not a new
  office: the desk refuses to start over and offers the last good backup.
- A file that does not decrypt, or whose quick_check finds damage (truncated, bytes flipped, header
  zeroed), is damaged: nothing more is written to it and the last good backup is offered.
- A plain SQLite file from an older build is encrypted in place, with its backups.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from desk import dbfile, keys
from desk.errors import DeskError

BACKUP_GLOB = "desk-*.db"


class DamagedDatabase(DeskError):
    """The database cannot be trusted or is gone; the desk stops writing and offers a backup."""

    code = "database_damaged"

    def __init__(self, path: Path, problems: list[str], *, missing: bool = False,
                 backup: Path | None = None) -> None:
        self.path = path
        self.problems = problems
        self.missing = missing
        self.backup = backup
        what = ("Không tìm thấy tệp cơ sở dữ liệu «desk.db» trong khi máy này đã từng có dữ liệu (còn tệp "
                "theo dõi số hoặc bản sao lưu). Đây là mất dữ liệu, không phải một cơ quan mới: phần mềm "
                "không tạo cơ sở dữ liệu trống.") if missing else (
                "Cơ sở dữ liệu «desk.db» bị hỏng (ổ đĩa lỗi, tệp bị cắt hoặc bị sửa). Phần mềm đã dừng ghi "
                "để không làm hỏng thêm.")
        if backup is not None:
            offer = (f" Hãy khôi phục bản sao lưu tốt gần nhất «{backup.name}»: bấm «Khôi phục» trên màn hình, "
                     f"hoặc chạy «desk restore \"{backup}\"». Sau khi khôi phục, máy sẽ lấy lại từ cấp trên "
                     "những hồ sơ đã đồng bộ.")
        else:
            offer = (" Không có bản sao lưu dùng được trong thư mục backups: hãy tìm bản sao lưu trên USB "
                     "và chạy «desk restore <tệp>».")
        super().__init__(
            what + offer, code="database_missing" if missing else "database_damaged",
            message_en=("desk.db is missing although this PC had data; " if missing else "desk.db is damaged; ")
            + (f"restore the last good backup {backup.name}." if backup else "restore a backup."))


def backup_folders(data_dir: Path) -> list[Path]:
    return [data_dir / "backups"]


def backups(data_dir: Path) -> list[Path]:
    """Backup files of this data folder, newest first."""
    found: list[Path] = []
    for folder in backup_folders(data_dir):
        with contextlib.suppress(OSError):
            found.extend(folder.glob(BACKUP_GLOB))
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def has_history(data_dir: Path, db_path: Path) -> bool:
    """Did this folder ever hold a desk database? (The side file is written when the database is made.)"""
    hwm = db_path.with_name(db_path.name + ".hwm")
    return hwm.exists() or bool(backups(data_dir))


def key_for_backup(backup: Path, data_dir: Path) -> bytes | None:
    return keys.existing_key(backup.parent, data_dir, data_dir / "backups")


def last_good_backup(data_dir: Path) -> Path | None:
    """The newest backup that opens with its key and passes quick_check."""
    for candidate in backups(data_dir):
        key = key_for_backup(candidate, data_dir)
        if key is not None and not dbfile.check_file(candidate, key):
            return candidate
    return None


def damaged(path: Path, problems: list[str], *, missing: bool = False) -> DamagedDatabase:
    return DamagedDatabase(path, problems, missing=missing, backup=last_good_backup(path.parent))


def prepare(path: Path) -> bytes:
    """The key to open `path` with, after making sure the file is the desk's sound, encrypted database.

    Raises DamagedDatabase (damaged or lost) or keys.KeyMissing (the key is not on this PC)."""
    data_dir = path.parent
    if not path.exists() or path.stat().st_size == 0:
        if has_history(data_dir, path):
            raise damaged(path, ["missing" if not path.exists() else "empty file"], missing=not path.exists())
        path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        key = keys.database_key(data_dir, create=True)
        dbfile.create_private(path)
        return key
    if dbfile.is_plain_sqlite(path):
        return _encrypt_older_build(path)
    key = keys.database_key(data_dir, create=False)
    problems = check(path, key)
    if problems:
        raise damaged(path, problems)
    return key


def check(path: Path, key: bytes) -> list[str]:
    """quick_check through a normal connection (a read-only one cannot read a WAL it did not create)."""
    try:
        conn = dbfile.connect(path, key, timeout=30)
    except dbfile.Error as e:
        return [str(e)]
    try:
        problems = dbfile.quick_check(conn)
        if not problems:
            try:
                conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
            except dbfile.DatabaseError as e:
                problems = [str(e)]
        return problems
    finally:
        conn.close()


def _encrypt_older_build(path: Path) -> bytes:
    data_dir = path.parent
    plain_problems = dbfile.check_file(path, None)
    if plain_problems and plain_problems != ["no device table"]:
        raise damaged(path, plain_problems)
    key = keys.database_key(data_dir, create=True)
    dbfile.encrypt_plain(path, key)
    # Backups made by the older build are plain copies of the same data: encrypt them too.
    folder = data_dir / "backups"
    for old in backups(data_dir):
        if dbfile.is_plain_sqlite(old):
            with contextlib.suppress(dbfile.Error, OSError):
                dbfile.encrypt_plain(old, key)
    if folder.is_dir():
        keys.copy_keyid(data_dir, folder)
    return key
