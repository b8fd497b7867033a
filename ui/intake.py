"""Intake on one screen, keyboard first.

Flow: scan the CCCD (anywhere in the window) → the applicant is filled and the focus lands in the
procedure search → type a few letters, Enter picks the first hit (the office's most used first) → the
checklist comes from the catalogue → Ctrl+Enter receives and prints both copies of the slip. Ctrl+B and
Ctrl+Shift+R instead issue a supplement request (02) or a refusal (03). Every write goes through the
TaskRunner; validation comes from desk and is shown next to each field.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk import lifecycle as lc
from desk.citizen_id import FIELD_LABELS_VI, parse_card_qr
from desk.errors import DeskError, ValidationError
from desk.intake import (
    RETURN_PLACES,
    ApplicantInput,
    IntakeInput,
    default_documents,
)
from desk.limits import optional_limit
from desk.views import citizen_dossier_count
from ui.common import (
    ErrorLabel,
    fmt_moment,
    message_of,
    set_style_state,
    weekday_name,
)
from ui.context import DeskContext
from ui.fee_panel import FeePanel, FeePlan, fee_outcome_text
from ui.i18n import desk_label, limit_label
from ui.intake_parts import ApplicantBox, DocumentsTable, DueBox, OutcomeDialog, ProcedureSearch
from ui.limit_dialog import LimitDialog
from ui.printing import PrintJob
from ui.widgets import Banner

APPLICANT_FIELDS = ("id_number", "full_name", "dob", "gender", "address", "phone", "email")


class IntakePage(QWidget):
    dossier_received = Signal(dict)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("IntakePage")
        self.procedure: dict[str, Any] | None = None
        self.last_card_note = ""
        self.last_job: PrintJob | None = None
        self._build()
        self.ops = ctx.operations(self, banner=self.banner, general=self.general_error)
        # The order is the order of the form: the first wrong field in it gets the keyboard.
        targets: dict[str, QWidget] = {**self.inputs, "gender": self.gender, "submitter_name": self.submitter_name,
                                       "submitter_id_number": self.submitter_id, "procedure_code": self.search,
                                       "documents": self.docs, "sets_count": self.sets, "time_limit": self.limit_button,
                                       "due_at": self.limit_button, "note": self.note}
        for key in (*APPLICANT_FIELDS, "submitter_name", "submitter_id_number", "procedure_code", "documents",
                    "sets_count", "time_limit", "due_at", "note"):
            self.ops.fields.add(key, self.errors[key], targets[key])
        for key, (error, widget) in self.fee_panel.field_widgets().items():
            self.ops.fields.add(key, error, widget)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(30_000)  # the live due date follows the clock
        self._due_timer.timeout.connect(self.refresh_due)
        self._due_timer.start()
        self.run_search()

    # --- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Tiếp nhận hồ sơ"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        hint = QLabel(self.tr("Quét mã QR trên thẻ căn cước ở bất kỳ đâu trong cửa sổ để điền thông tin người nộp."))
        hint.setObjectName("hint")
        head.addWidget(hint)
        outer.addLayout(head)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.print_banner = Banner()
        self.print_banner.setObjectName("printBanner")
        outer.addWidget(self.print_banner)
        self.fee_banner = Banner()  # the receipt: issued, printed, or why not
        self.fee_banner.setObjectName("printBanner")
        outer.addWidget(self.fee_banner)

        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        # Applicant
        left = ApplicantBox()
        self.inputs, self.gender, self.returning = left.inputs, left.gender, left.returning
        self.applicant_type, self.channel = left.applicant_type, left.channel
        self.submitter_name, self.submitter_id = left.submitter_name, left.submitter_id
        self.field_labels = left.field_labels
        self.errors: dict[str, ErrorLabel] = dict(left.errors)
        self.inputs["id_number"].editingFinished.connect(self._lookup_returning)
        left_column = QVBoxLayout()
        left_column.addWidget(left, 1)
        self.fee_panel = FeePanel(self.ctx)
        self.fee_panel.setFixedWidth(430)
        left_column.addWidget(self.fee_panel)
        columns.addLayout(left_column)

        # Procedure, checklist, due date
        right = QVBoxLayout()
        columns.addLayout(right, 1)
        proc_box = QGroupBox(self.tr("Thủ tục hành chính"))
        proc_layout = QGridLayout(proc_box)
        proc_layout.setVerticalSpacing(2)
        self.results = QListWidget()
        self.results.setObjectName("procedureResults")
        self.results.setFixedHeight(96)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.results.itemActivated.connect(lambda _i: self.pick_current())
        self.results.itemClicked.connect(lambda _i: self.pick_current())
        self.search = ProcedureSearch(self.results)
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Gõ tên hoặc mã thủ tục (không cần dấu), Enter để chọn"))
        self.search.returnPressed.connect(self.pick_current)
        self.errors["procedure_code"] = ErrorLabel()
        proc_layout.addWidget(self.search, 0, 0)
        proc_layout.addWidget(self.results, 1, 0)
        self.procedure_label = QLabel(self.tr("Chưa chọn thủ tục."))
        self.procedure_label.setObjectName("procedureInfo")
        self.procedure_label.setWordWrap(True)
        proc_layout.addWidget(self.procedure_label, 2, 0)
        proc_layout.addWidget(self.errors["procedure_code"], 3, 0)
        right.addWidget(proc_box)

        docs_box = QGroupBox(self.tr("Thành phần hồ sơ nộp"))
        docs_layout = QVBoxLayout(docs_box)
        self.docs = DocumentsTable()
        docs_layout.addWidget(self.docs, 1)
        self.errors["documents"] = ErrorLabel()
        docs_layout.addWidget(self.errors["documents"])
        row = QHBoxLayout()
        add_doc = QPushButton(self.tr("Thêm giấy tờ khác"))
        add_doc.clicked.connect(self.docs.add_other)
        row.addWidget(add_doc)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Số bộ")))
        self.sets = QSpinBox()
        self.sets.setObjectName("sets_count")
        self.sets.setRange(1, 99)
        row.addWidget(self.sets)
        row.addWidget(QLabel(self.tr("Nhận kết quả tại")))
        self.return_place = QComboBox()
        self.return_place.setObjectName("return_place")
        for key, label in RETURN_PLACES.items():
            self.return_place.addItem(desk_label(label), key)
        row.addWidget(self.return_place)
        docs_layout.addLayout(row)
        self.errors["sets_count"] = ErrorLabel()
        docs_layout.addWidget(self.errors["sets_count"])
        right.addWidget(docs_box, 1)

        due_box = DueBox()
        self.due_label, self.limit_button, self.note = due_box.due_label, due_box.limit_button, due_box.note
        self.limit_button.clicked.connect(self.declare_limit)
        self.errors.update(due_box.errors)
        right.addWidget(due_box)

        self.general_error = ErrorLabel()
        outer.addWidget(self.general_error)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("Làm mới (Ctrl+N)"))
        self.clear_button.clicked.connect(self.clear)
        self.refuse_button = QPushButton(self.tr("Từ chối — mẫu 03 (Ctrl+Shift+R)"))
        self.refuse_button.clicked.connect(lambda: self.ask_outcome(lc.REFUSED))
        self.supplement_button = QPushButton(self.tr("Yêu cầu bổ sung — mẫu 02 (Ctrl+B)"))
        self.supplement_button.clicked.connect(lambda: self.ask_outcome(lc.SUPPLEMENT_REQUESTED))
        self.receive_button = QPushButton(self.tr("Tiếp nhận và in giấy hẹn (Ctrl+Enter)"))
        self.receive_button.setObjectName("primary")
        self.receive_button.clicked.connect(lambda: self.submit(lc.RECEIVED))
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refuse_button)
        buttons.addWidget(self.supplement_button)
        buttons.addWidget(self.receive_button)
        outer.addLayout(buttons)

        for seq, slot in (("Ctrl+Return", lambda: self.submit(lc.RECEIVED)),
                          ("Ctrl+Enter", lambda: self.submit(lc.RECEIVED)),
                          ("Ctrl+B", lambda: self.ask_outcome(lc.SUPPLEMENT_REQUESTED)),
                          ("Ctrl+Shift+R", lambda: self.ask_outcome(lc.REFUSED)),
                          ("Ctrl+N", self.clear),
                          ("Ctrl+J", self.declare_limit),
                          ("Ctrl+F", self.focus_search)):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        # Enter in an applicant field moves on, so the form can be filled without the mouse.
        order = [*self.inputs.values()]
        for edit, nxt in itertools.pairwise(order):
            edit.returnPressed.connect(nxt.setFocus)
        self.inputs["email"].returnPressed.connect(self.focus_search)

    def activate(self) -> None:
        if not self.inputs["full_name"].text():
            self.inputs["id_number"].setFocus()
        else:
            self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- the applicant ----------------------------------------------------------------------------
    def fill_from_card(self, text: str) -> bool:
        """Fill the applicant from a scanned card QR; False (with a message) if it could not be read.

        Fields the scanner damaged (desk.citizen_id) stay empty with desk's reason on their red line, and the
        first takes the keyboard: the officer types them from the card. For a returning citizen the stored
        values fill them instead, so a damaged scan never stands in for a good stored name."""
        try:
            card = parse_card_qr(text, today=self.ctx.desk.store.clock().date())
        except ValidationError as e:
            self.banner.show_message(self.tr("Không đọc được mã QR trên thẻ: {0}").format(message_of(e)), "error")
            return False
        data = card.as_dict()
        for key in ("id_number", "full_name", "dob", "address"):
            self.inputs[key].setText(data[key])
            self.inputs[key].setCursorPosition(0)  # show the start of a long address
        self.gender.setCurrentText(data["gender"])
        self._old_id = data["old_id_number"]
        for key in ("phone", "email"):
            self.inputs[key].clear()
        self.ops.fields.clear()
        self._lookup_returning()
        if card.damaged:
            self._show_damaged(card.damaged)
            return True
        note = self.tr(" (đã sửa lỗi mã hóa của máy quét)") if card.repaired else ""
        self.banner.show_message(self.tr("Đã đọc thẻ căn cước của {0}{1}. Hãy đối chiếu với thẻ.").format(
            card.full_name, note), "ok")
        self.focus_search()
        return True

    def _show_damaged(self, damaged: dict[str, str]) -> None:
        messages = dict(damaged)
        for key in messages:
            if key in self.inputs and self.inputs[key].text():
                messages[key] += self.tr(" Đã điền theo lần nộp trước: hãy đối chiếu với thẻ.")
        leftover = self.ops.fields.show(messages)
        self.ops.fields.focus_first(messages)
        names = ", ".join(self.field_labels.get(k) or FIELD_LABELS_VI.get(k, k) for k in damaged)
        text = self.tr("Máy quét làm hỏng mã QR ở: {0}. Hãy nhập các ô báo đỏ theo thẻ.").format(names)
        self.banner.show_message("\n".join([text, *leftover]), "error")

    def _lookup_returning(self) -> None:
        number = self.inputs["id_number"].text().strip()
        if len(number) != 12 or not number.isdigit():
            self.returning.hide()
            return
        citizen = self.ctx.desk.dossiers.returning_citizen(number)
        if citizen is None:
            self.returning.hide()
            return
        count = citizen_dossier_count(self.ctx.desk.store, str(citizen["id"]))
        for key in ("full_name", "address", "phone", "email"):
            if not self.inputs[key].text() and citizen.get(key):
                self.inputs[key].setText(str(citizen[key]))
        if not self.inputs["dob"].text() and citizen.get("dob"):
            self.inputs["dob"].setText(datetime.fromisoformat(citizen["dob"]).strftime("%d/%m/%Y"))
        if not self.gender.currentText() and citizen.get("gender"):
            self.gender.setCurrentText(str(citizen["gender"]))
        self.returning.setText(self.tr("Công dân đã nộp {0} hồ sơ tại đây; thông tin liên hệ lấy từ lần trước.")
                               .format(count))
        self.returning.show()

    # --- procedure --------------------------------------------------------------------------------
    def run_search(self) -> None:
        self._search_timer.stop()
        hits = self.ctx.desk.catalog.search(self.search.text(), limit=15)
        self.results.clear()
        for h in hits:
            known = optional_limit(h["time_limit"])
            limit = limit_label(known) if known else self.tr("chưa có thời hạn")
            item = QListWidgetItem(f"{h['name']}  ·  {h['code']}  ·  {limit}")
            item.setData(Qt.ItemDataRole.UserRole, h["code"])
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)

    def pick_current(self) -> None:
        if self._search_timer.isActive():
            self.run_search()
        item = self.results.currentItem()
        if item is None:
            return
        self.set_procedure(str(item.data(Qt.ItemDataRole.UserRole)))
        if self.docs.rowCount():
            self.docs.setFocus()
            self.docs.setCurrentCell(0, 1)

    def set_procedure(self, code: str, *, keep_documents: bool = False) -> None:
        proc = self.ctx.desk.catalog.get(code)
        self.procedure = proc
        known = optional_limit(proc["time_limit"])
        limit = limit_label(known) if known else self.tr("chưa có — cán bộ khai báo một lần cho thủ tục")
        fee = proc.get("fee_text") or ""
        self.procedure_label.setText(self.tr("<b>{0}</b> ({1})<br>Thời hạn: {2}. Phí, lệ phí: {3}").format(
            proc["name"], proc["code"], limit, (fee if len(fee) <= 160 else fee[:157] + "…") or "—"))
        self.errors["procedure_code"].show_message("")
        self.fee_panel.set_procedure(proc["code"])
        if not keep_documents:
            self.docs.fill(default_documents(proc["documents"]))
        self.refresh_due()

    def refresh_due(self) -> None:
        if self.procedure is None:
            self.due_label.setText("—")
            self.limit_button.hide()
            return
        preview = self.ctx.desk.dossiers.preview_due(self.procedure["code"])
        if preview.needs_limit:
            self.due_label.setText(self.tr("Thủ tục chưa có thời hạn: khai báo một lần →"))
            set_style_state(self.due_label, "warn", True)
            self.limit_button.show()
        else:
            assert preview.due_at is not None
            self.due_label.setText(self.tr("{0} ({1})").format(fmt_moment(preview.due_at),
                                                                    weekday_name(preview.due_at)))
            set_style_state(self.due_label, "warn", False)
            self.limit_button.hide()

    def declare_limit(self) -> None:
        if self.procedure is None or not self.procedure.get("needs_limit"):
            return
        dialog = LimitDialog(self.ctx, self.procedure, self)
        dialog.saved.connect(lambda proc: self._limit_saved(str(proc["code"])))
        dialog.finished.connect(lambda _r: self.activateWindow())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _limit_saved(self, code: str) -> None:
        self.errors["time_limit"].show_message("")
        self.set_procedure(code, keep_documents=True)
        self.banner.show_message(self.tr("Đã lưu thời hạn của thủ tục {0}; các hồ sơ sau dùng lại.").format(code),
                                 "ok")

    # --- submitting -------------------------------------------------------------------------------
    def intake(self) -> IntakeInput:
        applicant = ApplicantInput(
            full_name=self.inputs["full_name"].text(), id_number=self.inputs["id_number"].text(),
            dob=self.inputs["dob"].text() or None, gender=self.gender.currentText(),
            address=self.inputs["address"].text(), phone=self.inputs["phone"].text(),
            email=self.inputs["email"].text(), old_id_number=getattr(self, "_old_id", ""),
        )
        return IntakeInput(
            procedure_code=self.procedure["code"] if self.procedure else "",
            applicant=applicant,
            documents=self.docs.documents() if self.procedure else None,
            applicant_type=str(self.applicant_type.currentData()),
            channel=str(self.channel.currentData()),
            submitter_name=self.submitter_name.text(),
            submitter_id_number=self.submitter_id.text(),
            sets_count=self.sets.value(),
            return_place=str(self.return_place.currentData()),
            note=self.note.text(),
        )

    def ask_outcome(self, outcome: str) -> None:
        if self.busy:
            return
        names = [item.text() for r in range(self.docs.rowCount()) if (item := self.docs.item(r, 0)) is not None]
        dialog = OutcomeDialog(outcome, names, self)
        dialog.accepted.connect(lambda: self.submit(outcome, dialog.reason_text(), dialog.missing_documents()))
        dialog.finished.connect(lambda _r: self.activateWindow())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @property
    def busy(self) -> bool:
        return self.ops.busy

    def submit(self, outcome: str, reason: str = "", missing: list[str] | None = None) -> None:
        if self.busy:
            return
        refused = self.tr("Hồ sơ chưa được ghi: hãy sửa các ô báo đỏ.")
        try:
            intake = self.intake()
        except DeskError as e:
            self.ops.show_error(e, label="intake", refused_text=refused)
            return
        fee: FeePlan | None = None
        if outcome == lc.RECEIVED:
            try:
                fee = self.fee_panel.plan()  # checked before anything is written
            except DeskError as e:
                self.ops.show_error(e, label="intake fee", refused_text=refused)
                return
        officer = self.ctx.officer_id
        desk = self.ctx.desk

        def work() -> tuple[dict[str, Any], dict[str, Any] | None, DeskError | None]:
            dossier = desk.dossiers.receive(intake, officer, outcome=outcome, reason=reason,
                                            missing_documents=missing or ())
            if fee is None:
                return dossier, None, None
            try:
                return dossier, fee.apply(desk, dossier, officer), None
            except DeskError as e:  # the dossier stays recorded; the page says why no receipt was made
                return dossier, None, e

        self.ops.run(work, self._received, label=f"intake {outcome}",
                     busy=(self.receive_button, self.supplement_button, self.refuse_button),
                     busy_text=self.tr("Đang ghi hồ sơ…"), refused_text=refused)

    def _received(self, result: tuple[dict[str, Any], dict[str, Any] | None, DeskError | None]) -> None:
        dossier, fee_result, fee_error = result
        code = dossier["code"]
        status = dossier["status"]
        if status == lc.RECEIVED:
            text = self.tr("Đã tiếp nhận hồ sơ {0} của {1}. Hẹn trả: {2}.").format(
                code, dossier["applicant_name"], fmt_moment(dossier["due_at"]))
            kind, form_title = "slip", self.tr("Giấy tiếp nhận và hẹn trả kết quả {0}").format(code)
        elif status == lc.SUPPLEMENT_REQUESTED:
            text = self.tr("Đã ghi yêu cầu bổ sung hồ sơ {0} (mẫu 02).").format(code)
            kind, form_title = "supplement", self.tr("Phiếu yêu cầu bổ sung {0}").format(code)
        else:
            text = self.tr("Đã ghi từ chối tiếp nhận hồ sơ {0} (mẫu 03).").format(code)
            kind, form_title = "refusal", self.tr("Phiếu từ chối {0}").format(code)
        self.banner.show_message(text, "ok")
        self.clear(keep_banner=True)
        self.dossier_received.emit(dossier)
        self.ctx.dossier_changed.emit(dossier)
        text, tone = fee_outcome_text(fee_result, fee_error)
        self.fee_banner.show_message(text, tone)
        receipt = fee_result.get("receipt") if fee_result else None
        if receipt:
            self.fee_panel.receipt_issued.emit(receipt)
        # The receipt follows the slip at the printer, never interleaved with it.
        self.print_form(kind, code, form_title, on_finished=(
            (lambda _job: self.fee_panel.print_receipt(receipt, self.fee_banner)) if receipt else None))

    def print_form(self, kind: str, code: str, title: str, on_finished: Callable[[PrintJob], None] | None = None) -> None:
        self.last_job = self.ops.print_form(kind, code, title, banner=self.print_banner, on_finished=on_finished)

    def clear(self, keep_banner: bool = False) -> None:
        for edit in self.inputs.values():
            edit.clear()
        self.gender.setCurrentIndex(0)
        self._old_id = ""
        self.applicant_type.setCurrentIndex(0)
        self.channel.setCurrentIndex(0)
        self.submitter_name.clear()
        self.submitter_id.clear()
        self.sets.setValue(1)
        self.return_place.setCurrentIndex(0)
        self.note.clear()
        self.procedure = None
        self.fee_panel.clear()
        self.procedure_label.setText(self.tr("Chưa chọn thủ tục."))
        self.docs.setRowCount(0)
        self.search.clear()
        self.run_search()
        self.refresh_due()
        self.returning.hide()
        self.ops.fields.clear()
        self.general_error.show_message("")
        if not keep_banner:
            self.banner.show_message("")
            self.fee_banner.show_message("")
        self.inputs["id_number"].setFocus()

