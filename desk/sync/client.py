"""The desk's sync client: enrollment, then push → pull → reference data, one sync at a time.

Push (SYNC.md rules 3–5, 9): the outbox is sent in device-sequence order in gzip batches that start at
50 ops (and at most 64 KB compressed), double after each success and halve after a timeout or a 413. A
batch id is saved before sending; when the reply is lost the client asks `GET /push/{batch_id}` for the
stored reply instead of guessing, and re-sending is always safe because the server deduplicates by op_id.
Each reply is applied to the outbox in one local transaction. Before pushing, the client asks the server
how far it has acknowledged each epoch: ops the server no longer remembers (its database was restored
from a backup) go back to pending and are sent again.

Pull (rule 8): each page is checked against its checksum, then the changes and the new cursor are saved
in one local transaction; a change already applied (by change id) is skipped. District status changes
are applied through `store.write()` without an outbox op, as `origin='district'` actions; a status the
desk changed meanwhile is kept, and both values are stored in `sync_conflicts` for a person.
"""

from __future__ import annotations

import base64
import json
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desk import lifecycle as lc
from desk.clock import iso
from desk.errors import DeskError, TransitionError
from desk.ids import new_id
from desk.services import Desk
from desk.store import UnitOfWork
from desk.sync import echo, recovery, state
from desk.sync import protocol as p
from desk.sync.lock import SyncLock
from desk.sync.reports import (
    Cancel,
    DayCloseReport,
    NeverCancel,
    Progress,
    SyncError,
    SyncReport,
    SyncStatus,
    no_progress,
)
from desk.sync.transport import HttpTransport, Transport, TransportError

START_OPS = 50
MAX_OPS = 1000
START_BYTES = 64 * 1024
MAX_BYTES = 512 * 1024
PULL_PAGE = 200
RETRY = "retry_requested"  # outbox.result_code of an op a person asked to send again
# Fields of a dossier the district owns once it holds the dossier (SYNC.md rule 7).
DISTRICT_FIELDS = ("status", "result_at", "paused_at")
WIRE_FIELDS = ("seq", "op_id", "epoch", "prev_seq", "entity", "entity_id", "kind", "payload", "created_at")


@dataclass
class BatchSizer:
    """Adaptive batch size: grow on success, halve on timeout or 413 (SYNC.md rule 9)."""

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


@dataclass
class RetryPolicy:
    """Retries inside one sync: exponential backoff with full jitter, bounded by `attempts`."""

    attempts: int = 4
    base: float = 0.5
    cap: float = 8.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0, min(self.cap, self.base * (2 ** attempt)))


