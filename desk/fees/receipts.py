"""Receipts (biên lai thu tiền phí, lệ phí) issued at this desk, their cancellation, and exemptions.

A receipt is one unit of work: its row, its audit entry and its outbox op (entity `receipt`, kind
`issue`) commit together, with a number from this desk's block of the active series. What a receipt
says never changes afterwards (triggers in migration 0009): a spoilt one is cancelled with its reason
and keeps its number (kind `cancel`). A number handed out by the counter but missing from the database
(the PC died between taking it and committing, before anything was printed) is recorded as void with
the reason (kind `void`), so the series never has a hole without a record.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desk.clock import iso
from desk.errors import DeskError, NotFoundError, ValidationError, ValidationErrors
from desk.fees.schedule import FeeSchedule, Quote, compute
from desk.fees.schedule import quote as quote_fee
from desk.fees.series import Series, SeriesBook, format_number
from desk.ids import new_id
from desk.store import Store, UnitOfWork
from desk.text import clean_line, title_case_name

RECEIPT = "receipt"
EXEMPTION = "fee_exemption"
METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản"}
GAP_REASON = ("Số không có trong dữ liệu của máy (máy dừng đột ngột khi đang ghi biên lai, hoặc dữ liệu được khôi phục "
              "từ bản sao lưu): không dùng lại số này.")
# Columns that stay on this PC: the till a receipt was handed over in travels with the till's close.
_LOCAL = ("till_close_id", "created_at")


@dataclass
class ReceiptInput:
    procedure_code: str = ""
    payer_name: str = ""
    payer_address: str = ""
    fee_code: str | None = None
    pages: object = None
    copies: object = 1
    method: str = "cash"
    dossier_ref: str | None = None  # the dossier's id or code: payer and procedure default from it


def receipt_label(row: Mapping[str, Any]) -> str:
    """'01AA-26T 0000123', as the officer reads a receipt's number aloud."""
    return f"{row['symbol']} {format_number(int(row['number']))}"


def payload_of(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _LOCAL}


