"""Receipt series: a range of numbers the commune registered, split among its PCs by desk number.

Every PC of the commune registers the same series (or receives it from the district); desk number n
takes the block `first_no + (n − 1) × per_desk … first_no + n × per_desk − 1`. Desk numbers are already
unique within a commune (dossier codes rely on it), so two PCs offline never print the same number
without talking to each other. Within its block a PC numbers receipts in order, through the same
never-repeating counter as dossier codes (`UnitOfWork.next_daily_number` and the high-water side file):
a database restored from an older backup continues past every number ever printed.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desk.clock import iso
from desk.errors import DeskError, NotFoundError, ValidationError, ValidationErrors
from desk.store import Store, UnitOfWork
from desk.text import clean_line

NUMBER_DIGITS = 7
# Ký hiệu biên lai, e.g. 01AA-26T (DOMAIN.md). Only the shape is checked: the exact rules are the tax
# authority's, and a commune types what it registered.
SYMBOL = re.compile(r"^[0-9A-Z][0-9A-Z/-]{1,19}$")
TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")


@dataclass(frozen=True)
class Series:
    symbol: str
    form_no: str
    first_no: int
    last_no: int
    per_desk: int
    org_name: str
    tax_code: str
    source: str = "office"
    active: bool = True

    def block(self, desk_no: int) -> tuple[int, int] | None:
        """This desk number's numbers (first, last), or None when the range has none left for it."""
        start = self.first_no + (desk_no - 1) * self.per_desk
        if start > self.last_no:
            return None
        return start, min(start + self.per_desk - 1, self.last_no)

    def counter_key(self, desk_no: int) -> str:
        # Kept in code_counters and the high-water file beside the dossiers' daily numbers.
        return f"R:{self.symbol}:{desk_no:02d}"


def format_number(number: int) -> str:
    return f"{number:0{NUMBER_DIGITS}d}"


def series_from_row(row: Mapping[str, Any]) -> Series:
    return Series(row["symbol"], row["form_no"], int(row["first_no"]), int(row["last_no"]), int(row["per_desk"]),
                  row["org_name"], row["tax_code"], row["source"], bool(row["active"]))


def parse_series(raw: Mapping[str, Any], *, where: str = "") -> Series:
    at = f"{where}: " if where else ""
    errors: list[ValidationError] = []

    def text(key: str, label: str, max_len: int, *, upper: bool = False) -> str:
        try:
            value = clean_line(raw.get(key), field=key, label=f"{at}{label}", required=True, max_len=max_len)
        except ValidationError as e:
            errors.append(e)
            return ""
        return value.upper().replace(" ", "") if upper else value

    symbol = text("symbol", "Ký hiệu biên lai", 20, upper=True)
    if symbol and not SYMBOL.match(symbol):
        errors.append(ValidationError("symbol", f"{at}Ký hiệu biên lai «{symbol}» chỉ gồm chữ in hoa, số, «-» hoặc «/» "
                                                "(ví dụ 01AA-26T)."))
    form_no = text("form_no", "Ký hiệu mẫu biên lai", 30, upper=True)
    org = text("org_name", "Tên tổ chức thu phí, lệ phí", 200)
    tax = text("tax_code", "Mã số thuế của tổ chức thu", 14)
    if tax and not TAX_CODE.match(tax):
        errors.append(ValidationError("tax_code", f"{at}Mã số thuế «{tax}» phải gồm 10 chữ số (hoặc 10 chữ số-3 chữ số)."))
    numbers: dict[str, int] = {}
    for key, label in (("first_no", "Số đầu dải"), ("last_no", "Số cuối dải"), ("per_desk", "Số lượng số mỗi quầy")):
        try:
            numbers[key] = int(str(raw.get(key)).strip())
            if not 1 <= numbers[key] <= 9_999_999:
                raise ValueError
        except ValueError:
            errors.append(ValidationError(key, f"{at}{label} phải là số từ 1 đến 9.999.999."))
    if len(numbers) == 3 and numbers["last_no"] < numbers["first_no"]:
        errors.append(ValidationError("last_no", f"{at}Số cuối dải phải không nhỏ hơn số đầu dải."))
    if errors:
        raise ValidationErrors(errors)
    source = str(raw.get("source") or "office")
    return Series(symbol, form_no, numbers["first_no"], numbers["last_no"], numbers["per_desk"], org, tax,
                  source if source in ("office", "district") else "office", bool(raw.get("active", True)))


