"""Upstream work and the change feed down to the desks.

The district records processing steps (in processing, supplement requested, result ready, stop) on a
commune's dossier; each step is one transaction that updates the dossier, appends to its action log and
writes one `change_log` row that the commune's desks pull.

Commit order (docs/sync.md rule 8): a bigserial/rowid is handed out at insert time, not at commit time, so
on PostgreSQL two writers could commit ids 6 and 5 in that order, and a desk that read up to 6 would
never see 5. We serialise change-log writers *of one commune* with a transaction-scoped advisory lock
(keyed by the commune) taken *before* the id is drawn: within a commune ids are then drawn and committed
in the same order, and a reader never sees a later id without every earlier one. Every reader pages one
commune's rows (`pull`, the staff pages), so the order across communes does not matter, and communes never
wait for each other. We chose the lock over paging below `pg_snapshot_xmin` because it keeps the cursor a
plain id. Since issue 15 desk pushes write the change log too (their ops fan out to the commune's other
PCs); with one lock for the whole district, 50 communes pushing at once went 6–14 % slower than with a
lock per commune (docs/performance.md). SQLite has one writer at a time anyway.

Cursors are opaque to the desk: they carry the last id and that row's change_id, so a server database
restored to an older copy (whose ids are reused) is noticed and the desk starts the feed again;
applying a change is idempotent on the desk by change_id.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, exists, func, insert, or_, select, text, update

from desk import lifecycle as lc
from desk.errors import TransitionError
from desk.sync.protocol import OFFICE_UTC_OFFSET, dumps, page_checksum
from district import models as m
from district.db import is_postgres, meta, stamp, utcnow
from district.errors import ApiError, bad_request, not_found

CHANGE_LOG_LOCK = 7130002
# What a district officer may record; aliases are the words people use for the resulting status.
DISTRICT_ACTIONS = {
    "hand_over": "hand_over", "in_processing": "hand_over",
    "request_supplement": "request_supplement", "supplement_requested": "request_supplement",
    "request_payment": "request_payment", "awaiting_payment": "request_payment",
    "result_ready": "result_ready",
    "reject": "reject", "rejected": "reject",
    "stop": "stop",
}


def lifecycle_view(dossier: Any) -> dict[str, Any]:
    """The district's copy of a dossier as desk.lifecycle and desk.timing read it: the dossier as the
    desk sent it (`data`, kept up to date by every step) under the columns the district maintains."""
    stored = json.loads(dossier.data) if dossier.data else {}
    view = dict(stored)
    for key in ("status", "code", "due_at", "new_due_at", "result_at", "paused_at", "returned_at"):
        view[key] = getattr(dossier, key)
    return view


def find_dossier(conn: Connection, ref: str, commune: str | None = None) -> Any:
    q = select(m.dossiers).where(or_(m.dossiers.c.id == ref, m.dossiers.c.code == ref.strip().upper()))
    if commune:
        q = q.where(m.dossiers.c.commune == commune)
    rows = conn.execute(q).all()
    if not rows:
        raise not_found("unknown_dossier", f"no dossier {ref}", f"Không tìm thấy hồ sơ «{ref}» trên máy chủ.")
    if len(rows) > 1:
        raise bad_request("ambiguous_code", f"code {ref} names several dossiers",
                          f"Mã «{ref}» trùng ở nhiều hồ sơ; hãy dùng mã định danh (UUID) của hồ sơ.")
    return rows[0]


def district_act(conn: Connection, ref: str, action: str, *, by: str, note: str = "",
                 data: dict[str, Any] | None = None, commune: str | None = None) -> dict[str, Any]:
    kind = DISTRICT_ACTIONS.get(action)
    if kind is None:
        raise bad_request("unknown_action", f"unknown district action {action}",
                          f"Thao tác «{action}» không có; chọn một trong: {', '.join(sorted(DISTRICT_ACTIONS))}.")
    dossier = find_dossier(conn, ref, commune)
    try:
        spec = lc.check(kind, lifecycle_view(dossier), origin="district")
    except TransitionError as e:
        raise ApiError(409, e.code, e.message_en, e.message_vi) from None
    data = dict(data or {})
    if kind == "request_supplement" and not (data.get("missing_documents") or data.get("reason") or note):
        raise bad_request("reason_required", "a supplement request needs a reason",
                          "Yêu cầu bổ sung cần ghi lý do hoặc giấy tờ phải bổ sung.")
    if kind == "stop" and not (data.get("reason") or note):
        raise bad_request("reason_required", "stopping needs a reason", "Dừng giải quyết cần ghi lý do.")
    if kind == "reject" and not (data.get("reason") or note):
        raise bad_request("reason_required", "a refusal needs a reason", "Từ chối giải quyết cần ghi lý do.")
    if kind == "request_payment" and not (data.get("obligation") or note):
        raise bad_request("reason_required", "say which financial obligation",
                          "Cần ghi nghĩa vụ tài chính người nộp phải thực hiện.")
    # Office time (naive, UTC+7) like every time the desk prints; the change log keeps UTC.
    now = (utcnow() + OFFICE_UTC_OFFSET).replace(tzinfo=None).isoformat(timespec="seconds")
    to_status = spec.to_state or dossier.status
    changes: dict[str, Any] = {"status": to_status}
    if kind in ("result_ready", "reject"):
        # A refusal after examining the dossier is an answer: judged like a result (desk/timing.py).
        changes["result_at"] = now
    if kind in ("request_supplement", "request_payment"):
        changes["paused_at"] = now
    record: dict[str, Any] = {"id": str(uuid.uuid4()), "kind": kind, "from_status": dossier.status, "to_status": to_status,
              "at": now, "by_officer": by, "note": note, "data": json.dumps(data, ensure_ascii=False, sort_keys=True)}
    write_step(conn, dossier, record, changes, now)
    body = {"dossier_id": dossier.id, "code": dossier.code, "action": record, "changes": changes}
    record_change(conn, dossier.commune, dossier.id, body)
    return body


def write_step(conn: Connection, dossier: Any, record: dict[str, Any], changes: dict[str, Any], now: str) -> None:
    """A district step on the district's copy: the dossier's fields and one row in its action log."""
    stored = json.loads(dossier.data)
    stored.update(changes)
    conn.execute(update(m.dossiers).where(m.dossiers.c.id == dossier.id).values(
        **changes, status_at=now, updated_at=now, data=json.dumps(stored, ensure_ascii=False, sort_keys=True)))
    conn.execute(insert(m.dossier_actions).values(dossier_id=dossier.id, origin="district", applied=True,
                                                  op_id=None, **record))


def record_change(conn: Connection, commune: str, dossier_id: str, body: dict[str, Any]) -> str:
    """A new change: give it an id and the district's signature, then append it to the log."""
    change_id = str(uuid.uuid4())
    body = {**body, "change_id": change_id}
    body["sig"] = sign_change(conn, body)
    append_change(conn, commune, dossier_id, body)
    return change_id


