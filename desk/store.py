"""The desk's SQLite store and its single write path.

Rules written once (ARCHITECTURE.md): WAL with synchronous=FULL, foreign keys on, a connection per
thread, every write in `BEGIN IMMEDIATE`, migrations after a backup copy, and a build that refuses a
database written by a newer build. `Store.write()` is the only way to change data: it yields a
`UnitOfWork` that puts the record, its audit entry and its outbox op in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.migrations import MIGRATIONS, known_names
from desk import audit_chain, dbfile, fsperm, health
from desk.clock import Clock, iso, system_clock
from desk.errors import SchemaTooNew
from desk.highwater import HighWater
from desk.ids import new_id

Row = dict[str, Any]

# The one step path (desk/steps.py) marks its writes; temporary triggers on every connection refuse a
# dossier insert, a status change or a lifecycle-log entry made anywhere else.
_steps = threading.local()
_STEP_GUARD = """
CREATE TEMP TRIGGER IF NOT EXISTS step_path_actions BEFORE INSERT ON main.dossier_actions
    WHEN desk_step_scope() = 0
    BEGIN SELECT RAISE(ABORT, 'dossier_actions is written only by desk.steps'); END;
CREATE TEMP TRIGGER IF NOT EXISTS step_path_dossier_insert BEFORE INSERT ON main.dossiers
    WHEN desk_step_scope() = 0
    BEGIN SELECT RAISE(ABORT, 'dossiers are opened only by desk.steps'); END;
CREATE TEMP TRIGGER IF NOT EXISTS step_path_dossier_status BEFORE UPDATE OF status ON main.dossiers
    WHEN desk_step_scope() = 0 AND NEW.status IS NOT OLD.status
    BEGIN SELECT RAISE(ABORT, 'a dossier status changes only through desk.steps'); END;
