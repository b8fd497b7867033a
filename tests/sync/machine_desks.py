"""The desks of the sync state machine (test_sync_machine.py): real data directories, opened, crashed
and reopened as the app would be, and the clock they share."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desk.services import Desk
from desk.sync import RetryPolicy, SyncClient, state
from tests.sync import workload as wl


class Crash(BaseException):
    """The power goes out: nothing after this point runs."""


class DeskUnderTest:
    def __init__(self, root: Path, n: int, clock: Any, commune: str) -> None:
        self.n = n
        self.dir = root / f"desk{n}"
        self.clock = clock
        self.desk = Desk.open(self.dir, clock=clock)
        wl.setup_desk(self.desk, agency=commune)
        # Several desks of one commune never share codes: each has its own desk number.
        self.desk.office.save(wl.OFFICE | {"agency_code": commune, "desk_no": n})
        self.officer = str(self.desk.officers.list()[0]["id"])
        self.client = self._client()
        self.backup: Path | None = None
        self.talked_since_restore = False

    def _client(self) -> SyncClient:
        return SyncClient(self.desk, retry=RetryPolicy(attempts=2, base=0.005, cap=0.01))

    def reopen(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        self.desk.close()
        self.desk = Desk.open(self.dir, clock=self.clock)
        self.client = self._client()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        self.desk.close()


class TickingClock:
    """The desks' clock: three minutes pass with each piece of work."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += timedelta(minutes=3)


def cursor_id(d: DeskUnderTest) -> int:
    raw = state.get(d.desk.store, "pull_cursor.status")
    return int(json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))["id"]) if raw else 0
