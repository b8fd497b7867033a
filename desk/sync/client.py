"""The desk's sync client: one sync at a time — recovery, then the exchanges (push, pull, reference data,
day close, all in one request when they fit).

Each job lives in its own module; this one orders them and keeps the lock:
- `session.py`: the transport (TLS, `tls.py`), signed requests, retries, enrolment;
- `exchange.py`: the exchanges that carry the jobs below, as few as the day allows;
- `push.py`: the outbox up in adaptive batches, each op's answer back;
- `pull.py`: the district's steps down, through the one step path (desk/steps.py);
- `refdata.py`: catalogue and calendar versions;
- `daybook.py`: the day close;
- `queue.py`: what the window shows — pending, problems, conflicts, dossier sync states;
- `recovery.py` and `echo.py`: the two restores (this desk's database, the district's).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from desk.clock import iso
from desk.errors import DeskError
from desk.services import Desk
from desk.sync import queue, recovery, replies, state
from desk.sync.daybook import DayBook, DayCloser
from desk.sync.exchange import Exchanger
from desk.sync.lock import SyncLock
from desk.sync.pull import Puller
from desk.sync.push import BatchSizer, Pusher
from desk.sync.refdata import RefData
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
from desk.sync.session import RetryPolicy, Session
from desk.sync.transport import Transport, TransportError

log = logging.getLogger(__name__)

__all__ = ["BatchSizer", "RetryPolicy", "SyncClient"]


class SyncClient:
    def __init__(self, desk: Desk, *, transport: Transport | None = None, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.desk = desk
        self.store = desk.store
        self.session = Session(desk, transport=transport, retry=retry, sleep=sleep)
        self.pusher = Pusher(self.session, self.store)
        self.puller = Puller(self.session, self.store)
        self.refdata = RefData(self.session, desk)
        self.daybook = DayBook(self.store)
        self.exchanger = Exchanger(self.session, self.store, self.pusher, self.puller, self.refdata)
        self.lock = SyncLock(desk.data_dir / "sync.lock")

    @property
    def transport(self) -> Transport:
        return self.session.transport

    @property
    def sizer(self) -> BatchSizer:
        return self.pusher.sizer

    def close(self) -> None:
        self.session.close()

    # --- enrolment ----------------------------------------------------------------------------------
    def enroll(self, url: str, code: str, *, name: str = "") -> dict[str, Any]:
        """Enrol this desk with a one-time code. Under the sync lock: no sync may be using the
        transport while it moves to the new server."""
        with self.lock:
            return self.session.enroll(url, code, name=name)

    # --- one full sync ----------------------------------------------------------------------------
    def sync_once(self, progress: Progress | None = None, cancel: Cancel | None = None) -> SyncReport:
        """Push the outbox, pull the district's changes, refresh reference data. Never raises for a
        network problem or a bad reply: the report carries the error and the loop schedules the retry.
        A bug of the desk's own raises, so it is logged with its traceback rather than retried for ever."""
        with self.lock:
            return self._sync_locked(progress or no_progress, cancel or NeverCancel())

    def _sync_locked(self, progress: Progress, cancel: Cancel, closer: DayCloser | None = None) -> SyncReport:
        report = SyncReport()
        self.session.start_sync()
        self.pusher.start_sync()
        counters = self.session.counters
        before = (counters.requests, counters.bytes_sent, counters.bytes_received) if counters else (0, 0, 0)
        started = iso(self.store.clock())
        try:
            self.session.identity()
            progress("Đang kết nối máy chủ cấp trên", 0, 0)
            self._recover(report, cancel)
            self.exchanger.run(report, progress, cancel, closer)
            report.ok = True
        except SyncError as e:
            report.error = e
            if isinstance(e, replies.BadReply):
                log.warning("sync: the server's reply had the wrong shape: %s", e.what)
        except TransportError as e:
            report.error = SyncError(e.code, e.message_vi, retryable=e.retryable)
        except DeskError as e:
            report.error = SyncError(e.code, e.message_vi, retryable=False)
        report.pending = queue.pending_count(self.store)
        counters = self.session.counters
        if counters is not None:
            report.round_trips = counters.requests - before[0]
            report.bytes_sent = counters.bytes_sent - before[1]
            report.bytes_received = counters.bytes_received - before[2]
        online = self.session.online
        values: dict[str, object] = {"last_attempt": started, "online": "" if online is None else
                                     ("1" if online else "0")}
        if report.ok:
            values["last_success"] = iso(self.store.clock())
            values["last_error"] = ""
        elif report.error is not None:
            values["last_error"] = report.error.message_vi
        state.put_many(self.store, values)
        progress(report.message_vi(), 1, 1)
        return report

    def _recover(self, report: SyncReport, cancel: Cancel) -> None:
        """After a restore of this desk's database: put back its own work the server still holds."""
        if not recovery.lost_ranges(self.store):
            return
        device_id = self.session.device_id()

        def fetch(after: int, through: int) -> list[dict[str, Any]]:
            reply = self.session.call("GET", f"/devices/{device_id}/ops", cancel=cancel,
                                      params={"after_seq": after, "through_seq": through, "limit": 200})
            return recovery.parse_ops(reply)

        restored = recovery.recover(self.store, fetch)
        if restored:
            report.recovered = restored
            report.warnings.append(f"Máy đã lấy lại từ cấp trên {restored} thay đổi bị mất khi khôi phục "
                                   "dữ liệu từ bản sao lưu.")

    # --- the day close ------------------------------------------------------------------------------
    def close_day(self, day: date | None = None, progress: Progress | None = None,
                  cancel: Cancel | None = None, steps: Sequence[Callable[[], str]] = ()) -> DayCloseReport:
        """Sync, then compare the day with the server; re-send what it lacks. "Matched" only when the
        queue is empty and the server agreed (docs/sync.md rule 11). `steps` run first, under the lock (the
        till's close: desk/fees/till.py)."""
        progress = progress or no_progress
        cancel = cancel or NeverCancel()
        day = day or self.store.clock().date()
        with self.lock:
            return self.daybook.close(day, lambda closer: self._sync_locked(progress, cancel, closer), steps)

    # --- applying a pulled page (also used by tests that stage the feed) -----------------------------
    def apply_changes(self, changes: Sequence[Mapping[str, Any]], cursor: str, *, reset: bool = False,
                      last: bool = False) -> tuple[int, set[str], int]:
        return self.puller.apply_changes(changes, cursor, reset=reset, last=last)

    # --- what the window shows ------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        return queue.status(self.store)

    def pending_count(self) -> int:
        return queue.pending_count(self.store)

    def dossier_states(self, dossier_ids: Sequence[str] | None = None) -> dict[str, str]:
        return queue.dossier_states(self.store, dossier_ids)

    def retry_rejected(self, dossier_id: str, *, officer_id: str = "system") -> int:
        return queue.retry_rejected(self.store, dossier_id, officer_id=officer_id)

    def resolve_conflict(self, conflict_id: str, note: str, *, adopt_district: bool = False,
                         officer_id: str = "system") -> None:
        queue.resolve_conflict(self.store, conflict_id, note, adopt_district=adopt_district, officer_id=officer_id)
