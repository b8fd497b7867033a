"""The store's promises (migrations after a backup, newer databases refused) and the CLI as an admin uses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from db.migrations import MIGRATIONS
from desk.cli import main
from desk.errors import SchemaTooNew
from desk.store import Store
from tests.support import deskdb


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    Store(path).close()
    con = deskdb.connect(path)
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('desk', '0099_future', 'x')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew) as info:
        Store(path)
    assert "phiên bản mới hơn" in info.value.message_vi and "0099_future" in info.value.message_vi
    assert path.read_bytes() == before


def test_a_migration_runs_after_a_backup_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "desk.db"
    s = Store(path)
    with s.write() as uow:
        uow.execute("INSERT INTO settings (name, value) VALUES ('marker', 'before')")
    s.close()

    def m0099_test(db: Database) -> None:
        db.execute("CREATE TABLE added_later (x INTEGER)")

    monkeypatch.setattr(MIGRATIONS, "_migrations", [*MIGRATIONS._migrations,
                                                   MIGRATIONS._Migration("0099_test", m0099_test)])
    s2 = Store(path)
    assert s2.scalar("SELECT COUNT(*) FROM added_later") == 0
    s2.close()
    backups = list((tmp_path / "backups").glob("desk-before-0099_test-*.db"))
    assert len(backups) == 1
    con = deskdb.connect(backups[0])
    assert con.execute("SELECT value FROM settings WHERE name = 'marker'").fetchone() == ("before",)
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'added_later'").fetchone() is None
    con.close()


def test_store_uses_wal_and_full_sync(desk: Any) -> None:
    conn = desk.store.conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_failed_unit_of_work_leaves_nothing(desk: Any) -> None:
    before = desk.store.scalar("SELECT COUNT(*) FROM audit_log"), desk.store.scalar("SELECT COUNT(*) FROM outbox")
    with pytest.raises(RuntimeError), desk.store.write("t") as uow:
        uow.record("x", "dossier", "1", {"a": 1})
        raise RuntimeError("power cut in the middle")
    after = desk.store.scalar("SELECT COUNT(*) FROM audit_log"), desk.store.scalar("SELECT COUNT(*) FROM outbox")
    assert before == after


def test_cli_needs_a_profile_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["--data-dir", str(tmp_path), "receive", "--procedure", "1.001193", "--name", "Nguyễn Văn An",
               "--id", "001099012345"])
    assert rc == 2
    assert "Chưa khai báo thông tin cơ quan" in capsys.readouterr().err


def test_cli_init_receive_calendar_and_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path)
    assert main(["--data-dir", d, "init", "--office-name", "UBND xã Tân Lập", "--agency-code", "H15.50.05.13",
                 "--province", "Tỉnh Lào Cai"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "receive", "--procedure", "2.000815", "--name", "vũ thị lan", "--id",
                 "010185002233", "--dob", "04/05/1985", "--gender", "Nữ", "--phone", "0912000111",
                 "--received-at", "2026-11-20 15:20"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "H15.50.05.13-261120-010001"
    assert "Vũ Thị Lan" in out[1]
    assert out[2] == "Hẹn trả: 17:00 ngày 23/11/2026"  # same-day procedure received after 15:00 on a Friday
    assert out[3] == "Sổ theo dõi hồ sơ: quyển 01/2026, STT 01-0001"
    assert main(["--data-dir", d, "calendar", "due", "--received", "2026-11-23 15:20", "--days", "0",
                 "--same-day-cutoff", "15:00"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "2026-11-25T17:00"
    assert main(["--data-dir", d, "calendar", "show", "2026"]) == 0
    shown = capsys.readouterr().out
    assert "2026-02-17" in shown and "2026-08-22" in shown and "2026-11-24" in shown
    assert main(["--data-dir", d, "calendar", "set", "2026-11-26", "off", "--note", "Nghỉ bầu cử"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "calendar", "due", "--received", "2026-11-25 10:00", "--days", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "2026-11-27T10:00"
    assert main(["--data-dir", d, "search", "vu thi lan"]) == 0
    assert "H15.50.05.13-261120-010001" in capsys.readouterr().out
    assert main(["--data-dir", d, "receive", "--procedure", "2.000815", "--name", "", "--id", "12"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi [full_name]: Họ tên người nộp không được để trống." in err and "Lỗi [id_number]" in err


def test_seed_demo_makes_a_realistic_commune(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "seed-demo", "--count", "300"]) == 0
    con = deskdb.connect(tmp_path / "desk.db")
    total = con.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
    states = dict(con.execute("SELECT status, COUNT(*) FROM dossiers GROUP BY status").fetchall())
    con.close()
    assert total >= 290
    assert {"received", "in_processing", "result_ready", "returned", "refused"} <= set(states)


def test_register_book_defaults_to_01_and_numbers_count_up(desk: Any) -> None:
    from desk.intake import ApplicantInput, IntakeInput

    assert desk.office.require().register_book == "01"
    officer = desk.officers.create("canbo2", "Ngô Thị Lan", "matkhau123")
    nums = []
    for _ in range(2):
        d = desk.dossiers.receive(IntakeInput("2.000815", ApplicantInput("Ngô Văn Nam", "001090012345", "", "Nam")),
                                  officer["id"])
        nums.append((d["register_book"], d["register_no"]))
    assert nums == [("01/2026", 1), ("01/2026", 2)]


def test_two_desks_of_one_commune_share_the_slip_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one, two = str(tmp_path / "one"), str(tmp_path / "two")
    assert main(["--data-dir", one, "init", "--office-name", "UBND xã Tân Lập", "--agency-code", "H15.50.05.13"]) == 0
    assert "quầy số 01" in capsys.readouterr().out
    assert main(["--data-dir", one, "slip-key"]) == 0
    key = capsys.readouterr().out.splitlines()[0]
    assert len(key) == 64
    assert main(["--data-dir", two, "init", "--office-name", "UBND xã Tân Lập", "--agency-code", "H15.50.05.13",
                 "--desk-no", "2", "--slip-key", key]) == 0
    assert "quầy số 02" in capsys.readouterr().out
    assert main(["--data-dir", two, "slip-key"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == key
    assert main(["--data-dir", two, "init", "--office-name", "UBND xã Tân Lập", "--agency-code", "H15.50.05.13",
                 "--slip-key", "not-a-key"]) == 2
    assert "Lỗi [slip_key]" in capsys.readouterr().err
    from desk.forms.qr import slip_url, verify_slip_text
    from desk.services import Desk

    d1, d2 = Desk.open(one), Desk.open(two)
    url = slip_url(d1.office.require(), "H15.50.05.13-261120-010001")
    scanned = verify_slip_text(url, d2.office.require())
    assert scanned is not None and scanned.genuine
    d1.close()
    d2.close()