class Receipts:
    def __init__(self, store: Store, schedule: FeeSchedule, series: SeriesBook) -> None:
        self.store = store
        self.schedule = schedule
        self.series = series

    # --- issuing --------------------------------------------------------------------------------
    def prepare(self, inp: ReceiptInput) -> tuple[dict[str, Any], Quote, dict[str, Any] | None]:
        """Check everything a receipt needs, write nothing: (payer and method, the quote, the dossier)."""
        errors: list[ValidationError] = []
        dossier = self._dossier(inp.dossier_ref) if inp.dossier_ref else None
        procedure = (inp.procedure_code or (dossier["procedure_code"] if dossier else "")).strip()
        fields: dict[str, Any] = {}
        try:
            name = clean_line(inp.payer_name or (dossier["applicant_name"] if dossier else ""), field="payer_name",
                              label="Họ tên người nộp tiền", required=True, max_len=100)
            fields["payer_name"] = title_case_name(name) if name.islower() or name.isupper() else name
        except ValidationError as e:
            errors.append(e)
        try:
            fields["payer_address"] = clean_line(inp.payer_address or (dossier["applicant_address"] if dossier else ""),
                                                 field="payer_address", label="Địa chỉ người nộp tiền", max_len=300)
        except ValidationError as e:
            errors.append(e)
        if inp.method not in METHODS:
            errors.append(ValidationError("method", "Hình thức nộp tiền phải là tiền mặt hoặc chuyển khoản."))
        fields["method"] = inp.method
        quote: Quote | None = None
        if not procedure:
            errors.append(ValidationError("procedure_code", "Chưa chọn thủ tục (khoản thu) để lập biên lai."))
        else:
            try:
                quote = compute(self.schedule.rule(procedure, inp.fee_code), pages=inp.pages, copies=inp.copies)
            except ValidationError as e:
                errors.append(e)
            except NotFoundError as e:
                errors.append(ValidationError("procedure_code", e.message_vi))
        if quote is not None and quote.amount <= 0:
            errors.append(ValidationError("amount", f"«{quote.rule.name}» không phải nộp tiền: không lập biên lai."))
        if errors:
            raise ValidationErrors(errors)
        assert quote is not None
        return fields, quote, dossier

    def issue(self, inp: ReceiptInput, officer_id: str) -> dict[str, Any]:
        """Issue a receipt: number, row, audit entry and outbox op in one transaction."""
        fields, quote, dossier = self.prepare(inp)
        collector = self._officer_name(officer_id)
        with self.store.write(officer_id) as uow:
            desk_no = int(uow.scalar("SELECT desk_no FROM device WHERE id = 1"))
            series = SeriesBook.active(uow)
            self._record_gaps(uow, series, desk_no, officer_id, collector)
            number = SeriesBook.next_number(uow, series, desk_no)
            rule = quote.rule
            row = {
                "id": new_id(), "symbol": series.symbol, "form_no": series.form_no, "number": number,
                "org_name": series.org_name, "tax_code": series.tax_code,
                "dossier_id": dossier["id"] if dossier else None, "dossier_code": dossier["code"] if dossier else "",
                "procedure_code": rule.procedure_code, "fee_code": rule.fee_code, "fee_name": rule.name,
                "fee_kind": rule.kind, "detail": quote.detail, "pages": quote.pages,
                "copies": quote.copies if rule.uses_copies else None, "amount": quote.amount,
                "method": fields["method"], "payer_name": fields["payer_name"],
                "payer_address": fields["payer_address"], "issued_at": iso(uow.now), "collector_id": officer_id,
                "collector_name": collector, "desk_no": desk_no, "void": 0, "status": "issued",
                "cancelled_at": None, "cancelled_by": None, "cancel_reason": "", "created_at": iso(uow.now)}
            uow.insert("receipts", row)
            uow.record("issue", RECEIPT, row["id"], payload_of(row), audit_detail={
                "receipt": receipt_label(row), "amount": row["amount"], "fee": rule.fee_code,
                "dossier": row["dossier_code"]})
        return self.get(row["id"])

    def _record_gaps(self, uow: UnitOfWork, series: Series, desk_no: int, officer_id: str, collector: str) -> None:
        """Numbers the high-water file says were handed out but the database never committed: void,
        with the reason — unless a restore is still being recovered from the district, which may bring
        those very receipts back."""
        key = series.counter_key(desk_no)
        in_db = SeriesBook.used_through(uow, series, desk_no)
        in_file = uow.highwater.codes.get(key, 0)
        if in_file <= in_db or _recovery_pending(uow):
            return
        block = series.block(desk_no)
        assert block is not None
        for count in range(in_db + 1, in_file + 1):
            number = block[0] + count - 1
            if uow.one("SELECT 1 FROM receipts WHERE symbol = ? AND number = ?", (series.symbol, number)):
                continue
            row = self._void_row(uow, series, number, desk_no, officer_id, collector, GAP_REASON)
            uow.insert("receipts", row)
            uow.record("void", RECEIPT, row["id"], payload_of(row),
                       audit_detail={"receipt": receipt_label(row), "reason": "gap"})

    @staticmethod
    def _void_row(uow: UnitOfWork, series: Series, number: int, desk_no: int, officer_id: str, collector: str,
                  reason: str) -> dict[str, Any]:
        now = iso(uow.now)
        return {"id": new_id(), "symbol": series.symbol, "form_no": series.form_no, "number": number,
                "org_name": series.org_name, "tax_code": series.tax_code, "dossier_id": None, "dossier_code": "",
                "procedure_code": "", "fee_code": "", "fee_name": "(số không sử dụng)", "fee_kind": "le_phi",
                "detail": "", "pages": None, "copies": None, "amount": 0, "method": "cash", "payer_name": "",
                "payer_address": "", "issued_at": now, "collector_id": officer_id, "collector_name": collector,
                "desk_no": desk_no, "void": 1, "status": "cancelled", "cancelled_at": now, "cancelled_by": officer_id,
                "cancel_reason": reason, "created_at": now}

    # --- cancelling -----------------------------------------------------------------------------
    def cancel(self, ref: str, reason: str, officer_id: str, *, admin: bool = False) -> dict[str, Any]:
        """Cancel a spoilt receipt: it keeps its number and says why. Only its collector (or an admin)
        may, and only before the till it belongs to was closed (the cash was handed over). A number of
        this desk's block that has no receipt (a gap) is recorded as void with the reason."""
        why = clean_line(reason, field="reason", label="Lý do hủy biên lai", required=True, max_len=500)
        with self.store.write(officer_id) as uow:
            row = self._find(uow, ref)
            if row is None:
                return self._void_gap(uow, ref, why, officer_id)
            label = receipt_label(row)
            if row["status"] == "cancelled":
                raise DeskError(f"Biên lai {label} đã bị hủy trước đó.", code="already_cancelled")
            if row["collector_id"] != officer_id and not admin:
                raise DeskError(f"Biên lai {label} do cán bộ {row['collector_name']} lập: chỉ người lập hoặc quản trị "
                                "viên được hủy.", code="not_collector")
            if row["till_close_id"]:
                raise DeskError(f"Biên lai {label} đã vào bảng kê đã chốt và bàn giao tiền: không hủy trên máy được; "
                                "báo kế toán để xử lý hoàn tiền.", code="till_closed")
            now = iso(uow.now)
            uow.update("receipts", {"id": row["id"]}, {"status": "cancelled", "cancelled_at": now,
                                                       "cancelled_by": officer_id, "cancel_reason": why})
            uow.record("cancel", RECEIPT, row["id"], {"id": row["id"], "symbol": row["symbol"], "number": row["number"],
                                                      "cancelled_at": now, "cancelled_by": officer_id, "reason": why},
                       audit_detail={"receipt": label, "reason": why})
            receipt_id = str(row["id"])
        return self.get(receipt_id)

    def _void_gap(self, uow: UnitOfWork, ref: str, reason: str, officer_id: str) -> dict[str, Any]:
        symbol, number = self._split_ref(uow, ref)
        series = self.series.get(symbol)
        desk_no = int(uow.scalar("SELECT desk_no FROM device WHERE id = 1"))
        block = series.block(desk_no)
        used = max(SeriesBook.used_through(uow, series, desk_no), uow.highwater.codes.get(series.counter_key(desk_no), 0))
        if number is None or block is None or not block[0] <= number < block[0] + used:
            raise NotFoundError(f"Không có biên lai «{ref[:30]}» trên máy này.", code="unknown_receipt")
        row = self._void_row(uow, series, number, desk_no, officer_id, self._officer_name(officer_id), reason)
        uow.insert("receipts", row)
        uow.record("void", RECEIPT, row["id"], payload_of(row), audit_detail={"receipt": receipt_label(row),
                                                                              "reason": reason})
        return dict(row)

    # --- exemptions -----------------------------------------------------------------------------
    def exempt(self, dossier_ref: str, exemption: str, reason: str, officer_id: str, *, fee_code: str | None = None,
               pages: object = None, copies: object = 1) -> dict[str, Any]:
        """Record that a dossier's fee was not collected, and why (no receipt number is used)."""
        dossier = self._dossier(dossier_ref)
        rule = self.schedule.rule(dossier["procedure_code"], fee_code)
        waived = quote_fee(rule, pages=pages, copies=copies, exemption=exemption, reason=reason)
        gross = waived.gross
        row = {"id": new_id(), "dossier_id": dossier["id"], "dossier_code": dossier["code"],
               "procedure_code": rule.procedure_code, "fee_code": rule.fee_code, "fee_name": rule.name,
               "exemption_code": exemption, "reason": waived.exemption_reason, "amount_waived": gross,
               "by_officer": officer_id}
        with self.store.write(officer_id) as uow:
            row["at"] = iso(uow.now)
            uow.insert("fee_exemptions", row)
            uow.record("exempt", EXEMPTION, row["id"], row,
                       audit_detail={"dossier": dossier["code"], "fee": rule.fee_code, "exemption": exemption})
        return row

    # --- reading --------------------------------------------------------------------------------
    def get(self, ref: str) -> dict[str, Any]:
        row = self._find(self.store, ref)
        if row is None:
            raise NotFoundError(f"Không có biên lai «{ref[:30]}» trên máy này.", code="unknown_receipt")
        return row

    def for_dossier(self, dossier_id: str) -> list[dict[str, Any]]:
        return self.store.query("SELECT * FROM receipts WHERE dossier_id = ? ORDER BY symbol, number", (dossier_id,))

    def exemptions_for(self, dossier_id: str) -> list[dict[str, Any]]:
        return self.store.query("SELECT * FROM fee_exemptions WHERE dossier_id = ? ORDER BY at", (dossier_id,))

    def session(self, officer_id: str) -> list[dict[str, Any]]:
        """This officer's receipts on this PC not yet handed over in a till close, in number order."""
        return self.store.query("SELECT * FROM receipts WHERE collector_id = ? AND till_close_id IS NULL "
                                "ORDER BY symbol, number", (officer_id,))

    def _find(self, db: Store | UnitOfWork, ref: str) -> dict[str, Any] | None:
        text = (ref or "").strip()
        row = db.one("SELECT * FROM receipts WHERE id = ?", (text,)) if isinstance(db, UnitOfWork) else \
            db.query_one("SELECT * FROM receipts WHERE id = ?", (text,))
        if row is not None:
            return dict(row)
        symbol, number = self._split_ref(db, text)
        if number is None:
            return None
        sql, params = "SELECT * FROM receipts WHERE symbol = ? AND number = ?", (symbol, number)
        found = db.one(sql, params) if isinstance(db, UnitOfWork) else db.query_one(sql, params)
        return dict(found) if found is not None else None

    @staticmethod
    def _split_ref(db: Store | UnitOfWork, text: str) -> tuple[str, int | None]:
        """'01AA-26T 0000123', '01AA-26T-123' or a bare '123' (of the active series)."""
        compact = text.strip().upper()
        head, _, tail = compact.replace(" ", "-").rpartition("-")
        if tail.isdigit() and head:
            return head, int(tail)
        if compact.isdigit():
            active = db.scalar("SELECT symbol FROM receipt_series WHERE active = 1 ORDER BY registered_at DESC LIMIT 1")
            return str(active or ""), int(compact)
        return "", None

    def _dossier(self, ref: str) -> dict[str, Any]:
        row = self.store.query_one("SELECT id, code, procedure_code, applicant_name, applicant_address FROM dossiers "
                                   "WHERE id = ? OR code = ?", (ref.strip(), ref.strip().upper()))
        if row is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ «{ref[:40]}».")
        return row

    def _officer_name(self, officer_id: str) -> str:
        name = self.store.scalar("SELECT full_name FROM officers WHERE id = ?", (officer_id,))
        if not name:
            raise ValidationError("officer", "Biên lai cần tên người thu tiền: hãy đăng nhập bằng tài khoản cán bộ.")
        return str(name)


