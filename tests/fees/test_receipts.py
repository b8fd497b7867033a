"""Receipts at one desk: numbers from this desk's block that never repeat (a crash, a restored
backup), every receipt printed with its mandatory content, a spoilt one cancelled with its reason, and
a reprint that says it is a copy."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desk import dbfile
from desk.backup import make_backup, restore_backup
from desk.errors import DeskError, ValidationErrors
from desk.fees.receipts import GAP_REASON, ReceiptInput, receipt_label
from desk.fees.series import SeriesBook
from desk.forms.fees import FeeForms
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk
from tests.fees.conftest import SERIES
from tests.forms.pdfcheck import A5, ROLL_WIDTH, fonts, page_sizes, page_texts, qr_texts, same_size

NHUNG = "Nguyễn Thị Hồng Nhung"


def _issue(desk: Any, officer: dict, procedure: str = "2.000884", **kw: Any) -> dict[str, Any]:
    kw.setdefault("payer_name", NHUNG)
    return desk.fees.receipts.issue(ReceiptInput(procedure, **kw), officer["id"])


def test_numbers_come_from_this_desks_block_and_each_receipt_is_one_op(desk: Any, officer: dict,
                                                                        series: Any) -> None:
    first = _issue(desk, officer)
    assert (first["symbol"], first["number"], first["amount"]) == ("01AA-26T", 1, 10_000)
    desk.office.save({**desk.office.as_dict(), "desk_no": 3})
    third_desk = _issue(desk, officer, copies=2)
    assert third_desk["number"] == 2001 and third_desk["amount"] == 20_000, "desk 03 numbers from 2001"
    ops = desk.store.query("SELECT entity, entity_id, kind FROM outbox ORDER BY seq")
    assert ops == [{"entity": "receipt", "entity_id": first["id"], "kind": "issue"},
                   {"entity": "receipt", "entity_id": third_desk["id"], "kind": "issue"}]


def test_what_a_receipt_says_never_changes(desk: Any, officer: dict, series: Any) -> None:
    r = _issue(desk, officer)
    for sql in ("UPDATE receipts SET amount = 1", "UPDATE receipts SET payer_name = 'X'", "DELETE FROM receipts"):
        with pytest.raises(dbfile.IntegrityError), desk.store.write("x") as uow:
            uow.execute(sql)
    desk.fees.receipts.cancel(r["id"], "In sai", officer["id"])
    with pytest.raises(dbfile.IntegrityError), desk.store.write("x") as uow:
        uow.execute("UPDATE receipts SET status = 'issued'")


def test_a_receipt_needs_a_series_a_payer_and_an_amount(desk: Any, officer: dict) -> None:
    with pytest.raises(DeskError) as e:
        _issue(desk, officer)
    assert e.value.code == "no_series"
    desk.fees.series.register(SERIES)
    with pytest.raises(ValidationErrors) as many:
        desk.fees.receipts.issue(ReceiptInput("2.000815", method="card"), officer["id"])
    assert set(many.value.fields) == {"payer_name", "method", "pages"}
    with pytest.raises(ValidationErrors) as many:
        _issue(desk, officer, procedure="1.001193")  # khai sinh: nothing to collect
    assert "không lập biên lai" in many.value.fields["amount"]
    assert desk.store.scalar("SELECT COUNT(*) FROM receipts") == 0


def test_a_spoilt_receipt_is_cancelled_with_its_reason_and_keeps_its_number(desk: Any, officer: dict,
                                                                            series: Any) -> None:
    r = _issue(desk, officer)
    other = desk.officers.create("canbo2", "Lê Thị Thu", "matkhau123")
    with pytest.raises(DeskError) as e:
        desk.fees.receipts.cancel("0000001", "In sai tên", other["id"])
    assert e.value.code == "not_collector"
    with pytest.raises(Exception) as no_reason:
        desk.fees.receipts.cancel("0000001", "  ", officer["id"])
    assert "Lý do hủy" in str(no_reason.value)
    done = desk.fees.receipts.cancel("01AA-26T 0000001", "In sai tên người nộp", officer["id"])
    assert (done["id"], done["status"], done["cancel_reason"]) == (r["id"], "cancelled", "In sai tên người nộp")
    with pytest.raises(DeskError):
        desk.fees.receipts.cancel(r["id"], "lần nữa", officer["id"])
    nxt = _issue(desk, officer)
    assert nxt["number"] == 2, "the cancelled number is never reused"
    assert [o["kind"] for o in desk.store.query("SELECT kind FROM outbox ORDER BY seq")] == ["issue", "cancel", "issue"]
    desk.fees.till.close(officer["id"], "10000")
    with pytest.raises(DeskError) as e:
        desk.fees.receipts.cancel(nxt["id"], "muộn", officer["id"])
    assert e.value.code == "till_closed"


def test_a_number_taken_by_a_write_that_died_is_recorded_void_never_reused(desk: Any, officer: dict,
                                                                          series: Any) -> None:
    _issue(desk, officer)
    # The PC dies between writing the high-water file and the commit: number 2 was handed out, the
    # database never heard of it (nothing was printed: printing follows the commit).
    with pytest.raises(RuntimeError), desk.store.write(officer["id"]) as uow:
        SeriesBook.next_number(uow, SeriesBook.active(uow), 1)
        uow.flush_highwater()
        raise RuntimeError("power cut")
    assert desk.fees.till.gaps() == ["01AA-26T 0000002"]  # handed out, no record yet
    third = _issue(desk, officer)
    assert third["number"] == 3 and desk.fees.till.gaps() == []
    void = desk.fees.receipts.get("0000002")
    assert void["void"] == 1 and void["status"] == "cancelled" and void["cancel_reason"] == GAP_REASON
    ops = desk.store.query("SELECT kind FROM outbox WHERE entity = 'receipt' ORDER BY seq")
    assert [o["kind"] for o in ops] == ["issue", "void", "issue"]
    numbers = [r["number"] for r in desk.store.query("SELECT number FROM receipts ORDER BY number")]
    assert numbers == [1, 2, 3]


def test_a_restored_backup_never_prints_a_number_twice(desk: Any, officer: dict, series: Any, data_dir: Path,
                                                       clock: Any) -> None:
    [_issue(desk, officer) for _ in range(2)]
    backup = make_backup(desk.store)
    [_issue(desk, officer) for _ in range(3)]
    desk.close()
    restore_backup(data_dir / "desk.db", backup)
    again = Desk.open(data_dir, clock=clock)
    try:
        r = again.fees.receipts.issue(ReceiptInput("2.000884", payer_name=NHUNG), officer["id"])
        assert r["number"] == 6, "continues past every number printed before the restore"
        # Numbers 3–5 were printed and may come back from the district (recovery): not voided meanwhile.
        assert again.fees.till.gaps() == ["01AA-26T 0000003", "01AA-26T 0000004", "01AA-26T 0000005"]
        assert again.store.scalar("SELECT COUNT(*) FROM receipts WHERE void = 1") == 0
    finally:
        again.close()


def test_the_printed_receipt_carries_every_mandatory_field(desk: Any, officer: dict, series: Any) -> None:
    r = _issue(desk, officer, procedure="2.000815", pages=3, copies=2, payer_address="Tổ 5, phường Hòa Bình")
    path = FeeForms(desk).receipt(r["id"], paper="a5", officer_id=officer["id"])
    pages = page_texts(path)
    assert len(pages) == 2 and all(same_size(s, A5) for s in page_sizes(path))
    assert "Liên 1" in pages[0] and "Liên 2" in pages[1]
    for text in pages:
        for needed in ("BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ", "Ký hiệu mẫu: 01BLP0-001", "Ký hiệu: 01AA-26T",
                       "Số: 0000001", "UBND PHƯỜNG HÒA BÌNH", "Mã số thuế: 4600123456", NHUNG,
                       "Phí chứng thực bản sao từ bản chính", "10.000 đồng", "Mười nghìn đồng", "Tiền mặt",
                       "ngày 23 tháng 11 năm 2026", "NGƯỜI THU TIỀN", "Trần Văn Tiếp"):
            assert needed in text, needed
        assert "BẢN SAO" not in text
    assert all(f["type"] == "TrueType" and f["emb"] == "yes" for f in fonts(path))
    qr = qr_texts(path, dpi=200)
    assert qr and "BL=01AA-26T-0000001&ST=10000&SGT=" in qr[0]
    from desk.forms.receipt import verify_receipt_text

    assert verify_receipt_text(qr[0], desk.office.require()) == ("01AA-26T-0000001", 10000, True)
    assert verify_receipt_text(qr[0].replace("ST=10000", "ST=90000"), desk.office.require())[2] is False  # type: ignore[index]
    archived = desk.store.query("SELECT kind, paper FROM printed_forms")
    assert archived == [{"kind": "receipt", "paper": "a5"}]


def test_a_reprint_says_it_is_a_copy_and_a_cancelled_receipt_says_why(desk: Any, officer: dict, series: Any,
                                                                     clock: Any) -> None:
    r = _issue(desk, officer, method="transfer")
    forms = FeeForms(desk)
    forms.receipt(r["id"], officer_id=officer["id"])
    clock.set(datetime(2026, 11, 23, 14, 30))
    again = forms.receipt(r["id"], paper="80mm", officer_id=officer["id"])
    text = " ".join(page_texts(again))
    assert "BẢN SAO — IN LẠI LÚC 14:30 23/11/2026" in text and "Chuyển khoản" in text
    assert abs(page_sizes(again)[0][0] - ROLL_WIDTH) < 0.5
    desk.fees.receipts.cancel(r["id"], "Khách đổi ý không nộp", officer["id"])
    cancelled = " ".join(page_texts(forms.receipt(r["id"], officer_id=officer["id"])))
    assert "ĐÃ HỦY — Lý do: Khách đổi ý không nộp" in cancelled


def test_a_receipt_for_a_dossier_takes_its_payer_and_an_exemption_is_recorded(desk: Any, officer: dict,
                                                                             series: Any) -> None:
    d = desk.dossiers.receive(IntakeInput("2.000815", ApplicantInput(NHUNG.lower(), "019190000123", "12/05/1990",
                                                                     "Nữ", address="Tổ 5")), officer["id"])
    r = desk.fees.receipts.issue(ReceiptInput(dossier_ref=d["code"], pages=1), officer["id"])
    assert (r["payer_name"], r["dossier_code"], r["amount"]) == (NHUNG, d["code"], 2000)
    other = desk.dossiers.receive(IntakeInput("2.002516", ApplicantInput("Lê Văn Hải", "019090001234",
                                                                         "01/01/1990", "Nam"),
                                              confirmed_due_at=datetime(2026, 11, 27, 16, 0)), officer["id"])
    ex = desk.fees.receipts.exempt(other["code"], "khuyet_tat", "", officer["id"], copies=1)
    assert (ex["amount_waived"], ex["reason"]) == (8000, "Người khuyết tật")
    assert desk.store.query("SELECT entity, kind FROM outbox WHERE entity = 'fee_exemption'") == [
        {"entity": "fee_exemption", "kind": "exempt"}]
    assert receipt_label(r) == "01AA-26T 0000001"
    assert [f["kind"] for f in FeeForms(desk).forms.archived(d["code"])] == []
    FeeForms(desk).receipt(r["id"], officer_id=officer["id"])
    assert [f["kind"] for f in FeeForms(desk).forms.archived(d["code"])] == ["receipt"]
