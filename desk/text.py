"""Text hygiene for everything typed or scanned at the desk.

Stored text is NFC (scanners and some keyboards emit decomposed Vietnamese); searching uses a folded
key without diacritics so "khai sinh", "khai sinh" and "KHAI SINH" all meet.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time

from desk.errors import ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Search key: lower case, no diacritics, đ→d, single spaces."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def clean_line(
    value: object,
    *,
    field: str,
    label: str,
    required: bool = False,
    max_len: int = 200,
    multiline: bool = False,
) -> str:
    """Normalise one text field, or refuse it with a message naming the field.

    Control characters are refused rather than silently dropped: they mean a scanner or a paste went
    wrong, and the officer should look at what was captured.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    text = nfc(value)
    if multiline:
        text = text.replace("\r\n", "\n")
        check = text.replace("\n", " ").replace("\t", " ")
    else:
        check = text.replace("\t", " ")
    if _CONTROL.search(check) or (not multiline and "\n" in text.strip()):
        raise ValidationError(
            field,
            f"{label} chứa ký tự điều khiển không hợp lệ; hãy nhập lại.",
            message_en=f"{label} contains control characters.",
        )
    text = text.strip() if multiline else _SPACES.sub(" ", text).strip()
    if required and not text:
        raise ValidationError(field, f"{label} không được để trống.", message_en=f"{label} is required.")
    if len(text) > max_len:
        raise ValidationError(
            field,
            f"{label} quá dài ({len(text)} ký tự, tối đa {max_len}).",
            message_en=f"{label} is too long.",
        )
    return text


def title_case_name(value: str) -> str:
    """'NGUYỄN văn an' -> 'Nguyễn Văn An' (names on slips are written this way)."""
    return " ".join(part[:1].upper() + part[1:].lower() for part in value.split(" ") if part)


def parse_hhmm(value: object, *, field: str, label: str = "Giờ") -> time:
    """'15:00' → time(15, 0), or a message naming the field (the one parser for every HH:MM we read)."""
    m = _HHMM.match(str(value or "").strip())
    if not m:
        raise ValidationError(field, f"{label} «{str(value)[:20]}» không hợp lệ (cần dạng HH:MM, ví dụ 15:00).",
                              message_en=f"{label} must be HH:MM.")
    return time(int(m[1]), int(m[2]))


def ascii_digits(value: str) -> str:
    """Full-width or other Unicode digits typed or pasted into a number field become ASCII."""
    return unicodedata.normalize("NFKC", value)