"""


@contextmanager
def step_scope() -> Iterator[None]:
    """Inside: writes of the one step path are allowed on this thread (desk/steps.py only)."""
    _steps.depth = getattr(_steps, "depth", 0) + 1
    try:
        yield
    finally:
        _steps.depth -= 1


def _in_step_scope() -> int:
    return 1 if getattr(_steps, "depth", 0) else 0


def canonical_json(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def payload_hash(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


class Store:
    """One desk database file (encrypted, desk/dbfile.py). Thread-safe: a connection per thread.

    Opening checks the file first (desk/health.py): a damaged or lost database raises DamagedDatabase
    instead of being written to or started over."""

    def __init__(self, path: Path | str, *, clock: Clock = system_clock, migrate: bool = True) -> None:
        self.path = Path(path)
        fsperm.private_dir(self.path.parent)
        self.clock = clock
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._all_conns: list[dbfile.Connection] = []
        self._conns_lock = threading.Lock()
        self.highwater_path = self.path.with_name(self.path.name + ".hwm")
        self.damage: health.DamagedDatabase | None = None
        self.key = health.prepare(self.path)
        if migrate:
            self._migrate()
        self._ensure_device()
        for f in (self.path, self.highwater_path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            fsperm.private_file(f)

    # --- connections ------------------------------------------------------------------------------
    def conn(self) -> dbfile.Connection:
        conn: dbfile.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = dbfile.connect(self.path, self.key, timeout=30.0, isolation_level=None,
                                  check_same_thread=True)
            conn.row_factory = dbfile.Row
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed dossier survives a power cut, which matters more than a millisecond.
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.create_function("desk_step_scope", 0, _in_step_scope)
            conn.create_function("desk_audit_purge", 0, audit_chain.in_purge_scope)
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'dossier_actions'").fetchone():
                conn.executescript(_STEP_GUARD)
            self._local.conn = conn
            with self._conns_lock:
                self._all_conns.append(conn)
        return conn

    def db(self) -> Database:
        return Database(self.conn())

    def release_thread(self) -> None:
        """Close this thread's connection: a short-lived thread (one request of another PC on the office
        network, desk/sync/lan.py) must not leave one open for each request until the store closes."""
        conn: dbfile.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._conns_lock:
            self._all_conns = [c for c in self._all_conns if c is not conn]
        conn.close()

    def close(self) -> None:
        with self._conns_lock:
            conns, self._all_conns = self._all_conns, []
        for c in conns:
            try:
                c.close()
            except dbfile.ProgrammingError:
                pass  # belongs to another thread that has gone; the OS closes it
        self._local = threading.local()

    # --- reads ------------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Row]:
        return [dict(r) for r in self.conn().execute(sql, params).fetchall()]

    def query_one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Row | None:
        row = self.conn().execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        row = self.conn().execute(sql, params).fetchone()
        return None if row is None else row[0]

    # --- the write path ---------------------------------------------------------------------------
    @contextmanager
    def write(self, actor: str = "system") -> Iterator[UnitOfWork]:
        """One transaction: everything done on the yielded unit commits together or not at all."""
        if self.damage is not None:
            raise self.damage
        conn = self.conn()
        with self._write_lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
                uow = UnitOfWork(self, conn, actor, self.clock())
                try:
                    yield uow
                    # The side file goes to disk before the commit: a crash in between leaves it ahead of
                    # the database (a harmless gap), never behind it (a repeated code).
                    uow.flush_highwater()
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                else:
                    try:
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
            except dbfile.DatabaseError as e:
                if dbfile.is_damage(e):
                    # The file turned unreadable under us: write nothing more to it.
                    self.damage = health.damaged(self.path, [str(e)])
                    raise self.damage from None
                raise

    def check(self) -> list[str]:
        """quick_check of the live database (before a backup): [] when sound; damage stops writes."""
        problems = dbfile.quick_check(self.conn())
        if problems:
            self.damage = health.damaged(self.path, problems)
        return problems

    # --- schema -----------------------------------------------------------------------------------
    def _migrate(self) -> None:
        db = Database(dbfile.connect(self.path, self.key, timeout=30.0))
        try:
            db.execute("PRAGMA journal_mode=WAL")
            applied = [m.name for m in MIGRATIONS.applied(db)]
            unknown = [n for n in applied if n not in known_names()]
            if unknown:
                raise SchemaTooNew(
                    "Cơ sở dữ liệu này do phiên bản mới hơn của phần mềm tạo ra "
                    f"(bước {', '.join(unknown)}). Hãy cài phiên bản mới nhất; dữ liệu không bị thay đổi.",
                    message_en="This database was written by a newer version of the app; "
                    "install the newest version. Nothing was changed.",
                )
            pending = MIGRATIONS.pending(db)
            if pending and applied:
                self._backup_before_migration(db, pending[0].name)
            if pending:
                MIGRATIONS.apply(db)
        finally:
            db.conn.close()

    def _backup_before_migration(self, db: Database, next_step: str) -> Path:
        from desk import keys

        folder = fsperm.private_dir(self.path.parent / "backups")
        keys.copy_keyid(self.path.parent, folder)
        target = folder / f"{self.path.stem}-before-{next_step}-{self.clock():%Y%m%d-%H%M%S}.db"
        dbfile.copy_database(db.conn, target, self.key)
        return target

    def _ensure_device(self) -> None:
        with self.write() as uow:
            row = uow.one("SELECT * FROM device WHERE id = 1")
            hw = HighWater.load(self.highwater_path)
            if row is None:
                device_id = hw.device_id or new_id()
                uow.conn.execute(
                    "INSERT INTO device (id, device_id, created_at, next_seq, epoch) VALUES (1, ?, ?, ?, ?)",
                    (device_id, iso(uow.now), hw.last_seq + 1, 2 if hw.last_seq else 1),
                )
                if not hw.device_id:
                    hw.device_id = device_id
                    hw.save()
            elif hw.last_seq >= int(row["next_seq"]) and hw.base_seq and hw.base_seq == int(row["next_seq"]):
                # The last transaction wrote the side file and then died before its commit: its sequence
                # numbers were never committed nor sent, so they are free again. (Its daily code numbers
                # stay used: a gap in codes is harmless.)
                hw.last_seq = int(row["next_seq"]) - 1
                hw.save()
            elif hw.last_seq >= int(row["next_seq"]):
                # The side file has seen numbers this database never recorded: the database was
                # restored from an older copy. Start a new epoch past everything ever handed out, so
                # no sequence number or op id is issued twice.
                uow.conn.execute(
                    "UPDATE device SET epoch = epoch + 1, next_seq = ?, epoch_last_seq = 0 WHERE id = 1",
                    (hw.last_seq + 1,),
                )
                # The daily numbers handed out before: after the recovery, those still missing are the
                # dossiers that could not be recovered (desk/recovery_report.py).
                uow.audit(
                    "restore_detected",
                    "device",
                    str(row["device_id"]),
                    {"db_next_seq": row["next_seq"], "highwater_last_seq": hw.last_seq,
                     "codes": dict(hw.codes)},
                )

    # --- device identity --------------------------------------------------------------------------
    def device(self) -> Row:
        row = self.query_one("SELECT * FROM device WHERE id = 1")
        assert row is not None
        return row


class UnitOfWork:
    """The one place where a change is recorded: data, audit entry and outbox op together."""

    def __init__(self, store: Store, conn: dbfile.Connection, actor: str, now: datetime) -> None:
        self.store = store
        self.conn = conn
        self.actor = actor
        self.now = now
        self._hw: HighWater | None = None
        self._hw_dirty = False
        self._base_seq: int | None = None

    # reads inside the transaction
    def one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Row | None:
        row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Row]:
        return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row is not None else None

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    @property
    def highwater(self) -> HighWater:
        if self._hw is None:
            # Read fresh inside the write lock: another process may have advanced it.
            self._hw = HighWater.load(self.store.highwater_path)
        return self._hw

    def flush_highwater(self) -> None:
        if self._hw is not None and self._hw_dirty:
            self._hw.base_seq = self._base_seq or 0
            self._hw.save()
            self._hw_dirty = False

    # --- records ----------------------------------------------------------------------------------
    def insert(self, table: str, row: Mapping[str, Any]) -> None:
        cols = list(row)
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [row[c] for c in cols],
        )

    def update(self, table: str, key: Mapping[str, Any], changes: Mapping[str, Any]) -> int:
        if not changes:
            return 0
        sets = ", ".join(f"{c} = ?" for c in changes)
        where = " AND ".join(f"{k} = ?" for k in key)
        cur = self.conn.execute(
            f"UPDATE {table} SET {sets} WHERE {where}", [*changes.values(), *key.values()]
        )
        return cur.rowcount

    def audit(self, action: str, entity: str, entity_id: str, detail: Mapping[str, Any] | None = None) -> None:
        """Append to the hash-chained audit log (desk/audit_chain.py), inside this transaction: writers
        serialise on BEGIN IMMEDIATE, so the chain has one order."""
        audit_chain.append(self.conn, at=iso(self.now), actor=self.actor, action=action, entity=entity,
                           entity_id=entity_id, detail=canonical_json(detail or {}))

    def enqueue(self, entity: str, entity_id: str, kind: str, payload: Mapping[str, Any]) -> Row:
        """Add the change to the outbox with the next device sequence number."""
        seq, prev_seq, epoch = self._next_seq()
        text = canonical_json(payload)
        op = {
            "seq": seq,
            "op_id": new_id(),
            "epoch": epoch,
            "prev_seq": prev_seq,
            "entity": entity,
            "entity_id": entity_id,
            "kind": kind,
            "payload": text,
            "payload_hash": payload_hash(text),
            "created_at": iso(self.now),
            "state": "pending",
        }
        self.insert("outbox", op)
        return op

    def record(
        self,
        action: str,
        entity: str,
        entity_id: str,
        payload: Mapping[str, Any],
        *,
        sync: bool = True,
        audit_detail: Mapping[str, Any] | None = None,
    ) -> Row | None:
        """Audit a change already written to its table and, for shared data, queue it for the server."""
        self.audit(action, entity, entity_id, audit_detail if audit_detail is not None else payload)
        return self.enqueue(entity, entity_id, action, payload) if sync else None

    # --- numbers that must never repeat -----------------------------------------------------------
    def _next_seq(self) -> tuple[int, int, int]:
        dev = self.one("SELECT next_seq, epoch, epoch_last_seq FROM device WHERE id = 1")
        assert dev is not None
        hw = self.highwater
        if self._base_seq is None:
            self._base_seq = int(dev["next_seq"])
        seq = max(int(dev["next_seq"]), hw.last_seq + 1)
        hw.last_seq = seq
        self._hw_dirty = True
        self.conn.execute("UPDATE device SET next_seq = ?, epoch_last_seq = ? WHERE id = 1", (seq + 1, seq))
        return seq, int(dev["epoch_last_seq"]), int(dev["epoch"])

    def next_daily_number(self, day_key: str) -> int:
        """The next dossier number of the day on this desk, past anything ever issued here."""
        row = self.one("SELECT last FROM code_counters WHERE day = ?", (day_key,))
        hw = self.highwater
        number = max(int(row["last"]) if row else 0, hw.codes.get(day_key, 0)) + 1
        hw.codes[day_key] = number
        self._hw_dirty = True
        self.conn.execute(
            "INSERT INTO code_counters (day, last) VALUES (?, ?) "
            "ON CONFLICT(day) DO UPDATE SET last = excluded.last",
            (day_key, number),
        )
        return number


def new_hmac_key() -> str:
    return secrets.token_hex(32)