class SeriesBook:
    """The series this PC knows, and the one its receipts are numbered from."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[Series]:
        return [series_from_row(r) for r in self.store.query(
            "SELECT * FROM receipt_series ORDER BY active DESC, registered_at DESC, symbol")]

    def get(self, symbol: str) -> Series:
        row = self.store.query_one("SELECT * FROM receipt_series WHERE symbol = ?", (symbol.strip().upper(),))
        if row is None:
            raise NotFoundError(f"Chưa đăng ký ký hiệu biên lai «{symbol[:20]}» trên máy này.", code="unknown_series")
        return series_from_row(row)

    def register(self, raw: Mapping[str, Any], *, actor: str = "system") -> Series:
        """Register a series (the same on every PC of the commune); it becomes the active one. A series
        already registered may only be changed in ways that keep every number already printed valid."""
        series = parse_series(raw)
        with self.store.write(actor) as uow:
            self._save(uow, series)
            uow.audit("receipt_series_registered", "receipt_series", series.symbol, {
                "form_no": series.form_no, "first_no": series.first_no, "last_no": series.last_no,
                "per_desk": series.per_desk, "tax_code": series.tax_code, "source": series.source})
        return series

    def apply_published(self, records: Iterable[Mapping[str, Any]], agency_code: str, *,
                        actor: str = "district") -> builtins.list[str]:
        """Series the district handed out to this commune (reference data `fees`, key `series`)."""
        done = []
        mine = [r for r in records if str(r.get("commune") or "").strip().upper() == agency_code.upper()]
        for i, raw in enumerate(mine, start=1):
            series = parse_series({**raw, "source": "district"}, where=f"Dải số {i}")
            with self.store.write(actor) as uow:
                if self._save(uow, series):
                    uow.audit("receipt_series_published", "receipt_series", series.symbol,
                              {"first_no": series.first_no, "last_no": series.last_no, "per_desk": series.per_desk})
                    done.append(series.symbol)
        return done

    def _save(self, uow: UnitOfWork, series: Series) -> bool:
        old = uow.one("SELECT * FROM receipt_series WHERE symbol = ?", (series.symbol,))
        if old is not None:
            current = series_from_row(old)
            if current == series:
                return False
            used = uow.scalar("SELECT MAX(number) FROM receipts WHERE symbol = ?", (series.symbol,))
            if (current.first_no, current.per_desk, current.form_no, current.tax_code) != \
                    (series.first_no, series.per_desk, series.form_no, series.tax_code) and used:
                raise DeskError(f"Dải số {series.symbol} đã có biên lai được in: không đổi được số đầu dải, cách chia "
                                "cho các quầy, ký hiệu mẫu hay mã số thuế (chỉ được kéo dài số cuối dải). Hãy đăng ký "
                                "ký hiệu mới.", code="series_in_use")
            if used and series.last_no < int(used):
                raise DeskError(f"Dải số {series.symbol} đã in đến số {used}: số cuối dải không được nhỏ hơn.",
                                code="series_in_use")
        uow.execute("UPDATE receipt_series SET active = 0 WHERE symbol != ?", (series.symbol,))
        row = {"symbol": series.symbol, "form_no": series.form_no, "first_no": series.first_no,
               "last_no": series.last_no, "per_desk": series.per_desk, "org_name": series.org_name,
               "tax_code": series.tax_code, "source": series.source, "active": 1, "registered_at": iso(uow.now)}
        cols = list(row)
        uow.execute(f"INSERT INTO receipt_series ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
                    "ON CONFLICT(symbol) DO UPDATE SET "
                    + ", ".join(f"{c} = excluded.{c}" for c in cols if c != "symbol"), [row[c] for c in cols])
        return True

    @staticmethod
    def active(uow: UnitOfWork) -> Series:
        row = uow.one("SELECT * FROM receipt_series WHERE active = 1 ORDER BY registered_at DESC LIMIT 1")
        if row is None:
            raise DeskError("Máy này chưa có dải số biên lai: quản trị viên đăng ký ký hiệu biên lai của xã "
                            "(desk receipt series add …) hoặc đồng bộ để nhận dải số cấp trên cấp.", code="no_series")
        return series_from_row(row)

    @staticmethod
    def next_number(uow: UnitOfWork, series: Series, desk_no: int) -> int:
        """The next number of this desk's block, never one handed out before (even by a restored copy)."""
        block = series.block(desk_no)
        if block is None:
            raise DeskError(f"Dải số {series.symbol} ({format_number(series.first_no)}–{format_number(series.last_no)}) "
                            f"không còn số cho quầy {desk_no:02d} (mỗi quầy {series.per_desk} số): hãy đăng ký dải số "
                            "rộng hơn hoặc ký hiệu mới.", code="series_exhausted")
        count = uow.next_daily_number(series.counter_key(desk_no))
        number = block[0] + count - 1
        if number > block[1]:
            raise DeskError(f"Quầy {desk_no:02d} đã dùng hết dải số biên lai {series.symbol} "
                            f"({format_number(block[0])}–{format_number(block[1])}): hãy đăng ký ký hiệu mới.",
                            code="series_exhausted")
        return number

    @staticmethod
    def used_through(uow: UnitOfWork | Store, series: Series, desk_no: int) -> int:
        """How many numbers of this desk's block the database has handed out (0: none)."""
        value = uow.scalar("SELECT last FROM code_counters WHERE day = ?", (series.counter_key(desk_no),))
        return int(value or 0)
