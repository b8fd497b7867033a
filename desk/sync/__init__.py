"""The desk side of the sync with the district server (docs/sync.md): client, loop, lock and reports."""

from desk.sync.client import BatchSizer, RetryPolicy, SyncClient
from desk.sync.lock import SyncLock
from desk.sync.loop import SyncLoop
from desk.sync.reports import DayCloseReport, SyncError, SyncReport, SyncStatus
from desk.sync.transport import HttpTransport, Transport, TransportError

__all__ = ["BatchSizer", "DayCloseReport", "HttpTransport", "RetryPolicy", "SyncClient", "SyncError", "SyncLock",
           "SyncLoop", "SyncReport", "SyncStatus", "Transport", "TransportError"]
