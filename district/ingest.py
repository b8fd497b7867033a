"""Push: apply a batch of desk ops in one transaction, with one stored outcome per op_id.

Order and holds (docs/sync.md rules 2, 3, 5):
- Ops of one device form a chain per epoch through `prev_seq`. An op whose predecessor the server has
  not stored (a lost batch) is answered `deferred`/`waiting_for_earlier_op` and NOT stored: the desk
  sends it again after the missing one, so ops are applied in device order, never by wall clock.
- An op whose previous op on the same record was rejected (or held) is stored as `deferred`/
  `held_after_rejected`: it holds back only that record, and the chain keeps flowing for all others.
- The outcome of every stored op is kept under UNIQUE(op_id); a repeat with the same payload hash gets
  `duplicate` (with the original outcome), a repeat with a different hash is rejected as an error.
- The status of a dossier is owned by whoever changed it last upstream: when the desk's action was made
  from a status the district has since changed, both values are kept as a conflict for a person.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select, update

from desk import lifecycle as lc
from desk.errors import TransitionError
from desk.sync.protocol import APPLIED, CONFLICT, DEFERRED, DUPLICATE, GAP, HELD, REJECTED, sha256_text
from district import feed
from district import fees as fee_ops
from district import models as m
from district import petitions as petition_ops
from district.auth import Device
from district.columns import Unfit, fit
from district.db import is_postgres, stamp
from district.echo import apply_echo
from district.errors import bad_request

OP_FIELDS = ("seq", "op_id", "epoch", "prev_seq", "entity", "entity_id", "kind", "payload", "created_at")
DOSSIER_COLUMNS = ("code", "procedure_code", "procedure_name", "applicant_name", "received_at", "due_at",
                   "new_due_at", "status", "status_at", "result_at", "paused_at", "returned_at",
                   "calendar_version", "catalog_version", "field", "channel", "satisfaction")
# Fields an action may change on the district's copy; intake fields stay as received. The promised date
# (due_at) and the apology's new date (new_due_at) both travel, so the district judges lateness with the
# same desk.timing functions; a dossier accepted after a form 02 gets its limit and register line then.
ACTION_FIELDS = ("status", "result_at", "paused_at", "returned_at", "new_due_at", "due_at", "collected_by",
                 "originals_returned", "satisfaction", "received_at", "clock_from", "verification_at",
                 "returned_via", "time_limit", "time_limit_days", "verify_limit", "same_day_cutoff",
                 "register_book", "register_no")
SATISFACTIONS = ("very_satisfied", "satisfied", "dissatisfied")
# Not accepted at the desk (refused, or sent back to be completed): no return date was promised.
NOT_ACCEPTED = (lc.REFUSED, lc.SUPPLEMENT_REQUESTED)


class OpRejected(Exception):
    def __init__(self, code: str, message_vi: str) -> None:
        super().__init__(code)
        self.code = code
        self.message_vi = message_vi


@dataclass
class Outcome:
    outcome: str
    code: str | None = None
    message_vi: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def validate_ops(raw: object) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        raise bad_request("bad_batch", "ops must be a non-empty list", "Gói dữ liệu không có thay đổi nào.")
    out = []
    for i, op in enumerate(raw):
        if not isinstance(op, dict) or any(k not in op for k in OP_FIELDS):
            raise bad_request("bad_op", f"op {i} lacks a required field",
                              f"Thay đổi thứ {i + 1} trong gói thiếu trường bắt buộc.")
        try:
            clean = {
                "retry": op.get("retry") is True,
                "seq": int(op["seq"]), "epoch": int(op["epoch"]), "prev_seq": int(op["prev_seq"]),
                "op_id": str(uuid.UUID(str(op["op_id"]))), "entity": str(op["entity"])[:40],
                "entity_id": str(op["entity_id"])[:36], "kind": str(op["kind"])[:40],
                "payload": op["payload"], "created_at": str(op["created_at"])[:32],
            }
        except (TypeError, ValueError):
            raise bad_request("bad_op", f"op {i} has a malformed field",
                              f"Thay đổi thứ {i + 1} trong gói có trường sai kiểu.") from None
        if op.get("too_large") is True and clean["payload"] is None:
            # The desk could not fit this op in any body we accept: it sends only the hash, so the op
            # gets a stored outcome (rejected) and the device's chain goes on past it.
            digest = str(op.get("payload_hash") or "")
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise bad_request("bad_op", f"op {i} is marked too large without a payload hash",
                                  f"Thay đổi thứ {i + 1} quá lớn nhưng thiếu mã kiểm tra.")
            clean["payload"] = ""
            clean["too_large_hash"] = digest
        if not isinstance(clean["payload"], str) or clean["seq"] <= clean["prev_seq"] or clean["seq"] < 1:
            raise bad_request("bad_op", f"op {i} has a malformed payload or sequence",
                              f"Thay đổi thứ {i + 1} trong gói có nội dung hoặc số thứ tự sai.")
        try:
            fit(m.ops, {k: clean[k] for k in ("seq", "epoch", "prev_seq", "entity", "entity_id", "kind", "payload",
                                              "created_at")})
        except Unfit as e:
            raise bad_request("bad_op", f"op {i}: {e}",
                              f"Thay đổi thứ {i + 1} trong gói có trường «{e.column}» sai kiểu hoặc quá giới hạn.") \
                from None
        out.append(clean)
    out.sort(key=lambda o: o["seq"])
    return out


class _Batch:
    """What one push transaction writes, gathered so that each table gets one multi-row insert."""

    def __init__(self, conn: Connection, device: Device, now: str, parsed: dict[str, Any]) -> None:
        self.conn = conn
        self.device = device
        self.now = now
        self.parsed = parsed
        self.new_dossiers: dict[str, dict[str, Any]] = {}
        self.actions: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []
        receive_ids = [str(pl["dossier"].get("id")) for pl in parsed.values()
                       if isinstance(pl, dict) and isinstance(pl.get("dossier"), dict)]
        codes = {str(pl["dossier"].get("code")) for pl in parsed.values()
                 if isinstance(pl, dict) and isinstance(pl.get("dossier"), dict)}
        self.existing: set[str] = {str(r[0]) for r in conn.execute(
            select(m.dossiers.c.id).where(m.dossiers.c.id.in_(receive_ids)))} if receive_ids else set()
        self.code_owners: dict[str, set[str]] = {}
        # Action ids are the desk's: one already stored (or twice in this batch) is refused per op, never a
        # failed insert that fails the whole batch.
        action_ids = [str(pl["action"]["id"]) for pl in parsed.values()
                      if isinstance(pl, dict) and isinstance(pl.get("action"), dict) and pl["action"].get("id")]
        self.action_ids: set[str] = {str(r[0]) for r in conn.execute(
            select(m.dossier_actions.c.id).where(m.dossier_actions.c.id.in_(action_ids)))} if action_ids else set()
        if codes:
            for r in conn.execute(select(m.dossiers.c.code, m.dossiers.c.id).where(
                    m.dossiers.c.commune == device.commune, m.dossiers.c.code.in_(codes))):
                self.code_owners.setdefault(str(r.code), set()).add(str(r.id))

    def flush(self) -> None:
        if self.new_dossiers:
            self.conn.execute(insert(m.dossiers), list(self.new_dossiers.values()))
            self.existing.update(self.new_dossiers)
        if self.actions:
            self.conn.execute(insert(m.dossier_actions), self.actions)
        if self.conflicts:
            self.conn.execute(insert(m.conflicts), self.conflicts)
        self.new_dossiers.clear()
        self.actions.clear()
        self.conflicts.clear()


def push(conn: Connection, device: Device, batch_id: str, ops: Sequence[dict[str, Any]],
         echoes: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Apply a batch; `echoes` are district steps the desk gives back (district.echo), each applied just
    before the desk op it preceded on the desk (`before_seq`), the rest after the last op."""
    now = stamp()
    waiting = sorted(echoes, key=lambda e: e["before_seq"] if e["before_seq"] is not None else float("inf"))
    echo_results: list[dict[str, Any]] = []
    op_ids = [o["op_id"] for o in ops]
    stored = {r.op_id: r for r in conn.execute(
        select(m.ops.c.op_id, m.ops.c.payload_hash, m.ops.c.outcome, m.ops.c.code, m.ops.c.message_vi,
               m.ops.c.device_id).where(m.ops.c.op_id.in_(op_ids)))}
    # A seq this device already used for another op (its desk lost track of its numbers): refused
    # per op, never a failed transaction retried for ever.
    taken = {int(r.seq): str(r.op_id) for r in conn.execute(select(m.ops.c.seq, m.ops.c.op_id).where(
        m.ops.c.device_id == device.device_id, m.ops.c.seq.in_([o["seq"] for o in ops])))}
    prevs = {o["prev_seq"] for o in ops if o["prev_seq"]}
    known_seqs: set[int] = {int(r[0]) for r in conn.execute(
        select(m.ops.c.seq).where(m.ops.c.device_id == device.device_id, m.ops.c.seq.in_(prevs)))} if prevs else set()
    action_entities = {o["entity_id"] for o in ops if o["kind"] != "receive"}
    entity_last: dict[str, list[tuple[int, str]]] = {}
    if action_entities:
        for r in conn.execute(select(m.ops.c.entity_id, m.ops.c.seq, m.ops.c.outcome, m.ops.c.code).where(
                m.ops.c.device_id == device.device_id, m.ops.c.entity_id.in_(action_entities))):
            entity_last.setdefault(r.entity_id, []).append((int(r.seq), _blocking(r.outcome, r.code)))
    for seqs in entity_last.values():
        seqs.sort()
    parsed: dict[str, Any] = {}
    for o in ops:
        # The first copy of an op id in the batch is the one applied (a later copy is answered as such).
        if (o["op_id"] not in stored or o.get("retry")) and o["op_id"] not in parsed:
            try:
                parsed[o["op_id"]] = json.loads(o["payload"])
            except ValueError:
                parsed[o["op_id"]] = None
    batch = _Batch(conn, device, now, parsed)
    results: list[dict[str, Any]] = []
    new_rows: list[dict[str, Any]] = []
    acked: dict[int, int] = {}
    first: dict[str, tuple[str, int]] = {}  # op_id → (payload hash, index of its result) in this batch
    seq_owner: dict[int, str] = {}  # seq → op_id in this batch
    for op in ops:
        while waiting and waiting[0]["before_seq"] is not None and waiting[0]["before_seq"] <= op["seq"]:
            batch.flush()
            echo_results.append(apply_echo(conn, device, waiting.pop(0)["change"]))
        retry = op.pop("retry", False)
        oversized = op.pop("too_large_hash", None)
        digest = oversized or sha256_text(op["payload"])
        twin = first.get(op["op_id"])
        if twin is not None or seq_owner.get(op["seq"], op["op_id"]) != op["op_id"]:
            # The same op twice in one batch (or two ops under one seq): answered per op, the first copy
            # stands; never a UNIQUE violation failing the whole batch.
            earlier = results[twin[1]] if twin is not None else None
            if earlier is not None and twin is not None and twin[0] == digest and earlier["seq"] == op["seq"]:
                res = {**earlier, "outcome": DUPLICATE, "original": earlier.get("original", earlier["outcome"])}
            elif twin is not None:
                res = _result(op, Outcome(REJECTED, "op_id_reused", "Mã thay đổi này đã được dùng cho một nội "
                                                                    "dung khác trong cùng gói; không ghi đè dữ liệu."))
            else:
                res = _result(op, Outcome(REJECTED, "seq_reused", "Số thứ tự thay đổi này đã dùng cho một thay "
                                                                  "đổi khác trong cùng gói; hãy báo quản trị viên."))
            results.append(res)
            continue
        seq_owner[op["seq"]] = op["op_id"]
        first[op["op_id"]] = (digest, len(results))  # every path below appends this op's one result
        prior = stored.get(op["op_id"])
        if prior is not None:
            if retry and prior.payload_hash == digest and prior.device_id == device.device_id and \
                    _blocking(prior.outcome, prior.code) == "block":
                results.append(_result(op, _reevaluate(batch, op, entity_last)))
                known_seqs.add(op["seq"])
                continue
            if prior.payload_hash != digest or prior.device_id != device.device_id:
                results.append(_result(op, Outcome(REJECTED, "op_id_reused",
                                                   "Mã thay đổi này đã được dùng cho một nội dung khác; "
                                                   "hãy báo quản trị viên (không ghi đè dữ liệu).")))
            else:
                res = _result(op, Outcome(DUPLICATE, prior.code, prior.message_vi))
                res["original"] = prior.outcome
                if prior.outcome == CONFLICT:
                    # The first reply may never have arrived: repeat both values with the replay.
                    kept = conn.execute(select(m.conflicts.c.field, m.conflicts.c.desk_value,
                                               m.conflicts.c.district_value)
                                        .where(m.conflicts.c.op_id == op["op_id"])).first()
                    if kept is not None:
                        res.update(field=kept.field, desk_value=kept.desk_value, district_value=kept.district_value)
                results.append(res)
                known_seqs.add(op["seq"])
            continue
        if taken.get(op["seq"], op["op_id"]) != op["op_id"]:
            results.append(_result(op, Outcome(REJECTED, "seq_reused",
                                               "Số thứ tự thay đổi này máy đã dùng cho một thay đổi khác (dữ liệu "
                                               "trên máy có thể đã bị khôi phục); hãy báo quản trị viên.")))
            continue
        if op["prev_seq"] and op["prev_seq"] not in known_seqs:
            results.append(_result(op, Outcome(DEFERRED, GAP, "Đang chờ các thay đổi trước đó của máy này.")))
            continue
        if oversized:
            outcome = Outcome(REJECTED, "too_large", "Thay đổi này quá lớn để gửi lên cấp trên (vượt giới hạn "
                                                     "của máy chủ); hãy báo quản trị viên.")
        else:
            outcome = _decide(batch, op, entity_last)
        new_rows.append({**op, "device_id": device.device_id, "payload_hash": digest, "received_at": now,
                         "outcome": outcome.outcome, "code": outcome.code, "message_vi": outcome.message_vi,
                         "batch_id": batch_id})
        known_seqs.add(op["seq"])
        entity_last.setdefault(op["entity_id"], []).append((op["seq"], _blocking(outcome.outcome, outcome.code)))
        acked[op["epoch"]] = max(acked.get(op["epoch"], 0), op["seq"])
        results.append(_result(op, outcome))
    batch.flush()
    if new_rows:
        conn.execute(insert(m.ops), new_rows)
        feed.publish_ops(conn, device.commune, new_rows)
    for echo in waiting:
        echo_results.append(apply_echo(conn, device, echo["change"]))
    for epoch, seq in acked.items():
        _advance_epoch(conn, device.device_id, epoch, seq)
    reply = {"batch_id": batch_id, "results": results, "server_time": now,
             **({"echo_results": echo_results} if echo_results else {}),
             "acked": {str(e): v for e, v in epoch_state(conn, device.device_id).items()}}
    _store_reply(conn, device.device_id, batch_id, reply, now)
    return reply


