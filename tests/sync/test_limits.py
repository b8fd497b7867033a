"""F26: oversized bodies and gzip bombs get 413 without the server's memory following them, and the
desk halves its batches until they fit (SQLite and PostgreSQL)."""

from __future__ import annotations

import functools
import random
import string
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk.intake import DocumentInput
from desk.services import Desk
from desk.sync import SyncClient
from tests.conftest import FakeClock
from tests.support import signed
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.conftest import BACKENDS, _server, fast_retry
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

DECOMPRESSED_CAP = 2_000_000
BOMB_INFLATED = 300 * 1024 * 1024


@pytest.fixture(params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DistrictServer]:
    yield from _server(request.param, tmp_path / "district", ["--max-decompressed", str(DECOMPRESSED_CAP)])


@functools.cache
def _bomb() -> bytes:
    """300 MB of zeros as one gzip member of about 1.4 MB: under the body cap, far over the inflate cap."""
    z = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunk = bytes(4 * 1024 * 1024)
    parts = [z.compress(chunk) for _ in range(BOMB_INFLATED // len(chunk))]
    return b"".join([*parts, z.flush()])


def _peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def _post(site: Any, content: bytes | Iterator[bytes], encoding: str = "") -> httpx.Response:
    """A body signed by the desk (over all its bytes) and sent as given: whole, or streamed without a
    length. The server refuses an oversized body before it checks the signature or inflates anything."""
    whole = content if isinstance(content, bytes) else b"".join(content)
    headers = signed.signed_headers(site.client, "POST", "/exchange", whole, encoding)
    with signed.http(site.client) as api:
        body = content if isinstance(content, bytes) else (whole[i:i + 65536] for i in range(0, len(whole), 65536))
        return api.post("/exchange", content=body, headers=headers)


def test_f26_gzip_bomb_and_oversized_bodies_get_413_with_bounded_memory(
        make_site: Callable[..., Any], server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    assert site.client.sync_once().ok
    assert server.proc is not None
    before = _peak_rss_kb(server.proc.pid)
    bomb = _bomb()
    assert len(bomb) < 2 * 1024 * 1024
    for _ in range(3):
        r = _post(site, bomb, "gzip")
        assert r.status_code == 413
        error = r.json()["error"]
        assert error["code"] == "too_large" and error["message_vi"] and error["retryable"] is False
    grown_mb = (_peak_rss_kb(server.proc.pid) - before) / 1024
    assert grown_mb < 64, f"the server's peak memory grew by {grown_mb:.0f} MB for a {BOMB_INFLATED >> 20} MB bomb"
    # Over the body cap, declared or streamed without a length: refused before it is all read.
    assert _post(site, b"x" * (3 * 1024 * 1024)).status_code == 413
    assert _post(site, (b"y" * 65536 for _ in range(64))).status_code == 413
    assert server.proc.poll() is None
    assert site.client.sync_once().ok  # and it still serves the desk


@pytest.fixture(params=BACKENDS)
def small_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DistrictServer]:
    # 3 KB: a day's 60 dossiers (some 5 KB packed and compressed) do not fit in one body.
    yield from _server(request.param, tmp_path / "small", ["--max-body", "3000"])


def _small_site(small_server: DistrictServer, proxy: FaultProxy, tmp_path: Path, clock: FakeClock) -> tuple[
        Desk, SyncClient, str]:
    desk = Desk.open(tmp_path / "desk", clock=clock)
    officer = wl.setup_desk(desk)
    client = SyncClient(desk, retry=fast_retry())
    client.enroll(proxy.url, small_server.enroll_code(wl.AGENCY))
    return desk, client, officer


def _pushes(proxy: FaultProxy) -> list[str]:
    return [status for line, status in proxy.stats.exchanges if line.startswith("POST /api/sync/v1/exchange ")]


def test_f26_client_halves_its_batch_after_413_until_everything_fits(
        small_server: DistrictServer, tmp_path: Path, clock: FakeClock) -> None:
    with FaultProxy(small_server.port, tls=small_server.tls_files) as proxy:
        desk, client, officer = _small_site(small_server, proxy, tmp_path, clock)
        try:
            wl.receive(desk, officer, random.Random(26), 60)
            report = client.sync_once()
            states = client.dossier_states()
        finally:
            client.close()
            desk.close()
        pushes = _pushes(proxy)
    assert report.all_acknowledged
    assert pushes[0].startswith("HTTP/1.1 413")  # all 60 at first: over the 3 KB cap
    assert sum(s.startswith("HTTP/1.1 200") for s in pushes) >= 2  # 60 ops do not fit in one batch under 3 KB
    assert set(states.values()) == {"synced"} and len(states) == 60
    assert len(small_server.query("SELECT id FROM dossiers")) == 60
    checks.assert_no_duplicates(small_server)


def test_f26_an_op_that_never_fits_blocks_only_its_own_dossier(
        small_server: DistrictServer, tmp_path: Path, clock: FakeClock) -> None:
    rng = random.Random(126)
    with FaultProxy(small_server.port, tls=small_server.tls_files) as proxy:
        desk, client, officer = _small_site(small_server, proxy, tmp_path, clock)
        try:
            wl.receive(desk, officer, rng, 5)
            # One dossier whose op alone is bigger than the cap, even compressed.
            intake = wl.intake(rng, wl.procedure_codes(desk)[0])
            intake.documents = [DocumentInput("".join(rng.choices(string.ascii_letters, k=1900)), originals=1)
                                for _ in range(12)]
            huge = desk.dossiers.receive(intake, officer)
            wl.receive(desk, officer, rng, 5)
            client.sync_once()
            client.sync_once()
            states = client.dossier_states()
            issues = client.status().issues
        finally:
            client.close()
            desk.close()
    assert states[huge["id"]] == "rejected"
    issue = next(i for i in issues if i["dossier_id"] == huge["id"])
    assert issue["result_code"] == "too_large" and issue["what_to_do_vi"]
    assert [s for i, s in states.items() if i != huge["id"]] == ["synced"] * 10
    stored = {str(r["id"]) for r in small_server.query("SELECT id FROM dossiers")}
    assert len(stored) == 10 and huge["id"] not in stored