def _lock_feed(conn: Connection, commune: str) -> None:
    """The commune's change-log lock (module docstring). Two communes whose names hash alike only share it."""
    conn.execute(text("SELECT pg_advisory_xact_lock(CAST(:k AS integer), hashtext(:c))"),
                 {"k": CHANGE_LOG_LOCK, "c": commune})


def append_change(conn: Connection, commune: str, dossier_id: str, body: dict[str, Any]) -> None:
    """The one writer of the change log (see the module docstring for the lock). `body` carries its own
    change_id: a step a desk gave back after a restore (district.echo) keeps the id it first had."""
    if is_postgres(conn):
        _lock_feed(conn, commune)
    conn.execute(insert(m.change_log).values(
        change_id=str(body["change_id"]), commune=commune, dossier_id=dossier_id,
        body=json.dumps(body, ensure_ascii=False, sort_keys=True), created_at=stamp()))


# Ops a desk pushed that its commune's other PCs receive: what the district stored them as. Rejected and
# held ops never reached the district's copy, so no other PC may see them either.
FANNED_OUT = ("applied", "conflict")
# A newly enrolled PC starts with the commune's open dossiers and those received in these last days.
BOOTSTRAP_DAYS = 90


def publish_ops(conn: Connection, commune: str, ops: list[dict[str, Any]]) -> None:
    """Put a desk's stored ops in its commune's feed, so the commune's other PCs receive them on their
    next sync (issue 15, shared/SYNC.md "Fan-out through the district"). The change id is the op_id:
    the receiving desk skips one it already has (it came over the office network, or it is its own), and
    an op re-sent after a restore of this database gets the same id again. Written in the push's own
    transaction, under the change-log lock, so the feed stays in commit order (rule 8)."""
    rows = [op for op in ops if op["outcome"] in FANNED_OUT]
    if rows:
        # Already in the feed (the op was lost here some other way than a restore of the whole database,
        # and its PC sent it again): the other PCs have it; the log keeps one row per change id.
        there = {str(r[0]) for r in conn.execute(select(m.change_log.c.change_id).where(
            m.change_log.c.change_id.in_([op["op_id"] for op in rows])))}
        rows = [op for op in rows if op["op_id"] not in there]
    if not rows:
        return
    if is_postgres(conn):
        _lock_feed(conn, commune)
    now = stamp()
    conn.execute(insert(m.change_log), [{
        "change_id": op["op_id"], "commune": commune, "dossier_id": op["entity_id"], "created_at": now,
        "body": json.dumps({"change_id": op["op_id"], "dossier_id": op["entity_id"], "op": {
            k: op[k] for k in ("device_id", "op_id", "seq", "epoch", "prev_seq", "entity", "entity_id", "kind",
                               "payload", "created_at", "outcome")}}, ensure_ascii=False, sort_keys=True)}
        for op in rows])


