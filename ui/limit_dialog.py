"""The officer's answer, once per procedure, when its sources give no usable time limit.

Opened from the intake page (the procedure chosen has no limit yet) or the settings page. The answer is
written as the office's own (desk.catalog.Catalog.set_limit): every later dossier of the procedure uses
it, and a later catalogue import keeps it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk.limits import parse_limits
from ui.common import ErrorLabel
from ui.context import DeskContext


class LimitDialog(QDialog):
    saved = Signal(dict)  # the procedure as now stored

    def __init__(self, ctx: DeskContext, procedure: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.procedure = procedure
        self.setObjectName("LimitDialog")
        self.setWindowTitle(self.tr("Thời hạn giải quyết — thủ tục {0}").format(procedure["code"]))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("<b>{0}</b><br>Nguồn của danh mục chưa cho thời hạn dùng được. Hãy khai báo thời "
                              "hạn theo quy định của tỉnh; phần mềm dùng nó cho mọi hồ sơ sau của thủ tục này và "
                              "ghi là thời hạn do cơ quan xác định.").format(procedure["name"]))
        head.setWordWrap(True)
        layout.addWidget(head)
        if procedure.get("time_limit_text"):
            source = QLabel(self.tr("Danh mục ghi: {0}").format(procedure["time_limit_text"]))
            source.setObjectName("limitSource")
            source.setWordWrap(True)
            layout.addWidget(source)
        form = QFormLayout()
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        # A suggestion read from the catalogue's own words, never saved until the officer says so.
        hint = parse_limits(str(procedure.get("time_limit_text") or ""))
        for key, label, value, placeholder in (
            ("time_limit", self.tr("Thời hạn giải quyết (*)"), hint.limit.text_vi() if hint.limit else "",
             self.tr("ví dụ: 03 ngày làm việc · Trong ngày · 04 giờ làm việc · 15 ngày")),
            ("verify_limit", self.tr("Khi cần xác minh"), procedure.get("verify_limit_text") or "",
             self.tr("ví dụ: 08 ngày làm việc (để trống nếu không có)")),
            ("same_day_cutoff", self.tr("Nhận sau giờ này thì tính từ ngày làm việc sau"),
             procedure.get("same_day_cutoff") or (hint.cutoff or ""), "15:00"),
        ):
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
        layout.addLayout(form)
        kinds = QLabel(self.tr("Ghi như danh mục: «Trong ngày» (kèm giờ giới hạn nếu có), «0,5 ngày làm việc», "
                               "«04 giờ làm việc», «03 ngày làm việc», hoặc «15 ngày» (ngày theo lịch: ngày cuối "
                               "rơi vào ngày nghỉ thì chuyển sang ngày làm việc tiếp theo)."))
        kinds.setWordWrap(True)
        layout.addWidget(kinds)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Huỷ (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok = buttons.addButton(self.tr("Lưu cho thủ tục này (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ops = ctx.operations(self, general=self.general_error)
        for key, edit in self.inputs.items():
            self.ops.fields.add(key, self.errors[key], edit)
        self.inputs["time_limit"].setFocus()
        self.inputs["time_limit"].selectAll()

    def submit(self) -> None:
        if self.ops.busy:
            return
        values = {k: e.text().strip() for k, e in self.inputs.items()}
        catalog, code, actor = self.ctx.desk.catalog, str(self.procedure["code"]), self.ctx.officer_id
        self.ops.run(lambda: catalog.set_limit(code, values["time_limit"], verify_limit=values["verify_limit"],
                                               cutoff=values["same_day_cutoff"], actor=actor),
                     self._done, label="set procedure limit", busy=(self.ok,))

    def _done(self, procedure: dict[str, Any]) -> None:
        self.saved.emit(procedure)
        self.accept()
