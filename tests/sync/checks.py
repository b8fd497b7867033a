"""What every fault test asserts, written once: nothing lost, nothing twice, nothing claimed falsely.

The server is read directly (its database, not its API), and the desk through its own database and
`SyncClient.status()/dossier_states()` — the same things the window shows.
"""

from __future__ import annotations

from collections import Counter
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


def assert_nothing_inflight(desk: Any) -> None:
    from desk.sync import state

    assert state.get(desk.store, "inflight_batch") == ""


def integrity_ok(path: Path) -> bool:
    conn = deskdb.connect(path)
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        conn.close()
