"""Applying the ops another PC of this commune recorded (issue 15), whichever way they came.

An op arrives through the district's feed (desk/sync/pull.py) or, later, straight from a PC on the office
network; either way it is the op as its PC made it (origin device, seq, op_id, payload) and it goes
through `apply_op`, once: `peer_ops` keeps every op applied here under its op_id, so the second copy of
an op (the one that came the other way) is skipped.

The rules are the district steps' rules (docs/sync.md rule 7): a step taken at another counter from the
status this desk shows is applied through the one step path with origin `peer`; a step taken from a
status this desk no longer shows (two counters acted on one dossier before either saw the other's step)
changes nothing here and both values go to `sync_conflicts`, visible on the dossier and in the list of
conflicts, for an officer to settle; the same step taken on both sides is an agreement, not a conflict.

The office network carries the PCs' ops, not the district's steps. A step another counter took from a
status this PC never had (it built on a district step this PC has not pulled yet) is no conflict: it
waits (`waiting`) and is applied as soon as this PC reaches that status (the district's step pulled,
or another PC's step applied), or judged as any op when the district's feed brings it again, in the
district's order. Found by the sync state machine (tests/sync/machine_peers.py): before, it was shown
as a conflict for an officer to settle, and the PCs stayed apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from desk import lifecycle as lc
from desk import steps
from desk.clock import iso
from desk.store import UnitOfWork
from desk.sync import state

APPLIED, ALREADY, CONFLICT, SKIPPED, OWN, WAITING = "applied", "already", "conflict", "skipped", "own", "waiting"


def own_device(uow: UnitOfWork) -> str:
    cache: dict[str, str] = uow.__dict__.setdefault("_peer_cache", {})
    if "own" not in cache:
        cache["own"] = str(uow.scalar("SELECT device_id FROM device WHERE id = 1") or "")
    return cache["own"]


def known(uow: UnitOfWork, op_id: str) -> bool:
    return uow.one("SELECT 1 FROM peer_ops WHERE op_id = ?", (op_id,)) is not None


def apply_op(uow: UnitOfWork, op: Mapping[str, Any], *, via: str) -> str:
    """Apply one op of another PC of the commune; return what happened to it here."""
    op_id = str(op["op_id"])
    if str(op["device_id"]) == own_device(uow):
        return OWN  # this PC's own op coming back: never news (a restore fetches its own, recovery.py)
    if known(uow, op_id):
        if via == "district":
            uow.execute("UPDATE peer_ops SET at_district = 1 WHERE op_id = ?", (op_id,))
        if uow.one("SELECT 1 FROM peer_ops WHERE op_id = ? AND outcome = ?", (op_id, WAITING)):
            return _retry(uow, op_id, via)  # the district's feed, in its order: applied or a conflict now
        return ALREADY
    try:
        payload = json.loads(str(op["payload"]))
    except ValueError:
        payload = None
    outcome = SKIPPED
    if isinstance(payload, dict) and op["entity"] == "dossier":
        if op["kind"] == "receive":
            outcome = _receive(uow, payload)
        elif op["kind"] == "action":
            outcome = _action(uow, str(op["entity_id"]), payload, op_id, via)
    # Receipts, till closes and exemptions stay with the PC that printed them and the district: each PC
    # has its own receipt numbers and till. They are kept here only so they can be passed on.
    uow.insert("peer_ops", {
        "op_id": op_id, "device_id": str(op["device_id"]), "seq": int(op["seq"]),
        "epoch": int(op.get("epoch") or 1), "prev_seq": int(op.get("prev_seq") or 0), "entity": str(op["entity"]),
        "entity_id": str(op["entity_id"]), "kind": str(op["kind"]), "payload": str(op["payload"]),
        "created_at": str(op.get("created_at") or ""), "received_at": iso(uow.now), "via": via,
        "outcome": outcome, "at_district": 1 if via == "district" else 0})
    # Once per PC and transaction (a page holds hundreds of one PC's ops), or when a receipt names
    # another counter number for it.
    heard: dict[str, int | None] = uow.__dict__.setdefault("_peers_heard", {})
    device, number = str(op["device_id"]), _desk_no(payload)
    if device not in heard or (number is not None and heard[device] != number):
        heard_from(uow, device, via, desk_no=number)
        heard[device] = number if number is not None else heard.get(device)
    if outcome == APPLIED and op["entity"] == "dossier":
        retry_waiting(uow, str(op["entity_id"]))
    return outcome


def retry_waiting(uow: UnitOfWork, dossier_id: str) -> None:
    """After the dossier moved here (a district step pulled, another PC's step applied): the steps that
    waited for the status it now has are applied, in the order they came."""
    for _ in range(100):  # each pass applies one step at most; a dossier has a handful
        row = uow.one("SELECT p.op_id, p.via FROM peer_ops p JOIN dossiers d ON d.id = p.entity_id "
                      "WHERE p.entity_id = ? AND p.outcome = ? AND json_extract(p.payload, '$.action.from_status') "
                      "= d.status ORDER BY p.rowid LIMIT 1", (dossier_id, WAITING))
        if row is None:
            return
        _retry(uow, str(row["op_id"]), str(row["via"]))


def _retry(uow: UnitOfWork, op_id: str, via: str) -> str:
    op = uow.one("SELECT entity_id, payload FROM peer_ops WHERE op_id = ?", (op_id,))
    assert op is not None
    outcome = _action(uow, str(op["entity_id"]), json.loads(str(op["payload"])), op_id, via)
    uow.execute("UPDATE peer_ops SET outcome = ? WHERE op_id = ?", (outcome, op_id))
    if outcome == APPLIED:
        retry_waiting(uow, str(op["entity_id"]))
    return outcome


def heard_from(uow: UnitOfWork, device_id: str, via: str, *, desk_no: int | None = None, name: str = "",
               address: str = "") -> None:
    """Note that another PC of the commune was heard from now (for `desk peers` and the sync page)."""
    now = iso(uow.now)
    uow.execute(
        "INSERT INTO peers (device_id, desk_no, name, first_seen_at, last_heard_at, last_via, address) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET "
        "desk_no = COALESCE(excluded.desk_no, peers.desk_no), "
        "name = CASE WHEN excluded.name != '' THEN excluded.name ELSE peers.name END, "
        "last_heard_at = excluded.last_heard_at, last_via = excluded.last_via, "
        "address = CASE WHEN excluded.address != '' THEN excluded.address ELSE peers.address END, "
        # Heard over the office network: reachable again (a failure recorded before no longer holds).
        "unreachable_at = CASE WHEN excluded.last_via = 'lan' THEN '' ELSE peers.unreachable_at END",
        (device_id, desk_no, name, now, now, via, address))


def unreachable(uow: UnitOfWork, address: str) -> None:
    """This PC just failed to reach the PC at `address` over the office network (lan.exchange_with)."""
    uow.execute("UPDATE peers SET unreachable_at = ? WHERE address = ?", (iso(uow.now), address))


def _desk_no(payload: object) -> int | None:
    if isinstance(payload, dict) and isinstance(payload.get("dossier"), dict):
        value = payload["dossier"].get("desk_no")
        return int(value) if isinstance(value, int) else None
    return None


def _receive(uow: UnitOfWork, payload: Mapping[str, Any]) -> str:
    d = dict(payload["dossier"])
    if uow.one("SELECT 1 FROM dossiers WHERE id = ?", (d["id"],)):
        return ALREADY
    clash = uow.one("SELECT id FROM dossiers WHERE code = ?", (d["code"],))
    if clash is not None:
        # Two PCs issued one code (the same counter number): keep ours, show both to a person.
        msg = (f"Mã hồ sơ {d['code']} do quầy số {d.get('desk_no')} khác cấp trùng với một hồ sơ trên máy này; "
               "hồ sơ của máy kia chưa được nhận về. Hãy kiểm tra số quầy của các máy.")
        state.store_conflict(uow, str(clash["id"]), {"field": "code", "desk_value": d["code"],
                                                     "district_value": d["code"], "message_vi": msg}, "pull")
        return CONFLICT
    if d.get("citizen_id") and not uow.one("SELECT 1 FROM citizens WHERE id = ?", (d["citizen_id"],)):
        d["citizen_id"] = None  # the citizens register is each PC's own; the dossier carries the applicant
    d["status_at"] = d.get("status_at") or d.get("received_at")
    names = {int(r["position"]): str(r["name"]) for r in uow.all(
        "SELECT position, name FROM procedure_documents WHERE procedure_code = ?", (d["procedure_code"],))}
    documents = [
        {"position": i, "originals": doc[1], "certified": doc[2], "photocopies": doc[3],
         "name": doc[4] if len(doc) > 4 else names.get(int(doc[0]) if doc[0] is not None else -1, f"Thành phần {i}")}
        for i, doc in enumerate(payload.get("documents") or [], start=1)]
    action = payload.get("action")
    steps.open_dossier(uow, d, documents, officer_id=str(d.get("received_by") or "peer"), origin=steps.PEER,
                       action=dict(action) if isinstance(action, dict) else None,
                       audit_detail={"code": d["code"], "desk_no": d.get("desk_no"), "status": d["status"]})
    return APPLIED


def _had_status(uow: UnitOfWork, dossier: Mapping[str, Any], status: object) -> bool:
    """Was the dossier ever at `status` on this PC (its action log, or its current status)?"""
    return status == dossier["status"] or uow.one(
        "SELECT 1 FROM dossier_actions WHERE dossier_id = ? AND (from_status = ? OR to_status = ?)",
        (dossier["id"], status, status)) is not None


def _action(uow: UnitOfWork, dossier_id: str, payload: Mapping[str, Any], op_id: str, via: str) -> str:
    record = dict(payload.get("action") or {})
    dossier = uow.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    if dossier is None or not record:
        return SKIPPED  # a dossier this PC never received (closed long ago): it stays at the district
    if steps.has_entry(uow, record.get("id")):
        return ALREADY
    changes = dict(payload.get("changes") or {})
    kind = str(record.get("kind") or "action")
    to_status = str(changes.pop("status", None) or record.get("to_status") or dossier["status"])
    if record.get("from_status") != dossier["status"] and to_status != dossier["status"]:
        if via == "lan" and not _had_status(uow, dossier, record.get("from_status")):
            return WAITING  # built on a step this PC lacks yet (module docstring)
        label = lc.STATUS_LABELS_VI
        msg = (f"Hồ sơ {dossier['code']}: một quầy khác của cơ quan chuyển sang «{label.get(to_status, to_status)}», "
               f"nhưng trên máy này hồ sơ đang «{label.get(dossier['status'], dossier['status'])}». Cả hai giá trị "
               "được giữ lại; cán bộ cần thống nhất trạng thái đúng.")
        state.store_conflict(uow, dossier_id, {"field": "status", "desk_value": dossier["status"],
                                               "district_value": to_status, "message_vi": msg},
                             "pull", op_id=op_id)
        return CONFLICT
    if record.get("from_status") != dossier["status"]:
        # Both counters took the dossier to the same status: an agreement. The other's entry joins the log.
        steps.log_past(uow, dossier, kind, record.get("from_status"), to_status, origin=steps.PEER,
                       officer_id=str(record.get("by_officer") or "peer"), note=str(record.get("note") or ""),
                       action_id=str(record["id"]) if record.get("id") else None)
        return APPLIED
    steps.apply(uow, dossier, kind, to_status, origin=steps.PEER, officer_id=str(record.get("by_officer") or "peer"),
                changes=changes, action=record)
    return APPLIED
