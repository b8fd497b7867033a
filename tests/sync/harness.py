"""The real pieces the fault tests run: S1's `district serve` process harness (tests/support), plus
what only the fault tests need: backups of the server database taken and restored mid-test.

A server database is snapshotted and restored ("the district restored yesterday's backup", F12):
- SQLite: the file is copied with SQLite's online backup API (a consistent state, read through the
  WAL); restoring stops the server, removes the live WAL and copies the snapshot back.
- PostgreSQL: the server is stopped and the database is cloned with `CREATE DATABASE … TEMPLATE …`,
  PostgreSQL's own file-level copy of a whole database; restoring drops the live database and clones
  the snapshot back under its name. This is what a restore from a nightly dump gives, without the
  seconds a pg_dump/pg_restore round trip would cost per test.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tests.support import pg
from tests.support.server import ROOT, ServerProcess, free_port

__all__ = ["ROOT", "DistrictServer", "free_port", "pg_available", "pg_database", "pg_drop", "pg_exec"]


def pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    return pg.unavailable_reason()


def pg_exec(sql: str) -> None:
    import psycopg

    with psycopg.connect(pg.ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)  # type: ignore[arg-type, unused-ignore]


def pg_drop(name: str) -> None:
    pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def pg_database() -> Iterator[str]:
    """A fresh, empty database name for one test, dropped afterwards (skips or fails as tests/support)."""
    pg.require()
    name = f"motcua_s2_{uuid.uuid4().hex[:12]}"
    pg_exec(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        pg_drop(name)


class DistrictServer(ServerProcess):
    """`district serve` on a free loopback port over SQLite or PostgreSQL, with snapshots."""

    def __init__(self, backend: str, workdir: Path, *, pg_name: str = "", extra: list[str] | None = None,
                 program: Sequence[str] = ("-m", "district")) -> None:
        self.backend = backend
        self.pg_name = pg_name
        self.snapshots: list[str] = []
        workdir.mkdir(parents=True, exist_ok=True)
        database = f"sqlite:///{workdir / 'district.db'}" if backend == "sqlite" else pg.url_for(pg_name)
        super().__init__(database, workdir, extra=extra or [], program=program)

    def start(self, timeout: float = 30.0) -> DistrictServer:
        super().start(timeout)
        return self

    @property
    def sqlite_path(self) -> Path:
        return self.workdir / "district.db"

    def snapshot(self) -> str:
        """Copy the server database as it is now. SQLite's backup API copies a consistent state while
        the server runs; PostgreSQL's TEMPLATE copy needs the database idle, so the server is stopped
        for it and started again."""
        label = f"snap{len(self.snapshots)}"
        if self.backend == "sqlite":
            src = sqlite3.connect(self.sqlite_path, timeout=30)
            dst = sqlite3.connect(self.workdir / f"{label}.db")
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        else:
            self.stop()
            pg_exec(f'CREATE DATABASE "{self.pg_name}_{label}" TEMPLATE "{self.pg_name}"')
            self.start()
        self.snapshots.append(label)
        return label

    def restore(self, label: str) -> None:
        """Put a snapshot back in place of the live database, as an admin restoring a backup does."""
        self.stop()
        if self.backend == "sqlite":
            for suffix in ("-wal", "-shm"):
                Path(str(self.sqlite_path) + suffix).unlink(missing_ok=True)
            src = sqlite3.connect(self.workdir / f"{label}.db")
            dst = sqlite3.connect(self.sqlite_path)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        else:
            pg_drop(self.pg_name)
            pg_exec(f'CREATE DATABASE "{self.pg_name}" TEMPLATE "{self.pg_name}_{label}"')
        self.start()

    def cleanup(self) -> None:
        self.stop()
        if self.backend == "postgres":
            for label in self.snapshots:
                pg_drop(f"{self.pg_name}_{label}")

    def dossiers(self, commune: str) -> list[dict[str, Any]]:
        import json

        data = json.loads(self.cli("dossiers", "--commune", commune, "--json").stdout)
        return list(data["dossiers"] if isinstance(data, dict) else data)

    def query(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Read the server database directly: what the district really holds, not what it says."""
        from sqlalchemy import text

        from district.db import make_engine

        engine = make_engine(self.database)
        try:
            with engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(text(sql), params or {})]
        finally:
            engine.dispose()

    def act(self, ref: str, action: str, **data: Any) -> dict[str, Any]:
        """A district officer records a processing step, through the server's own writer (one
        transaction: the dossier, its action log and the change-log row the desks pull)."""
        from district import feed
        from district.db import make_engine

        engine = make_engine(self.database)
        try:
            with engine.begin() as conn:
                return feed.district_act(conn, ref, action, by="Cán bộ cấp huyện", data=dict(data))
        finally:
            engine.dispose()