def _decide(batch: _Batch, op: Mapping[str, Any], entity_last: dict[str, list[tuple[int, str]]]) -> Outcome:
    """Held behind an earlier rejected op of the same record, or applied (or rejected) now."""
    earlier = [b for s, b in entity_last.get(op["entity_id"], []) if s < op["seq"]]
    if earlier and earlier[-1] == "block":
        return Outcome(DEFERRED, HELD, "Hồ sơ này có thay đổi trước bị từ chối; "
                                       "thay đổi sau được giữ lại cho đến khi xử lý xong.")
    try:
        return _apply(batch, op)
    except OpRejected as e:
        return Outcome(REJECTED, e.code, e.message_vi)


def _reevaluate(batch: _Batch, op: dict[str, Any], entity_last: dict[str, list[tuple[int, str]]]) -> Outcome:
    """A person asked to try a rejected (or held) op again: apply it now if it can be, and replace
    the stored outcome. Only the desk that sent it can ask, and only with the same payload."""
    outcome = _decide(batch, op, entity_last)
    # Written now, so a later op of the same batch sees this dossier in the database.
    batch.flush()
    batch.conn.execute(update(m.ops).where(m.ops.c.op_id == op["op_id"]).values(
        outcome=outcome.outcome, code=outcome.code, message_vi=outcome.message_vi, received_at=batch.now))
    if outcome.outcome in feed.FANNED_OUT:
        feed.publish_if_new(batch.conn, batch.device.commune,
                            {**op, "device_id": batch.device.device_id, "outcome": outcome.outcome})
    state = _blocking(outcome.outcome, outcome.code)
    history = entity_last.get(op["entity_id"], [])
    entity_last[op["entity_id"]] = [(s, state if s == op["seq"] else b) for s, b in history] or [(op["seq"], state)]
    return outcome


