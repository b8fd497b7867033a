"""The "Tiếp công dân" page: a reception session (one citizen or a group) and the petition it brings, the
petitions of the period with their deadlines (overdue ones stand out), their steps, the period's figures
in the seeds' sentence and both registers — all from the keyboard.

Keys: Ctrl+Enter records the session (and its petition when a kind is chosen); in the list, Ctrl+T thụ lý,
Ctrl+G gia hạn, Ctrl+K giải quyết xong, Ctrl+H chuyển đơn / hướng dẫn, Ctrl+L không thụ lý. A card scanned
while this page is open fills the citizen, and a returning citizen's contact comes from their last visit,
as at intake. Every desk call runs off the GUI thread (ui/operations.py); what the lists show is masked
by the desk for a role that may not see a denouncer (desk/petitions/privacy.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.citizen_id import parse_card_qr
from desk.errors import ValidationError
from desk.intake import ApplicantInput
from desk.petitions import rules
from desk.petitions.papers import PetitionPapers
from desk.petitions.service import ActInput, PetitionInput, ReceptionInput
from ui.common import ErrorLabel, message_of
from ui.context import DeskContext
from ui.widgets import Banner

ACTION_KEYS = (("accept", "Ctrl+T"), ("extend", "Ctrl+G"), ("resolve", "Ctrl+K"), ("forward", "Ctrl+H"),
               ("not_accept", "Ctrl+L"))


def _day(text: str) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError("period", f"Ngày «{text[:20]}» không đúng dạng (ví dụ 23/11/2026).")


class ActDialog(QDialog):
    """The fields one step needs: who handles it, the days and written decision of an extension, the
    result, the competent body, a reason."""

    def __init__(self, action: str, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PetitionActDialog")
        self.action = action
        titles = {"accept": self.tr("Thụ lý đơn {0}"), "extend": self.tr("Gia hạn giải quyết đơn {0}"),
                  "resolve": self.tr("Kết quả giải quyết đơn {0}"),
                  "forward": self.tr("Chuyển đơn / hướng dẫn: đơn {0}"),
                  "not_accept": self.tr("Không thụ lý đơn {0}")}
        self.setWindowTitle(titles[action].format(ref))
        self.setMinimumWidth(540)
        form = QFormLayout(self)
        self.at = QLineEdit()
        self.at.setObjectName("actAt")
        self.at.setPlaceholderText(self.tr("để trống: bây giờ; hoặc 23/11/2026 09:30"))
        self.handler = QLineEdit()
        self.handler.setObjectName("actHandler")
        self.days = QSpinBox()
        self.days.setObjectName("actDays")
        self.days.setRange(1, 30)
        self.days.setValue(30)
        self.decision = QLineEdit()
        self.decision.setObjectName("actDecision")
        self.body = QLineEdit()
        self.body.setObjectName("actBody")
        self.guided = QCheckBox(self.tr("Đã hướng dẫn công dân đến (không chuyển đơn)"))
        self.note = QLineEdit()
        self.note.setObjectName("actNote")
        first: QWidget
        if action == "accept":
            form.addRow(self.tr("Người giải quyết"), self.handler)
            first = self.handler
        elif action == "extend":
            form.addRow(self.tr("Số ngày gia hạn"), self.days)
            form.addRow(self.tr("Quyết định gia hạn (số, ngày)"), self.decision)
            first = self.days
        elif action == "forward":
            form.addRow(self.tr("Cơ quan có thẩm quyền"), self.body)
            form.addRow("", self.guided)
            first = self.body
        else:
            form.addRow(self.tr("Kết quả") if action == "resolve" else self.tr("Lý do"), self.note)
            first = self.note
        form.addRow(self.tr("Ngày thực hiện"), self.at)
        self.error = ErrorLabel()
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Không ghi (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        ok = buttons.addButton(self.tr("Ghi (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        first.setFocus()

    def data(self) -> ActInput:
        return ActInput(at=self.at.text().strip() or None, handler=self.handler.text(), note=self.note.text(),
                        body=self.body.text(), guided=self.guided.isChecked(), days=self.days.value(),
                        decision=self.decision.text())


class ReceptionPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReceptionPage")
        self._rows: list[dict[str, Any]] = []
        self.dialog: ActDialog | None = None
        # Spelled out here so the translation tool sees them (desk.petitions.rules has the same words).
        self.kind_labels = {rules.KHIEU_NAI: self.tr("Khiếu nại"), rules.TO_CAO: self.tr("Tố cáo"),
                            rules.TRANH_CHAP: self.tr("Tranh chấp"), rules.KIEN_NGHI: self.tr("Kiến nghị, phản ánh")}
        self.status_labels = {rules.RECEIVED: self.tr("Đã nhận"), rules.HANDLING: self.tr("Đang giải quyết"),
                              rules.RESOLVED: self.tr("Đã giải quyết"), rules.FORWARDED: self.tr("Đã chuyển / hướng dẫn"),
                              rules.WITHDRAWN: self.tr("Đã rút"), rules.NOT_ACCEPTED: self.tr("Không thụ lý")}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        title = QLabel(self.tr("Tiếp công dân, đơn thư"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        self.banner = Banner()
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        # --- the session and its petition ------------------------------------------------------------
        left_box = QWidget()
        left_box.setMaximumWidth(420)  # the list beside it needs the room for names
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        body.addWidget(left_box)
        form = QFormLayout()
        left.addLayout(form)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.ops = ctx.operations(self, banner=self.banner)
        self.list_ops = ctx.operations(self, banner=self.banner)  # a list refresh never blocks a record
        for key, label in (("id_number", self.tr("Số định danh (CCCD)")), ("full_name", self.tr("Họ tên")),
                           ("address", self.tr("Địa chỉ")), ("phone", self.tr("Điện thoại"))):
            edit = QLineEdit()
            edit.setObjectName(f"rec_{key}")
            self.inputs[key] = edit
            form.addRow(label, self._with_error(key, edit))
        self.inputs["id_number"].editingFinished.connect(self._lookup_returning)
        self.returning = QLabel()
        self.returning.setObjectName("returningCitizen")
        self.returning.hide()
        form.addRow(self.returning)
        self.headcount = QSpinBox()
        self.headcount.setObjectName("rec_headcount")
        self.headcount.setRange(1, 10000)
        self.headcount.valueChanged.connect(self._group_hint)
        self.group_label = QLabel()
        self.group_label.setObjectName("groupFlag")
        row = QHBoxLayout()
        row.addWidget(self.headcount)
        row.addWidget(self.group_label, 1)
        form.addRow(self.tr("Số người"), self._with_error("headcount", self._box(row)))
        self.chairman = QCheckBox(self.tr("Chủ tịch UBND tiếp (ngày tiếp định kỳ)"))
        self.chairman.setObjectName("rec_chairman")
        form.addRow("", self.chairman)
        self.content = QPlainTextEdit()
        self.content.setObjectName("rec_content")
        self.content.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
        self.content.setFixedHeight(90)
        form.addRow(self.tr("Nội dung"), self._with_error("content", self.content))
        self.kind = QComboBox()
        self.kind.setObjectName("rec_kind")
        self.kind.addItem(self.tr("(Không nhận đơn)"), "")
        for k in rules.KINDS:
            self.kind.addItem(self.kind_labels[k], k)
        form.addRow(self.tr("Nhận đơn"), self._with_error("kind", self.kind))
        self.same_as = QLineEdit()
        self.same_as.setObjectName("rec_same_as")
        self.same_as.setPlaceholderText(self.tr("mã đơn đã nhận cùng nội dung (nếu có)"))
        form.addRow(self.tr("Cùng nội dung với"), self._with_error("link_to", self.same_as))
        self.save_button = QPushButton(self.tr("Ghi (Ctrl+Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        left.addWidget(self.save_button)
        left.addStretch(1)

        # --- the petitions of the period ---------------------------------------------------------------
        right = QVBoxLayout()
        body.addLayout(right, 1)
        period = QHBoxLayout()
        today = ctx.desk.store.clock().date()
        self.date_from = QLineEdit(today.replace(day=1).strftime("%d/%m/%Y"))
        self.date_from.setObjectName("periodFrom")
        self.date_to = QLineEdit(today.strftime("%d/%m/%Y"))
        self.date_to.setObjectName("periodTo")
        for w in (self.date_from, self.date_to):
            w.setMaximumWidth(110)
            w.returnPressed.connect(self.refresh)
        period.addWidget(QLabel(self.tr("Từ ngày")))
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("đến")))
        period.addWidget(self.date_to)
        period.addStretch(1)
        right.addLayout(period)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("petitionList")
        self.table.setHorizontalHeaderLabels([self.tr("Mã đơn"), self.tr("Loại"), self.tr("Người đứng đơn"),
                                              self.tr("Ngày nhận"), self.tr("Hạn"), self.tr("Trạng thái")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(300)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        right.addWidget(self.table, 1)
        buttons = QGridLayout()  # two rows: the page must fit a 1366-pixel screen beside the navigation
        labels = {"accept": self.tr("Thụ lý"), "extend": self.tr("Gia hạn"), "resolve": self.tr("Giải quyết xong"),
                  "forward": self.tr("Chuyển / hướng dẫn"), "not_accept": self.tr("Không thụ lý")}
        self.action_buttons: dict[str, QPushButton] = {}
        for action, key in ACTION_KEYS:
            button = QPushButton(f"{labels[action]} ({key})")
            button.setObjectName(f"act_{action}")
            button.clicked.connect(lambda _c=False, a=action: self.act(a))
            buttons.addWidget(button, len(self.action_buttons) // 3, len(self.action_buttons) % 3)
            self.action_buttons[action] = button
            self._shortcut(key, lambda a=action: self.act(a))
        right.addLayout(buttons)
        self.figures = QLabel()
        self.figures.setObjectName("petitionFigures")
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.figures)
        prints = QHBoxLayout()
        self.print_reception = QPushButton(self.tr("In Sổ tiếp công dân"))
        self.print_reception.clicked.connect(lambda: self.print_register("reception"))
        self.print_petitions = QPushButton(self.tr("In Sổ theo dõi xử lý đơn"))
        self.print_petitions.clicked.connect(lambda: self.print_register("petitions"))
        prints.addWidget(self.print_reception)
        prints.addWidget(self.print_petitions)
        prints.addStretch(1)
        right.addLayout(prints)
        self._shortcut("Ctrl+Return", self.save)
        self._shortcut("Ctrl+Enter", self.save)
        self._group_hint()

    def _shortcut(self, key: str, slot: Any) -> None:
        # This page's keys only while it is the page shown (intake has the same Ctrl+Enter).
        sc = QShortcut(QKeySequence(key), self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(slot)

    # --- layout helpers -----------------------------------------------------------------------------
    def _with_error(self, key: str, widget: QWidget) -> QWidget:
        error = self.ops.fields.add(key, ErrorLabel(), widget)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        lay.addWidget(error)
        self.errors[key] = error
        return box

    @staticmethod
    def _box(layout: QHBoxLayout) -> QWidget:
        w = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        w.setLayout(layout)
        return w

    def _group_hint(self) -> None:
        n = self.headcount.value()
        self.group_label.setText(self.tr("Đoàn đông người") if n >= rules.GROUP_FROM else "")

    def activate(self) -> None:
        self.inputs["id_number"].setFocus()
        self.refresh()

    # --- the citizen ----------------------------------------------------------------------------------
    def fill_from_card(self, text: str) -> bool:
        try:
            card = parse_card_qr(text, today=self.ctx.desk.store.clock().date())
        except ValidationError as e:
            self.banner.show_message(self.tr("Không đọc được mã QR trên thẻ: {0}").format(message_of(e)), "error")
            return False
        data = card.as_dict()
        for key in ("id_number", "full_name", "address"):
            self.inputs[key].setText(data[key])
            self.inputs[key].setCursorPosition(0)
        self.inputs["phone"].clear()
        self._lookup_returning()
        self.banner.show_message(self.tr("Đã đọc thẻ căn cước của {0}. Hãy đối chiếu với thẻ.").format(
            card.full_name), "ok")
        self.content.setFocus()
        return True

    def _lookup_returning(self) -> None:
        """The same returning-citizen lookup as intake (the citizens the desk already knows)."""
        number = self.inputs["id_number"].text().strip()
        citizen = self.ctx.desk.dossiers.returning_citizen(number) if len(number) == 12 and number.isdigit() \
            else None
        if citizen is None:
            self.returning.hide()
            return
        for key in ("full_name", "address", "phone"):
            if not self.inputs[key].text() and citizen.get(key):
                self.inputs[key].setText(str(citizen[key]))
        self.returning.setText(self.tr("Công dân đã đến đây trước đó; thông tin liên hệ lấy từ lần trước."))
        self.returning.show()

    # --- recording ------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.ops.busy:
            return
        svc, officer = self.ctx.desk.petitions, self.ctx.officer_id
        person = ApplicantInput(full_name=self.inputs["full_name"].text(), id_number=self.inputs["id_number"].text(),
                                address=self.inputs["address"].text(), phone=self.inputs["phone"].text())
        reception = ReceptionInput(citizen=person, content=self.content.toPlainText(),
                                   headcount=self.headcount.value(),
                                   receiver_kind="chairman" if self.chairman.isChecked() else "officer")
        kind = str(self.kind.currentData() or "")
        same_as = self.same_as.text().strip()

        def work() -> tuple[dict[str, Any], dict[str, Any] | None]:
            wanted = PetitionInput(kind=kind, petitioner=person, content=reception.content, link_to=same_as) \
                if kind else None
            if wanted is not None:
                svc.check(wanted)  # before the session is recorded: a refusal leaves nothing half done
            rec = svc.record_reception(reception, actor=officer)
            petition = None
            if wanted is not None:
                wanted.reception_id = str(rec["id"])
                petition = svc.add(wanted, actor=officer)
            return rec, petition

        self.ops.run(work, self._saved, label="reception record", busy=[self.save_button])

    def _saved(self, result: tuple[dict[str, Any], dict[str, Any] | None]) -> None:
        rec, petition = result
        text = self.tr("Đã ghi lượt tiếp {0}").format(rec["ref"])
        if petition is not None:
            text += self.tr("; nhận đơn {0}, quyết định thụ lý trước {1}").format(
                petition["ref"], datetime.fromisoformat(petition["classify_due"]).strftime("%d/%m/%Y"))
        self.banner.show_message(text + ".", "ok")
        for edit in self.inputs.values():
            edit.clear()
        self.content.clear()
        self.same_as.clear()
        self.headcount.setValue(1)
        self.chairman.setChecked(False)
        self.kind.setCurrentIndex(0)
        self.returning.hide()
        self.inputs["id_number"].setFocus()
        self.refresh()

    # --- the list and its steps --------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return _day(self.date_from.text()), _day(self.date_to.text())

    def refresh(self) -> None:
        try:
            lo, hi = self.period()
        except ValidationError as e:
            self.ops.show_error(e, label="petition list")
            return
        svc, officer = self.ctx.desk.petitions, self.ctx.officer_id

        def work() -> tuple[list[dict[str, Any]], str]:
            figures = svc.figures(lo, hi)
            return svc.petitions(lo, hi, actor=officer), f"{figures.sentence()}.\n{figures.receptions_sentence()}"

        self.list_ops.run(work, self._show, label="petition list", log_done=False)

    def _show(self, result: tuple[list[dict[str, Any]], str]) -> None:
        rows, figures = result
        keep = self.selected_ref()
        self._rows = rows
        now = self.ctx.desk.store.clock()
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            overdue = rules.is_overdue(r, now)
            due = rules.current_due(r)
            status = self.status_labels[r["status"]]
            if overdue:
                status = self.tr("QUÁ HẠN — {0}").format(status)
            values = (r["ref"], self.kind_labels[r["kind"]], r["petitioner_name"],
                      datetime.fromisoformat(r["received_at"]).strftime("%d/%m/%Y"),
                      datetime.fromisoformat(due).strftime("%d/%m/%Y") if due else "", status)
            for j, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                if overdue:
                    item.setForeground(QBrush(QColor("#b00020")))
                self.table.setItem(i, j, item)
            if r["ref"] == keep:
                self.table.selectRow(i)
        self.figures.setText(figures)

    def selected_ref(self) -> str | None:
        row = self.table.currentRow()
        return str(self._rows[row]["ref"]) if 0 <= row < len(self._rows) else None

    def select(self, ref: str) -> None:
        for i, r in enumerate(self._rows):
            if r["ref"] == ref:
                self.table.selectRow(i)
                self.table.setFocus()
                return

    def act(self, action: str) -> None:
        ref = self.selected_ref()
        if ref is None:
            self.banner.show_message(self.tr("Chọn một đơn trong danh sách trước."), "error")
            return
        self.dialog = ActDialog(action, ref, self)
        self.dialog.accepted.connect(lambda: self._act(ref, action))
        self.dialog.open()

    def _act(self, ref: str, action: str) -> None:
        assert self.dialog is not None
        data = self.dialog.data()
        svc, officer = self.ctx.desk.petitions, self.ctx.officer_id

        def done(row: dict[str, Any]) -> None:
            self.banner.show_message(self.tr("Đơn {0}: {1}.").format(
                row["ref"], self.status_labels[row["status"]]), "ok")
            self.refresh()

        self.ops.run(lambda: svc.act(ref, action, data, actor=officer), done, label=f"petition {action}")

    # --- registers ------------------------------------------------------------------------------------
    def print_register(self, book: str) -> None:
        try:
            lo, hi = self.period()
        except ValidationError as e:
            self.ops.show_error(e, label="petition register")
            return
        papers = PetitionPapers(self.ctx.desk)
        officer = self.ctx.officer_id
        if book == "reception":
            self.ctx.print_queue.submit(self.tr("Sổ tiếp công dân"),
                                        lambda: papers.reception_register(lo, hi, officer_id=officer), None)
        else:
            self.ctx.print_queue.submit(self.tr("Sổ theo dõi xử lý đơn"),
                                        lambda: papers.petition_register(lo, hi, officer_id=officer), None)
