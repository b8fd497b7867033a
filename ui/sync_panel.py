"""The sync page: "Đồng bộ ngay" with progress, each dossier's sync state, the errors and conflicts
with what to do, and the day close ("Chốt sổ ngày") that says "matched" only when the server agreed.

Every call that may touch the network or the database runs on the TaskRunner. Progress comes back from
the worker through a signal of a QObject living on the GUI thread (a queued connection), so no widget
is ever touched off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.services import Desk
from desk.sync import DayCloseReport, SyncClient, SyncReport, SyncStatus
from desk.sync.lan_loop import status_vi as office_status_vi
from desk.sync.loop import describe
from desk.sync.peers import Peer, list_peers
from desk.sync.reports import DOSSIER_STATES_VI
from ui.common import set_style_state
from ui.i18n import status_label
from ui.operations import LabelSink, Operations
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# The per-dossier sync states come from desk in Vietnamese: listed here so lupdate collects them.
_STATE_LABELS = (
    QT_TRANSLATE_NOOP("SyncPanel", "Bị từ chối"), QT_TRANSLATE_NOOP("SyncPanel", "Xung đột"),
    QT_TRANSLATE_NOOP("SyncPanel", "Đang giữ lại"), QT_TRANSLATE_NOOP("SyncPanel", "Chưa đồng bộ"),
    QT_TRANSLATE_NOOP("SyncPanel", "Đã đồng bộ"),
)


class _ProgressRelay(QObject):
    """Lives on the GUI thread; the worker calls `report`, the GUI thread receives `progressed`."""

    progressed = Signal(str, int, int)

    def report(self, message_vi: str, done: int, total: int) -> None:
        self.progressed.emit(message_vi, done, total)


class SyncPanel(QWidget):
    sync_finished = Signal(object)   # SyncReport
    day_closed = Signal(object)      # DayCloseReport
    enrolled = Signal()              # this PC was just enrolled: the composition root restarts the loop

    def __init__(self, desk: Desk, sync_client: SyncClient, task_runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.client = sync_client
        self.runner = task_runner
        self._cancel: threading.Event | None = None
        self.last_report: SyncReport | None = None
        self.last_close: DayCloseReport | None = None
        # Set by the composition root: work to do before the day close (the till's close), which calls
        # back with the steps the close runs first.
        self.prepare_close: Callable[[date, Callable[[Sequence[Callable[[], str]]], None]], None] | None = None
        self.relay = _ProgressRelay(self)
        self.relay.progressed.connect(self._on_progress)

        root = QVBoxLayout(self)
        # Enrollment: shown only on a PC that is not enrolled yet (an officer should not need the CLI).
        self.enroll_box = QGroupBox(self.tr("Đăng ký máy này với máy chủ cấp trên"))
        form = QFormLayout(self.enroll_box)
        self.server_url = QLineEdit(str(desk.settings.get("sync.server_url")))
        self.server_url.setPlaceholderText("https://…")
        self.enroll_code = QLineEdit()
        self.enroll_code.setPlaceholderText(self.tr("mã dùng một lần do cấp trên cấp"))
        self.enroll_button = QPushButton(self.tr("Đăng ký"))
        self.enroll_button.setObjectName("enroll")
        self.enroll_button.clicked.connect(self.enroll)
        form.addRow(self.tr("Địa chỉ máy chủ"), self.server_url)
        form.addRow(self.tr("Mã đăng ký"), self.enroll_code)
        form.addRow("", self.enroll_button)
        self.enroll_box.hide()
        root.addWidget(self.enroll_box)
        top = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("Dừng"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        top.addWidget(self.sync_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress, 1)
        root.addLayout(top)
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        root.addWidget(self.message)
        self.warning = QLabel()
        self.warning.setObjectName("syncWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        root.addWidget(self.warning)
        # Issue 15: whether this PC is on the office network and where (on by default once enrolled;
        # `desk peers --listen off|auto|HOST:PORT` changes it), then the commune's other counters, when
        # each was last heard from, reachable now or not.
        self.office_label = QLabel()
        self.office_label.setObjectName("syncOfficeNetwork")
        self.office_label.setWordWrap(True)
        root.addWidget(self.office_label)
        self.peers_label = QLabel()
        self.peers_label.setObjectName("syncPeers")
        self.peers_label.setWordWrap(True)
        root.addWidget(self.peers_label)

        box = QGroupBox(self.tr("Hồ sơ và trạng thái đồng bộ"))
        lay = QVBoxLayout(box)
        self.dossiers = QTableWidget(0, 4)
        self.dossiers.setHorizontalHeaderLabels([self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Trạng thái"),
                                                 self.tr("Đồng bộ")])
        self.dossiers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.dossiers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.dossiers)
        root.addWidget(box, 2)

        box = QGroupBox(self.tr("Lỗi và xung đột cần xử lý"))
        lay = QVBoxLayout(box)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([self.tr("Hồ sơ"), self.tr("Vấn đề"), self.tr("Cần làm gì")])
        self.problems.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(True)
        lay.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.adopt_button = QPushButton(self.tr("Theo trạng thái của cấp trên"))
        self.adopt_button.setToolTip(self.tr("Đã thống nhất với cấp trên: lấy trạng thái cấp trên cho hồ sơ này."))
        self.adopt_button.clicked.connect(lambda: self.resolve_selected(adopt_district=True))
        self.resolve_button = QPushButton(self.tr("Giữ trạng thái tại Một cửa"))
        self.resolve_button.setToolTip(self.tr("Đã thống nhất với cấp trên: giữ trạng thái đang có tại Một cửa."))
        self.resolve_button.clicked.connect(lambda: self.resolve_selected(adopt_district=False))
        self.retry_button = QPushButton(self.tr("Gửi lại hồ sơ bị từ chối"))
        self.retry_button.setToolTip(self.tr("Khi cấp trên báo đã khắc phục nguyên nhân: gửi lại hồ sơ đang chọn."))
        self.retry_button.clicked.connect(self.retry_selected)
        buttons.addWidget(self.adopt_button)
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.retry_button)
        lay.addLayout(buttons)
        root.addWidget(box, 2)

        box = QGroupBox(self.tr("Chốt sổ ngày"))
        lay2 = QHBoxLayout(box)
        self.close_date = QDateEdit()
        self.close_date.setCalendarPopup(True)
        self.close_date.setDisplayFormat("dd/MM/yyyy")
        today = desk.store.clock().date()
        self.close_date.setDate(QDate(today.year, today.month, today.day))
        self.close_button = QPushButton(self.tr("Chốt sổ ngày"))
        self.close_button.setObjectName("closeDay")
        self.close_button.clicked.connect(self.close_day)
        self.close_result = QLabel(self.tr("Chưa chốt sổ."))
        self.close_result.setObjectName("closeResult")
        self.close_result.setWordWrap(True)
        lay2.addWidget(self.close_date)
        lay2.addWidget(self.close_button)
        lay2.addWidget(self.close_result, 1)
        root.addWidget(box)
        self._conflict_rows: dict[int, str] = {}
        self._issue_rows: dict[int, str] = {}
        self.sink = LabelSink(self.message)
        self.ops = Operations(task_runner, self, banner=self.sink)
        self.refresh()

    # --- actions ----------------------------------------------------------------------------------
    def enroll(self) -> None:
        url, code = self.server_url.text().strip(), self.enroll_code.text().strip()
        if not url or not code:
            self.message.setText(self.tr("Hãy nhập địa chỉ máy chủ và mã đăng ký do cấp trên cấp."))
            return
        client = self.client

        def done(_result: object) -> None:
            self.enroll_code.clear()
            self.enrolled.emit()
            self.refresh()

        self.ops.run(lambda: client.enroll(url, code), done, label="enroll", busy=(self.enroll_button,),
                     busy_text=self.tr("Đang đăng ký với cấp trên…"),
                     ok_text=self.tr("Đã đăng ký. Máy sẽ tự đồng bộ với cấp trên."))

    def _set_busy(self, busy: bool) -> None:
        self.sync_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)  # busy until the first figure arrives

    def sync_now(self) -> None:
        if self._cancel is not None:
            return
        self._cancel = threading.Event()
        cancel = self._cancel
        self._set_busy(True)
        client, relay = self.client, self.relay
        self.ops.run(lambda: client.sync_once(progress=relay.report, cancel=cancel), self._sync_done,
                     label="sync now", busy_text=self.tr("Đang đồng bộ với cấp trên…"),
                     on_failed=lambda _e: self._finish())

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.message.setText(self.tr("Đang dừng…"))

    def close_day(self) -> None:
        if self._cancel is not None:
            return
        qd = self.close_date.date()
        day = date(qd.year(), qd.month(), qd.day())
        if self.prepare_close is not None:
            # The till's close goes first, in the same day close (ui/till.py asks for the counted cash).
            self.prepare_close(day, lambda steps: self._close_day(day, steps))
        else:
            self._close_day(day, ())

    def _close_day(self, day: date, steps: Sequence[Callable[[], str]]) -> None:
        if self._cancel is not None:
            return
        self._cancel = threading.Event()
        cancel = self._cancel
        self._set_busy(True)
        self.close_result.setText(self.tr("Đang đối chiếu với cấp trên…"))
        set_style_state(self.close_result, "matched", False)
        client, relay = self.client, self.relay
        self.ops.run(lambda: client.close_day(day, progress=relay.report, cancel=cancel, steps=steps), self._close_done,
                     label="close day", on_failed=lambda _e: self._finish())

    def retry_selected(self) -> None:
        dossier_id = self._issue_rows.get(self.problems.currentRow())
        if dossier_id is None:
            self.message.setText(self.tr("Hãy chọn một dòng hồ sơ bị từ chối trong danh sách."))
            return

        client = self.client

        def queued(count: Any) -> None:
            self.sink.show_message(self.tr("Đã xếp {0} thay đổi để gửi lại; bấm «Đồng bộ ngay».").format(count))
            self.refresh()

        self.ops.run(lambda: client.retry_rejected(dossier_id), queued, label="retry rejected",
                     busy=(self.retry_button,))

    def resolve_selected(self, *, adopt_district: bool) -> None:
        row = self.problems.currentRow()
        conflict_id = self._conflict_rows.get(row)
        if conflict_id is None:
            self.message.setText(self.tr("Hãy chọn một dòng xung đột trong danh sách."))
            return
        note = self.tr("Đã thống nhất với cấp trên")
        client = self.client
        self.ops.run(lambda: client.resolve_conflict(conflict_id, note, adopt_district=adopt_district),
                     lambda _r: self.refresh(), label="resolve conflict",
                     busy=(self.adopt_button, self.resolve_button))

    # --- results (GUI thread) ---------------------------------------------------------------------
    def _on_progress(self, message_vi: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.message.setText(message_vi)

    def _finish(self) -> None:
        self._cancel = None
        self._set_busy(False)
        self.progress.setRange(0, 1)

    def _sync_done(self, report: Any) -> None:
        self._finish()
        assert isinstance(report, SyncReport)
        log.info("sync now: %s", describe(report))
        self.last_report = report
        self.progress.setValue(1 if report.error is None else 0)
        if report.error is not None:
            text = self.tr("Đồng bộ chưa xong: {0}").format(report.error.message_vi)
            if report.error.retryable:
                text += " " + self.tr("Máy sẽ tự thử lại.")
        else:
            text = report.message_vi()
        self.message.setText(text)
        set_style_state(self.message, "error", report.error is not None)
        self._show_warnings(report.warnings)
        self.refresh()
        self.sync_finished.emit(report)

    def _close_done(self, report: Any) -> None:
        self._finish()
        assert isinstance(report, DayCloseReport)
        self.last_close = report
        # "Khớp" is said only when the server agreed AND nothing is waiting (docs/sync.md rule 11).
        if report.matched:
            self.close_result.setText(self.tr("✔ Đã chốt sổ, khớp với cấp trên. {0}").format(report.message_vi))
        else:
            self.close_result.setText(self.tr("✘ Chưa khớp. {0}").format(report.message_vi))
        set_style_state(self.close_result, "matched", report.matched)
        # Replace the last progress line ("Đang đối chiếu…"), which would otherwise stay on screen.
        day = date.fromisoformat(report.day).strftime("%d/%m/%Y")
        self.message.setText(self.tr("Đã đối chiếu sổ ngày {0} với cấp trên.").format(day) if report.server_agreed
                             else self.tr("Chưa đối chiếu được sổ ngày {0} với cấp trên.").format(day))
        set_style_state(self.message, "error", not report.matched)
        self.refresh()
        self.day_closed.emit(report)

    def _show_warnings(self, warnings: list[str]) -> None:
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    # --- lists ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        client, desk = self.client, self.desk

        def read() -> tuple[list[dict[str, Any]], dict[str, str], SyncStatus, list[Peer], str]:
            rows = desk.dossiers.list("all", limit=300)
            return (rows, client.dossier_states([r["id"] for r in rows]), client.status(), list_peers(desk.store),
                    office_status_vi(desk.store))

        self.ops.run(read, self._show_lists, label="sync page lists", log_done=False)

    def _show_lists(self, result: Any) -> None:
        rows, states, status, peers, office = result
        self.office_label.setText(office)
        if peers:
            self.peers_label.setText(self.tr("Các quầy khác của cơ quan:") + "\n" +
                                     "\n".join(p.line_vi() for p in peers))
        else:
            self.peers_label.setText(self.tr("Chưa thấy quầy nào khác của cơ quan."))
        self.enroll_box.setVisible(not status.enrolled)
        self.sync_button.setEnabled(status.enrolled)
        self.close_button.setEnabled(status.enrolled)
        self.dossiers.setRowCount(len(rows))
        for i, r in enumerate(rows):
            state = states.get(r["id"], "synced")
            values = (r["code"], r["applicant_name"], status_label(r["status"]),
                      QCoreApplication.translate("SyncPanel", DOSSIER_STATES_VI[state]))
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if j == 3:
                    item.setData(Qt.ItemDataRole.UserRole, state)
                self.dossiers.setItem(i, j, item)
        problems: list[tuple[str, str, str, str | None, str | None]] = []
        for issue in status.issues:
            problems.append((issue["code"] or issue["dossier_id"], issue["result_message"] or issue["result_code"],
                             issue["what_to_do_vi"], None, issue["dossier_id"]))
        shown: set[tuple[str, str]] = set()
        for c in status.conflicts:
            # The desk and the district each noticed the same clash: one row, settled once.
            if (c["dossier_id"], c["field"]) in shown:
                continue
            shown.add((c["dossier_id"], c["field"]))
            what = self.tr("Một cửa: «{0}» · Cấp trên: «{1}». Liên hệ cấp trên để thống nhất, rồi đánh dấu đã xử lý.")
            problems.append((c["code"] or c["dossier_id"], c["message_vi"],
                             what.format(status_label(str(c["desk_value"])), status_label(str(c["district_value"]))),
                             c["id"],
                             None))
        self.problems.setRowCount(len(problems))
        self._conflict_rows = {}
        self._issue_rows = {}
        for i, (code, problem, what, conflict_id, issue_dossier) in enumerate(problems):
            for j, v in enumerate((code, problem, what)):
                self.problems.setItem(i, j, QTableWidgetItem(str(v)))
            if conflict_id:
                self._conflict_rows[i] = conflict_id
            if issue_dossier:
                self._issue_rows[i] = issue_dossier
        self.problems.resizeRowsToContents()
        self.resolve_button.setEnabled(bool(self._conflict_rows))
        self.adopt_button.setEnabled(bool(self._conflict_rows))
        self.retry_button.setEnabled(bool(self._issue_rows))
        # A peer with a newer office-network key (a PC was revoked): this PC must sync once (desk/sync/peerkey.py).
        warnings: list[str] = [w for w in (status.clock_warning, status.peer_key_warning, status.desk_no_warning)
                               if w]
        if warnings and not self.warning.isVisible():
            self._show_warnings(warnings)