def _blocking(outcome: str, code: str | None) -> str:
    return "block" if outcome == REJECTED or (outcome == DEFERRED and code == HELD) else "ok"


def _result(op: Mapping[str, Any], o: Outcome) -> dict[str, Any]:
    res: dict[str, Any] = {"seq": op["seq"], "outcome": o.outcome}
    if o.code:
        res["code"] = o.code
    if o.message_vi:
        res["message_vi"] = o.message_vi
    res.update(o.extra)
    return res


def _advance_epoch(conn: Connection, device_id: str, epoch: int, seq: int) -> None:
    row = conn.execute(select(m.device_epochs.c.acked_through).where(
        m.device_epochs.c.device_id == device_id, m.device_epochs.c.epoch == epoch)).first()
    if row is None:
        conn.execute(insert(m.device_epochs).values(device_id=device_id, epoch=epoch, acked_through=seq))
    elif int(row[0]) < seq:
        conn.execute(update(m.device_epochs).where(
            m.device_epochs.c.device_id == device_id, m.device_epochs.c.epoch == epoch).values(acked_through=seq))


def epoch_state(conn: Connection, device_id: str) -> dict[int, int]:
    return {int(r.epoch): int(r.acked_through) for r in conn.execute(
        select(m.device_epochs.c.epoch, m.device_epochs.c.acked_through)
        .where(m.device_epochs.c.device_id == device_id))}


