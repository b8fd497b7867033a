"""A fresh PostgreSQL database per test run, dropped afterwards.

Skips with the reason when no PostgreSQL answers at MOTCUA_TEST_PG (default
postgresql://postgres@127.0.0.1:5432/test), except under CI=true where a missing database is a failure.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest

ADMIN_URL = os.environ.get("MOTCUA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _admin():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)


def unavailable_reason() -> str | None:
    try:
        conn = _admin()
    except Exception as e:  # any driver or network failure means PostgreSQL is not here
        return f"PostgreSQL at {ADMIN_URL} does not answer ({type(e).__name__}: {e})"
    conn.close()
    return None


def require() -> None:
    reason = unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true needs PostgreSQL: {reason}")
    pytest.skip(reason)


def url_for(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


@contextlib.contextmanager
def fresh_database(prefix: str = "motcua_s1") -> Iterator[str]:
    """Yield the URL of a new empty database; drop it (even with open connections) afterwards."""
    require()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url_for(name)
    finally:
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
