"""The state machine's own test: run against a district server that loses valid work, it must fail.

A safety net that stays green whatever the server does is worse than none. Each mutant
(tests/support/mutant_district.py) is the real `district serve` with one fault patched into its process:
half of the valid receives rejected, acknowledged but the dossier never stored, or acknowledged with
nothing stored at all. The machine runs a few derandomized examples against each and must stop on one of
its own checks, the ones that name a loss. Likewise against a PC of the commune that drops what another
PC gives it over the office network (issue 15), patched in this process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase

from desk.sync import peerops
from tests.support.mutant_district import MUTANTS
from tests.sync.harness import DistrictServer
from tests.sync.test_sync_machine import run_machine

# What the machine says when it notices the district lost or refused work (any one will do: which check
# trips first depends on the examples drawn).
LOSS_MESSAGES = ("nothing in this scenario causes that", "never reached the server", "not on the server",
                 "lost", "intake fields differ", "shown synced", "still waiting after three fault-free syncs",
                 "no desk holds")


def _failures(error: BaseException | None) -> list[BaseException]:
    """The error, each error inside it when Hypothesis groups several, and the error each was raised
    while handling (a failed check mid-run, then the teardown's own check on the way out)."""
    if error is None:
        return []
    inner = getattr(error, "exceptions", None)
    found = [e for sub in inner for e in _failures(sub)] if inner else [error]
    return found + _failures(error.__context__)


@pytest.mark.slow
@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_the_machine_fails_against_a_server_that_loses_valid_work(tmp_path: Path, mutant: str) -> None:
    server = DistrictServer("sqlite", tmp_path / "district",
                            program=["-m", "tests.support.mutant_district", mutant]).start()
    caught: BaseException | None = None
    try:
        # Derandomized, so every run draws the same examples (today the first one fails: each desk
        # starts with a dossier). No shrinking: the first failing example will do.
        run_machine(tmp_path, server, max_examples=10, stateful_step_count=8, derandomize=True, database=None,
                    phases=[Phase.generate], report_multiple_bugs=False)
    except Exception as e:  # inspected below: only the machine's own loss checks count
        caught = e
    finally:
        server.cleanup()
    assert caught is not None, f"the state machine passed against the {mutant} server"
    messages = [str(e) for e in _failures(caught) if isinstance(e, AssertionError)]
    assert any(m in text for text in messages for m in LOSS_MESSAGES), \
        f"the machine failed, but not on a loss check: {caught!r}"


# A PC of the commune that takes what another PC gives it over the office network and applies nothing
# of it (it keeps the ops as held, so it never asks for them again and the district's feed, bringing
# them a second time, finds them known): the machine must say a PC lacks the commune's work.
PC_LOSS_MESSAGES = ("not on the desk", "lost on the way to it", "differs with no conflict on record", "lost")


@pytest.mark.slow
def test_the_machine_fails_against_a_pc_that_drops_what_it_gets_over_the_office_network(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = peerops.apply_op

    def dropping(uow: Any, op: Any, *, via: str) -> str:
        if via != "lan":
            return original(uow, op, via=via)
        with monkeypatch.context() as m:
            m.setattr(peerops, "_receive", lambda *a, **k: peerops.APPLIED)
            m.setattr(peerops, "_action", lambda *a, **k: peerops.APPLIED)
            return original(uow, op, via=via)

    monkeypatch.setattr(peerops, "apply_op", dropping)
    server = DistrictServer("sqlite", tmp_path / "district").start()
    caught: BaseException | None = None
    try:
        run_machine(tmp_path, server, max_examples=5, stateful_step_count=8, derandomize=True, database=None,
                    phases=[Phase.generate], report_multiple_bugs=False)
    except Exception as e:  # inspected below
        caught = e
    finally:
        server.cleanup()
    assert caught is not None, "the state machine passed against a PC that drops what it gets over the office network"
    messages = [str(e) for e in _failures(caught) if isinstance(e, AssertionError)]
    assert any(m in text for text in messages for m in PC_LOSS_MESSAGES), \
        f"the machine failed, but not on a loss check: {caught!r}"