def device_ops(conn: Connection, device_id: str, after_seq: int, through_seq: int,
               limit: int) -> list[dict[str, Any]]:
    """This device's stored ops with after_seq < seq <= through_seq (seqs never repeat on a device)."""
    cols = [m.ops.c[k] for k in (*OP_FIELDS, "outcome", "code", "message_vi")]
    rows = conn.execute(select(*cols).where(
        m.ops.c.device_id == device_id, m.ops.c.seq > after_seq, m.ops.c.seq <= through_seq,
        m.ops.c.payload != "").order_by(m.ops.c.seq).limit(limit))
    return [dict(r._mapping) for r in rows]


def _store_reply(conn: Connection, device_id: str, batch_id: str, reply: dict[str, Any], now: str) -> None:
    text = json.dumps(reply, ensure_ascii=False, separators=(",", ":"))
    values = {"batch_id": batch_id, "device_id": device_id, "reply": text, "created_at": now}
    if is_postgres(conn):
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(m.push_batches).values(values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(m.push_batches).values(values).on_conflict_do_nothing())


def stored_reply(conn: Connection, device_id: str, batch_id: str) -> dict[str, Any] | None:
    text = conn.execute(select(m.push_batches.c.reply).where(
        m.push_batches.c.batch_id == batch_id, m.push_batches.c.device_id == device_id)).scalar()
    return None if text is None else dict(json.loads(text))


