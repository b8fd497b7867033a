"""The composition root: builds the desk services, the runner, the forms and the printer, and hands
them to the windows. Nothing else in `ui` constructs services."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desk import health, keys, permissions
from desk.backup import automatic_backup
from desk.citizen_id import looks_like_card_qr
from desk.errors import AlreadyRunning, SchemaTooNew
from desk.logs import setup_logging
from desk.paths import default_data_dir
from desk.services import Desk
from desk.setup_wizard import FirstRun
from desk.sync import SyncClient, SyncReport
from desk.sync.lock import app_lock
from desk.sync.loop import SyncLoop
from desk.updates import UpdateNotice, check_if_due, notice
from desk.version import app_version
from desk.views import has_dossiers
from ui.context import DeskContext, Forms, LazyForms
from ui.dossier_desk import DossierDeskPage
from ui.first_run import FirstRunWizard
from ui.i18n import install_language
from ui.idle_lock import IdleLock
from ui.intake import IntakePage
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.print_worker import PrintWorker
from ui.printing import Printer, PrintOptions, PrintQueue, QtPrinter
from ui.recovery import RecoveryDialog
from ui.reports_page import ReportsPage
from ui.returns import ReturnPage
from ui.scanner import ScanDetector
from ui.settings_page import SettingsPage
from ui.sync_panel import SyncPanel
from ui.sync_status import SyncStatusWidget
from ui.tasks import TaskRunner
from ui.till import TillPage

log = logging.getLogger(__name__)
STYLE = Path(__file__).resolve().parent.parent / "resources" / "desk.qss"
ICON = STYLE.parent / "icons" / "motcua.png"
VERSION_INTERVAL_MS = 60_000


def looks_like_slip_qr(text: str) -> bool:
    return "MHS=" in text.upper()


class DeskApp(QObject):
    """First run → log-in → the main window, wired once."""

    # Emitted with the main window once an officer is logged in.
    window_opened = Signal(object)

    def __init__(self, desk: Desk, *, runner: TaskRunner | None = None, forms: Forms | None = None,
                 printer: Printer | None = None, demo_hint: str = "", install_scanner: bool = True,
                 sync_client: SyncClient | None = None, print_worker: PrintWorker | None = None) -> None:
        super().__init__()
        self.desk = desk
        self._owns_sync_client = sync_client is None
        self.sync_client = sync_client if sync_client is not None else SyncClient(desk)
        self.runner = runner or TaskRunner(self)
        # Forms are rendered and pages painted in a process of its own (ui/print_worker.py); a worker
        # handed in (tests share one) is not ours to stop.
        self._owns_print_worker = print_worker is None
        self.print_worker = print_worker if print_worker is not None else PrintWorker()
        self.forms: Forms = forms if forms is not None else LazyForms(desk, renderer=self.print_worker.render)
        self.print_queue = PrintQueue(self.runner, printer or QtPrinter(worker=self.print_worker),
                                      self._print_options, self)
        self.demo_hint = demo_hint
        self.first_run: FirstRunWizard | None = None
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.ctx: DeskContext | None = None
        self.pages: dict[str, Any] = {}
        self.sync_status: SyncStatusWidget | None = None
        self.idle_lock: IdleLock | None = None
        self.scanner = ScanDetector(self._is_scan, parent=self)
        self.scanner.scanned.connect(self._on_scan)
        app = QApplication.instance()
        if install_scanner and isinstance(app, QApplication):
            self.scanner.install(app)
        # The status bar's version label: this build, or a newer one the district publishes.
        self.version_timer = QTimer(self)
        self.version_timer.setInterval(VERSION_INTERVAL_MS)
        self.version_timer.timeout.connect(self.refresh_status)

    def _print_options(self) -> PrintOptions:
        # Called on the print worker: reading settings touches the database.
        s = self.desk.settings
        return PrintOptions(printer_name=str(s.get("print.printer")), copies=int(s.get("print.copies")),
                            preview=bool(s.get("print.preview")))

    # --- start-up ---------------------------------------------------------------------------------
    def start(self) -> None:
        step = FirstRun(self.desk).pending_step()
        if step is not None:
            self.first_run = FirstRunWizard(self.desk, self.runner, self.print_queue, self.sync_client.enroll,
                                            start=step)
            self.first_run.completed.connect(self._first_run_done)
            self.first_run.show()
            self.first_run.activateWindow()
        else:
            self.show_login()

    def _first_run_done(self, officer: dict[str, Any] | None) -> None:
        # The admin who just chose the password goes straight to work; a wizard resumed after a
        # restart did not see the password typed, so it asks for it.
        if officer is not None:
            self.open_main(officer)
        else:
            self.show_login()

    def show_login(self) -> None:
        profile = self.desk.office.require()
        self.login = LoginDialog(self.desk, self.runner, profile.name)
        if self.demo_hint:
            hint = QLabel(self.demo_hint)
            hint.setObjectName("hint")
            layout = self.login.layout()
            assert layout is not None
            layout.addWidget(hint)
        self.login.logged_in.connect(self.open_main)
        self.login.show()
        self.login.activateWindow()
        self.login.username.setFocus()

    def open_main(self, officer: dict[str, Any]) -> MainWindow:
        profile = self.desk.office.require()
        ctx = self.ctx = DeskContext(self.desk, self.runner, self.forms, self.print_queue, self.sync_client,
                                     officer, self)
        window = self.window = MainWindow()
        window.set_identity(officer["full_name"], profile.name)
        later = QCoreApplication.translate("DeskApp", "Chức năng «{0}» chưa có trong bản này; sẽ có khi phần đó hoàn thành.")
        for key, title in (("intake", QCoreApplication.translate("DeskApp", "Tiếp nhận")), ("dossiers", QCoreApplication.translate("DeskApp", "Hồ sơ")), ("returns", QCoreApplication.translate("DeskApp", "Trả kết quả")),
                           ("reception", QCoreApplication.translate("DeskApp", "Tiếp công dân")), ("reports", QCoreApplication.translate("DeskApp", "Báo cáo")),
                           ("till", QCoreApplication.translate("DeskApp", "Thu phí")),
                           ("sync", QCoreApplication.translate("DeskApp", "Đồng bộ")), ("settings", QCoreApplication.translate("DeskApp", "Cài đặt"))):
            window.reserve_page(key, title, later.format(title))
        intake = IntakePage(ctx)
        desk_page = DossierDeskPage(ctx)
        returns = ReturnPage(ctx)
        self.pages = {"intake": intake, "dossiers": desk_page, "returns": returns}
        window.add_page("intake", QCoreApplication.translate("DeskApp", "Tiếp nhận"), intake, "Ctrl+1")
        window.add_page("dossiers", QCoreApplication.translate("DeskApp", "Hồ sơ"), desk_page, "Ctrl+2")
        window.add_page("returns", QCoreApplication.translate("DeskApp", "Trả kết quả"), returns, "Ctrl+3")
        if ctx.is_admin:
            settings = SettingsPage(ctx)
            self.pages["settings"] = settings
            window.add_page("settings", QCoreApplication.translate("DeskApp", "Cài đặt"), settings, "Ctrl+7")
        else:
            window.reserve_page("settings", QCoreApplication.translate("DeskApp", "Cài đặt"), QCoreApplication.translate("DeskApp", "Chỉ quản trị viên được mở phần Cài đặt."))
        sync_page = SyncPanel(self.desk, ctx.sync_client, self.runner)
        self.pages["sync"] = sync_page
        window.add_page("sync", QCoreApplication.translate("DeskApp", "Đồng bộ"), sync_page, "Ctrl+6")
        till = TillPage(ctx)
        self.pages["till"] = till
        window.add_page("till", QCoreApplication.translate("DeskApp", "Thu phí"), till, "Ctrl+8")
        if permissions.allowed(str(officer.get("role")), "reports"):
            reports = ReportsPage(ctx)
            self.pages["reports"] = reports
            window.add_page("reports", QCoreApplication.translate("DeskApp", "Báo cáo"), reports, "Ctrl+5")
        else:
            window.reserve_page("reports", QCoreApplication.translate("DeskApp", "Báo cáo"), QCoreApplication.translate(
                "DeskApp", "Chỉ lãnh đạo và quản trị viên xem báo cáo."))
        # The till's close is one step of the day close (desk/fees/till.py, desk/sync/daybook.py).
        sync_page.prepare_close = till.prepare_day_close
        sync_page.day_closed.connect(till.after_day_close)
        intake.fee_panel.receipt_issued.connect(lambda _r: till.refresh())
        sync_status = SyncStatusWidget(self.desk, ctx.sync_client, self.runner)
        window.add_status_widget(sync_status)
        # The bar must agree with the page the moment a sync, a day close, an enrolment or a new
        # dossier ends, not at its next timed refresh.
        sync_page.sync_finished.connect(lambda _r: sync_status.refresh())
        sync_page.day_closed.connect(lambda _r: sync_status.refresh())
        sync_page.enrolled.connect(sync_status.refresh)
        ctx.dossier_changed.connect(lambda _d: sync_status.refresh())
        self.sync_status = sync_status
        # After the day close, a checked backup of the day (and a copy on the stick if one is set).
        sync_page.day_closed.connect(lambda _r: self._day_close_backup())
        desk_page.return_requested.connect(self._return_dossier)
        ctx.settings_changed.connect(self._settings_changed)
        self.print_queue.failed_changed.connect(window.set_failed_prints)
        window.retry_prints_requested.connect(self.retry_failed_prints)
        self.idle_lock = IdleLock(window, self.desk, self.runner, officer)
        self._load_idle_minutes()
        window.resize(1366, 768)
        window.show()
        window.show_page("intake")
        intake.activate()
        desk_page.refresh()
        self.refresh_status()
        self.version_timer.start()
        # Start the print worker process and load the forms now, while the officer looks at the screen:
        # a first import holds Python's lock for a while, better before the first citizen than during
        # the first print. The child imports in its own process; a failure shows at the first print.
        worker = self.print_worker
        self.runner.run(lambda: _warm_up_printing(worker), None, lambda _exc: None, label="warm-up printing")
        self.window_opened.emit(window)
        return window

    # --- the scanner ------------------------------------------------------------------------------
    def _is_scan(self, text: str) -> bool:
        if self.window is None or not self.window.isVisible():
            return False
        if self.idle_lock is not None and self.idle_lock.locked:
            return False  # nothing reaches the pages under the lock panel
        return looks_like_card_qr(text) or looks_like_slip_qr(text)

    def _on_scan(self, text: str) -> None:
        assert self.window is not None
        if looks_like_card_qr(text):
            self.window.show_page("intake")
            self.pages["intake"].fill_from_card(text)
        else:
            self.window.show_page("returns")
            self.pages["returns"].open_text(text, scanned=True)

    def _return_dossier(self, dossier_id: str) -> None:
        assert self.window is not None
        self.window.show_page("returns")
        self.pages["returns"].open_dossier(dossier_id)

    # --- status bar -------------------------------------------------------------------------------
    def refresh_status(self) -> None:
        if self.window is None:
            return
        store = self.desk.store
        self.runner.run(lambda: notice(store), self._show_status, lambda _exc: None, label="update notice")

    def _show_status(self, update: UpdateNotice | None) -> None:
        if self.window is None:
            return
        if update is None:
            self.window.set_version(QCoreApplication.translate("DeskApp", "Phiên bản {0}").format(app_version()))
            return
        where = (QCoreApplication.translate("DeskApp", "Tải tại: {0}").format(update.download_url)
                 if update.download_url else QCoreApplication.translate("DeskApp", "Hỏi quản trị cấp trên bộ cài mới."))
        self.window.set_version(
            QCoreApplication.translate("DeskApp", "Có phiên bản mới {0} (máy này: {1})").format(update.latest,
                                                                                                update.current),
            QCoreApplication.translate("DeskApp", "Cài đè lên bản cũ; dữ liệu được giữ và tự sao lưu trước khi "
                                                  "nâng cấp. {0}").format(where), newer=True)

    def retry_failed_prints(self) -> None:
        for job in list(self.print_queue.failed_jobs):
            self.print_queue.retry(job)

    def _load_idle_minutes(self) -> None:
        settings, lock = self.desk.settings, self.idle_lock
        if lock is not None:
            self.runner.run(lambda: int(settings.get("security.idle_lock_minutes")), lock.set_minutes,
                            lambda _exc: None, label="idle lock setting")

    def _day_close_backup(self) -> None:
        desk, window = self.desk, self.window

        def shown(text: str) -> None:
            if window is not None and text:
                window.statusBar().showMessage(text, 15000)

        self.runner.run(lambda: automatic_backup(desk.store, desk.settings, label="dayclose"), shown,
                        lambda _exc: None, label="day-close backup")

    def _settings_changed(self) -> None:
        self._load_idle_minutes()
        profile = self.desk.office.get()
        if self.window is not None and profile is not None and self.ctx is not None:
            self.window.set_identity(self.ctx.officer["full_name"], profile.name)

    def shutdown(self) -> None:
        self.version_timer.stop()
        if self.sync_status is not None:
            self.sync_status.timer.stop()
        self.runner.wait(30000)
        if self._owns_sync_client:
            self.sync_client.close()
        if self._owns_print_worker:
            self.print_worker.stop()


def _warm_up_printing(worker: PrintWorker) -> None:
    worker.start()
    import desk.forms  # noqa: F401  (the data of a form is still read in this process)


def apply_style(app: QApplication) -> None:
    if STYLE.exists():
        app.setStyleSheet(STYLE.read_text(encoding="utf-8"))


def run(*, data_dir: Path | None = None, demo: bool = False, lang: str | None = None,
        qt_args: Sequence[str] = ()) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("motcua-desk")
    app.setApplicationVersion(app_version())
    app.setWindowIcon(QIcon(str(ICON)))
    folder = data_dir or default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    lock = app_lock(folder)
    try:
        lock.acquire()
    except AlreadyRunning as e:
        # A second window on the same data would race the first; a restore under it would lose writes.
        QMessageBox.warning(None, "Bộ phận Một cửa", e.message_vi)
        return 1
    logs = setup_logging(folder, "desk")
    logs.install_excepthooks()
    log.info("desk window starting (data folder %s)", folder.name)
    try:
        return _run_locked(app, folder, demo=demo, lang=lang)
    except SchemaTooNew as e:
        # An older build than the one that last wrote this data: it must not touch it (desk/store.py).
        # Said in a window, since the desk is started from a shortcut with no console to read.
        QMessageBox.critical(None, "Bộ phận Một cửa", f"{e.message_vi}\n\nThư mục dữ liệu: {folder}")
        return 2
    finally:
        log.info("desk window closed")
        logs.close()
        lock.release()


def _open_or_recover(folder: Path) -> Desk | None:
    """The desk, or — when its database is damaged, lost or its key is missing — the recovery screen;
    None if the officer closed it without recovering."""
    try:
        return Desk.open(folder)
    except (health.DamagedDatabase, keys.KeyMissing) as e:
        log.warning("desk database cannot be opened: %s", e.code)
        runner = TaskRunner()
        dialog = RecoveryDialog(e, folder, runner, Desk.open)
        opened: list[Desk] = []
        dialog.recovered.connect(opened.append)
        dialog.exec()
        runner.wait(60000)
        return opened[0] if opened else None


def _run_locked(app: QApplication, folder: Path, *, demo: bool, lang: str | None) -> int:
    found = _open_or_recover(folder)
    if found is None:
        return 1
    desk = found
    hint = ""
    if demo:
        if not has_dossiers(desk.store):
            from desk.demo import seed_demo

            seed_demo(desk)
        hint = "Dữ liệu mẫu — admin / admin123 · canbo1 / canbo123 · lanhdao / lanhdao123"
    install_language(lang or str(desk.settings.get("ui.language")))
    apply_style(app)
    controller = DeskApp(desk, demo_hint=hint)
    sync_client = controller.sync_client
    # Sync in the background from start-up, on a timer, soon after new writes, with backoff after a
    # failure (desk/sync/loop.py); it ends by itself on a PC that is not enrolled yet.
    # After each good sync (on the loop's thread), ask at most every few hours whether the district
    # publishes a newer desk build; the status bar shows it (desk/updates.py).
    def after_sync(report: SyncReport) -> None:
        if report.ok:
            check_if_due(desk.store)

    loop = SyncLoop(sync_client, on_report=after_sync)
    controller.window_opened.connect(lambda _w: loop.start())
    # A PC enrolled from the sync page starts syncing at once (the loop had ended: not enrolled).
    controller.window_opened.connect(lambda _w: controller.pages["sync"].enrolled.connect(loop.start))
    # The daily backup, off the GUI thread, once someone is at the desk.
    controller.window_opened.connect(
        lambda _w: controller.runner.run(
            lambda: automatic_backup(desk.store, desk.settings, label="auto", daily=True),
            lambda text: _w.statusBar().showMessage(text, 15000) if text else None, lambda _exc: None,
            label="daily backup"))
    controller.start()
    try:
        return int(app.exec())
    finally:
        loop.stop(timeout=10)
        controller.shutdown()
        desk.close()
