"""The chip ID card (CCCD / căn cước): parsing its QR text and checking the personal number.

The QR text is not a published standard (DOMAIN.md): the 2021 chip CCCD has 7 fields separated by '|';
the 2024 căn cước adds fields in an order we have not confirmed. So fields are recognised by their
pattern (12 digits, 9 digits, ddmmyyyy dates, Nam/Nữ) and by their order relative to the dates (the name
comes before the date of birth, the address after it), and the officer confirms what was read.

USB scanners in keyboard mode damage Vietnamese: text sent as hex is decoded and mojibake is repaired with
`ftfy`; what cannot be repaired is *caught*, field by field, never saved. A field is damaged when it holds
"?" or U+FFFD (letters the keyboard layout could not type), hidden characters, Telex or VNI keystrokes
spelled out in ASCII ("Nguyeenx", "Nguye64n"), a name or address whose marks were dropped (a US layout:
"Nguyen Van An" — cards always carry the marks), a lone "N" for the gender, an impossible date (31/02),
or dates that contradict the ID number or each other. A damaged field is left empty in `CardData` and named
in `CardData.damaged` with the reason: the window marks it and the officer types it from the card.
Only a QR that is not a card at all, or whose ID number is unreadable, is refused outright.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import ftfy

from desk.errors import ValidationError
from desk.resources import load_json
from desk.text import ascii_digits, fold, invisible_char, nfc, title_case_name

# [0-9], not \d: \d also matches Arabic-Indic and other digits, which would make a second citizen.
ID12 = re.compile(r"^[0-9]{12}$")
ID9 = re.compile(r"^[0-9]{9}$")
DATE8 = re.compile(r"^[0-9]{8}$")
GENDERS = {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ", "male": "Nam", "female": "Nữ"}
MAX_QR = 4096  # a card's QR is a few hundred characters, hex-encoded under a thousand
MAX_PARTS = 40
_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2})+$")
# Letters that only appear when UTF-8 was read as a single-byte code page.
_MOJIBAKE_HINT = re.compile(r"[ÃÄÆÅáº»¼½¾â€]")
_VIET_LETTER = re.compile(r"[A-Za-zÀ-ỹĐđ]")
_LOST = re.compile(r"[?\ufffd]")
# Telex keystrokes left as letters: f j w z never occur in a Vietnamese syllable, nor dd/aa/ee/oo, nor a
# syllable ending in s r x (tone keys).
_TELEX = re.compile(r"[fjwz]|dd|aa|ee|oo|[sxr]$")
# VNI keystrokes: a digit typed after a vowel (6 â ê ô, 7 ơ ư, 8 ă, 1–5 tones) or after d (9 đ).
_VNI = re.compile(r"[aeiouyd][1-9]")
_NO_VOWEL = re.compile(r"^[b-df-hj-np-tv-xz']+$")
# Surnames (first word) and middle names (Văn, Thị) that a card never prints without their marks: seen
# bare, the scanner dropped them. Names that really have none (Mai Lan Anh, Phan Anh) are not listed.
_ALWAYS_MARKED_SURNAMES = frozenset({
    "nguyen", "tran", "pham", "hoang", "huynh", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "le", "dinh", "trinh", "doan", "luong", "truong", "thai", "ta", "ton", "tong", "ha",
})
_ALWAYS_MARKED_MIDDLE = frozenset({"van", "thi"})

FIELD_LABELS_VI = {
    "id_number": "Số định danh", "old_id_number": "Số CMND cũ", "full_name": "Họ và tên", "dob": "Ngày sinh",
    "gender": "Giới tính", "address": "Nơi thường trú", "issued_on": "Ngày cấp",
}
_RETYPE = "Hãy nhập ô này theo thẻ."


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
    # Field → why what the scanner sent cannot be what the card says. The field itself is left empty.
    damaged: dict[str, str] = field(default_factory=dict)

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
    if len(text) > MAX_QR:
        return False
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
    if len(raw) > MAX_QR:
        raise ValidationError("qr", "Chuỗi quét được quá dài để là mã QR trên thẻ căn cước.")
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


def _shown(value: str) -> str:
    """What was read, quoted in a message: short, and with hidden characters made visible."""
    text = "".join(f"<U+{ord(c):04X}>" if invisible_char(c) is not None else c for c in value[:40])
    return text + ("…" if len(value) > 40 else "")


def _lost_or_hidden(value: str) -> str | None:
    if _LOST.search(value):
        return f"máy quét làm mất chữ (đọc được «{_shown(value)}»)"
    if invisible_char(value) is not None:
        return f"có ký tự ẩn hoặc ký tự điều khiển («{_shown(value)}»)"
    return None


def _has_marks(text: str) -> bool:
    return any(not ch.isascii() and ch.isalpha() for ch in text)


def name_damage(name: str, *, marks_elsewhere: bool) -> str | None:
    """Why a name read from a card's QR cannot be what the card prints, or None.

    `marks_elsewhere`: whether the rest of the QR (the address) carries Vietnamese marks — a scanner that
    drops them drops them everywhere, so a bare name beside a marked address is a name that has none.
    """
    broken = _lost_or_hidden(name)
    if broken:
        return broken
    if not _VIET_LETTER.search(name):
        return f"không có chữ cái (đọc được «{_shown(name)}»)"
    words = fold(name).split()
    if any(ch.isdigit() for ch in name):
        if not _has_marks(name) and any(_VNI.search(w) for w in words):
            return f"bị gõ kiểu VNI thành chữ và số («{_shown(name)}»)"
        return f"có chữ số (đọc được «{_shown(name)}»)"
    if _has_marks(name):
        return None
    if any(_TELEX.search(w) for w in words):
        return f"bị gõ kiểu Telex thành chữ không dấu («{_shown(name)}»)"
    if any(_NO_VOWEL.match(w) for w in words):
        return f"máy quét làm rơi các chữ có dấu («{_shown(name)}»)"
    if (not marks_elsewhere or (words and words[0] in _ALWAYS_MARKED_SURNAMES)
            or (len(words) >= 3 and words[1] in _ALWAYS_MARKED_MIDDLE)):
        return (f"không có dấu tiếng Việt («{_shown(name)}»): máy quét đang gõ bằng bàn phím kiểu Mỹ (US) "
                "nên làm mất dấu")
    return None


def marks_lost(typed: str, stored: str) -> bool:
    """Whether `typed` is `stored` with some of its marks lost (Nguyen Van An for Nguyễn Văn An)."""
    if not typed or not stored or fold(typed) != fold(stored):
        return False
    return sum(not c.isascii() for c in typed) < sum(not c.isascii() for c in stored)


def _shape(value: str) -> str:
    """What a damaged part was meant to be, from its shape: its letters may be gone, its length is not."""
    compact = ascii_digits(value)
    digits = sum(c.isdigit() for c in compact)
    if len(compact) == 8 and digits >= 5:
        return "date"
    if len(compact) == 9 and digits >= 6:
        return "old_id"
    if len(compact) == 12 and digits >= 8:
        return "id12"
    if len(compact) <= 3:
        return "gender"
    return "text"


def _classify(part: str) -> str:
    if not part:
        return "empty"
    if _lost_or_hidden(part):
        return "broken-" + _shape(part)
    digits = ascii_digits(part)
    if ID9.match(digits):
        return "old_id"
    if DATE8.match(digits):
        return "date"
    if part.lower() in GENDERS or part in ("N", "n"):
        return "gender"
    if ID12.match(digits):
        return "id12"
    return "text"


def parse_card_qr(raw: str, *, today: date | None = None) -> CardData:
    """Parse the QR of a chip CCCD or a 2024 căn cước card. A QR that is not a card's, or whose ID number is
    unreadable, is refused; any other damaged field is left empty and named in `damaged` (module docstring)."""
    today = today or date.today()
    text, note = repair_scanner_text(raw)
    if "|" not in text:
        raise ValidationError("qr", "Đây không phải mã QR trên thẻ căn cước (thiếu dấu «|» ngăn các trường).")
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > MAX_PARTS:
        raise ValidationError("qr", "Mã QR có quá nhiều trường để là mã trên thẻ căn cước.")
    first = parts[0]
    if _lost_or_hidden(first):
        raise ValidationError("id_number", f"Số định danh trong mã QR bị hỏng ({_lost_or_hidden(first)}). "
                                           "Hãy quét lại hoặc nhập tay.")
    if not ID12.match(ascii_digits(first)):
        raise ValidationError("id_number", "Mã QR không bắt đầu bằng số định danh cá nhân 12 chữ số.")
    card = CardData(id_number=ascii_digits(first), full_name="", repaired=note)
    damaged = card.damaged

    def flag(name: str, reason: str) -> None:
        """`reason` completes "<field> trong mã QR …", or is a whole sentence when it starts with "Mã QR"."""
        sentence = reason if reason.startswith("Mã QR") else f"{FIELD_LABELS_VI[name]} trong mã QR {reason}."
        damaged.setdefault(name, f"{sentence} {_RETYPE}")

    # Date slots in order: the first is the date of birth, the second the issue date. An impossible date
    # keeps its slot, so a later date cannot slide into the date of birth.
    dates: list[date | None] = []
    names: list[str] = []
    after: list[str] = []  # free text after the date of birth: the address first
    for part in parts[1:]:
        kind = _classify(part)
        if kind == "empty":
            continue
        if kind == "broken-old_id" and (card.old_id_number or "old_id_number" in damaged):
            # The old ID was read already: nine characters with one lost are a date that gained one.
            kind = "broken-date"
        if kind == "old_id" and not card.old_id_number and "old_id_number" not in damaged:
            card.old_id_number = ascii_digits(part)
        elif kind in ("date", "broken-date"):
            d = _ddmmyyyy(ascii_digits(part)) if kind == "date" else None
            slot = ("dob", "issued_on", None)[min(len(dates), 2)]
            dates.append(d)
            if slot is None:
                card.extra.append(part)
                flag("issued_on", f"có thêm ngày «{_shown(part)}» sau ngày cấp; không rõ ngày nào là ngày cấp")
            elif d is None:
                flag(slot, _lost_or_hidden(part) or f"không phải ngày có thật (đọc được «{_shown(part)}»)")
        elif kind == "gender" and not card.gender and "gender" not in damaged:
            g = GENDERS.get(part.lower())
            if g is None:
                flag("gender", f"chỉ đọc được «{_shown(part)}» (mất chữ có dấu)")
            else:
                card.gender = g
        elif kind == "broken-old_id":
            flag("old_id_number", _lost_or_hidden(part) or "")
        elif kind == "broken-gender" and not card.gender:
            flag("gender", _lost_or_hidden(part) or "")
        elif kind in ("id12", "old_id", "gender"):
            card.extra.append(part)  # 2024 cards may carry other numbers (cancelled IDs)
        elif kind == "broken-id12":
            card.extra.append(part)
        elif not dates:
            names.append(part)
        elif not card.gender and "gender" not in damaged and len(part) <= 5 and fold(part).startswith("n"):
            # Where the gender stands, a short word that is not Nam/Nữ: Telex or VNI residue ("Nuwx", "Nu74").
            flag("gender", f"chỉ đọc được «{_shown(part)}» (mất chữ có dấu hoặc bị gõ kiểu Telex/VNI)")
        else:
            after.append(part)

    marks_elsewhere = any(_has_marks(t) for t in after) or not after
    if not names:
        flag("full_name", "Mã QR không có họ tên.")
    else:
        name = names[0]
        card.extra.extend(names[1:])
        reason = name_damage(name, marks_elsewhere=marks_elsewhere)
        if reason:
            flag("full_name", reason)
        else:
            card.full_name = title_case_name(name)
    if after:
        address = after[0]
        card.extra.extend(after[1:])
        broken = _lost_or_hidden(address)
        if broken:
            flag("address", broken)
        elif _VIET_LETTER.search(address) and not _has_marks(address):
            flag("address", f"không có dấu tiếng Việt («{_shown(address)}»): máy quét làm mất dấu hoặc gõ thành "
                            "Telex/VNI")
        else:
            card.address = address
    if dates and "dob" not in damaged:
        card.dob = dates[0]
    if len(dates) > 1 and "issued_on" not in damaged:
        card.issued_on = dates[1]
    _cross_check(card, today, flag)
    card.damaged = {k: damaged[k] for k in FIELD_LABELS_VI if k in damaged}  # in the order of the card
    return card


def _cross_check(card: CardData, today: date, flag: Callable[[str, str], None]) -> None:
    """Fields that each look right but contradict the ID number, the calendar or each other."""
    id_errors = check_id_number(card.id_number, today=today)
    if id_errors:
        flag("id_number", f"Mã QR: {id_errors[0].message_vi}")
        card.id_number = ""
    if card.dob is not None and not date(1900, 1, 1) <= card.dob <= today:
        flag("dob", f"không hợp lệ ({card.dob:%d/%m/%Y}: trước năm 1900 hoặc sau hôm nay)")
        card.dob = None
    if card.id_number:
        for e in check_id_number(card.id_number, dob=card.dob, gender=card.gender, today=today):
            if e.field in ("dob", "gender"):
                flag(e.field, f"Mã QR: {e.message_vi}")
                if e.field == "dob":
                    card.dob = None
                else:
                    card.gender = ""
    if card.issued_on is not None and (card.issued_on > today or (card.dob and card.issued_on < card.dob)):
        flag("issued_on", f"không hợp lệ ({card.issued_on:%d/%m/%Y}: sau hôm nay hoặc trước ngày sinh)")
        card.issued_on = None


def _ddmmyyyy(text: str) -> date | None:
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def province_of(id_number: str) -> str | None:
    codes: dict[str, str] = load_json("provinces.json")["codes"]
    return codes.get(id_number[:3])


def birth_year_of(id_number: str) -> int:
    """The birth year a 12-digit personal number encodes (its 4th digit gives the century)."""
    return 1900 + (int(id_number[3]) // 2) * 100 + int(id_number[4:6])


MAX_AGE = 120


def check_id_number(id_number: str, *, dob: date | None = None, gender: str = "",
                    today: date | None = None) -> list[ValidationError]:
    """Check a 12-digit personal number, and against the typed date of birth and gender if given.

    Layout: 3 digits province of birth registration, 1 digit for gender and century (even male, odd
    female; 0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s, …), 2 digits birth year, 6 random digits. The year it
    encodes must be possible even when no date of birth was typed: not after this year, not over 120 years ago.
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
    year = birth_year_of(number)
    this_year = (today or date.today()).year
    if year > this_year:
        errors.append(ValidationError(
            "id_number", f"Số định danh ứng với năm sinh {year}, sau năm nay; hãy kiểm tra lại số định danh.",
            message_en="The ID number encodes a birth year in the future."))
        return errors
    if year < this_year - MAX_AGE:
        errors.append(ValidationError(
            "id_number", f"Số định danh ứng với năm sinh {year} (hơn {MAX_AGE} tuổi); hãy kiểm tra lại số định danh.",
            message_en="The ID number encodes an impossible birth year."))
        return errors
    card_gender = "Nam" if int(number[3]) % 2 == 0 else "Nữ"
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

