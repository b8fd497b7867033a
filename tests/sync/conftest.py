"""Fixtures for the fault tests: a real `district serve` process on SQLite or PostgreSQL, the fault
proxy in front of it, and desks (real data directories) enrolled through the proxy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desk.services import Desk
from desk.sync import RetryPolicy, SyncClient
from tests.conftest import FakeClock
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer, pg_database

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _server(backend: str, workdir: Path, extra: list[str] | None = None) -> Iterator[DistrictServer]:
    workdir.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        with pg_database() as name:
            srv = DistrictServer("postgres", workdir, pg_name=name, extra=extra)
            try:
                yield srv.start()
            finally:
                srv.cleanup()
    else:
        srv = DistrictServer("sqlite", workdir, extra=extra)
        try:
            yield srv.start()
        finally:
            srv.cleanup()


@pytest.fixture(params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DistrictServer]:
    yield from _server(request.param, tmp_path / "district")


@pytest.fixture
def proxy(server: DistrictServer) -> Iterator[FaultProxy]:
    # Terminating: the faults land on the plaintext between the desk's TLS and the server's.
    with FaultProxy(server.port, tls=server.tls_files) as p:
        yield p


def fast_retry() -> RetryPolicy:
    """The client's own retry policy, with waits of milliseconds instead of seconds."""
    return RetryPolicy(attempts=4, base=0.01, cap=0.05)


@dataclass
class Site:
    """One commune desk: its data directory, its Desk, its officer and its sync client."""

    name: str
    data_dir: Path
    desk: Desk
    officer_id: str
    client: SyncClient

    def reopen(self) -> None:
        """Close and open the desk again, as after a crash or a restart of the app."""
        clock = self.desk.store.clock
        self.client.close()
        self.desk.close()
        self.desk = Desk.open(self.data_dir, clock=clock)
        self.client = SyncClient(self.desk, retry=fast_retry())


@pytest.fixture
def make_site(tmp_path: Path, clock: FakeClock, server: DistrictServer,
              proxy: FaultProxy) -> Iterator[Callable[..., Site]]:
    sites: list[Site] = []

    def make(name: str = "desk1", *, enroll: bool = True, agency: str = wl.AGENCY, desk_no: int = 1) -> Site:
        data_dir = tmp_path / name
        desk = Desk.open(data_dir, clock=clock)
        officer_id = wl.setup_desk(desk, agency=agency)
        if desk_no != 1:
            # Each PC of a commune has its own counter number (checked at enrolment, issue 15).
            desk.office.save({**desk.office.as_dict(), "desk_no": desk_no})
        client = SyncClient(desk, retry=fast_retry())
        if enroll:
            client.enroll(proxy.url, server.enroll_code(agency))
        site = Site(name, data_dir, desk, officer_id, client)
        sites.append(site)
        return site

    yield make
    for s in sites:
        s.client.close()
        s.desk.close()
