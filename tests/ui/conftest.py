"""Fixtures for the desk window: a real desk on a temp SQLite file, real forms, a real QPrinter
writing PDF files, and helpers that type like a person or like a USB scanner (key events sent to
whichever widget has the focus, as a keyboard would)."""

from __future__ import annotations

import binascii
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desk.services import Desk
from tests.forms.conftest import forms, receive  # noqa: F401  (fixtures shared with the form tests)
from ui.app import DeskApp, apply_style
from ui.i18n import install_language
from ui.print_worker import PrintWorker
from ui.printing import PrintOptions, QtPrinter

CARD_QR = ("001099012345|123456789|Nguyễn Văn An|01011999|Nam|"
           "Số 1 đường Lê Lợi, phường Hòa Bình, tỉnh Thái Nguyên|15062021")


class FilePrinter(QtPrinter):
    """A real QPrinter printing to numbered PDF files, in the print worker process as the window does;
    remembers what it printed."""

    def __init__(self, folder: Path, *, worker: PrintWorker | None = None, delay: float = 0.0,
                 failures: int = 0) -> None:
        super().__init__(dpi=60, worker=worker)
        self.folder = folder
        self.delay = delay
        self.failures = failures
        self.printed: list[Path] = []
        self.sources: list[Path] = []

    def print_pdf(self, pdf: Path, options: PrintOptions) -> None:
        if self.delay:
            time.sleep(self.delay)  # a slow printer: the GUI must not notice
        if self.failures:
            self.failures -= 1
            from ui.printing import PrintError

            raise PrintError("Máy in báo hết giấy.")
        self.output_file = self.folder / f"printed-{len(self.printed) + 1}.pdf"
        super().print_pdf(pdf, options)
        self.printed.append(self.output_file)
        self.sources.append(pdf)


class Keyboard:
    """Key presses go to the focused widget, like a physical keyboard (and a keyboard-mode scanner)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.presses = 0

    def focus(self) -> QWidget:
        # After a dialog closes, the platform gives the focus back to the main window asynchronously.
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
        w = QApplication.focusWidget()
        assert w is not None, "no widget has the keyboard focus"
        return w

    def type(self, text: str, *, delay_ms: int = -1) -> None:
        for ch in text:
            if ch.isascii():
                self.qtbot.keyClicks(self.focus(), ch, delay=delay_ms)
            else:  # QTest.keyClicks only knows Latin-1; an IME sends the composed letter like this
                if delay_ms > 0:
                    self.qtbot.wait(delay_ms)
                _send_text(self.focus(), ch)
            self.presses += 1

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.presses += 1

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return)

    def ctrl(self, key: Qt.Key, shift: bool = False) -> None:
        mods = Qt.KeyboardModifier.ControlModifier
        if shift:
            mods |= Qt.KeyboardModifier.ShiftModifier
        self.press(key, mods)

    def scan(self, text: str, *, hex_mode: bool = False) -> None:
        """A USB scanner in keyboard mode: the whole text at machine speed, then Enter.

        qtbot.keyClicks can only send Latin-1, so Vietnamese text goes as the hex that many scanners
        send (desk decodes it); `Keyboard.scan_unicode` sends real Unicode key events instead."""
        payload = binascii.hexlify(text.encode("utf-8")).decode("ascii").upper() if hex_mode else text
        self.qtbot.keyClicks(self.focus(), payload)
        self.qtbot.keyClick(self.focus(), Qt.Key.Key_Return)

    def scan_unicode(self, text: str) -> None:
        for ch in text:
            _send_text(self.focus(), ch)
        self.qtbot.keyClick(self.focus(), Qt.Key.Key_Return)


def _send_text(target: QWidget, ch: str) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def keyboard(qtbot: Any) -> Keyboard:
    return Keyboard(qtbot)


@pytest.fixture
def printer(tmp_path: Path, print_worker: PrintWorker) -> FilePrinter:
    folder = tmp_path / "printed"
    folder.mkdir()
    return FilePrinter(folder, worker=print_worker)


@pytest.fixture
def admin(desk: Desk) -> dict:
    return desk.officers.create("quantri", "Nguyễn Thị Quản Trị", "matkhau123", role="admin")


@pytest.fixture
def make_app(qtbot: Any, desk: Desk, printer: FilePrinter,
             print_worker: PrintWorker) -> Iterator[Callable[..., DeskApp]]:
    apps: list[DeskApp] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app)

    def make(**kw: Any) -> DeskApp:
        kw.setdefault("printer", printer)
        kw.setdefault("print_worker", print_worker)
        controller = DeskApp(kw.pop("desk", desk), **kw)
        apps.append(controller)
        return controller

    yield make
    for controller in apps:
        controller.shutdown()
        app.removeEventFilter(controller.scanner)
        for w in (controller.window, controller.login, controller.first_run):
            if w is not None:
                w.close()
                w.deleteLater()
    install_language("vi")


def wait_idle(qtbot: Any, controller: DeskApp, timeout: int = 20000) -> None:
    """Until every background job (writes, renders, prints) has reported back on the GUI thread."""
    qtbot.waitUntil(lambda: controller.runner.pending == 0 and controller.print_queue.in_flight == 0,
                    timeout=timeout)


def logged_in(qtbot: Any, controller: DeskApp, keyboard: Keyboard, user: str = "canbo1",
              password: str = "matkhau123") -> None:
    controller.start()
    assert controller.login is not None
    qtbot.waitExposed(controller.login)
    controller.login.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is controller.login.username)
    keyboard.type(user)
    keyboard.enter()
    keyboard.type(password)
    keyboard.enter()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10000)
    assert controller.window is not None
    controller.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keyboard.presses = 0


# The offscreen platform plugin warns when a window's size hints change; that is the test platform
# talking, not the application (under xcb it does not happen).
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def wait_dialog(qtbot: Any) -> QWidget:
    """The modal dialog that just opened, once it has the keyboard focus."""

    def ready() -> bool:
        modal, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
        return modal is not None and focus is not None and (focus is modal or modal.isAncestorOf(focus))

    qtbot.waitUntil(ready)
    modal = QApplication.activeModalWidget()
    assert modal is not None
    return modal
