"""Bad input at intake gets a Vietnamese message naming the field, and nothing is written."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

import pytest

from desk.errors import ValidationErrors
from desk.intake import ApplicantInput, IntakeInput

GOOD = dict(full_name="Nguyễn Thị Hồng Nhung", id_number="001199012345", dob="12/03/1999", gender="Nữ",
            address="Số 5 ngõ 12 phố Lê Lợi, phường Hòa Bình", phone="0912345678")


def _counts(desk: Any) -> tuple[int, ...]:
    return tuple(desk.store.scalar(f"SELECT COUNT(*) FROM {t}") for t in
                 ("dossiers", "dossier_actions", "outbox", "citizens", "dossier_documents", "code_counters"))


def _receive(desk: Any, officer: dict, code: str = "2.000815", **applicant: Any) -> dict:
    return desk.dossiers.receive(IntakeInput(code, ApplicantInput(**{**GOOD, **applicant})), officer["id"])


@pytest.mark.parametrize(
    ("field", "changes", "fragment"),
    [
        ("full_name", {"full_name": ""}, "Họ tên người nộp không được để trống"),
        ("full_name", {"full_name": "   "}, "không được để trống"),
        ("full_name", {"full_name": "A" * 10000}, "quá dài"),
        ("full_name", {"full_name": "Nguyễn\x07Văn An"}, "ký tự điều khiển"),
        ("full_name", {"full_name": "Nguyễn Văn An\nDROP"}, "ký tự điều khiển"),
        ("id_number", {"id_number": "12345"}, "đúng 12 chữ số"),
        ("id_number", {"id_number": "0010990123456789" * 700}, "quá dài"),
        ("id_number", {"id_number": "999199012345"}, "Mã tỉnh «999»"),
        ("dob", {"dob": "12/03/1985"}, "không khớp với số định danh"),
        ("gender", {"gender": "Nam"}, "không khớp với số định danh"),
        ("dob", {"dob": "31/02/1999"}, "Ngày sinh"),
        ("phone", {"phone": "12ab"}, "Số điện thoại không hợp lệ"),
        ("address", {"address": "x" * 10000}, "Địa chỉ quá dài"),
    ],
)
def test_bad_applicant_names_the_field_and_writes_nothing(desk: Any, officer: dict, field: str,
                                                          changes: dict, fragment: str) -> None:
    before = _counts(desk)
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, **changes)
    fields = info.value.fields
    assert field in fields, fields
    assert fragment in fields[field]
    assert _counts(desk) == before


def test_unknown_procedure_is_refused(desk: Any, officer: dict) -> None:
    before = _counts(desk)
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, code="9.999999")
    assert "Không có thủ tục mã «9.999999»" in info.value.fields["procedure_code"]
    assert _counts(desk) == before


def test_decomposed_unicode_is_stored_nfc_and_found_without_diacritics(desk: Any, officer: dict) -> None:
    nfd = unicodedata.normalize("NFD", "nguyễn thị hồng nhung")
    d = _receive(desk, officer, full_name=nfd)
    assert d["applicant_name"] == "Nguyễn Thị Hồng Nhung"
    assert unicodedata.is_normalized("NFC", d["applicant_name"])
    assert [r["code"] for r in desk.dossiers.search("nguyen thi hong")] == [d["code"]]
    assert [r["code"] for r in desk.dossiers.search("Nguyễn Thị Hồng")] == [d["code"]]


def test_a_procedure_without_a_limit_is_answered_once_not_per_dossier(desk: Any, officer: dict, clock: Any) -> None:
    # Đăng ký kết hôn: its sources disagree (the portal shows '1' without a unit), so no limit ships.
    assert desk.catalog.get("1.000894")["needs_limit"]
    before = _counts(desk)
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, code="1.000894")
    assert "chưa có thời hạn giải quyết" in info.value.fields["time_limit"]
    assert _counts(desk) == before
    # The officer answers once, for the procedure; the answer is kept as the office's.
    p = desk.catalog.set_limit("1.000894", "Trong ngày", cutoff="15:00", actor=officer["id"])
    assert p["limit_text"] == "Trong ngày" and p["limit_source"] == "office" and not p["needs_limit"]
    preview = desk.dossiers.preview_due("1.000894")
    assert not preview.needs_limit and preview.due_at == datetime(2026, 11, 23, 17, 0)
    d = _receive(desk, officer, code="1.000894")
    assert d["due_at"] == "2026-11-23T17:00:00" and d["due_confirmed"] == 0 and d["time_limit"] == "sd"
    # A later import does not undo the office's answer.
    report = desk.catalog.import_records([{"code": "1.000894", "name": "Thủ tục đăng ký kết hôn",
                                           "time_limit": "05 ngày làm việc"}], source="tỉnh")
    assert report.kept_local.get("1.000894") == ["time_limit", "time_limit_days"]
    assert desk.catalog.get("1.000894")["time_limit"] == "sd"
    # A paper slip entered afterwards keeps the date written on it.
    paper = IntakeInput("1.000894", ApplicantInput(**GOOD), confirmed_due_at=datetime(2026, 11, 27, 16, 0))
    assert desk.dossiers.receive(paper, officer["id"])["due_at"] == "2026-11-27T16:00:00"


def test_several_errors_are_reported_together(desk: Any, officer: dict) -> None:
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, full_name="", id_number="abc", phone="1")
    assert {"full_name", "id_number", "phone"} <= set(info.value.fields)


def test_receipt_in_the_future_is_refused(desk: Any, officer: dict) -> None:
    intake = IntakeInput("2.000815", ApplicantInput(**GOOD), received_at=datetime(2026, 12, 25, 9, 0))
    with pytest.raises(ValidationErrors) as info:
        desk.dossiers.receive(intake, officer["id"])
    assert "tương lai" in info.value.fields["received_at"]


def test_office_profile_rejects_a_bad_agency_code(desk: Any) -> None:
    with pytest.raises(ValidationErrors) as info:
        desk.office.save({"name": "UBND xã A", "agency_code": "H56 ; DROP"})
    assert "Mã định danh cơ quan" in info.value.fields["agency_code"]
    with pytest.raises(ValidationErrors) as info:
        desk.office.save({"name": "UBND xã A", "agency_code": "H" * 36})
    assert "tối đa 35" in info.value.fields["agency_code"]


def test_full_width_digits_are_stored_as_ascii_and_carriage_returns_refused(desk: Any, officer: dict) -> None:
    d = _receive(desk, officer, id_number="００１１９９０１２３４５", phone="０９１２３４５６７８")
    assert d["applicant_id_number"] == "001199012345" and d["applicant_phone"] == "0912345678"
    assert [r["code"] for r in desk.dossiers.search("001199012345")] == [d["code"]]
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, full_name="Lê\rBình")
    assert "ký tự điều khiển" in info.value.fields["full_name"]


def test_documents_not_brought_are_not_recorded_as_received(desk: Any, officer: dict) -> None:
    # Khai sinh: conditional papers ("Trường hợp …") and papers only shown ("xuất trình") start at zero.
    d = _receive(desk, officer, code="1.001193")
    names = [doc["name"] for doc in d["documents"]]
    assert names and not any(n.startswith("Trường hợp") for n in names)
    assert all(doc["originals"] + doc["certified"] + doc["photocopies"] > 0 for doc in d["documents"])
    assert [doc["position"] for doc in d["documents"]] == list(range(1, len(names) + 1))


@pytest.mark.parametrize("typed", ["+84912345678", "0084 912 345 678", "091.234.5678", "0912-345-678"])
def test_a_phone_typed_in_any_common_form_is_stored_once_and_found_by_either_form(desk: Any, officer: dict,
                                                                                  typed: str) -> None:
    d = _receive(desk, officer, phone=typed)
    assert d["applicant_phone"] == "0912345678"
    for query in ("+84912345678", "0912345678", "0912 345 678"):
        assert [r["id"] for r in desk.dossiers.search(query)] == [d["id"]], query


def test_the_old_id_message_says_nine_or_twelve_digits(desk: Any, officer: dict) -> None:
    with pytest.raises(ValidationErrors) as e:
        _receive(desk, officer, old_id_number="12345")
    assert e.value.fields["old_id_number"] == "Số CMND cũ phải gồm 9 hoặc 12 chữ số."
    assert _receive(desk, officer, old_id_number="001099012345")["id"]


def test_an_unknown_list_filter_is_refused_not_read_as_everything(desk: Any, officer: dict) -> None:
    from desk.errors import ValidationError

    _receive(desk, officer)
    with pytest.raises(ValidationError) as e:
        desk.dossiers.list("overdu")
    assert e.value.field == "filter" and "«overdu»" in e.value.message_vi
    assert len(desk.dossiers.list("all")) == 1


def test_digits_of_any_script_make_one_citizen_not_two(desk: Any, officer: dict) -> None:
    arabic = "٠٠١١٩٩٠١٢٣٤٥"  # 001199012345 in Arabic-Indic digits
    devanagari_phone = "०९१२३४५६७८"
    first = _receive(desk, officer)
    second = _receive(desk, officer, id_number=arabic, phone=devanagari_phone, dob="١٢/٠٣/١٩٩٩")
    assert second["applicant_id_number"] == "001199012345" and second["applicant_phone"] == "0912345678"
    assert second["citizen_id"] == first["citizen_id"]
    assert desk.store.scalar("SELECT COUNT(*) FROM citizens") == 1
    assert {r["code"] for r in desk.dossiers.search(arabic)} == {first["code"], second["code"]}
    assert desk.dossiers.returning_citizen(arabic) is not None


@pytest.mark.parametrize("mark", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200b", "\u00ad", "\ufeff",
                                  "\u061c", "\U000e0041"])
def test_bidi_and_invisible_characters_are_refused_naming_the_field(desk: Any, officer: dict, mark: str) -> None:
    before = _counts(desk)
    for field, template in (("full_name", "Nguyễn Thị{}Hồng Nhung"), ("id_number", "0011990{}12345"),
                            ("address", "Số 5 ngõ{} 12"), ("old_id_number", "12345{}6789"),
                            ("submitter_id_number", "0011990{}12345")):
        applicant = {} if field == "submitter_id_number" else {field: template.format(mark)}
        intake = IntakeInput("2.000815", ApplicantInput(**{**GOOD, **applicant}),
                             submitter_name="Lê Văn Bình" if field == "submitter_id_number" else "",
                             submitter_id_number=template.format(mark) if field == "submitter_id_number" else "")
        with pytest.raises(ValidationErrors) as info:
            desk.dossiers.receive(intake, officer["id"])
        assert "ký tự điều khiển hoặc ký tự ẩn" in info.value.fields[field], field
        assert f"U+{ord(mark):04X}" in info.value.fields[field]
    assert _counts(desk) == before


@pytest.mark.parametrize(
    ("id_number", "fragment"),
    [
        ("001227012345", "năm sinh 2027, sau năm nay"),   # 2000s, year 27: next year
        ("001499012345", "năm sinh 2199, sau năm nay"),   # the 2100s
        ("001805012345", "năm sinh 2305, sau năm nay"),
        ("001099012345", None),                           # 1999: fine
        ("001226012345", None),                           # born this year (2026): fine
    ],
)
def test_an_id_number_implying_an_impossible_birth_year_is_refused_without_a_date_of_birth(
        desk: Any, officer: dict, id_number: str, fragment: str | None) -> None:
    if fragment is None:
        assert _receive(desk, officer, id_number=id_number, dob="", gender="")["applicant_id_number"] == id_number
        return
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, id_number=id_number, dob="", gender="")
    assert fragment in info.value.fields["id_number"]


def test_an_id_number_implying_someone_over_120_is_refused() -> None:
    from datetime import date

    from desk.citizen_id import check_id_number

    errors = check_id_number("001005012345", today=date(2126, 1, 1))  # born 1905: 221 in 2126, 119 in 2024
    assert errors and "hơn 120 tuổi" in errors[0].message_vi
    assert check_id_number("001005012345", today=date(2024, 1, 1)) == []


def test_a_name_with_its_marks_lost_never_replaces_the_stored_one(desk: Any, officer: dict) -> None:
    first = _receive(desk, officer)
    # The same citizen typed on a keyboard without Vietnamese, or read by a US-layout scanner.
    second = _receive(desk, officer, full_name="Nguyen Thi Hong Nhung", address="")
    assert desk.store.scalar("SELECT full_name FROM citizens") == "Nguyễn Thị Hồng Nhung"
    assert second["applicant_name"] == "Nguyễn Thị Hồng Nhung"  # the slip prints the stored spelling
    # Telex left in a name does not replace a good one either; the dossier keeps what was typed.
    third = _receive(desk, officer, full_name="Nguyeenx Thij Hoongf Nhung")
    assert third["applicant_name"] == "Nguyeenx Thij Hoongf Nhung"
    assert desk.store.scalar("SELECT full_name FROM citizens") == "Nguyễn Thị Hồng Nhung"
    # A real change of name still goes through, and a good name replaces a damaged stored one.
    _receive(desk, officer, full_name="Nguyễn Thị Hồng Nhung Anh")
    assert desk.store.scalar("SELECT full_name FROM citizens") == "Nguyễn Thị Hồng Nhung Anh"
    assert first["citizen_id"] == second["citizen_id"] == third["citizen_id"]


def test_question_marks_in_a_name_are_refused(desk: Any, officer: dict) -> None:
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, full_name="Nguy?n Th? H?ng")
    assert "dấu «?»" in info.value.fields["full_name"]
    with pytest.raises(ValidationErrors) as info:
        _receive(desk, officer, full_name="Nguy\ufffdn Văn An")
    assert "ký tự hỏng" in info.value.fields["full_name"]
