"""Return of results: scan the slip (or type the code), check the slip's tag, record who collected the
result and which originals went back, then ask the citizen's satisfaction with one key (1/2/3)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk import lifecycle as lc
from desk import timing
from desk.errors import DeskError
from ui.common import ErrorLabel, fmt_moment, message_of
from ui.context import DeskContext
from ui.i18n import status_label, timing_label
from ui.widgets import Banner

RATINGS = ("very_satisfied", "satisfied", "dissatisfied")


class RatingPanel(QFrame):
    """Three big choices, one key each; Esc skips (the citizen may decline)."""

    rated = Signal(str)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        question = QLabel(self.tr("Ông/Bà có hài lòng với việc giải quyết hồ sơ không? Bấm một phím:"))
        question.setObjectName("ratingQuestion")
        question.setWordWrap(True)
        layout.addWidget(question)
        row = QHBoxLayout()
        labels = (self.tr("1 — Rất hài lòng"), self.tr("2 — Hài lòng"), self.tr("3 — Không hài lòng"))
        self.buttons: list[QPushButton] = []
        for key, label in zip(RATINGS, labels, strict=True):
            b = QPushButton(label)
            b.setObjectName(f"rate_{key}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(56)
            b.clicked.connect(lambda _c=False, k=key: self.rated.emit(k))
            self.buttons.append(b)
            row.addWidget(b)
        layout.addLayout(row)
        skip = QLabel(self.tr("Esc — người dân không đánh giá"))
        skip.setObjectName("hint")
        layout.addWidget(skip)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2}
        if event.key() in keys:
            self.rated.emit(RATINGS[keys[event.key()]])  # type: ignore[index]
            return
        if event.key() == Qt.Key.Key_Escape:
            self.skipped.emit()
            return
        super().keyPressEvent(event)


class ReturnPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReturnPage")
        self.dossier: dict[str, Any] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        title = QLabel(self.tr("Trả kết quả"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("returnCode")
        self.code.setPlaceholderText(self.tr("Quét mã QR trên giấy hẹn, hoặc gõ mã hồ sơ / 4 số cuối rồi Enter"))
        self.code.returnPressed.connect(lambda: self.open_text(self.code.text(), scanned=False))
        row.addWidget(QLabel(self.tr("Mã hồ sơ")))
        row.addWidget(self.code, 1)
        outer.addLayout(row)
        self.verify = Banner()
        self.verify.setObjectName("verifyBanner")
        outer.addWidget(self.verify)
        self.banner = Banner()
        outer.addWidget(self.banner)

        self.summary = QLabel()
        self.summary.setObjectName("returnSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.summary)

        self.form_box = QGroupBox(self.tr("Giao kết quả"))
        form = QFormLayout(self.form_box)
        self.collected_by = QLineEdit()
        self.collected_by.setObjectName("collected_by")
        self.errors: dict[str, ErrorLabel] = {"collected_by": ErrorLabel(), "originals_returned": ErrorLabel()}
        form.addRow(self.tr("Người nhận kết quả"), self.collected_by)
        form.addRow("", self.errors["collected_by"])
        self.originals_box = QVBoxLayout()
        originals = QWidget()
        originals.setLayout(self.originals_box)
        form.addRow(self.tr("Bản chính trả lại"), originals)
        self.originals_other = QLineEdit()
        self.originals_other.setObjectName("originals_other")
        self.originals_other.setPlaceholderText(self.tr("Bản chính khác đã trả lại (nếu có)"))
        form.addRow("", self.originals_other)
        form.addRow("", self.errors["originals_returned"])
        self.return_button = QPushButton(self.tr("Trả kết quả (Ctrl+Enter)"))
        self.return_button.setObjectName("primary")
        self.return_button.clicked.connect(self.submit)
        form.addRow("", self.return_button)
        self.collected_by.returnPressed.connect(self.submit)
        self.originals_other.returnPressed.connect(self.submit)
        outer.addWidget(self.form_box)
        self.form_box.hide()
        self.original_checks: list[QCheckBox] = []

        self.ops = ctx.operations(self, banner=self.banner)
        self.ops.fields.add("collected_by", self.errors["collected_by"], self.collected_by)
        self.ops.fields.add("originals_returned", self.errors["originals_returned"], self.originals_other)

        self.rating = RatingPanel()
        self.rating.rated.connect(self.rate)
        self.rating.skipped.connect(self._skip_rating)
        self.rating.hide()
        outer.addWidget(self.rating)
        outer.addStretch(1)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.submit)

    def activate(self) -> None:
        if self.rating.isVisible():
            self.rating.setFocus()
        elif self.form_box.isVisible():
            self.collected_by.setFocus()
        else:
            self.code.setFocus()

    # --- opening a dossier ------------------------------------------------------------------------
    def open_text(self, text: str, *, scanned: bool) -> None:
        """A scanned slip QR or a typed code (full, or the digits at its end)."""
        from desk.forms.qr import verify_slip_text

        text = text.strip()
        if not text:
            return
        self.verify.show_message("")
        self.banner.show_message("")
        profile = self.ctx.desk.office.require()
        slip = verify_slip_text(text, profile)
        if slip is not None:
            self.code.setText(slip.code)
            if slip.genuine:
                self.verify.show_message(self.tr("Giấy hẹn hợp lệ: mã kiểm tra khớp với mã hồ sơ."), "ok")
            else:
                self.verify.show_message(self.tr(
                    "CẢNH BÁO: mã kiểm tra trên giấy hẹn KHÔNG khớp — giấy hẹn có thể đã bị sửa hoặc không do "
                    "cơ quan này cấp. Đối chiếu giấy tờ tùy thân và sổ theo dõi trước khi trả kết quả."), "error")
            ref = slip.code
        else:
            if scanned:
                self.verify.show_message(self.tr("Mã quét được không phải mã QR của giấy hẹn."), "error")
                return
            self.verify.show_message(self.tr("Mã hồ sơ nhập tay: hãy đối chiếu giấy hẹn và giấy tờ tùy thân."),
                                     "info")
            ref = text
        matches = self.ctx.desk.dossiers.search(ref, limit=5) if slip is None else []
        if slip is None and len(matches) == 1:
            ref = matches[0]["id"]
        elif slip is None and len(matches) > 1:
            self.banner.show_message(self.tr("Có {0} hồ sơ khớp «{1}»: hãy nhập đủ mã hồ sơ.").format(
                len(matches), text), "error")
            return
        try:
            dossier = self.ctx.desk.dossiers.get(ref)
        except DeskError as e:
            self.banner.show_message(message_of(e), "error")
            self._show(None)
            return
        self._show(dossier)

    def open_dossier(self, dossier_id: str) -> None:
        self.verify.show_message("")
        self.banner.show_message("")
        self._show(self.ctx.desk.dossiers.get(dossier_id))

    def _show(self, d: dict[str, Any] | None) -> None:
        self.dossier = d
        self.rating.hide()
        if d is None:
            self.summary.clear()
            self.form_box.hide()
            return
        self.code.setText(d["code"])
        self._summarise(d)
        for box in self.original_checks:
            # Out of the layout now: deleteLater alone would leave it on screen until the loop runs.
            self.originals_box.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.original_checks = []
        self.ops.fields.clear()
        if d["status"] == lc.RESULT_READY:
            self.collected_by.setText(d.get("submitter_name") or d["applicant_name"])
            for doc in d["documents"]:
                if int(doc["originals"] or 0) > 0:
                    box = QCheckBox(doc["name"] if len(doc["name"]) < 100 else doc["name"][:97] + "…")
                    box.setProperty("fullName", doc["name"])
                    box.setToolTip(doc["name"])
                    self.original_checks.append(box)
                    self.originals_box.addWidget(box)
            self.originals_other.clear()
            self.form_box.show()
            self.collected_by.setFocus()
            self.collected_by.selectAll()
        elif d["status"] == lc.RETURNED and "rate" in d["allowed_actions"]:
            self.form_box.hide()
            self.banner.show_message(self.tr("Kết quả đã trả ngày {0}; người dân chưa đánh giá.").format(
                fmt_moment(d.get("returned_at"))), "info")
            self._ask_rating()
        else:
            self.form_box.hide()
            self.banner.show_message(self.tr("Hồ sơ đang ở trạng thái «{0}»: chưa thể trả kết quả.").format(
                status_label(d["status"])), "error")
            self.code.setFocus()
            self.code.selectAll()

    def _summarise(self, d: dict[str, Any]) -> None:
        result = fmt_moment(d.get("result_at")) or "—"
        self.summary.setText(self.tr(
            "<b>{0}</b> — {1}<br><b>Người nộp:</b> {2} · CCCD {3}<br><b>Thủ tục:</b> {4}<br>"
            "<b>Hẹn trả:</b> {5} · <b>Có kết quả:</b> {6}").format(
            d["code"], status_label(d["status"]), d["applicant_name"], d["applicant_id_number"] or "—",
            d["procedure_name"], fmt_moment(d["due_at"]) + (
                self.tr(" (hẹn lại {0})").format(fmt_moment(d["new_due_at"])) if d.get("new_due_at") else ""),
            result + (f" · {timing_label(timing.result_class(d))}" if timing.result_class(d) else "")))

    # --- recording --------------------------------------------------------------------------------
    def originals_returned(self) -> str:
        names = [str(b.property("fullName")) for b in self.original_checks if b.isChecked()]
        if self.originals_other.text().strip():
            names.append(self.originals_other.text().strip())
        return "; ".join(names)

    @property
    def busy(self) -> bool:
        return self.ops.busy

    def submit(self) -> None:
        d = self.dossier
        if d is None or self.busy or not self.form_box.isVisible():
            return
        data = {"collected_by": self.collected_by.text(), "originals_returned": self.originals_returned()}
        desk, officer = self.ctx.desk, self.ctx.officer_id
        self.ops.run(lambda: desk.dossiers.act(d["id"], "return_result", officer, data=data), self._returned,
                     label="return result", busy=(self.return_button,))

    def _returned(self, dossier: dict[str, Any]) -> None:
        self.dossier = dossier
        self.form_box.hide()
        self._summarise(dossier)
        self.ctx.dossier_changed.emit(dossier)
        self.banner.show_message(self.tr("Đã trả kết quả hồ sơ {0} cho {1}.").format(
            dossier["code"], dossier["collected_by"]), "ok")
        self._ask_rating()

    def _ask_rating(self) -> None:
        self.rating.show()
        self.rating.setFocus()

    def rate(self, level: str) -> None:
        d = self.dossier
        if d is None or self.busy:
            return
        desk, officer = self.ctx.desk, self.ctx.officer_id
        self.ops.run(lambda: desk.dossiers.act(d["id"], "rate", officer, data={"satisfaction": level}),
                     self._rated, label="rate")

    def _rated(self, dossier: dict[str, Any]) -> None:
        self.ctx.dossier_changed.emit(dossier)
        self.banner.show_message(self.tr("Cảm ơn Ông/Bà. Đã ghi đánh giá cho hồ sơ {0}.").format(dossier["code"]),
                                 "ok")
        self._finish()

    def _skip_rating(self) -> None:
        self.banner.show_message(self.tr("Người dân không đánh giá."), "info")
        self._finish()

    def _finish(self) -> None:
        self.rating.hide()
        self.dossier = None
        self.summary.clear()
        self.verify.show_message("")
        self.code.clear()
        self.code.setFocus()
