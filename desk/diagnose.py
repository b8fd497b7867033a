"""`desk diagnose -o FILE`: a zip a support person can ask for, with no personal data in it.

What goes in: versions, the settings (never a key, a token, a password hash or a private key), the
database's integrity check, migrations and counts by state, the sync's bookkeeping, the backups, and the
last lines of the logs. What never goes in: any row of dossiers, citizens, actions, the audit log or
the outbox — only how many there are. Every text in it is scrubbed again (desk/logs.py) in case a
message carried something it should not have.

The database is opened read-only and never migrated: a database the app refuses (a newer build's, a
damaged one) is exactly the one support needs to hear about. Each part that cannot be read says why
instead of stopping the rest.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlite_utils import Database

from db.migrations import MIGRATIONS, known_names
from desk import dbfile, keys
from desk.logs import log_file, log_files, scrub, tail
from desk.paths import database_path
from desk.settings import REGISTRY

LOG_LINES = 400
PACKAGES = ("motcua-desk", "PySide6-Essentials", "PySide6", "sqlite-utils", "sqlcipher3", "keyring", "reportlab", "qrcode", "holidays",
            "pypdfium2", "httpx", "cryptography", "argon2-cffi", "platformdirs", "openpyxl", "ftfy")
# Column and setting names that hold secrets: the slip's HMAC key, the sync token, key pairs, hashes.
SECRET = re.compile(r"key|secret|token|password|hash|private|signature|nonce", re.IGNORECASE)
# The sync bookkeeping that helps support; the token and cursors' contents are not needed.
SYNC_STATE = ("last_success", "last_attempt", "next_retry", "last_error", "online", "clock_offset_s",
              "clock_warning", "server_acked", "inflight_batch")
README = """Tệp chẩn đoán của phần mềm Bộ phận Một cửa (lệnh «desk diagnose»).

Gồm: phiên bản phần mềm, cài đặt (không có khóa, mật khẩu, mã thông báo), kết quả kiểm tra cơ sở dữ liệu,
số lượng hồ sơ và thay đổi chờ gửi theo trạng thái, tình trạng đồng bộ, danh sách bản sao lưu và những dòng
cuối của nhật ký. Không có họ tên, số định danh, điện thoại hay địa chỉ của người dân.

