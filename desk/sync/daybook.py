"""The day close (docs/sync.md rule 11): the day's ops compared with the district, what it lacks sent again.

"Matched" is said only when the server agreed *and* nothing waits in the queue; every attempt is kept
in `day_closes` with what the server said.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from desk.clock import iso
from desk.store import Store
from desk.sync import protocol as p
from desk.sync import queue, replies
from desk.sync.reports import Cancel, DayCloseReport, Progress, SyncError, SyncReport
from desk.sync.session import Session
from desk.sync.transport import TransportError

ROUNDS = 3


class DayBook:
    def __init__(self, session: Session, store: Store) -> None:
        self.session = session
        self.store = store

    def close(self, day: date, sync: Callable[[], SyncReport], progress: Progress, cancel: Cancel,
              steps: Sequence[Callable[[], str]] = ()) -> DayCloseReport:
        """`sync` runs one full sync under the caller's lock; it runs first, and again after a re-send.
        `steps` are the desk's own closing work (the till's close, desk/fees/till.py), run before the
        first sync so what they record is reconciled with the rest of the day; each returns a line for
        the report. A step that refuses (a bad counted amount) stops the close before anything is sent."""
        notes = [note for step in steps if (note := step())]
        first = sync()
        if first.error is not None:
            return self._record(day, False, {}, {}, 0, first.error.message_vi, notes)
        resent = 0
        reply = replies.DayReply(False, [], {})
        counts: dict[str, int] = {}
        for _round in range(ROUNDS):
            ids, counts = self.day_ids(day)
            progress("Đang đối chiếu sổ trong ngày với cấp trên", 0, 0)
            body: dict[str, Any] = {"day": day.isoformat(), "counts": counts, "ids_hash": p.ids_hash(ids)}
            try:
                reply = replies.day_reply(self.session.call("POST", "/daybook/close", cancel=cancel, body=body))
                if reply.matched:
                    break
                reply = replies.day_reply(self.session.call("POST", "/daybook/close", cancel=cancel,
                                                            body={**body, "op_ids": ids}))
            except (TransportError, SyncError) as e:
                return self._record(day, False, counts, {}, resent, e.message_vi, notes)
            if not reply.missing:
                break
            resent += self._requeue(day, reply.missing)
            again = sync()
            if again.error is not None:
                return self._record(day, False, counts, reply.server_counts, resent, again.error.message_vi, notes)
        return self._record(day, reply.matched, counts, reply.server_counts, resent, "", notes)

    def day_ids(self, day: date) -> tuple[list[str], dict[str, int]]:
        start, end = day.isoformat(), (day + timedelta(days=1)).isoformat()
        rows = self.store.query("SELECT op_id, entity, kind FROM outbox WHERE created_at >= ? AND created_at < ?",
                                (start, end))
        ids = [r["op_id"] for r in rows]
        counts = {"ops": len(ids), "dossiers": sum(1 for r in rows if r["kind"] == "receive")}
        receipts = sum(1 for r in rows if r["entity"] == "receipt" and r["kind"] == "issue")
        if receipts:  # a day without fees keeps the counts it always had
            counts["receipts"] = receipts
        return ids, counts

    def _requeue(self, day: date, missing: list[str]) -> int:
        resent = 0
        with self.store.write("sync") as uow:
            for i in range(0, len(missing), 500):
                chunk = missing[i:i + 500]
                # Back to pending with nothing of its earlier answer left: an old error text would still
                # show on a change that is now simply waiting to go again.
                cur = uow.execute("UPDATE outbox SET state = 'pending', result_code = NULL, result_message = NULL, "
                                  "acked_at = NULL "
                                  f"WHERE op_id IN ({','.join('?' * len(chunk))})", chunk)
                resent += cur.rowcount
            uow.audit("day_close_resend", "daybook", day.isoformat(), {"missing": len(missing)})
        return resent

    def _record(self, day: date, server_agreed: bool, counts: dict[str, int], server_counts: dict[str, Any],
                resent: int, error: str, notes: Sequence[str] = ()) -> DayCloseReport:
        pending = queue.pending_count(self.store)
        matched = server_agreed and pending == 0
        if matched:
            receipts = f"{counts['receipts']} biên lai, " if counts.get("receipts") else ""
            message = (f"Đã chốt sổ ngày {day:%d/%m/%Y}: khớp với cấp trên "
                       f"({counts.get('dossiers', 0)} hồ sơ, {receipts}{counts.get('ops', 0)} thay đổi).")
        elif error:
            message = f"Chưa chốt được sổ ngày {day:%d/%m/%Y}: {error}"
        elif pending:
            message = (f"Chưa khớp: còn {pending} thay đổi chưa được cấp trên xác nhận; "
                       "hãy xem danh sách lỗi đồng bộ.")
        else:
            message = f"Chưa khớp: cấp trên chưa xác nhận đủ dữ liệu ngày {day:%d/%m/%Y}; hãy đồng bộ lại."
        if notes:
            message = " ".join([message, *notes])
        report = DayCloseReport(day.isoformat(), matched, server_agreed, pending == 0, counts, dict(server_counts),
                                resent, pending, message, list(notes))
        with self.store.write("sync") as uow:
            uow.insert("day_closes", {
                "day": day.isoformat(), "matched": 1 if matched else 0, "closed_at": iso(uow.now),
                "counts": json.dumps(counts), "server_reply": json.dumps(
                    {"server_agreed": server_agreed, "server_counts": server_counts, "error": error,
                     "pending": pending}, ensure_ascii=False)})
            uow.audit("day_close", "daybook", day.isoformat(), {"matched": matched, "pending": pending})
        return report
