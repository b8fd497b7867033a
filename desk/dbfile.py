"""Opening desk database files: SQLCipher (AES-256 pages with an HMAC each), the key, and checks.

Every connection to a desk database — the store's, a backup's, diagnose's — is made here, so none can
forget the key. The key is a raw 256-bit key (`PRAGMA key = "x'…'"`): no password derivation on each
opening, which keeps opening a connection as cheap as plain SQLite (the key itself is random and kept
by the OS, desk/keys.py). SQLCipher checks each page's HMAC when it reads it, so a flipped byte
anywhere is an error instead of a silently wrong value.

sqlcipher3's exceptions are its own classes (not `sqlite3.Error`): code that catches database errors
uses the names exported here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlite

Connection = sqlite.Connection
Row = sqlite.Row
Error = sqlite.Error
DatabaseError = sqlite.DatabaseError
IntegrityError = sqlite.IntegrityError
OperationalError = sqlite.OperationalError
ProgrammingError = sqlite.ProgrammingError

PLAIN_HEADER = b"SQLite format 3\x00"
_quiet = False
# Messages SQLite and SQLCipher give for a file that cannot be read as a database: damage, or a wrong key.
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk image", "hmac", "cipher")


def is_damage(exc: BaseException) -> bool:
    """True if the error says the file itself is unreadable (not a constraint, a lock or bad SQL)."""
    if not isinstance(exc, DatabaseError) or isinstance(exc, IntegrityError | ProgrammingError):
        return False
    text = str(exc).lower()
    return any(w in text for w in _DAMAGE_WORDS)


def key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("a desk database key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes | None, *, readonly: bool = False, timeout: float = 30.0,
            **kwargs: Any) -> Any:
    """A connection to a desk database file. `key=None` opens a plain (unencrypted) SQLite file."""
    target = f"file:{Path(path).as_posix()}?mode=ro" if readonly else str(path)
    conn = sqlite.connect(target, timeout=timeout, uri=readonly, **kwargs)
    global _quiet
    if not _quiet:
        # SQLCipher logs every failed page check to stderr: damage reaches the officer as a sentence
        # (desk.health), not as a screenful of codec lines. The level is process-wide.
        conn.execute("PRAGMA cipher_log_level = NONE")
        _quiet = True
    if key is not None:
        conn.execute(f"PRAGMA key = {key_pragma(key)}")
    return conn


def is_plain_sqlite(path: Path) -> bool:
    """A file written by plain SQLite (an older build of the app): its header is readable text."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == PLAIN_HEADER
    except OSError:
        return False


def quick_check(conn: Any) -> list[str]:
    """SQLite's quick_check (every page read, and so every page's HMAC checked): [] when sound."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)").fetchall()]
    except DatabaseError as e:
        return [str(e)]
    return [] if rows == ["ok"] else rows


def check_file(path: Path, key: bytes | None) -> list[str]:
    """Open `path` read-only with `key` and quick_check it: [] when it is a sound desk database."""
    if not path.is_file():
        return ["missing"]
    if path.stat().st_size == 0:
        return ["empty file"]
    try:
        conn = connect(path, key, readonly=True, timeout=10)
    except Error as e:
        return [str(e)]
    try:
        problems = quick_check(conn)
        if not problems:
            try:
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'device'").fetchone() is None:
                    problems = ["no device table"]
            except DatabaseError as e:
                problems = [str(e)]
        return problems
    finally:
        conn.close()


def copy_database(src: Any, dest_path: Path, key: bytes) -> None:
    """A consistent copy of an open database into a new encrypted file, through SQLite's backup API
    (includes what is still in the WAL). The file is private to the OS account from its first byte."""
    create_private(dest_path)
    dest = connect(dest_path, key)
    try:
        src.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def encrypt_plain(path: Path, key: bytes) -> None:
    """Rewrite a plain SQLite file as an encrypted one, in place (the upgrade from an older build)."""
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    create_private(tmp)
    src = connect(path, None)
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = int(src.execute("PRAGMA user_version").fetchone()[0])
        src.execute(f"ATTACH DATABASE ? AS enc KEY {key_pragma(key)}", (str(tmp),))
        src.execute("SELECT sqlcipher_export('enc')")
        src.execute(f"PRAGMA enc.user_version = {version}")
        src.execute("DETACH DATABASE enc")
    finally:
        src.close()
    if check_file(tmp, key):
        tmp.unlink(missing_ok=True)
        raise DatabaseError("the encrypted copy did not check out")
    fsync_file(tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)


def create_private(path: Path) -> None:
    """Create (or empty) `path` readable by this OS account alone, before anything is written to it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
