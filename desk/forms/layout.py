"""Paper sizes, type styles and the building blocks every form shares (header and motto, titles,
signature blocks, the documents table), and the one function that turns a story into PDF bytes."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desk.errors import ValidationError
from desk.forms.fonts import BOLD, ITALIC, REGULAR, ensure_fonts

THERMAL_WIDTH = 80 * mm
THERMAL_MAX_HEIGHT = 14400.0  # the PDF limit (200 in); longer receipts flow onto a second page


@dataclass(frozen=True)
class Paper:
    name: str
    width: float
    height: float  # 0 for the thermal roll: the page is as long as its content
    left: float
    right: float
    top: float
    bottom: float
    size: float  # body font size
    qr: float  # side of the QR code
    narrow: bool = False  # one column: no side-by-side header or signatures

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", A4[0], A4[1], 20 * mm, 15 * mm, 10 * mm, 12 * mm, 9.6, 26 * mm),
    "a5": Paper("a5", A5[0], A5[1], 11 * mm, 9 * mm, 8 * mm, 10 * mm, 8.2, 21 * mm),
    "80mm": Paper("80mm", THERMAL_WIDTH, 0.0, 4 * mm, 4 * mm, 3 * mm, 6 * mm, 7.6, 34 * mm, narrow=True),
    "a4-landscape": Paper("a4-landscape", landscape(A4)[0], landscape(A4)[1], 12 * mm, 12 * mm, 12 * mm, 12 * mm, 8.0, 0.0),
}


def paper(name: str, allowed: Sequence[str] = ("a4", "a5", "80mm")) -> Paper:
    key = (name or "a4").strip().lower().replace(" ", "")
    if key not in allowed or key not in PAPERS:
        raise ValidationError("paper", f"Khổ giấy «{name}» không hỗ trợ cho biểu mẫu này; chọn {', '.join(allowed)}.")
    return PAPERS[key]


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_justify: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    small_italic_right: ParagraphStyle
    center: ParagraphStyle
    center_bold: ParagraphStyle
    center_italic: ParagraphStyle
    right_italic: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head: ParagraphStyle
    heading: ParagraphStyle
    roomy: ParagraphStyle  # one-page notices: more air between lines on a half-empty page
    roomy_justify: ParagraphStyle


@lru_cache(maxsize=16)
def styles(size: float) -> Styles:
    ensure_fonts()
    lead = size * 1.28

    def st(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {"fontName": REGULAR, "fontSize": size, "leading": lead, "alignment": TA_LEFT}
        base.update(kw)
        return ParagraphStyle(f"{name}-{size}", **base)

    small = size * 0.86
    return Styles(
        body=st("body", spaceAfter=size * 0.22),
        body_justify=st("justify", alignment=4, spaceAfter=size * 0.22),
        small=st("small", fontSize=small, leading=small * 1.25),
        small_center=st("smallc", fontSize=small, leading=small * 1.25, alignment=TA_CENTER),
        small_italic_right=st("smallir", fontName=ITALIC, fontSize=small, leading=small * 1.2, alignment=TA_RIGHT),
        center=st("center", alignment=TA_CENTER),
        center_bold=st("centerb", fontName=BOLD, alignment=TA_CENTER),
        center_italic=st("centeri", fontName=ITALIC, alignment=TA_CENTER),
        right_italic=st("righti", fontName=ITALIC, alignment=TA_RIGHT),
        title=st("title", fontName=BOLD, fontSize=size * (1.3 if size >= 8 else 1.12),
                 leading=size * (1.6 if size >= 8 else 1.4), alignment=TA_CENTER),
        cell=st("cell", fontSize=size * 0.9, leading=size * 0.9 * 1.18),
        cell_center=st("cellc", fontSize=size * 0.9, leading=size * 0.9 * 1.18, alignment=TA_CENTER),
        head=st("head", fontName=BOLD, fontSize=size * 0.88, leading=size * 0.88 * 1.2, alignment=TA_CENTER),
        heading=st("heading", fontName=BOLD, spaceBefore=size * 0.2, spaceAfter=size * 0.3),
        roomy=st("roomy", leading=size * 1.45, spaceAfter=size * 0.45),
        roomy_justify=st("roomyj", leading=size * 1.45, spaceAfter=size * 0.45, alignment=4),
    )


class TextLine(Flowable):
    """Plain text that usually fits on one line: drawn as one string, with no markup parsing or line
    breaking (most lines of a form are like this, and Paragraph was a third of the time to render a
    slip). Text wider than the space falls back to a Paragraph, placed exactly as this line would be."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._para: Paragraph | None = None
        self._width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        st = self.style
        self._width = availWidth
        if self._para is None and pdfmetrics.stringWidth(self.text, st.fontName, st.fontSize) <= availWidth:
            return availWidth, st.leading
        if self._para is None:
            self._para = Paragraph(escape(self.text), st)
        return self._para.wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._para is not None:
            return self._para.split(availWidth, availHeight)
        return []

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)
            return
        st = self.style
        canv = self.canv
        canv.setFont(st.fontName, st.fontSize, st.leading)
        canv.setFillColor(st.textColor)
        y = st.leading - st.fontSize  # where Paragraph puts the baseline of a one-line paragraph
        if st.alignment == TA_CENTER:
            canv.drawCentredString(self._width / 2, y, self.text)
        elif st.alignment == TA_RIGHT:
            canv.drawRightString(self._width, y, self.text)
        else:
            canv.drawString(0, y, self.text)


