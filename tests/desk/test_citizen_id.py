"""Reading the chip ID card's QR as USB scanners deliver it, and checking the personal number."""

from __future__ import annotations

from datetime import date

import pytest

from desk.citizen_id import check_id_number, looks_like_card_qr, parse_card_qr
from desk.errors import ValidationError

CCCD = "001199012345|123456789|NGUYỄN THỊ HỒNG NHUNG|12031999|Nữ|Số 5 ngõ 12 phố Lê Lợi, phường Hòa Bình, Hà Nội|15082021"


def test_chip_cccd_seven_fields() -> None:
    card = parse_card_qr(CCCD)
    assert card.id_number == "001199012345" and card.old_id_number == "123456789"
    assert card.full_name == "Nguyễn Thị Hồng Nhung"
    assert card.dob == date(1999, 3, 12) and card.gender == "Nữ" and card.issued_on == date(2021, 8, 15)
    assert card.address.startswith("Số 5 ngõ 12")


def test_2024_can_cuoc_parsed_by_pattern_not_position() -> None:
    # More fields, no old ID number, and the order of the extra fields is not confirmed.
    text = ("079203001122||Trần Minh Khôi|01022003|Nam|Phường Bến Nghé, Thành phố Hồ Chí Minh|20072024|"
            "Phường Bến Nghé, Thành phố Hồ Chí Minh|Trần Văn Long|Lê Thị Mai")
    card = parse_card_qr(text)
    assert card.id_number == "079203001122" and card.old_id_number == ""
    assert card.full_name == "Trần Minh Khôi" and card.dob == date(2003, 2, 1) and card.issued_on == date(2024, 7, 20)
    assert "Trần Văn Long" in card.extra


def test_hex_and_mojibake_from_keyboard_mode_scanners_are_repaired() -> None:
    hexed = CCCD.encode("utf-8").hex().upper()
    assert looks_like_card_qr(hexed)
    card = parse_card_qr(hexed)
    assert card.full_name == "Nguyễn Thị Hồng Nhung" and card.repaired == "hex"
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy code page a Windows scanner driver uses)

    for codepage in ("sloppy-windows-1252", "latin-1"):
        mangled = CCCD.encode("utf-8").decode(codepage)
        card2 = parse_card_qr(mangled)
        assert card2.full_name == "Nguyễn Thị Hồng Nhung" and "mojibake" in card2.repaired
        assert card2.address == "Số 5 ngõ 12 phố Lê Lợi, phường Hòa Bình, Hà Nội"


TODAY = date(2026, 11, 23)
ADDRESS = "Số 5 ngõ 12 phố Lê Lợi, phường Hòa Bình, Hà Nội"


def _card(name: str = "NGUYỄN THỊ HỒNG NHUNG", dob: str = "12031999", gender: str = "Nữ", address: str = ADDRESS,
          issued: str = "15082021", id_number: str = "001199012345", old: str = "123456789", tail: str = "") -> str:
    return f"{id_number}|{old}|{name}|{dob}|{gender}|{address}|{issued}{tail}"


