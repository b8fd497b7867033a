"""A database write and a print that do not finish until the test lets them: the window keeps answering.

No timing threshold is asserted (a loaded CI machine can pause any thread for a while). The write and
the print are held on gates the test opens itself; a GUI thread that waited on either would hang in
the key press that started it, the gate would give up, and the test would fail on that. The write is
held on the window's worker thread; the print is held where it really runs, in the print worker
process, so the window's interpreter is not the one painting.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desk.dossiers import DossierService
from tests.support.gapmeter import GapMeter
from tests.support.gate import FileGate, Gate
from tests.support.print_faults import crash_first_time, paint_at_gate
from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE, FilePrinter, Keyboard, logged_in, wait_idle

pytestmark = [OFFSCREEN_NOISE]


class HeldDossiers(DossierService):
    """The real service, with writes that wait at a gate (a slow disk, a busy antivirus)."""

    gate: Gate

    def receive(self, *args: Any, **kw: Any) -> dict[str, Any]:
        self.gate.hold()
        return super().receive(*args, **kw)


def assert_window_answers(qtbot: Any, meter: GapMeter, keyboard: Keyboard, intake: Any, text: str) -> None:
    ticks = meter.ticks
    qtbot.waitUntil(lambda: meter.ticks >= ticks + 5, timeout=5000)
    keyboard.ctrl(Qt.Key.Key_F)
    keyboard.type(text)
    assert intake.search.text() == text


def receive_one(keyboard: Keyboard) -> None:
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)


def test_held_write_and_held_printer_never_stall_the_window(qtbot: Any, desk: Any, officer: dict,
                                                            make_app: Any, keyboard: Keyboard,
                                                            printer: FilePrinter, tmp_path: Path) -> None:
    write_gate, print_gate = Gate(), FileGate(tmp_path / "print-gate")
    held = HeldDossiers(desk.store, desk.catalog, desk.office, desk.calendars.calendar)
    held.gate = write_gate
    desk.dossiers = held
    printer.paint = functools.partial(paint_at_gate, print_gate)
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()

    meter = GapMeter()
    meter.start()
    try:
        keyboard.ctrl(Qt.Key.Key_Return)
        # The key press came back before the write could finish: the write runs elsewhere.
        qtbot.waitUntil(write_gate.entered.is_set, timeout=10000)
        assert write_gate.threads[0] is not threading.main_thread()
        assert intake.busy and not intake.receive_button.isEnabled()
        assert app.runner.pending >= 1
        assert_window_answers(qtbot, meter, keyboard, intake, "ho tich")
        assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0  # still held: nothing half-written
        write_gate.open()

        # The slip is being painted by a printer that does not answer yet, in the print worker process:
        # not in the window's process at all. The window still takes typing.
        qtbot.waitUntil(lambda: bool(print_gate.holders()), timeout=20000)
        assert print_gate.holders() == [app.print_worker.pid]
        assert app.print_worker.pid != os.getpid()
        assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
        assert_window_answers(qtbot, meter, keyboard, intake, "khai sinh")
        assert printer.printed == [] and app.print_queue.in_flight == 1
        print_gate.open()
        wait_idle(qtbot, app, timeout=30000)
    finally:
        write_gate.open()
        print_gate.open()
        meter.stop()

    assert not write_gate.gave_up and not print_gate.gave_up
    assert len(printer.printed) == 1 and printer.printed[0].stat().st_size > 1000
    assert "Đã in" in intake.print_banner.label.text()
    assert len(write_gate.threads) == 1  # one press, one write
    # A figure for the reader, not a verdict: the longest the event loop went without a tick.
    print(f"longest event-loop gap: {meter.max_gap} ms over {meter.ticks} ticks")


def test_a_print_worker_crash_is_reported_and_the_next_print_works(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard, printer: FilePrinter,
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    printer.paint = functools.partial(crash_first_time, tmp_path / "crashed", os.getpid())
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    worker = app.print_worker
    qtbot.waitUntil(lambda: worker.pid is not None, timeout=20000)
    crashed_pid = worker.pid

    with caplog.at_level(logging.WARNING):
        receive_one(keyboard)
        wait_idle(qtbot, app, timeout=30000)
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1  # the dossier is kept
    assert printer.printed == []
    banner = intake.print_banner.label.text()
    assert "In lỗi" in banner and "bị dừng đột ngột" in banner and "In lại" in banner
    assert intake.print_banner.button.isVisibleTo(intake)
    assert len(app.print_queue.failed_jobs) == 1
    logged = [r for r in caplog.records if r.name.startswith("ui.")]
    assert any("print worker stopped" in r.getMessage() for r in logged)
    assert any("bị dừng đột ngột" in r.getMessage() for r in logged)
    assert all("Nguyễn Văn An" not in r.getMessage() and "001099012345" not in r.getMessage() for r in logged)

    # «In lại» prints the same slip through a new print worker; the one after it prints too.
    intake.print_banner.button.click()
    wait_idle(qtbot, app, timeout=30000)
    assert len(printer.printed) == 1
    assert worker.pid is not None and worker.pid != crashed_pid
    assert app.print_queue.failed_jobs == []
    assert "Đã in" in intake.print_banner.label.text()
    receive_one(keyboard)
    wait_idle(qtbot, app, timeout=30000)
    assert len(printer.printed) == 2
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 2
    assert "Đã in" in intake.print_banner.label.text()