def p(text: str, style: ParagraphStyle) -> Flowable:
    """Plain text (never markup: names and addresses are data)."""
    if "\n" in text or style.leftIndent or style.firstLineIndent or style.rightIndent:
        return Paragraph(escape(text), style)
    return TextLine(text, style)


def pm(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph whose text is trusted markup built here (with `esc()` around every datum)."""
    return Paragraph(markup, style)


def esc(text: object) -> str:
    return escape(str(text if text is not None else ""))


def balanced(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A centred title that does not fit one line is broken into two lines of similar length, so no
    single word ('QUẢ') is left alone on the second line."""
    if pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width:
        return p(text, style)
    words = text.split()
    best = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        widest = max(pdfmetrics.stringWidth(first, style.fontName, style.fontSize),
                     pdfmetrics.stringWidth(second, style.fontName, style.fontSize))
        if best is None or widest < best[0]:
            best = (widest, first, second)
    if best is None or best[0] > width:
        return p(text, style)  # a very long title: let the paragraph wrap it
    return pm(f"{esc(best[1])}<br/>{esc(best[2])}", style)


def nobreak(text: str) -> str:
    """A phone number or similar short token that must not be split across lines."""
    return text.replace(" ", "\u00a0")


def name_markup(name: object, size: float) -> str:
    """A person's name in bold that does not break across lines (a short name wrapping after
    'Nguyễn Thị Hồng' reads as two people); a very long name may still wrap rather than overflow."""
    text = str(name or "")
    if pdfmetrics.stringWidth(text, BOLD, size) < 200:
        text = text.replace(" ", "\u00a0")
    return f"<b>{esc(text)}</b>"


def field_line(label: str, value: str, st: Styles, *, bold_value: bool = False) -> Paragraph:
    """'Label: value'. An empty value keeps a dotted line for the officer's pen."""
    shown = esc(value) if value else "." * 40
    return pm(f"{esc(label)}: {'<b>' + shown + '</b>' if bold_value and value else shown}", st.body)


class FooterMark(Flowable):
    """Zero-size marker: tells the page footer which copy and dossier the following pages belong to."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._motcua_footer = self.text
        # Pages are counted per copy: "Liên 2 · Trang 1", not the page number in the file.
        self.canv._motcua_first_page = self.canv.getPageNumber()


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A table style that never leaves a cell on ReportLab's default Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


class Rule(Flowable):
    """A short centred line under a header block (HRFlowable stretches to the cell width in a table)."""

    def __init__(self, width: float, thickness: float = 0.6) -> None:
        super().__init__()
        self.line_width = width
        self.thickness = thickness
        self._avail = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = availWidth
        return availWidth, self.thickness + 5

    def draw(self) -> None:
        # Low in its box: the gap above keeps the line clear of the descenders of the text over it.
        x = (self._avail - self.line_width) / 2
        self.canv.saveState()
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, 1.5, x + self.line_width, 1.5)
        self.canv.restoreState()


def rule(width: float, thickness: float = 0.6) -> Rule:
    return Rule(width, thickness)


def header(agency: str, unit: str, place_date: str, form_label: str, pap: Paper, *,
           number: str = "") -> list[Flowable]:
    """Form number, agency and unit (and the document number) on the left, the national name and motto
    on the right, then the place and date line. On the thermal roll everything is stacked and centred."""
    st = styles(pap.size)
    left_bold = ParagraphStyle("hb", parent=st.center_bold, fontSize=pap.size * 0.95, leading=pap.size * 1.22)
    left_reg = ParagraphStyle("hr", parent=st.center, fontSize=pap.size * 0.95, leading=pap.size * 1.22)
    out: list[Flowable] = []
    if form_label:
        out.append(p(form_label, st.small_italic_right))
    motto = [p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", left_bold), p("Độc lập - Tự do - Hạnh phúc", left_bold)]
    # The issuing body is in bold: the unit when there is one, else the agency itself.
    office = [p(agency.upper(), left_reg), p(unit.upper(), left_bold)] if unit else [p(agency.upper(), left_bold)]
    numbered = [p(number, st.center if pap.name == "a4" else st.small_center)] if number else []
    if pap.narrow:
        w = pap.frame_width
        out += [*office, rule(w * 0.35), *numbered, Spacer(1, 2), *motto, rule(w * 0.45)]
        out.append(p(place_date, st.center_italic))
        return out
    w = pap.frame_width
    lw, rw = w * 0.43, w * 0.57
    table = Table(
        [[[*office, rule(lw * 0.4)], [*motto, rule(rw * 0.55)]], [numbered, p(place_date, st.center_italic)]],
        colWidths=[lw, rw],
        style=table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ),
    )
    out.append(table)
    return out


def signatures(blocks: Sequence[tuple[str, str, str]], pap: Paper, *, space: float | None = None) -> Flowable:
    """Signature blocks side by side: (role, instruction, printed name). The space left for the pen is
    generous on A4 and tighter on a receipt."""
    st = styles(pap.size)
    gap = space if space is not None else pap.size * (4.4 if pap.name == "a4" else 4.0)
    cells = []
    for role, hint, name in blocks:
        cell: list[Flowable] = [p(role, st.center_bold)]
        if hint:
            cell.append(p(hint, ParagraphStyle("hint", parent=st.center_italic, fontSize=pap.size * 0.86)))
        cell.append(Spacer(1, gap))
        cell.append(p(name, st.center_bold) if name else Spacer(1, pap.size))
        cells.append(cell)
    if pap.narrow and len(cells) > 1:
        rows = [[c] for c in cells]
        widths = [pap.frame_width]
    else:
        rows = [cells]
        widths = [pap.frame_width / len(cells)] * len(cells)
    table = Table(rows, colWidths=widths, style=table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
    ))
    return KeepTogether([Spacer(1, pap.size * 0.3), table])


DOC_HEAD = ("TT", "Thành phần hồ sơ", "Bản chính", "Bản chứng thực", "Bản photo")


def documents_table(docs: Sequence[dict[str, object]], pap: Paper, *, head: Sequence[str] = DOC_HEAD,
                    counts: bool = True) -> Table:
    """TT | Thành phần hồ sơ | Bản chính | Bản chứng thực | Bản photo; long names wrap, the header row
    repeats on every page the table flows onto."""
    st = styles(pap.size)
    w = pap.frame_width
    if pap.narrow:
        tt, cw = 14.0, 25.0
    else:
        tt, cw = max(20.0, pap.size * 2.3), pap.size * 4.6
    if counts:
        widths = [tt, w - tt - 3 * cw, cw, cw, cw]
        header_row: list[object] = [p(h, st.head) for h in head]
    else:
        widths = [tt, w - tt]
        header_row = [p(h, st.head) for h in head[:2]]
    rows: list[list[object]] = [header_row]
    for i, d in enumerate(docs, start=1):
        row: list[object] = [p(str(i), st.cell_center), p(str(d.get("name", "")), st.cell)]
        if counts:
            row += [p(_count(d.get(k)), st.cell_center) for k in ("originals", "certified", "photocopies")]
        rows.append(row)
    if len(rows) == 1:
        rows.append([p("", st.cell), p("(không có)", st.cell)] + ([p("", st.cell)] * 3 if counts else []))
    pad = 2 if pap.narrow else 3
    return Table(rows, colWidths=widths, repeatRows=1, style=table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (1, 1), (1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ))


def _count(value: object) -> str:
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""
    return str(n)


def _story_height(story: Sequence[Flowable], width: float, canv: Canvas | None = None) -> float:
    total = 0.0
    canv = canv or Canvas(io.BytesIO(), initialFontName=REGULAR)
    for f in story:
        if isinstance(f, PageBreak):
            continue
        if isinstance(f, KeepTogether):
            # Its wrap() answers "infinitely tall" on purpose, to force a split: measure its content.
            total += _story_height(f._content, width, canv)
            continue
        _, h = f.wrapOn(canv, width, THERMAL_MAX_HEIGHT)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


@dataclass
class PdfMeta:
    title: str
    author: str
    subject: str = ""
    footer: str = ""  # bottom-of-page text before the page number
    on_page: Callable[[int], None] | None = None  # after each page: progress, and a chance to cancel


def render(
    make_pages: Callable[[], list[list[Flowable]]],
    pap: Paper,
    meta: PdfMeta,
) -> bytes:
    """Build a PDF from one or more page groups (each starts on a new page, e.g. the two copies of the
    slip). `make_pages` is called again for the thermal roll, whose page length is measured first."""
    ensure_fonts()
    groups = make_pages()
    width, height = pap.width, pap.height
    if height <= 0:
        content = max(_story_height(g, pap.frame_width) for g in groups)
        height = min(THERMAL_MAX_HEIGHT, content + pap.top + pap.bottom + 14)
        groups = make_pages()  # flowables are not reusable once wrapped for a page
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(width, height),
        leftMargin=pap.left,
        rightMargin=pap.right,
        topMargin=pap.top,
        bottomMargin=pap.bottom,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator="motcua-desk",
        initialFontName=REGULAR,
        pageCompression=1,
    )
    frame = Frame(pap.left, pap.bottom, pap.frame_width, height - pap.top - pap.bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    foot_size = max(5.5, pap.size * 0.72)

    def on_page_end(canv: Canvas, document: BaseDocTemplate) -> None:
        text = getattr(canv, "_motcua_footer", meta.footer)
        number = document.page - getattr(canv, "_motcua_first_page", 1) + 1
        label = f"{text} · Trang {number}" if text else f"Trang {number}"
        avail = width - pap.left - pap.right
        lines: list[str] = []
        # On the 80 mm roll the footer does not fit on one line: break it between its parts.
        for part in label.split(" · "):
            joined = f"{lines[-1]} · {part}" if lines else part
            if lines and pdfmetrics.stringWidth(joined, ITALIC, foot_size) <= avail:
                lines[-1] = joined
            else:
                lines.append(part)
        canv.saveState()
        canv.setFont(ITALIC, foot_size)
        y = pap.bottom * 0.3 + (len(lines) - 1) * foot_size * 1.15
        for line in lines:
            canv.drawRightString(width - pap.right, y, line)
            y -= foot_size * 1.15
        canv.restoreState()
        if meta.on_page is not None:
            meta.on_page(document.page)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=on_page_end)])
    story: list[Flowable] = []
    for i, group in enumerate(groups):
        if i:
            story.append(PageBreak())
        story.extend(group)
    doc.build(story)
    return buf.getvalue()
