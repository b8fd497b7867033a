"""The day close (docs/sync.md rule 11): the day's ops compared with the district, what it lacks sent again.

"Matched" is said only when the server agreed *and* nothing waits in the queue; every attempt is kept
in `day_closes` with what the server said. The comparison rides in the sync's exchanges (no request of
its own when the day matches: desk/sync/exchange.py).
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
from desk.sync.reports import DayCloseReport, SyncReport

ROUNDS = 3


class DayCloser:
    """The day close riding in the exchanges of one sync: counts and the id hash go with the last batch
    (or alone); on a mismatch the next exchange sends the id list, and what the server lacks is queued
    again and re-sent, at most ROUNDS times."""

    def __init__(self, book: DayBook, day: date) -> None:
        self.book = book
        self.day = day
        self.want_ids = False
        self.rounds = 0
        self.done = False
        self.resent = 0
        self.counts: dict[str, int] = {}
        self.reply = replies.DayReply(False, [], {})

    def part(self) -> dict[str, Any]:
        ids, self.counts = self.book.day_ids(self.day)
        body: dict[str, Any] = {"day": self.day.isoformat(), "counts": self.counts, "ids_hash": p.ids_hash(ids)}
        if self.want_ids:
            body["op_ids"] = ids
        return body

    def answered(self, reply: replies.DayReply) -> None:
        self.reply = reply
        if reply.matched:
            self.done = True
        elif not self.want_ids:
            self.want_ids = True
        elif reply.missing and self.rounds < ROUNDS:
            self.rounds += 1
            self.resent += self.book.requeue(self.day, reply.missing)
        else:
            self.done = True

    def wants_round(self) -> bool:
        return not self.done


class DayBook:
    def __init__(self, store: Store) -> None:
        self.store = store

    def close(self, day: date, sync: Callable[[DayCloser], SyncReport],
              steps: Sequence[Callable[[], str]] = ()) -> DayCloseReport:
        """`sync` runs one full sync (under the caller's lock) with the close riding along. `steps` are the
        desk's own closing work (the till's close, desk/fees/till.py), run before the sync so what they
        record is reconciled with the rest of the day; each returns a line for the report. A step that
        refuses (a bad counted amount) stops the close before anything is sent."""
        notes = [note for step in steps if (note := step())]
        closer = DayCloser(self, day)
        report = sync(closer)
        if report.error is not None:
            return self._record(day, False, closer.counts, closer.reply.server_counts, closer.resent,
                                report.error.message_vi, notes)
        return self._record(day, closer.reply.matched, closer.counts, closer.reply.server_counts, closer.resent, "",
                            notes)

    def day_ids(self, day: date) -> tuple[list[str], dict[str, int]]:
        start, end = day.isoformat(), (day + timedelta(days=1)).isoformat()
        rows = self.store.query("SELECT op_id, entity, kind FROM outbox WHERE created_at >= ? AND created_at < ?",
                                (start, end))
        ids = [r["op_id"] for r in rows]
        counts = {"ops": len(ids),
                  "dossiers": sum(1 for r in rows if r["kind"] == "receive" and r["entity"] == "dossier")}
        petitions = sum(1 for r in rows if r["entity"] == "petition" and r["kind"] == "receive")
        if petitions:  # likewise for petitions (issue 14)
            counts["petitions"] = petitions
        receipts = sum(1 for r in rows if r["entity"] == "receipt" and r["kind"] == "issue")
        if receipts:  # a day without fees keeps the counts it always had
            counts["receipts"] = receipts
        return ids, counts

    def requeue(self, day: date, missing: list[str]) -> int:
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
            receipts += f"{counts['petitions']} đơn thư, " if counts.get("petitions") else ""
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
