"""The status-bar widget of the sync: online/offline, pending changes, last sync, next retry.

It only shows what `SyncClient.status()` says; the read runs on the TaskRunner, never on the GUI thread.
"Online" is what the last request to the server proved (docs/sync.md rule 10), not a guess.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desk.services import Desk
from desk.sync import SyncClient, SyncStatus
from ui.tasks import TaskRunner


def short_time(stamp: str) -> str:
    """'2026-11-23T09:05:00' → '09:05 23/11'; empty stays empty."""
    if not stamp or "T" not in stamp:
        return stamp
    day, clock = stamp.split("T", 1)
    parts = day.split("-")
    return f"{clock[:5]} {parts[2]}/{parts[1]}" if len(parts) == 3 else stamp


class SyncStatusWidget(QWidget):
    refreshed = Signal(object)  # the SyncStatus shown

    def __init__(self, desk: Desk, sync_client: SyncClient, task_runner: TaskRunner, *,
                 refresh_ms: int = 15000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.client = sync_client
        self.runner = task_runner
        self.status: SyncStatus | None = None
        self._busy = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.online_label = QLabel()
        self.online_label.setObjectName("syncOnline")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("syncPending")
        self.last_label = QLabel()
        self.retry_label = QLabel()
        for w in (self.online_label, self.pending_label, self.last_label, self.retry_label):
            layout.addWidget(w)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        if refresh_ms > 0:
            self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.runner.run(self.client.status, self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.online_label.setText(self.tr("Không đọc được trạng thái đồng bộ"))
        self.online_label.setToolTip(str(getattr(exc, "message_vi", exc)))

    def _show(self, status: Any) -> None:
        self._busy = False
        assert isinstance(status, SyncStatus)
        self.status = status
        if not status.enrolled:
            self.online_label.setText(self.tr("Chưa đăng ký đồng bộ"))
            self.online_label.setProperty("state", "none")
        elif status.revoked:
            self.online_label.setText(self.tr("Đã bị thu hồi quyền đồng bộ"))
            self.online_label.setProperty("state", "error")
        elif status.online is None:
            self.online_label.setText(self.tr("Chưa đồng bộ lần nào"))
            self.online_label.setProperty("state", "none")
        elif status.online:
            self.online_label.setText(self.tr("● Trực tuyến"))
            self.online_label.setProperty("state", "online")
        else:
            self.online_label.setText(self.tr("○ Mất kết nối"))
            self.online_label.setProperty("state", "offline")
        self.online_label.setToolTip(status.last_error or status.clock_warning or status.server_url)
        self.pending_label.setText(self.tr("Chờ gửi: {0}").format(status.pending))
        self.last_label.setText(self.tr("Đồng bộ lần cuối: {0}").format(short_time(status.last_success) or self.tr("chưa có")))
        self.retry_label.setText(self.tr("Thử lại lúc: {0}").format(short_time(status.next_retry)) if status.next_retry
                                 else "")
        self.retry_label.setVisible(bool(status.next_retry))
        for w in (self.online_label,):
            w.style().unpolish(w)
            w.style().polish(w)
        self.refreshed.emit(status)
