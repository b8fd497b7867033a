"""Render the fee forms to PNG for docs/forms/: the receipt (A5 and the 80 mm roll), the till's
hand-over list and the collections report (issue 19).

    python3 docs/forms/make_fee_samples.py [--dpi 100]

Everything goes through the real services of a throw-away desk: receipts issued and one cancelled,
the till closed one note short.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import Clock, to_png  # beside this script

from desk.fees.receipts import ReceiptInput
from desk.forms.fees import FeeForms
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", type=int, default=100)
    dpi = ap.parse_args().dpi
    clock = Clock()
    desk = Desk.open(Path(tempfile.mkdtemp(prefix="fee-samples-")), clock=clock)
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "province": "Tỉnh Thái Nguyên",
                      "place_name": "Hòa Bình", "address": "Số 1 đường Hoàng Văn Thụ",
                      "lookup_url_base": "https://tracuu.example.gov.vn/tra-cuu"})
    officer = desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")["id"]
    desk.fees.series.register({"symbol": "01AA-26T", "form_no": "01BLP0-001", "first_no": 1, "last_no": 10000,
                               "per_desk": 1000, "org_name": "UBND phường Hòa Bình", "tax_code": "4600123456"})
    nhung = ApplicantInput("Nguyễn Thị Hồng Nhung", "019190000123", "12/05/1990", "Nữ",
                           "Tổ 5, phường Hòa Bình, tỉnh Thái Nguyên", "0912345678")
    dossier = desk.dossiers.receive(IntakeInput("2.000815", nhung), officer)
    fees, forms = desk.fees.receipts, FeeForms(desk)
    first = fees.issue(ReceiptInput(dossier_ref=dossier["code"], pages=3, copies=2), officer)
    made = to_png(forms.receipt(first["id"], paper="a5", officer_id=officer), "08-receipt-a5", dpi)
    clock.now = datetime(2026, 11, 23, 14, 10)
    made += to_png(forms.receipt(first["id"], paper="80mm", officer_id=officer), "08-receipt-80mm-reprint", dpi,
                   pages=1)
    spoilt = fees.issue(ReceiptInput("2.000884", payer_name="Lê Văn Bình"), officer)
    fees.cancel(spoilt["id"], "In sai tên người nộp", officer)
    fees.issue(ReceiptInput("2.000884", payer_name="Lê Văn Bính", copies=2), officer)
    fees.issue(ReceiptInput("2.001035", payer_name="Phạm Minh Châu", method="transfer"), officer)
    close = desk.fees.till.close(officer, "20.000", "Thiếu một tờ 10.000 đồng; cán bộ nộp bù sáng 24/11/2026.")
    made += to_png(forms.till(close["id"], officer_id=officer), "09-till-hand-over-a4", dpi)
    made += to_png(forms.collections(date(2026, 11, 1), date(2026, 11, 30), officer_id=officer),
                   "10-collections-a4", dpi)
    desk.close()
    print("\n".join(made))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
