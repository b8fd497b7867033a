"""The till page ("Thu phí"): the officer's receipts not yet handed over, a reprint (marked as a copy),
cancelling a spoilt receipt with its reason, and the till's close — the cash counted against the cash
expected, the difference explained — which prints the hand-over list (bảng kê biên lai).

The close is also a step of the day close on the sync page: `prepare_day_close` asks for the counted
cash first and hands the close to the day close, which runs it before reconciling with the district.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError
from desk.fees.money import group, vnd
from desk.fees.receipts import receipt_label
from desk.fees.till import OpenTillNote, TillDayStep, TillSummary, check_counted
from desk.fees.words import amount_words
from ui.common import ErrorLabel, fmt_moment, message_of
from ui.context import DeskContext
from ui.fee_panel import print_receipt
from ui.widgets import Banner

Steps = Sequence[Callable[[], str]]


class CancelDialog(QDialog):
    """The reason a receipt is cancelled (required: it is printed on the hand-over list)."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CancelReceiptDialog")
        self.setWindowTitle(self.tr("Hủy biên lai {0}").format(label))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Biên lai giữ nguyên số và được ghi là đã hủy. Lý do hủy (bắt buộc):")))
        self.reason = QLineEdit()
        self.reason.setObjectName("cancelReason")
        layout.addWidget(self.reason)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Không hủy (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        ok = buttons.addButton(self.tr("Hủy biên lai (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.returnPressed.connect(self._accept)
        self.reason.setFocus()

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.error.show_message(self.tr("Ghi lý do hủy biên lai."))
            return
        self.accept()


class TillCloseDialog(QDialog):
    """Counted cash and, when it differs from what is expected, the explanation."""

    def __init__(self, summary: TillSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setObjectName("TillCloseDialog")
        self.setWindowTitle(self.tr("Chốt quầy thu — {0}").format(summary.officer_name))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        info = QLabel(summary.text_vi())
        info.setWordWrap(True)
        layout.addWidget(info)
        form = QFormLayout()
        expected = QLabel(f"<b>{vnd(summary.expected_cash)}</b> — {amount_words(summary.expected_cash)}")
        expected.setObjectName("expectedCash")
        form.addRow(self.tr("Tiền mặt phải nộp"), expected)
        self.counted = QLineEdit()
        self.counted.setObjectName("countedCash")
        self.counted.setPlaceholderText(self.tr("số tiền mặt đếm được, ví dụ 48.000"))
        self.counted_error = ErrorLabel()
        form.addRow(self.tr("Tiền mặt đếm được"), self.counted)
        form.addRow("", self.counted_error)
        self.difference = QLabel()
        self.difference.setObjectName("cashDifference")
        form.addRow(self.tr("Chênh lệch"), self.difference)
        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("explanation")
        self.explanation.setFixedHeight(64)
        self.explanation.setTabChangesFocus(True)
        self.explanation_error = ErrorLabel()
        form.addRow(self.tr("Giải trình chênh lệch"), self.explanation)
        form.addRow("", self.explanation_error)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Để sau (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        ok = buttons.addButton(self.tr("Chốt và in bảng kê (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("closeTill")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self._accept)
        self.counted.returnPressed.connect(self._accept)
        self.counted.textChanged.connect(self._show_difference)
        self.counted.setFocus()

    def _show_difference(self) -> None:
        try:
            amount, _ = check_counted(self.summary, self.counted.text(), "—")
        except DeskError:
            self.difference.setText("")
            return
        diff = amount - self.summary.expected_cash
        self.difference.setText(self.tr("không") if not diff else
                                self.tr("thiếu {0}").format(vnd(-diff)) if diff < 0 else
                                self.tr("thừa {0}").format(vnd(diff)))

    def values(self) -> tuple[str, str]:
        return self.counted.text(), self.explanation.toPlainText()

    def _accept(self) -> None:
        fields = {"counted": self.counted_error, "explanation": self.explanation_error}
        for label in fields.values():
            label.show_message("")
        try:
            check_counted(self.summary, *self.values())
        except DeskError as e:
            field = getattr(e, "field", "counted")
            fields.get(field, self.counted_error).show_message(message_of(e))
            (self.explanation if field == "explanation" else self.counted).setFocus()
            return
        self.accept()


class TillPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("TillPage")
        self.summary: TillSummary | None = None
        self.pending_step: TillDayStep | None = None
        self.last_close: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        title = QLabel(self.tr("Thu phí, lệ phí — quầy thu của tôi"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.print_banner = Banner()
        self.print_banner.setObjectName("printBanner")
        layout.addWidget(self.print_banner)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("tillSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("tillReceipts")
        self.table.setHorizontalHeaderLabels([self.tr("Biên lai"), self.tr("Thời gian"), self.tr("Người nộp"),
                                              self.tr("Khoản thu"), self.tr("Hình thức"), self.tr("Số tiền"),
                                              self.tr("Trạng thái")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("In lại biên lai (bản sao)"))
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.cancel_button = QPushButton(self.tr("Hủy biên lai…"))
        self.cancel_button.setObjectName("cancelReceipt")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.close_button = QPushButton(self.tr("Chốt quầy thu và in bảng kê…"))
        self.close_button.setObjectName("primary")
        self.close_button.clicked.connect(self.close_till)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.ops = ctx.operations(self, banner=self.banner)
        self.print_ops = ctx.operations(self, banner=self.print_banner)
        self._rows: list[dict[str, Any]] = []

    def activate(self) -> None:
        self.refresh()

    # --- the list -------------------------------------------------------------------------------
    def refresh(self, on_done: Callable[[], None] | None = None) -> None:
        till, officer = self.ctx.desk.fees.till, self.ctx.officer_id

        def shown(summary: Any) -> None:
            self._show(summary)
            if on_done is not None:
                on_done()

        self.ops.run(lambda: till.summary(officer), shown, label="till list", log_done=False)

    def _show(self, summary: TillSummary) -> None:
        self.summary = summary
        self._rows = summary.receipts
        self.table.setRowCount(len(self._rows))
        for i, r in enumerate(self._rows):
            cancelled = r["status"] == "cancelled"
            state = self.tr("Đã hủy: {0}").format(r["cancel_reason"]) if cancelled else self.tr("Đã thu")
            method = self.tr("Tiền mặt") if r["method"] == "cash" else self.tr("Chuyển khoản")
            values = (receipt_label(r), fmt_moment(r["issued_at"]), r["payer_name"], r["fee_name"],
                      "" if r["void"] else method, group(int(r["amount"])), state)
            for j, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                if j == 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        text = self.tr("Chưa chốt: {0}").format(summary.text_vi()) if summary.receipts else \
            self.tr("Không có biên lai nào chưa chốt.")
        if summary.gaps:
            text += " " + self.tr("Số biên lai chưa có trong dữ liệu: {0}.").format(", ".join(summary.gaps))
        self.summary_label.setText(text)
        self.close_button.setEnabled(bool(summary.receipts))

    def _selected(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        if 0 <= row < len(self._rows):
            return self._rows[row]
        self.banner.show_message(self.tr("Hãy chọn một biên lai trong danh sách."), "error")
        return None

    # --- actions --------------------------------------------------------------------------------
    def reprint_selected(self) -> None:
        r = self._selected()
        if r is None:
            return
        print_receipt(self.print_ops, r, self.print_banner)

    def cancel_selected(self) -> None:
        r = self._selected()
        if r is None:
            return
        if r["status"] == "cancelled":
            self.banner.show_message(self.tr("Biên lai {0} đã bị hủy.").format(receipt_label(r)), "error")
            return
        dialog = CancelDialog(receipt_label(r), self)
        receipts, officer, admin = self.ctx.desk.fees.receipts, self.ctx.officer_id, self.ctx.is_admin

        def chosen() -> None:
            reason = dialog.reason.text()
            self.ops.run(lambda: receipts.cancel(str(r["id"]), reason, officer, admin=admin),
                         lambda row: self.refresh(), label="receipt cancel", busy=(self.cancel_button,),
                         ok_text=self.tr("Đã hủy biên lai {0}.").format(receipt_label(r)))

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def ask_counted(self, then: Callable[[str, str], None]) -> None:
        """Open the counted-cash dialog over a fresh summary; `then(counted, explanation)` on accept."""

        def opened() -> None:
            assert self.summary is not None
            dialog = TillCloseDialog(self.summary, self)
            dialog.accepted.connect(lambda: then(*dialog.values()))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        self.refresh(opened)

    def close_till(self) -> None:
        till, officer = self.ctx.desk.fees.till, self.ctx.officer_id

        def counted(amount: str, explanation: str) -> None:
            self.ops.run(lambda: till.close(officer, amount, explanation), self._closed, label="till close",
                         busy=(self.close_button,))

        self.ask_counted(counted)

    def _closed(self, close: dict[str, Any]) -> None:
        self.last_close = close
        self.banner.show_message(self.tr("Đã chốt quầy thu: {0} biên lai, {1}.").format(
            close["issued_count"], vnd(int(close["total"]))), "ok")
        self.print_hand_over(close)
        self.refresh()

    def print_hand_over(self, close: dict[str, Any]) -> None:
        desk, officer, close_id = self.ctx.desk, self.ctx.officer_id, str(close["id"])

        def render() -> Any:
            from desk.forms.fees import FeeForms

            return FeeForms(desk).till(close_id, officer_id=officer)

        self.print_ops.print_form("till", close_id, self.tr("Bảng kê biên lai"), banner=self.print_banner,
                                  render=render)

    # --- the day close --------------------------------------------------------------------------
    def prepare_day_close(self, _day: date, proceed: Callable[[Steps], None]) -> None:
        """Called by the sync page's «Chốt sổ ngày»: with receipts still open, ask for the counted cash
        and hand the till's close to the day close; otherwise go on with a note of any other open till."""
        till, officer = self.ctx.desk.fees.till, self.ctx.officer_id
        self.pending_step = None

        def go() -> None:
            if not self.summary or not self.summary.receipts:
                proceed([OpenTillNote(till)])
                return
            dialog = TillCloseDialog(self.summary, self)

            def accepted() -> None:
                step = TillDayStep(till, officer, *dialog.values())
                self.pending_step = step
                proceed([step, OpenTillNote(till)])

            dialog.accepted.connect(accepted)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        self.refresh(go)

    def after_day_close(self, _report: object) -> None:
        """The day close ran: print the hand-over list of the till it closed."""
        step, self.pending_step = self.pending_step, None
        if step is not None and step.result is not None:
            self._closed(step.result)
        else:
            self.refresh()
