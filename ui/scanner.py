"""Recognise a USB scanner in keyboard mode, wherever the focus is.

A keyboard-mode scanner types the QR's text as key presses a few milliseconds apart and ends with
Enter; a person types tens to hundreds of milliseconds apart. An application-wide event filter watches
the key presses that reach the focused widget: a burst of at least `min_length` characters typed at
scanner speed (see `ScanDetector`), followed by Enter, whose text the `accept` test recognises, is a scan.
The scanned characters already went into whatever field had focus, so that field is put back as it
was before the burst, the Enter is swallowed, and `scanned` is emitted with the text.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

MAX_BURST = 2048  # longer than any ID-card or slip QR, even hex-encoded
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


@dataclass
class _Snapshot:
    widget: QWidget
    text: str
    cursor: int


def _editor_of(widget: QWidget) -> QWidget | None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return widget
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    return None


def _snapshot(widget: QWidget) -> _Snapshot | None:
    editor = _editor_of(widget)
    if isinstance(editor, QLineEdit):
        return _Snapshot(editor, editor.text(), editor.cursorPosition())
    if isinstance(editor, (QPlainTextEdit, QTextEdit)):
        return _Snapshot(editor, editor.toPlainText(), editor.textCursor().position())
    return None


def _restore(snap: _Snapshot) -> None:
    w = snap.widget
    if isinstance(w, QLineEdit):
        w.setText(snap.text)
        w.setCursorPosition(snap.cursor)
    elif isinstance(w, (QPlainTextEdit, QTextEdit)):
        w.setPlainText(snap.text)
        cursor = w.textCursor()
        cursor.setPosition(min(snap.cursor, len(snap.text)))
        w.setTextCursor(cursor)


class ScanDetector(QObject):
    """Watches key presses application-wide; emits `scanned(text)` for a scanner burst ending in Enter.

    A burst is judged as a whole: its typical (median) gap must be scanner-fast, and only a few gaps
    may be slower (a garbage collection or a busy PC can pause the GUI thread once or twice while the
    scanner keeps typing). A pause of more than `reset_after` ends any burst.
    """

    scanned = Signal(str)

    def __init__(self, accept: Callable[[str], bool], *, max_gap_ms: float = 50.0, min_length: int = 12,
                 reset_after_ms: float = 1000.0, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.accept = accept
        self.max_gap = max_gap_ms / 1000.0
        self.reset_after = reset_after_ms / 1000.0
        self.min_length = min_length
        self.clock = clock
        # Each character of the current burst: the gap before it, its widget, and the state of that
        # widget just before the character arrived.
        self._burst: list[tuple[str, float, int, _Snapshot | None]] = []
        self._last = 0.0

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        focus = QApplication.focusWidget()
        # A key press is offered to the focus widget first, then to its parents: look at it once.
        if obj is not focus and not (focus is None and obj.isWindow()):
            return False
        assert isinstance(event, QKeyEvent)
        now = self.clock()
        gap = now - self._last
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst, self._burst = self._burst, []
            start = self._scan_start(burst, gap)
            if start is None:
                return False
            restored: set[int] = set()
            for _char, _gap, widget_key, snap in burst[start:]:
                if snap is not None and widget_key not in restored:
                    _restore(snap)
                    restored.add(widget_key)
            self.scanned.emit("".join(c for c, _g, _k, _s in burst[start:]))
            return True
        char = event.text()
        if (not char or len(char) != 1 or not char.isprintable()
                or event.modifiers() & _COMMAND_MODIFIERS):
            self._burst = []
            return False
        if gap > self.reset_after or len(self._burst) >= MAX_BURST:
            self._burst = []
        self._burst.append((char, gap, id(obj), _snapshot(obj)))
        self._last = now
        return False

    def _scanner_speed(self, gaps: list[float]) -> bool:
        if not gaps:
            return False
        slow = sum(1 for g in gaps if g > self.max_gap)
        return statistics.median(gaps) <= self.max_gap and slow <= max(2, len(gaps) // 10)

    def _scan_start(self, burst: list[tuple[str, float, int, _Snapshot | None]], enter_gap: float) -> int | None:
        """Where the scan begins in the burst (keys a hand typed just before it are not part of it),
        or None when the burst is not a scan."""
        text = "".join(c for c, _g, _k, _s in burst)
        for start in range(0, len(text) - self.min_length + 1):
            gaps = [g for _c, g, _k, _s in burst[start + 1:]] + [enter_gap]
            if self._scanner_speed(gaps) and self.accept(text[start:]):
                return start
        return None
