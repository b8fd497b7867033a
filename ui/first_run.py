"""The first-run wizard's window: four short pages over desk/setup_wizard.py, driven by the keyboard.

Enter moves to the next field, and on a page's last field goes on to the next page; Alt+Q goes back,
Alt+I prints the test page, Alt+B skips the district step. Every step is written by a desk call on the
TaskRunner; desk validates and the messages appear under their fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.office import AGENCY_CODE, UNIT_NAMES
from desk.services import Desk
from desk.setup_wizard import (
    ADMIN,
    DISTRICT,
    DONE,
    KEYS,
    OFFICE,
    PRINTER,
    Enroll,
    FirstRun,
    dossier_code_example,
    match_province,
    province_suggestions,
)
from ui.common import ErrorLabel, field_errors, message_of, set_style_state, show_field_errors
from ui.printing import PrintJob, PrintQueue
from ui.tasks import TaskRunner

Input = QLineEdit | QComboBox


class _Page(QWidget):
    """One step: a title, a sentence of help, its fields in order, and an error line under each."""

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.layout_.addWidget(heading)
        text = QLabel(intro)
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.inputs: dict[str, Input] = {}
        self.errors: dict[str, ErrorLabel] = {}

    def add(self, key: str, label: str, widget: Input, hint: QWidget | None = None) -> Input:
        widget.setObjectName(key)
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(widget)
        if hint is not None:
            box.addWidget(hint)
        self.errors[key] = ErrorLabel()
        box.addWidget(self.errors[key])
        self.form.addRow(label, box)
        self.inputs[key] = widget
        return widget

    def values(self) -> dict[str, str]:
        out = {}
        for key, w in self.inputs.items():
            if isinstance(w, QComboBox) and not w.isEditable():
                out[key] = str(w.currentData() if w.currentData() is not None else w.currentText())
            elif isinstance(w, QComboBox):
                out[key] = w.currentText()
            else:
                out[key] = w.text()
        return out


class FirstRunWizard(QDialog):
    """Runs once per desk (and resumes an interrupted run). `completed` carries the admin account when
    it was created in this run, so the window opens without asking for the password just typed."""

    completed = Signal(object)

    def __init__(self, desk: Desk, runner: TaskRunner, print_queue: PrintQueue | None = None,
                 enroll: Enroll | None = None, *, start: str = OFFICE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.print_queue = print_queue
        self.enroll = enroll
        self.flow = FirstRun(desk)
        self.officer: dict[str, Any] | None = None
        self.busy = False
        self.last_test_print: PrintJob | None = None
        self.setObjectName("FirstRunWizard")
        self.setWindowTitle(self.tr("Khai báo lần đầu — Bộ phận Một cửa"))
        self.resize(900, 600)

        self.steps = QListWidget()
        self.steps.setObjectName("wizardSteps")
        self.steps.setFixedWidth(210)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setWordWrap(True)
        titles = {OFFICE: self.tr("Cơ quan"), ADMIN: self.tr("Tài khoản quản trị"),
                  PRINTER: self.tr("Máy in và khổ giấy"), DISTRICT: self.tr("Cấp trên (tùy chọn)")}
        for i, key in enumerate(KEYS, 1):
            self.steps.addItem(f"{i}. {titles[key]}")
        self.stack = QStackedWidget()
        self.pages: dict[str, _Page] = {OFFICE: self._office_page(), ADMIN: self._admin_page(),
                                         PRINTER: self._printer_page(), DISTRICT: self._district_page()}
        for key in KEYS:
            self.stack.addWidget(self.pages[key])
            for widget in self.pages[key].inputs.values():
                widget.installEventFilter(self)
                edit = widget.lineEdit() if isinstance(widget, QComboBox) else None
                if edit is not None:
                    edit.installEventFilter(self)

        self.general_error = ErrorLabel()
        self.back = QPushButton(self.tr("&Quay lại"))
        self.back.setObjectName("back")
        self.skip_button = QPushButton(self.tr("&Bỏ qua, làm sau"))
        self.skip_button.setObjectName("skip")
        self.next_button = QPushButton()
        self.next_button.setObjectName("next")
        for b in (self.back, self.skip_button, self.next_button):
            b.setAutoDefault(False)
        # Enter in a field moves to the next field (eventFilter); Enter anywhere else (e.g. on the test
        # print button just used) goes on to the next step.
        self.next_button.setDefault(True)
        self.back.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        right.addWidget(self.general_error)
        right.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addWidget(self.steps)
        outer.addLayout(right, 1)
        self.current = ""
        self.show_step(start)

    # --- pages ------------------------------------------------------------------------------------
    def _office_page(self) -> _Page:
        page = _Page(self.tr("Thông tin cơ quan"),
                     self.tr("Những thông tin này in trên giấy hẹn và mọi biểu mẫu. Sửa được sau trong Cài đặt."))
        name = page.add("name", self.tr("Tên cơ quan (*)"), QLineEdit())
        assert isinstance(name, QLineEdit)
        name.setPlaceholderText(self.tr("ví dụ: UBND xã Tân Lập"))
        # Suggestions in a short list under the field rather than a popup: typed without diacritics
        # ("thai"), Up/Down pick one, Enter takes it.
        self.province_list = QListWidget()
        self.province_list.setObjectName("provinceSuggestions")
        self.province_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.province_list.setFixedHeight(92)
        province = page.add("province", self.tr("Tỉnh/thành phố (*)"), QLineEdit(), self.province_list)
        assert isinstance(province, QLineEdit)
        province.setPlaceholderText(self.tr("gõ vài chữ, không cần dấu: thai nguyen"))
        province.textEdited.connect(self._suggest_provinces)
        self.province_list.itemClicked.connect(lambda item: province.setText(item.text()))
        self.code_preview = QLabel()
        self.code_preview.setObjectName("codePreview")
        self.code_preview.setWordWrap(True)
        code = page.add("agency_code", self.tr("Mã định danh cơ quan (*)"), QLineEdit(), self.code_preview)
        assert isinstance(code, QLineEdit)
        code.setPlaceholderText("000.00.07.H56")
        code.setMaxLength(35)
        code.textEdited.connect(self._agency_code_edited)
        page.add("address", self.tr("Địa chỉ"), QLineEdit())
        unit = QComboBox()
        unit.setEditable(True)
        unit.addItems(list(UNIT_NAMES))
        unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        page.add("unit_name", self.tr("Tên bộ phận tiếp nhận"), unit)
        hours = page.add("office_hours", self.tr("Giờ làm việc"), QLineEdit(),
                         QLabel(self.tr("Các buổi làm việc GG:PP-GG:PP, cách nhau bằng dấu phẩy.")))
        assert isinstance(hours, QLineEdit)
        return page

    def _admin_page(self) -> _Page:
        page = _Page(self.tr("Tài khoản quản trị"),
                     self.tr("Người quản trị đăng nhập để cài đặt và tạo tài khoản cho các cán bộ khác. "
                             "Hãy ghi nhớ mật khẩu: phần mềm không gửi mật khẩu đi đâu."))
        page.add("username", self.tr("Tên đăng nhập (*)"), QLineEdit())
        page.add("full_name", self.tr("Họ tên (*)"), QLineEdit())
        for key, label in (("password", self.tr("Mật khẩu (*)")), ("password2", self.tr("Nhập lại mật khẩu (*)"))):
            edit = page.add(key, label, QLineEdit())
            assert isinstance(edit, QLineEdit)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_done = QLabel(self.tr("Đã tạo tài khoản quản trị. Bấm Tiếp tục."))
        self.admin_done.setObjectName("adminDone")
        page.layout_.insertWidget(2, self.admin_done)
        return page

    def _printer_page(self) -> _Page:
        page = _Page(self.tr("Máy in và khổ giấy"),
                     self.tr("Chọn máy in giấy hẹn và khổ giấy, rồi in thử một trang để xem chữ có dấu, "
                             "lề giấy và mã QR."))
        printer = QComboBox()
        printer.addItem(self.tr("(máy in mặc định của Windows/hệ thống)"), "")
        for name in QPrinterInfo.availablePrinterNames():
            printer.addItem(name, name)
        page.add("printer", self.tr("Máy in"), printer)
        paper = QComboBox()
        for key, label in (("a4", self.tr("A4")), ("a5", self.tr("A5")), ("80mm", self.tr("Giấy cuộn 80 mm"))):
            paper.addItem(label, key)
        page.add("paper", self.tr("Khổ giấy"), paper)
        self.test_button = QPushButton(self.tr("&In thử một trang"))
        self.test_button.setObjectName("testPrint")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_print)
        self.test_status = QLabel()
        self.test_status.setObjectName("testPrintStatus")
        self.test_status.setWordWrap(True)
        page.form.addRow("", self.test_button)
        page.form.addRow("", self.test_status)
        return page

    def _district_page(self) -> _Page:
        page = _Page(self.tr("Máy chủ cấp trên (không bắt buộc)"),
                     self.tr("Phần mềm làm việc không cần mạng ngay từ bây giờ. Khi cấp trên đã cấp địa chỉ máy chủ "
                             "và mã đăng ký dùng một lần, nhập vào đây để máy tự đồng bộ; nếu chưa có, bấm "
                             "«Bỏ qua, làm sau» (đăng ký sau ở trang Đồng bộ)."))
        url = page.add("server_url", self.tr("Địa chỉ máy chủ"), QLineEdit())
        assert isinstance(url, QLineEdit)
        url.setPlaceholderText("https://motcua.huyen.example.vn")
        page.add("code", self.tr("Mã đăng ký"), QLineEdit())
        return page

    # --- moving between steps ---------------------------------------------------------------------
    def show_step(self, key: str) -> None:
        if key == DONE:
            self.completed.emit(self.officer)
            self.accept()
            return
        self.current = key
        page = self.pages[key]
        self._load(key)
        self.stack.setCurrentWidget(page)
        index = KEYS.index(key)
        for i in range(self.steps.count()):
            item = self.steps.item(i)
            font = QFont(item.font())
            font.setBold(i == index)
            item.setFont(font)
        self.steps.setCurrentRow(index)
        self.back.setEnabled(index > 0)
        self.skip_button.setVisible(key == DISTRICT)
        self.next_button.setText(self.tr("Đăng ký và hoàn tất (Enter)") if key == DISTRICT
                                 else self.tr("Tiếp tục (Enter)"))
        self.general_error.show_message("")
        show_field_errors(page.errors, {})
        self._focus_first(page)

    def _load(self, key: str) -> None:
        # A few indexed reads of this desk's own small tables (the profile, settings): like the settings
        # page's lists, they run on the GUI thread (docs/design.md says which reads still do).
        values = self.flow.initial(key)
        page = self.pages[key]
        for name, widget in page.inputs.items():
            value = str(values.get(name, "") or "")
            if isinstance(widget, QLineEdit):
                widget.setText(value)
            elif widget.isEditable():
                widget.setEditText(value)
            else:
                widget.setCurrentIndex(max(0, widget.findData(value)))
        code = page.inputs.get("agency_code")
        if isinstance(code, QLineEdit):
            self._agency_code_edited(code.text())
        province = page.inputs.get("province")
        if isinstance(province, QLineEdit):
            self._suggest_provinces(province.text())
        if key == ADMIN:
            done = self.flow.admin_exists()
            self.admin_done.setVisible(done)
            for widget in page.inputs.values():
                widget.setEnabled(not done)

    def _focus_first(self, page: _Page) -> None:
        for widget in page.inputs.values():
            if widget.isEnabled():
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                return
        self.next_button.setFocus()

    def go_back(self) -> None:
        previous = self.flow.previous_of(self.current)
        if previous is not None and not self.busy:
            self.show_step(previous)

    def submit(self) -> None:
        if self.busy:
            return
        key, page = self.current, self.pages[self.current]
        values = page.values()
        if key == OFFICE:
            province = page.inputs["province"]
            assert isinstance(province, QLineEdit)
            province.setText(match_province(province.text()))
            values["province"] = province.text()
        flow, enroll = self.flow, self.enroll
        self._set_busy(True, self.tr("Đang đăng ký với cấp trên…") if key == DISTRICT else "")
        self.runner.run(lambda: flow.submit(key, values, enroll=enroll),
                        lambda result: self._submitted(key, result), lambda exc: self._failed(key, exc))

    def skip(self) -> None:
        if self.busy or self.current != DISTRICT:
            return
        flow = self.flow
        self._set_busy(True, "")
        self.runner.run(lambda: flow.skip(DISTRICT), lambda _r: self._submitted(DISTRICT, {}),
                        lambda exc: self._failed(DISTRICT, exc))

    def _submitted(self, key: str, result: dict[str, Any]) -> None:
        self._set_busy(False, "")
        if result.get("officer"):
            self.officer = result["officer"]
        self.show_step(self.flow.next_of(key))

    def _failed(self, key: str, exc: BaseException) -> None:
        self._set_busy(False, "")
        page = self.pages[key]
        errors = field_errors(exc)
        leftover = show_field_errors(page.errors, errors)
        self.general_error.show_message("\n".join(leftover) if errors else message_of(exc))
        first = next((k for k in page.inputs if k in errors), None)
        if first:
            widget = page.inputs[first]
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def _set_busy(self, busy: bool, text: str) -> None:
        self.busy = busy
        for b in (self.back, self.skip_button, self.next_button, self.test_button):
            b.setEnabled(not busy and (b is not self.back or KEYS.index(self.current) > 0))
        if text:
            self.general_error.show_message(text)

    # --- the office page's help -------------------------------------------------------------------
    def _suggest_provinces(self, text: str) -> None:
        self.province_list.clear()
        self.province_list.addItems(province_suggestions(text))

    def _agency_code_edited(self, text: str) -> None:
        edit = self.pages[OFFICE].inputs["agency_code"]
        if isinstance(edit, QLineEdit) and text != text.upper():
            pos = edit.cursorPosition()
            edit.setText(text.upper())
            edit.setCursorPosition(pos)
        code = text.strip().upper()
        if not code:
            self.code_preview.setText(self.tr("Mã do UBND tỉnh cấp (Quyết định 20/2020/QĐ-TTg); là phần đầu của "
                                              "mọi mã hồ sơ trên Cổng dịch vụ công của tỉnh."))
            set_style_state(self.code_preview, "warn", False)
        elif AGENCY_CODE.match(code):
            example = dossier_code_example(code, self.desk.store.clock())
            self.code_preview.setText(self.tr("Mã hồ sơ đầu tiên hôm nay sẽ là: {0}").format(example))
            set_style_state(self.code_preview, "warn", False)
        else:
            self.code_preview.setText(self.tr("Chỉ gồm chữ số, chữ in hoa A–Z và dấu chấm, ví dụ 000.00.07.H56."))
            set_style_state(self.code_preview, "warn", True)

    # --- the test print ---------------------------------------------------------------------------
    def test_print(self) -> None:
        if self.busy or self.current != PRINTER or self.print_queue is None:
            if self.print_queue is None:
                self.test_status.setText(self.tr("Máy này chưa có máy in nào được nối với phần mềm."))
            return
        values = self.pages[PRINTER].values()
        flow = self.flow
        title = self.tr("Trang in thử")
        self.test_status.setText(self.tr("Đang in thử…"))
        self.test_button.setEnabled(False)

        def render() -> Path:
            return flow.test_page(values)

        self.last_test_print = self.print_queue.submit(title, render, self._printed)

    def _printed(self, job: PrintJob) -> None:
        self.test_button.setEnabled(not self.busy)
        if job.done:
            printer = self.pages[PRINTER].values()["printer"] or self.tr("máy in mặc định")
            self.test_status.setText(self.tr("Đã gửi trang in thử tới «{0}». Xem tờ giấy: chữ có dấu rõ, đường kẻ "
                                             "in đủ, máy quét đọc được mã QR.").format(printer))
        else:
            self.test_status.setText(self.tr("Chưa in được: {0}").format(job.error))

    # --- the keyboard -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            widget = self._input_of(watched)
            if widget is not None:
                self._enter_on(widget)
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) \
                and watched is self.pages[OFFICE].inputs["province"] and self.province_list.count():
            row = self.province_list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.province_list.setCurrentRow(max(0, min(self.province_list.count() - 1, row)))
            return True
        return super().eventFilter(watched, event)

    def _input_of(self, watched: QObject) -> Input | None:
        page = self.pages.get(self.current)
        if page is None:
            return None
        for widget in page.inputs.values():
            if watched is widget or (isinstance(widget, QComboBox) and watched is widget.lineEdit()):
                return widget
        return None

    def _enter_on(self, widget: Input) -> None:
        page = self.pages[self.current]
        if widget is page.inputs.get("province") and isinstance(widget, QLineEdit):
            chosen = self.province_list.currentItem()
            widget.setText(chosen.text() if chosen is not None and chosen.isSelected()
                           else match_province(widget.text()))
            self._suggest_provinces(widget.text())
        enabled = [w for w in page.inputs.values() if w.isEnabled()]
        after = enabled[enabled.index(widget) + 1:] if widget in enabled else []
        if after:
            after[0].setFocus()
            if isinstance(after[0], QLineEdit):
                after[0].selectAll()
        else:
            self.submit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc must not close the wizard halfway by accident; the window's close button still does.
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)
