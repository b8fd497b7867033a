"""Settings for an admin: the office profile, office hours, printer and paper, calendar days, and the
catalogue's time limits and fees. Every save is a desk call on the TaskRunner; desk validates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.calendar import OFF, WORK
from desk.limits import optional_limit
from desk.settings import REGISTRY
from desk.views import catalogue_rows
from ui.common import ErrorLabel, weekday_name
from ui.context import DeskContext
from ui.i18n import current_language, limit_label
from ui.operations import Fields
from ui.widgets import Banner

PROFILE_FIELDS = ("name", "agency_code", "province", "upstream_name", "unit_name", "address", "place_name",
                  "phone", "lookup_url_base", "register_book")


class SettingsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SettingsPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        title = QLabel(self.tr("Cài đặt"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.ops = ctx.operations(self, banner=self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._office_tab(), self.tr("Cơ quan"))
        self.tabs.addTab(self._hours_tab(), self.tr("Giờ làm việc"))
        self.tabs.addTab(self._print_tab(), self.tr("Máy in và ngôn ngữ"))
        self.tabs.addTab(self._calendar_tab(), self.tr("Lịch nghỉ, làm bù"))
        self.tabs.addTab(self._catalog_tab(), self.tr("Danh mục thủ tục"))

    def activate(self) -> None:
        self.load()

    def load(self) -> None:
        self._load_office()
        self._load_print()
        self._load_calendar()
        self._load_catalog()

    def _run(self, fn: Callable[[], Any], label: str, ok_text: str, fields: Fields | None = None,
             after: Callable[[Any], None] | None = None, busy: QWidget | None = None) -> None:
        def done(result: Any) -> None:
            self.ctx.settings_changed.emit()
            if after:
                after(result)

        self.ops.run(fn, done, label=label, ok_text=ok_text, fields=fields or Fields(),
                     refused_text=self.tr("Chưa lưu: hãy sửa các ô báo đỏ."), busy=(busy,) if busy else ())

    @staticmethod
    def _row(form: QFormLayout, label: str, widget: QWidget, error: ErrorLabel) -> None:
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label, box)

    # --- office -----------------------------------------------------------------------------------
    def _office_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        labels = {
            "name": self.tr("Tên cơ quan"), "agency_code": self.tr("Mã định danh cơ quan"),
            "province": self.tr("Tỉnh/thành phố"), "upstream_name": self.tr("Cơ quan cấp trên"),
            "unit_name": self.tr("Tên bộ phận tiếp nhận"), "address": self.tr("Địa chỉ"), "place_name": self.tr("Địa danh ghi trên biểu mẫu"),
            "phone": self.tr("Điện thoại"), "lookup_url_base": self.tr("Địa chỉ tra cứu hồ sơ (in trong mã QR)"),
            "register_book": self.tr("Quyển sổ theo dõi số"),
        }
        self.office_inputs: dict[str, QLineEdit] = {}
        self.office_fields = Fields()
        for key, label in labels.items():
            edit = QLineEdit()
            edit.setObjectName(key)
            self.office_inputs[key] = edit
            self._row(form, label, edit, self.office_fields.add(key, ErrorLabel(), edit))
        self.numbering = QComboBox()
        self.numbering.addItem(self.tr("Thông tư 03/2025 (mẫu 01–07)"), "2025")
        self.numbering.addItem(self.tr("Thông tư 01/2018 (số mẫu cũ)"), "2018")
        self._row(form, self.tr("Đánh số biểu mẫu"), self.numbering,
                  self.office_fields.add("form_numbering", ErrorLabel(), self.numbering))
        self.save_office_button = save = QPushButton(self.tr("Lưu thông tin cơ quan"))
        save.setObjectName("saveOffice")
        save.clicked.connect(self.save_office)
        form.addRow("", save)
        return w

    def _profile(self) -> dict[str, Any]:
        profile = self.ctx.desk.office.get()
        return {k: v for k, v in asdict(profile).items() if k != "hmac_key"} if profile else {}

    def _load_office(self) -> None:
        p = self._profile()
        for key, edit in self.office_inputs.items():
            edit.setText(str(p.get(key, "") or ""))
        self.numbering.setCurrentIndex(max(0, self.numbering.findData(p.get("form_numbering", "2025"))))

    def save_office(self) -> None:
        data = self._profile()
        data.update({k: e.text() for k, e in self.office_inputs.items()})
        data["form_numbering"] = self.numbering.currentData()
        office, actor = self.ctx.desk.office, self.ctx.officer_id
        self._run(lambda: office.save(data, actor=actor), "save office profile", self.tr("Đã lưu thông tin cơ quan."),
                  self.office_fields, busy=self.save_office_button)

    # --- office hours -----------------------------------------------------------------------------
    def _hours_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.hours = QLineEdit()
        self.hours.setObjectName("office_hours")
        self.hours_fields = Fields()
        self.hours_error = self.hours_fields.add("office_hours", ErrorLabel(), self.hours)
        form.addRow(QLabel(self.tr("Các buổi làm việc, dạng GG:PP-GG:PP, cách nhau bằng dấu phẩy. "
                                   "Hồ sơ nhận ngoài giờ được tính từ giờ mở cửa kế tiếp.")))
        self._row(form, self.tr("Giờ làm việc"), self.hours, self.hours_error)
        self.save_hours_button = save = QPushButton(self.tr("Lưu giờ làm việc"))
        save.setObjectName("saveHours")
        save.clicked.connect(self.save_hours)
        form.addRow("", save)
        return w

    def save_hours(self) -> None:
        data = self._profile()
        data["office_hours"] = self.hours.text()
        office, actor = self.ctx.desk.office, self.ctx.officer_id
        self._run(lambda: office.save(data, actor=actor), "save office hours", self.tr("Đã lưu giờ làm việc."),
                  self.hours_fields, busy=self.save_hours_button)

    # --- printing and language --------------------------------------------------------------------
    def _print_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for key, label in (("a4", self.tr("A4")), ("a5", self.tr("A5")), ("80mm", self.tr("Giấy cuộn 80 mm"))):
            self.paper.addItem(label, key)
        self.copies = QSpinBox()
        self.copies.setObjectName("copies")
        self.copies.setRange(1, 5)
        self.preview = QCheckBox(self.tr("Xem trước khi in"))
        self.preview.setObjectName("preview")
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        form.addRow(self._label("print.printer"), self.printer)
        form.addRow(self._label("print.paper"), self.paper)
        form.addRow(self._label("print.copies"), self.copies)
        form.addRow("", self.preview)
        form.addRow(self._label("ui.language"), self.language)
        form.addRow("", QLabel(self.tr("Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau.")))
        self.save_print_button = save = QPushButton(self.tr("Lưu cài đặt in và ngôn ngữ"))
        save.setObjectName("savePrint")
        save.clicked.connect(self.save_print)
        form.addRow("", save)
        return w

    @staticmethod
    def _label(name: str) -> str:
        s = REGISTRY[name]
        return s.label_en if current_language() == "en" else s.label_vi

    def _load_print(self) -> None:
        settings = self.ctx.desk.settings
        self.printer.clear()
        self.printer.addItem(self.tr("(máy in mặc định của Windows/hệ thống)"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        chosen = str(settings.get("print.printer"))
        if chosen and self.printer.findData(chosen) < 0:
            self.printer.addItem(self.tr("{0} (không thấy trên máy này)").format(chosen), chosen)
        self.printer.setCurrentIndex(max(0, self.printer.findData(chosen)))
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.get("print.paper"))))
        self.copies.setValue(int(settings.get("print.copies")))
        self.preview.setChecked(bool(settings.get("print.preview")))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("ui.language"))))

    def save_print(self) -> None:
        values = {"print.printer": self.printer.currentData(), "print.paper": self.paper.currentData(),
                  "print.copies": self.copies.value(), "print.preview": self.preview.isChecked(),
                  "ui.language": self.language.currentData()}
        settings, actor = self.ctx.desk.settings, self.ctx.officer_id

        def work() -> None:
            for name, value in values.items():
                settings.set(name, value, actor=actor)

        self._run(work, "save print settings", self.tr("Đã lưu cài đặt in và ngôn ngữ."),
                  busy=self.save_print_button)

    # --- calendar ---------------------------------------------------------------------------------
    def _calendar_tab(self) -> QWidget:
        w = QWidget()
        layout = QHBoxLayout(w)
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Năm")))
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(self.ctx.desk.store.clock().year)
        self.year.valueChanged.connect(lambda _v: self._load_calendar())
        top.addWidget(self.year)
        top.addStretch(1)
        left.addLayout(top)
        left.addWidget(QLabel(self.tr("Ngày nghỉ trong tuần (lễ, Tết, nghỉ bù, cơ quan bổ sung)")))
        self.days_off = QListWidget()
        self.days_off.setObjectName("daysOff")
        left.addWidget(self.days_off, 2)
        left.addWidget(QLabel(self.tr("Ngày làm bù (thứ Bảy, Chủ nhật đi làm)")))
        self.make_up = QListWidget()
        self.make_up.setObjectName("makeUpDays")
        left.addWidget(self.make_up, 1)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        adjusted = QLabel(self.tr("Ngày điều chỉnh: theo văn bản (kèm nguồn), cấp trên công bố, cơ quan khai báo"))
        adjusted.setWordWrap(True)
        right.addWidget(adjusted)
        self.overrides = QListWidget()
        self.overrides.setObjectName("overrides")
        right.addWidget(self.overrides, 1)
        remove = QPushButton(self.tr("Bỏ ngày đã chọn"))
        remove.setObjectName("clearDay")
        remove.clicked.connect(self.clear_day)
        right.addWidget(remove)
        form = QFormLayout()
        self.day = QDateEdit()
        self.day.setObjectName("day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        today = self.ctx.desk.store.clock().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("Nghỉ"), OFF)
        self.kind.addItem(self.tr("Làm việc"), WORK)
        self.day_note = QLineEdit()
        self.day_note.setObjectName("dayNote")
        self.day_fields = Fields()
        self.day_error = self.day_fields.add("kind", ErrorLabel(), self.kind)
        self.day_fields.add("note", self.day_error, self.day_note)
        form.addRow(self.tr("Ngày"), self.day)
        form.addRow(self.tr("Loại"), self.kind)
        form.addRow(self.tr("Ghi chú"), self.day_note)
        form.addRow("", self.day_error)
        add = QPushButton(self.tr("Thêm / sửa ngày"))
        add.setObjectName("setDay")
        add.clicked.connect(self.set_day)
        form.addRow("", add)
        right.addLayout(form)
        timing_form = QFormLayout()
        self.seasons = QLineEdit()
        self.seasons.setObjectName("season_hours")
        self.seasons.setPlaceholderText(self.tr("để trống = giờ làm việc cả năm; ví dụ 15/04: 07:00-11:30,13:30-17:00; "
                                                "15/10: 07:30-11:30,13:00-16:30"))
        self.supplement_clock = QComboBox()
        self.supplement_clock.setObjectName("supplement_clock")
        self.supplement_clock.addItem(self.tr("tạm dừng thời hạn"), "pause")
        self.supplement_clock.addItem(self.tr("tính lại thời hạn từ đầu"), "restart")
        self.supplement_clock.setToolTip(self.tr(
            "Tạm dừng: phần thời hạn còn lại chạy tiếp khi nhận đủ hồ sơ bổ sung. Tính lại từ đầu: cả thời hạn "
            "tính lại từ khi nhận đủ hồ sơ (khi quy định của ngành nói vậy)."))
        self.timing_fields = Fields()
        self._row(timing_form, self._label("calendar.season_hours"), self.seasons,
                  self.timing_fields.add("calendar.season_hours", ErrorLabel(), self.seasons))
        timing_form.addRow(self._label("timing.supplement_clock"), self.supplement_clock)
        self.save_timing_button = save_timing = QPushButton(self.tr("Lưu giờ theo mùa và cách tính thời hạn"))
        save_timing.setObjectName("saveTiming")
        save_timing.clicked.connect(self.save_timing)
        timing_form.addRow("", save_timing)
        right.addLayout(timing_form)
        layout.addLayout(right, 1)
        return w

    def save_timing(self) -> None:
        values = {"calendar.season_hours": self.seasons.text(),
                  "timing.supplement_clock": self.supplement_clock.currentData()}
        settings, actor = self.ctx.desk.settings, self.ctx.officer_id

        def work() -> None:
            for name, value in values.items():
                settings.set(name, value, actor=actor)

        self._run(work, "save timing settings", self.tr("Đã lưu giờ làm việc theo mùa và cách tính thời hạn."),
                  self.timing_fields, lambda _r: self._load_calendar(), busy=self.save_timing_button)

    def _load_calendar(self) -> None:
        cal = self.ctx.desk.calendar()
        year = self.year.value()
        self.days_off.clear()
        for d, name in cal.days_off(year):
            self.days_off.addItem(f"{d:%d/%m/%Y} ({weekday_name(d)}) — {name}")
        self.make_up.clear()
        for d, name in cal.make_up_days(year):
            self.make_up.addItem(f"{d:%d/%m/%Y} ({weekday_name(d)}) — {name}")
        self.overrides.clear()
        origins = {"decree": self.tr("văn bản"), "district": self.tr("cấp trên"), "office": self.tr("cơ quan")}
        for row in self.ctx.desk.calendars.adjustments():
            kind = self.tr("nghỉ") if row["kind"] == OFF else self.tr("làm việc")
            source = f" ({row['source']})" if row.get("source") else ""
            item = QListWidgetItem(f"{date.fromisoformat(row['day']):%d/%m/%Y} — {kind} — "
                                   f"[{origins.get(row['origin'], row['origin'])}] {row['note'] or ''}{source}")
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, row["day"])
            item.setData(Qt.ItemDataRole.UserRole + 1, row["origin"])
            self.overrides.addItem(item)
        settings = self.ctx.desk.settings
        self.seasons.setText(str(settings.get("calendar.season_hours")))
        self.supplement_clock.setCurrentIndex(max(0, self.supplement_clock.findData(
            settings.get("timing.supplement_clock"))))

    def set_day(self) -> None:
        qd = self.day.date()
        day = date(qd.year(), qd.month(), qd.day())
        kind, note = str(self.kind.currentData()), self.day_note.text()
        calendars, actor = self.ctx.desk.calendars, self.ctx.officer_id
        self._run(lambda: calendars.set_day(day, kind, note, actor=actor), "set calendar day",
                  self.tr("Đã ghi ngày {0:%d/%m/%Y}.").format(day), self.day_fields, lambda _r: self._load_calendar())

    def clear_day(self) -> None:
        item = self.overrides.currentItem()
        if item is None:
            self.banner.show_message(self.tr("Hãy chọn một ngày trong danh sách ngày cơ quan khai báo."), "error")
            return
        day = date.fromisoformat(str(item.data(Qt.ItemDataRole.UserRole)))
        if item.data(Qt.ItemDataRole.UserRole + 1) == "decree":
            self.banner.show_message(self.tr("Ngày {0:%d/%m/%Y} do văn bản quy định; để sửa, thêm ngày đó với loại "
                                             "khác (cơ quan khai báo được ưu tiên).").format(day), "error")
            return
        calendars, actor = self.ctx.desk.calendars, self.ctx.officer_id
        self._run(lambda: calendars.clear_day(day, actor=actor), "clear calendar day",
                  self.tr("Đã bỏ ngày {0:%d/%m/%Y}.").format(day), None, lambda _r: self._load_calendar())

    # --- catalogue --------------------------------------------------------------------------------
    def _catalog_tab(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        self.catalog_search = QLineEdit()
        self.catalog_search.setObjectName("catalogSearch")
        self.catalog_search.setPlaceholderText(self.tr("Tìm thủ tục (không cần dấu)"))
        self.catalog_search.textChanged.connect(lambda _t: self._load_catalog())
        layout.addWidget(self.catalog_search)
        self.catalog = QTableWidget(0, 5)
        self.catalog.setObjectName("catalogTable")
        self.catalog.setHorizontalHeaderLabels([self.tr("Mã"), self.tr("Tên thủ tục"), self.tr("Thời hạn"),
                                                self.tr("Nhận trước giờ"), self.tr("Phí, lệ phí")])
        self.catalog.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.catalog.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.catalog.verticalHeader().hide()
        self.catalog.verticalHeader().setDefaultSectionSize(24)
        hh = self.catalog.horizontalHeader()
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 90), (2, 150), (3, 110), (4, 260)):
            self.catalog.setColumnWidth(col, width)
        self.catalog.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._select_procedure(r))
        layout.addWidget(self.catalog, 1)
        form = QFormLayout()
        self.limit = QLineEdit()
        self.limit.setObjectName("time_limit")
        self.limit.setPlaceholderText(self.tr("như danh mục ghi: Trong ngày · 0,5 ngày làm việc · 04 giờ làm việc · "
                                              "03 ngày làm việc · 15 ngày"))
        self.verify_limit = QLineEdit()
        self.verify_limit.setObjectName("verify_limit")
        self.verify_limit.setPlaceholderText(self.tr("ví dụ 08 ngày làm việc; để trống nếu không có"))
        self.cutoff = QLineEdit()
        self.cutoff.setObjectName("same_day_cutoff")
        self.cutoff.setPlaceholderText("15:00")
        self.fee = QLineEdit()
        self.fee.setObjectName("fee_text")
        self.catalog_fields = Fields()
        for key, edit in (("time_limit", self.limit), ("verify_limit", self.verify_limit),
                          ("same_day_cutoff", self.cutoff), ("fee_text", self.fee)):
            self.catalog_fields.add(key, ErrorLabel(), edit)
        self.catalog_errors = {k: self.catalog_fields.label(k) for k in self.catalog_fields.names()}
        self._row(form, self.tr("Thời hạn giải quyết"), self.limit, self.catalog_errors["time_limit"])
        self._row(form, self.tr("Thời hạn khi cần xác minh"), self.verify_limit, self.catalog_errors["verify_limit"])
        self._row(form, self.tr("Giờ nhận trong ngày (trả trong ngày)"), self.cutoff,
                  self.catalog_errors["same_day_cutoff"])
        self._row(form, self.tr("Phí, lệ phí"), self.fee, self.catalog_errors["fee_text"])
        self.save_procedure_button = save = QPushButton(self.tr("Lưu thay đổi của cơ quan cho thủ tục này"))
        save.setObjectName("saveProcedure")
        save.clicked.connect(self.save_procedure)
        form.addRow("", save)
        layout.addLayout(form)
        return w

    def _load_catalog(self) -> None:
        text = self.catalog_search.text()
        desk = self.ctx.desk
        rows = catalogue_rows(desk.store, desk.catalog, text)
        self.catalog.setRowCount(0)
        for row in rows:
            r = self.catalog.rowCount()
            self.catalog.insertRow(r)
            limit = optional_limit(row["time_limit"])
            shown = limit_label(limit) if limit else "—"
            if limit and row["limit_source"] == "office":
                shown += self.tr(" (cơ quan)")
            values = (row["code"], row["name"], shown, row["same_day_cutoff"] or "", (row["fee_text"] or "")[:80])
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 1 or c == 4:
                    item.setToolTip(str(row["name"] if c == 1 else row["fee_text"]))
                self.catalog.setItem(r, c, item)

    def _select_procedure(self, row: int) -> None:
        item = self.catalog.item(row, 0) if row >= 0 else None
        if item is None:
            return
        proc = self.ctx.desk.catalog.get(item.text())
        self.limit.setText(proc["limit_text"])
        self.verify_limit.setText(proc["verify_limit_text"])
        self._loaded_limits = (proc["limit_text"], proc["verify_limit_text"])
        self.cutoff.setText(proc["same_day_cutoff"] or "")
        self.fee.setText(proc["fee_text"] or "")
        self.catalog_fields.clear()

    def save_procedure(self) -> None:
        item = self.catalog.item(self.catalog.currentRow(), 0) if self.catalog.currentRow() >= 0 else None
        if item is None:
            self.banner.show_message(self.tr("Hãy chọn một thủ tục trong bảng."), "error")
            return
        code = item.text()
        changes = {"same_day_cutoff": self.cutoff.text(), "fee_text": self.fee.text()}
        # A limit is sent only when the officer changed it: saving a fee must not make the catalogue's limit
        # the office's own.
        loaded = getattr(self, "_loaded_limits", ("", ""))
        if self.limit.text().strip() != loaded[0]:
            changes["time_limit"] = self.limit.text().strip()
        if self.verify_limit.text().strip() != loaded[1]:
            changes["verify_limit"] = self.verify_limit.text().strip()
        catalog, actor = self.ctx.desk.catalog, self.ctx.officer_id
        self._run(lambda: catalog.set_local(code, changes, actor=actor), "save procedure",
                  self.tr("Đã lưu thủ tục {0}; lần cập nhật danh mục sau vẫn giữ giá trị này.").format(code),
                  self.catalog_fields, lambda _r: self._load_catalog(), busy=self.save_procedure_button)