def publish_if_new(conn: Connection, commune: str, op: dict[str, Any]) -> None:
    """An op stored earlier as rejected or held that a person had tried again and that now went through."""
    if conn.execute(select(m.change_log.c.id).where(m.change_log.c.change_id == op["op_id"])).first() is None:
        publish_ops(conn, commune, [op])


def sign_change(conn: Connection, body: dict[str, Any]) -> str:
    """HMAC of a change as it goes down. A desk that pulled it can hand it back after the district's
    database was restored, and the district knows the step is its own, not one a desk made up. The key
    derives from the server's token secret, which is made at the first migration and so survives any
    restore of a later copy."""
    key = hmac.new(bytes.fromhex(meta(conn, "token_secret")), b"change-signature-v1", hashlib.sha256).digest()
    unsigned = {k: v for k, v in body.items() if k != "sig"}
    return hmac.new(key, dumps(unsigned), hashlib.sha256).hexdigest()


def signed_by_us(conn: Connection, body: dict[str, Any]) -> bool:
    sig = body.get("sig")
    return isinstance(sig, str) and hmac.compare_digest(sig, sign_change(conn, body))


def cursor_valid(conn: Connection, cursor: str | None) -> bool:
    """Does the log still hold the row a desk's cursor points at? False after the district's database
    was restored to a copy older than what the desk pulled."""
    try:
        after, last_change = decode_cursor(cursor)
    except ApiError:
        return False
    if not after:
        return True
    return conn.execute(select(m.change_log.c.change_id).where(m.change_log.c.id == after)).scalar() == last_change


