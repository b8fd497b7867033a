"""Be Vietnam Pro registered once as TrueType fonts, so every PDF embeds a font with all Vietnamese
letters and never falls back to a base-14 font (which has no ằ, ữ, ệ …)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "BeVietnamPro"
BOLD = "BeVietnamPro-Bold"
ITALIC = "BeVietnamPro-Italic"
BOLD_ITALIC = "BeVietnamPro-BoldItalic"

_FILES = {
    REGULAR: "BeVietnamPro-Regular.ttf",
    BOLD: "BeVietnamPro-Bold.ttf",
    ITALIC: "BeVietnamPro-Italic.ttf",
    BOLD_ITALIC: "BeVietnamPro-BoldItalic.ttf",
}

_lock = threading.Lock()
_done = False


def ensure_fonts() -> None:
    """Register the family (idempotent, thread-safe: the window prints from a worker thread)."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        import fontpkg_be_vietnam_pro
        from reportlab import rl_config

        # Binary (Flate only) streams instead of ASCII85-wrapped ones: a fifth smaller, and ASCII85
        # encoding in pure Python was a sixth of the time to render a slip. Only desk.forms uses
        # ReportLab in this program.
        rl_config.useA85 = 0
        folder = fontpkg_be_vietnam_pro.ROOT / "files"
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        # Lets <b> and <i> inside a Paragraph pick the right face.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD_ITALIC)
        _done = True
