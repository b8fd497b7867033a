"""The window locks itself after some idle minutes (setting `security.idle_lock_minutes`).

A shared PC at a counter is left for a moment all day long. When no key or mouse button has been
pressed for the set time, an opaque panel covers the whole window (nothing of the page shows through)
and asks the same officer's password. The page underneath is only covered, never closed or reset, so
the form being typed is intact after the unlock. While locked, every key and mouse event meant for the
window is dropped — shortcuts and a card scanner included — except those for the panel itself. Wrong
passwords count towards the account's lockout like at the log-in (desk/officers.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.services import Desk
from ui.common import ErrorLabel
from ui.operations import Operations
from ui.tasks import TaskRunner

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
          QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel,
          QEvent.Type.ShortcutOverride}
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class LockPanel(QFrame):
    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget, officer_name: str) -> None:
        super().__init__(parent)
        self.setObjectName("lockPanel")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockPanel { background: #1f3b57; } #lockPanel QLabel { color: white; }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(420)
        inner = QVBoxLayout(box)
        title = QLabel(self.tr("Màn hình đã khóa"))
        title.setObjectName("loginTitle")
        inner.addWidget(title)
        inner.addWidget(QLabel(self.tr("Cán bộ: {0}. Nhập mật khẩu để tiếp tục; công việc đang làm được giữ "
                                       "nguyên.").format(officer_name)))
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        inner.addWidget(self.password)
        self.error = ErrorLabel()
        self.error.setObjectName("lockError")
        inner.addWidget(self.error)
        self.button = QPushButton(self.tr("Mở khóa"))
        self.button.setObjectName("unlockButton")
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.password.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password.text())


class IdleLock(QObject):
    """Watches the application's input; locks `window` after `minutes` without any."""

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, desk: Desk, runner: TaskRunner, officer: dict[str, Any],
                 *, minutes: int = 10) -> None:
        super().__init__(window)
        self.window = window
        self.desk = desk
        self.officer = officer
        self.panel = LockPanel(window, str(officer.get("full_name", "")))
        self.panel.hide()
        self.panel.unlock_requested.connect(self._try_unlock)
        self.ops = Operations(runner, self.panel, general=self.panel.error)
        self._focus: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert app is not None
        # Installed after the card scanner's filter, so it sees events first and can drop them.
        app.installEventFilter(self)
        window.destroyed.connect(lambda *_: app.removeEventFilter(self))

    @property
    def locked(self) -> bool:
        return self.panel.isVisible()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(0, int(minutes)) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self.interval_ms = ms
        if ms > 0 and not self.locked:
            self.timer.start(ms)
        else:
            self.timer.stop()

    def lock(self) -> None:
        if self.locked:
            return
        self._focus = QApplication.focusWidget()
        self.panel.setGeometry(self.window.rect())
        self.panel.raise_()
        self.panel.password.clear()
        self.panel.error.setText("")
        self.panel.show()
        self.panel.password.setFocus()
        self.timer.stop()
        self.locked_changed.emit(True)

    def _try_unlock(self, password: str) -> None:
        if self.ops.busy:
            return
        officers, username = self.desk.officers, str(self.officer.get("username", ""))
        self.ops.run(lambda: officers.authenticate(username, password), lambda _o: self.unlock(),
                     label="unlock", busy=(self.panel.button,), on_failed=lambda _e: self.panel.password.selectAll())

    def unlock(self) -> None:
        self.panel.hide()
        self.panel.password.clear()
        if self._focus is not None:
            self._focus.setFocus()
        if self.interval_ms > 0:
            self.timer.start(self.interval_ms)
        self.locked_changed.emit(False)

    # --- every input event of the application passes here first -----------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.window and self.locked:
            self.panel.setGeometry(self.window.rect())
        if self.locked and kind == QEvent.Type.Shortcut:
            return True  # the page's shortcuts (Ctrl+1 …) stay asleep under the panel
        if kind not in _INPUT:
            return False
        if self.locked:
            # The window's own QWindow passes events on to the focused widget (the panel's field): only
            # widgets outside the panel are refused.
            if not isinstance(watched, QWidget):
                return False
            return not (watched is self.panel or self.panel.isAncestorOf(watched))
        if kind in _ACTIVITY and self.interval_ms > 0:
            self.timer.start(self.interval_ms)
        return False
