"""The window's half of `desk --self-test`: Qt starts (offscreen unless a display is asked for), the
English translation and the style sheet load, and the slip goes through the real print path (pdfium
rasterises it, QtPrintSupport paints it) into a PDF. A frozen build that forgot a Qt plugin, the .qm
or the .qss fails here, on the build machine, instead of at a commune's counter."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from desk.selftest import Check


def run_qt_checks(workdir: Path, report: Callable[[Check], None]) -> list[Check]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from ui.app import STYLE
    from ui.i18n import TRANSLATIONS_DIR
    from ui.print_worker import PrintWorker
    from ui.printing import PrintOptions, QtPrinter

    checks: list[Check] = []

    def step(name: str, fn: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            check = Check(name, True, f"{fn()} ({(time.perf_counter() - started) * 1000:.0f} ms)")
        except Exception as e:  # reported as a line, like the core checks
            check = Check(name, False, f"{type(e).__name__}: {e}")
        checks.append(check)
        report(check)

    def qt() -> str:
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(["desk-self-test"])
        translator = QTranslator()
        if not translator.load(str(TRANSLATIONS_DIR / "desk_en.qm")):
            raise RuntimeError("desk_en.qm missing")
        if translator.translate("DeskApp", "Tiếp nhận") != "Intake":
            raise RuntimeError("the English translation does not translate")
        if not STYLE.read_text(encoding="utf-8").strip():
            raise RuntimeError("desk.qss is empty")
        return f"Qt platform «{app.platformName()}», translation and style sheet loaded"

    def printing() -> str:
        slips = sorted((workdir / "data" / "forms").rglob("slip-*.pdf"))
        if not slips:
            raise RuntimeError("no slip was rendered")
        out = workdir / "printed.pdf"
        # Through the print worker process, as the window prints: a frozen build must be able to start it.
        worker = PrintWorker()
        try:
            QtPrinter(output_file=out, dpi=100, worker=worker).print_pdf(slips[0], PrintOptions())
        finally:
            worker.stop()
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(out))
        try:
            pages = len(doc)
        finally:
            doc.close()
        if pages != 2:
            raise RuntimeError(f"the printed slip has {pages} pages, not 2")
        return f"slip printed through the print worker process and QtPrintSupport to a {pages}-page PDF"

    step("qt", qt)
    if checks[-1].ok:
        step("print", printing)
    return checks
