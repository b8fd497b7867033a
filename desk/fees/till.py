"""The till's close: an officer hands the session's cash over with the list of receipts (bảng kê).

A session is the receipts one officer issued (and cancelled) on this PC since their last close. The
close counts what was issued and cancelled, totals them by fee and by payment method, compares the
cash counted with the cash expected (cash receipts not cancelled), and requires the difference to be
explained. It is one unit of work (the close row, each receipt marked as handed over, the audit entry
and the outbox op `till`/`close` carrying the receipt ids), and it runs as a step of the day close
(desk/sync/daybook.py) or on its own (`desk till close`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desk.clock import iso
from desk.errors import DeskError, ValidationError
from desk.fees.money import group, parse_amount, vnd
from desk.fees.receipts import METHODS, Receipts, receipt_label
from desk.fees.series import SeriesBook, format_number, series_from_row
from desk.highwater import HighWater
from desk.ids import new_id
from desk.store import Store
from desk.text import clean_line

TILL = "till"


@dataclass
class FeeTotal:
    fee_code: str
    fee_name: str
    count: int
    amount: int


@dataclass
class TillSummary:
    officer_id: str
    officer_name: str
    desk_no: int
    receipts: list[dict[str, Any]]
    gaps: list[str] = field(default_factory=list)  # numbers handed out, missing here, not yet recorded

    @property
    def issued(self) -> list[dict[str, Any]]:
        return [r for r in self.receipts if r["status"] == "issued"]

    @property
    def cancelled(self) -> list[dict[str, Any]]:
        return [r for r in self.receipts if r["status"] == "cancelled"]

    @property
    def total(self) -> int:
        return sum(int(r["amount"]) for r in self.issued)

    @property
    def expected_cash(self) -> int:
        return sum(int(r["amount"]) for r in self.issued if r["method"] == "cash")

    @property
    def by_fee(self) -> list[FeeTotal]:
        out: dict[str, FeeTotal] = {}
        for r in self.issued:
            t = out.setdefault(r["fee_code"] or r["fee_name"], FeeTotal(r["fee_code"], r["fee_name"], 0, 0))
            t.count += 1
            t.amount += int(r["amount"])
        return sorted(out.values(), key=lambda t: (-t.amount, t.fee_name))

    @property
    def by_method(self) -> dict[str, int]:
        out = dict.fromkeys(METHODS, 0)
        for r in self.issued:
            out[r["method"]] = out.get(r["method"], 0) + int(r["amount"])
        return out

    @property
    def opened_at(self) -> str | None:
        return min((str(r["issued_at"]) for r in self.receipts), default=None)

    def totals(self) -> dict[str, Any]:
        return {"by_fee": [t.__dict__ for t in self.by_fee], "by_method": self.by_method,
                "cancelled": [receipt_label(r) for r in self.cancelled], "gaps": self.gaps}

    def text_vi(self) -> str:
        methods = ", ".join(f"{METHODS[m].lower()} {vnd(a)}" for m, a in self.by_method.items() if a)
        return (f"{len(self.issued)} biên lai, tổng {vnd(self.total)}" + (f" ({methods})" if methods else "")
                + (f"; {len(self.cancelled)} biên lai hủy" if self.cancelled else "")
                + f". Tiền mặt phải nộp: {vnd(self.expected_cash)}.")


def check_counted(summary: TillSummary, counted: object, explanation: str) -> tuple[int, str]:
    """The counted cash as an int and the explanation, or a message naming the field to fix."""
    amount = parse_amount(counted, field="counted", label="Số tiền mặt đếm được")
    why = clean_line(explanation, field="explanation", label="Giải trình chênh lệch", max_len=1000, multiline=True)
    diff = amount - summary.expected_cash
    if diff and not why:
        side = "thiếu" if diff < 0 else "thừa"
        raise ValidationError("explanation", f"Tiền mặt đếm được {vnd(amount)} {side} {vnd(abs(diff))} so với số phải "
                                             f"nộp {vnd(summary.expected_cash)}: ghi rõ lý do chênh lệch.")
    return amount, why


class Till:
    def __init__(self, store: Store, receipts: Receipts) -> None:
        self.store = store
        self.receipts = receipts

    def summary(self, officer_id: str) -> TillSummary:
        name = str(self.store.scalar("SELECT full_name FROM officers WHERE id = ?", (officer_id,)) or officer_id)
        desk_no = int(self.store.scalar("SELECT desk_no FROM device WHERE id = 1"))
        return TillSummary(officer_id, name, desk_no, self.receipts.session(officer_id), self.gaps())

    def gaps(self) -> list[str]:
        """Numbers of this desk's blocks the counter handed out that the database has no record of."""
        desk_no = int(self.store.scalar("SELECT desk_no FROM device WHERE id = 1"))
        # The side file counts numbers a restored database no longer remembers handing out.
        handed_out = HighWater.load(self.store.highwater_path).codes
        out = []
        for row in self.store.query("SELECT * FROM receipt_series"):
            series = series_from_row(row)
            block = series.block(desk_no)
            used = max(SeriesBook.used_through(self.store, series, desk_no),
                       handed_out.get(series.counter_key(desk_no), 0))
            if block is None or not used:
                continue
            have = {int(r["number"]) for r in self.store.query(
                "SELECT number FROM receipts WHERE symbol = ? AND number BETWEEN ? AND ?",
                (series.symbol, block[0], block[0] + used - 1))}
            out += [f"{series.symbol} {format_number(n)}" for n in range(block[0], block[0] + used) if n not in have]
        return out

    def open_count(self) -> int:
        """Receipts on this PC, of any officer, not yet handed over in a till close."""
        return int(self.store.scalar("SELECT COUNT(*) FROM receipts WHERE till_close_id IS NULL") or 0)

    def close(self, officer_id: str, counted: object, explanation: str = "") -> dict[str, Any]:
        """Close the officer's session: one transaction, one outbox op. Returns the close row."""
        summary = self.summary(officer_id)
        if not summary.receipts:
            raise DeskError("Không có biên lai nào chưa chốt: quầy thu không có gì để bàn giao.", code="empty_till")
        amount, why = check_counted(summary, counted, explanation)
        with self.store.write(officer_id) as uow:
            ids = [str(r["id"]) for r in summary.receipts]
            still = uow.scalar(f"SELECT COUNT(*) FROM receipts WHERE till_close_id IS NULL AND id IN "
                               f"({','.join('?' * len(ids))})", ids)
            if int(still or 0) != len(ids) or self._newer(uow, officer_id, ids):
                raise DeskError("Quầy thu vừa có biên lai mới hoặc vừa được chốt ở nơi khác: hãy xem lại rồi chốt.",
                                code="till_changed")
            close_id = new_id()
            row: dict[str, Any] = {
                "id": close_id, "officer_id": officer_id, "officer_name": summary.officer_name,
                "desk_no": summary.desk_no, "day": uow.now.date().isoformat(), "opened_at": summary.opened_at,
                "closed_at": iso(uow.now), "issued_count": len(summary.issued),
                "cancelled_count": len(summary.cancelled), "total": summary.total,
                "expected_cash": summary.expected_cash, "counted_cash": amount,
                "difference": amount - summary.expected_cash, "explanation": why,
                "totals": json.dumps(summary.totals(), ensure_ascii=False)}
            uow.insert("till_closes", row)
            uow.execute(f"UPDATE receipts SET till_close_id = ? WHERE id IN ({','.join('?' * len(ids))})",
                        [close_id, *ids])
            uow.record("close", TILL, close_id, {
                "close": {**row, "totals": summary.totals()},
                "receipts": [str(r["id"]) for r in summary.issued],
                "cancelled": [str(r["id"]) for r in summary.cancelled]},
                audit_detail={"issued": len(summary.issued), "cancelled": len(summary.cancelled),
                              "total": summary.total, "difference": row["difference"]})
        return row

    @staticmethod
    def _newer(uow: Any, officer_id: str, ids: Sequence[str]) -> bool:
        count = uow.scalar("SELECT COUNT(*) FROM receipts WHERE collector_id = ? AND till_close_id IS NULL",
                           (officer_id,))
        return int(count or 0) != len(ids)

    def get_close(self, close_id: str) -> dict[str, Any]:
        row = self.store.query_one("SELECT * FROM till_closes WHERE id = ?", (close_id,))
        if row is None:
            raise DeskError("Không có lần chốt quầy thu này.", code="unknown_till_close")
        row["totals"] = json.loads(row["totals"] or "{}")
        row["receipts"] = self.store.query("SELECT * FROM receipts WHERE till_close_id = ? ORDER BY symbol, number",
                                           (close_id,))
        return row

    def closes(self, day: str | None = None) -> list[dict[str, Any]]:
        if day:
            return self.store.query("SELECT * FROM till_closes WHERE day = ? ORDER BY closed_at", (day,))
        return self.store.query("SELECT * FROM till_closes ORDER BY closed_at DESC LIMIT 100")


