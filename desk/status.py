"""What the desk can say about its own state without the network: the status bar reads these.

The definitions of "pending" and "problem" are the sync queue's (desk/sync/queue.py), so the status bar,
the sync page and the day close never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.store import Store
from desk.sync import queue


@dataclass(frozen=True)
class LocalSyncState:
    pending_ops: int
    oldest_pending_at: str | None  # when the oldest change still waiting to be sent was made
    problem_ops: int  # dossiers a person must look at: rejected, held, or in conflict


def local_sync_state(store: Store) -> LocalSyncState:
    return LocalSyncState(queue.pending_count(store), queue.oldest_pending_at(store), queue.problem_count(store))
