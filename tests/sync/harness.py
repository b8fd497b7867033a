"""The real pieces the fault tests run: a `district serve` process, its database, and its CLI.

A server database can be snapshotted and restored ("the district restored yesterday's backup", F12):
- SQLite: the server is stopped (so the WAL is checkpointed and closed) and the file is copied.
- PostgreSQL: the server is stopped and the database is cloned with `CREATE DATABASE … TEMPLATE …`,
  PostgreSQL's own file-level copy of a whole database; restoring drops the live database and clones
  the snapshot back under its name. This is what a restore from a nightly dump gives, without the
  minutes a pg_dump/pg_restore round trip would cost per test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

PG_ADMIN_URL = os.environ.get("MOTCUA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- PostgreSQL ----------------------------------------------------------------------------------
def _pg_admin() -> object:
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)


def pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        conn = _pg_admin()
    except Exception as e:  # any driver or network failure means "not here"
        return f"PostgreSQL at {PG_ADMIN_URL} does not answer: {e}"
    conn.close()  # type: ignore[attr-defined]
    return None


def require_pg() -> None:
    reason = pg_available()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def pg_exec(sql: str) -> None:
    conn = _pg_admin()
    try:
        conn.execute(sql)  # type: ignore[attr-defined]
    finally:
        conn.close()  # type: ignore[attr-defined]


def pg_drop(name: str) -> None:
    pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def pg_database() -> Iterator[str]:
    """A fresh, empty database for one test, dropped afterwards."""
    require_pg()
    name = f"motcua_s2_{uuid.uuid4().hex[:12]}"
    pg_exec(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        pg_drop(name)


# --- the server process --------------------------------------------------------------------------
@dataclass
class DistrictServer:
    """`district serve` on a free loopback port, over SQLite or PostgreSQL."""

    backend: str  # "sqlite" | "postgres"
    workdir: Path
    pg_name: str = ""
    extra_args: list[str] = field(default_factory=list)
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    snapshots: list[str] = field(default_factory=list)

    @property
    def database(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.workdir / 'district.db'}"
        return pg_url(self.pg_name)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> DistrictServer:
        # A restart keeps its port, so a proxy in front of it (and the desks behind) need not know.
        self.port = self.port or free_port()
        log = open(self.workdir / f"server-{self.port}.log", "wb")  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "district.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--database", self.database, *self.extra_args],
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"district serve exited: {self.log_tail()}")
            try:
                if httpx.get(self.url + "/api/sync/v1/info", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"district serve did not answer: {self.log_tail()}")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None

    def log_tail(self, n: int = 3000) -> str:
        logs = sorted(self.workdir.glob("server-*.log"), key=lambda p: p.stat().st_mtime)
        return logs[-1].read_text(errors="replace")[-n:] if logs else ""

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        out = subprocess.run(
            [sys.executable, "-m", "district.cli", *args, "--database", self.database],
            capture_output=True, text=True, cwd=ROOT, timeout=60,
        )
        if check and out.returncode != 0:
            raise AssertionError(f"district {' '.join(args)} failed ({out.returncode}): {out.stderr}{out.stdout}")
        return out

    def enroll_code(self, commune: str) -> str:
        return self.cli("enroll-code", "--commune", commune).stdout.splitlines()[0].strip()

    # --- backups of the server database ---------------------------------------------------------
    def snapshot(self) -> str:
        """Copy the server database as it is now (the server is briefly stopped, then restarted)."""
        self.stop()
        label = f"snap{len(self.snapshots)}"
        if self.backend == "sqlite":
            # The backup API reads through the WAL, so the copy is whole whatever was checkpointed.
            src = sqlite3.connect(self.workdir / "district.db")
            dst = sqlite3.connect(self.workdir / f"{label}.db")
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        else:
            name = f"{self.pg_name}_{label}"
            pg_exec(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_name}"')
        self.snapshots.append(label)
        self.start()
        return label

    def restore(self, label: str) -> None:
        """Put a snapshot back in place of the live database, as an admin restoring a backup does."""
        self.stop()
        if self.backend == "sqlite":
            base = self.workdir / "district.db"
            for suffix in ("-wal", "-shm"):
                Path(str(base) + suffix).unlink(missing_ok=True)
            shutil.copy2(self.workdir / f"{label}.db", base)
        else:
            pg_drop(self.pg_name)
            pg_exec(f'CREATE DATABASE "{self.pg_name}" TEMPLATE "{self.pg_name}_{label}"')
        self.start()

    def cleanup(self) -> None:
        self.stop()
        if self.backend == "postgres":
            for label in self.snapshots:
                pg_drop(f"{self.pg_name}_{label}")
