"""Up: the outbox to the district in adaptive batches, and each op's answer back into the outbox.

docs/sync.md rules 3–5 and 9: ops go in device-sequence order in batches that start at 250 ops (and at most
32 KB on the wire, some 5 s of a 2G link: what a cut costs at most; a busy ward's whole day fits in one),
double after each success and halve after a timeout or a 413. A batch rides
in an exchange (desk/sync/exchange.py) with the pull and the rest; its id is saved before sending, and
when the reply is lost the next exchange asks for the stored reply (`settle`) instead of guessing;
re-sending is always safe because the server deduplicates by op_id. Each reply is applied to the outbox
in one local transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desk.clock import iso
from desk.ids import new_id
from desk.store import Store
from desk.sync import echo, queue, replies, state, wire
from desk.sync import protocol as p
from desk.sync.reports import SyncError, SyncReport
from desk.sync.session import Session

START_OPS = 250
MAX_OPS = 1000
START_BYTES = 32 * 1024
MAX_BYTES = 512 * 1024
WIRE_FIELDS = wire.OP_FIELDS


@dataclass
class BatchSizer:
    """Adaptive batch size: grow on success, halve on timeout or 413 (docs/sync.md rule 9)."""

    ops: int = START_OPS
    max_bytes: int = START_BYTES
    limit_ops: int = MAX_OPS
    limit_bytes: int = MAX_BYTES
    largest_ok: int = 0

    def grow(self) -> None:
        self.ops = min(self.ops * 2, self.limit_ops)
        self.max_bytes = min(self.max_bytes * 2, self.limit_bytes)

    def halve(self) -> None:
        self.ops = max(1, self.ops // 2)
        self.max_bytes = max(min(4 * 1024, self.limit_bytes), self.max_bytes // 2)

    def accepted(self, nbytes: int) -> None:
        self.largest_ok = max(self.largest_ok, nbytes)

    def refused(self, nbytes: int) -> None:
        """A 413 for a body of `nbytes`: from now on stay at or below half of it (or the largest body
        accepted), so the size never swings back up into another refused upload on a slow link."""
        self.limit_bytes = max(512, min(self.limit_bytes, max(self.largest_ok, nbytes // 2)))
        self.max_bytes = min(self.max_bytes, self.limit_bytes)
        self.halve()


class Pusher:
    def __init__(self, session: Session, store: Store) -> None:
        self.session = session
        self.store = store
        self.sizer = BatchSizer()
        self._oversized: set[int] = set()
        self.echo_wait: set[str] = set()  # echoes the server deferred in this sync (district/echo.py)
        self.stalls = 0

    def start_sync(self) -> None:
        self.echo_wait = set()
        self.stalls = 0

    def inflight(self) -> str:
        """The batch sent before a crash or a lost reply, whose stored answer the next exchange asks for."""
        return state.get(self.store, "inflight_batch")

    def next_batch(self) -> tuple[dict[str, Any], int] | None:
        """The next batch as the exchange's `batch`/`ops`/`echo` fields, and its size on the wire; its id
        is saved as in flight before anything is sent."""
        ops = self._sendable(self.sizer.ops)
        echoes = echo.sendable(self.store, int(ops[-1]["seq"]) if ops else 2 ** 62, self.echo_wait)
        if not ops and not echoes:
            return None
        part, size = self._batch_body(ops, echoes)
        state.put_many(self.store, {"inflight_batch": str(part["batch"])})
        return part, size

    def more(self) -> bool:
        return bool(self._sendable(1)) or bool(echo.sendable(self.store, 2 ** 62, self.echo_wait))

    def refused(self, part: Mapping[str, Any], size: int) -> None:
        """A 413 for this batch: smaller from now on; an op that does not fit even alone goes as its hash."""
        ops = part.get("ops") or {}
        count = int(ops.get("n", 0)) if isinstance(ops, dict) else 0
        if count == 1:
            # Even alone it does not fit: next time only its hash goes, so the server stores a "rejected"
            # outcome and the chain of later ops is not stuck behind it.
            self._oversized.add(int(wire.unpack_ops(ops)[0]["seq"]))
        self.sizer.refused(size)
        self.sizer.ops = min(self.sizer.ops, max(1, count // 2))
        state.put_many(self.store, {"inflight_batch": ""})

    def too_many(self, part: Mapping[str, Any]) -> None:
        """The server takes fewer ops at once than this batch had: cap the count, keep the byte budget."""
        ops = part.get("ops") or {}
        count = int(ops.get("n", 0)) if isinstance(ops, dict) else 0
        self.sizer.limit_ops = max(1, min(self.sizer.limit_ops, count // 2))
        self.sizer.ops = min(self.sizer.ops, self.sizer.limit_ops)
        state.put_many(self.store, {"inflight_batch": ""})

    def not_taken(self) -> None:
        """The server did not look at the batch (its feed must be read first): nothing is in flight."""
        state.put_many(self.store, {"inflight_batch": ""})

    def answered(self, part: Mapping[str, Any], size: int, reply: Mapping[str, Any], report: SyncReport) -> None:
        progressed = self.apply_reply(reply, report)
        # An echo the server did not settle (deferred) waits for the next sync, not the next batch.
        self.echo_wait.update(str(e["change"]["change_id"]) for e in part.get("echo") or [])
        count = int(part["ops"]["n"]) if isinstance(part.get("ops"), dict) else 0
        self.sizer.accepted(size)
        self.sizer.grow()
        # When bytes, not the op count, limited this batch, a larger count would only be trimmed.
        self.sizer.ops = min(self.sizer.ops, max(2 * count, 1))
        self.stalls = 0 if progressed else self.stalls + 1
        if self.stalls >= 2:
            raise SyncError("gap", "Máy chủ cấp trên đang chờ các thay đổi cũ hơn mà máy chưa gửi được; "
                                   "máy sẽ đối chiếu lại ở lần đồng bộ sau.")

    def _sendable(self, limit: int) -> list[dict[str, Any]]:
        return self.store.query(f"SELECT * FROM outbox WHERE {queue.SENDABLE_OPS} ORDER BY seq LIMIT ?", (limit,))

    def _batch_body(self, ops: list[dict[str, Any]],
                    echoes: Sequence[dict[str, Any]] = ()) -> tuple[dict[str, Any], int]:
        offered = list(ops)
        batch_id = new_id()
        while True:
            part: dict[str, Any] = {"batch": batch_id}
            if ops:
                part["ops"] = wire.pack_ops(self._wire(op) for op in ops)
            if echoes:
                # An echo travels with the desk ops around it (desk/sync/echo.py): none whose later op,
                # or earlier op on the same dossier, was trimmed out of this batch.
                trimmed = offered[len(ops):]
                cut = {int(op["seq"]) for op in trimmed}
                part["echo"] = [e for e in echoes if e["before_seq"] not in cut and not any(
                    op["entity_id"] == e["change"]["dossier_id"] and
                    (e["before_seq"] is None or int(op["seq"]) < e["before_seq"]) for op in trimmed)]
            size = wire.estimate(part)
            if len(ops) <= 1 or size <= self.sizer.max_bytes:
                return part, size
            # Trim in proportion (with a margin): one or two compressions, not a halving cascade.
            keep = int(len(ops) * self.sizer.max_bytes / size * 0.9)
            ops = ops[: max(1, min(keep, len(ops) - 1))]

    def _wire(self, op: Mapping[str, Any]) -> dict[str, Any]:
        wire_op = {k: op[k] for k in WIRE_FIELDS}
        if op.get("result_code") == queue.RETRY:
            wire_op["retry"] = True
        if int(op["seq"]) in self._oversized:
            wire_op.update(payload=None, payload_hash=op["payload_hash"], too_large=True)
        return wire_op

    def apply_reply(self, raw: Mapping[str, Any], report: SyncReport) -> int:
        """Record each op's outcome in one transaction; return how many got a final answer."""
        reply = replies.push_reply(raw)
        final = 0
        with self.store.write("sync") as uow:
            answered, waiting = echo.apply_results(uow, reply.echo_results)
            self.echo_wait.update(waiting)
            report.given_back += answered
            final += answered
            for res in reply.results:
                op = uow.one("SELECT * FROM outbox WHERE seq = ?", (res.seq,))
                if op is None:
                    continue
                effective = (res.original or p.APPLIED) if res.outcome == p.DUPLICATE else res.outcome
                code, message = res.code, res.message_vi
                if res.outcome == p.DUPLICATE:
                    report.duplicates += 1
                if effective == p.APPLIED:
                    new_state, code, message = "acked", None, None
                    report.applied += res.outcome == p.APPLIED
                elif effective == p.CONFLICT:
                    new_state = "conflict"
                    report.conflicts += 1
                    report.conflict_dossiers.add(str(op["entity_id"]))
                    if uow.one("SELECT 1 FROM sync_conflicts WHERE op_id = ?", (op["op_id"],)) is None:
                        state.store_conflict(uow, op["entity_id"], res.raw, "push", op_id=op["op_id"])
                elif effective == p.REJECTED:
                    new_state = "rejected"
                    report.rejected += 1
                else:
                    new_state = "deferred"
                    report.deferred += 1
                if new_state != "deferred" or code == p.HELD:
                    final += 1
                uow.execute(
                    "UPDATE outbox SET state = ?, result_code = ?, result_message = ?, attempts = attempts + 1, "
                    "acked_at = ? WHERE seq = ?",
                    (new_state, code, message, iso(uow.now) if new_state != "deferred" else None, res.seq))
            if reply.acked is not None:
                state.put(uow, "server_acked", reply.acked)
            if reply.batch_id is not None and state.get(self.store, "inflight_batch") == reply.batch_id:
                state.put(uow, "inflight_batch", "")
        return final