def encode_cursor(last_id: int, change_id: str, horizon: int = 0) -> str:
    body: dict[str, Any] = {"v": 1, "id": last_id, "c": change_id}
    if horizon > last_id:
        body["h"] = horizon  # still catching up as a new PC: see bootstrap_filter
    raw = json.dumps(body, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_horizon(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return int(json.loads(raw).get("h", 0))
    except (ValueError, TypeError, AttributeError):
        return 0


def bootstrap_filter(conn: Connection, commune: str) -> Any:
    """What a newly enrolled PC reads of the feed written before it came: the changes of the commune's
    open dossiers and of those received in the last BOOTSTRAP_DAYS days (closed old ones stay at the
    district), and the other changes (receipts, till closes) of those days."""
    cutoff = (utcnow() + OFFICE_UTC_OFFSET - timedelta(days=BOOTSTRAP_DAYS)).replace(tzinfo=None)
    day = cutoff.isoformat(timespec="seconds")
    kept = select(m.dossiers.c.id).where(m.dossiers.c.commune == commune, or_(
        m.dossiers.c.status.not_in(sorted(lc.FINAL)), m.dossiers.c.received_at >= day))
    of_dossiers = select(m.dossiers.c.id).where(m.dossiers.c.commune == commune)
    return or_(m.change_log.c.dossier_id.in_(kept),
               and_(m.change_log.c.dossier_id.not_in(of_dossiers), m.change_log.c.created_at >= stamp(
                   utcnow() - timedelta(days=BOOTSTRAP_DAYS))))


def decode_cursor(cursor: str | None) -> tuple[int, str]:
    if not cursor:
        return 0, ""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        last, change = data["id"], data["c"]
        # A cursor comes back from outside: an id no column holds would fail in the query (SQLite).
        if isinstance(last, bool) or not isinstance(last, int) or not 0 <= last < 2**63 or \
                not isinstance(change, str) or len(change) > 36:
            raise ValueError("cursor out of range")
        return last, change
    except (ValueError, KeyError, TypeError, RecursionError):
        raise bad_request("bad_cursor", "cursor is not one this server made",
                          "Con trỏ đồng bộ không hợp lệ; máy sẽ tải lại từ đầu.") from None


def pull(conn: Connection, commune: str, cursor: str | None, limit: int = 200, *,
         device_id: str | None = None) -> dict[str, Any]:
    """The next page of the commune's feed after `cursor`. `device_id`: the asking PC, whose own ops are
    left out (a PC never gets its own work back as news; shared/SYNC.md) while its cursor moves past them."""
    after, last_change = decode_cursor(cursor)
    horizon = decode_horizon(cursor)
    reset = False
    # Read first: every id at or below it is committed (the change-log lock), so a cursor may move up to it
    # over rows this PC does not get.
    upper = int(conn.execute(select(func.max(m.change_log.c.id)).where(
        m.change_log.c.commune == commune)).scalar() or 0)
    if not cursor:
        # A PC's first read (just enrolled): up to today's end of the feed, only what it needs.
        horizon = upper
    if after:
        at = conn.execute(select(m.change_log.c.change_id).where(m.change_log.c.id == after)).scalar()
        if at != last_change:
            # The server's log no longer holds the row the desk last saw: it was restored from an older
            # copy. Start again; the desk skips the changes it already applied.
            after, reset, horizon = 0, True, 0
    q = select(m.change_log.c.id, m.change_log.c.body).where(
        m.change_log.c.commune == commune, m.change_log.c.id > after, m.change_log.c.id <= upper)
    if device_id:
        q = q.where(~exists().where(m.ops.c.op_id == m.change_log.c.change_id, m.ops.c.device_id == device_id))
    if horizon > after:
        q = q.where(or_(m.change_log.c.id > horizon, bootstrap_filter(conn, commune)))
    rows = conn.execute(q.order_by(m.change_log.c.id).limit(limit + 1)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [json.loads(r.body) for r in rows]
    if has_more:
        next_cursor = encode_cursor(int(rows[-1].id), changes[-1]["change_id"], horizon)
    elif upper > after:
        # Everything up to `upper` this PC gets is in this page: its cursor moves there, past what it skips.
        at_upper = conn.execute(select(m.change_log.c.change_id).where(m.change_log.c.id == upper)).scalar()
        next_cursor = encode_cursor(upper, str(at_upper), horizon)
    elif after:
        next_cursor = encode_cursor(after, last_change)
    else:
        next_cursor = ""
    return {"changes": changes, "cursor": next_cursor, "has_more": has_more, "reset": reset,
            "checksum": page_checksum(changes)}



def note_position(conn: Connection, device_id: str, cursor: str | None) -> None:
    """Remember where a desk stood in its feed (the cursor it sent: what it has applied), so the district's
    pages can say which of its steps have not reached a commune's PCs yet."""
    try:
        through, _ = decode_cursor(cursor)
    except ApiError:
        return
    values = {"through_id": through, "at": stamp()}
    if not conn.execute(update(m.feed_positions).where(m.feed_positions.c.device_id == device_id)
                        .values(**values)).rowcount:
        conn.execute(insert(m.feed_positions).values(device_id=device_id, **values))
