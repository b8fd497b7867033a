"""The dialog of one lifecycle step on the dossier desk: what the step needs (a reason, a new date, who
the result went to…), run on the TaskRunner, desk's messages shown on their fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk.limits import optional_limit
from ui.common import ErrorLabel, fmt_moment
from ui.context import DeskContext
from ui.i18n import action_label, limit_label


class ActionDialog(QDialog):
    """Asks what a lifecycle action needs, runs it on the TaskRunner, shows desk's messages per field."""

    applied = Signal(dict)

    def __init__(self, ctx: DeskContext, dossier: dict[str, Any], action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier = dossier
        self.action = action
        self.setObjectName("ActionDialog")
        self.setWindowTitle(self.tr("{0} — hồ sơ {1}").format(action_label(action), dossier["code"]))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        summary = QLabel(f"<b>{dossier['code']}</b> · {dossier['applicant_name']}<br>{dossier['procedure_name']}")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.doc_checks: list[QCheckBox] = []

        def line(key: str, label: str, value: str = "", placeholder: str = "") -> None:
            edit = QLineEdit(value)
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholder)
            self.inputs[key] = edit
            self.errors[key] = ErrorLabel()
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(edit)
            box.addWidget(self.errors[key])
            form.addRow(label, box)

        if action == "hand_over":
            line("to_unit", self.tr("Bộ phận giải quyết"), dossier.get("field") or "")
            line("handler", self.tr("Người nhận xử lý"))
        elif action == "request_supplement":
            form.addRow(QLabel(self.tr("Giấy tờ cần bổ sung:")))
            for d in dossier.get("documents", []):
                box = QCheckBox(d["name"] if len(d["name"]) < 90 else d["name"][:87] + "…")
                box.setProperty("fullName", d["name"])
                box.setToolTip(d["name"])
                self.doc_checks.append(box)
                form.addRow(box)
            line("missing_documents", self.tr("Giấy tờ khác"), placeholder=self.tr("cách nhau bằng dấu ;"))
            line("reason", self.tr("Lý do"))
        elif action == "apologize":
            line("reason", self.tr("Lý do chậm trả kết quả"))
            line("new_due_at", self.tr("Ngày hẹn trả mới"), placeholder=self.tr("NN/TT/NNNN GG:PP"))
            hint = QLabel(self.tr("Chỉ được hẹn lại một lần. Ngày hẹn trả đã hứa: {0} — vẫn là ngày dùng để tính "
                                  "đúng hạn hay quá hạn.").format(fmt_moment(dossier["due_at"])))
            hint.setWordWrap(True)
            form.addRow(hint)
        elif action == "require_verification":
            verify = optional_limit(dossier.get("verify_limit"))
            hint = QLabel(self.tr("Thời hạn khi cần xác minh: {0}, tính từ khi tiếp nhận. Giấy hẹn được in lại "
                                  "với ngày hẹn mới.").format(limit_label(verify) if verify else "—"))
            hint.setWordWrap(True)
            form.addRow(hint)
            line("reason", self.tr("Nội dung cần xác minh"))
        elif action == "request_payment":
            line("obligation", self.tr("Nghĩa vụ tài chính (thuế, phí…)"))
            hint = QLabel(self.tr("Thời hạn tạm dừng cho đến khi người nộp thực hiện xong."))
            form.addRow(hint)
        elif action == "payment_done":
            line("note", self.tr("Ghi chú (số biên lai, chứng từ)"))
            hint = QLabel(self.tr("Thời hạn chạy tiếp; giấy hẹn được in lại với ngày hẹn mới."))
            form.addRow(hint)
        elif action == "send_by_post":
            line("tracking_no", self.tr("Số hiệu bưu gửi"))
            line("post_office", self.tr("Bưu cục nhận gửi"))
        elif action == "cancel":
            hint = QLabel(self.tr("Chỉ dùng khi hồ sơ bị nhập nhầm. Hồ sơ được giữ lại và ghi nhật ký, không tính vào "
                                  "báo cáo; mã hồ sơ không được dùng lại."))
            hint.setWordWrap(True)
            form.addRow(hint)
            line("reason", self.tr("Lý do hủy"))
        elif action in ("withdraw", "stop", "refuse", "reject"):
            line("reason", self.tr("Lý do"))
        else:
            question = QLabel(self.tr("Ghi nhận «{0}» cho hồ sơ này?").format(action_label(action)))
            form.addRow(question)
        layout.addLayout(form)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)
        buttons = QDialogButtonBox()
        # Qt ships no Vietnamese for its standard buttons: our own text, translated like the rest.
        buttons.addButton(self.tr("Huỷ (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok = buttons.addButton(self.tr("Ghi nhận (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.ok.setAutoDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ops = ctx.operations(self, general=self.general_error)
        for key, edit in self.inputs.items():
            self.ops.fields.add(key, self.errors[key], edit)
        first = next(iter(self.inputs.values()), None)
        (first or self.ok).setFocus()

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: e.text() for k, e in self.inputs.items() if k != "missing_documents"}
        if self.action == "request_supplement":
            missing = [str(b.property("fullName")) for b in self.doc_checks if b.isChecked()]
            missing += [p.strip() for p in self.inputs["missing_documents"].text().split(";") if p.strip()]
            out["missing_documents"] = missing
        return out

    def submit(self) -> None:
        if self.ops.busy:
            return
        desk, ref, action, officer, data = (self.ctx.desk, self.dossier["id"], self.action, self.ctx.officer_id,
                                           self.data())
        self.ops.run(lambda: desk.dossiers.act(ref, action, officer, data=data), self._done,
                     label=f"dossier action {action}", busy=(self.ok,))

    def _done(self, dossier: dict[str, Any]) -> None:
        self.applied.emit(dossier)
        self.accept()
