"""What reaches the printer: pages painted through a real QPrinter (to a PDF file), read back like paper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageStat
from reportlab.lib.pagesizes import A4 as RL_A4
from reportlab.pdfgen.canvas import Canvas

import ui.printing
from desk.forms import FormService, slip_url
from tests.forms.pdfcheck import A4, page_sizes, qr_texts, same_size
from tests.ui.conftest import OFFSCREEN_NOISE
from ui.print_worker import PrintWorker
from ui.printing import PrintOptions, QtPrinter

pytestmark = [OFFSCREEN_NOISE]


def grey_page(path: Path, page: int, dpi: int) -> Image.Image:
    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[page].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()


def test_a_slip_printed_at_300_dpi_keeps_both_copies_and_a_readable_qr(
        qtbot: Any, desk: Any, receive: Callable[..., dict[str, Any]], tmp_path: Path,
        print_worker: PrintWorker) -> None:
    # Rendered and painted in the print worker process, as the window prints.
    dossier = receive("1.004873")
    pdf = FormService(desk, renderer=print_worker.render).slip(dossier["code"])
    out = tmp_path / "printed.pdf"
    QtPrinter(output_file=out, dpi=300, worker=print_worker).print_pdf(pdf, PrintOptions(copies=1))

    sizes = page_sizes(out)
    assert len(sizes) == 2 and all(same_size(s, A4) for s in sizes)
    url = slip_url(desk.office.require(), dossier["code"])
    assert qr_texts(out, page=0, dpi=200) == qr_texts(out, page=1, dpi=200) == [url]


@pytest.mark.parametrize("band_rows", [ui.printing.BAND_ROWS, 7, 1000])
def test_a_page_painted_in_bands_has_no_hairline_between_them(qtbot: Any, tmp_path: Path, band_rows: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # A page black from edge to edge shows any gap where two bands meet as a light line across it.
    black = tmp_path / "black.pdf"
    canvas = Canvas(str(black), pagesize=RL_A4)
    canvas.rect(0, 0, RL_A4[0], RL_A4[1], stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    monkeypatch.setattr(ui.printing, "BAND_ROWS", band_rows)
    out = tmp_path / "printed.pdf"  # painted in this process, where the band size is patched
    QtPrinter(output_file=out, dpi=300).print_pdf(black, PrintOptions(copies=1))

    page = grey_page(out, 0, 300)
    inside = page.crop((8, 8, page.width - 8, page.height - 8))
    lightest = max(ImageStat.Stat(inside.crop((0, y, inside.width, y + 1))).mean[0] for y in range(inside.height))
    assert lightest < 40, f"a row of the black page prints {lightest:.0f}/255 light: a gap between bands"
