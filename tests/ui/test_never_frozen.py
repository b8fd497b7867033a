"""A database write and a print that do not finish until the test lets them: the window keeps answering.

No timing threshold is asserted (a loaded CI machine can pause any thread for a while). The write and
the print are held on gates the test opens itself; a GUI thread that waited on either would hang in
the key press that started it, the gate would give up, and the test would fail on that.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desk.dossiers import DossierService
from tests.support.gapmeter import GapMeter
from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE, FilePrinter, Keyboard, logged_in, wait_idle

pytestmark = [OFFSCREEN_NOISE]

# Long enough that a GUI thread stuck behind a gate is noticed, short enough to fail quickly.
GATE_LIMIT = 20.0


class Gate:
    """Holds the calling thread until `open()`; remembers which threads it held."""

    def __init__(self) -> None:
        self._open = threading.Event()
        self.entered = threading.Event()
        self.threads: list[threading.Thread] = []
        self.gave_up = False

    def hold(self) -> None:
        self.threads.append(threading.current_thread())
        self.entered.set()
        if not self._open.wait(GATE_LIMIT):
            self.gave_up = True

    def open(self) -> None:
        self._open.set()


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


def test_held_write_and_held_printer_never_stall_the_window(qtbot: Any, desk: Any, officer: dict,
                                                            make_app: Any, keyboard: Keyboard,
                                                            printer: FilePrinter) -> None:
    write_gate, print_gate = Gate(), Gate()
    held = HeldDossiers(desk.store, desk.catalog, desk.office, desk.calendars.calendar)
    held.gate = write_gate
    desk.dossiers = held
    real_print = printer.print_pdf

    def held_print(pdf: Path, options: Any) -> None:
        print_gate.hold()
        real_print(pdf, options)

    printer.print_pdf = held_print  # type: ignore[method-assign]
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

        # The slip goes to a printer that does not answer yet; the window still does.
        qtbot.waitUntil(print_gate.entered.is_set, timeout=20000)
        assert print_gate.threads[0] is not threading.main_thread()
        assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
        assert_window_answers(qtbot, meter, keyboard, intake, "khai sinh")
        assert printer.printed == []
        print_gate.open()
        wait_idle(qtbot, app, timeout=30000)
    finally:
        write_gate.open()
        print_gate.open()
        meter.stop()

    assert not write_gate.gave_up and not print_gate.gave_up
    assert len(printer.printed) == 1
    assert len(write_gate.threads) == 1  # one press, one write
    # A figure for the reader, not a verdict: the longest the event loop went without a tick.
    print(f"longest event-loop gap: {meter.max_gap} ms over {meter.ticks} ticks")
