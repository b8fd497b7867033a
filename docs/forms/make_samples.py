"""Render every form on every paper size to PNG for docs/forms/ (and for a person to look at).

    python3 docs/forms/make_samples.py [--dpi 100]

The dossiers go through the real intake and lifecycle path of a throw-away desk, so the pictures show
exactly what the desk prints.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pypdfium2 as pdfium

from desk.forms import FormService
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk

HERE = Path(__file__).resolve().parent


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 32)

    def __call__(self) -> datetime:
        return self.now


def to_png(pdf: Path, stem: str, dpi: int, pages: int | None = None) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    names = []
    try:
        count = len(doc) if pages is None else min(pages, len(doc))
        for i in range(count):
            name = f"{stem}-p{i + 1}.png" if count > 1 else f"{stem}.png"
            doc[i].render(scale=dpi / 72).to_pil().convert("L").save(HERE / name, optimize=True)
            names.append(name)
    finally:
        doc.close()
    return names


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", type=int, default=100)
    dpi = ap.parse_args().dpi
    clock = Clock()
    desk = Desk.open(Path(tempfile.mkdtemp(prefix="forms-samples-")), clock=clock)
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "province": "Tỉnh Thái Nguyên",
                      "place_name": "Hòa Bình", "address": "Số 1 đường Hoàng Văn Thụ",
                      "lookup_url_base": "https://tracuu.example.gov.vn/tra-cuu", "phone": "0208 3855 123",
                      "register_book": "01"})
    officer = desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")["id"]
    nhung = ApplicantInput("Nguyễn Thị Hồng Nhung", "019190000123", "12/05/1990", "Nữ",
                           "Tổ 5, phường Hòa Bình, tỉnh Thái Nguyên", "0912345678")
    forms = FormService(desk)
    made: list[str] = []

    dossier = desk.dossiers.receive(IntakeInput("1.004873", nhung), officer)
    for paper in ("a4", "a5", "80mm"):
        made += to_png(forms.slip(dossier["code"], paper=paper, officer_id=officer), f"01-slip-{paper}", dpi)

    docs = [{"name": f"Giấy tờ số {i}: bản kê khai quá trình cư trú giai đoạn {i}", "copies": 1,
             "copies_text": "1 bản chính"} for i in range(1, 41)]
    long_name = ("Thủ tục cấp giấy xác nhận đặc biệt dành cho trường hợp có yếu tố nước ngoài, người yêu cầu cư "
                 "trú tại nhiều địa phương khác nhau trong thời gian dài ") * 3
    desk.catalog.import_records([{"code": "9.000040", "name": long_name[:300], "time_limit_working_days": 5,
                                  "documents": docs}], source="samples")
    big = desk.dossiers.receive(IntakeInput("9.000040", nhung), officer)
    made += to_png(forms.slip(big["code"], officer_id=officer), "01-slip-a4-40-documents", dpi, pages=2)

    sup = desk.dossiers.receive(
        IntakeInput("1.001022", nhung), officer, outcome="supplement_requested",
        reason="Giấy tờ chứng minh quan hệ cha con chưa có xác nhận của cơ quan có thẩm quyền.",
        missing_documents=["Văn bản của cơ quan, tổ chức có thẩm quyền xác nhận quan hệ cha con",
                           "Bản sao giấy khai sinh của người con"])
    made += to_png(forms.form("supplement", sup["code"], officer_id=officer), "02-supplement-a4", dpi)
    made += to_png(forms.form("supplement", sup["code"], officer_id=officer, paper="a5"), "02-supplement-a5", dpi)

    ref = desk.dossiers.receive(
        IntakeInput("1.004873", nhung), officer, outcome="refused",
        reason="Người yêu cầu cư trú tại tỉnh khác: việc cấp giấy xác nhận thuộc thẩm quyền của UBND xã nơi cư trú.")
    made += to_png(forms.form("refusal", ref["code"], officer_id=officer), "03-refusal-a4", dpi)
    made += to_png(forms.form("refusal", ref["code"], officer_id=officer, paper="a5"), "03-refusal-a5", dpi)

    desk.dossiers.act(dossier["code"], "hand_over", officer,
                      data={"to_unit": "Công chức Tư pháp - Hộ tịch", "handler": "Lê Thị Hà"})
    clock.now = datetime(2026, 11, 25, 10, 15)
    desk.dossiers.act(dossier["code"], "apologize", officer,
                      data={"reason": "Cần xác minh thông tin cư trú tại địa phương khác.",
                            "new_due_at": "2026-12-02 16:00"})
    made += to_png(forms.form("apology", dossier["code"], officer_id=officer), "04-apology-a4", dpi)
    made += to_png(forms.form("apology", dossier["code"], officer_id=officer, paper="a5"), "04-apology-a5", dpi)
    clock.now = datetime(2026, 12, 1, 14, 0)
    desk.dossiers.act(dossier["code"], "result_ready", officer)
    clock.now = datetime(2026, 12, 2, 9, 5)
    desk.dossiers.act(dossier["code"], "return_result", officer, data={"collected_by": "Nguyễn Thị Hồng Nhung"})
    made += to_png(forms.form("control", dossier["code"], officer_id=officer), "06-control-sheet-a4", dpi)
    made += to_png(forms.form("control", dossier["code"], officer_id=officer, paper="a5"), "06-control-sheet-a5", dpi)

    stop = desk.dossiers.receive(IntakeInput("1.004873", nhung), officer)
    clock.now = datetime(2026, 12, 2, 10, 0)
    desk.dossiers.act(stop["code"], "withdraw", officer,
                      data={"reason": "Người nộp đề nghị rút hồ sơ để bổ sung giấy tờ khác."})
    made += to_png(forms.form("stop", stop["code"], officer_id=officer), "05-stop-a4", dpi)
    made += to_png(forms.form("stop", stop["code"], officer_id=officer, paper="a5"), "05-stop-a5", dpi)

    # A supplement asked during processing and brought: the clock paused, form 01 issued again.
    clock.now = datetime(2026, 11, 23, 10, 40)
    again = desk.dossiers.receive(IntakeInput("1.001022", nhung), officer)
    forms.slip(again["code"], officer_id=officer)
    desk.dossiers.act(again["code"], "hand_over", officer, data={"to_unit": "Công chức Tư pháp - Hộ tịch"})
    clock.now = datetime(2026, 11, 25, 9, 0)
    desk.dossiers.act(again["code"], "request_supplement", officer,
                      data={"missing_documents": ["Bản sao giấy khai sinh của người con"]})
    clock.now = datetime(2026, 11, 27, 14, 0)
    desk.dossiers.act(again["code"], "supplement_received", officer)
    made += to_png(forms.slip(again["code"], officer_id=officer), "01-slip-a4-reissued", dpi, pages=1)

    # Refused after processing, with the reason printed for the citizen.
    clock.now = datetime(2026, 11, 24, 8, 0)
    land = desk.dossiers.receive(IntakeInput("1.001022", nhung), officer)
    desk.dossiers.act(land["code"], "hand_over", officer, data={"to_unit": "Công chức Tư pháp - Hộ tịch"})
    clock.now = datetime(2026, 11, 26, 15, 30)
    desk.dossiers.act(land["code"], "reject", officer, data={
        "reason": "Kết quả xác minh cho thấy người yêu cầu không phải là cha của người được nhận; không đủ điều "
                  "kiện đăng ký nhận cha, con theo quy định."})
    made += to_png(forms.form("rejection", land["code"], officer_id=officer), "08-rejection-a4", dpi)

    # The register: each line's STT is its slip's; the promised date and the apology's new one both shown.
    made += to_png(forms.register(date(2026, 11, 1), date(2026, 12, 31), officer_id=officer), "07-register-a4", dpi)
    desk.close()
    print("\n".join(made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
