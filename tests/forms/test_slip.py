"""Form 01 as the citizen and the desk see it: rendered, read back, scanned."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desk.errors import DeskError, NotFoundError, ValidationError
from desk.forms import FormService, slip_url, verify_slip_text
from desk.intake import DocumentInput
from tests.forms.conftest import NHUNG, applicant
from tests.forms.pdfcheck import (
    A4,
    A5,
    ROLL_WIDTH,
    chars_outside,
    fonts,
    image_count,
    page_sizes,
    page_texts,
    qr_texts,
    same_size,
)

DOCS = [
    DocumentInput("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals=1),
    DocumentInput("Căn cước của người yêu cầu", certified=1),
    DocumentInput("Giấy tờ chứng minh nơi cư trú", photocopies=2),
]


@pytest.fixture
def dossier(receive: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return receive("1.004873", documents=DOCS, sets_count=1)


def test_a4_slip_has_both_copies_with_every_field_in_vietnamese(forms: FormService, dossier: dict[str, Any],
                                                                 desk: Any) -> None:
    path = forms.slip(dossier["code"])
    sizes = page_sizes(path)
    assert len(sizes) == 2 and all(same_size(s, A4) for s in sizes)
    first, second = page_texts(path)
    code = dossier["code"]
    for text in (first, second):
        assert "UBND PHƯỜNG HÒA BÌNH" in text
        assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "Hòa Bình, ngày 23 tháng 11 năm 2026" in text
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
        assert f"Mã hồ sơ: {code}" in text
        assert f"Tiếp nhận hồ sơ của: Ông/Bà {NHUNG}" in text
        assert "Địa chỉ: Tổ 5, phường Hòa Bình, tỉnh Thái Nguyên" in text
        assert "Số điện thoại: 0912345678" in text
        assert "Số định danh cá nhân (CCCD): 019190000123" in text
        assert "Nội dung yêu cầu giải quyết: Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in text
        assert "TT Thành phần hồ sơ Bản chính Bản chứng thực Bản photo" in text
        assert "1 Tờ khai cấp Giấy xác nhận tình trạng hôn nhân 1 0 0" in text
        assert "2 Căn cước của người yêu cầu 0 1 0" in text
        assert "3 Giấy tờ chứng minh nơi cư trú 0 0 2" in text
        assert "2. Số lượng hồ sơ: 01 (bộ)" in text
        assert "3. Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc" in text
        assert "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 23 tháng 11 năm 2026" in text
        # 24/11 is a day off from 2026: three working days from Monday end on Friday.
        assert "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 27 tháng 11 năm 2026" in text
        assert "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả, UBND phường Hòa Bình" in text
        assert "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 01-0001" in text
        assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        assert "(Ký và ghi rõ họ tên)" in text
        assert "Trần Văn Tiếp" in text  # the receiving officer, printed under the signature
    assert "(Liên 1: Lưu)" in first and "Liên 2" not in first
    assert "(Liên 2: Giao người nộp hồ sơ)" in second and "Liên 1" not in second
    assert not chars_outside(path)


def test_every_font_is_embedded_truetype_never_base14(forms: FormService, dossier: dict[str, Any]) -> None:
    for paper in ("a4", "a5", "80mm"):
        rows = fonts(forms.slip(dossier["code"], paper=paper))
        assert rows, "the PDF must name its fonts"
        for row in rows:
            assert row["type"] == "TrueType" and row["emb"] == "yes", (paper, row)
        assert {r["name"].split("+")[-1] for r in rows} >= {"BeVietnamPro-Regular", "BeVietnamPro-Bold"}


@pytest.mark.parametrize("paper, size", [("a4", A4), ("a5", A5)])
def test_qr_decodes_to_the_tagged_lookup_url_that_verifies(forms: FormService, dossier: dict[str, Any],
                                                           desk: Any, paper: str, size: tuple[float, float]) -> None:
    path = forms.slip(dossier["code"], paper=paper)
    assert all(same_size(s, size) for s in page_sizes(path))
    profile = desk.office.require()
    for page in (0, 1):
        (text,) = qr_texts(path, page)
        assert text == slip_url(profile, dossier["code"])
        assert text.startswith(f"https://tracuu.example.gov.vn/tra-cuu?MHS={dossier['code']}&SGT=")
        scanned = verify_slip_text(text, profile)
        assert scanned is not None and scanned.genuine and scanned.code == dossier["code"]
    # Drawn as vectors: there is no picture in the file at all.
    assert image_count(path) == 0


def test_altered_or_forged_slip_fails_verification(forms: FormService, dossier: dict[str, Any], desk: Any) -> None:
    profile = desk.office.require()
    (text,) = qr_texts(forms.slip(dossier["code"]), 0)
    code = dossier["code"]
    other_code = code[:-1] + ("2" if code[-1] != "2" else "3")
    altered = verify_slip_text(text.replace(code, other_code), profile)
    assert altered is not None and altered.code == other_code and not altered.genuine
    tag = text.rsplit("SGT=", 1)[1]
    retagged = verify_slip_text(text.replace(tag, "A" * len(tag)), profile)
    assert retagged is not None and not retagged.genuine
    other_office = replace(profile, hmac_key="11" * 32)
    forged = verify_slip_text(slip_url(other_office, code), profile)
    assert forged is not None and not forged.genuine
    assert verify_slip_text("https://example.com/?q=1", profile) is None
    assert verify_slip_text("079190000123|Nguyễn Văn A|01011990", profile) is None
    # A keyboard-mode scanner with caps lock on still reads as genuine.
    caps = verify_slip_text(text.swapcase().replace("mhs=", "MHS=").replace("sgt=", "SGT="), profile)
    assert caps is not None and caps.genuine


def test_qr_carries_no_personal_data(dossier: dict[str, Any], desk: Any) -> None:
    url = slip_url(desk.office.require(), dossier["code"])
    for personal in ("019190000123", "0912345678", "Nhung", "Nguy"):
        assert personal not in url


def test_without_lookup_page_the_qr_is_the_bare_query_and_still_verifies(
        forms: FormService, dossier: dict[str, Any], desk: Any) -> None:
    data = {k: v for k, v in desk.office.as_dict().items()}
    data["lookup_url_base"] = ""
    desk.office.save(data)
    profile = desk.office.require()
    (text,) = qr_texts(forms.slip(dossier["code"]), 0)
    assert text == f"MHS={dossier['code']}&SGT={text.rsplit('=', 1)[1]}"
    scanned = verify_slip_text(text, profile)
    assert scanned is not None and scanned.genuine


def test_thermal_80mm_receipt_is_one_long_page_per_copy(forms: FormService, dossier: dict[str, Any],
                                                        desk: Any) -> None:
    path = forms.slip(dossier["code"], paper="80mm")
    sizes = page_sizes(path)
    assert len(sizes) == 2
    for w, h in sizes:
        assert abs(w - ROLL_WIDTH) < 0.5 and h > 2 * w
    first, second = page_texts(path)
    assert NHUNG in first and dossier["code"] in first and "(Liên 1: Lưu)" in first
    assert "(Liên 2: Giao người nộp hồ sơ)" in second
    assert "09 giờ 00 phút, ngày 27 tháng 11 năm 2026" in first
    (text,) = qr_texts(path, 0)
    scanned = verify_slip_text(text, desk.office.require())
    assert scanned is not None and scanned.genuine
    assert not chars_outside(path)


def test_long_names_wrap_and_forty_documents_flow_with_the_header_repeated(
        forms: FormService, desk: Any, receive: Callable[..., dict[str, Any]]) -> None:
    long_name = ("Thủ tục cấp giấy xác nhận đặc biệt dành cho trường hợp có yếu tố nước ngoài, "
                 "người yêu cầu cư trú tại nhiều địa phương khác nhau trong thời gian dài ") * 4
    long_name = long_name[:300].strip()
    assert len(long_name) >= 290
    documents = [{"name": f"Giấy tờ số {i}: bản kê khai quá trình cư trú giai đoạn {i}",
                  "copies": 1, "copies_text": "1 bản chính"} for i in range(1, 41)]
    desk.catalog.import_records([{"code": "9.000040", "name": long_name, "field": "Hộ tịch",
                                  "time_limit_working_days": 5, "documents": documents}], source="test")
    long_address = "Thôn Khuổi Nặm, xã Phúc Xuân, " * 10
    dossier = receive("9.000040", applicant=applicant(address=long_address.strip(" ,")))
    path = forms.slip(dossier["code"])
    texts = page_texts(path)
    assert len(texts) == 4  # two pages for each copy
    assert all(same_size(s, A4) for s in page_sizes(path))
    assert "(Liên 1: Lưu)" in texts[0] and "(Liên 2: Giao người nộp hồ sơ)" in texts[2]
    assert " ".join(long_name.split()) in texts[0]
    assert "Thôn Khuổi Nặm, xã Phúc Xuân, " * 3 in texts[0]
    for cont in (texts[1], texts[3]):
        assert "TT Thành phần hồ sơ Bản chính Bản chứng thực Bản photo" in cont  # header repeated
        assert "Giấy tờ số 40:" in cont
        assert f"Mã hồ sơ {dossier['code']}" in cont and "Trang 2" in cont
    assert "5. Thời gian trả kết quả giải quyết hồ sơ:" in texts[1]
    assert not chars_outside(path)
    # On the roll each copy stays one (long) receipt.
    roll = forms.slip(dossier["code"], paper="80mm")
    assert len(page_sizes(roll)) == 2
    assert all("Giấy tờ số 1:" in t and "Giấy tờ số 40:" in t for t in page_texts(roll))
    assert not chars_outside(roll)


def test_every_kind_of_limit_is_stated_as_the_law_writes_it(forms: FormService, desk: Any,
                                                            receive: Callable[..., dict[str, Any]]) -> None:
    same_day = receive("2.000815")
    text = page_texts(forms.slip(same_day["code"]))[0]
    assert ("3. Thời gian giải quyết hồ sơ theo quy định là: trong ngày làm việc; nếu tiếp nhận sau 15 giờ thì "
            "trả trong ngày làm việc tiếp theo") in text
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 23 tháng 11 năm 2026" in text
    # Calendar days (hộ nghèo: 15 ngày): Mon 23/11 + 15 = Tue 08/12, at closing.
    calendar = receive("1.011607")
    text = page_texts(forms.slip(calendar["code"]))[0]
    assert "3. Thời gian giải quyết hồ sơ theo quy định là: 15 ngày" in text
    assert "17 giờ 00 phút, ngày 08 tháng 12 năm 2026" in text
    # Half a day and hours, as an office sets them.
    desk.catalog.set_limit("2.000908", "0,5 ngày làm việc")
    text = page_texts(forms.slip(receive("2.000908")["code"]))[0]
    # Half of an 8-hour office day from 09:00, across the lunch break: 15:00.
    assert "quy định là: 0,5 ngày làm việc" in text and "15 giờ 00 phút, ngày 23 tháng 11 năm 2026" in text
    desk.catalog.set_limit("2.000908", "02 giờ làm việc")
    text = page_texts(forms.slip(receive("2.000908")["code"]))[0]
    assert "quy định là: 02 giờ làm việc" in text and "11 giờ 00 phút, ngày 23 tháng 11 năm 2026" in text
    from datetime import datetime

    # A paper slip entered later, for a procedure without a limit: the date written on it.
    paper = receive("1.000894", confirmed_due_at=datetime(2026, 12, 4, 16, 30))
    text = page_texts(forms.slip(paper["code"]))[0]
    assert "theo ngày hẹn trả ghi tại mục 5" in text
    assert "16 giờ 30 phút, ngày 04 tháng 12 năm 2026" in text


def test_every_print_is_archived_and_reprinted_identically(forms: FormService, dossier: dict[str, Any],
                                                           desk: Any, officer: dict[str, Any]) -> None:
    path = forms.slip(dossier["code"], paper="a5", officer_id=officer["id"])
    assert path.is_relative_to(desk.data_dir / "forms")
    original = path.read_bytes()
    rows = desk.store.query("SELECT * FROM printed_forms WHERE dossier_id = ?", (dossier["id"],))
    assert len(rows) == 1
    assert rows[0]["kind"] == "slip" and rows[0]["paper"] == "a5" and rows[0]["by_officer"] == officer["id"]
    assert rows[0]["sha256"] == hashlib.sha256(original).hexdigest()
    assert desk.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'form_printed' AND entity_id = ?",
                             (dossier["id"],)) == 1
    # The dossier changes afterwards; the reprint is still the paper the citizen was given.
    desk.dossiers.act(dossier["code"], "hand_over", officer["id"], data={"to_unit": "Tư pháp"})
    again = forms.reprint(dossier["code"])
    assert again == path and again.read_bytes() == original
    listed = forms.archived(dossier["code"])
    assert [(r["kind"], r["paper"], Path(r["path"])) for r in listed] == [("slip", "a5", path)]
    assert listed[0]["officer_name"] == "Trần Văn Tiếp" and listed[0]["label"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    # A form never printed here is rendered (and archived) on the spot; one that does not apply says why.
    control = forms.reprint(dossier["code"], "control")
    assert forms.reprint(dossier["code"], "control") == control
    with pytest.raises(DeskError) as refused:
        forms.reprint(dossier["code"], "refusal")
    assert refused.value.code == "no_refusal"
    path.write_bytes(original.replace(b"/Producer", b"/Producex"))
    with pytest.raises(NotFoundError) as err:
        forms.reprint(dossier["code"])
    assert err.value.code == "archive_damaged"


def test_unknown_paper_and_unknown_dossier_get_clear_messages(forms: FormService, dossier: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as err:
        forms.slip(dossier["code"], paper="letter")
    assert err.value.field == "paper" and "Khổ giấy" in err.value.message_vi
    with pytest.raises(NotFoundError, match="Không tìm thấy hồ sơ"):
        forms.slip("000.00.06.H56-261123-019999")


def test_reprint_of_a_slip_never_printed_here_renders_and_archives_it(forms: FormService, dossier: dict[str, Any],
                                                                      desk: Any) -> None:
    first = forms.reprint(dossier["code"], paper="80mm")
    assert abs(page_sizes(first)[0][0] - ROLL_WIDTH) < 0.5
    assert forms.reprint(dossier["code"]) == first
    assert desk.store.scalar("SELECT COUNT(*) FROM printed_forms WHERE dossier_id = ?", (dossier["id"],)) == 1


def test_every_vietnamese_letter_and_markup_characters_survive(forms: FormService,
                                                               receive: Callable[..., dict[str, Any]]) -> None:
    # Every vowel with every tone mark, đ, and characters that mean something in ReportLab's markup.
    letters = "ả ã á ạ ằ ẳ ẵ ắ ặ ầ ẩ ẫ ấ ậ ẻ ẽ é ẹ ề ể ễ ế ệ ỉ ĩ í ị ỏ õ ó ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ủ ũ ú ụ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ đ Đ"
    address = f"Số 5 & 7 <ngõ 3> {letters} Ỷ Ỹ Ự Ữ"
    dossier = receive(applicant=applicant(full_name="Đặng Thị Ngọc Ỷ", address=address))
    path = forms.slip(dossier["code"])
    text = page_texts(path)[0]
    assert "Đặng Thị Ngọc Ỷ" in text
    assert address in text
    assert not chars_outside(path)


def test_slip_names_the_authorised_submitter_and_delivery_by_post(forms: FormService,
                                                                  receive: Callable[..., dict[str, Any]]) -> None:
    dossier = receive(submitter_name="trần văn bình", submitter_id_number="001090000456", return_place="post")
    text = page_texts(forms.slip(dossier["code"]))[1]
    assert "Người nộp thay (được ủy quyền): Trần Văn Bình (số giấy tờ: 001090000456)" in text
    assert ("6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính, tại địa chỉ: Tổ 5, phường Hòa Bình, "
            "tỉnh Thái Nguyên") in text


def test_no_slip_for_a_dossier_the_desk_did_not_accept(forms: FormService, desk: Any, officer: dict[str, Any],
                                                       receive: Callable[..., dict[str, Any]]) -> None:
    refused = receive(outcome="refused", reason="Không thuộc thẩm quyền.")
    with pytest.raises(DeskError) as err:
        forms.slip(refused["code"])
    assert err.value.code == "not_accepted" and "mẫu 03" in err.value.message_vi
    incomplete = receive(outcome="supplement_requested", missing=("Bản sao giấy khai sinh",))
    with pytest.raises(DeskError) as err:
        forms.slip(incomplete["code"])
    assert "mẫu 02" in err.value.message_vi
    assert desk.store.scalar("SELECT COUNT(*) FROM printed_forms") == 0
    # Brought back complete: now it is received, with a slip and a return date.
    desk.dossiers.act(incomplete["code"], "supplement_received", officer["id"])
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page_texts(forms.slip(incomplete["code"]))[0]
