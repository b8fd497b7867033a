"""Widgets more than one page uses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.common import set_style_state


class Banner(QFrame):
    """A one-line message at the top of a page, with an optional action button (e.g. «In lại»)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.hide()
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._action: Callable[[], None] | None = None
        self.button.clicked.connect(self._run)
        self.hide()

    def show_message(self, text: str, kind: str = "info", action: tuple[str, Callable[[], None]] | None = None) -> None:
        self.label.setText(text)
        set_style_state(self, "kind", kind)
        if action:
            self.button.setText(action[0])
            self._action = action[1]
            self.button.show()
        else:
            self._action = None
            self.button.hide()
        self.setVisible(bool(text))

    def _run(self) -> None:
        if self._action is not None:
            self._action()
