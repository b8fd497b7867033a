"""Counter numbers are unique within a commune between peers too (issue 15): the district checks them at
enrolment, but a number changed by hand afterwards, or two PCs that only ever met over the office network,
would hand out the same dossier codes and receipt numbers. A PC that hears another with its own number says
so on the sync page and in `desk peers`, and a number another PC was lately heard with is refused."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk.cli import main as cli_main
from desk.errors import ValidationError
from desk.services import Desk
from desk.sync import lan, peers, state
from tests.conftest import FakeClock
from tests.sync import workload as wl


def test_two_pcs_with_one_number_are_told_and_a_taken_number_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 9, 0))
    a, b = Desk.open(tmp_path / "a", clock=clock), Desk.open(tmp_path / "b", clock=clock)
    serving = None
    try:
        for d in (a, b):
            wl.setup_desk(d)  # both counter 01, as two PCs set up by hand from the same instructions
            state.put_many(d.store, {lan.SECRET: "cd" * 32})  # the commune's secret, as enrolment gives it
        assert peers.number_clash_vi(a.store) == ""
        serving = lan.LanServer(b.store, "127.0.0.1", 0, tmp_path / "tls")
        serving.start()
        address = f"127.0.0.1:{serving.port}"
        assert lan.exchange_with(a.store, address).error is None  # the exchange itself goes on

        b_id = str(b.store.device()["device_id"])
        a_id = str(a.store.device()["device_id"])
        said_at_a, said_at_b = peers.number_clash_vi(a.store), peers.number_clash_vi(b.store)
        assert said_at_a.startswith("Số quầy 01 của máy này trùng với máy " + b_id[:8])
        assert said_at_b.startswith("Số quầy 01 của máy này trùng với máy " + a_id[:8])
        assert "desk init --desk-no" in said_at_a

        # `desk peers` says it too (the serving PC is stopped first: one process per database file).
        serving.stop()
        serving = None
        a.close()
        assert cli_main(["--data-dir", str(tmp_path / "a"), "peers"]) == 0
        assert "Số quầy 01 của máy này trùng với máy " + b_id[:8] in capsys.readouterr().out
        a = Desk.open(tmp_path / "a", clock=clock)

        # The admin of A moves it to 02; A cannot take B's 01 back, and B cannot take 02 once it heard A with it.
        a.office.save(a.office.as_dict() | {"desk_no": 2})
        serving = lan.LanServer(b.store, "127.0.0.1", 0, tmp_path / "tls")
        serving.start()
        assert lan.exchange_with(a.store, f"127.0.0.1:{serving.port}").error is None
        assert peers.number_clash_vi(a.store) == "" and peers.number_clash_vi(b.store) == ""
        with pytest.raises(ValidationError) as refused:
            b.office.save(b.office.as_dict() | {"desk_no": 2})
        assert refused.value.field == "desk_no" and "Số quầy 02 đang là của một máy khác" in str(refused.value)
        assert int(b.store.device()["desk_no"]) == 1, "nothing written"
        with pytest.raises(ValidationError):
            a.office.save(a.office.as_dict() | {"desk_no": 1})

        # A PC not heard from for over a month (revoked, or renumbered since) no longer holds its number.
        clock.set(clock.now + peers.CLASH_WINDOW + timedelta(days=1))
        b.office.save(b.office.as_dict() | {"desk_no": 2})
        assert int(b.store.device()["desk_no"]) == 2
    finally:
        if serving is not None:
            serving.stop()
        a.close()
        b.close()
