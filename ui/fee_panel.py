"""The fee on the intake page: the amount due as the officer fills pages and copies in, an exemption
with its reason, the payment method, and — once the dossier is received — the receipt issued and
printed (or the exemption recorded) right after the slip.

The amount is computed by desk (desk/fees/schedule.py) from the rule read when the procedure is
picked; the rule is a small indexed read like the catalogue's, the computation pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desk.errors import DeskError, ValidationError
from desk.fees.money import group
from desk.fees.receipts import METHODS, ReceiptInput, receipt_label
from desk.fees.schedule import OTHER_EXEMPTION, FeeRule, Quote
from desk.fees.schedule import quote as quote_fee
from desk.fees.words import amount_words
from desk.services import Desk
from ui.common import ErrorLabel, set_style_state
from ui.context import DeskContext
from ui.operations import Operations

FIELDS = ("pages", "copies", "exemption_reason", "amount")


@dataclass
class FeePlan:
    """What to do with the fee once the dossier is recorded (on the worker, after the receive)."""

    rule: FeeRule
    pages: int | None
    copies: int
    method: str
    exemption: str | None = None
    reason: str = ""

    def apply(self, desk: Desk, dossier: dict[str, Any], officer_id: str) -> dict[str, Any]:
        fees = desk.fees.receipts
        if self.exemption:
            row = fees.exempt(str(dossier["id"]), self.exemption, self.reason, officer_id, fee_code=self.rule.fee_code,
                              pages=self.pages, copies=self.copies)
            return {"exempted": row}
        receipt = fees.issue(ReceiptInput(dossier_ref=str(dossier["id"]), fee_code=self.rule.fee_code, pages=self.pages,
                                          copies=self.copies, method=self.method), officer_id)
        return {"receipt": receipt}


class FeePanel(QGroupBox):
    receipt_issued = Signal(dict)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Phí, lệ phí"), parent)
        self.ctx = ctx
        self.setObjectName("feePanel")
        self.rules: list[FeeRule] = []
        self.current: Quote | None = None
        # Under the applicant, in the intake page's left column: the right column has no height to spare
        # on a 1366×768 screen.
        grid = QGridLayout(self)
        grid.setVerticalSpacing(3)
        grid.setContentsMargins(8, 4, 8, 4)
        self.fee = QComboBox()
        self.fee.setObjectName("feeRule")
        # Long fee names and legal bases must not widen the page.
        self.fee.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.fee.setMinimumContentsLength(20)
        self.fee.currentIndexChanged.connect(lambda _i: self._rule_changed())
        self.amount = QLabel()
        self.amount.setObjectName("feeAmount")
        self.amount.setWordWrap(True)
        self.pages_label = QLabel(self.tr("Số trang"))
        self.pages = QSpinBox()
        self.pages.setObjectName("feePages")
        self.pages.setRange(0, 10_000)
        self.pages.setSpecialValueText("—")
        self.copies_label = QLabel(self.tr("Số bản"))
        self.copies = QSpinBox()
        self.copies.setObjectName("feeCopies")
        self.copies.setRange(1, 999)
        self.method = QComboBox()
        self.method.setObjectName("feeMethod")
        for key, label in (("cash", self.tr("Tiền mặt")), ("transfer", self.tr("Chuyển khoản"))):
            assert key in METHODS
            self.method.addItem(label, key)
        self.exemption = QComboBox()
        self.exemption.setObjectName("feeExemption")
        self.exemption.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.exemption.setMinimumContentsLength(10)
        self.exemption.setToolTip(self.tr("Miễn thu: trường hợp được miễn và lý do"))
        self.exemption.currentIndexChanged.connect(lambda _i: self._exemption_changed())
        self.reason = QLineEdit()
        self.reason.setObjectName("feeExemptionReason")
        self.reason.setPlaceholderText(self.tr("Lý do miễn, giấy tờ chứng minh"))
        self.collect = QCheckBox(self.tr("Thu tiền, in biên lai"))
        self.collect.setObjectName("feeCollect")
        self.collect.setToolTip(self.tr("Lập và in biên lai ngay khi tiếp nhận hồ sơ"))
        self.collect.setChecked(True)
        grid.addWidget(self.fee, 0, 0, 1, 4)
        grid.addWidget(self.pages_label, 1, 0)
        grid.addWidget(self.pages, 1, 1)
        grid.addWidget(self.copies_label, 1, 2)
        grid.addWidget(self.copies, 1, 3)
        grid.addWidget(self.method, 2, 0, 1, 2)
        grid.addWidget(self.collect, 2, 2, 1, 2)
        grid.addWidget(self.exemption, 3, 0, 1, 2)
        grid.addWidget(self.reason, 3, 2, 1, 2)
        grid.addWidget(self.amount, 4, 0, 1, 4)
        self.errors = {name: ErrorLabel() for name in FIELDS}
        for i, name in enumerate(FIELDS):
            grid.addWidget(self.errors[name], 5 + i, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for spin in (self.pages, self.copies):
            spin.valueChanged.connect(lambda _v: self.refresh())
        self.reason.textChanged.connect(lambda _t: self.refresh())
        self.clear()

    def field_widgets(self) -> dict[str, tuple[ErrorLabel, QWidget]]:
        """For the page's Fields: a desk message about the fee lands under the right input."""
        return {"pages": (self.errors["pages"], self.pages), "copies": (self.errors["copies"], self.copies),
                "exemption_reason": (self.errors["exemption_reason"], self.reason),
                "exemption": (self.errors["exemption_reason"], self.exemption),
                "amount": (self.errors["amount"], self.fee), "method": (self.errors["amount"], self.method)}

    # --- the procedure's fee --------------------------------------------------------------------
    def set_procedure(self, code: str | None) -> None:
        self.rules = self.ctx.desk.fees.schedule.rules(code) if code else []
        self.fee.blockSignals(True)
        self.fee.clear()
        for r in self.rules:
            flag = "" if r.confirmed else self.tr(" (mức chưa xác nhận)")
            self.fee.addItem(f"{r.name}: {r.describe_vi()}{flag}", r.fee_code)
            self.fee.setItemData(self.fee.count() - 1, r.basis, 3)  # tooltip: the legal basis
        self.fee.blockSignals(False)
        self.pages.setValue(0)
        self.copies.setValue(1)
        self.reason.clear()
        self.setVisible(bool(self.rules))
        self._rule_changed()

    def clear(self) -> None:
        self.set_procedure(None)
        self.method.setCurrentIndex(0)
        self.collect.setChecked(True)
        for label in self.errors.values():
            label.show_message("")

    @property
    def rule(self) -> FeeRule | None:
        index = self.fee.currentIndex()
        return self.rules[index] if 0 <= index < len(self.rules) else None

    def _rule_changed(self) -> None:
        rule = self.rule
        self.exemption.blockSignals(True)
        self.exemption.clear()
        self.exemption.addItem(self.tr("Không miễn thu"), "")
        if rule is not None:
            for e in rule.exemptions:
                self.exemption.addItem(e.label, e.code)
                self.exemption.setItemData(self.exemption.count() - 1, e.basis, 3)
            if rule.method != "free":
                self.exemption.addItem(self.tr("Trường hợp khác (ghi lý do)"), OTHER_EXEMPTION)
        self.exemption.blockSignals(False)
        uses_pages = bool(rule and rule.uses_pages)
        uses_copies = bool(rule and rule.uses_copies)
        self.pages_label.setVisible(uses_pages)
        self.pages.setVisible(uses_pages)
        self.copies_label.setVisible(uses_copies)
        self.copies.setVisible(uses_copies)
        if rule is not None and rule.method == "per_copy":
            self.copies_label.setText(self.tr("Số {0}").format(rule.unit or self.tr("bản")))
        else:
            self.copies_label.setText(self.tr("Số bản"))
        self.fee.setToolTip(rule.basis if rule else "")
        self._exemption_changed()

    def _exemption_changed(self) -> None:
        exempt = bool(self.exemption.currentData())
        self.reason.setVisible(exempt)
        self.collect.setVisible(not exempt)  # an exempted payer gets no receipt
        self.refresh()

    # --- the amount, live -----------------------------------------------------------------------
    def refresh(self) -> None:
        rule = self.rule
        self.current = None
        self.errors["amount"].show_message("")
        if rule is None:
            self.amount.setText("")
            return
        exemption = str(self.exemption.currentData() or "") or None
        try:
            q = quote_fee(rule, pages=self.pages.value() or None, copies=self.copies.value(), exemption=exemption,
                          reason=self.reason.text() or (self.exemption.currentText() if exemption and
                                                        exemption != OTHER_EXEMPTION else ""))
        except ValidationError as e:
            short = {"pages": self.tr("Nhập số trang để tính"), "exemption_reason": self.tr("Ghi lý do miễn")}
            self.amount.setText(short.get(e.field, self.tr("Chưa thu được")))
            self.amount.setToolTip(e.message_vi)
            if e.field == "amount":  # a province amount nobody declared: say who must act
                self.errors["amount"].show_message(e.message_vi)
            set_style_state(self.amount, "warn", True)
            self.collect.setEnabled(False)
            return
        self.current = q
        set_style_state(self.amount, "warn", False)
        if q.exempt:
            text = self.tr("Miễn thu")
        elif q.amount == 0:
            text = self.tr("Không phải nộp tiền")
        else:
            text = self.tr("Phải nộp: {0} đồng ({1})").format(group(q.amount),
                                                              amount_words(q.amount))
        self.amount.setText(text)
        self.amount.setToolTip(q.detail)
        self.collect.setEnabled(q.amount > 0)

    # --- after the intake -----------------------------------------------------------------------
    def plan(self) -> FeePlan | None:
        """What the intake should do about the fee, checked now (nothing is written): a receipt, an
        exemption, or nothing. Raises a ValidationError naming the fee field to fix."""
        rule = self.rule
        if rule is None or rule.method == "free":
            return None
        exemption = str(self.exemption.currentData() or "") or None
        if exemption:
            q = quote_fee(rule, pages=self.pages.value() or None, copies=self.copies.value(), exemption=exemption,
                          reason=self.reason.text())
            return FeePlan(rule, q.pages, q.copies, str(self.method.currentData()), exemption, self.reason.text())
        if not self.collect.isChecked():
            return None
        if not rule.declared:
            # A province amount nobody declared must not hold up the dossier: it is received, and the
            # page says why no receipt was made (the receipt's own check gives the message).
            return FeePlan(rule, None, self.copies.value(), str(self.method.currentData()))
        q = quote_fee(rule, pages=self.pages.value() or None, copies=self.copies.value())
        if q.amount <= 0:
            return None
        return FeePlan(rule, q.pages, q.copies, str(self.method.currentData()))

    def print_receipt(self, receipt: dict[str, Any], banner: Any) -> None:
        print_receipt(self.ctx.operations(self, banner=banner), receipt, banner)


