"""DNS-SD on an office network (issue 15): two PCs of one commune, each in a network namespace of its own
joined by a veth pair this test makes (no traffic leaves them; loopback has no multicast), find each
other with nothing set at all — the zero-configuration default: every interface of the namespace, port
47615, DNS-SD — and exchange a dossier. The suite turns that default off (tests/conftest.py), so the
processes in the namespaces are given MOTCUA_OFFICE_NETWORK=auto, as a PC with no such variable runs.
Then the commune's key changes (a PC revoked) under a running loop, which must announce itself again.
Needs root (network namespaces); skipped otherwise."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.services import Desk
from desk.sync import lan, lan_loop, peerkey, state
from tests.sync import workload as wl

pytestmark = pytest.mark.slow
WAIT = 150.0  # a ceiling against a stuck test, not a performance claim


def _ip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def office_network() -> Iterator[tuple[str, str]]:
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("network namespaces need root and iproute2")
    tag = uuid.uuid4().hex[:6]
    names = (f"mc{tag}a", f"mc{tag}b")
    if _ip("netns", "add", names[0]).returncode != 0:
        pytest.skip("this machine does not allow network namespaces")
    try:
        _ip("netns", "add", names[1])
        steps = [("link", "add", f"v{tag}a", "type", "veth", "peer", "name", f"v{tag}b"),
                 ("link", "set", f"v{tag}a", "netns", names[0]), ("link", "set", f"v{tag}b", "netns", names[1]),
                 ("-n", names[0], "addr", "add", "10.215.0.1/24", "dev", f"v{tag}a"),
                 ("-n", names[1], "addr", "add", "10.215.0.2/24", "dev", f"v{tag}b"),
                 ("-n", names[0], "link", "set", f"v{tag}a", "up"), ("-n", names[1], "link", "set", f"v{tag}b", "up"),
                 ("-n", names[0], "link", "set", "lo", "up"), ("-n", names[1], "link", "set", "lo", "up")]
        for step in steps:
            done = _ip(*step)
            assert done.returncode == 0, done.stderr
        yield names
    finally:
        for name in names:
            _ip("netns", "del", name)


def _desk(root: Path, name: str, desk_no: int) -> tuple[Desk, str]:
    desk = Desk.open(root / name)
    officer = wl.setup_desk(desk)
    desk.office.save({**desk.office.as_dict(), "desk_no": desk_no})
    # What enrolment hands down, and nothing else: no address to listen on, none of the other PC.
    state.put_many(desk.store, {lan.SECRET: "cd" * 32})
    return desk, officer


def _child(namespace: str, data_dir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(["ip", "netns", "exec", namespace, sys.executable, "-m", "tests.sync.lan_child",
                             str(data_dir)], cwd=str(Path(__file__).resolve().parents[2]), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _arrives(desk: Desk, dossier_id: str, children: list[subprocess.Popen[bytes]]) -> bool:
    """Wait (up to WAIT, or until a PC's process ends) for the dossier to reach `desk`; whether it did."""
    start = time.monotonic()
    while time.monotonic() - start < WAIT and all(c.poll() is None for c in children):
        if desk.store.query_one("SELECT 1 FROM dossiers WHERE id = ?", (dossier_id,)) is not None:
            return True
        time.sleep(0.5)
    return desk.store.query_one("SELECT 1 FROM dossiers WHERE id = ?", (dossier_id,)) is not None


def test_two_pcs_find_each_other_by_dns_sd_and_exchange(tmp_path: Path, office_network: tuple[str, str]) -> None:
    a, officer = _desk(tmp_path, "pc1", 1)
    b, _ = _desk(tmp_path, "pc2", 2)
    assert state.get(b.store, lan.LISTEN) == "" and lan.manual_addresses(b.store) == []
    (d,) = wl.receive(a, officer, random.Random(5), 1)
    env = {**os.environ, lan_loop.ENV: "auto"}
    children = [_child(ns, tmp_path / name, env) for ns, name in zip(office_network, ("pc1", "pc2"), strict=True)]
    try:
        _arrives(b, d["id"], children)
        started = [(tmp_path / n / "started").read_text() if (tmp_path / n / "started").exists() else ""
                   for n in ("pc1", "pc2")]
        assert started == ["discovery", "discovery"], started
        assert _arrives(b, d["id"], children), "the PCs did not find each other by DNS-SD"
        heard = b.store.query_one("SELECT address, last_via FROM peers")
        assert heard is not None and heard["last_via"] == "lan" and heard["address"] == "10.215.0.1:47615"
        # What the officer reads on the sync page and in `desk peers`, as a PC without the variable runs.
        assert lan_loop.status_vi(b.store, {}) == (
            "Mạng nội bộ: bật (tự động), nghe ở mọi địa chỉ của máy, cổng 47615, tự tìm các máy cùng cơ quan; "
            "đang nghe ở 0.0.0.0:47615.")

        # A PC of the commune is revoked: the district hands both PCs the commune's next key while PC 1's
        # loop runs. PC 2 starts afresh and looks only for announcements under the new key's tag, so it
        # finds PC 1 only if PC 1's running loop announced itself again under the new key.
        (tmp_path / "pc2" / "stop").write_text("")
        children[1].wait(20)
        (tmp_path / "pc2" / "stop").unlink()
        for desk in (a, b):
            with desk.store.write("sync") as uow:
                peerkey.put(uow, "ef" * 32, 1, how="district")
        children[1] = _child(office_network[1], tmp_path / "pc2", env)
        (d2,) = wl.receive(a, officer, random.Random(6), 1)
        _arrives(b, d2["id"], children)
        assert _arrives(b, d2["id"], children), "after the commune's key changed, PC 2 did not find PC 1 by DNS-SD"
    finally:
        for name in ("pc1", "pc2"):
            (tmp_path / name / "stop").write_text("")
        for c in children:
            try:
                c.wait(20)
            except subprocess.TimeoutExpired:
                c.kill()
                c.wait()
        a.close()
        b.close()