@dataclass
class TillDayStep:
    """The till's close as a step of the day close: run by desk/sync/daybook.py before it reconciles
    with the district, so the close's op travels in the same sync. Returns the line the day close
    report shows."""

    till: Till
    officer_id: str
    counted: object
    explanation: str = ""
    result: dict[str, Any] | None = None

    def __call__(self) -> str:
        self.result = self.till.close(self.officer_id, self.counted, self.explanation)
        r = self.result
        diff = int(r["difference"])
        text = (f"Đã chốt quầy thu: {r['issued_count']} biên lai, {vnd(int(r['total']))}; tiền mặt nộp "
                f"{vnd(int(r['counted_cash']))}")
        return text + (f" (chênh lệch {'+' if diff > 0 else '−'}{group(abs(diff))} đ)." if diff else ".")


@dataclass
class OpenTillNote:
    """A day-close step that only reports receipts still waiting for their till close."""

    till: Till

    def __call__(self) -> str:
        n = self.till.open_count()
        return f"Còn {n} biên lai chưa chốt quầy thu (tiền chưa bàn giao)." if n else ""


def close_view(row: Mapping[str, Any]) -> str:
    diff = int(row["difference"])
    return (f"{row['closed_at'][:16].replace('T', ' ')}  {row['officer_name']}: {row['issued_count']} biên lai, "
            f"{vnd(int(row['total']))}, tiền mặt {vnd(int(row['counted_cash']))}"
            + (f", chênh lệch {group(diff)} đ" if diff else ""))
