"""Liveness (docs/sync.md rule 10): a background loop that syncs on start-up, on a timer, soon after new
local writes, and again after a failure with exponential backoff and jitter — nobody has to touch the
app for a failed push to be retried (F30).

The watchdog: every sync runs with a cancel event that a timer sets after `watchdog_seconds`, and the
loop's wait never exceeds the interval, so a hung request or a missed wake-up cannot stop syncing for
good. The loop is Qt-free; the window and `desk sync --loop` both use it.

Each sync is one line in the log (counts and the error code, never a dossier's content); an exception
that escapes a sync is logged with its traceback and the loop carries on with its backoff.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from desk import dbfile
from desk.clock import iso
from desk.errors import AlreadyRunning, DeskError
from desk.sync import state
from desk.sync.client import SyncClient
from desk.sync.lan_loop import LanLoop
from desk.sync.reports import SyncError, SyncReport

log = logging.getLogger(__name__)


def describe(report: SyncReport) -> str:
    """One log line for a sync: figures and codes only."""
    text = (f"pushed={report.applied} duplicates={report.duplicates} rejected={report.rejected} "
            f"conflicts={report.conflicts + report.pull_conflicts} pulled={report.pulled} pending={report.pending} "
            f"round_trips={report.round_trips}")
    if report.error is not None:
        text += f" error={report.error.code} retryable={report.error.retryable}"
    return text


class SyncLoop:
    def __init__(self, client: SyncClient, *, interval: float | None = None, backoff_base: float = 10.0,
                 backoff_max: float = 600.0, watchdog_seconds: float = 900.0,
                 on_report: Callable[[SyncReport], None] | None = None,
                 rng: random.Random | None = None, poll_seconds: float = 5.0) -> None:
        self.client = client
        self.interval = float(interval if interval is not None else client.desk.settings.get("sync.interval_seconds"))
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.watchdog_seconds = watchdog_seconds
        self.on_report = on_report
        self.rng = rng or random.Random()
        self.poll_seconds = poll_seconds
        self.failures = 0
        self.runs = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_report: SyncReport | None = None
        # The commune's other PCs on the office network, on their own cadence (desk/sync/lan.py): with
        # the internet down this loop's backoff grows; the office network's exchange does not wait for it.
        self.lan = LanLoop(client.store, client.desk.data_dir / "peer_tls")

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="desk-sync-loop", daemon=True)
        self._thread.start()
        # On by default once enrolled (desk/sync/lan_loop.py); a port taken is logged there and the
        # district sync goes on.
        self.lan.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        self.lan.stop()
        if self._thread is not None:
            self._thread.join(timeout)

    def poke(self) -> None:
        """New local writes: sync soon, without waiting for the timer."""
        self._wake.set()

    def next_delay(self) -> float:
        if self.failures == 0:
            return self.interval
        # Full jitter: many desks that lost the same link do not all come back at the same second.
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** (self.failures - 1)))
        return max(1.0, self.rng.uniform(ceiling / 2, ceiling))

    def run_once(self) -> SyncReport | None:
        cancel = threading.Event()
        watchdog = threading.Timer(self.watchdog_seconds, cancel.set)
        watchdog.daemon = True
        watchdog.start()
        try:
            report = self.client.sync_once(cancel=cancel)
        except AlreadyRunning:
            return None  # another window or a scheduled `desk sync` is on it; try at the next tick
        finally:
            watchdog.cancel()
        self.runs += 1
        self.last_report = report
        if report.error is None:
            self.failures = 0
            log.info("sync done: %s", describe(report))
        else:
            self.failures += 1
            log.warning("sync failed (%d in a row): %s", self.failures, describe(report))
        return report

    def _newest_seq(self) -> int:
        return int(self.client.store.scalar("SELECT COALESCE(MAX(seq), 0) FROM outbox") or 0)

    def _wait(self, delay: float) -> None:
        """Sleep `delay`, waking early for a poke, a stop, or (when healthy) a new local change."""
        deadline = time.monotonic() + delay
        seen = self._newest_seq()
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0 or self._wake.wait(min(left, self.poll_seconds)):
                break
            # New local writes sync soon, without the window having to tell us; during a backoff
            # they wait, so a desk that lost its link does not hammer the server on every intake.
            if self.failures == 0 and self._newest_seq() != seen:
                break
        self._wake.clear()

    def _run(self) -> None:
        delay: float | None = 0.0  # start-up: sync at once
        while delay is not None and not self._stop.is_set():
            try:
                self._wait(delay)
            except Exception:  # the outbox could not be read: wait the full delay, then try the sync
                log.exception("sync loop: could not watch the outbox")
                self._stop.wait(delay)
            if self._stop.is_set():
                return
            try:
                delay = self._step()
            except Exception as exc:  # a bug or a broken disk must not end the loop for good
                self.failures += 1
                log.exception("sync loop: unexpected error (%d failures in a row)", self.failures)
                # The officer reads this on the sync page: what failed and where the detail is, not the
                # exception's text (it may quote data, and it means nothing at the desk).
                with contextlib.suppress(dbfile.Error, DeskError):
                    state.put_many(self.client.store, {"last_error": (
                        f"Lỗi khi đồng bộ ({type(exc).__name__}); chi tiết đã được ghi vào nhật ký. "
                        "Máy sẽ tự thử lại.")})
                delay = self.next_delay()

    def _step(self) -> float | None:
        """One sync; the delay until the next, or None when a person must act first."""
        report = self.run_once()
        if report is not None and report.error is not None and not report.error.retryable:
            self._record_next(None)
            if self.on_report:
                self.on_report(report)
            if isinstance(report.error, SyncError) and report.error.code in ("device_revoked", "not_enrolled"):
                log.info("sync loop ends: %s (a person must act)", report.error.code)
                return None  # a person must act: re-enrol; retrying would only hammer the server
        delay = self.next_delay()
        self._record_next(delay)
        if report is not None and self.on_report:
            self.on_report(report)
        return delay

    def _record_next(self, delay: float | None) -> None:
        when = "" if delay is None else iso(self.client.store.clock() + timedelta(seconds=delay))
        state.put_many(self.client.store, {"next_retry": when})
