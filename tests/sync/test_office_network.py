"""The office network's switch (issue 15, desk/sync/lan_loop.py): on by default once the PC holds the
commune secret, an explicit setting wins over the environment, the loop follows a change without a
restart, a port already taken is said and survived, and the officer is told which it is.

Everything here serves on 127.0.0.0/8 only: `auto` (every interface) is never started by a test; its
discovery is shown between network namespaces in tests/sync/test_peers_mdns.py."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desk.cli import main as cli_main
from desk.services import Desk
from desk.sync import lan, state
from desk.sync.lan_loop import ENV, LanLoop, parse_listen, status_vi, wanted

WAIT = 30.0  # a ceiling against a stuck test, not a performance claim
OFF = {ENV: "off"}  # as the suite runs (tests/conftest.py), passed explicitly so each test says it


def _port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _until(check: Callable[[], bool], what: str) -> None:
    start = time.monotonic()
    while time.monotonic() - start < WAIT:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {WAIT} s: {what}")


@pytest.fixture
def enrolled(desk: Desk) -> Desk:
    state.put_many(desk.store, {lan.SECRET: "ab" * 32})
    return desk


@pytest.fixture
def loops(data_dir: Path) -> Iterator[Callable[..., LanLoop]]:
    made: list[LanLoop] = []

    def make(desk: Desk, environ: dict[str, str]) -> LanLoop:
        loop = LanLoop(desk.store, data_dir / f"tls{len(made)}", interval=0.1, environ=environ)
        made.append(loop)
        return loop

    yield make
    for loop in made:
        loop.stop()


def test_the_setting_wins_then_the_environment_then_auto(enrolled: Desk) -> None:
    store = enrolled.store
    assert wanted(store, {}) == parse_listen("auto", "default")
    assert wanted(store, {}).address == f"0.0.0.0:{lan.DEFAULT_PORT}"
    assert wanted(store, OFF).mode == "off" and wanted(store, OFF).source == "env"
    assert "đã tắt bởi biến môi trường MOTCUA_OFFICE_NETWORK" in status_vi(store, OFF)
    state.put_many(store, {lan.LISTEN: "127.0.0.9:4100"})
    pinned = wanted(store, OFF)
    assert (pinned.mode, pinned.host, pinned.port, pinned.source) == ("pinned", "127.0.0.9", 4100, "setting")
    state.put_many(store, {lan.LISTEN: "off"})
    assert wanted(store, {ENV: "auto"}).mode == "off"
    assert "đã tắt theo cài đặt của máy" in status_vi(store, {ENV: "auto"})
    state.put_many(store, {lan.LISTEN: "auto"})
    assert wanted(store, OFF).mode == "auto" and wanted(store, OFF).source == "setting"
    # A setting nobody can read is not a reason to go silent: the environment, then the default, decide.
    state.put_many(store, {lan.LISTEN: "nghe:ở:đâu"})
    assert wanted(store, OFF).source == "env"
    for bad in ("", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:cổng"):
        with pytest.raises(ValueError):
            parse_listen(bad)


def test_not_enrolled_it_waits_for_the_secret_then_serves_without_a_restart(
        desk: Desk, loops: Callable[..., LanLoop]) -> None:
    address = f"127.0.0.2:{_port('127.0.0.2')}"
    state.put_many(desk.store, {lan.LISTEN: address})
    assert "sẽ tự bật khi máy đã đăng ký" in status_vi(desk.store, OFF)
    loop = loops(desk, OFF)
    assert loop.start() is False and loop.server is None
    state.put_many(desk.store, {lan.SECRET: "ab" * 32})  # what enrolment hands down
    _until(lambda: state.get(desk.store, lan.SERVING) == address, "the loop serves once the secret is there")
    assert lan.exchange_with(desk.store, address).error is None
    assert status_vi(desk.store, OFF).endswith(f"đang nghe ở {address}.")


def test_the_loop_follows_off_and_a_new_address(enrolled: Desk, loops: Callable[..., LanLoop]) -> None:
    first, second = f"127.0.0.3:{_port('127.0.0.3')}", f"127.0.0.4:{_port('127.0.0.4')}"
    state.put_many(enrolled.store, {lan.LISTEN: first})
    loop = loops(enrolled, {ENV: "auto"})
    assert loop.start() is True
    assert loop.discovery is None, "no DNS-SD on loopback"
    assert lan.exchange_with(enrolled.store, first).device_id == str(enrolled.store.device()["device_id"])

    state.put_many(enrolled.store, {lan.LISTEN: "off"})  # what `desk peers --listen off` writes
    _until(lambda: state.get(enrolled.store, lan.SERVING) == "", "the loop says it stopped serving")
    assert loop.server is None and "đã tắt theo cài đặt của máy" in status_vi(enrolled.store, OFF)
    gone = lan.exchange_with(enrolled.store, first)
    assert gone.error is not None and gone.error.code == "unreachable"

    state.put_many(enrolled.store, {lan.LISTEN: second})
    _until(lambda: state.get(enrolled.store, lan.SERVING) == second, "the loop serves on the new address")
    assert lan.exchange_with(enrolled.store, second).error is None


def test_a_port_already_taken_is_said_and_the_loop_carries_on(
        enrolled: Desk, loops: Callable[..., LanLoop]) -> None:
    # Another desk on this PC already serves on the port.
    with socket.socket() as taken:
        taken.bind(("127.0.0.5", 0))
        taken.listen()
        address = f"127.0.0.5:{taken.getsockname()[1]}"
        state.put_many(enrolled.store, {lan.LISTEN: address})
        loop = loops(enrolled, OFF)
        assert loop.start() is False
        assert loop.configured() and loop.current is not None, "still on the office network, as an asker"
        assert f"không nghe được ở {address}" in status_vi(enrolled.store, OFF)
        assert state.get(enrolled.store, lan.SERVING) == ""
    # Turned off and on again (or a minute later), it takes the port the other desk let go.
    state.put_many(enrolled.store, {lan.LISTEN: "off"})
    _until(lambda: loop.current is None, "the loop sees the office network turned off")
    state.put_many(enrolled.store, {lan.LISTEN: address})
    _until(lambda: state.get(enrolled.store, lan.SERVING) == address, "the loop serves once the port is free")


def test_desk_peers_turns_it_off_pins_it_and_says_which(enrolled: Desk, data_dir: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    enrolled.close()

    def peers(*args: str) -> tuple[int, str]:
        code = cli_main(["--data-dir", str(data_dir), "peers", *args])
        return code, capsys.readouterr().out

    code, out = peers()  # the suite's environment says off; nothing was set on this PC
    assert code == 0 and "đã tắt bởi biến môi trường" in out
    code, out = peers("--listen", "auto", "--json")
    net = json.loads(out)["office_network"]
    assert code == 0 and (net["on"], net["mode"], net["source"], net["address"]) == (
        True, "auto", "setting", f"0.0.0.0:{lan.DEFAULT_PORT}")
    code, out = peers("--listen", "127.0.0.6:4200")
    assert code == 0 and "nghe ở 127.0.0.6:4200 (đặt tay)" in out and "chưa chạy" in out
    code, out = peers("--listen", "off")
    assert code == 0 and "đã tắt theo cài đặt của máy" in out
    code, _ = peers("--listen", "chỗ:nào")
    assert code != 0
    code, out = peers("--json")
    assert json.loads(out)["office_network"]["mode"] == "off", "a refused value changes nothing"
