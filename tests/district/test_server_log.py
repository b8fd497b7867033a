"""The district server's log: an unexpected failure is there with its traceback, and the statement that
failed is there without its values (citizens' names and numbers)."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.district.helpers import enrolled, receive
from tests.support.server import ServerProcess


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    with ServerProcess(f"sqlite:///{tmp_path / 'district.db'}", tmp_path / "srv",
                       extra=["--log-file", str(tmp_path / "srv" / "district.log")]) as srv:
        yield srv


def test_a_failing_statement_is_logged_with_its_traceback_and_without_its_values(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 1)
    citizen = desk.store.query_one("SELECT full_name, id_number, phone FROM citizens")
    assert citizen is not None
    # The district's disk refuses new dossiers (a trigger stands in for a full disk or a broken table).
    db = sqlite3.connect(tmp_path / "district.db")
    db.execute("CREATE TRIGGER refuse BEFORE INSERT ON dossiers BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    db.commit()
    report = client.sync_once()
    assert report.error is not None and report.error.code == "server_error" and report.error.retryable

    log = (server.workdir / "district.log").read_text(encoding="utf-8")
    assert "POST /api/sync/v1/exchange: unexpected error" in log
    assert "Traceback (most recent call last)" in log and "sqlite3.IntegrityError: disk full" in log
    assert "INSERT INTO dossiers" in log and "hidden due to hide_parameters=True" in log
    for secret in (citizen["full_name"], citizen["id_number"], citizen["phone"]):
        assert secret not in log
    if sys.platform != "win32":
        assert ((server.workdir / "district.log").stat().st_mode & 0o777) == 0o600

    db.execute("DROP TRIGGER refuse")
    db.commit()
    db.close()
    assert client.sync_once().all_acknowledged  # nothing was half-written by the failed push