class SyncClient:
    def __init__(self, desk: Desk, *, transport: Transport | None = None, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.desk = desk
        self.store = desk.store
        self._transport = transport
        self._injected = transport is not None
        self._online: bool | None = None
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.sizer = BatchSizer()
        self._oversized: set[int] = set()
        self._echo_wait: set[str] = set()  # echoes the server deferred in this sync (district.echo)
        self.lock = SyncLock(desk.data_dir / "sync.lock")

    # --- plumbing ---------------------------------------------------------------------------------
    @property
    def transport(self) -> Transport:
        if self._transport is None:
            ident = state.identity(self.store)
            url = ident["server_url"] if ident else str(self.desk.settings.get("sync.server_url"))
            if not url:
                raise SyncError("not_enrolled", "Máy chưa đăng ký với máy chủ cấp trên (lệnh «desk enroll»).",
                                retryable=False)
            self._transport = HttpTransport(url)
        return self._transport

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            if not self._injected:
                self._transport = None

    def _call(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
              auth: bool = True, cancel: Cancel | None = None, headers: dict[str, str] | None = None,
              retry: bool = True) -> dict[str, Any]:
        """One request with token refresh and bounded retries; records online/offline."""
        attempt = 0
        refreshed = False
        while True:
            if cancel is not None and cancel.is_set():
                raise SyncError("cancelled", "Đã dừng đồng bộ theo yêu cầu.")
            token = self._token(cancel) if auth else None
            try:
                reply = self.transport.request(method, path, body=body, params=params, token=token,
                                               headers=headers)
            except TransportError as e:
                if e.status:
                    self._mark_online(True)
                if e.code == "device_revoked":
                    self._mark_revoked(e.message_vi)
                    raise SyncError(e.code, e.message_vi, retryable=False) from None
                if e.status == 401 and auth and not refreshed:
                    refreshed = True
                    self._forget_token()
                    continue
                if not e.status:
                    self._mark_online(False)
                if not retry or not e.retryable or e.status == 413 or attempt + 1 >= self.retry.attempts:
                    raise
                self.sleep(self.retry.delay(attempt))
                attempt += 1
                continue
            self._mark_online(True)
            return reply

    def _mark_online(self, online: bool) -> None:
        self._online = online

    # --- identity ---------------------------------------------------------------------------------
    def enroll(self, url: str, code: str, *, name: str = "") -> dict[str, Any]:
        """Enrol this desk with a one-time code; the private key never leaves this database."""
        profile = self.desk.office.require()
        device = self.store.device()
        key = Ed25519PrivateKey.generate()
        private = base64.b64encode(key.private_bytes_raw()).decode()
        public = base64.b64encode(key.public_key().public_bytes_raw()).decode()
        if not self._injected:
            self.close()
            self._transport = HttpTransport(url)
        try:
            reply = self._call("POST", "/devices/enroll", auth=False, body={
                "code": code.strip(), "device_id": device["device_id"], "public_key": public,
                "name": name or f"{profile.name} — quầy {device['desk_no']}", "commune": profile.agency_code})
        except TransportError as e:
            raise SyncError(e.code, e.message_vi, retryable=e.retryable) from None
        with self.store.write("sync") as uow:
            uow.execute("DELETE FROM sync_identity")
            uow.insert("sync_identity", {
                "id": 1, "server_url": url.rstrip("/"), "server_id": str(reply.get("server_id", "")),
                "commune": str(reply["commune"]), "private_key": private, "public_key": public,
                "enrolled_at": iso(uow.now)})
            uow.execute("DELETE FROM sync_state WHERE name IN ('token', 'last_error')")
            uow.execute("INSERT INTO settings (name, value) VALUES ('sync.server_url', ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (url.rstrip("/"),))
            uow.audit("sync_enrolled", "device", str(device["device_id"]),
                      {"server": url, "commune": reply["commune"]})
        return reply

    def _identity(self) -> dict[str, Any]:
        ident = state.identity(self.store)
        if ident is None:
            raise SyncError("not_enrolled", "Máy chưa đăng ký với máy chủ cấp trên: hãy nhập mã đăng ký do cấp "
                                            "trên cấp (lệnh «desk enroll --server … --code …»).", retryable=False)
        if ident["revoked_at"]:
            raise SyncError("device_revoked", ident["revoked_message"] or "Máy này đã bị thu hồi quyền đồng bộ.",
                            retryable=False)
        return ident

    def _token(self, cancel: Cancel | None) -> str:
        cached = state.get(self.store, "token")
        if cached:
            return cached
        ident = self._identity()
        device_id = str(self.store.device()["device_id"])
        nonce = self._call("POST", "/auth/challenge", auth=False, body={"device_id": device_id},
                           cancel=cancel)["nonce"]
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(ident["private_key"]))
        signature = base64.b64encode(key.sign(p.challenge_message(nonce, device_id))).decode()
        token = str(self._call("POST", "/auth/token", auth=False, cancel=cancel, body={
            "device_id": device_id, "nonce": nonce, "signature": signature})["token"])
        state.put_many(self.store, {"token": token})
        return token

    def _forget_token(self) -> None:
        with self.store.write("sync") as uow:
            uow.execute("DELETE FROM sync_state WHERE name = 'token'")

    def _mark_revoked(self, message_vi: str) -> None:
        with self.store.write("sync") as uow:
            uow.execute("UPDATE sync_identity SET revoked_at = ?, revoked_message = ? WHERE id = 1",
                        (iso(uow.now), message_vi))
            state.put(uow, "last_error", message_vi)
            uow.audit("sync_revoked", "device", str(self.store.device()["device_id"]), {"message": message_vi})

    # --- one full sync ----------------------------------------------------------------------------
    def sync_once(self, progress: Progress | None = None, cancel: Cancel | None = None) -> SyncReport:
        """Push the outbox, pull the district's changes, refresh reference data. Never raises for a
        network problem: the report carries the error and the loop schedules the retry."""
        with self.lock:
            return self._sync_locked(progress or no_progress, cancel or NeverCancel())

    def _sync_locked(self, progress: Progress, cancel: Cancel) -> SyncReport:
        report = SyncReport()
        self._online = None
        self._echo_wait = set()
        counters = getattr(self._transport, "counters", None)
        before = (counters.requests, counters.bytes_sent, counters.bytes_received) if counters else (0, 0, 0)
        started = iso(self.store.clock())
        try:
            self._identity()
            progress("Kiểm tra với máy chủ cấp trên", 0, 0)
            server = self._check_state(report, cancel)
            self._recover(report, cancel)
            if server.get("feed_ok") is False:
                # The district lost changes this desk pulled (its database was restored): read its feed
                # to the end first, so the steps it lost go back up ahead of this desk's own later
                # work on the same dossiers (desk/sync/echo.py).
                self._pull(report, progress, cancel)
            self._push(report, progress, cancel)
            self._pull(report, progress, cancel)
            self._refdata(server.get("refdata") or {}, report, cancel)
            report.ok = True
        except SyncError as e:
            report.error = e
        except TransportError as e:
            report.error = SyncError(e.code, e.message_vi, retryable=e.retryable)
        except DeskError as e:
            report.error = SyncError(e.code, e.message_vi, retryable=False)
        except (KeyError, TypeError, ValueError) as e:
            # A reply that does not have the shape this protocol version promises.
            report.error = SyncError("bad_reply", "Máy chủ cấp trên trả lời không đúng dạng "
                                     f"({type(e).__name__}); máy sẽ thử lại sau.")
        report.pending = self.pending_count()
        counters = getattr(self._transport, "counters", None)
        if counters is not None:
            report.round_trips = counters.requests - before[0]
            report.bytes_sent = counters.bytes_sent - before[1]
            report.bytes_received = counters.bytes_received - before[2]
        values: dict[str, object] = {"last_attempt": started, "online": "" if self._online is None else
                                     ("1" if self._online else "0")}
        if report.ok:
            values["last_success"] = iso(self.store.clock())
            values["last_error"] = ""
        elif report.error is not None:
            values["last_error"] = report.error.message_vi
        state.put_many(self.store, values)
        progress(report.message_vi(), 1, 1)
        return report

    def _check_state(self, report: SyncReport, cancel: Cancel) -> dict[str, Any]:
        device_id = str(self.store.device()["device_id"])
        reply = self._call("GET", f"/devices/{device_id}/state", cancel=cancel,
                           params={"cursor": state.get(self.store, "pull_cursor.status")},
                           headers={"X-Desk-Time": iso(self.store.clock())})
        acked = {int(k): int(v) for k, v in dict(reply.get("acked") or {}).items()}
        offset = reply.get("clock_offset_s")
        with self.store.write("sync") as uow:
            # Ops the desk holds as answered but the server no longer has: it was restored from an
            # older copy. Back to pending; the server deduplicates anything it still has.
            forgotten = 0
            for epoch_row in uow.all("SELECT DISTINCT epoch FROM outbox WHERE state != 'pending'"):
                epoch = int(epoch_row["epoch"])
                cur = uow.execute(
                    "UPDATE outbox SET state = 'pending', result_code = NULL, result_message = NULL, acked_at = NULL "
                    "WHERE epoch = ? AND seq > ? AND state != 'pending' AND NOT (state = 'deferred' AND "
                    "result_code = ?)", (epoch, acked.get(epoch, 0), p.GAP))
                forgotten += cur.rowcount
            if forgotten:
                report.resent_after_server_restore = forgotten
                uow.audit("sync_server_forgot", "outbox", "", {"ops": forgotten, "acked": acked})
                report.warnings.append(f"Máy chủ cấp trên không còn {forgotten} thay đổi đã nhận trước đây "
                                       "(có thể đã khôi phục dữ liệu cũ); máy sẽ gửi lại.")
            state.put(uow, "server_acked", acked)
            if isinstance(offset, int):
                state.put(uow, "clock_offset_s", str(offset))
                if abs(offset) > p.CLOCK_WARNING_SECONDS:
                    warning = clock_warning_vi(offset)
                    report.warnings.append(warning)
                    if state.get(self.store, "clock_warning") != warning:
                        uow.audit("clock_offset", "device", device_id, {"offset_s": offset})
                    state.put(uow, "clock_warning", warning)
                else:
                    state.put(uow, "clock_warning", "")
        return reply

    def _recover(self, report: SyncReport, cancel: Cancel) -> None:
        """After a restore of this desk's database: put back its own work the server still holds."""
        if not recovery.lost_ranges(self.store):
            return
        device_id = str(self.store.device()["device_id"])

        def fetch(after: int, through: int) -> list[dict[str, Any]]:
            reply = self._call("GET", f"/devices/{device_id}/ops", cancel=cancel,
                               params={"after_seq": after, "through_seq": through, "limit": 200})
            return list(reply.get("ops") or [])

        restored = recovery.recover(self.store, fetch)
        if restored:
            report.recovered = restored
            report.warnings.append(f"Máy đã lấy lại từ cấp trên {restored} thay đổi bị mất khi khôi phục "
                                   "dữ liệu từ bản sao lưu.")

    # --- push -------------------------------------------------------------------------------------
    def _sendable(self, limit: int) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT * FROM outbox WHERE state = 'pending' OR (state = 'deferred' AND result_code = ?) "
            "ORDER BY seq LIMIT ?", (p.GAP, limit))

    def pending_count(self) -> int:
        """Changes the district has not confirmed: own ops, and district steps it lost and must take back."""
        return int(self.store.scalar(
            "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'deferred')") or 0) + echo.pending_count(self.store)

    def _push(self, report: SyncReport, progress: Progress, cancel: Cancel) -> None:
        self._settle_inflight(report, cancel)
        total = int(self.store.scalar(
            "SELECT COUNT(*) FROM outbox WHERE state = 'pending' OR (state = 'deferred' AND result_code = ?)",
            (p.GAP,)) or 0) + echo.pending_count(self.store)
        done = 0
        stalls = 0
        while True:
            if cancel.is_set():
                raise SyncError("cancelled", "Đã dừng đồng bộ theo yêu cầu.")
            ops = self._sendable(self.sizer.ops)
            echoes = echo.sendable(self.store, int(ops[-1]["seq"]) if ops else 2 ** 62, self._echo_wait)
            if not ops and not echoes:
                return
            progress(f"Đang gửi hồ sơ lên cấp trên ({done}/{total})", done, total)
            body, ops = self._batch_body(ops, echoes)
            batch_id = str(body["batch_id"])
            state.put_many(self.store, {"inflight_batch": batch_id})
            try:
                reply = self._send_batch(body, cancel)
            except TransportError as e:
                if e.status == 413 or e.code == "too_large":
                    if len(ops) == 1:
                        # Even alone it does not fit: next time only its hash goes, so the server stores
                        # a "rejected" outcome and the chain of later ops is not stuck behind it.
                        self._oversized.add(int(ops[0]["seq"]))
                    self.sizer.refused(len(p.gzip_body(body)))
                    self.sizer.ops = min(self.sizer.ops, max(1, len(ops) // 2))
                    state.put_many(self.store, {"inflight_batch": ""})
                    continue
                raise
            progressed = self._apply_push_reply(reply, report)
            # An echo the server did not settle (deferred) waits for the next sync, not the next batch.
            self._echo_wait.update(str(e["change"]["change_id"]) for e in body.get("echo") or [])
            done += progressed
            self.sizer.accepted(len(p.gzip_body(body)))
            self.sizer.grow()
            # When bytes, not the op count, limited this batch, a larger count would only be trimmed.
            self.sizer.ops = min(self.sizer.ops, 2 * len(ops))
            stalls = 0 if progressed else stalls + 1
            if stalls >= 2:
                raise SyncError("gap", "Máy chủ cấp trên đang chờ các thay đổi cũ hơn mà máy chưa gửi được; "
                                       "máy sẽ đối chiếu lại ở lần đồng bộ sau.")

    def _batch_body(self, ops: list[dict[str, Any]],
                    echoes: Sequence[dict[str, Any]] = ()) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        offered = list(ops)
        while True:
            body: dict[str, Any] = {"batch_id": new_id(), "ops": [self._wire(op) for op in ops]}
            if echoes:
                # An echo travels with the desk ops around it (desk/sync/echo.py): none whose later op,
                # or earlier op on the same dossier, was trimmed out of this batch.
                trimmed = offered[len(ops):]
                cut = {int(op["seq"]) for op in trimmed}
                body["echo"] = [e for e in echoes if e["before_seq"] not in cut and not any(
                    op["entity_id"] == e["change"]["dossier_id"] and
                    (e["before_seq"] is None or int(op["seq"]) < e["before_seq"]) for op in trimmed)]
            size = len(p.gzip_body(body))
            if len(ops) <= 1 or size <= self.sizer.max_bytes:
                return body, ops
            # Trim in proportion (with a margin): one or two compressions, not a halving cascade.
            keep = int(len(ops) * self.sizer.max_bytes / size * 0.9)
            ops = ops[: max(1, min(keep, len(ops) - 1))]

    def _wire(self, op: Mapping[str, Any]) -> dict[str, Any]:
        wire = {k: op[k] for k in WIRE_FIELDS}
        if op.get("result_code") == RETRY:
            wire["retry"] = True
        if int(op["seq"]) in self._oversized:
            wire.update(payload=None, payload_hash=op["payload_hash"], too_large=True)
        return wire

    def _send_batch(self, body: dict[str, Any], cancel: Cancel) -> dict[str, Any]:
        """Send once; after a timeout or a cut, ask for the stored reply before sending again."""
        compressed = p.gzip_body(body)
        attempt = 0
        while True:
            try:
                return self._call("POST", "/push", body=compressed, cancel=cancel, retry=False)
            except TransportError as e:
                if e.status == 413 or (e.status and not e.retryable):
                    raise
                if e.code in ("timeout", "network"):
                    self.sizer.halve()
                if e.maybe_delivered:
                    stored = self._stored_reply(str(body["batch_id"]), cancel)
                    if stored is not None:
                        return stored
                attempt += 1
                if attempt >= self.retry.attempts:
                    raise
                self.sleep(self.retry.delay(attempt))

    def _stored_reply(self, batch_id: str, cancel: Cancel) -> dict[str, Any] | None:
        try:
            return self._call("GET", f"/push/{batch_id}", cancel=cancel)
        except TransportError as e:
            if e.code == "unknown_batch":
                return None
            raise

    def _settle_inflight(self, report: SyncReport, cancel: Cancel) -> None:
        """A batch sent before a crash or a lost reply: take its stored answer if the server has one."""
        batch_id = state.get(self.store, "inflight_batch")
        if not batch_id:
            return
        stored = self._stored_reply(batch_id, cancel)
        if stored is not None:
            self._apply_push_reply(stored, report)
        else:
            state.put_many(self.store, {"inflight_batch": ""})

    def _apply_push_reply(self, reply: Mapping[str, Any], report: SyncReport) -> int:
        """Record each op's outcome in one transaction; return how many got a final answer."""
        final = 0
        with self.store.write("sync") as uow:
            answered, waiting = echo.apply_results(uow, reply.get("echo_results") or [])
            self._echo_wait.update(waiting)
            report.given_back += answered
            final += answered
            for res in reply.get("results") or []:
                seq = int(res["seq"])
                op = uow.one("SELECT * FROM outbox WHERE seq = ?", (seq,))
                if op is None:
                    continue
                outcome = str(res["outcome"])
                effective = str(res.get("original") or p.APPLIED) if outcome == p.DUPLICATE else outcome
                code, message = res.get("code"), res.get("message_vi")
                if outcome == p.DUPLICATE:
                    report.duplicates += 1
                if effective == p.APPLIED:
                    new_state, code, message = "acked", None, None
                    report.applied += outcome == p.APPLIED
                elif effective == p.CONFLICT:
                    new_state = "conflict"
                    report.conflicts += 1
                    report.conflict_dossiers.add(str(op["entity_id"]))
                    known = uow.one("SELECT 1 FROM sync_conflicts WHERE op_id = ?", (op["op_id"],))
                    if known is None:
                        self._store_conflict(uow, op["entity_id"], res, "push", op_id=op["op_id"])
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
                    (new_state, code, message, iso(uow.now) if new_state != "deferred" else None, seq))
            if reply.get("acked") is not None:
                state.put(uow, "server_acked", reply["acked"])
            if state.get(self.store, "inflight_batch") == reply.get("batch_id"):
                state.put(uow, "inflight_batch", "")
        return final

    @staticmethod
    def _store_conflict(uow: UnitOfWork, dossier_id: str, res: Mapping[str, Any], source: str, *,
                        op_id: str | None = None, change_id: str | None = None) -> None:
        uow.insert("sync_conflicts", {
            "id": new_id(), "dossier_id": dossier_id, "field": str(res.get("field") or "status"),
            "desk_value": res.get("desk_value"), "district_value": res.get("district_value"), "source": source,
            "op_id": op_id, "change_id": change_id, "message_vi": str(res.get("message_vi") or ""),
            "created_at": iso(uow.now)})

    # --- pull -------------------------------------------------------------------------------------
    def _pull(self, report: SyncReport, progress: Progress, cancel: Cancel) -> None:
        for _page in range(10_000):
            if cancel.is_set():
                raise SyncError("cancelled", "Đã dừng đồng bộ theo yêu cầu.")
            cursor = state.get(self.store, "pull_cursor.status")
            reply = self._call("GET", "/pull", params={"stream": "status", "cursor": cursor, "limit": PULL_PAGE},
                               cancel=cancel)
            changes = reply.get("changes") or []
            if p.page_checksum(changes) != reply.get("checksum"):
                # A damaged page is never applied: the cursor stays, and the next request refetches.
                raise SyncError("corrupt_page", "Dữ liệu nhận từ cấp trên bị hỏng trên đường truyền; "
                                                "máy sẽ tải lại.")
            applied, clashes, lost = self.apply_changes(changes, str(reply.get("cursor") or ""),
                                                          reset=bool(reply.get("reset")),
                                                          last=not reply.get("has_more"))
            if lost:
                report.district_lost += lost
                report.warnings.append(f"Cấp trên đã mất {lost} bước xử lý hồ sơ mà máy này còn giữ (dữ liệu cấp "
                                       "trên được khôi phục từ bản cũ); máy sẽ gửi lại cho cấp trên.")
            report.pulled += applied
            report.pull_conflicts += len(clashes)
            report.conflict_dossiers |= clashes
            progress(f"Đã nhận {report.pulled} cập nhật từ cấp trên", report.pulled, 0)
            if not reply.get("has_more"):
                return

    def apply_changes(self, changes: Sequence[Mapping[str, Any]], cursor: str, *, reset: bool = False,
                      last: bool = False) -> tuple[int, set[str], int]:
        """Apply one page and save its cursor in the same transaction (SYNC.md rule 8). `reset`: the
        server restarted its feed (restored); `last`: nothing more to read. Returns (applied, the
        dossiers whose change conflicted, district steps found lost at the end of a re-read, see
        desk/sync/echo.py)."""
        applied = lost = 0
        clashes: set[str] = set()
        with self.store.write("district") as uow:
            if reset:
                echo.start_pass(uow)
            for change in changes:
                outcome = self._apply_change(uow, change)
                applied += outcome == "applied"
                if outcome == "conflict":
                    clashes.add(str(change["dossier_id"]))
            state.put(uow, "pull_cursor.status", cursor)
            if last:
                lost = echo.finish_pass(uow)
        return applied, clashes, lost

    def _apply_change(self, uow: UnitOfWork, change: Mapping[str, Any]) -> str:
        change_id = str(change["change_id"])
        if uow.one("SELECT 1 FROM sync_applied WHERE change_id = ?", (change_id,)):
            echo.seen_again(uow, change_id)
            return "already"
        action = dict(change["action"])
        dossier = uow.one("SELECT * FROM dossiers WHERE id = ?", (change["dossier_id"],))
        outcome = "skipped"
        if dossier is not None:
            outcome = self._apply_district_action(uow, dossier, action, dict(change.get("changes") or {}),
                                                  change_id)
        echo.record_applied(uow, change, outcome)
        return outcome

    def _apply_district_action(self, uow: UnitOfWork, dossier: dict[str, Any], action: dict[str, Any],
                               changes: dict[str, Any], change_id: str) -> str:
        kind = str(action["kind"])
        to_status = str(action["to_status"])
        ok = dossier["status"] == action.get("from_status")
        if ok:
            try:
                lc.check(kind, dossier, origin="district")
            except TransitionError:
                ok = False
        if not ok:
            if dossier["status"] == to_status:
                return "already"  # both sides reached the same status: nothing to choose between
            label = lc.STATUS_LABELS_VI
            msg = (f"Hồ sơ {dossier['code']}: cấp trên chuyển sang «{label.get(to_status, to_status)}», nhưng tại "
                   f"Một cửa hồ sơ đang «{label.get(dossier['status'], dossier['status'])}». Cả hai giá trị được "
                   "giữ lại; hãy liên hệ cấp trên để thống nhất trạng thái đúng.")
            self._store_conflict(uow, dossier["id"], {"field": "status", "desk_value": dossier["status"],
                                                      "district_value": to_status, "message_vi": msg},
                                 "pull", change_id=change_id)
            return "conflict"
        values = {k: changes[k] for k in DISTRICT_FIELDS if k in changes}
        values["status"] = to_status
        values["status_at"] = iso(uow.now)
        values["updated_at"] = iso(uow.now)
        uow.update("dossiers", {"id": dossier["id"]}, values)
        raw = action.get("data") or "{}"
        data = dict(json.loads(raw) if isinstance(raw, str) else raw)
        # The log is ordered by desk time; when the district did it stays in the data.
        data["district_at"] = str(action.get("at") or "")
        uow.insert("dossier_actions", {
            "id": str(action.get("id") or new_id()), "dossier_id": dossier["id"], "kind": kind,
            "from_status": dossier["status"], "to_status": to_status, "at": iso(uow.now),
            "by_officer": str(action.get("by_officer") or "cấp trên"), "note": str(action.get("note") or ""),
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True), "origin": "district"})
        uow.record(f"district_{kind}", "dossier", dossier["id"], {"change_id": change_id, "changes": values},
                   sync=False, audit_detail={"code": dossier["code"], "action": kind, "to": to_status})
        return "applied"

    # --- reference data ---------------------------------------------------------------------------
    def _refdata(self, server_versions: Mapping[str, Any], report: SyncReport, cancel: Cancel) -> None:
        for name in ("catalog", "calendar"):
            local = int(state.get(self.store, f"refdata.{name}", "0") or 0)
            if int(server_versions.get(name, 0) or 0) <= local:
                continue
            reply = self._call("GET", f"/refdata/{name}", params={"since": local}, cancel=cancel)
            if reply.get("unchanged"):
                continue
            version = int(reply["version"])
            if name == "catalog":
                self.desk.catalog.import_records(reply.get("records") or [],
                                                 source=f"cấp trên, phiên bản {version}", actor="district")
            else:
                self._apply_calendar(reply.get("days") or [])
            # Applying again is harmless (imports compare, calendar days are upserts), so the version is
            # saved after the data: a crash in between only repeats the work.
            state.put_many(self.store, {f"refdata.{name}": str(version)})
            report.refdata[name] = version

    def _apply_calendar(self, days: Sequence[Mapping[str, Any]]) -> None:
        wanted = {str(d["day"]): d for d in days}
        for day_text, d in wanted.items():
            self.desk.calendars.set_day(date.fromisoformat(day_text), str(d["kind"]), str(d.get("note") or ""),
                                        actor="district", source="district")
        for row in self.store.query("SELECT day FROM calendar_overrides WHERE source = 'district'"):
            if row["day"] not in wanted:
                self.desk.calendars.clear_day(date.fromisoformat(row["day"]), actor="district")

    # --- day close --------------------------------------------------------------------------------
    def close_day(self, day: date | None = None, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> DayCloseReport:
        """Sync, then compare the day with the server; re-send what it lacks. "Matched" only when the
        queue is empty and the server agreed (SYNC.md rule 11)."""
        progress = progress or no_progress
        cancel = cancel or NeverCancel()
        day = day or self.store.clock().date()
        with self.lock:
            sync = self._sync_locked(progress, cancel)
            if sync.error is not None:
                return self._record_close(day, False, {}, {}, 0, sync.error.message_vi)
            resent = 0
            reply: dict[str, Any] = {}
            counts: dict[str, int] = {}
            for _round in range(3):
                ids, counts = self._day_ids(day)
                progress("Đang đối chiếu sổ trong ngày với cấp trên", 0, 0)
                try:
                    reply = self._call("POST", "/daybook/close", cancel=cancel, body={
                        "day": day.isoformat(), "counts": counts, "ids_hash": p.ids_hash(ids)})
                    if reply.get("matched"):
                        break
                    reply = self._call("POST", "/daybook/close", cancel=cancel, body={
                        "day": day.isoformat(), "counts": counts, "ids_hash": p.ids_hash(ids), "op_ids": ids})
                except (TransportError, SyncError) as e:
                    return self._record_close(day, False, counts, {}, resent, getattr(e, "message_vi", str(e)))
                missing = list(reply.get("missing") or [])
                if not missing:
                    break
                with self.store.write("sync") as uow:
                    for i in range(0, len(missing), 500):
                        chunk = missing[i:i + 500]
                        cur = uow.execute(
                            "UPDATE outbox SET state = 'pending', result_code = NULL, acked_at = NULL "
                            f"WHERE op_id IN ({','.join('?' * len(chunk))})", chunk)
                        resent += cur.rowcount
                    uow.audit("day_close_resend", "daybook", day.isoformat(), {"missing": len(missing)})
                again = self._sync_locked(progress, cancel)
                if again.error is not None:
                    return self._record_close(day, False, counts, reply.get("server_counts") or {}, resent,
                                              again.error.message_vi)
            return self._record_close(day, bool(reply.get("matched")), counts, reply.get("server_counts") or {},
                                      resent, "")

    def _day_ids(self, day: date) -> tuple[list[str], dict[str, int]]:
        start, end = day.isoformat(), date.fromordinal(day.toordinal() + 1).isoformat()
        rows = self.store.query("SELECT op_id, kind FROM outbox WHERE created_at >= ? AND created_at < ?",
                                (start, end))
        ids = [r["op_id"] for r in rows]
        return ids, {"ops": len(ids), "dossiers": sum(1 for r in rows if r["kind"] == "receive")}

    def _record_close(self, day: date, server_agreed: bool, counts: dict[str, int],
                      server_counts: dict[str, int], resent: int, error: str) -> DayCloseReport:
        pending = self.pending_count()
        matched = server_agreed and pending == 0
        if matched:
            message = (f"Đã chốt sổ ngày {day:%d/%m/%Y}: khớp với cấp trên "
                       f"({counts.get('dossiers', 0)} hồ sơ, {counts.get('ops', 0)} thay đổi).")
        elif error:
            message = f"Chưa chốt được sổ ngày {day:%d/%m/%Y}: {error}"
        elif pending:
            message = (f"Chưa khớp: còn {pending} thay đổi chưa được cấp trên xác nhận; "
                       "hãy xem danh sách lỗi đồng bộ.")
        else:
            message = f"Chưa khớp: cấp trên chưa xác nhận đủ dữ liệu ngày {day:%d/%m/%Y}; hãy đồng bộ lại."
        report = DayCloseReport(day.isoformat(), matched, server_agreed, pending == 0, counts, dict(server_counts),
                                resent, pending, message)
        with self.store.write("sync") as uow:
            uow.insert("day_closes", {
                "day": day.isoformat(), "matched": 1 if matched else 0, "closed_at": iso(uow.now),
                "counts": json.dumps(counts), "server_reply": json.dumps(
                    {"server_agreed": server_agreed, "server_counts": server_counts, "error": error,
                     "pending": pending}, ensure_ascii=False)})
            uow.audit("day_close", "daybook", day.isoformat(), {"matched": matched, "pending": pending})
        return report

    # --- what the window shows --------------------------------------------------------------------
    def status(self) -> SyncStatus:
        ident = state.identity(self.store)
        if ident is None:
            return SyncStatus(enrolled=False, pending=self.pending_count())
        online_raw = state.get(self.store, "online")
        offset = state.get(self.store, "clock_offset_s")
        issues = self.store.query(
            "SELECT o.seq, o.entity_id AS dossier_id, d.code, o.kind, o.state, o.result_code, o.result_message "
            "FROM outbox o LEFT JOIN dossiers d ON d.id = o.entity_id "
            "WHERE o.state = 'rejected' OR (o.state = 'deferred' AND o.result_code = ?) ORDER BY o.seq", (p.HELD,))
        for issue in issues:
            issue["what_to_do_vi"] = what_to_do_vi(issue["result_code"])
        conflicts = self.store.query(
            "SELECT c.*, d.code FROM sync_conflicts c LEFT JOIN dossiers d ON d.id = c.dossier_id "
            "WHERE c.resolved_at IS NULL ORDER BY c.created_at")
        return SyncStatus(
            enrolled=True, server_url=ident["server_url"], commune=ident["commune"],
            revoked=bool(ident["revoked_at"]),
            online=None if not online_raw else online_raw == "1",
            pending=self.pending_count(), last_success=state.get(self.store, "last_success"),
            last_attempt=state.get(self.store, "last_attempt"), next_retry=state.get(self.store, "next_retry"),
            last_error=ident["revoked_message"] if ident["revoked_at"] else state.get(self.store, "last_error"),
            clock_offset_s=int(offset) if offset else None, clock_warning=state.get(self.store, "clock_warning"),
            issues=issues, conflicts=conflicts)

    def dossier_states(self, dossier_ids: Sequence[str] | None = None) -> dict[str, str]:
        """Each dossier's sync state, the worst of its ops: 'synced' only when every op was acknowledged."""
        rows = self.store.query(
            "SELECT entity_id, "
            "SUM(state = 'rejected') AS rejected, "
            "SUM(state = 'deferred' AND result_code = ?) AS held, "
            "SUM(state = 'pending' OR (state = 'deferred' AND COALESCE(result_code, '') != ?)) AS pending "
            "FROM outbox WHERE entity = 'dossier' GROUP BY entity_id", (p.HELD, p.HELD))
        open_conflicts = {r["dossier_id"] for r in self.store.query(
            "SELECT DISTINCT dossier_id FROM sync_conflicts WHERE resolved_at IS NULL")}
        giving_back = echo.pending_dossiers(self.store)
        out = {}
        for r in rows:
            # An op answered "conflict" was received by the server; the dossier shows the conflict
            # for as long as a person has not settled it.
            if r["rejected"]:
                s = "rejected"
            elif r["entity_id"] in open_conflicts:
                s = "conflict"
            elif r["held"]:
                s = "held"
            elif r["pending"] or r["entity_id"] in giving_back:
                s = "pending"
            else:
                s = "synced"
            out[r["entity_id"]] = s
        if dossier_ids is not None:
            wanted = set(dossier_ids)
            return {k: v for k, v in out.items() if k in wanted}
        return out

    def retry_rejected(self, dossier_id: str, *, officer_id: str = "system") -> int:
        """After the cause was fixed (e.g. with the district), send this dossier's rejected and held
        changes again, asking the server to try them anew rather than replay its stored answer."""
        with self.store.write(officer_id) as uow:
            cur = uow.execute(
                "UPDATE outbox SET state = 'pending', result_code = ?, result_message = NULL "
                "WHERE entity_id = ? AND (state = 'rejected' OR (state = 'deferred' AND result_code = ?))",
                (RETRY, dossier_id, p.HELD))
            if cur.rowcount:
                uow.audit("sync_retry_rejected", "dossier", dossier_id, {"ops": cur.rowcount})
            return int(cur.rowcount)

    def resolve_conflict(self, conflict_id: str, note: str, *, adopt_district: bool = False,
                         officer_id: str = "system") -> None:
        """A person settled a conflict with the district (by phone, in person).

        With `adopt_district`, the desk takes the district's status (the district owns processing,
        SYNC.md rule 7): recorded as a district-origin action, with no outbox op, since the district
        already holds that value. Otherwise the desk keeps its value and the conflict is only closed.
        """
        with self.store.write(officer_id) as uow:
            row = uow.one("SELECT * FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL", (conflict_id,))
            if row is None:
                return
            dossier = uow.one("SELECT * FROM dossiers WHERE id = ?", (row["dossier_id"],))
            if adopt_district and row["field"] == "status" and dossier is not None and row["district_value"] \
                    and dossier["status"] != row["district_value"]:
                to_status = str(row["district_value"])
                uow.update("dossiers", {"id": dossier["id"]},
                           {"status": to_status, "status_at": iso(uow.now), "updated_at": iso(uow.now)})
                uow.insert("dossier_actions", {
                    "id": new_id(), "dossier_id": dossier["id"], "kind": "conflict_resolved",
                    "from_status": dossier["status"], "to_status": to_status, "at": iso(uow.now),
                    "by_officer": officer_id, "note": note, "origin": "district",
                    "data": json.dumps({"conflict_id": conflict_id}, ensure_ascii=False)})
                uow.record("conflict_adopt_district", "dossier", dossier["id"],
                           {"conflict_id": conflict_id, "status": to_status}, sync=False)
            # Every open conflict on the same field of this dossier is settled by the same decision.
            uow.execute("UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE dossier_id = ? "
                        "AND field = ? AND resolved_at IS NULL",
                        (iso(uow.now), ("adopt_district: " if adopt_district else "") + note,
                         row["dossier_id"], row["field"]))
            uow.audit("sync_conflict_resolved", "sync_conflict", conflict_id,
                      {"note": note, "adopt_district": adopt_district})

def clock_warning_vi(offset_s: int) -> str:
    minutes = round(abs(offset_s) / 60)
    amount = f"{round(minutes / 1440)} ngày" if minutes >= 1440 else f"{minutes} phút"
    side = "nhanh" if offset_s > 0 else "chậm"
    return (f"Đồng hồ máy tính đang {side} {amount} so với máy chủ cấp trên. Đồng bộ vẫn đúng, nhưng hãy chỉnh "
            "lại ngày giờ của máy để giấy hẹn in đúng ngày.")


def what_to_do_vi(code: str | None) -> str:
    return {
        "wrong_commune": "Kiểm tra mã định danh cơ quan trong phần khai báo, rồi báo cấp trên.",
        p.HELD: "Xử lý thay đổi bị từ chối trước đó của hồ sơ này; các thay đổi sau sẽ được gửi tiếp.",
        "too_large": "Báo quản trị viên: thay đổi quá lớn để gửi.",
        "op_id_reused": "Báo quản trị viên ngay: có hai nội dung khác nhau cùng một mã thay đổi.",
        "invalid_transition": "Liên hệ cấp trên để thống nhất trạng thái hồ sơ.",
    }.get(code or "", "Liên hệ cấp trên, đọc mã hồ sơ và nội dung lỗi để được hướng dẫn.")

