"""The desk client's own machinery: lost replies, the lock, the loop's retries, batch sizing."""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest

from desk.errors import AlreadyRunning
from desk.sync import BatchSizer, RetryPolicy, SyncLoop, TransportError
from tests.conftest import FakeClock
from tests.district.helpers import enrolled, outbox_states, receive
from tests.support.server import ServerProcess


def test_a_lost_push_reply_is_settled_from_the_stored_reply(tmp_path: Path, clock: FakeClock,
                                                             server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 4)
    real = client.transport.request
    bodies: list[dict[str, Any]] = []

    def lose_first_reply(method: str, path: str, **kw: Any) -> dict:
        bodies.append(dict(kw.get("body") or {}))
        reply = real(method, path, **kw)
        if len(bodies) == 1:
            raise TransportError("network", "Đường truyền bị ngắt", maybe_delivered=True)
        return reply

    client.transport.request = lose_first_reply  # type: ignore[method-assign]
    report = client.sync_once()

    assert report.error is None and report.applied == 4 and report.duplicates == 0
    # The second exchange asked for the stored answer of the first batch and did not send it again.
    assert bodies[0]["ops"]["n"] == 4 and bodies[1]["settle"] == bodies[0]["batch"] and "ops" not in bodies[1]
    assert outbox_states(desk) == {"acked": 4}


def test_a_second_sync_on_the_same_data_is_refused(tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 1)
    from desk.sync import SyncClient

    other = SyncClient(desk)
    with client.lock:
        with pytest.raises(AlreadyRunning) as e:
            other.sync_once()
        assert "phiên đồng bộ khác" in e.value.message_vi
        assert SyncLoop(other, interval=60).run_once() is None
    assert other.sync_once().error is None


def test_the_loop_retries_with_backoff_until_the_server_is_back(tmp_path: Path, clock: FakeClock,
                                                                server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    client.session.retry = RetryPolicy(attempts=1)
    receive(desk, officer, 2)
    loop = SyncLoop(client, interval=30, backoff_base=0.2, backoff_max=0.5, rng=random.Random(1))
    server.stop()
    try:
        loop.start()
        deadline = time.monotonic() + 20
        while loop.failures < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert loop.failures >= 2
        status = client.status()
        assert status.online is False and status.next_retry and status.pending == 2
        assert "Không kết nối" in status.last_error
    finally:
        server.start()
    deadline = time.monotonic() + 30
    while client.pending_count() and time.monotonic() < deadline:
        time.sleep(0.05)
    loop.stop()
    assert client.pending_count() == 0 and loop.failures == 0
    assert client.status().online is True


def test_batch_size_grows_on_success_and_halves_on_trouble() -> None:
    sizer = BatchSizer()
    assert (sizer.ops, sizer.max_bytes) == (250, 32 * 1024)
    sizer.grow()
    assert (sizer.ops, sizer.max_bytes) == (500, 64 * 1024)
    for _ in range(20):
        sizer.grow()
    assert (sizer.ops, sizer.max_bytes) == (1000, 512 * 1024)
    for _ in range(20):
        sizer.halve()
    assert sizer.ops == 1 and sizer.max_bytes == 4 * 1024
    # After a 413 it never grows back past what was refused (half of it, or the largest accepted).
    capped = BatchSizer()
    capped.accepted(3000)
    capped.refused(9000)
    for _ in range(10):
        capped.grow()
    assert capped.max_bytes == 4500
    delays = [RetryPolicy(rng=random.Random(i)).delay(3) for i in range(50)]
    assert all(0 <= d <= 4.0 for d in delays) and len(set(delays)) > 40  # jittered, bounded


def test_the_loop_syncs_new_local_writes_without_being_told(tmp_path: Path, clock: FakeClock,
                                                            server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    loop = SyncLoop(client, interval=3600, poll_seconds=0.1)
    loop.start()
    try:
        deadline = time.monotonic() + 20
        while loop.runs < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        receive(desk, officer, 2)  # an intake at the desk; nobody pokes the loop
        deadline = time.monotonic() + 20
        while client.pending_count() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.pending_count() == 0 and outbox_states(desk) == {"acked": 2}
    finally:
        loop.stop()


def test_a_desk_restored_from_a_backup_gets_its_own_lost_work_back(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    import shutil

    from desk.backup import make_backup
    from desk.paths import database_path
    from desk.services import Desk
    from desk.sync import SyncClient

    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    first = receive(desk, officer, 2)
    assert client.sync_once().error is None
    backup = make_backup(desk.store)
    later = receive(desk, officer, 1)
    desk.dossiers.act(first[0]["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    assert client.sync_once().error is None
    client.close()
    desk.close()
    # The disk fails; last night's backup goes back in place of the live database.
    db = database_path(tmp_path / "d")
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copy2(backup, db)
    desk = Desk.open(tmp_path / "d", clock=clock)
    client = SyncClient(desk)
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 2

    report = client.sync_once()

    assert report.error is None and report.recovered == 2 and report.applied == 0 and report.duplicates == 0
    got = desk.dossiers.get(later[0]["id"])
    assert got["code"] == later[0]["code"] and got["applicant_name"] == later[0]["applicant_name"]
    assert [d["name"] for d in got["documents"]] == [d["name"] for d in later[0]["documents"]]
    assert desk.dossiers.get(first[0]["id"])["status"] == "in_processing"
    assert [a["kind"] for a in desk.dossiers.actions(first[0]["id"])] == ["receive", "hand_over"]
    assert desk.dossiers.search(later[0]["code"])[0]["id"] == later[0]["id"]
    assert set(client.dossier_states().values()) == {"synced"}
    # New work after the restore gets new numbers (a new epoch) and syncs; nothing is fetched twice.
    (fresh,) = receive(desk, officer, 1)
    assert fresh["code"] not in {d["code"] for d in first + later}
    again = client.sync_once()
    assert again.error is None and again.recovered == 0 and again.applied == 1
    desk.close()
