"""The operation helper every page uses (ui/operations.py) and the log behind it: desk's messages land on
their fields, an unexpected failure tells the officer plainly and leaves its traceback in the log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from desk.logs import setup_logging
from desk.services import Desk
from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE, Keyboard, logged_in, wait_idle
from ui.operations import Operations, unexpected_text
from ui.tasks import TaskRunner
from ui.widgets import Banner

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


@pytest.fixture
def log_path(data_dir: Path) -> Iterator[Path]:
    with setup_logging(data_dir) as setup:
        assert setup.path is not None
        yield setup.path


def test_a_failure_in_a_worker_is_logged_with_its_traceback(qtbot: Any, log_path: Path) -> None:
    runner = TaskRunner()
    seen: list[BaseException] = []

    def count_pages_of_the_register() -> int:
        return {"pages": 3}["sheets"]

    runner.run(count_pages_of_the_register, None, seen.append, label="register pages")
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert isinstance(seen[0], KeyError)
    text = log_path.read_text(encoding="utf-8")
    assert "register pages: unexpected error" in text
    assert "Traceback (most recent call last)" in text and "in count_pages_of_the_register" in text
    assert "KeyError: 'sheets'" in text
    assert not hasattr(seen[0], "__traceback_text__")  # the unread copy is gone: the log has it


def test_desk_messages_land_on_their_fields_and_the_first_wrong_one_gets_the_keyboard(
        qtbot: Any, desk: Desk, officer: dict, make_app: Any, keyboard: Keyboard, log_path: Path) -> None:
    # (The first-run dialog this test once drove is now the wizard of ui/first_run.py, with its own
    # pages; the intake page runs through the same helper.)
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    intake.inputs["id_number"].setFocus()
    keyboard.type("001099012345")
    intake.inputs["full_name"].setFocus()
    keyboard.type("Lê Thị Quản")
    intake.inputs["dob"].setFocus()
    keyboard.type("01/01/1985")  # not the year the ID number says
    intake.inputs["phone"].setFocus()
    keyboard.type("12345")  # not a phone number
    intake.focus_search()
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)

    assert "Năm sinh" in intake.errors["dob"].text() and intake.errors["dob"].isVisibleTo(intake)
    assert "Số điện thoại" in intake.errors["phone"].text()
    assert not intake.errors["full_name"].isVisibleTo(intake)
    # The first wrong field in the form's order gets the keyboard, its text selected to type over.
    first = next(k for k in ("id_number", "full_name", "dob", "gender", "address", "phone", "email")
                 if intake.errors[k].isVisibleTo(intake))
    assert QApplication.focusWidget() is intake.inputs[first]
    assert intake.inputs[first].property("invalid") is True
    assert intake.receive_button.isEnabled() and desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0
    # The refusals are in the log as field names; what was typed is not.
    text = log_path.read_text(encoding="utf-8")
    assert "fields=" in text and "phone" in text
    for typed in ("Lê Thị Quản", "001099012345", "12345"):
        assert typed not in text


def test_an_unexpected_failure_tells_the_officer_and_logs_the_traceback(
        qtbot: Any, desk: Desk, officer: dict, make_app: Any, keyboard: Keyboard, log_path: Path) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    # A damaged database: the table of the daily code numbers is gone. Nothing the officer did.
    desk.store.conn().execute("DROP TABLE code_counters")
    keyboard.scan(CARD_QR, hex_mode=True)
    intake.inputs["phone"].setFocus()
    keyboard.type("0912345678")
    intake.focus_search()
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)

    assert intake.banner.label.text() == unexpected_text()
    assert intake.banner.property("kind") == "error"
    assert intake.receive_button.isEnabled() and not intake.busy
    assert intake.inputs["full_name"].text() == "Nguyễn Văn An"  # nothing typed is lost
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0
    text = log_path.read_text(encoding="utf-8")
    assert "intake received: unexpected error" in text
    assert "Traceback (most recent call last)" in text
    assert "sqlite3.OperationalError: no such table: code_counters" in text
    for secret in ("Nguyễn Văn An", "001099012345", "123456789", "0912345678", "Lê Lợi"):
        assert secret not in text


def test_a_failure_in_the_page_s_own_follow_up_is_shown_and_logged(qtbot: Any, desk: Desk,
                                                                   log_path: Path) -> None:
    runner = TaskRunner()
    page = QWidget()
    layout = QVBoxLayout(page)
    banner = Banner()
    button = QPushButton("Lưu")
    layout.addWidget(banner)
    layout.addWidget(button)
    qtbot.addWidget(page)
    page.show()
    ops = Operations(runner, page, banner=banner)
    states: list[tuple[bool, bool]] = []

    def show_fee(proc: dict[str, Any]) -> None:
        states.append((button.isEnabled(), ops.busy))
        raise LookupError(proc["code"] + " has no fee column")

    ops.run(lambda: desk.catalog.get("1.001193"), show_fee, label="show fee", busy=(button,),
            busy_text="Đang đọc…")
    assert not button.isEnabled() and ops.busy and banner.label.text() == "Đang đọc…"
    assert page.cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert states == [(True, False)]  # the page is out of its busy state before its follow-up runs
    assert banner.label.text() == unexpected_text()
    assert page.cursor().shape() == Qt.CursorShape.ArrowCursor
    text = log_path.read_text(encoding="utf-8")
    assert "show fee: failed after the work was done" in text and "in show_fee" in text
