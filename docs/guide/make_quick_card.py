"""The one-page quick card for the counter (Vietnamese), rendered with the desk's own form engine, and
a PNG of it to look at.

    python docs/guide/make_quick_card.py        # → docs/guide/the-huong-dan-nhanh.pdf and .png

The shortcuts on it are the window's own (ui/intake.py, ui/dossier_desk.py, ui/returns.py, ui/app.py);
change them there and here together.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pypdfium2 as pdfium
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from desk.forms.layout import PAPERS, PdfMeta, p, pm, render, styles, table_style
from desk.version import app_version

HERE = Path(__file__).resolve().parent
NAVY = HexColor("#12355b")
PALE = HexColor("#e7f1ff")

# (title, lines); <b>…</b> marks the keys to press.
SECTIONS: list[tuple[str, list[str]]] = [
    ("Chuyển trang", [
        "<b>Ctrl+1</b> Tiếp nhận · <b>Ctrl+2</b> Hồ sơ · <b>Ctrl+3</b> Trả kết quả",
        "<b>Ctrl+6</b> Đồng bộ · <b>Ctrl+7</b> Cài đặt (quản trị viên)",
        "Quét mã QR ở bất kỳ trang nào: thẻ căn cước mở Tiếp nhận, giấy hẹn mở Trả kết quả.",
    ]),
    ("Tiếp nhận hồ sơ", [
        "1. Quét mã QR trên thẻ căn cước; đối chiếu thông tin hiện ra với thẻ.",
        "2. Gõ tên thủ tục, không cần dấu (ví dụ <i>khai sinh</i>), chọn bằng phím mũi tên lên, xuống và Enter.",
        "3. Ghi số bản chính, chứng thực, photo của từng giấy tờ đã nhận.",
        "4. <b>Ctrl+Enter</b>: ghi hồ sơ và in giấy hẹn hai liên — liên 1 lưu, liên 2 giao người nộp.",
        "Thiếu giấy tờ: <b>Ctrl+B</b> (phiếu 02) · Không đủ điều kiện: <b>Ctrl+Shift+R</b> (phiếu 03) · "
        "Hồ sơ mới: <b>Ctrl+N</b>",
    ]),
    ("Theo dõi hồ sơ (Ctrl+2)", [
        "<b>Ctrl+F</b> tìm theo mã, số CCCD, điện thoại hoặc tên · <b>F5</b> làm mới",
        "<b>Ctrl+H</b> chuyển bộ phận giải quyết · <b>Ctrl+K</b> đã có kết quả · <b>Ctrl+U</b> đã bổ sung",
        "<b>Ctrl+L</b> xin lỗi, hẹn lại ngày trả (chỉ một lần) · <b>Ctrl+P</b> in lại biểu mẫu",
        "Dòng đỏ: quá hạn · dòng vàng: đến hạn trong 24 giờ.",
    ]),
    ("Trả kết quả (Ctrl+3)", [
        "1. Quét mã QR trên giấy hẹn người dân mang đến.",
        "2. Dòng đỏ <b>CẢNH BÁO</b>: giấy hẹn bị sửa hoặc không do cơ quan cấp — đối chiếu CCCD và sổ trước khi trả.",
        "3. <b>Ctrl+Enter</b> trả kết quả; người dân bấm <b>1</b>, <b>2</b> hoặc <b>3</b> để đánh giá (<b>Esc</b>: bỏ qua).",
    ]),
    ("Cuối ngày", [
        "Trang Đồng bộ, bấm <b>Chốt sổ ngày</b>. Chỉ báo «khớp» khi không còn thay đổi chờ gửi và cấp trên đồng ý.",
        "Chưa khớp: để máy tự đồng bộ lại, chốt sổ lại sau; dòng «Cần làm gì» nói việc phải làm.",
    ]),
    ("Khi mất mạng", [
        "Vẫn tiếp nhận, in, trả kết quả như thường. Thanh trạng thái đếm «Chờ gửi»; "
        "máy tự gửi khi có mạng — không cần làm gì.",
    ]),
    ("Khi máy in lỗi", [
        "Hồ sơ đã được lưu. Sửa máy in (giấy, mực, dây), rồi bấm nút đỏ «… bản in lỗi — In lại» ở thanh trạng thái.",
        "Cần gấp: in lại từ trang Hồ sơ (<b>Ctrl+P</b>) trên máy in khác, chọn trong Cài đặt.",
    ]),
    ("Khi máy tính hỏng", [
        "Ghi hồ sơ vào sổ giấy (họ tên, CCCD, thủ tục, giờ nhận); hẹn trả theo thời hạn thủ tục.",
        "Báo quản trị: cài lại phần mềm, khôi phục bản sao lưu mới nhất (sao lưu tự động mỗi ngày), "
        "rồi nhập lại hồ sơ trên giấy với đúng giờ đã nhận.",
    ]),
    ("Khi thấy «Có phiên bản mới»", [
        "Góc phải thanh trạng thái báo cấp trên đã phát hành bản mới. Cứ làm việc tiếp; báo quản trị cài đè "
        "vào cuối buổi. Dữ liệu được giữ và tự sao lưu trước khi nâng cấp.",
    ]),
    ("Tài khoản và mật khẩu", [
        "Mỗi cán bộ đăng nhập bằng tài khoản riêng do quản trị viên tạo; rời quầy thì đóng phần mềm.",
        "Không ghi mật khẩu lên thẻ này hay dán cạnh máy.",
    ]),
]


def card() -> list[Flowable]:
    pap = PAPERS["a4"]
    st = styles(9.6)
    width = pap.frame_width
    story: list[Flowable] = [
        p("THẺ HƯỚNG DẪN NHANH — PHẦN MỀM BỘ PHẬN MỘT CỬA", st.title),
        p("Dán cạnh máy tính tại quầy. Phần mềm làm việc không cần mạng; mọi thao tác đều làm được bằng bàn phím.",
          st.center_italic),
        Spacer(1, 3 * mm),
    ]
    cells = []
    for title, lines in SECTIONS:
        head = pm(f"<font color='#ffffff'><b>{title}</b></font>", st.body)
        body = [pm(line, st.body) for line in lines]
        box = Table([[head], [body]], colWidths=[width / 2 - 3 * mm],
                    style=table_style(("BACKGROUND", (0, 0), (-1, 0), NAVY), ("BACKGROUND", (0, 1), (-1, 1), PALE),
                                      ("BOX", (0, 0), (-1, -1), 0.6, NAVY), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                                      ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)))
        cells.append(box)
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    story.append(Table(rows, colWidths=[width / 2, width / 2],
                       style=table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm))))
    contact = Table([[pm("<b>Quản trị phần mềm ở xã:</b> …………………………………………… Điện thoại: ……………………", st.body)],
                     [pm("<b>Quản trị cấp trên:</b> ………………………………………………… Điện thoại: ……………………", st.body)]],
                    colWidths=[width],
                    style=table_style(("BOX", (0, 0), (-1, -1), 0.6, NAVY), ("TOPPADDING", (0, 0), (-1, -1), 6),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 6)))
    story += [contact, Spacer(1, 2 * mm),
              p("Hướng dẫn đầy đủ có hình minh họa: docs/guide/can-bo-mot-cua.md (cán bộ) và "
                "docs/guide/quan-tri-huyen.md (quản trị cấp trên).", st.small_center)]
    return story


def main() -> int:
    pdf = HERE / "the-huong-dan-nhanh.pdf"
    data = render(lambda: [card()], PAPERS["a4"],
                  PdfMeta(title="Thẻ hướng dẫn nhanh — Bộ phận Một cửa", author="motcua-desk",
                          footer=f"Phần mềm Một cửa {app_version()}"))
    pdf.write_bytes(data)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        if len(doc) != 1:
            raise SystemExit(f"the quick card must fit on one page; it has {len(doc)}")
        doc[0].render(scale=110 / 72).to_pil().save(HERE / "the-huong-dan-nhanh.png")
    finally:
        doc.close()
    print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
