"""The intake page's parts: the applicant's fields, the procedure search box, the due date, the checklist of documents handed in, and the
dialog that asks why a dossier is sent back (form 02) or refused (form 03).

Kept apart from `ui/intake.py` so the page reads as the flow of an intake and these read as widgets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk import lifecycle as lc
from desk.intake import APPLICANT_TYPES, CHANNELS, DocumentInput
from ui.common import ErrorLabel
from ui.i18n import desk_label

DOC_COLUMNS = 4


class ProcedureSearch(QLineEdit):
    """Search-as-you-type; Up/Down move in the result list, Enter picks."""

    def __init__(self, results: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
            return
        super().keyPressEvent(event)


class OutcomeDialog(QDialog):
    """Reason (and, for a supplement request, the documents to add) for form 02 or 03."""

    def __init__(self, outcome: str, documents: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.setObjectName("OutcomeDialog")
        supplement = outcome == lc.SUPPLEMENT_REQUESTED
        self.setWindowTitle(self.tr("Yêu cầu bổ sung hồ sơ (mẫu 02)") if supplement
                            else self.tr("Từ chối tiếp nhận hồ sơ (mẫu 03)"))
        self.setMinimumWidth(900)
        layout = QVBoxLayout(self)
        self.checks: list[QCheckBox] = []
        if supplement:
            layout.addWidget(QLabel(self.tr("Giấy tờ cần bổ sung, hoàn thiện:")))
            for name in documents:
                box = QCheckBox(name if len(name) < 110 else name[:107] + "…")
                box.setToolTip(name)
                box.setProperty("fullName", name)
                self.checks.append(box)
                layout.addWidget(box)
            self.other = QLineEdit()
            self.other.setObjectName("otherDocument")
            self.other.setPlaceholderText(self.tr("Giấy tờ khác (mỗi loại cách nhau bằng dấu ;)"))
            layout.addWidget(self.other)
        layout.addWidget(QLabel(self.tr("Lý do:") if supplement else self.tr("Lý do từ chối (bắt buộc):")))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(80)
        self.reason.setTabChangesFocus(True)
        layout.addWidget(self.reason)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        # Qt ships no Vietnamese for its standard buttons: our own text, translated like the rest.
        buttons.addButton(self.tr("Huỷ (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok = buttons.addButton(self.tr("Ghi và in phiếu (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self.accept)
        (self.checks[0] if self.checks else self.reason).setFocus()

    def missing_documents(self) -> list[str]:
        names = [str(b.property("fullName")) for b in self.checks if b.isChecked()]
        if self.outcome == lc.SUPPLEMENT_REQUESTED:
            names += [p.strip() for p in self.other.text().split(";") if p.strip()]
        return names

    def reason_text(self) -> str:
        return self.reason.toPlainText()


class DocumentsTable(QTableWidget):
    """The checklist: one row per document of the procedure (name fixed) or added by the officer (name
    typed), with the number of originals, certified copies and photocopies handed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, DOC_COLUMNS, parent)
        self.setObjectName("documents")
        self.setHorizontalHeaderLabels([self.tr("Thành phần hồ sơ"), self.tr("Bản chính"),
                                        self.tr("Chứng thực"), self.tr("Photo")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, DOC_COLUMNS):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(c, 86)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        # Tab leaves the table: the officer moves on to the next field, not cell by cell.
        self.setTabKeyNavigation(False)

    def fill(self, documents: list[DocumentInput]) -> None:
        self.setRowCount(0)
        for d in documents:
            self.add_row(d.name, d.originals, d.certified, d.photocopies, d.position)

    def add_row(self, name: str, originals: int, certified: int, photocopies: int, position: int | None) -> None:
        r = self.rowCount()
        self.insertRow(r)
        item = QTableWidgetItem(name)
        item.setToolTip(name)
        item.setData(Qt.ItemDataRole.UserRole, position)
        if position is not None:  # a catalogue document keeps the catalogue's name
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(r, 0, item)
        for c, n in enumerate((originals, certified, photocopies), start=1):
            cell = QTableWidgetItem()
            cell.setData(Qt.ItemDataRole.EditRole, int(n))
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(r, c, cell)

    def add_other(self) -> None:
        """A document the catalogue does not list: a row whose name the officer types at once."""
        self.add_row(self.tr("Giấy tờ khác"), 1, 0, 0, None)
        self.setCurrentCell(self.rowCount() - 1, 0)
        item = self.item(self.rowCount() - 1, 0)
        if item is not None:
            self.editItem(item)

    def documents(self) -> list[DocumentInput]:
        out = []
        for r in range(self.rowCount()):
            name_item = self.item(r, 0)
            if name_item is None:
                continue
            counts: list[int] = []
            for c in range(1, DOC_COLUMNS):
                cell = self.item(r, c)
                value = cell.data(Qt.ItemDataRole.EditRole) if cell is not None else 0
                try:
                    counts.append(int(value or 0))
                except (TypeError, ValueError):
                    counts.append(0)  # the cells hold ints (a spin box edits them); desk checks the range
            if not any(counts):
                continue  # nothing of this kind was handed in
            position = name_item.data(Qt.ItemDataRole.UserRole)
            out.append(DocumentInput(name_item.text(), originals=counts[0], certified=counts[1],
                                     photocopies=counts[2], position=position))
        return out


class ApplicantBox(QGroupBox):
    """The applicant's fields (filled by a card scan or typed), who hands the dossier in for them, and the
    line that says a returning citizen has dossiers already."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Người nộp hồ sơ"), parent)
        self.setFixedWidth(430)
        form = QFormLayout(self)
        form.setVerticalSpacing(2)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.field_labels = labels = {
            "id_number": self.tr("Số CCCD/định danh"),
            "full_name": self.tr("Họ và tên"),
            "dob": self.tr("Ngày sinh"),
            "gender": self.tr("Giới tính"),
            "address": self.tr("Nơi thường trú"),
            "phone": self.tr("Điện thoại"),
            "email": self.tr("Thư điện tử"),
        }
        for key, label in labels.items():
            if key == "gender":
                self.gender = QComboBox()
                self.gender.setObjectName("gender")
                self.gender.addItems(["", "Nam", "Nữ"])
                widget: QWidget = self.gender
            else:
                edit = QLineEdit()
                edit.setObjectName(key)
                self.inputs[key] = edit
                widget = edit
            self.errors[key] = ErrorLabel()
            form.addRow(label, with_error(widget, self.errors[key]))
        self.inputs["dob"].setPlaceholderText(self.tr("NN/TT/NNNN"))
        self.inputs["id_number"].setMaxLength(12)
        self.returning = QLabel()
        self.returning.setObjectName("returningCitizen")
        self.returning.setWordWrap(True)
        self.returning.hide()
        form.addRow(self.returning)

        self.applicant_type = QComboBox()
        self.applicant_type.setObjectName("applicant_type")
        for key, label in APPLICANT_TYPES.items():
            self.applicant_type.addItem(desk_label(label), key)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for key, label in CHANNELS.items():
            self.channel.addItem(desk_label(label), key)
        type_row = QHBoxLayout()
        type_row.addWidget(self.applicant_type, 1)
        type_row.addWidget(self.channel, 1)
        form.addRow(self.tr("Loại / hình thức"), type_row)
        self.submitter_name = QLineEdit()
        self.submitter_name.setObjectName("submitter_name")
        self.submitter_name.setPlaceholderText(self.tr("Người được ủy quyền nộp thay (nếu có)"))
        self.errors["submitter_name"] = ErrorLabel()
        form.addRow(self.tr("Nộp thay"), with_error(self.submitter_name, self.errors["submitter_name"]))
        self.submitter_id = QLineEdit()
        self.submitter_id.setObjectName("submitter_id_number")
        self.errors["submitter_id_number"] = ErrorLabel()
        form.addRow(self.tr("Số giấy tờ người nộp thay"),
                    with_error(self.submitter_id, self.errors["submitter_id_number"]))


def with_error(widget: QWidget, error: ErrorLabel) -> QWidget:
    """A field with its error line under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class DueBox(QFrame):
    """The promised return date as the form stands, the button to state a missing limit, and the note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueBox")
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel(self.tr("Hẹn trả kết quả:")), 0, 0)
        self.due_label = QLabel("—")
        self.due_label.setObjectName("dueLabel")
        self.due_label.setWordWrap(True)  # a long warning must not widen the window past 1366 px
        layout.addWidget(self.due_label, 0, 1)
        # A procedure whose sources give no limit: the officer states it once, for the procedure.
        self.limit_button = QPushButton(self.tr("Khai báo thời hạn… (Ctrl+J)"))
        self.limit_button.setObjectName("declareLimit")
        self.limit_button.hide()
        layout.addWidget(self.limit_button, 0, 2)
        layout.setColumnStretch(1, 1)
        due_error = ErrorLabel()
        self.errors: dict[str, ErrorLabel] = {"time_limit": due_error, "due_at": due_error, "note": ErrorLabel()}
        layout.addWidget(due_error, 1, 0, 1, 3)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("Ghi chú (nếu có)"))
        layout.addWidget(self.note, 2, 0, 1, 3)
        layout.addWidget(self.errors["note"], 3, 0, 1, 3)
