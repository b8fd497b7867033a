"""Amounts of money as the desk reads and writes them: whole đồng, grouped with dots (1.000.000 đ)."""

from __future__ import annotations

import re

from desk.errors import ValidationError
from desk.text import ascii_digits

MAX_AMOUNT = 999_999_999_999  # below a thousand billion đồng: far beyond any fee a commune collects
_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})*$")


def group(amount: int) -> str:
    """1234567 → '1.234.567' (Vietnamese writes the thousands separator as a dot)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def vnd(amount: int) -> str:
    """'1.234.567 đ'."""
    return f"{group(amount)} đ"


def parse_amount(text: object, *, field: str, label: str) -> int:
    """What an officer types for an amount — '48000', '48.000', '48 000', '48.000 đ' — as an int.

    A decimal part is refused rather than rounded: there are no xu on a receipt."""
    raw = ascii_digits(str(text if text is not None else "")).strip().lower()
    raw = re.sub(r"\s*(đ|d|đồng|dong|vnd|vnđ)$", "", raw).strip()
    if not raw:
        raise ValidationError(field, f"{label} không được để trống.")
    if raw.isdigit():
        value = int(raw)
    elif _GROUPED.match(raw):
        value = int(re.sub(r"[.,\s]", "", raw))
    else:
        raise ValidationError(field, f"{label} «{str(text)[:20]}» không phải số tiền (ví dụ 48.000).")
    if value > MAX_AMOUNT:
        raise ValidationError(field, f"{label} quá lớn.")
    return value
