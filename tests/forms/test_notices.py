"""Forms 02, 03, 04, the stop notice, the control sheet and the register, made from real lifecycle
actions and read back from the PDF."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from desk.errors import DeskError, ValidationError
from desk.forms import FormService
from tests.conftest import FakeClock
from tests.forms.conftest import NHUNG
from tests.forms.pdfcheck import A4, A5, chars_outside, fonts, page_sizes, page_texts, same_size

Receive = Callable[..., dict[str, Any]]


def test_supplement_request_lists_what_to_add_why_and_whom_to_ask(forms: FormService, receive: Receive,
                                                                   officer: dict[str, Any]) -> None:
    dossier = receive("1.001022", outcome="supplement_requested",
                      reason="Giấy tờ chứng minh quan hệ cha con chưa có xác nhận của cơ quan có thẩm quyền.",
                      missing=("Bản sao giấy khai sinh của người con", "Văn bản xác nhận quan hệ cha con"))
    path = forms.form("supplement", dossier["code"], officer_id=officer["id"])
    (text,) = page_texts(path)
    assert "Mẫu số 02" in text
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert f"Số: {dossier['code']}/HDHS" in text
    assert f"Hồ sơ của: Ông/Bà {NHUNG}" in text
    assert "Nội dung yêu cầu giải quyết: Thủ tục đăng ký nhận cha, mẹ, con" in text
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:" in text
    assert "1 Bản sao giấy khai sinh của người con" in text
    assert "2 Văn bản xác nhận quan hệ cha con" in text
    assert "Lý do: Giấy tờ chứng minh quan hệ cha con chưa có xác nhận của cơ quan có thẩm quyền." in text
    assert "liên hệ với Trần Văn Tiếp" in text
    assert "NGƯỜI HƯỚNG DẪN" in text and "NGƯỜI NỘP HỒ SƠ" in text
    assert same_size(page_sizes(path)[0], A4)


def test_supplement_from_a_later_request_and_without_any_request(forms: FormService, receive: Receive,
                                                                 desk: Any, officer: dict[str, Any]) -> None:
    dossier = receive()
    with pytest.raises(DeskError) as err:
        forms.form("supplement", dossier["code"])
    assert err.value.code == "no_supplement" and "chưa có yêu cầu bổ sung" in err.value.message_vi
    desk.dossiers.act(dossier["code"], "hand_over", officer["id"], data={"to_unit": "Tư pháp - Hộ tịch"})
    desk.dossiers.act(dossier["code"], "request_supplement", officer["id"],
                      data={"missing_documents": ["Giấy xác nhận nơi cư trú trước đây"]})
    (text,) = page_texts(forms.form("supplement", dossier["code"], paper="a5"))
    assert "1 Giấy xác nhận nơi cư trú trước đây" in text


def test_refusal_states_the_reason(forms: FormService, receive: Receive) -> None:
    reason = "Việc đăng ký không thuộc thẩm quyền của UBND phường (người yêu cầu cư trú ở tỉnh khác)."
    dossier = receive(outcome="refused", reason=reason)
    path = forms.form("refusal", dossier["code"])
    (text,) = page_texts(path)
    assert "Mẫu số 03" in text and "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert f"tiếp nhận hồ sơ của: Ông/Bà {NHUNG}" in text
    assert "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: " + reason in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Văn Tiếp" in text


def test_refusal_needs_a_refusal(forms: FormService, receive: Receive) -> None:
    with pytest.raises(DeskError) as err:
        forms.form("refusal", receive()["code"])
    assert err.value.code == "no_refusal"


def test_apology_gives_the_old_and_the_new_return_date(forms: FormService, receive: Receive, desk: Any,
                                                       officer: dict[str, Any], leader: dict[str, Any],
                                                       clock: FakeClock) -> None:
    dossier = receive()
    with pytest.raises(DeskError) as err:
        forms.form("apology", dossier["code"])
    assert err.value.code == "no_apology"
    clock.set(datetime(2026, 11, 25, 10, 15))
    desk.dossiers.act(dossier["code"], "apologize", leader["id"],
                      data={"reason": "Cần xác minh thông tin cư trú tại địa phương khác.",
                            "new_due_at": "2026-12-02 16:00"})
    path = forms.form("apology", dossier["code"], paper="a5")
    assert same_size(page_sizes(path)[0], A5)
    (text,) = page_texts(path)
    assert "Mẫu số 04" in text and "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Hòa Bình, ngày 25 tháng 11 năm 2026" in text
    assert f"Kính gửi: Ông/Bà {NHUNG}" in text
    assert "Ngày 23 tháng 11 năm 2026, UBND phường Hòa Bình tiếp nhận giải quyết hồ sơ" in text
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 27 tháng 11 năm 2026" in text
    assert "Lý do: Cần xác minh thông tin cư trú tại địa phương khác." in text
    assert "vào 16 giờ 00 phút, ngày 02 tháng 12 năm 2026" in text
    assert not chars_outside(path)


def test_stop_notice_after_withdrawal(forms: FormService, receive: Receive, desk: Any, officer: dict[str, Any],
                                      clock: FakeClock) -> None:
    dossier = receive()
    with pytest.raises(DeskError) as err:
        forms.form("stop", dossier["code"])
    assert err.value.code == "no_stop"
    clock.set(datetime(2026, 11, 26, 14, 5))
    desk.dossiers.act(dossier["code"], "withdraw", officer["id"], data={"reason": "Người nộp muốn nộp lại sau."})
    (text,) = page_texts(forms.form("stop", dossier["code"]))
    assert "Mẫu số 05" in text and "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Theo đề nghị rút hồ sơ của Ông/Bà. Lý do: Người nộp muốn nộp lại sau." in text
    assert "dừng giải quyết hồ sơ nêu trên kể từ 14 giờ 05 phút, ngày 26 tháng 11 năm 2026" in text


def test_control_sheet_has_one_row_per_hand_off_with_its_timeliness(
        forms: FormService, receive: Receive, desk: Any, officer: dict[str, Any], clock: FakeClock) -> None:
    dossier = receive()
    clock.set(datetime(2026, 11, 23, 9, 30))
    desk.dossiers.act(dossier["code"], "hand_over", officer["id"],
                      data={"to_unit": "Công chức Tư pháp - Hộ tịch", "handler": "Lê Thị Hà"})
    clock.set(datetime(2026, 11, 27, 8, 0))
    desk.dossiers.act(dossier["code"], "result_ready", officer["id"])
    clock.set(datetime(2026, 11, 30, 9, 0))
    desk.dossiers.act(dossier["code"], "return_result", officer["id"], data={"collected_by": "nguyễn thị hồng nhung"})
    path = forms.form("control", dossier["code"])
    text = " ".join(page_texts(path))
    assert "Mẫu số 06" in text and "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert f"(Kèm theo hồ sơ của Ông/Bà {NHUNG})" in text
    assert "Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch" in text
    assert ("1. Giao: Bộ phận TN&TKQ 2. Nhận: Công chức Tư pháp - Hộ tịch 09:30 23/11/2026 "
            "Người giao: Trần Văn Tiếp Người nhận: Lê Thị Hà Trước hạn") in text
    assert ("1. Giao: Công chức Tư pháp - Hộ tịch 2. Nhận: Bộ phận TN&TKQ 08:00 27/11/2026 "
            "Người giao: Lê Thị Hà Người nhận: Trần Văn Tiếp Đúng hạn") in text
    assert (f"1. Giao: Bộ phận TN&TKQ 2. Nhận: Người nộp hồ sơ 09:00 30/11/2026 Người giao: Trần Văn Tiếp "
            f"Người nhận: {NHUNG} Quá hạn Đã trả kết quả") in text
    assert "Trước hạn / Đúng hạn / Quá hạn" in text  # a blank row left for the pen


def test_numbering_follows_the_office_setting_and_local_overrides(forms: FormService, receive: Receive,
                                                                  desk: Any) -> None:
    dossier = receive()
    data = desk.office.as_dict()
    desk.office.save({**data, "form_numbering": "2018"})
    (text,) = page_texts(forms.form("control", dossier["code"]))
    assert "Mẫu số 05" in text and "Mẫu số 06" not in text
    (desk.data_dir / "forms.json").write_text(json.dumps({"numberings": {"2018": {"forms": {
        "control": {"number": "05a", "title": "PHIẾU KIỂM SOÁT HỒ SƠ (MẪU TỈNH)"}}}}}, ensure_ascii=False),
        encoding="utf-8")
    (text,) = page_texts(forms.form("control", dossier["code"]))
    assert "Mẫu số 05a" in text and "PHIẾU KIỂM SOÁT HỒ SƠ (MẪU TỈNH)" in text


def test_forms_refuse_unknown_kinds_and_the_roll(forms: FormService, receive: Receive) -> None:
    dossier = receive(outcome="refused", reason="Không đúng thẩm quyền.")
    with pytest.raises(ValidationError) as err:
        forms.form("certificate", dossier["code"])
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:
        forms.form("refusal", dossier["code"], paper="80mm")
    assert err.value.field == "paper"


def test_register_lists_the_range_on_landscape_a4(forms: FormService, receive: Receive, desk: Any,
                                                  clock: FakeClock, officer: dict[str, Any]) -> None:
    first = receive()
    clock.set(datetime(2026, 11, 25, 10, 0))
    second = receive("2.000815")
    clock.set(datetime(2026, 11, 30, 8, 0))
    outside = receive()
    path = forms.register(date(2026, 11, 23), date(2026, 11, 25), officer_id=officer["id"])
    sizes = page_sizes(path)
    assert all(same_size(s, (A4[1], A4[0])) for s in sizes)
    text = " ".join(page_texts(path))
    assert "Mẫu số 07" in text and "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 23/11/2026 đến ngày 25/11/2026" in text
    for head in ("STT", "Mã hồ sơ", "Số lượng (bộ)", "Họ tên, địa chỉ, điện thoại chủ hồ sơ", "Ngày nhận",
                 "Ngày hẹn trả", "Ngày có kết quả", "Trả kết quả", "Bên giao", "Bên nhận (ký)",
                 "Người nhận hồ sơ", "Ghi chú"):
        assert head in text
    for d in (first, second):
        agency, rest = d["code"].split("-", 1)
        assert f"{agency}- {rest}" in text
    assert outside["code"].split("-", 1)[1] not in text
    assert f"Ông/Bà {NHUNG}" in text and "ĐT: 0912345678" in text
    assert "Tổng số: 2 hồ sơ." in text
    assert all(r["type"] == "TrueType" and r["emb"] == "yes" for r in fonts(path))
    row = desk.store.query_one("SELECT * FROM printed_forms WHERE kind = 'register'")
    assert row is not None and row["dossier_id"] is None and row["by_officer"] == officer["id"]
    assert not chars_outside(path)


def test_register_of_an_empty_or_backwards_range(forms: FormService) -> None:
    text = " ".join(page_texts(forms.register(date(2026, 1, 1), date(2026, 1, 31))))
    assert "Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này." in text and "Tổng số: 0 hồ sơ." in text
    with pytest.raises(ValidationError) as err:
        forms.register(date(2026, 2, 1), date(2026, 1, 1))
    assert err.value.field == "date_to"


def test_a_long_register_reports_progress_and_can_be_cancelled(forms: FormService, receive: Receive, desk: Any,
                                                               clock: FakeClock) -> None:
    for i in range(40):
        clock.set(datetime(2026, 11, 23, 8, 0).replace(minute=i))
        receive("2.000815")
    pages: list[tuple[int, int]] = []
    path = forms.register(date(2026, 11, 23), date(2026, 11, 23), progress=lambda done, n: pages.append((done, n)))
    assert len(pages) == len(page_sizes(path)) >= 2 and pages[-1] == (len(pages), 40)
    before = desk.store.scalar("SELECT COUNT(*) FROM printed_forms")
    with pytest.raises(DeskError) as err:
        forms.register(date(2026, 11, 23), date(2026, 11, 23), cancel=lambda: True)
    assert err.value.code == "cancelled"
    assert desk.store.scalar("SELECT COUNT(*) FROM printed_forms") == before
