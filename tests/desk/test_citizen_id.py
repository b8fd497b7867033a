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


def test_letters_dropped_by_the_scanner_are_refused_with_advice() -> None:
    with pytest.raises(ValidationError) as info:
        parse_card_qr("001199012345|123456789|Nguy?n Th? H?ng|12031999|N?|H? N?i|15082021")
    assert info.value.field == "full_name" and "nhập tay" in info.value.message_vi
    with pytest.raises(ValidationError):
        parse_card_qr("hello world")
    assert not looks_like_card_qr("khai sinh")


def test_id_number_checked_against_dob_gender_and_province() -> None:
    assert check_id_number("001199012345", dob=date(1999, 3, 12), gender="Nữ") == []
    assert check_id_number("079203001122", dob=date(2003, 2, 1), gender="Nam") == []
    errs = {e.field: e.message_vi for e in check_id_number("001199012345", dob=date(1998, 3, 12), gender="Nam")}
    assert "1999" in errs["dob"] and "Nữ" in errs["gender"]
    assert check_id_number("003199012345")[0].message_vi.startswith("Mã tỉnh «003»")
    assert "12 chữ số" in check_id_number("00119901234")[0].message_vi
