"""Log-in (offline, local accounts) and the first-run set-up of the office and its admin."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.errors import ValidationError, ValidationErrors
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


class FirstRunDialog(QDialog):
    """Runs once: the office profile and the first (admin) account, saved together off the GUI thread."""

    completed = Signal()

    OFFICE_FIELDS = ("name", "agency_code", "province", "upstream_name", "address", "place_name", "phone",
                     "lookup_url_base")

    def __init__(self, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.setObjectName("FirstRunDialog")
        self.setWindowTitle(self.tr("Khai báo lần đầu"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Máy này chưa có thông tin cơ quan. Hãy khai báo cơ quan và tài khoản quản trị "
                               "(dùng để đăng nhập và cài đặt)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        labels = {
            "name": self.tr("Tên cơ quan (*)"),
            "agency_code": self.tr("Mã định danh cơ quan (*)"),
            "province": self.tr("Tỉnh/thành phố"),
            "upstream_name": self.tr("Cơ quan cấp trên"),
            "address": self.tr("Địa chỉ"),
            "place_name": self.tr("Địa danh ghi trên biểu mẫu"),
            "phone": self.tr("Điện thoại"),
            "lookup_url_base": self.tr("Địa chỉ tra cứu hồ sơ"),
            "username": self.tr("Tên đăng nhập quản trị (*)"),
            "full_name": self.tr("Họ tên quản trị viên (*)"),
            "password": self.tr("Mật khẩu (*)"),
            "password2": self.tr("Nhập lại mật khẩu (*)"),
        }
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        for key, label in labels.items():
            edit = QLineEdit()
            edit.setObjectName(key)
            if key.startswith("password"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.inputs[key] = edit
            err = self.errors[key] = ErrorLabel()
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(edit)
            box.addWidget(err)
            form.addRow(label, box)
        self.inputs["agency_code"].setPlaceholderText("000.00.06.H56")
        self.inputs["username"].setText("admin")
        layout.addLayout(form)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Lưu và bắt đầu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.submit)
        layout.addWidget(buttons)
        self.ops = Operations(runner, self, general=self.general_error)
        for key, edit in self.inputs.items():
            self.ops.fields.add(key, self.errors[key], edit)
        self.inputs["name"].setFocus()

    def submit(self) -> None:
        if self.ops.busy:
            return
        values = {k: e.text() for k, e in self.inputs.items()}
        if values["password"] != values["password2"]:
            self.ops.show_error(ValidationError("password2", self.tr("Hai lần nhập mật khẩu không giống nhau.")),
                                label="first run")
            return
        office = {k: values[k] for k in self.OFFICE_FIELDS}
        desk = self.desk

        def work() -> None:
            from desk.office import validate_profile

            problems: list[ValidationError] = []
            try:
                validate_profile(dict(office))
            except ValidationErrors as e:
                problems.extend(e.errors)
            if problems:
                raise ValidationErrors(problems)
            # The admin account first: if it is refused nothing is saved and the officer fixes it.
            desk.officers.create(values["username"], values["full_name"], values["password"], role="admin",
                                 actor="first_run")
            desk.office.save(office, actor="first_run")

        self.ops.run(work, self._done, label="first run set-up", busy=(self.ok,))

    def _done(self, _result: object) -> None:
        self.completed.emit()
        self.accept()