# Each damaged scan: the QR text, the fields that must be caught, and a phrase of the first one's message.
DAMAGED_SCANS = [
    ("question marks for letters (US layout)", _card("Nguy?n Th? H?ng Nhung", gender="N?", address="H? N?i"),
     ["full_name", "gender", "address"], "mất chữ"),
    ("U+FFFD for letters", _card("Nguy\ufffdn Th\ufffd H\ufffdng Nhung"), ["full_name"], "mất chữ"),
    ("letters dropped, vowels gone", _card("Nguyn Th Hng Nhung", gender="N", address="S 5 ng 12, phng Ha Bnh"),
     ["full_name", "gender", "address"], "làm rơi"),
    ("marks dropped everywhere (US layout)",
     _card("Nguyen Thi Hong Nhung", gender="Nu", address="So 5 ngo 12 pho Le Loi, phuong Hoa Binh, Ha Noi"),
     ["full_name", "address"], "bàn phím kiểu Mỹ"),
    ("marks dropped from a surname that always has them", _card("Tran Van Binh", id_number="001099012345",
                                                                gender="Nam"), ["full_name"], "không có dấu"),
    ("Telex spelled out", _card("Nguyeenx Thij Hoongf Nhung", gender="Nuwx", address="Soos 5 ngox 12"),
     ["full_name", "gender", "address"], "Telex"),
    ("VNI spelled out", _card("Nguye64n Thi5 Ho62ng Nhung", gender="Nu74", address="So61 5 ngo4 12"),
     ["full_name", "gender", "address"], "VNI"),
    ("a lone N for the gender", _card(gender="N"), ["gender"], "«N»"),
    ("gender against the ID number", _card(gender="Nam"), ["gender"], "không khớp"),
    ("impossible birth date 31/02 keeps its slot", _card(dob="31021999"), ["dob"], "không phải ngày có thật"),
    ("damaged birth date", _card(dob="12?31999"), ["dob"], "mất chữ"),
    ("birth year against the ID number", _card(dob="12031998"), ["dob"], "không khớp"),
    ("trailing extra date", _card(tail="|01012025"), ["issued_on"], "thêm ngày"),
    ("issue date before birth", _card(issued="15081990"), ["issued_on"], "trước ngày sinh"),
    ("ID number implying a future birth year", _card(id_number="001299012345"), ["id_number"], "sau năm nay"),
    ("bidi override in the name", _card("NGUYỄN THỊ\u202eHỒNG NHUNG"), ["full_name"], "ký tự ẩn"),
    ("zero-width space in the address", _card(address="Số 5\u200b ngõ 12, Hà Nội"), ["address"], "ký tự ẩn"),
    ("no name at all (the address must not slide into it)", _card(""), ["full_name"], "không có họ tên"),
    ("damaged old ID number", _card(old="1234567?9"), ["old_id_number"], "mất chữ"),
]


@pytest.mark.parametrize(("qr", "fields", "fragment"), [c[1:] for c in DAMAGED_SCANS], ids=[c[0] for c in DAMAGED_SCANS])
def test_damaged_scans_are_flagged_with_the_damaged_field_named_and_left_empty(qr: str, fields: list[str],
                                                                                fragment: str) -> None:
    card = parse_card_qr(qr, today=TODAY)
    assert set(card.damaged) == set(fields), card.damaged
    first = fields[0]
    assert fragment in card.damaged[first] and "Hãy nhập" in card.damaged[first]
    values = card.as_dict()
    for f in fields:
        assert values[f] == "", f"a damaged {f} must not be filled in: {values[f]!r}"
    # What was not damaged is read as usual.
    if "full_name" not in fields:
        assert values["full_name"] == "Nguyễn Thị Hồng Nhung"
    if "id_number" not in fields:
        assert values["id_number"] in ("001199012345", "001099012345")


def test_the_date_after_an_impossible_birth_date_stays_the_issue_date() -> None:
    card = parse_card_qr(_card(dob="31021999"), today=TODAY)
    assert card.dob is None and card.issued_on == date(2021, 8, 15)


@pytest.mark.parametrize(
    ("qr", "field"),
    [
        ("Nguy?n Th? H?ng|12031999", "id_number"),  # no ID number first
        ("00119901234?|123456789|Nguyễn Văn An", "id_number"),  # the key itself is damaged
        ("0011990123|123456789|Nguyễn Văn An", "id_number"),
        ("hello world", "qr"),
        ("001199012345|" + "x|" * 50, "qr"),
        ("0" * 5000, "qr"),
    ],
)
def test_scans_that_cannot_be_a_card_are_refused_with_the_field_named(qr: str, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_card_qr(qr, today=TODAY)
    assert info.value.field == field and info.value.message_vi
    assert not looks_like_card_qr("khai sinh")


def test_a_name_that_really_has_no_marks_is_read_when_the_address_has_them() -> None:
    card = parse_card_qr(_card("MAI LAN ANH"), today=TODAY)
    assert card.full_name == "Mai Lan Anh" and card.damaged == {}


def test_id_number_checked_against_dob_gender_and_province() -> None:
    assert check_id_number("001199012345", dob=date(1999, 3, 12), gender="Nữ") == []
    assert check_id_number("079203001122", dob=date(2003, 2, 1), gender="Nam") == []
    errs = {e.field: e.message_vi for e in check_id_number("001199012345", dob=date(1998, 3, 12), gender="Nam")}
    assert "1999" in errs["dob"] and "Nữ" in errs["gender"]
    assert check_id_number("003199012345")[0].message_vi.startswith("Mã tỉnh «003»")
    assert "12 chữ số" in check_id_number("00119901234")[0].message_vi
