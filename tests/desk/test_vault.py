"""The shared PC: the data encrypted and private to the OS account, roles checked in the services,
lockout, the hash-chained audit log, and citizens' rights over their data."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk import audit_chain, dbfile, health, keys, privacy
from desk.backup import make_backup
from desk.cli import main
from desk.dossiers import DossierService
from desk.intake import ApplicantInput, IntakeInput
from desk.officers import AccountLocked, LoginFailed
from desk.permissions import PermissionDenied
from desk.services import Desk
from tests.support import deskdb

CITIZEN = ApplicantInput("Hồ Thị Yến", "019180001234", "12/03/1980", "Nữ", address="Thôn Đông Hòa, xã Tân Lập",
                         phone="0912345678")


def _receive(desk: Desk, officer: dict, who: ApplicantInput = CITIZEN) -> dict[str, Any]:
    return desk.dossiers.receive(IntakeInput("2.000815", who), officer["id"])


# --- encryption at rest -------------------------------------------------------------------------------
def test_the_database_and_its_backups_do_not_open_without_the_key(desk: Desk, officer: dict, data_dir: Path) -> None:
    _receive(desk, officer)
    slip_key = desk.office.require().hmac_key
    backup = make_backup(desk.store)
    desk.close()
    for path in (data_dir / "desk.db", backup):
        raw = path.read_bytes()
        for secret in ("Hồ Thị Yến".encode(), b"019180001234", b"0912345678", slip_key.encode(), b"SQLite format 3"):
            assert secret not in raw, (path.name, secret)
        con = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            con.execute("SELECT COUNT(*) FROM dossiers").fetchone()
        con.close()
        wrong = dbfile.connect(path, os.urandom(32))
        with pytest.raises(dbfile.DatabaseError, match="not a database"):
            wrong.execute("SELECT COUNT(*) FROM dossiers").fetchone()
        wrong.close()
        right = dbfile.connect(path, deskdb.key_of(data_dir / "desk.db"))
        assert right.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0] == 1
        right.close()
    # Nothing else in the data folder holds the key, the slip key or the device's private key in clear.
    key = deskdb.key_of(data_dir / "desk.db")
    for f in data_dir.rglob("*"):
        if f.is_file():
            raw = f.read_bytes()
            assert key not in raw and key.hex().encode() not in raw and slip_key.encode() not in raw, f.name


def test_the_key_lives_outside_the_data_folder_and_comes_back_from_the_recovery_key(
        desk: Desk, officer: dict, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _receive(desk, officer)
    desk.close()
    assert main(["--data-dir", str(data_dir), "key", "recovery"]) == 0
    recovery = capsys.readouterr().out.splitlines()[0]
    assert len(recovery.split("-")) == 16
    # The PC is reinstalled: the OS account's key store is gone, the data folder is intact.
    shutil.rmtree(os.environ[keys.ENV_KEYS])
    with pytest.raises(keys.KeyMissing) as info:
        Desk.open(data_dir)
    assert "khóa khôi phục" in info.value.message_vi
    assert main(["--data-dir", str(data_dir), "check"]) == 2
    assert "Không tìm thấy khóa mã hóa" in capsys.readouterr().err
    wrong = "0" * 64
    assert main(["--data-dir", str(data_dir), "key", "restore", "--recovery-key", wrong]) == 2
    assert "không đúng" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "key", "restore", "--recovery-key", recovery.lower()]) == 0
    assert "1 hồ sơ" in capsys.readouterr().out
    again = Desk.open(data_dir)
    assert again.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
    again.close()


def test_a_plain_database_of_an_older_build_is_encrypted_in_place_with_its_backups(
        desk: Desk, officer: dict, data_dir: Path) -> None:
    code = _receive(desk, officer)["code"]
    backup = make_backup(desk.store)
    key = desk.store.key
    desk.close()
    # What an older build left: plain SQLite files, and no key id.
    for path in (data_dir / "desk.db", backup):
        plain = path.with_suffix(".plain")
        con = dbfile.connect(path, key)
        con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        con.execute("SELECT sqlcipher_export('plain')")
        con.execute("DETACH DATABASE plain")
        con.close()
        os.replace(plain, path)
        assert dbfile.is_plain_sqlite(path)
    (data_dir / keys.KEYID_FILE).unlink()
    (backup.parent / keys.KEYID_FILE).unlink()
    again = Desk.open(data_dir)
    assert again.dossiers.get(code)["applicant_name"] == "Hồ Thị Yến"
    again.close()
    assert not dbfile.is_plain_sqlite(data_dir / "desk.db") and not dbfile.is_plain_sqlite(backup)
    assert dbfile.check_file(backup, deskdb.key_of(data_dir / "desk.db")) == []


# --- files private to the OS account ------------------------------------------------------------------
def test_data_files_are_not_readable_by_another_os_user(desk: Desk, officer: dict, data_dir: Path,
                                                        tmp_path: Path) -> None:
    from desk.forms import FormService

    d = _receive(desk, officer)
    slip = FormService(desk).slip(d["code"], officer_id=officer["id"])
    backup = make_backup(desk.store)
    files = [data_dir / "desk.db", data_dir / "desk.db.hwm", data_dir / keys.KEYID_FILE, backup, slip]
    assert (data_dir.stat().st_mode & 0o777) == 0o700
    for f in files:
        assert (f.stat().st_mode & 0o077) == 0, f"{f.name} is readable by others"
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        pytest.skip("reading as another OS account needs root with useradd and runuser (CI runs as root)")
    # Another account may traverse the temp folders above the data folder, as on a real PC's /home.
    for parent in [p for p in data_dir.parents if tmp_path in (p, *p.parents)] + [data_dir.parent]:
        os.chmod(parent, 0o755)
    user = f"deskprobe{uuid.uuid4().hex[:8]}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", user], check=True)
    try:
        for f in files:
            out = subprocess.run(["runuser", "-u", user, "--", "cat", str(f)], capture_output=True)
            assert out.returncode != 0 and b"Permission denied" in out.stderr, f"{user} read {f.name}"
        out = subprocess.run(["runuser", "-u", user, "--", "ls", str(data_dir)], capture_output=True)
        assert out.returncode != 0, "another account listed the data folder"
        # The same account can, of course (the check above is not a broken command).
        assert subprocess.run(["cat", str(files[1])], capture_output=True).returncode == 0
    finally:
        subprocess.run(["userdel", user], check=False)


# --- roles --------------------------------------------------------------------------------------------
def test_an_officer_cannot_take_a_leaders_or_admins_action_by_calling_the_service(
        desk: Desk, officer: dict, leader: dict) -> None:
    admin = desk.officers.create("quantri", "Nguyễn Quản Trị", "matkhau123", role="admin")
    d = _receive(desk, officer)
    apology = {"reason": "Cần xác minh", "new_due_at": "2026-11-30 10:00"}
    with pytest.raises(PermissionDenied, match="Cán bộ một cửa không có quyền quyết định của lãnh đạo"):
        desk.dossiers.act(d["code"], "apologize", officer["id"], data=apology)
    with pytest.raises(PermissionDenied):
        desk.dossiers.act(d["code"], "stop", admin["id"], data={"reason": "x"})
    with pytest.raises(PermissionDenied):
        desk.dossiers.act(d["code"], "apologize", "someone-made-up", data=apology)
    assert desk.dossiers.get(d["code"])["new_due_at"] is None, "nothing was written"
    assert desk.dossiers.act(d["code"], "apologize", leader["id"], data=apology)["new_due_at"]
    for attempt in (lambda: desk.officers.create("moi", "Cán bộ Mới", "matkhau123", actor=officer["id"]),
                    lambda: desk.settings.set("print.copies", 2, actor=officer["id"]),
                    lambda: desk.settings.set("print.copies", 2, actor=leader["id"]),
                    lambda: desk.catalog.set_local("2.000815", {"fee_text": "0"}, actor=officer["id"]),
                    lambda: desk.office.save({"name": "UBND xã Khác", "agency_code": "000.00.06.H56"},
                                             actor=officer["id"]),
                    lambda: desk.officers.set_password(admin["id"], "matkhau999", actor=officer["id"]),
                    lambda: privacy.export(desk, "019180001234", actor=officer["id"]),
                    lambda: privacy.purge(desk, actor=leader["id"])):
        with pytest.raises(PermissionDenied):
            attempt()
    desk.settings.set("print.copies", 2, actor=admin["id"])
    desk.officers.set_password(officer["id"], "matkhau456", actor=officer["id"])  # one's own password


def test_lists_mask_id_numbers_for_roles_that_do_not_need_them(desk: Desk, officer: dict, leader: dict) -> None:
    _receive(desk, officer)
    service: DossierService = desk.dossiers
    assert service.list(viewer=officer["id"])[0]["applicant_id_number"] == "019180001234"
    for viewer in (leader["id"], desk.officers.create("quantri", "Quản Trị", "matkhau123", role="admin")["id"]):
        assert service.list(viewer=viewer)[0]["applicant_id_number"] == "•••••••••234"
        assert service.search("019180001234", viewer=viewer)[0]["applicant_id_number"].endswith("234")
        assert "019180001234" not in str(service.search("ho thi yen", viewer=viewer))


# --- lockout --------------------------------------------------------------------------------------------
def test_five_wrong_passwords_lock_the_account_until_the_time_passes_or_an_admin_unlocks(
        desk: Desk, officer: dict, clock: Any, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for attempt in range(1, 5):
        with pytest.raises(LoginFailed) as info:
            desk.officers.authenticate("canbo1", "sai")
        assert not isinstance(info.value, AccountLocked)
        assert f"Còn {5 - attempt} lần thử" in info.value.message_vi
    with pytest.raises(AccountLocked, match="tạm khóa"):
        desk.officers.authenticate("canbo1", "sai")
    with pytest.raises(AccountLocked):
        desk.officers.authenticate("canbo1", "matkhau123")  # even the right password, while locked
    actions = [r["action"] for r in desk.store.query("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id",
                                                      (officer["id"],))]
    assert actions.count("login_failed") == 5 and "account_locked" in actions and actions[-1] == "login_refused"
    clock.set(clock.now + timedelta(minutes=16))
    assert desk.officers.authenticate("canbo1", "matkhau123")["id"] == officer["id"]
    # Locked again, then unlocked by an admin from the command line.
    for _ in range(5):
        with pytest.raises(LoginFailed):
            desk.officers.authenticate("canbo1", "sai")
    assert main(["--data-dir", str(data_dir), "account", "unlock", "canbo1"]) == 0
    assert desk.officers.authenticate("canbo1", "matkhau123")["id"] == officer["id"]
    with pytest.raises(LoginFailed):
        desk.officers.authenticate("khongco", "sai")
    assert desk.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' "
                             "AND entity_id = 'khongco'") == 1


# --- the audit chain ----------------------------------------------------------------------------------
def _tampered(data_dir: Path, sql: list[str]) -> None:
    """What someone with the key and an SQLite tool could do: drop the guards, then edit."""
    con = deskdb.connect(data_dir / "desk.db", isolation_level=None)
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for s in sql:
        con.execute(s)
    con.close()


@pytest.mark.parametrize(("tamper", "expected"), [
    (["UPDATE audit_log SET detail = '{\"status\":\"returned\"}' WHERE id = 4"], "Dòng nhật ký #4"),
    (["DELETE FROM audit_log WHERE id = 4"], "giữa dòng #3 và dòng #5"),
    (["UPDATE audit_log SET id = 1000 WHERE id = 4", "UPDATE audit_log SET id = 4 WHERE id = 5",
      "UPDATE audit_log SET id = 5 WHERE id = 1000"], "Thứ tự nhật ký bị đảo: dòng #4"),
])
def test_audit_verify_finds_an_altered_removed_or_reordered_entry(
        desk: Desk, officer: dict, data_dir: Path, capsys: pytest.CaptureFixture[str], tamper: list[str],
        expected: str) -> None:
    for _ in range(3):
        _receive(desk, officer)
    assert desk.store.scalar("SELECT COUNT(*) FROM audit_log") >= 6
    with pytest.raises(dbfile.IntegrityError, match="append-only"), desk.store.write() as uow:
        uow.execute("UPDATE audit_log SET detail = '{}' WHERE id = 6")
    with pytest.raises(dbfile.IntegrityError, match="append-only"), desk.store.write() as uow:
        uow.execute("DELETE FROM audit_log WHERE id = 6")
    with pytest.raises(dbfile.IntegrityError, match="chained"), desk.store.write() as uow:
        uow.execute("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('x', 'x', 'x', 'x', 'x')")
    assert main(["--data-dir", str(data_dir), "audit", "verify"]) == 0
    assert "Nhật ký nguyên vẹn" in capsys.readouterr().out
    desk.close()
    _tampered(data_dir, tamper)
    assert main(["--data-dir", str(data_dir), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "NHẬT KÝ BỊ CAN THIỆP" in out
    first = out.splitlines()[1]
    assert expected in first, out


def test_the_chain_links_entries_written_before_it_existed_and_every_write_extends_it(desk: Desk, officer: dict) -> None:
    _receive(desk, officer)
    verdict = audit_chain.verify(desk.store.conn())
    assert verdict.ok and verdict.entries >= 4
    first = desk.store.query_one("SELECT prev_hash FROM audit_log ORDER BY id LIMIT 1")
    assert first is not None and first["prev_hash"] == audit_chain.GENESIS


# --- backups ------------------------------------------------------------------------------------------
def test_backups_are_checked_rotated_copied_to_a_second_folder_and_never_made_of_a_damaged_database(
        desk: Desk, officer: dict, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stick = tmp_path / "usb"
    desk.settings.set("backup.second_folder", str(stick))
    desk.settings.set("backup.keep", 2)
    _receive(desk, officer)
    desk.close()
    for _ in range(3):
        assert main(["--data-dir", str(data_dir), "backup"]) == 0
    assert "Đã kiểm tra và sao lưu" in capsys.readouterr().out
    local = sorted((data_dir / "backups").glob("desk-*.db"))
    copies = sorted(stick.glob("desk-*.db"))
    assert len(local) == 2 and [p.name for p in copies] == [p.name for p in local]
    key = deskdb.key_of(data_dir / "desk.db")
    assert all(dbfile.check_file(p, key) == [] for p in copies)
    # Bytes flipped in the live database: it is not backed up, and the good backups stay.
    db = data_dir / "desk.db"
    size = db.stat().st_size
    with open(db, "r+b") as f:
        f.seek(size // 2)
        f.write(bytes(b ^ 0xFF for b in f.read(64)))
    assert main(["--data-dir", str(data_dir), "backup"]) == 2
    err = capsys.readouterr().err
    assert "bị hỏng" in err and local[-1].name in err
    assert sorted((data_dir / "backups").glob("desk-*.db")) == local


def test_a_missing_database_beside_its_side_file_is_a_loss_not_a_new_office(desk: Desk, officer: dict,
                                                                           data_dir: Path) -> None:
    _receive(desk, officer)
    desk.close()
    (data_dir / "desk.db").unlink()
    with pytest.raises(health.DamagedDatabase) as info:
        Desk.open(data_dir)
    assert info.value.missing and info.value.backup is None
    assert "không phải một cơ quan mới" in info.value.message_vi and "backups" in info.value.message_vi
    assert not (data_dir / "desk.db").exists(), "no empty database was made"


# --- personal data ------------------------------------------------------------------------------------
def test_a_citizen_exports_and_corrects_their_data_and_both_requests_are_recorded(
        desk: Desk, officer: dict, leader: dict, data_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    d = _receive(desk, officer)
    out = tmp_path / "export.json"
    assert main(["--data-dir", str(data_dir), "citizen", "export", "--id", "019180001234", "-o", str(out),
                 "--officer", "lanhdao"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["citizen"]["full_name"] == "Hồ Thị Yến" and data["dossiers"][0]["code"] == d["code"]
    assert data["dossiers"][0]["steps"][0]["kind"] == "receive"
    assert (out.stat().st_mode & 0o077) == 0
    assert main(["--data-dir", str(data_dir), "citizen", "export", "--id", "019180001234", "-o", str(out),
                 "--officer", "canbo1"]) == 2
    assert "không có quyền" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "citizen", "correct", "--id", "019180001234",
                 "--set", "phone=0987654321", "--set", "address=Số 5 đường Hùng Vương", "--officer", "lanhdao"]) == 0
    citizen = desk.dossiers.returning_citizen("019180001234")
    assert citizen is not None and citizen["phone"] == "0987654321"
    assert desk.dossiers.get(d["code"])["applicant_phone"] == "0912345678", "the submitted record is kept"
    requests = desk.store.query("SELECT kind, fields FROM privacy_requests ORDER BY received_at, kind")
    assert [r["kind"] for r in requests] == ["correct", "export"] or [r["kind"] for r in requests] == ["export", "correct"]
    audited = [r["action"] for r in desk.store.query("SELECT action FROM audit_log WHERE entity = 'citizen'")]
    assert "personal_data_exported" in audited and "personal_data_corrected" in audited
    # The audit log names what changed, never the values.
    details = " ".join(r["detail"] for r in desk.store.query("SELECT detail FROM audit_log"))
    assert "0987654321" not in details and "019180001234" not in details


def test_retention_purge_lists_then_removes_personal_data_past_the_limit_and_keeps_the_chain(
        desk: Desk, officer: dict, clock: Any, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _receive(desk, officer)
    desk.dossiers.act(d["code"], "withdraw", officer["id"], data={"reason": "Người nộp xin rút hồ sơ."})
    kept = _receive(desk, officer)  # still open: never purged, however old
    with pytest.raises(Exception, match="không được nhỏ hơn 5"):
        desk.settings.set("retention.years", 3)
    assert main(["--data-dir", str(data_dir), "purge", "--dry-run"]) == 0  # today: nothing is old enough
    assert "Hồ sơ đã kết thúc được xóa thông tin cá nhân: 0" in capsys.readouterr().out
    clock.set(datetime(2037, 1, 5, 9, 0))
    listed = privacy.plan_purge(desk)
    assert listed.dossiers == [d["code"]] and kept["code"] not in listed.dossiers
    assert desk.dossiers.get(d["code"])["applicant_id_number"] == "019180001234", "a dry run changes nothing"
    plan = privacy.purge(desk, actor="cli")
    assert plan.dossiers == [d["code"]] and plan.audit_entries > 0
    gone = desk.dossiers.get(d["code"])
    assert gone["applicant_name"] == privacy.PURGED_NAME and gone["applicant_id_number"] == ""
    assert gone["status"] == "withdrawn" and gone["procedure_code"] == "2.000815"
    assert desk.dossiers.get(kept["code"])["applicant_id_number"] == "019180001234"
    assert not desk.dossiers.search("ho thi yen") or all(r["id"] != d["id"] for r in desk.dossiers.search("ho thi yen"))
    verdict = audit_chain.verify(desk.store.conn())
    assert verdict.ok, verdict.findings
    assert desk.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'audit_purged'") == 1


def test_the_new_settings_are_set_from_the_command_line_within_their_bounds(
        desk: Desk, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk.close()
    assert main(["--data-dir", str(data_dir), "setting", "set", "security.idle_lock_minutes", "3"]) == 0
    assert main(["--data-dir", str(data_dir), "setting", "set", "retention.years", "2"]) == 2
    assert "không được nhỏ hơn 5" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "setting", "list"]) == 0
    listed = capsys.readouterr().out
    assert "security.idle_lock_minutes   3" in listed and "retention.years              10" in listed
