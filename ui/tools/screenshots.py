"""Screenshots of every screen at 1366×768 on the demo commune, for docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python -m ui.tools.screenshots [--out docs/screenshots]

Dialogs are drawn over the window they belong to, as the officer sees them.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

SIZE = (1366, 768)
NOW = datetime(2026, 11, 23, 10, 5)
CARD = ("019188004321|019880123|Hoàng Thị Mai Anh|12071988|Nữ|"
        "Tổ dân phố 5, phường Hòa Bình, tỉnh Thái Nguyên|03082021")


def settle(app: QApplication, runner_wait: Callable[[], object] | None = None) -> None:
    for _ in range(5):
        if runner_wait is not None:
            runner_wait()
        app.processEvents()
        time.sleep(0.02)
        app.processEvents()


def composite(base: QWidget, dialog: QWidget | None = None) -> QPixmap:
    pix = base.grab()
    if dialog is not None:
        over = dialog.grab()
        painter = QPainter(pix)
        painter.fillRect(pix.rect(), QColor(0, 0, 0, 70))
        painter.drawPixmap(QPoint((pix.width() - over.width()) // 2, (pix.height() - over.height()) // 3), over)
        painter.end()
    return pix


def alone(dialog: QWidget) -> QPixmap:
    pix = QPixmap(*SIZE)
    pix.fill(QColor("#dfe6ee"))
    over = dialog.grab()
    painter = QPainter(pix)
    painter.drawPixmap(QPoint((SIZE[0] - over.width()) // 2, (SIZE[1] - over.height()) // 3), over)
    painter.end()
    return pix


def take(out: Path, lang: str) -> list[Path]:
    from desk.demo import seed_demo
    from desk.forms.qr import slip_url
    from desk.intake import ApplicantInput, IntakeInput
    from desk.services import Desk
    from ui.app import DeskApp, apply_style
    from ui.i18n import install_language
    from ui.printing import QtPrinter

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app)
    install_language(lang)
    work = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    clock = [NOW]
    desk = Desk.open(work / "data", clock=lambda: clock[0])
    seed_demo(desk, count=260, now=NOW)
    from desk.sync import SyncClient

    controller = DeskApp(desk, printer=QtPrinter(output_file=work / "printed.pdf", dpi=72),
                         demo_hint="Dữ liệu mẫu — admin / admin123 · canbo1 / canbo123 · lanhdao / lanhdao123",
                         sync_client=SyncClient(desk))
    wait = controller.runner.wait
    saved: list[Path] = []
    suffix = "" if lang == "vi" else f"-{lang}"

    def save(name: str, pix: QPixmap) -> None:
        if (pix.width(), pix.height()) != SIZE:
            # Something widened the window past the commune PC's screen: that is a layout bug to fix.
            raise SystemExit(f"{name}: {pix.width()}×{pix.height()} instead of {SIZE[0]}×{SIZE[1]}")
        path = out / f"{name}{suffix}.png"
        pix.save(str(path))
        saved.append(path)

    first_run(app, work, clock, save)

    controller.start()
    assert controller.login is not None
    controller.login.username.setText("admin")
    settle(app)
    save("02-login", alone(controller.login))
    window = controller.open_main(desk.officers.authenticate("admin", "admin123"))
    controller.login.close()
    window.resize(*SIZE)
    settle(app, wait)
    intake = controller.pages["intake"]
    save("03-intake-empty", window.grab())

    intake.fill_from_card(CARD)
    intake.search.setText("khai sinh")
    intake.run_search()
    intake.pick_current()
    intake.inputs["phone"].setText("0912345678")
    settle(app, wait)
    save("04-intake-filled", window.grab())

    intake.clear()
    intake.inputs["id_number"].setText("019188004321")
    intake.inputs["dob"].setText("12/07/1987")
    intake.set_procedure("1.000894")
    intake.submit("received")
    settle(app, wait)
    save("05-intake-errors", window.grab())

    intake.clear()
    intake.fill_from_card(CARD)
    intake.set_procedure("1.001193")
    intake.ask_outcome("supplement_requested")
    settle(app)
    dialog = app.activeModalWidget() or window.findChild(QDialog, "OutcomeDialog")
    save("06-intake-supplement-02", composite(window, dialog))
    if isinstance(dialog, QDialog):
        dialog.reject()
    intake.clear()
    settle(app)

    desk_page = controller.pages["dossiers"]
    window.show_page("dossiers")
    settle(app, wait)
    # An open dossier with some history shows the timeline and the allowed actions.
    target = (desk.store.query_one("SELECT id FROM dossiers WHERE status = 'in_processing' "
                                   "AND new_due_at IS NOT NULL ORDER BY received_at DESC LIMIT 1")
              or desk.store.query_one("SELECT id FROM dossiers WHERE status = 'in_processing' "
                                      "ORDER BY received_at DESC LIMIT 1"))
    assert target is not None
    row = next((i for i, r in enumerate(desk_page.model.rows) if r["id"] == target["id"]), 0)
    desk_page.table.selectRow(row)
    settle(app)
    save("07-dossiers", window.grab())
    desk_page.set_filter("overdue")
    settle(app)
    save("08-dossiers-overdue", window.grab())
    desk_page.set_filter("all")
    open_one = desk.store.query_one("SELECT id FROM dossiers WHERE status = 'received' ORDER BY received_at DESC")
    if open_one:
        desk_page.show_dossier(open_one["id"])
        desk_page.run_action("apologize")
        settle(app)
        dialog = app.activeModalWidget() or window.findChild(QDialog, "ActionDialog")
        save("09-dossier-apology-04", composite(window, dialog))
        if isinstance(dialog, QDialog):
            dialog.reject()
        settle(app)

    handed = desk.store.query_one("SELECT id FROM dossiers WHERE status = 'received' ORDER BY received_at DESC")
    if handed:
        desk_page.show_dossier(handed["id"])
        desk_page.run_action("hand_over")
        settle(app)
        dialog = app.activeModalWidget() or window.findChild(QDialog, "ActionDialog")
        save("09b-dossier-hand-over", composite(window, dialog))
        if isinstance(dialog, QDialog):
            dialog.reject()
        settle(app)

    # The print preview (print.preview on): the slip's two copies as they will print.
    from ui.printing import PREVIEW_DPI, PreviewDialog, pdf_page_images

    code = desk.store.scalar("SELECT code FROM dossiers WHERE status = 'received' ORDER BY received_at DESC")
    if code:
        from desk.forms import FormService

        pages = pdf_page_images(FormService(desk).slip(code), PREVIEW_DPI)
        preview = PreviewDialog(f"Giấy tiếp nhận và hẹn trả kết quả {code}", [im for im, _s in pages], window)
        preview.show()
        settle(app)
        save("09c-print-preview", composite(window, preview))
        preview.close()

    new_steps(app, controller, window, desk, clock, out, save, wait, lang)

    returns = controller.pages["returns"]
    ready = desk.store.query_one("SELECT id, code FROM dossiers WHERE status = 'result_ready' LIMIT 1")
    if ready is None:
        officer = desk.officers.authenticate("canbo1", "canbo123")
        made = desk.dossiers.receive(IntakeInput("2.000908", ApplicantInput(
            full_name="Lý Văn Nam", id_number="019090001234", dob="01/01/1990", gender="Nam")), officer["id"])
        desk.dossiers.act(made["id"], "hand_over", officer["id"])
        ready = desk.dossiers.act(made["id"], "result_ready", officer["id"])
    window.show_page("returns")
    returns.open_text(slip_url(desk.office.require(), ready["code"]), scanned=True)
    settle(app, wait)
    save("10-return-verified", window.grab())
    bad = slip_url(desk.office.require(), ready["code"])[:-4] + "ZZZZ"
    returns.open_text(bad, scanned=True)
    settle(app)
    save("11-return-forged-slip", window.grab())
    returns.submit()
    settle(app, wait)
    save("12-return-satisfaction", window.grab())
    returns._finish()

    settings = controller.pages["settings"]
    window.show_page("settings")
    for i, name in enumerate(("office", "hours", "printer", "calendar", "catalogue")):
        settings.tabs.setCurrentIndex(i)
        settle(app)
        save(f"{13 + i}-settings-{name}", window.grab())
    # The sync page of a PC not enrolled yet: what an officer sees before the admin runs `desk enroll`.
    window.show_page("sync")
    controller.pages["sync"].refresh()
    settle(app, wait)
    save("18-sync-not-enrolled", window.grab())
    sync_pages(app, controller, window, desk, clock, work, save)
    controller.shutdown()
    for w in (window, controller.login):
        if w is not None:
            w.close()
    desk.close()
    install_language("vi")
    return saved


def new_steps(app: QApplication, controller: Any, window: Any, desk: Any, clock: list[datetime], out: Path,
              save: Callable[[str, QPixmap], None], wait: Callable[[], object], lang: str) -> None:
    """Issue 12: the limit answered once per procedure, the new steps' dialogs, a late dossier whose
    apology stands beside the promised date, and the register printing both dates."""
    from datetime import timedelta

    from desk.intake import ApplicantInput, IntakeInput

    intake = controller.pages["intake"]
    window.show_page("intake")
    intake.clear()
    intake.fill_from_card(CARD)
    # A procedure the demo's officers have not needed yet: its sources give no limit.
    unanswered = desk.store.scalar("SELECT code FROM procedures WHERE time_limit IS NULL "
                                   "ORDER BY code = '1.004746' DESC, code LIMIT 1")
    if unanswered:
        intake.set_procedure(str(unanswered))
        intake.declare_limit()
        settle(app)
        dialog = app.activeModalWidget() or window.findChild(QDialog, "LimitDialog")
        save("09d-intake-limit-once", composite(window, dialog))
        if isinstance(dialog, QDialog):
            dialog.reject()
        intake.clear()
        settle(app)

    officer = desk.officers.authenticate("canbo1", "canbo123")["id"]
    person = ApplicantInput("Đặng Văn Khoa", "019085004567", "03/04/1985", "Nam", "Thôn Đồng, phường Hòa Bình",
                            "0987654321")
    # A dossier received last week, late, with an apology: the promised date stays and it stays late.
    clock[0] = NOW - timedelta(days=7)
    late = desk.dossiers.receive(IntakeInput("1.004873", person), officer)
    desk.dossiers.act(late["id"], "hand_over", officer, data={"to_unit": "Công chức Tư pháp – Hộ tịch"})
    clock[0] = NOW - timedelta(days=4)
    # An apology with a new date is the leader's decision (desk/permissions.py), as at a real desk.
    leader = desk.officers.authenticate("lanhdao", "lanhdao123")["id"]
    desk.dossiers.act(late["id"], "apologize", leader, data={
        "reason": "Chờ kết quả xác minh tại nơi cư trú trước đây.",
        "new_due_at": (NOW + timedelta(days=2)).replace(hour=16, minute=0).isoformat(timespec="minutes")})
    clock[0] = NOW - timedelta(days=5)
    verify = desk.dossiers.receive(IntakeInput("1.001022", person), officer)
    desk.dossiers.act(verify["id"], "hand_over", officer, data={"to_unit": "Công chức Tư pháp – Hộ tịch"})
    clock[0] = NOW
    desk_page = controller.pages["dossiers"]
    window.show_page("dossiers")
    desk_page.set_filter("overdue")
    settle(app, wait)
    row = next((i for i, r in enumerate(desk_page.model.rows) if r["id"] == late["id"]), 0)
    desk_page.table.selectRow(row)
    settle(app, wait)
    save("09e-dossier-late-with-apology", window.grab())
    desk_page.set_filter("all")
    settle(app, wait)
    for name, action, target in (("09f-dossier-verification", "require_verification", verify["id"]),
                                 ("09g-dossier-financial-obligation", "request_payment", verify["id"]),
                                 ("09h-dossier-refuse-after-processing", "reject", verify["id"]),
                                 ("09i-dossier-cancel", "cancel", verify["id"])):
        desk_page.show_dossier(target)
        desk_page.run_action(action)
        settle(app)
        dialog = app.activeModalWidget() or window.findChild(QDialog, "ActionDialog")
        save(name, composite(window, dialog))
        if isinstance(dialog, QDialog):
            dialog.reject()
        settle(app)
    if lang == "vi":
        # The register of the late dossier's week, first page: both dates, each line's verdict.
        import pypdfium2 as pdfium

        from desk.forms import FormService

        day = (NOW - timedelta(days=7)).date()
        doc = pdfium.PdfDocument(str(FormService(desk).register(day, day)))
        try:
            # The page with the late dossier's line (its promised date, and under it the apology's).
            page = next(i for i in range(len(doc)) if late["code"][-6:] in doc[i].get_textpage().get_text_range())
            doc[page].render(scale=110 / 72).to_pil().save(out / "22-register-both-dates.png", optimize=True)
        finally:
            doc.close()


# Qt objects made here live until the tool exits: dropped, the lambdas connected to them form cycles that
# Python's collector may free later on a worker thread, and Qt objects must die on the GUI thread.
_KEEP: list[object] = []


def first_run(app: QApplication, work: Path, clock: list[datetime], save: Callable[[str, QPixmap], None]) -> None:
    """The first-run wizard's four pages on an empty desk, filled as an officer would, and the test page
    it printed (rendered to PNG beside the screenshots)."""
    from desk.services import Desk
    from desk.setup_wizard import ADMIN, DISTRICT, OFFICE, PRINTER
    from ui.first_run import FirstRunWizard
    from ui.printing import PrintOptions, PrintQueue, QtPrinter
    from ui.tasks import TaskRunner

    empty = Desk.open(work / "empty", clock=lambda: clock[0])
    runner = TaskRunner()
    queue = PrintQueue(runner, QtPrinter(output_file=work / "test-page.pdf", dpi=72), lambda: PrintOptions())
    wizard = FirstRunWizard(empty, runner, queue, None)
    wizard.show()
    settle(app)
    office = wizard.pages[OFFICE].inputs
    for key, value in (("name", "UBND xã Tân Lập"), ("agency_code", "000.00.07.H56"),
                       ("address", "Thôn Đông, xã Tân Lập, tỉnh Thái Nguyên")):
        edit = office[key]
        assert isinstance(edit, QLineEdit)
        edit.setText(value)
        if key == "agency_code":
            wizard._agency_code_edited(value)
    province = office["province"]
    assert isinstance(province, QLineEdit)
    province.setText("thai")
    wizard._suggest_provinces("thai")
    wizard.province_list.setCurrentRow(1)
    settle(app)
    save("01-first-run", alone(wizard))
    province.setText("Tỉnh Thái Nguyên")
    wizard.submit()
    settle(app, runner.wait)
    admin = wizard.pages[ADMIN].inputs
    for key, value in (("full_name", "Nguyễn Thị Quản Trị"), ("password", "matkhau123"), ("password2", "matkhau1")):
        edit = admin[key]
        assert isinstance(edit, QLineEdit)
        edit.setText(value)
    wizard.submit()  # the two passwords differ: the page says so under the field
    settle(app, runner.wait)
    save("01b-first-run-admin", alone(wizard))
    edit = admin["password2"]
    assert isinstance(edit, QLineEdit)
    edit.setText("matkhau123")
    wizard.submit()
    settle(app, runner.wait)
    assert wizard.current == PRINTER
    wizard.test_print()
    deadline = time.monotonic() + 60
    while queue.in_flight and time.monotonic() < deadline:
        settle(app, runner.wait)
    save("01c-first-run-printer", alone(wizard))
    wizard.submit()
    settle(app, runner.wait)
    assert wizard.current == DISTRICT
    for key, value in (("server_url", "https://motcua.huyen.example.vn"), ("code", "")):
        edit = wizard.pages[DISTRICT].inputs[key]
        assert isinstance(edit, QLineEdit)
        edit.setText(value)
    wizard.submit()  # no code typed: said under the field; "Bỏ qua, làm sau" remains
    settle(app, runner.wait)
    save("01d-first-run-district", alone(wizard))
    wizard.close()
    runner.wait()
    empty.close()
    _KEEP.extend([wizard, queue, runner])


def sync_pages(app: QApplication, controller: Any, window: Any, desk: Any, clock: list[datetime], work: Path,
               save: Callable[[str, QPixmap], None]) -> None:
    """The sync page of an enrolled PC against a real `district serve` on loopback: a district step
    that came down, one conflict with both values, then the day close the server agreed to."""
    from tests.support.server import ServerProcess  # a checkout's helper: this tool runs from one

    # The server stamps the real time; a desk clock far from it would (rightly) show a clock warning.
    clock[0] = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None, microsecond=0)
    wait = controller.runner.wait
    panel = controller.pages["sync"]
    with ServerProcess(f"sqlite:///{work / 'district.db'}", work / "district") as server:
        client = panel.client
        client.enroll(server.url, server.enroll_code(desk.office.require().agency_code))
        officer = desk.officers.authenticate("canbo1", "canbo123")
        fresh = [desk.store.query_one("SELECT id, code FROM dossiers WHERE status = 'received' "
                                      "ORDER BY received_at DESC LIMIT 1 OFFSET ?", (i,)) for i in (0, 1)]
        for row in fresh:
            desk.dossiers.act(row["id"], "hand_over", officer["id"], data={"to_unit": "Tư pháp - Hộ tịch"})
        client.sync_once()
        # The district records its steps; the desk meanwhile asks the citizen for a missing paper.
        server.cli("act", fresh[0]["code"], "result_ready")
        server.cli("act", fresh[1]["code"], "result_ready")
        desk.dossiers.act(fresh[1]["id"], "request_supplement", officer["id"],
                          data={"missing_documents": ["Bản sao giấy chứng sinh"]})
        panel.refresh()  # enrolled now: the buttons come alive
        settle(app, wait)
        finished: list[object] = []
        panel.sync_finished.connect(finished.append)
        panel.day_closed.connect(finished.append)
        for button, name in ((panel.sync_button, "19-sync-conflict"), (panel.close_button, "20-sync-day-closed")):
            finished.clear()
            button.click()
            deadline = time.monotonic() + 120
            while not finished:
                if time.monotonic() > deadline:
                    raise SystemExit(f"{name}: no answer from the district in 120 s:\n{server.log()}")
                settle(app, wait)
            settle(app, wait)
            save(name, window.grab())
        # The district publishes a newer desk build; after the next check the status bar says so.
        from desk import updates

        server.cli("desk-release", "0.2.0", "--url", "https://motcua.huyen.example.vn/tai-ve/")
        updates.check(desk.store, client.transport)
        controller.refresh_status()
        settle(app, wait)
        save("21-update-available", window.grab())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "docs" / "screenshots")
    parser.add_argument("--lang", choices=["vi", "en", "both"], default="both")
    opts = parser.parse_args()
    opts.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, True)
    paths = []
    for lang in (["vi", "en"] if opts.lang == "both" else [opts.lang]):
        paths += take(opts.out, lang)
    for p in paths:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
