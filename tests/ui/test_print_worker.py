"""The print worker process as the window uses it: one process for every print, reused, ended with the
window; what it reports (an unknown printer) reaches the officer in Vietnamese."""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE, FilePrinter, Keyboard, logged_in, wait_idle
from ui.i18n import install_language
from ui.print_worker import PrintWorker
from ui.printing import QtPrinter

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


def receive_one(keyboard: Keyboard) -> None:
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)


def test_an_unknown_printer_is_named_in_vietnamese_and_the_dossier_kept(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard,
        print_worker: PrintWorker) -> None:
    desk.settings.set("print.printer", "Máy in tầng 2")
    app = make_app(printer=QtPrinter(worker=print_worker))  # the real system printer path, no PDF file
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    receive_one(keyboard)
    wait_idle(qtbot, app, timeout=30000)
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
    text = intake.print_banner.label.text()
    assert "Không tìm thấy máy in «Máy in tầng 2»" in text and "Cài đặt" in text, text
    assert len(app.print_queue.failed_jobs) == 1

    # The print worker speaks the window's language, whatever it was when the worker started.
    install_language("en")
    intake.print_banner.button.click()
    wait_idle(qtbot, app, timeout=30000)
    assert "Printer “Máy in tầng 2” not found" in intake.print_banner.label.text()


def test_one_print_worker_serves_every_print_and_ends_with_the_window(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard, printer: FilePrinter) -> None:
    app = make_app(print_worker=None)  # the window starts and owns its print worker, as in production
    printer.worker = app.print_worker
    logged_in(qtbot, app, keyboard)
    worker = app.print_worker
    # Started in the background once the window is open, before any print is asked for.
    qtbot.waitUntil(lambda: worker.pid is not None, timeout=20000)
    pid = worker.pid
    assert pid != os.getpid()
    for _ in range(2):
        receive_one(keyboard)
        wait_idle(qtbot, app, timeout=30000)
    assert len(printer.printed) == 2 and len(printer.sources) == 2
    assert worker.pid == pid and worker.starts == 1  # the same process for both slips

    app.shutdown()
    assert worker.pid is None
    if sys.platform != "win32":
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # reaped, not left behind as a zombie


def test_a_window_closed_as_soon_as_it_opened_leaves_no_print_worker_behind() -> None:
    worker = PrintWorker(platform="offscreen")
    worker.start()  # the child is still importing: no job was ever sent
    pid = worker.pid
    assert pid is not None and pid != os.getpid()
    worker.stop()
    assert worker.pid is None
    if sys.platform != "win32":
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
