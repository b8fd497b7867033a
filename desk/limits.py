"""Time limits as the law writes them, and the phrases catalogues use for them.

A procedure's limit is one of: "Trong ngày" (same day, usually with the 15:00 rule), N working days
("03 ngày làm việc", also "0,5 ngày làm việc"), N working hours ("04 giờ làm việc"), or N calendar days
("15 ngày", whose last day moves to the next working day when it is not one — Bộ luật Dân sự 2015,
art. 147–148). Many procedures add a second limit for when verification is needed ("trường hợp cần xác
minh thì không quá 08 ngày làm việc"): the whole limit then becomes that one.

A limit is stored as a short spec ("sd", "wd:3", "wd:0.5", "wh:4", "cd:15"); `desk.calendar` turns it into
a return date-time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk.errors import ValidationError
from desk.text import fold

SAME_DAY = "sd"
WORKING_DAYS = "wd"
WORKING_HOURS = "wh"
CALENDAR_DAYS = "cd"
KINDS = (SAME_DAY, WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS)
# Longest limits accepted: about ten years of working days, a few months of hours.
MAX_AMOUNT = {WORKING_DAYS: 3650, WORKING_HOURS: 2000, CALENDAR_DAYS: 3650}


@dataclass(frozen=True)
class TimeLimit:
    kind: str
    amount: float = 0.0  # days or hours; 0 for the same-day limit

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown limit kind {self.kind!r}")

    @property
    def spec(self) -> str:
        return SAME_DAY if self.kind == SAME_DAY else f"{self.kind}:{_number(self.amount, '.')}"

    @classmethod
    def from_spec(cls, spec: str) -> TimeLimit:
        kind, _, amount = spec.strip().partition(":")
        if kind == SAME_DAY and not amount:
            return cls(SAME_DAY)
        if kind not in KINDS or kind == SAME_DAY:
            raise ValueError(f"bad limit spec {spec!r}")
        return _checked(kind, float(amount), "time_limit")

    @classmethod
    def working_days(cls, days: int) -> TimeLimit:
        """The old catalogue's integer: 0 was a same-day procedure."""
        return cls(SAME_DAY) if days == 0 else _checked(WORKING_DAYS, float(days), "time_limit")

    @property
    def is_calendar(self) -> bool:
        return self.kind == CALENDAR_DAYS

    @property
    def whole_working_days(self) -> int | None:
        """The limit as an integer of working days (0: same day), where it is one; else None."""
        if self.kind == SAME_DAY:
            return 0
        if self.kind == WORKING_DAYS and self.amount == int(self.amount):
            return int(self.amount)
        return None

    def text_vi(self) -> str:
        """As a catalogue or a slip writes it: 'Trong ngày', '03 ngày làm việc', '0,5 ngày làm việc'."""
        if self.kind == SAME_DAY:
            return "Trong ngày"
        n = _number(self.amount, ",")
        n = n.zfill(2) if n.isdigit() else n
        unit = {WORKING_DAYS: "ngày làm việc", WORKING_HOURS: "giờ làm việc", CALENDAR_DAYS: "ngày"}[self.kind]
        return f"{n} {unit}"

    def text_en(self) -> str:
        if self.kind == SAME_DAY:
            return "Same day"
        unit = {WORKING_DAYS: "working days", WORKING_HOURS: "working hours", CALENDAR_DAYS: "calendar days"}
        return f"{_number(self.amount, '.')} {unit[self.kind]}"

    def __str__(self) -> str:
        return self.text_vi()


@dataclass(frozen=True)
class ParsedLimits:
    """What one catalogue phrase says: the limit, the limit when verification is needed, the cutoff."""

    limit: TimeLimit | None
    verify: TimeLimit | None = None
    cutoff: str | None = None  # "15:00": received after it, the count starts the next working day


