"""District steps given back by a desk after the district's database was restored to an older copy.

A restore loses every district step recorded after the copy was made, but desks that pulled those
steps still hold them, and the district never sees them again on its own. A desk notices (its pull
cursor points at a row the log no longer holds), re-reads the whole feed, and sends back the changes
it applied that the feed no longer has, each exactly as it pulled it, with the district's signature
(feed.sign_change), so a desk can give back only what the district itself signed, never make up a step.

Each echo travels in a push batch next to the desk's own ops. The desk tags it with `before_seq`, the
first of its own ops on the same dossier made after it applied the step. The server applies it just
before that op, so a step and the desk's later work land in the order they happened (the desk's
return of a result only makes sense after the district's "result ready"). Outcomes:
- `applied`: the dossier was where the step started from; the step is written again with its
  original action id and change id, so desks that already hold it skip it when they pull it.
- `known`: the district has the step (the same action id), or reached the same status again meanwhile.
- `conflict`: the dossier moved elsewhere since; both values are kept, as for any conflict.
- `deferred`: the district does not hold the dossier yet; the desk sends it again later.
- `rejected`: not a change this district signed, or one for another commune.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, insert, select

from desk import lifecycle as lc
from desk.errors import TransitionError
from desk.sync.protocol import APPLIED, CONFLICT, DEFERRED, REJECTED
from district import models as m
from district.auth import Device
from district.db import stamp
from district.errors import bad_request
from district.feed import append_change, lifecycle_view, signed_by_us, write_step

KNOWN = "known"
MAX_ECHOES = 500


def validate_echoes(raw: object) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > MAX_ECHOES:
        raise bad_request("bad_echo", "echo must be a list of at most 500 items",
                          "Danh sách bước xử lý gửi lại không đúng dạng.")
    out = []
    for i, item in enumerate(raw):
        change = item.get("change") if isinstance(item, dict) else None
        before = item.get("before_seq") if isinstance(item, dict) else None
        if not isinstance(change, dict) or not isinstance(change.get("change_id"), str) or \
                not isinstance(change.get("action"), dict) or not isinstance(change.get("dossier_id"), str) or \
                (before is not None and (not isinstance(before, int) or isinstance(before, bool))):
            raise bad_request("bad_echo", f"echo {i} is malformed",
                              f"Bước xử lý gửi lại thứ {i + 1} không đúng dạng.")
        out.append({"change": change, "before_seq": before})
    return out


def apply_echo(conn: Connection, device: Device, change: Mapping[str, Any]) -> dict[str, Any]:
    """Give one lost district step back to the district's copy (see the module docstring)."""
    body = dict(change)
    change_id = str(body["change_id"])
    result: dict[str, Any] = {"change_id": change_id}
    if not signed_by_us(conn, body):
        return {**result, "outcome": REJECTED, "code": "not_signed",
                "message_vi": "Bước xử lý này không mang chữ ký của cấp trên nên không được ghi lại."}
    action = dict(body["action"])
    dossier = conn.execute(select(m.dossiers).where(m.dossiers.c.id == body["dossier_id"])).first()
    if dossier is not None and dossier.commune != device.commune:
        return {**result, "outcome": REJECTED, "code": "wrong_commune",
                "message_vi": "Hồ sơ này không thuộc đơn vị mà máy đã đăng ký."}
    if dossier is None:
        return {**result, "outcome": DEFERRED, "code": "unknown_dossier",
                "message_vi": "Cấp trên chưa có hồ sơ này; máy sẽ gửi lại bước xử lý sau."}
    had = conn.execute(select(m.dossier_actions.c.id).where(m.dossier_actions.c.id == str(action["id"]))).first()
    logged = conn.execute(select(m.change_log.c.id).where(m.change_log.c.change_id == change_id)).first()
    to_status = str(action["to_status"])
    if had is not None or logged is not None or dossier.status == to_status:
        return {**result, "outcome": KNOWN}
    kept = conn.execute(select(m.conflicts).where(m.conflicts.c.id == change_id)).first()
    if kept is not None:
        # The same step sent again (its first answer was lost): the same answer.
        return {**result, "outcome": CONFLICT, "code": "status_changed_upstream", "message_vi": kept.message_vi,
                "field": "status", "desk_value": kept.desk_value, "district_value": kept.district_value}
    kind = str(action["kind"])
    fits = dossier.status == action.get("from_status")
    if fits:
        try:
            lc.check(kind, lifecycle_view(dossier), origin="district")
        except TransitionError:
            fits = False
    if not fits:
        label = lc.STATUS_LABELS_VI
        msg = (f"Hồ sơ {dossier.code}: máy Một cửa còn giữ bước «{label.get(to_status, to_status)}» do cấp trên "
               f"ghi trước khi dữ liệu cấp trên được khôi phục, nhưng hồ sơ trên máy chủ nay đang "
               f"«{label.get(dossier.status, dossier.status)}». Cả hai giá trị được giữ lại; hãy thống nhất "
               "trạng thái đúng.")
        conn.execute(insert(m.conflicts).values(
            id=change_id, commune=device.commune, dossier_id=dossier.id, field="status", desk_value=to_status,
            district_value=dossier.status, op_id=None, message_vi=msg, created_at=stamp()))
        return {**result, "outcome": CONFLICT, "code": "status_changed_upstream", "message_vi": msg,
                "field": "status", "desk_value": to_status, "district_value": dossier.status}
    changes = {k: v for k, v in dict(body.get("changes") or {}).items() if k in ("status", "result_at", "paused_at")}
    changes["status"] = to_status
    record = {k: action.get(k) for k in ("id", "kind", "from_status", "to_status", "at", "by_officer", "note")}
    record["note"] = str(record["note"] or "")
    record["data"] = action.get("data") if isinstance(action.get("data"), str) else \
        json.dumps(action.get("data") or {}, ensure_ascii=False, sort_keys=True)
    write_step(conn, dossier, record, changes, str(action["at"]))
    append_change(conn, dossier.commune, dossier.id, body)
    return {**result, "outcome": APPLIED}
