"""The till's close (cash counted against cash expected, the difference explained, the hand-over list)
and the collections report with its XLSX and the CSV export for the finance office."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desk.errors import DeskError, ValidationError
from desk.fees.receipts import ReceiptInput
from desk.fees.report import FINANCE_COLUMNS, collections, finance_csv, receipts_in, write_xlsx
from desk.forms.fees import FeeForms
from tests.forms.pdfcheck import A4, page_sizes, page_texts, same_size


def _day_of_fees(desk: Any, officer: dict, clock: Any) -> list[dict[str, Any]]:
    issue = desk.fees.receipts.issue
    made = [
        issue(ReceiptInput("2.000884", payer_name="Lê Văn Bình"), officer["id"]),                       # 10.000
        issue(ReceiptInput("2.000815", payer_name="Hồ Thị Yến", pages=3), officer["id"]),               # 5.000
        issue(ReceiptInput("2.001035", payer_name="Phạm Minh Châu", method="transfer"), officer["id"]),  # 50.000
        issue(ReceiptInput("2.000884", payer_name="Đỗ Quang Huy", copies=3), officer["id"]),            # 30.000
    ]
    clock.set(datetime(2026, 11, 23, 10, 15))
    made.append(issue(ReceiptInput("2.000815", payer_name="Vũ Thị Lan", pages=12), officer["id"]))     # 14.000
    desk.fees.receipts.cancel(made[1]["id"], "Ghi sai số trang", officer["id"])
    return made


def test_the_till_close_counts_cash_against_what_is_expected(desk: Any, officer: dict, series: Any,
                                                             clock: Any) -> None:
    made = _day_of_fees(desk, officer, clock)
    s = desk.fees.till.summary(officer["id"])
    assert (len(s.issued), len(s.cancelled), s.total, s.expected_cash) == (4, 1, 104_000, 54_000)
    assert s.by_method == {"cash": 54_000, "transfer": 50_000}
    assert [(t.fee_code, t.count, t.amount) for t in s.by_fee] == [
        ("chung_thuc_hop_dong", 1, 50_000), ("chung_thuc_chu_ky", 2, 40_000), ("chung_thuc_ban_sao", 1, 14_000)]
    with pytest.raises(ValidationError) as e:
        desk.fees.till.close(officer["id"], "44.000")  # one 10.000 note short, nothing said
    assert e.value.field == "explanation" and "thiếu 10.000 đ" in e.value.message_vi
    assert desk.store.scalar("SELECT COUNT(*) FROM till_closes") == 0
    close = desk.fees.till.close(officer["id"], "44.000", "Thiếu một tờ 10.000 đồng; cán bộ nộp bù ngày 24/11.")
    assert (close["expected_cash"], close["counted_cash"], close["difference"]) == (54_000, 44_000, -10_000)
    op = desk.store.query_one("SELECT entity, kind, payload FROM outbox WHERE entity = 'till'")
    assert op is not None and op["kind"] == "close"
    payload = json.loads(op["payload"])
    assert sorted(payload["receipts"]) == sorted(r["id"] for r in made if r["id"] != made[1]["id"])
    assert payload["cancelled"] == [made[1]["id"]]
    assert payload["close"]["totals"]["cancelled"] == ["01AA-26T 0000002"]
    assert desk.fees.till.summary(officer["id"]).receipts == []
    with pytest.raises(DeskError) as empty:
        desk.fees.till.close(officer["id"], "0")
    assert empty.value.code == "empty_till"
    nxt = desk.fees.receipts.issue(ReceiptInput("2.000884", payer_name="Lê Văn Bình"), officer["id"])
    assert nxt["number"] == 6 and [r["id"] for r in desk.fees.till.summary(officer["id"]).receipts] == [nxt["id"]]


def test_each_officer_closes_only_their_own_till(desk: Any, officer: dict, series: Any) -> None:
    other = desk.officers.create("canbo2", "Lê Thị Thu", "matkhau123")
    desk.fees.receipts.issue(ReceiptInput("2.000884", payer_name="A B"), officer["id"])
    desk.fees.receipts.issue(ReceiptInput("2.000884", payer_name="C D", copies=2), other["id"])
    close = desk.fees.till.close(other["id"], "20000")
    assert (close["issued_count"], close["total"], close["difference"]) == (1, 20_000, 0)
    assert desk.fees.till.open_count() == 1


def test_the_hand_over_list_shows_every_receipt_and_the_difference(desk: Any, officer: dict, series: Any,
                                                                  clock: Any) -> None:
    _day_of_fees(desk, officer, clock)
    close = desk.fees.till.close(officer["id"], "44000", "Thiếu một tờ 10.000 đồng")
    path = FeeForms(desk).till(close["id"], officer_id=officer["id"])
    assert all(same_size(s, A4) for s in page_sizes(path))
    text = " ".join(page_texts(path))
    for needed in ("BẢNG KÊ BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ", "Người thu tiền: Trần Văn Tiếp",
                   *(f"01AA-26T 000000{n}" for n in range(1, 6)), "Đã hủy: Ghi sai số trang", "(5.000)",
                   "Phí chứng thực hợp đồng, giao dịch", "Chuyển khoản: 50.000 đồng", "Tiền mặt: 54.000 đồng",
                   "Biên lai đã hủy (1): 01AA-26T 0000002", "Tiền mặt phải nộp: 54.000 đồng",
                   "Năm mươi bốn nghìn đồng",
                   "Tiền mặt thực nộp: 44.000 đồng", "Chênh lệch: −10.000 đồng (thiếu)",
                   "Giải trình: Thiếu một tờ 10.000 đồng", "NGƯỜI NỘP TIỀN", "NGƯỜI NHẬN TIỀN"):
        assert needed in text, needed
    assert "104.000" in text  # the total of the fees, cancelled ones left out


def test_collections_by_fee_day_and_method(desk: Any, officer: dict, series: Any, clock: Any) -> None:
    _day_of_fees(desk, officer, clock)
    clock.set(datetime(2026, 11, 25, 9, 0))
    desk.fees.receipts.issue(ReceiptInput("2.000884", payer_name="=HYPERLINK(\"http://x\")"), officer["id"])
    report = collections(desk.store, date(2026, 11, 1), date(2026, 11, 30))
    assert (report.count, report.total, report.cancelled) == (5, 114_000, 1)
    assert report.by_method() == {"cash": 64_000, "transfer": 50_000}
    assert [(d, sum(f.total for f in fees)) for d, fees in report.by_day()] == [("2026-11-23", 104_000),
                                                                              ("2026-11-25", 10_000)]
    only_25 = collections(desk.store, date(2026, 11, 25), date(2026, 11, 25))
    assert (only_25.count, only_25.total) == (1, 10_000)
    with pytest.raises(ValidationError):
        collections(desk.store, date(2026, 11, 25), date(2026, 11, 1))


def test_the_report_as_xlsx_pdf_and_the_finance_csv(desk: Any, officer: dict, series: Any, clock: Any,
                                                    tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _day_of_fees(desk, officer, clock)
    desk.fees.receipts.issue(ReceiptInput("2.000884", payer_name="=cmd|' /C calc'!A0"), officer["id"])
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    report = collections(desk.store, first, last)
    rows = receipts_in(desk.store, first, last)
    out = write_xlsx(report, rows, tmp_path / "thu-phi.xlsx", office="UBND phường Hòa Bình")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Theo khoản thu", "Theo ngày", "Biên lai"]
    fees = wb["Theo khoản thu"]
    assert [c.value for c in fees[5]] == ["Mã khoản thu", "Khoản thu", "Số biên lai", "Tiền mặt (đồng)",
                                          "Chuyển khoản (đồng)", "Cộng (đồng)"]
    assert fees["F6"].value == 50_000 and fees["F6"].number_format == "#,##0"
    assert fees.cell(fees.max_row, 6).value == 114_000 and fees.column_dimensions["B"].width == 60
    receipts = wb["Biên lai"]
    payers = [receipts.cell(r, 5).value for r in range(6, receipts.max_row + 1)]
    assert "'=cmd|' /C calc'!A0" in payers, "a formula typed as a name stays text"
    assert all(c.data_type != "f" for row in receipts.iter_rows() for c in row)
    statuses = [receipts.cell(r, 10).value for r in range(6, receipts.max_row + 1)]
    assert statuses.count("Đã hủy") == 1
    data = finance_csv(rows)
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(table[0]) == FINANCE_COLUMNS and len(table) == 1 + 6
    second = dict(zip(FINANCE_COLUMNS, table[2], strict=True))
    assert (second["so"], second["so_tien"], second["trang_thai"], second["ly_do_huy"]) == (
        "0000002", "5000", "huy", "Ghi sai số trang")
    assert dict(zip(FINANCE_COLUMNS, table[6], strict=True))["nguoi_nop"].startswith("'=")
    pdf = FeeForms(desk).collections(first, last, officer_id=officer["id"])
    text = " ".join(page_texts(pdf))
    for needed in ("BÁO CÁO TÌNH HÌNH THU PHÍ, LỆ PHÍ", "Từ ngày 01/11/2026 đến ngày 30/11/2026",
                   "Phí chứng thực chữ ký", "114.000", "Một trăm mười bốn nghìn đồng", "Biên lai đã hủy: 1",
                   "23/11/2026"):
        assert needed in text, needed
