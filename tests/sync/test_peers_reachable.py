"""The list of the commune's PCs says "unreachable now" as soon as an exchange with a PC fails, not two
minutes after the last success (found by the sync state machine, issue 15): a desk whose cable to the
next counter was just unplugged must not show that counter as reachable."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desk.services import Desk
from desk.sync import lan, peers, state
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.machine_desks import TickingClock


def test_a_pc_that_just_failed_to_answer_is_listed_unreachable_until_it_answers_again(tmp_path: Path) -> None:
    clock = TickingClock(datetime(2026, 11, 23, 9, 0))  # no time passes between the exchanges below
    a, b = Desk.open(tmp_path / "a", clock=clock), Desk.open(tmp_path / "b", clock=clock)
    try:
        wl.setup_desk(a)
        wl.setup_desk(b)
        b.office.save(wl.OFFICE | {"desk_no": 2})
        for d in (a, b):
            state.put_many(d.store, {lan.SECRET: "ab" * 32})  # the commune's secret, as enrolment gives it
        serving = lan.LanServer(b.store, "127.0.0.1", 0, tmp_path / "tls")
        serving.start()
        try:
            with FaultProxy(serving.port) as cable:
                address = f"127.0.0.1:{cable.port}"

                def listed() -> list[bool]:
                    return [p.reachable for p in peers.list_peers(a.store)]

                assert lan.exchange_with(a.store, address).error is None
                assert listed() == [True]
                cable.set_offline(True)
                failed = lan.exchange_with(a.store, address)
                assert failed.error is not None and failed.error.code == "unreachable"
                assert listed() == [False]
                assert "không liên lạc được lúc này" in peers.list_peers(a.store)[0].line_vi()
                cable.set_offline(False)
                assert lan.exchange_with(a.store, address).error is None
                assert listed() == [True]
        finally:
            serving.stop()
    finally:
        a.close()
        b.close()
