"""With a slow database write and a slow printer, the event loop keeps turning (measured)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from desk.dossiers import DossierService
from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE, FilePrinter, Keyboard, logged_in, wait_idle

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


class SlowDossiers(DossierService):
    """The real service, with a write that takes a second (a slow disk, a busy antivirus)."""

    def receive(self, *args: Any, **kw: Any) -> dict[str, Any]:
        time.sleep(1.0)
        return super().receive(*args, **kw)

    def act(self, *args: Any, **kw: Any) -> dict[str, Any]:
        time.sleep(1.0)
        return super().act(*args, **kw)


class GapMeter:
    """A 10 ms timer; the longest gap between two ticks is how long the GUI thread was stuck."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.max_gap = 0
        self.ticks = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now
        self.ticks += 1

    def stop(self) -> None:
        self._tick()
        self.timer.stop()


def test_slow_write_and_slow_printer_never_stall_the_event_loop(qtbot: Any, desk: Any, officer: dict,
                                                                 make_app: Any, keyboard: Keyboard,
                                                                 printer: FilePrinter) -> None:
    desk.dossiers = SlowDossiers(desk.store, desk.catalog, desk.office, desk.calendars.calendar)
    printer.delay = 1.0
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()

    meter = GapMeter()
    meter.start()
    keyboard.ctrl(Qt.Key.Key_Return)
    # While the write sleeps, the window still answers: the buttons show it is busy, typing works.
    assert intake.busy and not intake.receive_button.isEnabled()
    keyboard.ctrl(Qt.Key.Key_F)
    keyboard.type("ho tich")
    assert intake.search.text() == "ho tich"
    assert app.runner.pending >= 1  # the write is still running while the officer types
    wait_idle(qtbot, app, timeout=30000)
    meter.stop()

    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
    assert len(printer.printed) == 1
    assert meter.ticks > 100  # more than two seconds of 10 ms ticks really ran
    print(f"max event-loop gap: {meter.max_gap} ms over {meter.ticks} ticks")
    assert meter.max_gap < 100, f"the GUI thread stalled {meter.max_gap} ms"
