"""Backups are consistent copies; restoring one never lets the desk reissue a code it already gave out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desk.backup import backup_if_due, list_backups, make_backup
from desk.cli import main
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk


def _receive(desk: Any, officer: dict) -> str:
    d = desk.dossiers.receive(IntakeInput("2.000815", ApplicantInput("Hồ Thị Yến", "019180001234", "", "Nữ")),
                              officer["id"])
    return str(d["code"])


def test_restore_from_cli_starts_a_new_epoch_and_never_repeats_a_code(desk: Any, officer: dict, data_dir: Path,
                                                                     clock: Any, capsys: pytest.CaptureFixture[str]) -> None:
    issued = [_receive(desk, officer) for _ in range(3)]
    backup = make_backup(desk.store)
    issued += [_receive(desk, officer) for _ in range(3)]
    desk.close()
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "Kỳ đồng bộ mới: 2" in out
    again = Desk.open(data_dir, clock=clock)
    assert again.store.scalar("SELECT COUNT(*) FROM dossiers") == 3  # the copy's content
    new = _receive(again, officer)
    assert new not in issued
    assert new.endswith("0007")
    again.close()
    # The replaced database was kept, with all six dossiers.
    kept = list(data_dir.glob("desk-replaced-*.db"))
    assert len(kept) == 1


def test_a_damaged_file_is_refused_before_anything_is_replaced(desk: Any, data_dir: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "not-a-backup.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    desk.close()
    before = (data_dir / "desk.db").read_bytes()
    assert main(["--data-dir", str(data_dir), "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "not-a-backup.db" in err and ("không phải" in err or "bị hỏng" in err)
    assert (data_dir / "desk.db").read_bytes() == before
    assert not list(data_dir.glob("desk-replaced-*.db"))


def test_daily_backup_only_once_a_day_and_pruned(desk: Any) -> None:
    assert backup_if_due(desk.store) is not None
    assert backup_if_due(desk.store) is None
    for _ in range(5):
        make_backup(desk.store, keep=3)
    assert len(list_backups(desk.store)) == 3


def test_restore_is_refused_under_a_running_window_and_for_another_pc(desk: Any, officer: dict, data_dir: Path,
                                                                     tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from desk.sync.lock import app_lock

    backup = make_backup(desk.store)
    desk.close()
    with app_lock(data_dir):  # what the open window holds
        assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 2
        assert "Phần mềm đang mở" in capsys.readouterr().err
    other = Desk.open(tmp_path / "other-pc")
    other_backup = make_backup(other.store)
    other.close()
    assert main(["--data-dir", str(data_dir), "restore", str(other_backup)]) == 2
    assert "máy khác" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "restore", str(tmp_path / "missing.db")]) == 2
    assert "Không tìm thấy tệp sao lưu" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0


def test_a_backup_taken_just_before_the_last_write_is_still_a_restore(desk: Any, officer: dict, data_dir: Path,
                                                                     clock: Any) -> None:
    """The restored database looks exactly like one whose last write was killed; only the side file
    knows that write committed, so its sequence numbers and code are not issued again."""
    _receive(desk, officer)
    backup = make_backup(desk.store)
    last = _receive(desk, officer)
    last_seq = desk.store.scalar("SELECT MAX(seq) FROM outbox")
    desk.close()
    from desk.backup import restore_backup

    restore_backup(data_dir / "desk.db", backup)
    again = Desk.open(data_dir, clock=clock)
    assert again.store.device()["epoch"] == 2
    new = again.dossiers.receive(IntakeInput("2.000815", ApplicantInput("Hồ Thị Yến", "019180001234", "", "Nữ")),
                                 officer["id"])
    assert new["code"] != last
    assert again.store.scalar("SELECT MIN(seq) FROM outbox WHERE epoch = 2") > last_seq
    again.close()


def test_a_replacement_pc_restores_before_the_program_ever_ran_there(desk: Any, officer: dict, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    backup = make_backup(desk.store)
    new_pc = tmp_path / "new-pc" / "motcua-desk"  # nothing there yet, not even the folder
    assert main(["--data-dir", str(new_pc), "restore", str(backup)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    restored = Desk.open(new_pc)
    try:
        assert restored.office.require().agency_code == desk.office.require().agency_code
        assert restored.officers.authenticate("canbo1", "matkhau123")["id"] == officer["id"]
    finally:
        restored.close()