Diagnostics of the one-stop desk app: versions, settings without secrets, the database check, counts by
state, the sync state, backups and the last log lines. No citizen's personal data.
"""


def _clean(value: Any) -> Any:
    """Scrub every text of a section (defence in depth: the sections are built from safe columns)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _strip_userinfo(url: str) -> str:
    """A server URL without any user:password@ someone may have typed into it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _guard(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as e:  # one unreadable part must not hide the others
        return {"error": f"{type(e).__name__}: {scrub(str(e))[:300]}"}


def versions() -> dict[str, Any]:
    packages: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {"app": packages["motcua-desk"], "python": sys.version.split()[0], "implementation":
            platform.python_implementation(), "platform": platform.platform(), "machine": platform.machine(),
            "sqlite": dbfile.sqlite.sqlite_version, "frozen": bool(getattr(sys, "frozen", False)), "packages": packages}


def _connect(path: Path) -> Any:
    if not path.exists():
        raise FileNotFoundError(path.name)
    # The database's key from this PC's key store; a plain file of an older build opens without one.
    key = None if dbfile.is_plain_sqlite(path) else keys.existing_key(path.parent)
    conn = dbfile.connect(path, key, readonly=True, timeout=10)
    conn.row_factory = dbfile.Row
    return conn


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _counts(conn: sqlite3.Connection, table: str, column: str) -> dict[str, int]:
    if table not in _tables(conn):
        return {}
    rows = conn.execute(f"SELECT {column} AS k, COUNT(*) AS n FROM {table} GROUP BY {column} ORDER BY {column}")
    return {str(r["k"]): int(r["n"]) for r in rows}


def _safe_row(row: sqlite3.Row | None) -> dict[str, Any]:
    if row is None:
        return {}
    return {k: row[k] for k in row.keys() if not SECRET.search(k)}  # noqa: SIM118 - sqlite3.Row


def settings(conn: sqlite3.Connection) -> dict[str, Any]:
    stored = {r["name"]: r["value"] for r in conn.execute("SELECT name, value FROM settings")}
    values: dict[str, Any] = {}
    for name, setting in REGISTRY.items():
        if SECRET.search(name):
            continue
        values[name] = {"value": stored.get(name, setting.default), "default": name not in stored}
    if values.get("sync.server_url", {}).get("value"):
        values["sync.server_url"]["value"] = _strip_userinfo(str(values["sync.server_url"]["value"]))
    office = _safe_row(conn.execute("SELECT * FROM office WHERE id = 1").fetchone())
    device = _safe_row(conn.execute("SELECT * FROM device WHERE id = 1").fetchone())
    officers = [dict(r) for r in conn.execute(
        "SELECT role, active, COUNT(*) AS n FROM officers GROUP BY role, active ORDER BY role, active")]
    return {"settings": values, "office": office, "device": device, "officers": officers}


def database(path: Path, conn: sqlite3.Connection) -> dict[str, Any]:
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    applied = [m.name for m in MIGRATIONS.applied(Database(conn))]
    wal = Path(f"{path}-wal")
    return {
        "file_bytes": path.stat().st_size,
        "wal_bytes": wal.stat().st_size if wal.exists() else 0,
        "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
        "integrity_check": integrity,
        "integrity_ok": integrity == ["ok"],
        "migrations_applied": applied,
        "migrations_known": known_names(),
        "migrations_unknown": [n for n in applied if n not in known_names()],
        "migrations_pending": [n for n in known_names() if n not in applied],
        "dossiers_by_status": _counts(conn, "dossiers", "status"),
        "outbox_by_state": _counts(conn, "outbox", "state"),
        "sync_echo_by_state": _counts(conn, "sync_echo", "state"),
        "sync_conflicts": _guard(lambda: dict(conn.execute(
            "SELECT COUNT(*) AS total, COALESCE(SUM(resolved_at IS NULL), 0) AS open FROM sync_conflicts").fetchone())),
        "printed_forms_by_kind": _counts(conn, "printed_forms", "kind"),
        "citizens": conn.execute("SELECT COUNT(*) FROM citizens").fetchone()[0],
    }


def sync(conn: sqlite3.Connection) -> dict[str, Any]:
    if "sync_identity" not in _tables(conn):
        return {"enrolled": False, "note": "no sync tables (database before migration 0002_sync)"}
    ident = _safe_row(conn.execute(
        "SELECT server_url, server_id, commune, enrolled_at, revoked_at, revoked_message FROM sync_identity "
        "WHERE id = 1").fetchone())
    if ident.get("server_url"):
        ident["server_url"] = _strip_userinfo(str(ident["server_url"]))
    names = ", ".join("?" for _ in SYNC_STATE)
    state = {r["name"]: r["value"] for r in conn.execute(
        f"SELECT name, value FROM sync_state WHERE name IN ({names}) OR name LIKE 'refdata.%'", SYNC_STATE)}
    pending = conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
    oldest = conn.execute("SELECT MIN(created_at) FROM outbox WHERE state = 'pending'").fetchone()[0]
    closes = [dict(r) for r in conn.execute(
        "SELECT day, matched, closed_at FROM day_closes ORDER BY id DESC LIMIT 5")]
    return {"enrolled": bool(ident), "identity": ident, "state": state, "pending": pending,
            "oldest_pending_at": oldest, "last_day_closes": closes}


def backups(data_dir: Path) -> dict[str, Any]:
    folder = data_dir / "backups"
    files = sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    return {"count": len(files), "total_bytes": sum(p.stat().st_size for p in files),
            "newest": [{"name": p.name, "bytes": p.stat().st_size,
                        "modified": datetime.fromtimestamp(p.stat().st_mtime).isoformat(timespec="seconds")}
                       for p in files[-5:]]}


def collect(data_dir: Path) -> dict[str, Any]:
    """The sections of the report, each a JSON-ready dict (or {"error": …} when it could not be read)."""
    path = database_path(data_dir)
    out: dict[str, Any] = {"versions": _guard(versions)}
    try:
        conn = _connect(path)
    except Exception as e:
        failed = {"error": f"{type(e).__name__}: cannot open {path.name}"}
        out.update({"settings": failed, "database": failed, "sync": failed})
    else:
        try:
            out["settings"] = _guard(lambda: settings(conn))
            out["database"] = _guard(lambda: database(path, conn))
            out["sync"] = _guard(lambda: sync(conn))
        finally:
            conn.close()
    out["backups"] = _guard(lambda: backups(data_dir))
    out["logs"] = _guard(lambda: [{"name": p.name, "bytes": p.stat().st_size} for p in log_files(data_dir)])
    return _clean(out)


def write_zip(data_dir: Path, target: Path, *, log_lines: int = LOG_LINES) -> Path:
    data_dir = Path(data_dir)
    sections = collect(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    # The zip holds no personal data, but it describes this office's setup: not for other accounts.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", README)
        z.writestr("created.txt", datetime.now().isoformat(timespec="seconds") + "\n")
        for name, section in sections.items():
            z.writestr(f"{name}.json", json.dumps(section, ensure_ascii=False, indent=1, default=str) + "\n")
        for log in ("desk", "cli"):
            path = log_file(data_dir, log)
            if path.exists() or path.with_name(path.name + ".1").exists():
                z.writestr(f"logs/{log}.log.tail.txt", "\n".join(tail(path, log_lines)) + "\n")
    tmp.replace(target)
    return target