def _number(value: float, comma: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", comma)


def _checked(kind: str, amount: float, field: str) -> TimeLimit:
    if not amount > 0:
        raise ValidationError(field, "Thời hạn giải quyết phải lớn hơn 0 (hoặc «Trong ngày»).")
    if amount > MAX_AMOUNT[kind]:
        raise ValidationError(field, f"Thời hạn giải quyết quá lớn (tối đa {MAX_AMOUNT[kind]}).")
    if kind == WORKING_HOURS and amount * 60 != int(amount * 60):
        raise ValidationError(field, "Thời hạn tính bằng giờ phải là số phút tròn.")
    if kind != WORKING_HOURS and amount * 2 != int(amount * 2):
        raise ValidationError(field, "Thời hạn tính bằng ngày chỉ nhận số ngày nguyên hoặc nửa ngày (0,5).")
    if kind == CALENDAR_DAYS and amount != int(amount):
        raise ValidationError(field, "Thời hạn tính theo ngày (không phải ngày làm việc) phải là số ngày nguyên.")
    return TimeLimit(kind, amount)


# --- reading catalogue phrases ------------------------------------------------------------------------
# A number as written: "03", "0,5", "1.5", optionally followed by the number in words: "05 (năm)".
_NUM = r"(\d{1,4}(?:[.,]\d{1,2})?)(?:\s*\([a-z ]+\))?"
_UNIT = r"(ngay lam viec|gio lam viec|ngay|gio)"
_LEAD = r"(?:(?:thoi han(?: giai quyet)?|thoi gian(?: giai quyet)?)\s*:?\s*)?(?:khong qua|toi da|trong vong|trong thoi han|trong|la)?\s*"
_MAIN = re.compile(rf"^\s*{_LEAD}{_NUM}\s*{_UNIT}\b")
_SAME_DAY = re.compile(r"^\s*(?:thoi han(?: giai quyet)?\s*:?\s*)?(?:giai quyet\s+)?(?:ngay\s+)?trong\s+(?:ngay|ngay lam viec)\b"
                       r"|^\s*(?:giai quyet\s+)?ngay khi nhan")
_VERIFY = re.compile(rf"can\s+(?:phai\s+)?xac minh[^0-9;]*?(?:khong qua|toi da|trong vong|la|thi)?\s*{_NUM}\s*{_UNIT}\b")
_CUTOFF = re.compile(r"sau\s+(\d{1,2})\s*(?:gio|h)(?:\s*(\d{2})(?:\s*phut)?)?")
# What an officer types is one limit and nothing else ("5 ngày lam" is a typo, not "5 ngày").
_WHOLE = re.compile(rf"^\s*{_LEAD}{_NUM}\s*{_UNIT}\s*\.?\s*$|^\s*(?:ngay\s+)?trong\s+ngay(?: lam viec)?\s*\.?\s*$")


def _from_match(number: str, unit: str) -> TimeLimit:
    amount = float(number.replace(",", "."))
    kind = {"ngay lam viec": WORKING_DAYS, "gio lam viec": WORKING_HOURS, "gio": WORKING_HOURS,
            "ngay": CALENDAR_DAYS}[unit]
    return _checked(kind, amount, "time_limit")


def parse_limits(text: str) -> ParsedLimits:
    """Read the limit a catalogue states at the start of its phrase, the verification limit and the
    cutoff anywhere in it. A phrase that does not start with a limit (e.g. "Cổng DVCQG hiển thị '5'") has
    none: a number without its unit is never guessed."""
    folded = fold(text or "")
    limit: TimeLimit | None = None
    if _SAME_DAY.search(folded):
        limit = TimeLimit(SAME_DAY)
    else:
        m = _MAIN.search(folded)
        if m:
            try:
                limit = _from_match(m[1], m[2])
            except ValidationError:
                limit = None
    verify = None
    v = _VERIFY.search(folded)
    if v:
        try:
            verify = _from_match(v[1], v[2])
        except ValidationError:
            verify = None
    cutoff = None
    c = _CUTOFF.search(folded)
    if c and 0 <= int(c[1]) <= 23:
        cutoff = f"{int(c[1]):02d}:{int(c[2] or 0):02d}"
    return ParsedLimits(limit, verify, cutoff)


def parse_limit(text: str, *, field: str = "time_limit", label: str = "Thời hạn giải quyết") -> TimeLimit:
    """One limit typed by an officer or given on the command line: a catalogue phrase ("03 ngày làm
    việc", "Trong ngày", "0,5 ngày làm việc", "04 giờ làm việc", "15 ngày") or a spec ("wd:3")."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError(field, f"{label} không được để trống.")
    try:
        return TimeLimit.from_spec(raw)
    except ValueError:
        pass
    parsed = parse_limits(raw)
    if parsed.limit is None or not _WHOLE.match(fold(raw)):
        m = _MAIN.search(fold(raw))
        if m and _WHOLE.match(fold(raw)):  # a number with a unit, but out of bounds: say why
            _from_match(m[1], m[2])
        raise ValidationError(field, f"{label} «{raw[:40]}» không đọc được; ghi như danh mục, ví dụ «Trong ngày», "
                                     "«0,5 ngày làm việc», «04 giờ làm việc», «03 ngày làm việc» hoặc «15 ngày».")
    return parsed.limit


def optional_limit(spec: object) -> TimeLimit | None:
    """A stored spec (or NULL) to a limit."""
    if spec is None or spec == "":
        return None
    return TimeLimit.from_spec(str(spec))
