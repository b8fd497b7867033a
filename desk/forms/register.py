"""Sổ theo dõi hồ sơ for a date range, on landscape A4 (the columns of the official register book).

Each line carries the STT the slip printed (desk number and the desk's count, desk/codes.py), the
promised date and — beside it, never in its place — the apology's new date, and how the dossier stands
against the promised date (desk/timing.py). A cancelled line stays, marked, so no number is reused."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Spacer

from desk import timing
from desk.codes import register_stt
from desk.forms.common import FormContext, applicant_label, top
from desk.forms.fonts import REGULAR
from desk.forms.layout import PdfMeta, esc, p, pm, render, table_style
from desk.forms.words import count2, short_date
from desk.lifecycle import STATUS_LABELS_VI

HEAD_TOP = ("STT", "Mã hồ sơ", "Nội dung (thủ tục)", "Số lượng (bộ)", "Họ tên, địa chỉ, điện thoại chủ hồ sơ",
            "Ngày nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trả kết quả", "", "Người nhận hồ sơ", "Ghi chú")
HEAD_SUB = ("Bên giao (ký)", "Bên nhận (ký)")
NOTE_STATUSES = ("refused", "withdrawn", "stopped", "supplement_requested", "awaiting_payment", "rejected",
                 "cancelled")


def _when(value: object) -> str:
    """'23/11/2026' over '09:32' so the narrow date columns never split a date."""
    if not value:
        return ""
    moment = datetime.fromisoformat(str(value))
    return f"{short_date(moment)}\n{moment:%H:%M}"


def _code(code: str) -> str:
    # Break after the agency code: the rest (date and number) stays on one line. (A code with a long
    # agency part is a Paragraph instead, which may break inside the agency code.)
    agency, _, rest = code.partition("-")
    return f"{agency}-\n{rest}" if rest else code


def fit_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Break at spaces, and inside a word too long for the column (it would spill into the next)."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _due(d: Mapping[str, Any]) -> str:
    """The promised date, and under it the apology's new date when there is one."""
    promised = _when(d.get("due_at"))
    new = timing.new_due(d)
    return f"{promised}\nHẹn lại:\n{short_date(new)}\n{new:%H:%M}" if new else promised


def _note(d: Mapping[str, Any], at: datetime) -> str:
    notes = []
    verdict = timing.verdict(d, at)
    if verdict:
        notes.append(timing.LABELS_VI[verdict])
    if d["status"] in NOTE_STATUSES:
        notes.append(STATUS_LABELS_VI[d["status"]])
    if d.get("returned_via") == "post":
        notes.append("Trả qua bưu chính")
    if d.get("submitter_name"):
        notes.append(f"Nộp thay: {d['submitter_name']}")
    return "; ".join(notes)


def render_register(ctx: FormContext, dossiers: Sequence[Mapping[str, Any]], officers: Mapping[str, str], *,
                    date_from: date, date_to: date, book: str, at: datetime | None = None,
                    on_page: Callable[[int], None] | None = None) -> bytes:
    """`book`: the Quyển số of the lines; `at`: the moment pending lines are judged at (the print)."""
    judged = at or ctx.dated
    st, pap = ctx.st, ctx.paper
    cell = ParagraphStyle("reg-cell", parent=st.cell, fontSize=pap.size * 0.92, leading=pap.size * 1.12)
    head = ParagraphStyle("reg-head", parent=st.head, fontSize=pap.size * 0.9, leading=pap.size * 1.1)

    w = pap.frame_width
    fixed = [34, 80, 0, 34, 0, 54, 54, 54, 46, 56, 58, 0]
    rest = w - sum(fixed)
    widths = [f or 0.0 for f in fixed]
    widths[2], widths[4], widths[11] = rest * 0.36, rest * 0.42, rest * 0.22

    def story() -> list[Flowable]:
        out: list[Flowable] = top(ctx)
        out.append(p(f"Quyển số: {book}", st.center))
        out.append(p(f"Từ ngày {short_date(date_from)} đến ngày {short_date(date_to)}", st.center_italic))
        out.append(Spacer(1, pap.size * 0.6))
        def wrap(text: str, col: int) -> str:
            # Pre-broken plain text: a cell string is far cheaper to lay out than a Paragraph.
            return "\n".join(fit_lines(text, REGULAR, cell.fontSize, widths[col] - 4.5))

        rows: list[list[object]] = [[p(h, head) for h in HEAD_TOP],
                                    [""] * 8 + [p(h, head) for h in HEAD_SUB] + ["", ""]]
        for i, d in enumerate(dossiers, start=1):
            contact = [f"{applicant_label(d)} <b>{esc(d['applicant_name'])}</b>"]
            if d.get("applicant_address"):
                contact.append(esc(d["applicant_address"]))
            if d.get("applicant_phone"):
                contact.append(f"ĐT: {esc(d['applicant_phone'])}")
            # Fixed-width cells are plain strings: a register of a busy month has thousands of rows,
            # and a Paragraph per cell would triple the time to print it.
            rows.append([
                register_stt(d.get("desk_no"), d.get("register_no")) or str(i),
                _code(str(d["code"])) if len(str(d["code"])) <= 30 else p(str(d["code"]), cell),
                wrap(str(d["procedure_name"]), 2),
                count2(int(d.get("sets_count") or 1)),
                pm("<br/>".join(contact), cell),
                _when(d["received_at"]),
                _due(d),
                _when(d.get("result_at")),
                "",
                wrap(str(d.get("collected_by") or ""), 9),
                wrap(officers.get(str(d.get("received_by")), ""), 10),
                wrap(_note(d, judged), 11),
            ])
        if not dossiers:
            rows.append([p("", cell), p("Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.", cell)]
                        + [""] * 10)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
            ("VALIGN", (0, 2), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("SPAN", (8, 0), (9, 0)),
            ("FONTSIZE", (0, 2), (-1, -1), cell.fontSize),
            ("LEADING", (0, 2), (-1, -1), cell.leading),
            ("ALIGN", (0, 2), (0, -1), "CENTER"),
            ("ALIGN", (3, 2), (3, -1), "CENTER"),
            ("ALIGN", (5, 2), (7, -1), "CENTER"),
        ]
        style += [("SPAN", (c, 0), (c, 1)) for c in (*range(8), 10, 11)]
        if not dossiers:
            style.append(("SPAN", (1, 2), (-1, 2)))
        # LongTable: splitting a long table page after page stays linear instead of quadratic.
        out.append(LongTable(rows, colWidths=widths, repeatRows=2, style=table_style(*style)))
        out.append(Spacer(1, pap.size * 0.6))
        out.append(p(f"Tổng số: {len(dossiers)} hồ sơ.", st.body))
        return out

    meta = PdfMeta(title=f"Sổ theo dõi hồ sơ {short_date(date_from)} – {short_date(date_to)}",
                   author=ctx.profile.name, footer=f"Sổ theo dõi hồ sơ, quyển số {book}", on_page=on_page)
    return render(lambda: [story()], pap, meta)
