"""The desks of the sync state machine (test_sync_machine.py): real data directories, opened, crashed
and reopened as the app would be, each serving the office network on a port of its own (issue 15),
and the clock they share."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desk.backup import restore_backup
from desk.paths import database_path
from desk.services import Desk
from desk.sync import RetryPolicy, SyncClient, lan, state
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
        self.lan: lan.LanServer | None = None
        self.lan_port = 0  # kept across restarts: the other PCs' links point at it

    def __repr__(self) -> str:
        return f"desk{self.n}"  # how Hypothesis prints a failing example's draws

    def serve_lan(self) -> None:
        """Answer the other PCs on the office network, as the app's loop does (desk/sync/lan.py)."""
        self.lan = lan.LanServer(self.desk.store, "127.0.0.1", self.lan_port, self.dir.parent / f"lan{self.n}")
        self.lan.start()
        self.lan_port = self.lan.port

    def stop_lan(self) -> bool:
        serving, self.lan = self.lan, None
        if serving is not None:
            serving.stop()
        return serving is not None

    def _client(self) -> SyncClient:
        return SyncClient(self.desk, retry=RetryPolicy(attempts=2, base=0.005, cap=0.01))

    def reopen(self, backup: Path | None = None) -> None:
        """The app starts again on its data directory (after putting `backup` back, as `desk restore` does)."""
        serving = self.stop_lan()
        with contextlib.suppress(Exception):
            self.client.close()
        self.desk.close()
        if backup is not None:
            restore_backup(database_path(self.dir), backup)
        self.desk = Desk.open(self.dir, clock=self.clock)
        self.client = self._client()
        if serving:
            self.serve_lan()

    def close(self) -> None:
        self.stop_lan()
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
