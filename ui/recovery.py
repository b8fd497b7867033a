"""The screen shown instead of the log-in when the database is damaged, lost, or its key is missing.

It says what happened in Vietnamese, offers the last good backup (checked before it is offered), and
restores it on a worker: the damaged files are moved aside, the backup put in place, the desk opened
again (a new epoch), and — on an enrolled PC — one sync fetches back from the district what the backup
lacked. What could not be recovered (dossier codes issued but never synced) is listed for re-entry
from the paper slips. Nothing here opens the damaged database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desk import health, keys
from desk.errors import DeskError
from desk.services import Desk
from ui.common import ErrorLabel
from ui.operations import Operations
from ui.tasks import TaskRunner


def restore_and_recover(data_dir: Path, backup: Path, open_desk: Callable[[Path], Desk],
                        recovery_key: bytes | None = None) -> tuple[Desk, list[str]]:
    """Worker side: restore under the window's own app lock, reopen, recover from the district."""
    from desk import recovery_report
    from desk.backup import restore_backup
    from desk.paths import database_path
    from desk.sync import SyncClient
    from desk.sync import state as sync_state

    restore_backup(database_path(data_dir), backup, recovery_key=recovery_key, lock_held=True)
    desk = open_desk(data_dir)
    lines: list[str] = []
    if sync_state.identity(desk.store) is not None:
        client = SyncClient(desk)
        try:
            result = client.sync_once()
            if result.error is not None:
                lines.append(f"Chưa lấy lại được từ cấp trên ({result.error.message_vi}); máy sẽ lấy lại khi "
                             "đồng bộ được.")
        finally:
            client.close()
    lines.extend(recovery_report.report(desk.store).lines_vi())
    return desk, lines


class RecoveryDialog(QDialog):
    """Emits `recovered(desk)` once a backup is restored and the desk opens again."""

    recovered = Signal(object)

    def __init__(self, error: DeskError, data_dir: Path, runner: TaskRunner,
                 open_desk: Callable[[Path], Desk], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self.open_desk = open_desk
        self.desk: Desk | None = None
        self.setObjectName("RecoveryDialog")
        self.setWindowTitle(self.tr("Dữ liệu cần khôi phục — Bộ phận Một cửa"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Không mở được dữ liệu"))
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        self.message = QLabel(error.message_vi)
        self.message.setObjectName("recoveryMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.backup: Path | None = error.backup if isinstance(error, health.DamagedDatabase) else None
        if self.backup is None:
            self.backup = health.last_good_backup(data_dir)
        self.key_missing = isinstance(error, keys.KeyMissing)
        self.recovery_key = QLineEdit()
        self.recovery_key.setObjectName("recoveryKey")
        self.recovery_key.setPlaceholderText("XXXX-XXXX-…  (16 nhóm)")
        if self.key_missing:
            layout.addWidget(QLabel(self.tr("Khóa khôi phục (quản trị viên đã in khi cài đặt):")))
            layout.addWidget(self.recovery_key)
        else:
            self.recovery_key.hide()
        self.backup_label = QLabel(self.tr("Bản sao lưu tốt gần nhất: {0}").format(self.backup.name)
                                   if self.backup else self.tr("Không có bản sao lưu dùng được trong thư mục backups."))
        self.backup_label.setObjectName("backupName")
        layout.addWidget(self.backup_label)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("recoveryResult")
        self.outcome.setReadOnly(True)
        self.outcome.hide()
        layout.addWidget(self.outcome)
        self.restore_button = QPushButton(self.tr("Khôi phục bản sao lưu này") if not self.key_missing
                                          else self.tr("Dùng khóa khôi phục"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(self.backup is not None or self.key_missing)
        self.restore_button.clicked.connect(self.restore)
        layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignRight)
        self.continue_button = QPushButton(self.tr("Tiếp tục đăng nhập"))
        self.continue_button.setObjectName("continueButton")
        self.continue_button.hide()
        self.continue_button.clicked.connect(self._continue)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        self.ops = Operations(runner, self, general=self.error)

    def restore(self) -> None:
        if self.ops.busy:
            return
        data_dir, backup, open_desk = self.data_dir, self.backup, self.open_desk
        if self.key_missing:
            key = keys.parse_recovery(self.recovery_key.text())
            if key is None:
                self.error.setText(self.tr("Khóa khôi phục gồm 64 chữ số hệ 16 (16 nhóm 4 ký tự)."))
                return

            def with_key() -> tuple[Desk, list[str]]:
                keys.install_key(data_dir, key)
                return open_desk(data_dir), []

            self.ops.run(with_key, self._restored, label="install recovery key", busy=(self.restore_button,))
            return
        assert backup is not None
        self.ops.run(lambda: restore_and_recover(data_dir, backup, open_desk), self._restored,
                     label="restore backup", busy=(self.restore_button,))

    def _restored(self, result: tuple[Desk, list[str]]) -> None:
        self.desk, lines = result
        self.restore_button.hide()
        self.message.setText(self.tr("Đã khôi phục dữ liệu."))
        self.outcome.setPlainText("\n".join(lines) or self.tr("Đã khôi phục."))
        self.outcome.show()
        self.continue_button.show()
        self.continue_button.setFocus()

    def _continue(self) -> None:
        assert self.desk is not None
        self.recovered.emit(self.desk)
        self.accept()