# --- applying one op ---------------------------------------------------------------------------------
def _apply(batch: _Batch, op: Mapping[str, Any]) -> Outcome:
    payload = batch.parsed.get(op["op_id"])
    if payload is None:
        raise OpRejected("invalid_payload", "Nội dung thay đổi không đọc được (không phải JSON).")
    if not isinstance(payload, dict):
        raise OpRejected("invalid_payload", "Nội dung thay đổi không đúng dạng.")
    if op["entity"] != "dossier" and op["entity"] not in fee_ops.ENTITIES \
            and op["entity"] not in petition_ops.ENTITIES:
        raise OpRejected("unknown_entity", f"Máy chủ chưa nhận loại dữ liệu «{op['entity']}».")
    try:
        if op["entity"] in petition_ops.ENTITIES:
            try:
                return Outcome(*petition_ops.apply(batch.conn, batch.device, op, payload, batch.now))
            except fee_ops.Rejected as e:
                raise OpRejected(e.code, e.message_vi) from None
        if op["entity"] in fee_ops.ENTITIES:
            try:
                return Outcome(*fee_ops.apply(batch.conn, batch.device, op, payload, batch.now))
            except fee_ops.Rejected as e:
                raise OpRejected(e.code, e.message_vi) from None
        if op["kind"] == "receive":
            return _apply_receive(batch, op, payload)
        if op["kind"] == "action":
            return _apply_action(batch, op, payload)
    except Unfit as e:
        raise OpRejected("invalid_field", f"Trường «{e.column}» của thay đổi sai kiểu hoặc vượt giới hạn "
                                          f"({e.why}).") from None
    except (KeyError, TypeError, ValueError) as e:
        raise OpRejected("invalid_payload", f"Nội dung thay đổi thiếu hoặc sai trường ({e}).") from None
    raise OpRejected("unknown_kind", f"Máy chủ chưa nhận loại thay đổi «{op['kind']}».")


