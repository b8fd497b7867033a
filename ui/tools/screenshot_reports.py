"""Screenshots of the "Báo cáo" page at 1366×768 on the demo commune (three months of dossiers made
through the real write path), for docs/screenshots/:

    QT_QPA_PLATFORM=offscreen python -m ui.tools.screenshot_reports [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from ui.tools.screenshots import NOW, SIZE, settle


def take(out: Path, lang: str) -> list[Path]:
    from desk.demo import seed_demo
    from desk.services import Desk
    from ui.app import DeskApp, apply_style
    from ui.i18n import install_language
    from ui.printing import QtPrinter
    from ui.reports_page import ReportsPage

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app)
    install_language(lang)
    work = Path(tempfile.mkdtemp(prefix="desk-report-shots-"))
    desk = Desk.open(work / "data", clock=lambda: NOW)
    seed_demo(desk, count=420, days=80, now=NOW)
    controller = DeskApp(desk, printer=QtPrinter(output_file=work / "printed.pdf", dpi=72))
    controller.start()
    window = controller.open_main(desk.officers.authenticate("lanhdao", "lanhdao123"))
    if controller.login is not None:
        controller.login.close()
    window.resize(*SIZE)
    window.show_page("reports")
    page = controller.pages["reports"]
    assert isinstance(page, ReportsPage)
    start = date(2026, 9, 1)  # three months: the charts have a few months to show
    page.date_from.setDate(QDate(start.year, start.month, start.day))
    page.date_to.setDate(QDate(NOW.year, NOW.month, NOW.day))
    page.refresh()
    settle(app, controller.runner.wait)
    suffix = "" if lang == "vi" else f"-{lang}"
    saved = []
    for index, name in ((0, "23-reports-period"), (4, "24-reports-charts"), (3, "25-reports-overdue")):
        page.tabs.setCurrentIndex(index)
        settle(app, controller.runner.wait)
        pix = window.grab()
        if (pix.width(), pix.height()) != SIZE:
            raise SystemExit(f"{name}: {pix.width()}×{pix.height()} instead of {SIZE[0]}×{SIZE[1]}")
        path = out / f"{name}{suffix}.png"
        pix.save(str(path))
        saved.append(path)
    controller.shutdown()
    window.close()
    desk.close()
    install_language("vi")
    return saved


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "docs" / "screenshots")
    parser.add_argument("--lang", choices=["vi", "en", "both"], default="vi")
    opts = parser.parse_args()
    opts.out.mkdir(parents=True, exist_ok=True)
    for lang in (["vi", "en"] if opts.lang == "both" else [opts.lang]):
        for p in take(opts.out, lang):
            print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
