"""The dossier desk: a filtered, searchable list; a detail pane with the action timeline; and only the
actions the lifecycle allows from the dossier's state, each with a keyboard shortcut.

Whether a dossier is late comes from desk.timing alone: against the promised date, never the apology's
new date, which is shown beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk import lifecycle as lc
from desk import permissions, timing
from desk.codes import register_stt
from desk.intake import CHANNELS, SATISFACTION
from desk.limits import optional_limit
from desk.views import latest_print
from ui.action_dialog import ActionDialog
from ui.common import fmt_moment, form_titles
from ui.context import DeskContext
from ui.i18n import action_label, desk_label, limit_label, status_label, timing_label
from ui.widgets import Banner

FILTERS = ("all", "today", "in_processing", "due_today", "overdue", "result_ready", "returned", "refused",
           "supplement_requested", "awaiting_payment", "rejected", "cancelled")
# Shortcuts for the lifecycle actions (page-wide, so they work from the list or the detail pane).
ACTION_KEYS = {
    "hand_over": "Ctrl+H",
    "request_supplement": "Ctrl+B",
    "supplement_received": "Ctrl+U",
    "result_ready": "Ctrl+K",
    "apologize": "Ctrl+L",
    "return_result": "Ctrl+T",
    "rate": "Ctrl+G",
    "withdraw": "Ctrl+W",
    "stop": "Ctrl+D",
    "refuse": "Ctrl+R",
    "require_verification": "Ctrl+M",
    "request_payment": "Ctrl+Y",
    "payment_done": "Ctrl+Shift+Y",
    "reject": "Ctrl+Shift+R",
    "send_by_post": "Ctrl+Shift+T",
    "cancel": "Ctrl+Shift+H",
}
# The form printed after an action (the citizen or the processing unit gets a paper). A step that moves
# the promised date issues form 01 again, so the citizen never holds only a stale date.
FORM_AFTER = {"request_supplement": "supplement", "apologize": "apology", "stop": "stop", "refuse": "refusal",
              "hand_over": "control", "reject": "rejection", "supplement_received": "slip",
              "payment_done": "slip", "require_verification": "slip"}
DUE_SOON = timedelta(hours=24)
HALF_ROW = 156  # px: half the detail pane at its narrowest
_ROOT = QModelIndex()


class DossierTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.now = datetime.now()
        self.headers = [self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Thủ tục"), self.tr("Ngày nhận"),
                        self.tr("Hẹn trả"), self.tr("Trạng thái"), self.tr("Thời hạn")]

    def set_rows(self, rows: list[dict[str, Any]], now: datetime) -> None:
        self.beginResetModel()
        self.rows = rows
        self.now = now
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def urgency(self, row: dict[str, Any]) -> str:
        """'overdue' past the promised date (desk.timing), 'due_soon' within a day of it."""
        if timing.is_overdue(row, self.now):
            return "overdue"
        due = timing.promised_due(row)
        if timing.is_pending(row) and not timing.is_paused(row) and due is not None and (
                due - self.now <= DUE_SOON or due.date() == self.now.date()):
            return "due_soon"
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # The promised date; in italics when an apology gave a new one beside it (in the tooltip).
            due = _short(row["due_at"]) if row["due_at"] else "—"
            return (row["code"], row["applicant_name"], row["procedure_name"], _short(row["received_at"]),
                    due, status_label(row["status"]), timing_label(timing.verdict(row, self.now)))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            due_tip = fmt_moment(row["due_at"]) if row["due_at"] else ""
            if row.get("new_due_at"):
                due_tip = self.tr("Hẹn trả: {0}; hẹn lại (phiếu xin lỗi): {1}").format(
                    due_tip, fmt_moment(row["new_due_at"]))
            return {2: row["procedure_name"], 3: fmt_moment(row["received_at"]), 4: due_tip}.get(col)
        if role == Qt.ItemDataRole.FontRole and col == 4 and row.get("new_due_at"):
            font = QFont()
            font.setItalic(True)
            return font
        urgency = self.urgency(row)
        if role == Qt.ItemDataRole.BackgroundRole and urgency:
            return QBrush(QColor("#f8d7da") if urgency == "overdue" else QColor("#fff3cd"))
        if role == Qt.ItemDataRole.ForegroundRole and urgency == "overdue":
            return QBrush(QColor("#842029"))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None


class DossierDeskPage(QWidget):
    return_requested = Signal(str)  # dossier id: open it on the return-of-results screen

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("DossierDeskPage")
        self.current: dict[str, Any] | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        ctx.dossier_changed.connect(self._on_dossier_changed)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Hồ sơ"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        self.filter = QComboBox()
        self.filter.setObjectName("filter")
        labels = {
            "all": self.tr("Tất cả"), "today": self.tr("Tiếp nhận hôm nay"),
            "in_processing": self.tr("Đang giải quyết"), "due_today": self.tr("Đến hạn hôm nay"),
            "overdue": self.tr("Quá hạn"), "result_ready": self.tr("Có kết quả, chờ trả"),
            "returned": self.tr("Đã trả kết quả"), "refused": self.tr("Từ chối tiếp nhận"),
            "supplement_requested": self.tr("Chờ bổ sung"), "awaiting_payment": self.tr("Chờ nghĩa vụ tài chính"),
            "rejected": self.tr("Từ chối giải quyết"), "cancelled": self.tr("Đã hủy (nhập nhầm)"),
        }
        for key in FILTERS:
            self.filter.addItem(labels[key], key)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        head.addSpacing(16)
        head.addWidget(QLabel(self.tr("Lọc")))
        head.addWidget(self.filter)
        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setPlaceholderText(self.tr("Tìm theo mã hồ sơ, số CCCD, điện thoại, tên (Ctrl+F)"))
        self.search.returnPressed.connect(self._search_enter)
        head.addWidget(self.search, 1)
        self.count_label = QLabel()
        head.addWidget(self.count_label)
        outer.addLayout(head)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.ops = self.ctx.operations(self, banner=self.banner)

        splitter = QSplitter()
        self.model = DossierTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 226), (1, 120), (3, 90), (4, 90), (5, 114), (6, 76)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._select_row(cur.row()))
        splitter.addWidget(self.table)

        detail = QFrame()
        detail.setObjectName("detailPane")
        detail.setMinimumWidth(340)
        dl = QVBoxLayout(detail)
        self.detail_title = QLabel(self.tr("Chọn một hồ sơ trong danh sách."))
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        dl.addWidget(self.detail_title)
        self.detail_info = QLabel()
        self.detail_info.setWordWrap(True)
        self.detail_info.setTextFormat(Qt.TextFormat.RichText)
        dl.addWidget(self.detail_info)
        dl.addWidget(QLabel(self.tr("Quá trình xử lý")))
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setWordWrap(True)
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        dl.addWidget(self.timeline, 1)
        # Two columns: up to ten actions may be allowed at once; the shortcut is in each tooltip.
        self.action_grid = grid = QGridLayout()
        grid.setSpacing(3)
        for action, key in ACTION_KEYS.items():
            button = QPushButton(action_label(action))
            button.setObjectName(f"action_{action}")
            button.setToolTip(key)
            button.clicked.connect(lambda _c=False, a=action: self.run_action(a))
            button.hide()
            self.action_buttons[action] = button
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda a=action: self.run_action(a))
        dl.addLayout(grid)
        self.reprint_button = QPushButton(self.tr("In lại biểu mẫu… (Ctrl+P)"))
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.show_reprint_menu)
        dl.addWidget(self.reprint_button)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 340])
        outer.addWidget(splitter, 1)
        for seq, slot in (("Ctrl+P", self.show_reprint_menu), ("Ctrl+F", self.focus_search), ("F5", self.refresh)):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    def activate(self) -> None:
        self.refresh()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- the list ---------------------------------------------------------------------------------
    def set_filter(self, key: str) -> None:
        self.filter.setCurrentIndex(FILTERS.index(key))

    def refresh(self) -> None:
        """Reload the list (a read: local, indexed, a few milliseconds), keeping the selection."""
        self._search_timer.stop()
        text = self.search.text().strip()
        dossiers = self.ctx.desk.dossiers
        now = self.ctx.desk.store.clock()
        if text:
            rows = dossiers.search(text, limit=200, viewer=self.ctx.officer_id)
            flt = str(self.filter.currentData())
            if flt != "all":
                ids = {r["id"] for r in dossiers.list(flt, limit=5000, now=now)}
                rows = [r for r in rows if r["id"] in ids]
        else:
            rows = dossiers.list(str(self.filter.currentData()), limit=500, now=now, viewer=self.ctx.officer_id)
        keep = self.current["id"] if self.current else None
        self.model.set_rows(rows, now)
        self.count_label.setText(self.tr("{0} hồ sơ").format(len(rows)))
        row = next((i for i, r in enumerate(rows) if r["id"] == keep), None)
        if row is not None:
            self.table.selectRow(row)
        elif rows and keep is None:
            self.table.selectRow(0)
        else:
            self.show_dossier(None)

    def _search_enter(self) -> None:
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def _select_row(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.show_dossier(self.model.rows[row]["id"])

    def _on_dossier_changed(self, dossier: dict[str, Any]) -> None:
        if self.isVisible():
            self.refresh()
        if self.current and self.current["id"] == dossier.get("id"):
            self.show_dossier(dossier["id"])

    # --- the detail pane --------------------------------------------------------------------------
    def show_dossier(self, dossier_id: str | None) -> None:
        if dossier_id is None:
            self.current = None
            self.detail_title.setText(self.tr("Chọn một hồ sơ trong danh sách."))
            self.detail_info.clear()
            self.timeline.clear()
            for b in self.action_buttons.values():
                b.hide()
            self.reprint_button.setEnabled(False)
            return
        d = self.ctx.desk.dossiers.get(dossier_id)
        self.current = d
        self.detail_title.setText(f"{d['code']} — {status_label(d['status'])}")
        sat = d.get("satisfaction")
        satisfaction = desk_label(SATISFACTION.get(sat, sat)) if sat else ""
        now = self.ctx.desk.store.clock()
        verdict = timing_label(timing.verdict(d, now))
        limit = optional_limit(d.get("verify_limit") if d.get("verification_at") else d.get("time_limit"))
        lines = [
            self.tr("<b>Người nộp:</b> {0} · CCCD {1} · ĐT {2}").format(
                d["applicant_name"], d["applicant_id_number"] or "—", d["applicant_phone"] or "—"),
            self.tr("<b>Thủ tục:</b> {0}").format(d["procedure_name"]),
            self.tr("<b>Tiếp nhận:</b> {0} ({1})").format(
                fmt_moment(d["received_at"]), desk_label(CHANNELS.get(d["channel"], d["channel"]))),
        ]
        if d["due_at"]:
            lines.append(self.tr("<b>Hẹn trả:</b> {0} ({1}){2}").format(
                fmt_moment(d["due_at"]), limit_label(limit) if limit else "—",
                f" · <b>{verdict}</b>" if verdict else ""))
        if d["new_due_at"]:
            lines.append(self.tr("<b>Hẹn lại (phiếu xin lỗi):</b> {0} — không thay ngày hẹn đã hứa").format(
                fmt_moment(d["new_due_at"])))
        if d.get("register_no"):
            lines.append(self.tr("<b>Sổ theo dõi:</b> quyển {0}, số thứ tự {1}").format(
                d["register_book"], register_stt(d["desk_no"], d["register_no"])))
        own_desk = int(self.ctx.desk.store.device()["desk_no"])
        if isinstance(d.get("desk_no"), int) and d["desk_no"] != own_desk:
            # Issue 15: a dossier another counter of the commune recorded (came through the district or
            # the office network).
            lines.append(self.tr("<b>Tiếp nhận tại:</b> Quầy số {0} (máy khác của cơ quan), cán bộ {1}").format(
                f"{d['desk_no']:02d}", d.get("received_by_name") or d["received_by"]))
        if d.get("collected_by"):
            lines.append(self.tr("<b>Người nhận kết quả:</b> {0}; bản chính trả lại: {1}").format(
                d["collected_by"], d.get("originals_returned") or "—"))
        if satisfaction:
            lines.append(self.tr("<b>Đánh giá:</b> {0}").format(satisfaction))
        self.detail_info.setText("<br>".join(lines))
        self.timeline.clear()
        for a in self.ctx.desk.dossiers.actions(d["id"]):
            extra = "; ".join(_shown(v) for v in a["data"].values())
            self.timeline.addItem(f"{fmt_moment(a['at'])} · {action_label(a['kind'])} → "
                                  f"{status_label(a['to_status'])} · {a['officer_name']}"
                                  + (f"\n    {extra}" if extra else ""))
        # The service refuses a step the officer's role may not take; the window does not offer it.
        role = str(self.ctx.officer.get("role", ""))
        allowed = {a for a in d["allowed_actions"] if permissions.allowed(role, permissions.action_permission(a))}
        for button in self.action_buttons.values():
            self.action_grid.removeWidget(button)
        # Two to a row; a label too long for half the pane takes a row of its own.
        row, col = 0, 0
        for action in (a for a in ACTION_KEYS if a in allowed):
            button = self.action_buttons[action]
            wide = button.fontMetrics().horizontalAdvance(button.text()) + 24 > HALF_ROW
            if wide and col:
                row, col = row + 1, 0
            self.action_grid.addWidget(button, row, col, 1, 2 if wide else 1)
            row, col = (row + 1, 0) if wide or col else (row, 1)
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)
        self.reprint_button.setEnabled(True)

    def run_action(self, action: str) -> None:
        d = self.current
        if d is None:
            self.banner.show_message(self.tr("Chưa chọn hồ sơ."), "error")
            return
        if action not in d["allowed_actions"]:
            spec = lc.ACTIONS[action]
            self.banner.show_message(self.tr("Không thể «{0}» hồ sơ đang ở trạng thái «{1}».").format(
                action_label(action), status_label(d["status"])) if spec else "", "error")
            return
        if action in ("return_result", "rate"):
            self.return_requested.emit(d["id"])
            return
        dialog = ActionDialog(self.ctx, d, action, self)
        dialog.applied.connect(lambda new: self._acted(action, new))
        dialog.finished.connect(lambda _r: self._back_from_dialog())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _back_from_dialog(self) -> None:
        # Not every window manager re-activates the main window when a dialog closes: the keyboard
        # must land back on the list so the next shortcut works.
        self.activateWindow()
        self.table.setFocus()

    def _acted(self, action: str, dossier: dict[str, Any]) -> None:
        self.banner.show_message(self.tr("Đã ghi «{0}» cho hồ sơ {1}.").format(action_label(action),
                                                                             dossier["code"]), "ok")
        self.ctx.dossier_changed.emit(dossier)
        self.show_dossier(dossier["id"])
        kind = FORM_AFTER.get(action)
        if kind:
            # The banner keeps saying what was recorded; it speaks of the print only if it failed.
            title = self.tr("{0} — hồ sơ {1}").format(form_titles().get(kind, kind), dossier["code"])
            self.ops.print_form(kind, dossier["code"], title, quiet=True)
        self.table.setFocus()

    def show_reprint_menu(self) -> None:
        d = self.current
        if d is None:
            return
        menu = QMenu(self)
        menu.setObjectName("reprintMenu")
        for kind, label in form_titles().items():
            act = menu.addAction(self._reprint_label(d, kind, label))
            act.setData(kind)
            act.triggered.connect(lambda _c=False, k=kind: self.reprint(k))
        menu.popup(self.reprint_button.mapToGlobal(self.reprint_button.rect().bottomLeft()))

    def _reprint_label(self, d: dict[str, Any], kind: str, label: str) -> str:
        """The slip entry says which issue a reprint gives (the latest) and the date it carries."""
        if kind != "slip":
            return label
        last = latest_print(self.ctx.desk.store, d["id"], "slip")
        if last is None or not last["due_at"]:
            return label
        if last["due_at"] != d["due_at"]:
            return self.tr("{0} — cấp lại với ngày hẹn mới {1}").format(label, fmt_moment(d["due_at"]))
        return self.tr("{0} — bản {1} (hẹn trả {2})").format(label, last["version"], fmt_moment(last["due_at"]))

    def reprint(self, kind: str) -> None:
        d = self.current
        if d is None:
            return
        title = self.tr("{0} — hồ sơ {1}").format(self._reprint_label(d, kind, form_titles().get(kind, kind)),
                                                d["code"])
        # The slip is reprinted from its archive so the citizen gets the identical paper.
        self.ops.print_form(kind, d["code"], title, reprint=kind == "slip")



def _short(value: str) -> str:
    """'08:59 23/11' in the list (recent dossiers); the tooltip has the year."""
    return datetime.fromisoformat(value).strftime("%H:%M %d/%m")


def _shown(value: object) -> str:
    """An action's data value as the officer reads it (dates as 17:00 30/11/2026)."""
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    text = str(value)
    if len(text) >= 16 and text[4] == "-" and text[10] == "T":
        try:
            return fmt_moment(text)
        except ValueError:
            return text
    return text