def _apply_receive(batch: _Batch, op: Mapping[str, Any], payload: dict[str, Any]) -> Outcome:
    device = batch.device
    d = payload["dossier"]
    if not isinstance(d, dict) or d.get("id") != op["entity_id"]:
        raise OpRejected("invalid_payload", "Hồ sơ trong thay đổi không khớp mã định danh.")
    code = str(d["code"])
    if not code.startswith(device.commune + "-"):
        raise OpRejected("wrong_commune",
                         f"Mã hồ sơ {code} không thuộc cơ quan {device.commune} mà máy này đã đăng ký; "
                         "hãy kiểm tra mã định danh cơ quan trong phần khai báo.")
    if not isinstance(d["status"], str) or d["status"] not in lc.INTAKE_STATUSES:
        raise OpRejected("invalid_status", f"Trạng thái hồ sơ «{str(d['status'])[:40]}» không hợp lệ khi tiếp nhận.")
    if d["id"] in batch.existing or d["id"] in batch.new_dossiers:
        raise OpRejected("dossier_exists", f"Máy chủ đã có hồ sơ {code} với cùng mã định danh.")
    row = {k: d.get(k) for k in DOSSIER_COLUMNS}
    if not isinstance(row["catalog_version"], (int, str)) or isinstance(row["catalog_version"], bool):
        raise Unfit("catalog_version", "not a whole number")
    row["catalog_version"] = int(str(row["catalog_version"]))
    row["status_at"] = row["status_at"] or d["received_at"]
    row["field"] = str(row["field"] or "")[:200]
    row["channel"] = row["channel"] if row["channel"] in ("direct", "online", "post") else "direct"
    row["satisfaction"] = row["satisfaction"] if row["satisfaction"] in SATISFACTIONS else None
    for k in ("code", "procedure_code", "procedure_name", "applicant_name", "received_at", "due_at",
              "calendar_version"):
        if k == "due_at" and d["status"] in NOT_ACCEPTED and row[k] == "":
            continue
        if not isinstance(row[k], str) or not row[k]:
            raise OpRejected("invalid_payload", f"Hồ sơ thiếu trường «{k}».")
    new = {"id": d["id"], "commune": device.commune, "device_id": device.device_id, **row,
           "data": json.dumps(d, ensure_ascii=False, sort_keys=True),
           "documents": json.dumps(payload.get("documents", []), ensure_ascii=False), "updated_at": batch.now}
    fit(m.dossiers, new)
    action = _desk_action_row(batch, d["id"], payload["action"], op["op_id"], applied=True)
    batch.new_dossiers[d["id"]] = new
    batch.actions.append(action)
    owners = batch.code_owners.setdefault(code, set())
    clash = bool(owners - {d["id"]})
    owners.add(d["id"])
    if clash:
        # Two desks issued the same code: keep both dossiers, and let a person sort it out.
        msg = (f"Mã hồ sơ {code} trùng với một hồ sơ khác đã có trên máy chủ; cả hai hồ sơ được giữ lại. "
               "Hãy kiểm tra số quầy của các máy.")
        batch.conflicts.append(_conflict_row(device.commune, d["id"], "code", code, code, op["op_id"], msg,
                                             batch.now))
        return Outcome(CONFLICT, "code_clash", msg, {"field": "code", "desk_value": code, "district_value": code})
    return Outcome(APPLIED)


