"""Receptions and petitions from the desks, and the figures aggregated over communes (issue 14).

Ops arrive through the same push as dossiers (district/ingest.py), each stored once under its op_id:
entity `reception` kind `record`; entity `petition` kinds `receive` (the first record) and `act` (a step:
the petition's new state). No citizen ID number is stored, and a denunciation's petitioner name is
blanked here too, whatever a desk sends: the district receives counts and content, not the denouncer.
The figures are `desk.petitions.figures.compute`, the desk's own counting.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from desk.petitions import rules
from desk.petitions.figures import Figures, compute
from desk.sync.protocol import APPLIED
from district import models as m
from district.auth import Device
from district.fees import Rejected, Result

ENTITIES = ("reception", "petition")
STATUSES = (rules.RECEIVED, rules.HANDLING, rules.RESOLVED, rules.FORWARDED, rules.WITHDRAWN, rules.NOT_ACCEPTED)


def _text(d: Mapping[str, Any], key: str, limit: int, *, required: bool = True) -> str:
    value = d.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise Rejected("invalid_payload", f"Đơn thư thiếu trường «{key}».")
    return value[:limit]


def _opt(d: Mapping[str, Any], key: str, limit: int = 32) -> str | None:
    value = d.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Rejected("invalid_payload", f"Trường «{key}» phải là chuỗi.")
    return value[:limit]


def _int(d: Mapping[str, Any], key: str, *, low: int = 0, nullable: bool = False) -> int | None:
    value = d.get(key)
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise Rejected("invalid_payload", f"Trường «{key}» phải là số nguyên không âm.")
    return value


def apply(conn: Connection, device: Device, op: Mapping[str, Any], payload: dict[str, Any], now: str) -> Result:
    entity, kind = op["entity"], op["kind"]
    if entity == "reception" and kind == "record":
        return _reception(conn, device, op, payload)
    if entity == "petition" and kind in ("receive", "act"):
        return _petition(conn, device, op, payload, now, first=kind == "receive")
    raise Rejected("unknown_kind", f"Máy chủ chưa nhận loại thay đổi «{entity}/{kind}».")


def _reception(conn: Connection, device: Device, op: Mapping[str, Any], body: dict[str, Any]) -> Result:
    r = body.get("reception")
    if not isinstance(r, dict) or r.get("id") != op["entity_id"]:
        raise Rejected("invalid_payload", "Buổi tiếp công dân trong thay đổi không khớp mã định danh.")
    if conn.execute(select(m.petition_receptions.c.id).where(m.petition_receptions.c.id == r["id"])).first():
        raise Rejected("reception_exists", "Máy chủ đã có buổi tiếp công dân này.")
    receiver_kind = _text(r, "receiver_kind", 10)
    if receiver_kind not in ("officer", "chairman"):
        raise Rejected("invalid_payload", "Người tiếp công dân không hợp lệ.")
    conn.execute(insert(m.petition_receptions).values(
        id=r["id"], commune=device.commune, device_id=device.device_id, ref=_text(r, "ref", 40),
        received_at=_text(r, "received_at", 32), receiver_kind=receiver_kind,
        receiver_name=_text(r, "receiver_name", 200, required=False), headcount=_int(r, "headcount", low=1),
        is_group=bool(r.get("is_group")), content=_text(r, "content", 8000),
        outcome=_text(r, "outcome", 2000, required=False), op_id=op["op_id"]))
    return APPLIED, None, None, {}


def _petition(conn: Connection, device: Device, op: Mapping[str, Any], body: dict[str, Any], now: str, *,
              first: bool) -> Result:
    d = body.get("petition")
    if not isinstance(d, dict) or d.get("id") != op["entity_id"]:
        raise Rejected("invalid_payload", "Đơn thư trong thay đổi không khớp mã định danh.")
    kind, status = _text(d, "kind", 12), _text(d, "status", 14)
    if kind not in rules.KINDS or status not in STATUSES:
        raise Rejected("invalid_payload", "Loại hoặc trạng thái đơn không hợp lệ.")
    competent = d.get("competent")
    if competent not in (None, 0, 1):
        raise Rejected("invalid_payload", "Trường «competent» không hợp lệ.")
    values = {
        "ref": _text(d, "ref", 40), "kind": kind, "source": _text(d, "source", 12),
        "source_body": _text(d, "source_body", 500, required=False), "reception_id": _opt(d, "reception_id", 36),
        "case_id": _text(d, "case_id", 36), "persons": _int(d, "persons", low=1),
        # Blanked here as well: a denouncer's name never rests on the server.
        "petitioner_name": "" if kind == rules.TO_CAO else _text(d, "petitioner_name", 200, required=False),
        "content": _text(d, "content", 8000), "received_at": _text(d, "received_at", 32),
        "classify_due": _text(d, "classify_due", 32), "competent": competent,
        "competent_body": _text(d, "competent_body", 500, required=False), "accepted_at": _opt(d, "accepted_at"),
        "handler": _text(d, "handler", 200, required=False), "limit_days": _int(d, "limit_days", nullable=True),
        "extension_days": _int(d, "extension_days"), "extensions": _int(d, "extensions"),
        "due_at": _opt(d, "due_at"), "status": status, "result": _text(d, "result", 4000, required=False),
        "resolved_at": _opt(d, "resolved_at"), "op_id": op["op_id"], "updated_at": now}
    found = conn.execute(select(m.petitions.c.id).where(m.petitions.c.id == d["id"],
                                                        m.petitions.c.commune == device.commune)).first()
    if first:
        if found is not None or conn.execute(select(m.petitions.c.id).where(m.petitions.c.id == d["id"])).first():
            raise Rejected("petition_exists", "Máy chủ đã có đơn này.")
        conn.execute(insert(m.petitions).values(id=d["id"], commune=device.commune, device_id=device.device_id,
                                                **values))
    else:
        if found is None:
            raise Rejected("unknown_petition", "Máy chủ chưa có đơn này nên chưa ghi được bước xử lý.")
        conn.execute(update(m.petitions).where(m.petitions.c.id == d["id"]).values(**values))
    return APPLIED, None, None, {}


# --- what the district reads --------------------------------------------------------------------------
def figures(conn: Connection, communes: Sequence[str] | None, date_from: date, date_to: date,
            at: datetime) -> dict[str, Any]:
    """The figures of each commune and of them all together, counted as the desk counts them."""
    start, end = date_from.isoformat(), (date_to + timedelta(days=1)).isoformat()
    p, r = m.petitions.c, m.petition_receptions.c
    pq = select(m.petitions).where(p.received_at >= start, p.received_at < end)
    rq = select(m.petition_receptions).where(r.received_at >= start, r.received_at < end)
    if communes:
        pq, rq = pq.where(p.commune.in_(list(communes))), rq.where(r.commune.in_(list(communes)))
    by_commune: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for row in conn.execute(pq):
        by_commune.setdefault(row.commune, ([], []))[0].append(dict(row._mapping))
    for row in conn.execute(rq):
        by_commune.setdefault(row.commune, ([], []))[1].append(dict(row._mapping))
    total = Figures()
    out = []
    for commune in sorted(by_commune):
        f = compute(*by_commune[commune], at)
        total = total.add(f)
        out.append({"commune": commune, **f.as_dict()})
    return {"from": date_from.isoformat(), "to": date_to.isoformat(), "communes": out, "total": total.as_dict(),
            "receptions_sentence": total.receptions_sentence()}


# --- the district's steps on a petition, down to the desks -------------------------------------------
# What the district may record on a commune's petition: its result (e.g. the inspectorate's answer), that
# it was forwarded on, or withdrawn. Acceptance and extensions stay with the commune, whose calendar
# sets the deadlines.
DISTRICT_STEPS = {"resolve": rules.RESOLVED, "forward": rules.FORWARDED, "withdraw": rules.WITHDRAWN}
STEP_FROM = {"resolve": (rules.HANDLING,), "forward": (rules.RECEIVED, rules.HANDLING),
             "withdraw": (rules.RECEIVED, rules.HANDLING)}


def district_act(conn: Connection, ref: str, action: str, *, note: str, by: str,
                 commune: str | None = None) -> dict[str, Any]:
    """One step on the district's copy and one change-log row the commune's desks pull (district/feed.py):
    the same change log, signature and cursor as the dossiers' steps."""
    from district.errors import bad_request, not_found
    from district.feed import record_change

    q = select(m.petitions).where(m.petitions.c.ref == ref.strip().upper())
    if commune:
        q = q.where(m.petitions.c.commune == commune.strip().upper())
    rows = conn.execute(q).all()
    if not rows:
        raise not_found("unknown_petition", "no such petition", f"Không có đơn «{ref[:40]}».")
    if len(rows) > 1:
        raise bad_request("ambiguous_petition", "several communes have this number",
                          "Nhiều xã có đơn số này: ghi thêm --commune.")
    p = rows[0]
    if action not in DISTRICT_STEPS:
        raise bad_request("bad_action", "unknown action", f"Bước «{action[:30]}» không có.")
    if p.status not in STEP_FROM[action]:
        raise bad_request("invalid_transition", "not from this status",
                          f"Đơn {p.ref} đang «{rules.STATUS_LABELS_VI[p.status]}»: không ghi được bước này.")
    if not note.strip():
        raise bad_request("note_required", "a note is required", "Ghi kết quả, cơ quan chuyển đến hoặc lý do.")
    from desk.sync.protocol import OFFICE_UTC_OFFSET
    from district.db import utcnow

    now = (utcnow() + OFFICE_UTC_OFFSET).replace(tzinfo=None).isoformat(timespec="seconds")
    changes: dict[str, Any] = {"status": DISTRICT_STEPS[action]}
    if action == "resolve":
        changes.update(result=note.strip()[:4000], resolved_at=now)
    if action == "forward":
        changes.update(competent=0, competent_body=note.strip()[:500])
    conn.execute(update(m.petitions).where(m.petitions.c.id == p.id).values(**changes, updated_at=now))
    record = {"id": str(uuid.uuid4()), "kind": action, "from_status": p.status, "to_status": changes["status"],
              "at": now, "by_officer": by, "note": note.strip()[:4000]}
    body = {"dossier_id": p.id, "entity": "petition", "code": p.ref, "action": record, "changes": changes}
    record_change(conn, p.commune, p.id, body)
    return body
