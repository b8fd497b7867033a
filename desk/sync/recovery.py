"""Putting back the desk's own work lost by a restore of its database (docs/sync.md F13, and convergence).

A desk restored from last night's backup no longer holds the changes it made (and sent) since. The
server still has them, under the device's id. The store notices the restore (desk/store.py) and
records which sequence numbers the restored copy lost; the desk fetches those ops and replays them:
the dossier rows, their documents and action log, and the outbox rows themselves (original seq and
op_id, state from the server's stored outcome), so they are never sent or fetched twice. Replaying is
idempotent: a dossier or an action already present is left alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from desk import steps
from desk.clock import iso
from desk.fees.receipts import replay as fee_replay
from desk.store import Store, UnitOfWork, payload_hash
from desk.sync import protocol as p
from desk.sync import replies

STATES = {p.APPLIED: "acked", p.CONFLICT: "conflict", p.REJECTED: "rejected", p.DEFERRED: "deferred"}
Fetch = Callable[[int, int], list[dict[str, Any]]]
DONE_KEY = "recovery.audit_id"


def lost_ranges(store: Store) -> list[tuple[int, int, int]]:
    """(audit id, first lost seq, last lost seq) for each restore not yet recovered from.

    The store records each restore it detects with the numbers it had handed out before (its side
    file) and the numbers the restored copy knew: the seqs in between are exactly the lost ones.
    """
    done = int(store.scalar("SELECT value FROM sync_state WHERE name = ?", (DONE_KEY,)) or 0)
    out = []
    for row in store.query("SELECT id, detail FROM audit_log WHERE action = 'restore_detected' AND id > ? "
                           "ORDER BY id", (done,)):
        detail = json.loads(row["detail"] or "{}")
        first, last = int(detail.get("db_next_seq", 0)), int(detail.get("highwater_last_seq", 0))
        out.append((int(row["id"]), first, last))
    return out


def parse_ops(reply: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The server's copies of this device's ops, checked for the fields a replay reads."""
    ops = replies.items(reply, "ops")
    for op in ops:
        for key in ("seq", "epoch", "prev_seq"):
            replies.integer(op, key)
        for key in ("op_id", "entity", "entity_id", "kind", "payload", "created_at"):
            replies.text(op, key)
        try:
            if not isinstance(json.loads(op["payload"]), dict):
                raise ValueError
        except ValueError:
            raise replies.BadReply("thay đổi lấy lại có nội dung không đúng dạng") from None
    return ops


def recover(store: Store, fetch: Fetch) -> int:
    """Fetch and replay the lost ops the server holds; return how many were put back."""
    total = 0
    for audit_id, first, last in lost_ranges(store):
        after = first - 1
        while after < last:
            ops = fetch(after, last)
            if not ops:
                break
            with store.write("sync") as uow:
                for op in ops:
                    _replay(uow, op)
                uow.audit("sync_recovered", "outbox", str(audit_id),
                          {"from_seq": ops[0]["seq"], "to_seq": ops[-1]["seq"], "ops": len(ops)})
            total += len(ops)
            after = int(ops[-1]["seq"])
        with store.write("sync") as uow:
            uow.execute("INSERT INTO sync_state (name, value) VALUES (?, ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (DONE_KEY, str(audit_id)))
    return total


def _replay(uow: UnitOfWork, op: Mapping[str, Any]) -> None:
    if uow.one("SELECT 1 FROM outbox WHERE seq = ? OR op_id = ?", (op["seq"], op["op_id"])):
        return
    payload = json.loads(op["payload"])
    if op["entity"] == "dossier" and op["kind"] == "receive":
        _replay_receive(uow, payload)
    elif op["entity"] == "dossier" and op["kind"] == "action":
        _replay_action(uow, str(op["entity_id"]), payload)
    elif op["entity"] in ("receipt", "till", "fee_exemption"):
        fee_replay(uow, str(op["entity"]), str(op["kind"]), payload)
    state = STATES.get(str(op["outcome"]), "acked")
    uow.insert("outbox", {
        "seq": op["seq"], "op_id": op["op_id"], "epoch": op["epoch"], "prev_seq": op["prev_seq"],
        "entity": op["entity"], "entity_id": op["entity_id"], "kind": op["kind"], "payload": op["payload"],
        "payload_hash": payload_hash(op["payload"]), "created_at": op["created_at"], "state": state,
        "result_code": op.get("code") if state != "acked" else None,
        "result_message": op.get("message_vi") if state != "acked" else None,
        "acked_at": iso(uow.now) if state != "deferred" else None})


def _replay_receive(uow: UnitOfWork, payload: Mapping[str, Any]) -> None:
    d = dict(payload["dossier"])
    if uow.one("SELECT 1 FROM dossiers WHERE id = ?", (d["id"],)):
        return
    if d.get("citizen_id") and not uow.one("SELECT 1 FROM citizens WHERE id = ?", (d["citizen_id"],)):
        d["citizen_id"] = None  # the citizen row went with the restore; the dossier keeps its own copy
    d["status_at"] = d.get("received_at")
    names = {int(r["position"]): str(r["name"]) for r in uow.all(
        "SELECT position, name FROM procedure_documents WHERE procedure_code = ?", (d["procedure_code"],))}
    documents = [
        {"position": i, "originals": doc[1], "certified": doc[2], "photocopies": doc[3],
         "name": doc[4] if len(doc) > 4 else names.get(int(doc[0]) if doc[0] is not None else -1, f"Thành phần {i}")}
        for i, doc in enumerate(payload.get("documents") or [], start=1)]
    action = payload.get("action")
    steps.open_dossier(uow, d, documents, officer_id=str(d.get("received_by") or "sync"), origin=steps.RECOVERY,
                       action=action if action else None)


def _replay_action(uow: UnitOfWork, dossier_id: str, payload: Mapping[str, Any]) -> None:
    record = dict(payload.get("action") or {})
    dossier = uow.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    if dossier is None or not record or steps.has_entry(uow, record.get("id")):
        return
    changes = dict(payload.get("changes") or {})
    to_status = str(changes.pop("status", None) or record.get("to_status") or dossier["status"])
    steps.apply(uow, dossier, str(record.get("kind") or "action"), to_status, origin=steps.RECOVERY,
                officer_id=str(record.get("by_officer") or "sync"), changes=changes, action=record)
