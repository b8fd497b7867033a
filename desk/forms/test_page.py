"""The test page printed from the first-run wizard: the office's header as the slip prints it,
Vietnamese letters in every face, a QR code to scan, and a rule across the printable width, so the
officer sees at once whether the printer, the paper size and the scanner are right. Nothing is
recorded: a test page is not a form of any dossier."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from desk.forms.layout import PdfMeta, esc, header, p, pm, render, rule, styles, table_style
from desk.forms.layout import paper as paper_spec
from desk.forms.qr import QrFlowable
from desk.forms.words import place_date_line
from desk.office import OfficeProfile

TITLE = "TRANG IN THỬ"
SAMPLE = "Tiếng Việt có dấu: ằ ẳ ẵ ặ ữ ự ỹ ệ ộ ợ đ Đ — «Giấy tiếp nhận hồ sơ và hẹn trả kết quả»"
PAPER_NAMES = {"a4": "A4 (210 × 297 mm)", "a5": "A5 (148 × 210 mm)", "80mm": "giấy cuộn 80 mm"}


def qr_text(profile: OfficeProfile) -> str:
    return f"IN THU {profile.agency_code}"


def render_test_page(profile: OfficeProfile, paper: str, printer_name: str, when: datetime) -> bytes:
    pap = paper_spec(paper)
    st = styles(pap.size)
    w = pap.frame_width

    def pages() -> list[list[Flowable]]:
        story = header(profile.name, profile.unit_name, place_date_line(profile.place, when.date()), "", pap)
        story += [Spacer(1, pap.size), p(TITLE, st.title), Spacer(1, pap.size * 0.6)]
        lines = [
            ("Khổ giấy", PAPER_NAMES.get(pap.name, pap.name)),
            ("Máy in", printer_name or "máy in mặc định của máy tính"),
            ("Mã định danh cơ quan", profile.agency_code),
            ("In lúc", f"{when:%H:%M ngày %d/%m/%Y}"),
        ]
        story += [pm(f"{label}: <b>{esc(value)}</b>", st.body) for label, value in lines]
        story += [Spacer(1, pap.size * 0.5), p(SAMPLE, st.body), pm(f"<b>{SAMPLE}</b>", st.body),
                  pm(f"<i>{SAMPLE}</i>", st.body), Spacer(1, pap.size * 0.5)]
        check = [p("Trang in đạt khi: chữ có dấu rõ và đủ; đường kẻ bên dưới in đủ hai đầu; "
                   "máy quét đọc được mã QR bên cạnh (ra chữ «IN THU …»).", st.body)]
        size = min(pap.qr, w * 0.35)
        table = Table([[check, QrFlowable(qr_text(profile), size)]], colWidths=[w - size - 4 * mm, size + 4 * mm],
                      style=table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0)))
        story += [table, Spacer(1, pap.size * 0.5), rule(w)]
        return [story]

    meta = PdfMeta(title=f"{TITLE} – {PAPER_NAMES.get(pap.name, pap.name)}", author=profile.name,
                   footer="In thử")
    return render(pages, pap, meta)
