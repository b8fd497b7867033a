"""Receipts, cancellations, till closes and fee exemptions from the desks, and each commune's
collections by fee and day.

Ops arrive through the same push as dossiers (district/ingest.py), so each is stored once under its
op_id and replayed for a duplicate. Entities and kinds: `receipt` (`issue`, `void`, `cancel`), `till`
(`close`), `fee_exemption` (`exempt`). Two receipts of one commune with the same series and number (two
PCs given the same desk number) are both kept and shown as a conflict, never silently dropped.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from desk.sync.protocol import APPLIED, CONFLICT
from district import models as m
from district.auth import Device
from district.columns import fit
from district.errors import bad_request

ENTITIES = ("receipt", "till", "fee_exemption")
METHODS = ("cash", "transfer")


class Rejected(Exception):
    def __init__(self, code: str, message_vi: str) -> None:
        super().__init__(code)
        self.code = code
        self.message_vi = message_vi


Result = tuple[str, str | None, str | None, dict[str, Any]]


def _text(d: Mapping[str, Any], key: str, limit: int, *, required: bool = True) -> str:
    value = d.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise Rejected("invalid_payload", f"Biên lai thiếu trường «{key}».")
    return value[:limit]


def _int(d: Mapping[str, Any], key: str, *, low: int = 0) -> int:
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise Rejected("invalid_payload", f"Trường «{key}» phải là số nguyên không âm.")
    return value


def apply(conn: Connection, device: Device, op: Mapping[str, Any], payload: dict[str, Any], now: str) -> Result:
    entity, kind = op["entity"], op["kind"]
    if entity == "receipt" and kind in ("issue", "void"):
        return _receipt(conn, device, op, payload, now)
    if entity == "receipt" and kind == "cancel":
        return _cancel(conn, device, op, payload)
    if entity == "till" and kind == "close":
        return _till_close(conn, device, op, payload, now)
    if entity == "fee_exemption" and kind == "exempt":
        return _exemption(conn, device, op, payload)
    raise Rejected("unknown_kind", f"Máy chủ chưa nhận loại thay đổi «{entity}/{kind}».")


def _receipt(conn: Connection, device: Device, op: Mapping[str, Any], r: dict[str, Any], now: str) -> Result:
    if r.get("id") != op["entity_id"]:
        raise Rejected("invalid_payload", "Biên lai trong thay đổi không khớp mã định danh.")
    if conn.execute(select(m.receipts.c.id).where(m.receipts.c.id == r["id"])).first() is not None:
        raise Rejected("receipt_exists", "Máy chủ đã có biên lai này với cùng mã định danh.")
    method = _text(r, "method", 10)
    if method not in METHODS:
        raise Rejected("invalid_payload", "Hình thức thanh toán của biên lai không hợp lệ.")
    issued_at = _text(r, "issued_at", 32)
    symbol, number = _text(r, "symbol", 20), _int(r, "number", low=1)
    void = bool(r.get("void"))
    status = "cancelled" if void else _text(r, "status", 10)
    row = {
        "id": r["id"], "commune": device.commune, "device_id": device.device_id, "symbol": symbol,
        "form_no": _text(r, "form_no", 30), "number": number, "tax_code": _text(r, "tax_code", 14),
        "dossier_id": r.get("dossier_id") if isinstance(r.get("dossier_id"), str) else None,
        "dossier_code": _text(r, "dossier_code", 80, required=False),
        "procedure_code": _text(r, "procedure_code", 60, required=False),
        "fee_code": _text(r, "fee_code", 40, required=False), "fee_name": _text(r, "fee_name", 500),
        "amount": _int(r, "amount"), "method": method, "issued_at": issued_at, "issued_day": issued_at[:10],
        "desk_no": _int(r, "desk_no", low=1), "void": void, "status": status,
        "cancelled_at": r.get("cancelled_at") if void else None,
        "cancel_reason": _text(r, "cancel_reason", 1000, required=False),
        "till_close_id": None, "data": json.dumps(r, ensure_ascii=False, sort_keys=True), "op_id": op["op_id"],
        "received_at": now}
    fit(m.receipts, row)  # numbers within their columns' range, texts within their lengths (a 400-free op)
    clash = conn.execute(select(m.receipts.c.id).where(
        m.receipts.c.commune == device.commune, m.receipts.c.symbol == symbol, m.receipts.c.number == number)).first()
    conn.execute(insert(m.receipts).values(row))
    if clash is None:
        return APPLIED, None, None, {}
    label = f"{symbol} {number:07d}"
    msg = (f"Biên lai {label} trùng số với một biên lai khác của xã đã có trên máy chủ; cả hai được giữ lại. "
           "Hãy kiểm tra số quầy của các máy (mỗi máy một số quầy riêng).")
    conn.execute(insert(m.conflicts).values(
        id=str(uuid.uuid4()), commune=device.commune, dossier_id=r["id"], field="receipt_number", desk_value=label,
        district_value=label, op_id=op["op_id"], message_vi=msg, created_at=now))
    return CONFLICT, "receipt_number_clash", msg, {"field": "receipt_number", "desk_value": label,
                                                  "district_value": label}


def _cancel(conn: Connection, device: Device, op: Mapping[str, Any], c: dict[str, Any]) -> Result:
    found = conn.execute(select(m.receipts.c.id, m.receipts.c.status).where(
        m.receipts.c.id == op["entity_id"], m.receipts.c.commune == device.commune)).first()
    if found is None:
        raise Rejected("unknown_receipt", "Máy chủ chưa có biên lai này nên chưa ghi được việc hủy.")
    if found.status != "cancelled":
        values = {"status": "cancelled", "cancelled_at": _text(c, "cancelled_at", 32),
                  "cancel_reason": _text(c, "reason", 1000)}
        fit(m.receipts, values)
        conn.execute(update(m.receipts).where(m.receipts.c.id == found.id).values(values))
    return APPLIED, None, None, {}


def _till_close(conn: Connection, device: Device, op: Mapping[str, Any], body: dict[str, Any], now: str) -> Result:
    close = body.get("close")
    listed = body.get("receipts") or []
    cancelled = body.get("cancelled") or []
    if not isinstance(close, dict) or close.get("id") != op["entity_id"] or not isinstance(listed, list) \
            or not isinstance(cancelled, list) or not all(isinstance(i, str) for i in [*listed, *cancelled]):
        raise Rejected("invalid_payload", "Bản chốt quầy thu không đúng dạng.")
    ids = [*listed, *cancelled]
    server_total = int(conn.execute(select(func.coalesce(func.sum(m.receipts.c.amount), 0)).where(
        m.receipts.c.id.in_(listed), m.receipts.c.commune == device.commune,
        m.receipts.c.status == "issued")).scalar() or 0) if listed else 0
    if conn.execute(select(m.till_closes.c.id).where(m.till_closes.c.id == close["id"])).first() is not None:
        raise Rejected("till_close_exists", "Máy chủ đã có bản chốt quầy thu này với cùng mã định danh.")
    row = dict(
        id=close["id"], commune=device.commune, device_id=device.device_id,
        officer_name=_text(close, "officer_name", 200), desk_no=_int(close, "desk_no", low=1),
        day=_text(close, "day", 10), closed_at=_text(close, "closed_at", 32),
        issued_count=_int(close, "issued_count"), cancelled_count=_int(close, "cancelled_count"),
        total=_int(close, "total"), expected_cash=_int(close, "expected_cash"),
        counted_cash=_int(close, "counted_cash"), difference=int(close.get("difference") or 0),
        explanation=_text(close, "explanation", 2000, required=False),
        totals=json.dumps(close.get("totals") or {}, ensure_ascii=False), server_total=server_total,
        op_id=op["op_id"], received_at=now)
    fit(m.till_closes, row)
    conn.execute(insert(m.till_closes).values(row))
    if ids:
        conn.execute(update(m.receipts).where(m.receipts.c.id.in_(ids), m.receipts.c.commune == device.commune)
                     .values(till_close_id=close["id"]))
    return APPLIED, None, None, {}


def _exemption(conn: Connection, device: Device, op: Mapping[str, Any], e: dict[str, Any]) -> Result:
    if e.get("id") != op["entity_id"]:
        raise Rejected("invalid_payload", "Trường hợp miễn thu không khớp mã định danh.")
    at = _text(e, "at", 32)
    if conn.execute(select(m.fee_exemptions.c.id).where(m.fee_exemptions.c.id == e["id"])).first() is not None:
        raise Rejected("exemption_exists", "Máy chủ đã có trường hợp miễn thu này với cùng mã định danh.")
    row = dict(
        id=e["id"], commune=device.commune, device_id=device.device_id,
        dossier_id=e.get("dossier_id") if isinstance(e.get("dossier_id"), str) else None,
        dossier_code=_text(e, "dossier_code", 80, required=False), procedure_code=_text(e, "procedure_code", 60),
        fee_code=_text(e, "fee_code", 40), fee_name=_text(e, "fee_name", 500),
        exemption_code=_text(e, "exemption_code", 40), reason=_text(e, "reason", 1000),
        amount_waived=_int(e, "amount_waived"), at=at, day=at[:10], op_id=op["op_id"])
    fit(m.fee_exemptions, row)
    conn.execute(insert(m.fee_exemptions).values(row))
    return APPLIED, None, None, {}


# --- what the district reads --------------------------------------------------------------------------
def period(date_from: str, date_to: str) -> tuple[date, date]:
    """Two YYYY-MM-DD dates as typed in a request or on the command line, or a 400 saying what is wrong."""
    try:
        first, last = date.fromisoformat(date_from), date.fromisoformat(date_to)
    except ValueError:
        raise bad_request("bad_period", "dates must be YYYY-MM-DD", "Ngày cần dạng YYYY-MM-DD.") from None
    if last < first:
        raise bad_request("bad_period", "date_to is before date_from", "Ngày cuối phải từ ngày đầu trở đi.")
    return first, last


def collections(conn: Connection, commune: str, date_from: date, date_to: date) -> dict[str, Any]:
    """One commune's collections from `date_from` to `date_to` (both included): amounts by day, fee and
    payment method (receipts not cancelled), the cancelled and void counts, the till closes and the
    exemptions of the period."""
    start, end = date_from.isoformat(), (date_to + timedelta(days=1)).isoformat()
    r = m.receipts.c
    in_period = (r.commune == commune, r.issued_day >= start, r.issued_day < end)
    rows = conn.execute(
        select(r.issued_day, r.fee_code, func.max(r.fee_name).label("fee_name"), r.method,
               func.count().label("n"), func.sum(r.amount).label("amount"))
        .where(*in_period, r.status == "issued")
        .group_by(r.issued_day, r.fee_code, r.method).order_by(r.issued_day, r.fee_code, r.method))
    lines = [{"day": x.issued_day, "fee_code": x.fee_code, "fee_name": x.fee_name, "method": x.method,
              "count": int(x.n), "amount": int(x.amount)} for x in rows]
    by_fee: dict[str, dict[str, Any]] = {}
    for ln in lines:
        f = by_fee.setdefault(ln["fee_code"], {"fee_code": ln["fee_code"], "fee_name": ln["fee_name"], "count": 0,
                                               "cash": 0, "transfer": 0, "amount": 0})
        f["count"] += ln["count"]
        f[ln["method"]] += ln["amount"]
        f["amount"] += ln["amount"]
    cancelled = conn.execute(select(func.count()).select_from(m.receipts).where(
        *in_period, r.status == "cancelled", r.void.is_(False))).scalar()
    void = conn.execute(select(func.count()).select_from(m.receipts).where(*in_period, r.void.is_(True))).scalar()
    t = m.till_closes.c
    closes = [dict(x._mapping) for x in conn.execute(
        select(t.id, t.day, t.officer_name, t.desk_no, t.issued_count, t.cancelled_count, t.total, t.server_total,
               t.expected_cash, t.counted_cash, t.difference, t.explanation)
        .where(t.commune == commune, t.day >= start, t.day < end).order_by(t.closed_at))]
    e = m.fee_exemptions.c
    exemptions = conn.execute(select(func.count(), func.coalesce(func.sum(e.amount_waived), 0)).where(
        e.commune == commune, e.day >= start, e.day < end)).first()
    return {"commune": commune, "from": date_from.isoformat(), "to": date_to.isoformat(), "lines": lines,
            "by_fee": sorted(by_fee.values(), key=lambda f: (-f["amount"], f["fee_name"])),
            "total": sum(ln["amount"] for ln in lines), "count": sum(ln["count"] for ln in lines),
            "cancelled": int(cancelled or 0), "void": int(void or 0), "till_closes": closes,
            "exemptions": int(exemptions[0]) if exemptions else 0,
            "waived": int(exemptions[1]) if exemptions else 0}


def check_receipt(conn: Connection, commune: str, symbol: str, number: int, amount: int) -> dict[str, Any]:
    """What a lookup page may say about a receipt (never who paid): known, its amount matches, its
    status and day. For the public lookup page to come."""
    r = m.receipts.c
    rows = conn.execute(select(r.amount, r.status, r.issued_day, r.fee_name).where(
        r.commune == commune, r.symbol == symbol.strip().upper(), r.number == number)).all()
    if not rows:
        return {"known": False}
    first = rows[0]
    return {"known": True, "amount_matches": int(first.amount) == amount, "status": first.status,
            "day": first.issued_day, "fee_name": first.fee_name, "duplicates": len(rows) > 1}
