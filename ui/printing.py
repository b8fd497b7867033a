"""Printing the PDFs that `desk` renders, through QtPrintSupport, in the print worker process.

The PDF is the single source of truth for what a citizen receives: pages are rasterised with pdfium
(the engine QtPdf itself wraps; QtPdf is not part of PySide6-Essentials) and painted onto a QPrinter.
With a `PrintWorker` (the window's case) that happens in a child process of its own, so the GIL of the
window's interpreter is never held by it (`ui/print_worker.py` says why); without one, in the calling
thread (a test that checks the painting itself, the print worker process).
The printer sits behind `Printer` so tests can swap in a slow or failing one; everything else is real.
A print job never holds the dossier: the dossier is committed before the job starts, and a failed job
stays in `PrintQueue.failed_jobs` until it is retried.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.common import message_of
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.print_worker import PrintWorker

log = logging.getLogger(__name__)

# pdfium is not thread-safe: one rasterisation at a time, whatever thread asks.
_PDFIUM_LOCK = threading.Lock()
# Rows of the page image painted per QPainter call. PySide6 keeps the GIL through drawImage: one call
# for a whole 300-dpi page held it ~140 ms. The window paints in the print worker process, whose GIL
# is its own, but a print without a worker (tests, tools) shares the caller's: there the GUI thread,
# whose event filters and slots are Python, froze that long on every slip. Bands of 128 rows hold it a
# few ms each; smaller bands are worse, since every hand-over of the GIL costs the GUI thread a wait.
BAND_ROWS = 128


class PrintError(Exception):
    """A print that did not happen; the message is for the officer."""


@dataclass(frozen=True)
class PrintOptions:
    printer_name: str = ""
    copies: int = 1
    preview: bool = False


class Printer(Protocol):
    def print_pdf(self, pdf: Path, options: PrintOptions) -> None:
        """Print every page of `pdf`; raise PrintError when it could not. Runs on a worker thread."""

    def page_images(self, pdf: Path, dpi: int) -> list[tuple[QImage, QSizeF]]:
        """Each page of `pdf` as an image at `dpi` with its size in points, for the preview."""


def pdf_page_images(pdf: Path, dpi: int) -> list[tuple[QImage, QSizeF]]:
    """Each page as an RGB image at `dpi`, with its size in points."""
    import pypdfium2 as pdfium  # imported by the first print job, on its worker, not at start-up

    out: list[tuple[QImage, QSizeF]] = []
    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            for i in range(len(doc)):
                page = doc[i]
                width, height = page.get_size()
                bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_RGB888).copy()
                out.append((image, QSizeF(width, height)))
                page.close()
        finally:
            doc.close()
    return out


def draw_in_bands(painter: QPainter, target: QRectF, image: QImage) -> None:
    """Paint `image` scaled onto `target` as horizontal bands of BAND_ROWS rows. Neighbouring bands
    share one edge coordinate, so no gap or overlap opens between them (tests/forms/test_printed_output.py
    prints a black page and looks for a light line)."""
    rows = max(1, BAND_ROWS)
    height = image.height()
    scale = target.height() / height if height else 1.0
    top = 0
    while top < height:
        bottom = min(height, top + rows)
        painter.drawImage(QRectF(target.x(), target.y() + top * scale, target.width(), (bottom - top) * scale),
                          image, QRectF(0, top, image.width(), bottom - top))
        top = bottom


def paint_pdf(pdf: Path, options: PrintOptions, *, output_file: Path | None = None, dpi: int = 300) -> None:
    """Print every page of `pdf` on the named (or default) system printer, or into the PDF file
    `output_file`, at most `dpi`. Runs in the print worker process (or wherever no worker is used)."""
    if not pdf.exists():
        raise PrintError(QCoreApplication.translate("Printing", "Không thấy tệp cần in: {0}").format(pdf))
    printer = _qprinter(options, output_file)
    pages = pdf_page_images(pdf, min(dpi, max(printer.resolution(), 96)))
    if not pages:
        raise PrintError(QCoreApplication.translate("Printing", "Tệp cần in không có trang nào."))
    printer.setFullPage(True)
    painter = QPainter()
    first = True
    for _copy in range(max(1, options.copies)):
        for image, size in pages:
            layout = QPageLayout(QPageSize(size, QPageSize.Unit.Point, "",
                                           QPageSize.SizeMatchPolicy.FuzzyMatch),
                                 QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
            if first:
                printer.setPageLayout(layout)
                if not painter.begin(printer):
                    raise PrintError(QCoreApplication.translate(
                        "Printing", "Máy in không nhận lệnh in (máy tắt, hết giấy hoặc kẹt giấy?)."))
                first = False
            else:
                printer.setPageLayout(layout)
                if not printer.newPage():
                    painter.end()
                    raise PrintError(QCoreApplication.translate("Printing", "Máy in dừng giữa chừng."))
            draw_in_bands(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)), image)
    if not painter.end():
        raise PrintError(QCoreApplication.translate("Printing", "Máy in báo lỗi khi kết thúc bản in."))


def _qprinter(options: PrintOptions, output_file: Path | None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if output_file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output_file))
        return printer
    name = options.printer_name or QPrinterInfo.defaultPrinterName()
    if not name or name not in QPrinterInfo.availablePrinterNames():
        raise PrintError(QCoreApplication.translate(
            "Printing", "Không tìm thấy máy in «{0}». Hãy chọn máy in trong Cài đặt rồi in lại."
        ).format(name or "-") if name else QCoreApplication.translate(
            "Printing", "Máy tính chưa có máy in nào. Hãy cài máy in rồi in lại."))
    printer.setPrinterName(name)
    return printer


Raster = tuple[bytes, int, int, int, float, float]  # RGB888 pixels, width, height, stride, size in points


def pdf_page_rasters(pdf: Path, dpi: int) -> list[Raster]:
    """`pdf_page_images` as plain data, to come back from the print worker process."""
    return [(bytes(image.constBits()), image.width(), image.height(), image.bytesPerLine(), size.width(),
             size.height()) for image, size in pdf_page_images(pdf, dpi)]


def images_of(rasters: list[Raster]) -> list[tuple[QImage, QSizeF]]:
    return [(QImage(data, width, height, stride, QImage.Format.Format_RGB888).copy(), QSizeF(w_pt, h_pt))
            for data, width, height, stride, w_pt, h_pt in rasters]


class QtPrinter:
    """A real QPrinter: the named (or default) system printer, or a PDF file when `output_file` is set.
    With a `worker`, the page images are made and painted in the print worker process."""

    def __init__(self, *, output_file: Path | None = None, dpi: int = 300, worker: PrintWorker | None = None) -> None:
        self.output_file = output_file
        self.dpi = dpi
        self.worker = worker
        # What runs where the painting is done (a test may wrap it: it must pickle, as a module-level
        # function or a functools.partial of one does).
        self.paint: Callable[..., None] = paint_pdf

    def print_pdf(self, pdf: Path, options: PrintOptions) -> None:
        if self.worker is None:
            self.paint(pdf, options, output_file=self.output_file, dpi=self.dpi)
        else:
            self.worker.call(self.paint, pdf, options, output_file=self.output_file, dpi=self.dpi)

    def page_images(self, pdf: Path, dpi: int) -> list[tuple[QImage, QSizeF]]:
        """The pages for the preview, rasterised where the printing is done."""
        if self.worker is None:
            return pdf_page_images(pdf, dpi)
        return images_of(self.worker.call(pdf_page_rasters, pdf, dpi))


@dataclass
class PrintJob:
    title: str
    render: Callable[[], Path]  # runs on a worker: renders (or fetches the archived) PDF
    pdf: Path | None = None
    error: str = ""
    attempts: int = 0
    done: bool = False
    cancelled: bool = False
    listeners: list[Callable[[PrintJob], None]] = field(default_factory=list)


PREVIEW_DPI = 60
START_DELAY_MS = 40


class PrintQueue(QObject):
    """Renders and prints on the TaskRunner; keeps failed jobs for a retry.

    With `options().preview`, the pages (rasterised on the worker) are shown first; the officer
    prints with Enter or cancels with Esc. Nothing of the preview touches the disk on the GUI thread.
    """

    job_finished = Signal(object)  # PrintJob (done, failed or cancelled)
    failed_changed = Signal(int)

    def __init__(self, runner: TaskRunner, printer: Printer, options: Callable[[], PrintOptions],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.printer = printer
        self.options = options
        self.failed_jobs: list[PrintJob] = []
        self.in_flight = 0
        self.preview_dialog: QDialog | None = None

    def submit(self, title: str, render: Callable[[], Path],
               on_finished: Callable[[PrintJob], None] | None = None) -> PrintJob:
        job = PrintJob(title, render)
        if on_finished is not None:
            job.listeners.append(on_finished)
        self._start(job)
        return job

    def retry(self, job: PrintJob) -> None:
        if job in self.failed_jobs:
            self.failed_jobs.remove(job)
            self.failed_changed.emit(len(self.failed_jobs))
        self._start(job)

    def _start(self, job: PrintJob) -> None:
        job.attempts += 1
        job.error = ""
        job.cancelled = False
        self.in_flight += 1

        def prepare() -> tuple[Path, PrintOptions, list[tuple[QImage, QSizeF]] | None]:
            # Rendering and the options both touch disk: neither belongs on the GUI thread.
            pdf = job.pdf if job.pdf is not None and job.pdf.exists() else job.render()
            job.pdf = pdf
            options = self.options()
            if options.preview:
                return pdf, options, self.printer.page_images(pdf, PREVIEW_DPI)
            self.printer.print_pdf(pdf, options)
            return pdf, options, None

        def prepared(result: tuple[Path, PrintOptions, list[tuple[QImage, QSizeF]] | None]) -> None:
            pdf, options, pages = result
            if pages is None:
                self._finish(job, None)
                return
            self._preview(job, pdf, options, pages)

        # A print is asked for by the slot that has just changed the window (a dossier saved, the form
        # cleared): its first Python on the worker (reading the form's data) would compete with the
        # window's redraw for the GIL. A few milliseconds later it competes with nothing.
        QTimer.singleShot(START_DELAY_MS, self, lambda: self.runner.run(
            prepare, prepared, lambda exc: self._finish(job, exc)))

    def _preview(self, job: PrintJob, pdf: Path, options: PrintOptions,
                 pages: list[tuple[QImage, QSizeF]]) -> None:
        owner = QApplication.activeWindow()
        dialog = PreviewDialog(job.title, [image for image, _size in pages], owner)
        self.preview_dialog = dialog

        def decided(result: int) -> None:
            self.preview_dialog = None
            if owner is not None:
                owner.activateWindow()  # the keyboard goes back to the window the officer was using
            if result == QDialog.DialogCode.Accepted:
                self.runner.run(lambda: self.printer.print_pdf(pdf, options),
                                lambda _r: self._finish(job, None), lambda exc: self._finish(job, exc))
            else:
                job.cancelled = True
                self._finish(job, None)

        dialog.finished.connect(decided)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _finish(self, job: PrintJob, exc: BaseException | None) -> None:
        self.in_flight -= 1
        if job.cancelled:
            job.done = False
            job.error = QCoreApplication.translate("Printing", "Đã huỷ in.")
        elif exc is None:
            job.done = True
        else:
            job.done = False
            job.error = message_of(exc)
            # Our own messages name no citizen; any other exception's text might quote a form's content.
            log.warning("print failed (%s, attempt %d): %s", type(exc).__name__, job.attempts,
                        job.error if isinstance(exc, PrintError) else "-")
            self.failed_jobs.append(job)
            self.failed_changed.emit(len(self.failed_jobs))
        for listener in job.listeners:
            listener(job)
        self.job_finished.emit(job)


class PreviewDialog(QDialog):
    """The pages as they will print; Enter prints, Esc cancels."""

    def __init__(self, title: str, images: list[QImage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreviewDialog")
        self.setWindowTitle(self.tr("Xem trước: {0}").format(title))
        self.resize(760, 660)
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        pages = QWidget()
        column = QVBoxLayout(pages)
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image).scaledToWidth(680, Qt.TransformationMode.SmoothTransformation))
            label.setFrameShape(QLabel.Shape.Box)
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        scroll.setWidget(pages)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        # Qt ships no Vietnamese for its standard buttons: our own text, translated like the rest.
        buttons.addButton(self.tr("Huỷ (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button = buttons.addButton(self.tr("In (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.print_button.setFocus()
