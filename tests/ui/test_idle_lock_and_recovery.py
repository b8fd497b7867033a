"""The window locks itself when left idle and gives the page back intact; a damaged database at start
shows the recovery screen, which restores the last good backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk import health
from desk.backup import make_backup
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk
from tests.ui.conftest import OFFSCREEN_NOISE, Keyboard, logged_in, wait_idle
from ui.recovery import RecoveryDialog
from ui.tasks import TaskRunner

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


def test_idle_window_locks_over_the_form_and_unlocks_with_the_password_keeping_what_was_typed(
        qtbot: Any, desk: Desk, officer: dict, make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    wait_idle(qtbot, app)
    lock = app.idle_lock
    assert lock is not None and lock.interval_ms == 10 * 60_000  # the setting's default
    intake = app.pages["intake"]
    intake.inputs["full_name"].setFocus()
    keyboard.type("Nguyễn Thị Mai")
    lock.set_interval_ms(300)  # a short idle time, so the test does not wait ten minutes
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert app.window is not None
    assert lock.panel.geometry() == app.window.rect(), "the panel covers the whole window"
    assert QApplication.focusWidget() is lock.panel.password
    # Keys meant for the page are refused while locked, even if something gives the field the focus.
    intake.inputs["full_name"].setFocus()
    keyboard.type("XYZ")
    assert intake.inputs["full_name"].text() == "Nguyễn Thị Mai"
    keyboard.ctrl(Qt.Key.Key_2)
    assert app.window.current_key() == "intake", "a page shortcut worked under the lock"
    lock.panel.password.setFocus()
    keyboard.type("saimatkhau")
    keyboard.enter()
    qtbot.waitUntil(lambda: "không đúng" in lock.panel.error.text(), timeout=10000)
    assert lock.locked
    keyboard.type("matkhau123")
    keyboard.enter()
    qtbot.waitUntil(lambda: not lock.locked, timeout=10000)
    assert intake.inputs["full_name"].text() == "Nguyễn Thị Mai"
    assert QApplication.focusWidget() is intake.inputs["full_name"]
    keyboard.type(" Anh")
    assert intake.inputs["full_name"].text() == "Nguyễn Thị Mai Anh"
    audit = [r["action"] for r in desk.store.query("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id",
                                                    (officer["id"],))]
    assert audit[-2:] == ["login_failed", "login"]


def test_damaged_database_at_start_shows_the_recovery_screen_and_restores_the_last_good_backup(
        qtbot: Any, tmp_path: Path, clock: Any) -> None:
    data = tmp_path / "desk"
    desk = Desk.open(data, clock=clock)
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56"})
    officer = desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")
    desk.dossiers.receive(IntakeInput("2.000815", ApplicantInput("Hồ Thị Yến", "019180001234", "", "Nữ")),
                          officer["id"])
    backup = make_backup(desk.store)
    lost = desk.dossiers.receive(IntakeInput("2.000815", ApplicantInput("Lý Văn Tâm", "001099012345", "", "Nam")),
                                 officer["id"])  # after the backup, never synced
    desk.close()
    db = data / "desk.db"
    with open(db, "r+b") as f:
        f.write(b"\0" * 4096)  # the header page zeroed
    with pytest.raises(health.DamagedDatabase) as info:
        Desk.open(data, clock=clock)
    runner = TaskRunner()
    dialog = RecoveryDialog(info.value, data, runner, lambda d: Desk.open(d, clock=clock))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "bị hỏng" in dialog.message.text() and backup.name in dialog.backup_label.text()
    opened: list[Desk] = []
    dialog.recovered.connect(opened.append)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.continue_button.isVisible(), timeout=20000)
    # Not enrolled: nothing to fetch back; the code issued after the backup is listed for re-entry.
    assert lost["code"] in dialog.outcome.toPlainText()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].store.scalar("SELECT COUNT(*) FROM dossiers") == 1
    assert list(data.glob("desk-replaced-*.db")), "the damaged file is kept aside, not deleted"
    opened[0].close()
    runner.wait(10000)
