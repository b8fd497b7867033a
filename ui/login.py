"""Log-in (offline, local accounts). The first run is ui/first_run.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.services import Desk
from ui.common import ErrorLabel
from ui.operations import Operations
from ui.tasks import TaskRunner


class LoginDialog(QDialog):
    logged_in = Signal(dict)

    def __init__(self, desk: Desk, runner: TaskRunner, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.setObjectName("LoginDialog")
        self.setWindowTitle(self.tr("Đăng nhập — Bộ phận Một cửa"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        title = QLabel(office_name)
        title.setObjectName("loginTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Bộ phận tiếp nhận và trả kết quả")))
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        # A plain button, not a default one: Enter in the user name moves to the password instead of
        # submitting an empty password (a QDialogButtonBox would make its accept button the default).
        self.ok = QPushButton(self.tr("Đăng nhập"))
        self.ok.setAutoDefault(False)
        self.ok.clicked.connect(self.submit)
        layout.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignRight)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.username.setFocus()
        self.ops = Operations(runner, self, general=self.error)

    def submit(self) -> None:
        if self.ops.busy:
            return
        user, password = self.username.text(), self.password.text()
        officers = self.desk.officers
        self.ops.run(lambda: officers.authenticate(user, password), self._done, label="log in", busy=(self.ok,),
                     on_failed=self._failed)

    def _done(self, officer: dict[str, Any]) -> None:
        self.logged_in.emit(officer)
        self.accept()

    def _failed(self, _exc: BaseException) -> None:
        self.password.selectAll()
        self.password.setFocus()
