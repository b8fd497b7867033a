"""F30: a push fails, the network comes back, nobody touches the app: the sync loop tries again by
itself within minutes (here: the loop's own backoff, scaled down), and the status says so meanwhile."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from desk.sync import SyncLoop
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer


def _wait(predicate: Callable[[], bool], limit: float = 60.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_f30_failed_push_is_retried_without_anyone_touching_the_app(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    wl.receive(site.desk, site.officer_id, random.Random(30), 3)
    proxy.set_offline(True)
    # The regular interval is an hour: only the failure backoff can bring the retry within the test.
    loop = SyncLoop(site.client, interval=3600, backoff_base=0.5, backoff_max=2.0, rng=random.Random(1))
    loop.start()
    try:
        assert _wait(lambda: loop.failures >= 2), "the loop did not retry while offline"
        status = site.client.status()
        assert status.online is False and status.pending == 3
        assert status.last_error and status.next_retry
        assert checks.server_ops(server) == []
        runs_offline = loop.runs
        proxy.set_offline(False)  # the network returns; no poke, no click
        # Only the loop syncs here: a run after the outage delivered everything.
        assert _wait(lambda: loop.runs > runs_offline and site.client.pending_count() == 0), \
            "never retried after the network came back"
    finally:
        loop.stop()
    status = site.client.status()
    assert status.online is True and status.pending == 0 and status.last_success
    checks.assert_delivered(server, site.desk)


def test_f30_a_hung_server_does_not_stop_the_loop(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    wl.receive(site.desk, site.officer_id, random.Random(31), 2)
    assert site.client.sync_once().all_acknowledged
    wl.receive(site.desk, site.officer_id, random.Random(32), 2)
    transport = site.client.transport
    transport.close()
    transport.connect_timeout = transport.io_timeout = 1.0  # a second instead of 10–15
    proxy.hang()
    loop = SyncLoop(site.client, interval=3600, backoff_base=0.5, backoff_max=2.0, rng=random.Random(2))
    loop.start()
    try:
        assert _wait(lambda: loop.failures >= 1), "a hung request stopped the loop"
        proxy.resume()
        proxy.reset_connections()
        assert _wait(lambda: site.client.pending_count() == 0)
    finally:
        loop.stop()
    checks.assert_delivered(server, site.desk)
