"""Text hygiene for everything typed or scanned at the desk.

Stored text is NFC (scanners and some keyboards emit decomposed Vietnamese); searching uses a folded
key without diacritics so "khai sinh", "khai sinh" and "KHAI SINH" all meet.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time

from desk.errors import ValidationError

_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Control, format (bidi overrides and isolates, zero-width marks, soft hyphen, BOM), surrogate, private-use and
# unassigned code points, and line/paragraph separators: nothing a person types into a form. A bidi override in
# a name reorders what the slip prints; a zero-width mark makes a second citizen that looks like the first.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
REPLACEMENT = "\ufffd"
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
    if len(value) > 4 * max_len + 1000:  # refused before any work on it: a pasted book is not a field
        raise ValidationError(field, f"{label} quá dài ({len(value)} ký tự, tối đa {max_len}).",
                              message_en=f"{label} is too long.")
    text = nfc(value)
    if multiline:
        text = text.replace("\r\n", "\n")
        check = text.replace("\n", " ").replace("\t", " ")
    else:
        check = text.replace("\t", " ")
    hidden = invisible_char(check)
    if hidden is not None or (not multiline and "\n" in text.strip()):
        where = f" (U+{ord(hidden):04X})" if hidden is not None and not hidden.isascii() else ""
        raise ValidationError(
            field,
            f"{label} chứa ký tự điều khiển hoặc ký tự ẩn không hợp lệ{where}; hãy nhập lại.",
            message_en=f"{label} contains control or invisible characters{where}.",
        )
    if REPLACEMENT in text:
        raise ValidationError(
            field,
            f"{label} có ký tự hỏng «{REPLACEMENT}» (chữ bị mất khi quét, dán hoặc đổi bảng mã); hãy nhập lại.",
            message_en=f"{label} contains a replacement character: letters were lost; type it again.",
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


def invisible_char(text: str) -> str | None:
    """The first control or invisible character of `text` (tab and line feed aside: callers decide), or None."""
    if text.isascii():
        m = _ASCII_CONTROL.search(text)
        return m.group(0) if m else None
    for ch in text:
        if ch not in "\t\n" and unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            return ch
    return None


def ascii_digits(value: str) -> str:
    """Any Unicode decimal digit typed or pasted into a number field (full-width, Arabic-Indic, Devanagari…)
    becomes ASCII: «٠٠١١٩٩٠١٢٣٤٥» and «001199012345» are one citizen, not two."""
    text = unicodedata.normalize("NFKC", value)
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)