def _recovery_pending(uow: UnitOfWork) -> bool:
    # The same test desk/sync/recovery.py makes (a restore detected, not yet recovered from), inline:
    # desk.sync imports the services, which import this module.
    done = int(uow.scalar("SELECT value FROM sync_state WHERE name = 'recovery.audit_id'") or 0)
    return bool(uow.scalar("SELECT 1 FROM audit_log WHERE action = 'restore_detected' AND id > ? LIMIT 1", (done,)))


def replay(uow: UnitOfWork, entity: str, kind: str, payload: Mapping[str, Any]) -> None:
    """Put back this desk's own receipt work fetched from the district after a restore (recovery)."""
    if entity == EXEMPTION and kind == "exempt":
        if not uow.one("SELECT 1 FROM fee_exemptions WHERE id = ?", (payload["id"],)):
            cols = {r["name"] for r in uow.all("PRAGMA table_info(fee_exemptions)")}
            uow.insert("fee_exemptions", {k: v for k, v in payload.items() if k in cols})
        return
    if entity == "till" and kind == "close":
        close = dict(payload["close"])
        if uow.one("SELECT 1 FROM till_closes WHERE id = ?", (close["id"],)):
            return
        cols = {r["name"] for r in uow.all("PRAGMA table_info(till_closes)")}
        close["totals"] = json.dumps(close.get("totals") or {}, ensure_ascii=False)
        uow.insert("till_closes", {k: v for k, v in close.items() if k in cols})
        ids = [str(i) for i in [*payload.get("receipts", []), *payload.get("cancelled", [])]]
        if ids:
            uow.execute(f"UPDATE receipts SET till_close_id = ? WHERE till_close_id IS NULL AND id IN "
                        f"({','.join('?' * len(ids))})", [close["id"], *ids])
        return
    if entity != RECEIPT:
        return
    if kind in ("issue", "void"):
        if uow.one("SELECT 1 FROM receipts WHERE id = ? OR (symbol = ? AND number = ?)",
                   (payload["id"], payload["symbol"], payload["number"])):
            return
        cols = {r["name"] for r in uow.all("PRAGMA table_info(receipts)")}
        uow.insert("receipts", {**{k: v for k, v in payload.items() if k in cols}, "created_at": iso(uow.now)})
        series = uow.one("SELECT * FROM receipt_series WHERE symbol = ?", (payload["symbol"],))
        if series is not None:
            from desk.fees.series import series_from_row

            s = series_from_row(series)
            block = s.block(int(payload["desk_no"]))
            if block is not None and block[0] <= int(payload["number"]) <= block[1]:
                uow.execute("INSERT INTO code_counters (day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET "
                            "last = MAX(last, excluded.last)",
                            (s.counter_key(int(payload["desk_no"])), int(payload["number"]) - block[0] + 1))
    elif kind == "cancel":
        uow.execute("UPDATE receipts SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? "
                    "WHERE id = ? AND status = 'issued'",
                    (payload["cancelled_at"], payload["cancelled_by"], payload["reason"], payload["id"]))
