"""The scanner detector's timing rules, with a settable clock and real key events on a real field."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desk.citizen_id import looks_like_card_qr
from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE
from ui.scanner import ScanDetector

pytestmark = [OFFSCREEN_NOISE]


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def send(widget: QLineEdit, clock: Clock, text: str, gaps_ms: list[float]) -> None:
    for ch, gap in zip(text + "\r", gaps_ms, strict=True):
        clock.t += gap / 1000.0
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     "" if ch == "\r" else ch))


@pytest.fixture
def field(qtbot: Any) -> Any:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    return edit


@pytest.mark.parametrize(("pattern", "is_scan"), [
    ("steady 8 ms", True),
    ("8 ms with two pauses of 150 ms (a busy PC)", True),
    ("fast typist, 70 ms", False),
    ("mostly 60 ms", False),
])
def test_scanner_speed_is_judged_over_the_whole_burst(qtbot: Any, field: Any, pattern: str, is_scan: bool) -> None:
    clock = Clock()
    detector = ScanDetector(looks_like_card_qr, clock=clock)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(detector)
    try:
        n = len(CARD_QR) + 1
        gaps = {"steady 8 ms": [8.0] * n, "fast typist, 70 ms": [70.0] * n, "mostly 60 ms": [60.0] * n,
                "8 ms with two pauses of 150 ms (a busy PC)": [8.0] * n}[pattern]
        if "pauses" in pattern:
            gaps[20] = gaps[60] = 150.0
        gaps[0] = 5000.0  # long after anything typed before
        with qtbot.waitSignal(detector.scanned, timeout=200, raising=False) as blocker:
            send(field, clock, CARD_QR, gaps)
        assert blocker.signal_triggered is is_scan
        assert field.text() == ("" if is_scan else CARD_QR)
    finally:
        app.removeEventFilter(detector)