def _apply_action(batch: _Batch, op: Mapping[str, Any], payload: dict[str, Any]) -> Outcome:
    conn, device, now = batch.conn, batch.device, batch.now
    rec, changes = payload["action"], payload.get("changes") or {}
    if not isinstance(rec, dict) or not isinstance(changes, dict):
        raise OpRejected("invalid_payload", "Thao tác trong thay đổi không đúng dạng.")
    pending = batch.new_dossiers.get(op["entity_id"])
    current: dict[str, Any] | None
    if pending is not None:
        current = pending
    else:
        found = conn.execute(select(m.dossiers).where(m.dossiers.c.id == op["entity_id"])).first()
        current = None if found is None else dict(found._mapping)
    if current is None or current["commune"] != device.commune:
        raise OpRejected("unknown_dossier", "Máy chủ chưa có hồ sơ này nên chưa ghi được thao tác.")
    kind = str(rec["kind"])
    desk_to = changes.get("status", rec.get("to_status"))
    changes_status = desk_to is not None and desk_to != rec.get("from_status")
    _check_step(kind, rec, desk_to, changes_status)
    if rec.get("from_status") != current["status"] and changes_status and desk_to == current["status"]:
        # Both sides took the same step (e.g. both handed it over): nothing to choose between.
        batch.actions.append(_desk_action_row(batch, current["id"], rec, op["op_id"], applied=True))
        return Outcome(APPLIED)
    if rec.get("from_status") != current["status"] and changes_status:
        batch.actions.append(_desk_action_row(batch, current["id"], rec, op["op_id"], applied=False))
        label = lc.STATUS_LABELS_VI
        msg = (f"Hồ sơ {current['code']}: tại Một cửa «{lc.ACTIONS[kind].label_vi if kind in lc.ACTIONS else kind}» "
               f"(→ {label.get(str(desk_to), desk_to)}), nhưng cấp trên đã chuyển sang "
               f"«{label.get(current['status'])}». Cả hai giá trị được giữ lại; cán bộ cần thống nhất trạng thái đúng.")
        batch.conflicts.append(_conflict_row(device.commune, current["id"], "status", desk_to, current["status"],
                                             op["op_id"], msg, now))
        return Outcome(CONFLICT, "status_changed_upstream", msg,
                       {"field": "status", "desk_value": desk_to, "district_value": current["status"]})
    data = json.loads(current["data"])
    try:
        lc.check(kind, {**data, **{k: current[k] for k in ("status", "code", "due_at", "new_due_at")}},
                 origin="desk")
    except TransitionError as e:
        raise OpRejected(e.code, e.message_vi) from None
    values: dict[str, Any] = {k: changes[k] for k in ACTION_FIELDS if k in changes}
    if not changes_status:
        # The desk's action left the status alone (an apology, a rating): whatever the district set
        # meanwhile stays; the desk only echoed the status it saw.
        values.pop("status", None)
    data.update(values)
    cols = {k: v for k, v in values.items() if k in DOSSIER_COLUMNS}
    if "status" in cols and cols["status"] != current["status"]:
        cols["status_at"] = rec.get("at") or now
    cols.update(data=json.dumps(data, ensure_ascii=False, sort_keys=True), updated_at=now)
    fit(m.dossiers, cols)
    action = _desk_action_row(batch, current["id"], rec, op["op_id"], applied=True)
    if pending is not None:
        pending.update(cols)  # still to be inserted with the rest of the batch
    else:
        conn.execute(update(m.dossiers).where(m.dossiers.c.id == current["id"]).values(**cols))
    batch.actions.append(action)
    return Outcome(APPLIED)


