"""The day close (docs/sync.md rule 11): the desk's counts and id hash against what the server stored.

The "records" of a day are the ops the desk created that day (by the desk's own clock, which both
sides hold for each op), so a dossier and every step taken on it are covered. The first request sends
only counts and a hash; when they differ the desk sends the full list of op ids and the server answers
which it lacks, so the desk re-sends exactly those.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select

from desk.sync.protocol import ids_hash
from district import models as m
from district.auth import Device
from district.db import stamp
from district.errors import bad_request


def close_day(conn: Connection, device: Device, body: dict[str, Any]) -> dict[str, Any]:
    try:
        day = date.fromisoformat(str(body["day"]))
        counts = {str(k): int(v) for k, v in dict(body.get("counts") or {}).items()}
        desk_hash = str(body["ids_hash"])
        desk_ids = body.get("op_ids")
        if desk_ids is not None and not (isinstance(desk_ids, list) and all(isinstance(i, str) for i in desk_ids)):
            raise ValueError("op_ids")
    except (KeyError, ValueError, TypeError):
        raise bad_request("bad_day_close", "day close needs day, counts and ids_hash",
                          "Yêu cầu chốt sổ thiếu ngày, số liệu hoặc mã kiểm tra.") from None
    start, end = day.isoformat(), (day + timedelta(days=1)).isoformat()
    server_ids = [str(r[0]) for r in conn.execute(select(m.ops.c.op_id).where(
        m.ops.c.device_id == device.device_id, m.ops.c.created_at >= start, m.ops.c.created_at < end))]
    server_dossiers = int(conn.execute(select(func.count()).select_from(m.ops).where(
        m.ops.c.device_id == device.device_id, m.ops.c.kind == "receive", m.ops.c.entity == "dossier",
        m.ops.c.created_at >= start, m.ops.c.created_at < end)).scalar() or 0)
    server_receipts = int(conn.execute(select(func.count()).select_from(m.ops).where(
        m.ops.c.device_id == device.device_id, m.ops.c.entity == "receipt", m.ops.c.kind == "issue",
        m.ops.c.created_at >= start, m.ops.c.created_at < end)).scalar() or 0)
    server_petitions = int(conn.execute(select(func.count()).select_from(m.ops).where(
        m.ops.c.device_id == device.device_id, m.ops.c.entity == "petition", m.ops.c.kind == "receive",
        m.ops.c.created_at >= start, m.ops.c.created_at < end)).scalar() or 0)
    matched = ids_hash(server_ids) == desk_hash and counts.get("ops", len(server_ids)) == len(server_ids)
    reply: dict[str, Any] = {"day": start, "matched": matched,
                             "server_counts": {"ops": len(server_ids), "dossiers": server_dossiers,
                                               "receipts": server_receipts, "petitions": server_petitions}}
    if not matched and desk_ids is not None:
        have = set(server_ids)
        reply["missing"] = sorted(set(desk_ids) - have)
        reply["unknown_to_desk"] = sorted(have - set(desk_ids))
    conn.execute(insert(m.day_closes).values(
        device_id=device.device_id, day=start, matched=matched, at=stamp(),
        detail=json.dumps({"counts": counts, "reply": reply}, ensure_ascii=False)))
    return reply
