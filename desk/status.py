"""What the desk can say about its own state without the network: the status bar reads these."""

from __future__ import annotations

from dataclasses import dataclass

from desk.store import Store


@dataclass(frozen=True)
class LocalSyncState:
    pending_ops: int
    oldest_pending_at: str | None  # when the oldest change still waiting to be sent was made
    problem_ops: int  # rejected or in conflict: a person must look at them


def pending_outbox_count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM outbox WHERE state = 'pending'") or 0)


def local_sync_state(store: Store) -> LocalSyncState:
    row = store.query_one(
        "SELECT COALESCE(SUM(state = 'pending'), 0) AS pending, "
        "MIN(CASE WHEN state = 'pending' THEN created_at END) AS oldest, "
        "COALESCE(SUM(state IN ('rejected', 'conflict')), 0) AS problems FROM outbox"
    )
    assert row is not None
    return LocalSyncState(int(row["pending"]), row["oldest"], int(row["problems"]))
