"""The desk's log: a rotating file only this OS account can read, tracebacks of what went wrong, and
no citizen's name, ID number or phone in it — from the sync loop and the command line too."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.cli import main as cli_main
from desk.logs import PrivateRotatingFileHandler, ScrubFilter, log_file, scrub, setup_logging
from desk.services import Desk
from desk.sync import SyncClient, SyncLoop
from tests.district.helpers import receive

NAME, ID_NUMBER, OLD_ID, PHONE = "Nguyễn Văn An", "001099012345", "123456789", "0912345678"


@pytest.fixture
def logs(data_dir: Path) -> Iterator[Path]:
    with setup_logging(data_dir) as setup:
        assert setup.path is not None
        yield setup.path


def test_scrub_removes_id_numbers_and_phones_and_keeps_what_support_reads() -> None:
    text = (f"id {ID_NUMBER} old {OLD_ID} phone {PHONE} / 0912 345 678 / 0912.345.678 / +84 912 345 678 "
            f"/ CCCD{ID_NUMBER} / ĐT:(028) 3823 4567 "
            "at 2026-11-23 09:05:00 dossier 000.00.06.H56-261123-010001 seq 4711 v0.110.0")
    out = scrub(text)
    for secret in (ID_NUMBER, OLD_ID, PHONE, "0912 345 678", "0912.345.678", "912 345 678", "3823 4567"):
        assert secret not in out
    for kept in ("2026-11-23 09:05:00", "000.00.06.H56-261123-010001", "seq 4711", "v0.110.0"):
        assert kept in out
    assert scrub("Ngày sinh «12/13/1985» không đúng dạng") == "Ngày sinh «…» không đúng dạng"
    assert "Bình" not in scrub('DETAIL:  Key (full_name)=(Trần Thị Bình) already exists.')


def test_an_exception_is_logged_with_its_traceback_and_without_what_was_typed(logs: Path) -> None:
    def parse_applicant() -> None:
        raise ValueError(f"cannot read {NAME!r} with number {ID_NUMBER} and phone {PHONE}")

    try:
        parse_applicant()
    except ValueError:
        logging.getLogger("desk.test").exception("reading the applicant failed")
    text = logs.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in parse_applicant" in text
    assert "ValueError: cannot read '…' with number" in text
    for secret in (NAME, ID_NUMBER, PHONE):
        assert secret not in text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_log_is_readable_by_this_account_only_also_after_rotating(data_dir: Path, logs: Path) -> None:
    assert logs.exists() and (logs.stat().st_mode & 0o777) == 0o600
    assert (logs.parent.stat().st_mode & 0o777) == 0o700
    # A handler with a tiny size, as the real one is after 2 MB: the new file is private as well.
    small = PrivateRotatingFileHandler(data_dir / "logs" / "small.log", maxBytes=200, backupCount=2,
                                       encoding="utf-8")
    small.addFilter(ScrubFilter())
    logger = logging.getLogger("desk.test.rotation")
    logger.addHandler(small)
    try:
        for i in range(20):
            logger.warning("line %d of a long day at the desk", i)
    finally:
        logger.removeHandler(small)
        small.close()
    rotated = sorted((data_dir / "logs").glob("small.log*"))
    assert [p.name for p in rotated] == ["small.log", "small.log.1", "small.log.2"]
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in rotated)


def test_an_exception_in_the_sync_loop_is_logged_with_its_traceback_and_the_loop_goes_on(
        desk: Desk, officer: dict, logs: Path) -> None:
    receive(desk, officer["id"], 1)
    # A damaged database: the table the sync reads first is gone. Not a network problem, not a reply of
    # the wrong shape: a fault the loop has no name for.
    desk.store.conn().execute("DROP TABLE sync_identity")
    loop = SyncLoop(SyncClient(desk), interval=3600, backoff_base=0.05, backoff_max=0.1, poll_seconds=0.05)
    loop.start()
    try:
        deadline = time.monotonic() + 30
        while loop.failures < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert loop.failures >= 2, "the loop stopped after the first failure"
    finally:
        loop.stop(timeout=10)
    text = logs.read_text(encoding="utf-8")
    assert "sync loop: unexpected error" in text
    assert "Traceback (most recent call last)" in text
    assert "OperationalError: no such table: sync_identity" in text
    shown = desk.store.scalar("SELECT value FROM sync_state WHERE name = 'last_error'")
    assert shown.startswith("Lỗi khi đồng bộ (OperationalError)") and "nhật ký" in shown


def test_the_command_line_logs_to_its_own_file_without_the_citizen_it_was_given(data_dir: Path, desk: Desk,
                                                                                 officer: dict) -> None:
    def receive_with(dob: str) -> int:
        return cli_main(["--data-dir", str(data_dir), "receive", "--procedure", "1.001193", "--name", NAME,
                         "--id", ID_NUMBER, "--dob", dob, "--gender", "Nam", "--phone", PHONE, "--officer", "canbo1"])

    assert receive_with("01/01/1999") == 0
    # The same citizen with a date that does not exist: refused, and logged without the value.
    assert receive_with("31/02/1999") == 2
    text = log_file(data_dir, "cli").read_text(encoding="utf-8")
    assert "desk receive" in text and "refused: ValidationError" in text and "fields=dob" in text
    for secret in (NAME, ID_NUMBER, PHONE, "31/02/1999"):
        assert secret not in text
    assert not any(isinstance(h, PrivateRotatingFileHandler) for h in logging.getLogger().handlers), \
        "the command's log handler stays installed after the command"


def test_diagnose_writes_what_support_needs_and_no_secret(data_dir: Path, desk: Desk, officer: dict,
                                                          tmp_path: Path) -> None:
    receive(desk, officer["id"], 3)
    desk.store.conn().execute("INSERT INTO sync_state (name, value) VALUES ('token', 'bi-mat-token-123')")
    hmac_key = desk.store.scalar("SELECT hmac_key FROM office")
    password_hash = desk.store.scalar("SELECT password_hash FROM officers LIMIT 1")
    out = tmp_path / "support" / "chan-doan.zip"
    assert cli_main(["--data-dir", str(data_dir), "diagnose", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"README.txt", "versions.json", "settings.json", "database.json", "sync.json", "backups.json",
                "logs.json", "logs/cli.log.tail.txt"} <= names
        blob = "\n".join(z.read(n).decode("utf-8") for n in names)
        database = json.loads(z.read("database.json"))
        versions = json.loads(z.read("versions.json"))
        settings = json.loads(z.read("settings.json"))
    assert database["integrity_ok"] and database["integrity_check"] == ["ok"]
    assert set(database["outbox_by_state"]) == {"pending"} and database["outbox_by_state"]["pending"] >= 3
    assert database["dossiers_by_status"] == {"received": 3}
    assert database["migrations_applied"] == database["migrations_known"] and not database["migrations_pending"]
    assert versions["app"] and "PySide6-Essentials" in versions["packages"]
    assert settings["office"]["agency_code"] == "000.00.06.H56" and "hmac_key" not in settings["office"]
    assert "desk diagnose" in blob  # the log's tail: the command itself
    for secret in (hmac_key, password_hash, "bi-mat-token-123", NAME, "0912345678"):
        assert secret not in blob
    if sys.platform != "win32":
        assert (out.stat().st_mode & 0o777) == 0o600


def test_diagnose_still_reports_on_a_database_it_cannot_open(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "desk.db").write_bytes(b"this is not a database" * 100)
    out = tmp_path / "d.zip"
    assert cli_main(["--data-dir", str(folder), "diagnose", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        database = json.loads(z.read("database.json"))
        versions = json.loads(z.read("versions.json"))
    assert "error" in database and "DatabaseError" in database["error"]
    assert versions["python"]
    assert os.path.getsize(folder / "desk.db") == len(b"this is not a database" * 100)  # untouched