def print_receipt(ops: Operations, receipt: dict[str, Any], banner: Any,
                  on_finished: Callable[[Any], None] | None = None) -> None:
    """Print a receipt (two copies) through a page's print path, reported in `banner`; a receipt
    printed before comes out marked as a copy (desk/forms/fees.py)."""
    assert ops.ctx is not None
    desk, officer = ops.ctx.desk, ops.ctx.officer_id
    receipt_id = str(receipt["id"])

    def render() -> Any:
        from desk.forms.fees import FeeForms, receipt_paper

        paper = receipt_paper(str(desk.settings.get("print.paper")))
        return FeeForms(desk).receipt(receipt_id, paper=paper, officer_id=officer)

    title = QCoreApplication.translate("FeePanel", "Biên lai {0}").format(receipt_label(receipt))
    ops.print_form("receipt", receipt_label(receipt), title, banner=banner, render=render, on_finished=on_finished,
                   quiet=True)


def fee_outcome_text(result: dict[str, Any] | None, error: DeskError | None) -> tuple[str, str]:
    """The line the intake page shows about the fee, and its kind (ok / error)."""
    if error is not None:
        return QCoreApplication.translate("FeePanel", "Hồ sơ đã được ghi, nhưng chưa thu được phí: {0}").format(
            error.message_vi), "error"
    if result and result.get("receipt"):
        r = result["receipt"]
        return QCoreApplication.translate("FeePanel", "Đã lập biên lai {0}: {1} đồng.").format(
            receipt_label(r), group(int(r["amount"]))), "ok"
    if result and result.get("exempted"):
        return QCoreApplication.translate("FeePanel", "Đã ghi miễn thu: {0}.").format(result["exempted"]["reason"]), "ok"
    return "", "info"
