"""What every fault test asserts, written once: nothing lost, nothing twice, nothing claimed falsely.

The server is read directly (its database, not its API), and the desk through its own database and
`SyncClient.status()/dossier_states()` — the same things the window shows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from pathlib import Path
from typing import Any

from tests.support import deskdb
from tests.sync.harness import DistrictServer


def server_ops(server: DistrictServer) -> list[dict[str, Any]]:
    return server.query("SELECT id, op_id, device_id, epoch, seq, entity_id, kind, outcome, code FROM ops ORDER BY id")


def server_dossier_ids(server: DistrictServer) -> list[str]:
    return [str(r["id"]) for r in server.query("SELECT id FROM dossiers")]


def desk_ops(desk: Any) -> list[dict[str, Any]]:
    return list(desk.store.query("SELECT seq, op_id, epoch, entity_id, kind, state, result_code FROM outbox "
                                 "ORDER BY seq"))


def assert_no_duplicates(server: DistrictServer) -> None:
    """One stored op per op_id and per (device, seq); one receive per dossier; one row per action."""
    ops = server_ops(server)
    assert not [k for k, n in Counter(o["op_id"] for o in ops).items() if n > 1]
    assert not [k for k, n in Counter((o["device_id"], o["seq"]) for o in ops).items() if n > 1]
    receives = Counter(o["entity_id"] for o in ops if o["kind"] == "receive" and o["outcome"] == "applied")
    assert not [k for k, n in receives.items() if n > 1], "a dossier was received twice on the server"
    actions = server.query("SELECT id, COUNT(*) AS n FROM dossier_actions GROUP BY id HAVING COUNT(*) > 1")
    assert actions == []


def assert_delivered(server: DistrictServer, desk: Any) -> None:
    """Every change the desk made is on the server exactly once, and the desk knows it (all acked)."""
    assert_no_duplicates(server)
    mine = desk_ops(desk)
    stored = {o["op_id"]: o for o in server_ops(server)}
    missing = [o for o in mine if o["op_id"] not in stored]
    assert missing == [], f"ops the server never stored: {missing}"
    assert [o for o in mine if o["state"] != "acked"] == []
    held = {str(r["id"]) for r in desk.store.query("SELECT id FROM dossiers")}
    assert held <= set(server_dossier_ids(server))


def assert_honest(server: DistrictServer, client: Any) -> None:
    """A dossier shown as synced has every one of its ops stored on the server (docs/sync.md: never a
    'synced' for an unacknowledged change)."""
    stored = {o["op_id"] for o in server_ops(server)}
    states = client.dossier_states()
    for row in client.desk.store.query("SELECT entity_id, op_id FROM outbox WHERE entity = 'dossier'"):
        if states.get(row["entity_id"]) == "synced":
            assert row["op_id"] in stored, f"dossier {row['entity_id']} shown synced, op {row['op_id']} not stored"


# What the desk owns from intake on (SYNC.md "Ownership"): the district must hold each as the desk has it.
# Columns the server keeps in their own right, then fields it keeps only in the dossier as sent (`data`).
INTAKE_COLUMNS = ("code", "procedure_code", "procedure_name", "applicant_name", "received_at", "due_at",
                  "calendar_version", "catalog_version")
INTAKE_DATA = ("applicant_id_number", "applicant_dob", "applicant_gender", "applicant_address", "applicant_phone",
               "channel", "received_by", "desk_no", "register_no", "sets_count", "time_limit_days")
# A desk op's state and the outcome the server must have stored for it.
STORED_AS = {"acked": "applied", "conflict": "conflict", "rejected": "rejected", "deferred": "deferred"}


def server_dossiers(server: DistrictServer) -> dict[str, dict[str, Any]]:
    return {str(r["id"]): r for r in server.query(
        f"SELECT id, commune, device_id, status, data, {', '.join(INTAKE_COLUMNS)} FROM dossiers")}


def intake_differences(held: dict[str, Any], desk_row: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Each intake field whose server value (a server `dossiers` row) differs from the desk's: name →
    (desk value, server value)."""
    sent = json.loads(held["data"])
    out = {k: (desk_row[k], held[k]) for k in INTAKE_COLUMNS if str(desk_row[k]) != str(held[k])}
    out |= {k: (desk_row[k], sent.get(k)) for k in INTAKE_DATA if desk_row[k] != sent.get(k)}
    return out


def assert_dossiers_on_server(server: DistrictServer, desk: Any, *, commune: str,
                              status_may_differ: Collection[str] = (), peers_settled: bool = False) -> None:
    """Every dossier the desk holds is on the server, in its commune, from the device that received it
    (this desk, or the other PC of the commune it came from: issue 15), with the desk's intake fields
    and (unless `status_may_differ` names it: a conflict on record) the desk's status. A dossier another
    PC received is compared on status only when `peers_settled` (every PC synced since its last step)."""
    held = server_dossiers(server)
    device = str(desk.store.device()["device_id"])
    from_peer = {str(r["entity_id"]): str(r["device_id"]) for r in desk.store.query(
        "SELECT entity_id, device_id FROM peer_ops WHERE entity = 'dossier' AND kind = 'receive'")}
    for row in desk.store.query("SELECT * FROM dossiers ORDER BY id"):
        origin = from_peer.get(str(row["id"]), device)
        if origin != device and not peers_settled:
            continue  # another PC's work: its PC answers for it (a district restore may have lost it meanwhile)
        on_server = held.get(str(row["id"]))
        assert on_server is not None, f"dossier {row['code']} ({row['id']}) never reached the server"
        assert (on_server["commune"], on_server["device_id"]) == (commune, origin), (row["code"], on_server)
        diff = intake_differences(on_server, row)
        assert diff == {}, f"dossier {row['code']}: intake fields differ on the server (desk, server): {diff}"
        if row["id"] not in status_may_differ and (peers_settled or origin == device):
            assert on_server["status"] == row["status"], \
                f"dossier {row['code']}: status {row['status']} at the desk, {on_server['status']} on the server"


def assert_ops_stored(server: DistrictServer, desk: Any) -> None:
    """Every op of the desk, in whatever state, is stored on the server with the outcome the desk shows
    (nothing counted as settled that the server lacks or answered otherwise)."""
    stored = {str(o["op_id"]): o for o in server_ops(server)}
    for o in desk_ops(desk):
        assert o["state"] in STORED_AS, f"op {o['seq']} still {o['state']}"
        on_server = stored.get(o["op_id"])
        assert on_server is not None, f"op {o['seq']} ({o['kind']} of {o['entity_id']}) not on the server"
        assert on_server["outcome"] == STORED_AS[o["state"]], (o, on_server)


def assert_nothing_inflight(desk: Any) -> None:
    from desk.sync import state

    assert state.get(desk.store, "inflight_batch") == ""


def integrity_ok(path: Path) -> bool:
    conn = deskdb.connect(path)
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        conn.close()
