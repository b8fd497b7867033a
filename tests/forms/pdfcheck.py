"""Reading a rendered PDF back the way a person would: its text, its page sizes, its fonts, its QR."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium

from desk.selftest import decode_qr_texts

A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
ROLL_WIDTH = 226.77  # 80 mm


def page_texts(path: Path) -> list[str]:
    """Each page's text with line breaks and runs of spaces folded to one space, so a phrase that
    wrapped onto the next line still reads as the person sees it."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return [re.sub(r"\s+", " ", doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def page_sizes(path: Path) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [tuple(doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]
    finally:
        doc.close()


def same_size(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5


def fonts(path: Path) -> list[dict[str, str]]:
    """`pdffonts` rows: name, type, emb."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (may be two words: 'Type 1', 'CID TrueType'), encoding, emb, sub, uni, id, gen
        emb = parts[-5]
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": emb})
    return rows


def image_count(path: Path) -> int:
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(out.splitlines()[2:])


def qr_texts(path: Path, page: int = 0, dpi: int = 150) -> list[str]:
    # The same reading the shipped self-test does (pdfium raster, zxing-cpp), so both prove one thing.
    return decode_qr_texts(path, page=page, dpi=dpi)


def chars_outside(path: Path, margin: float = 2.0) -> list[tuple[int, str]]:
    """Characters whose box is not fully on the page: text that a printer would cut off."""
    bad = []
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            w, h = page.get_size()
            tp = page.get_textpage()
            for c in range(tp.count_chars()):
                left, bottom, right, top = tp.get_charbox(c)
                if left < margin or bottom < margin or right > w - margin or top > h - margin:
                    ch = tp.get_text_range(c, 1)
                    if ch.strip():
                        bad.append((i, ch))
    finally:
        doc.close()
    return bad
