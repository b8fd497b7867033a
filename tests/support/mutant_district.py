"""`district serve` with one deliberate fault in how pushed ops are applied: the mutants the sync tests
must notice (issue 11, tests/sync/test_sync_machine_mutants.py).

Run as `python -m tests.support.mutant_district MUTANT serve …`: the fault is patched into this process
only, then the ordinary command line runs. Production never imports this module (it lives in tests/),
so no switch in the server can turn a fault on.

"Half" of the receives is every dossier whose daily number (the code's last digits) is odd: a choice
that depends only on the work done, so a failing example replays the same way (Hypothesis runs the
failing example again to report it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from desk.codes import parse_code
from desk.sync.protocol import APPLIED
from district import ingest
from district.cli import main


def _odd(dossier: Mapping[str, Any]) -> bool:
    parsed = parse_code(str(dossier.get("code") or ""))
    return parsed is not None and parsed.number % 2 == 1


def reject_half_receives() -> None:
    """Answers half of the valid receives `rejected`, with a plausible code and message."""
    original = ingest._apply_receive

    def faulty(batch: Any, op: Mapping[str, Any], payload: dict[str, Any]) -> ingest.Outcome:
        if _odd(payload["dossier"]):
            raise ingest.OpRejected("procedure_closed", "Thủ tục này tạm dừng tiếp nhận.")
        return original(batch, op, payload)

    ingest._apply_receive = faulty


def drop_half_receives() -> None:
    """Answers half of the valid receives `applied` and records the op, but never stores the dossier."""
    original = ingest._apply_receive

    def faulty(batch: Any, op: Mapping[str, Any], payload: dict[str, Any]) -> ingest.Outcome:
        outcome = original(batch, op, payload)
        if _odd(payload["dossier"]):
            batch.new_dossiers.pop(op["entity_id"], None)
            batch.actions[:] = [a for a in batch.actions if a["dossier_id"] != op["entity_id"]]
        return outcome

    ingest._apply_receive = faulty


def ack_half_receives_unstored() -> None:
    """Answers half of the valid receives `applied` and stores nothing at all for them."""
    original = ingest.push

    def faulty(conn: Any, device: Any, batch_id: str, ops: Sequence[dict[str, Any]],
               echoes: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
        dropped = [o for o in ops if o["kind"] == "receive" and _odd(_dossier(o))]
        kept = [o for o in ops if o not in dropped]
        reply: dict[str, Any] = original(conn, device, batch_id, kept, echoes) if kept or echoes else {
            "batch_id": batch_id, "results": [], "acked": {}}
        results: list[dict[str, Any]] = list(reply["results"])
        results += [{"seq": o["seq"], "outcome": APPLIED} for o in dropped]
        reply["results"] = sorted(results, key=lambda r: int(r["seq"]))
        return reply

    ingest.push = faulty


def _dossier(op: Mapping[str, Any]) -> dict[str, Any]:
    try:
        return dict(json.loads(op["payload"])["dossier"])
    except (TypeError, ValueError, KeyError):
        return {}


MUTANTS: dict[str, Callable[[], None]] = {
    "reject_half_receives": reject_half_receives,
    "drop_half_receives": drop_half_receives,
    "ack_half_receives_unstored": ack_half_receives_unstored,
}


if __name__ == "__main__":
    name, *argv = sys.argv[1:]
    MUTANTS[name]()
    raise SystemExit(main(argv))
