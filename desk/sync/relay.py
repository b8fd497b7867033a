"""Handing the district the ops that came over the office network (issue 15).

An op another PC of the commune made reaches this PC over the office network while the internet is
down. Whichever PC of the two reaches the district first hands it over: its own PC in its push, or this
one in the `relay` part of its exchange (before its own batch, so a dossier received at one counter is at
the district before the step another counter took on it). The district applies a relayed op as its own
PC's push — the same chain, holds and outcomes under UNIQUE(op_id) — so it is stored once whichever PC
brings it (district/peers.py). An op is no longer relayed once the district answered for it or its feed
brought it back. An op of a revoked PC is taken only if a PC of the commune held it before the
revocation (each relayed op carries when this PC received it); the others are answered `rejected`
(`origin_revoked`) and stay only on the PCs that received them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from desk.store import Store
from desk.sync import protocol as p

PER_EXCHANGE = 500
DONE = (p.APPLIED, p.DUPLICATE, p.CONFLICT, p.REJECTED)


def pending(store: Store, limit: int = PER_EXCHANGE) -> list[dict[str, Any]]:
    """The relay part of an exchange: ops grouped by their PC, each group in seq order."""
    rows = store.query("SELECT device_id, seq, op_id, epoch, prev_seq, entity, entity_id, kind, payload, created_at, "
                       "received_at FROM peer_ops WHERE at_district = 0 ORDER BY device_id, seq LIMIT ?", (limit,))
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        # received_at: when this PC got it, by its clock; the district takes a revoked PC's op only if
        # a PC it trusts held it before the revocation (district/peers.py).
        op = {k: r[k] for k in ("seq", "op_id", "epoch", "prev_seq", "entity", "entity_id", "kind", "payload",
                                "created_at", "received_at")}
        groups.setdefault(str(r["device_id"]), []).append(op)
    return [{"device_id": d, "ops": ops} for d, ops in groups.items()]


def pending_count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM peer_ops WHERE at_district = 0") or 0)


def new_id() -> str:
    return uuid.uuid4().hex


def answered(store: Store, sent: list[dict[str, Any]], answers: object) -> int:
    """Mark what the district answered for; return how many. A `deferred` op (the district lacks an
    earlier op of its PC) stays to be relayed again, or brought by its own PC."""
    if not isinstance(answers, list):
        return 0
    done: list[str] = []
    by_device = {g["device_id"]: {int(op["seq"]): str(op["op_id"]) for op in g["ops"]} for g in sent}
    for answer in answers:
        if not isinstance(answer, Mapping):
            continue
        seqs = by_device.get(str(answer.get("device_id")), {})
        if answer.get("refused"):
            continue  # not a PC of this commune at the district: its ops stay here, unsent
        for res in answer.get("results") or []:
            if isinstance(res, Mapping) and res.get("outcome") in DONE and int(res.get("seq", -1)) in seqs:
                done.append(seqs[int(res["seq"])])
    if done:
        with store.write("sync") as uow:
            for op_id in done:
                uow.execute("UPDATE peer_ops SET at_district = 1 WHERE op_id = ?", (op_id,))
    return len(done)