def _check_step(kind: str, rec: Mapping[str, Any], desk_to: Any, changes_status: bool) -> None:
    """The status a desk's action sets must be a legal step of the lifecycle from the status the desk saw
    (desk/lifecycle.py), as for the district's own steps: anything else is refused, never stored."""
    if kind not in lc.ACTIONS:
        raise OpRejected("unknown_action", f"Thao tác «{kind[:40]}» không tồn tại.")
    from_status = rec.get("from_status")
    if not isinstance(from_status, str) or from_status not in lc.STATUSES:
        raise OpRejected("invalid_status", "Trạng thái trước thao tác không hợp lệ.")
    legal = lc.statuses_after(kind, from_status)
    to_status = rec.get("to_status")
    if not legal or (changes_status and (not isinstance(desk_to, str) or desk_to not in legal)) or \
            (to_status is not None and to_status != from_status and
             (not isinstance(to_status, str) or to_status not in legal)):
        shown = desk_to if isinstance(desk_to, str) and desk_to in lc.STATUSES else "?"
        raise OpRejected("illegal_step", f"Thao tác «{lc.ACTIONS[kind].label_vi}» không thể đưa hồ sơ từ "
                                         f"«{lc.STATUS_LABELS_VI[from_status]}» sang trạng thái «{shown}».")


def _desk_action_row(batch: _Batch, dossier_id: str, rec: Mapping[str, Any], op_id: str, *,
                     applied: bool) -> dict[str, Any]:
    """A desk's action row, checked against its columns and its id never used before."""
    row = _action_row(dossier_id, rec, origin="desk", op_id=op_id, applied=applied)
    fit(m.dossier_actions, row)
    if row["id"] in batch.action_ids:
        raise OpRejected("action_id_reused", "Mã thao tác này máy chủ đã có; không ghi đè dữ liệu.")
    batch.action_ids.add(row["id"])
    return row


def _action_row(dossier_id: str, rec: Mapping[str, Any], *, origin: str, op_id: str | None,
                applied: bool) -> dict[str, Any]:
    data = rec.get("data", "{}")
    return {"id": str(rec.get("id") or uuid.uuid4()), "dossier_id": dossier_id, "kind": str(rec["kind"]),
            "from_status": rec.get("from_status"), "to_status": str(rec["to_status"]), "at": str(rec["at"]),
            "by_officer": str(rec.get("by_officer", "")), "note": str(rec.get("note", "")),
            "data": data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
            "origin": origin, "op_id": op_id, "applied": applied}


def _conflict_row(commune: str, dossier_id: str, field_name: str, desk_value: Any, district_value: Any,
                  op_id: str | None, message_vi: str, now: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "commune": commune, "dossier_id": dossier_id, "field": field_name,
            "desk_value": None if desk_value is None else str(desk_value),
            "district_value": None if district_value is None else str(district_value),
            "op_id": op_id, "message_vi": message_vi, "created_at": now}
