"""The chip ID card (CCCD / căn cước): parsing its QR text and checking the personal number.

The QR text is not a published standard (DOMAIN.md): the 2021 chip CCCD has 7 fields separated by '|';
the 2024 căn cước adds fields in an order we have not confirmed. So fields are recognised by their
pattern (12 digits, 9 digits, ddmmyyyy dates, Nam/Nữ) and the officer confirms what was read. USB
scanners in keyboard mode garble Vietnamese: text sent as hex is decoded, mojibake is repaired with
`ftfy`, and text whose letters were dropped is refused with a request to type it.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field
from datetime import date

import ftfy

from desk.errors import ValidationError
from desk.resources import load_json
from desk.text import nfc, title_case_name

ID12 = re.compile(r"^\d{12}$")
ID9 = re.compile(r"^\d{9}$")
DATE8 = re.compile(r"^\d{8}$")
GENDERS = {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ", "male": "Nam", "female": "Nữ"}
_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2})+$")
# Letters that only appear when UTF-8 was read as a single-byte code page.
_MOJIBAKE_HINT = re.compile(r"[ÃÄÆÅáº»¼½¾â€]")
_VIET_LETTER = re.compile(r"[A-Za-zÀ-ỹĐđ]")


@dataclass
class CardData:
    id_number: str
    full_name: str
    dob: date | None = None
    gender: str = ""
    address: str = ""
    issued_on: date | None = None
    old_id_number: str = ""
    extra: list[str] = field(default_factory=list)
    repaired: str = ""  # what repair was applied, shown to the officer

    def as_dict(self) -> dict[str, str]:
        return {
            "id_number": self.id_number,
            "full_name": self.full_name,
            "dob": self.dob.strftime("%d/%m/%Y") if self.dob else "",
            "gender": self.gender,
            "address": self.address,
            "old_id_number": self.old_id_number,
            "issued_on": self.issued_on.strftime("%d/%m/%Y") if self.issued_on else "",
        }


def looks_like_card_qr(text: str) -> bool:
    """Cheap test used by the window's scanner detector."""
    text = text.strip()
    if "|" in text:
        first = text.split("|", 1)[0].strip()
        return bool(ID12.match(first))
    if _HEX.match(text) and len(text) >= 40:
        try:
            decoded = binascii.unhexlify(text).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return looks_like_card_qr(decoded)
    return False


def repair_scanner_text(raw: str) -> tuple[str, str]:
    """Undo what keyboard-mode scanners do to Vietnamese. Returns (text, what was repaired)."""
    text = raw.strip().replace("\r", "").replace("\n", "")
    note = ""
    if "|" not in text and _HEX.match(text):
        try:
            text = binascii.unhexlify(text).decode("utf-8")
            note = "hex"
        except (binascii.Error, UnicodeDecodeError):
            raise ValidationError(
                "qr", "Mã QR quét được không đọc được (chuỗi mã hóa hỏng). Hãy quét lại hoặc nhập tay."
            ) from None
    if _MOJIBAKE_HINT.search(text):
        fixed = ftfy.fix_text(text)
        if fixed != text:
            text = fixed
            note = (note + "+" if note else "") + "mojibake"
    return nfc(text), note


def parse_card_qr(raw: str) -> CardData:
    """Parse the QR of a chip CCCD or a 2024 căn cước card, or say clearly why not."""
    text, note = repair_scanner_text(raw)
    if "|" not in text:
        raise ValidationError("qr", "Đây không phải mã QR trên thẻ căn cước (thiếu dấu «|» ngăn các trường).")
    parts = [p.strip() for p in text.split("|")]
    if not ID12.match(parts[0]):
        raise ValidationError("qr", "Mã QR không bắt đầu bằng số định danh cá nhân 12 chữ số.")
    if "\ufffd" in text or "?" in "".join(parts[2:3]):
        raise ValidationError(
            "full_name",
            "Máy quét làm hỏng chữ tiếng Việt trong họ tên. Hãy chỉnh máy quét sang chế độ Unicode hoặc nhập tay họ tên.",
        )
    card = CardData(id_number=parts[0], full_name="", repaired=note)
    dates: list[date] = []
    texts: list[str] = []
    for part in parts[1:]:
        if not part:
            continue
        if ID9.match(part) and not card.old_id_number:
            card.old_id_number = part
        elif DATE8.match(part):
            d = _ddmmyyyy(part)
            if d is not None:
                dates.append(d)
            else:
                card.extra.append(part)
        elif part.lower() in GENDERS and not card.gender:
            card.gender = GENDERS[part.lower()]
        elif ID12.match(part):
            card.extra.append(part)  # 2024 cards may carry other numbers (cancelled IDs)
        else:
            texts.append(part)
    if not texts:
        raise ValidationError("full_name", "Không đọc được họ tên trên mã QR; hãy nhập tay.")
    name = texts[0]
    if not _VIET_LETTER.search(name) or re.search(r"\d", name):
        raise ValidationError("full_name", f"Họ tên đọc từ mã QR không hợp lệ («{name[:40]}»); hãy nhập tay.")
    card.full_name = title_case_name(name)
    # The first free text after the name with a comma or a long phrase is the address of residence.
    if len(texts) > 1:
        card.address = texts[1]
        card.extra.extend(texts[2:])
    if dates:
        card.dob = dates[0]
    if len(dates) > 1:
        card.issued_on = dates[-1]
    return card


def _ddmmyyyy(text: str) -> date | None:
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def province_of(id_number: str) -> str | None:
    codes: dict[str, str] = load_json("provinces.json")["codes"]
    return codes.get(id_number[:3])


def check_id_number(id_number: str, *, dob: date | None = None, gender: str = "") -> list[ValidationError]:
    """Check a 12-digit personal number, and against the typed date of birth and gender if given.

    Layout: 3 digits province of birth registration, 1 digit for gender and century (even male, odd
    female; 0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s, …), 2 digits birth year, 6 random digits.
    """
    errors: list[ValidationError] = []
    number = id_number.strip()
    if not ID12.match(number):
        errors.append(
            ValidationError("id_number", "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                            message_en="The personal ID number must be exactly 12 digits.")
        )
        return errors
    if province_of(number) is None:
        errors.append(
            ValidationError("id_number", f"Mã tỉnh «{number[:3]}» ở đầu số định danh không tồn tại; hãy kiểm tra lại.")
        )
    g = int(number[3])
    century = 1900 + (g // 2) * 100
    year = century + int(number[4:6])
    card_gender = "Nam" if g % 2 == 0 else "Nữ"
    if dob is not None and dob.year != year:
        errors.append(
            ValidationError(
                "dob",
                f"Năm sinh {dob.year} không khớp với số định danh (số định danh ứng với năm {year}).",
                message_en="The year of birth does not match the ID number.",
            )
        )
    if gender and GENDERS.get(gender.lower(), gender) != card_gender:
        errors.append(
            ValidationError(
                "gender",
                f"Giới tính «{gender}» không khớp với số định danh (số định danh ghi {card_gender}).",
                message_en="The gender does not match the ID number.",
            )
        )
    return errors
