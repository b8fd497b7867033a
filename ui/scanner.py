"""Recognise a USB scanner in keyboard mode, wherever the focus is.

A keyboard-mode scanner types the QR's text as key presses a few milliseconds apart and ends with
Enter; a person types tens to hundreds of milliseconds apart. An application-wide event filter watches
the key presses that reach the focused widget: a burst of at least `min_length` characters, each within
`max_gap_ms` of the previous, followed by Enter, whose text the `accept` test recognises, is a scan.
The scanned characters already went into whatever field had focus, so that field is put back as it
was before the burst, the Enter is swallowed, and `scanned` is emitted with the text.
"""

from __future__ import annotations

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
    scanned = Signal(str)

    def __init__(self, accept: Callable[[str], bool], *, max_gap_ms: float = 50.0, min_length: int = 12,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.accept = accept
        self.max_gap = max_gap_ms / 1000.0
        self.min_length = min_length
        self.clock = clock
        self._chars: list[str] = []
        self._last = 0.0
        self._snapshots: dict[int, _Snapshot] = {}

    def _reset(self) -> None:
        self._chars = []
        self._snapshots = {}

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
            text = "".join(self._chars)
            is_scan = len(self._chars) >= self.min_length and gap <= self.max_gap and self.accept(text)
            snapshots = list(self._snapshots.values())
            self._reset()
            if not is_scan:
                return False
            for snap in snapshots:
                _restore(snap)
            self.scanned.emit(text)
            return True
        char = event.text()
        if (not char or len(char) != 1 or not char.isprintable()
                or event.modifiers() & _COMMAND_MODIFIERS):
            self._reset()
            return False
        if self._chars and gap > self.max_gap:
            self._reset()
        key = id(obj)
        if key not in self._snapshots:
            taken = _snapshot(obj)
            if taken is not None:
                self._snapshots[key] = taken
        self._chars.append(char)
        self._last = now
        return False
