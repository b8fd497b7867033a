"""Giving the district back its own steps after its database was restored to an older copy.

The district's restore loses the steps it recorded after the copy was made (in processing, result
ready...), but this desk pulled and applied some of them. Left alone, the desk would show "result ready"
for ever while the district shows "received", and nobody would know. So:

1. Every change the desk applies is kept exactly as pulled (`sync_applied.body`, with the district's
   signature), with the desk's last outbox seq at that moment (`after_seq`).
2. When the district's feed no longer holds the row the desk's cursor points at, the server answers
   `reset` and the desk reads the whole feed again as a numbered *pass*; each change seen is stamped
   with the pass number. The server also says so in `/devices/{id}/state` (`feed_ok`), and the client
   then pulls before it pushes, so the pass ends before the desk's own re-sent ops go up.
3. When the pass reaches the end of the feed, every change the desk applied that the pass did not see
   is one the district lost: it goes into `sync_echo`, tagged with `before_seq`, the desk's first op on
   the same dossier made after the step. All of this happens in the transaction of the last page.
4. Pushes carry the pending echoes whose `before_seq` op is in the batch (or already sent, or none);
   the server applies each just before that op (district/echo.py) and answers per echo.

Pending echoes count as pending changes: the day does not close as "matched" while the district lacks a
step the desk holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from desk.clock import iso
from desk.store import Store, UnitOfWork
from desk.sync import protocol as p
from desk.sync import state

PASS = "feed_pass"          # the number of the last pass started
PASS_OPEN = "feed_pass_open"  # "1" while a pass has not reached the end of the feed
PER_BATCH = 100
DONE_OUTCOMES = (p.APPLIED, "known", p.CONFLICT, p.REJECTED)


def current_pass(uow: UnitOfWork) -> int:
    value = uow.scalar("SELECT value FROM sync_state WHERE name = ?", (PASS,))
    return int(value or 0)


def start_pass(uow: UnitOfWork) -> int:
    """The server reset the feed: read it all again under a new pass number."""
    number = current_pass(uow) + 1
    state.put(uow, PASS, str(number))
    state.put(uow, PASS_OPEN, "1")
    return number


def record_applied(uow: UnitOfWork, change: Mapping[str, Any], outcome: str) -> None:
    after = int(uow.scalar("SELECT COALESCE(MAX(seq), 0) FROM outbox") or 0)
    uow.execute("INSERT INTO sync_applied (change_id, applied_at, outcome, body, after_seq, pass) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (str(change["change_id"]), iso(uow.now), outcome, p.dumps(dict(change)).decode("utf-8"), after,
                 current_pass(uow)))


def seen_again(uow: UnitOfWork, change_id: str) -> None:
    uow.execute("UPDATE sync_applied SET pass = ? WHERE change_id = ?", (current_pass(uow), change_id))


def finish_pass(uow: UnitOfWork) -> int:
    """At the end of the feed: queue every applied change this pass did not see; return how many."""
    if uow.scalar("SELECT value FROM sync_state WHERE name = ?", (PASS_OPEN,)) != "1":
        return 0
    number = current_pass(uow)
    lost = uow.all(
        "SELECT a.change_id, a.body, a.after_seq FROM sync_applied a "
        "WHERE a.outcome = 'applied' AND a.pass < ? AND a.body IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM sync_echo e WHERE e.change_id = a.change_id) ORDER BY a.rowid", (number,))
    for row in lost:
        dossier_id = str(json.loads(row["body"])["dossier_id"])
        before = uow.scalar("SELECT MIN(seq) FROM outbox WHERE entity = 'dossier' AND entity_id = ? AND seq > ?",
                            (dossier_id, int(row["after_seq"])))
        uow.insert("sync_echo", {"change_id": row["change_id"], "dossier_id": dossier_id, "body": row["body"],
                                 "before_seq": before, "state": "pending", "created_at": iso(uow.now)})
    if lost:
        uow.audit("sync_district_forgot", "sync_echo", "", {"steps": len(lost), "pass": number})
    state.put(uow, PASS_OPEN, "")
    return len(lost)


def sendable(store: Store, through_seq: int, skip: Iterable[str]) -> list[dict[str, Any]]:
    """Pending echoes that may go in a batch whose last op is `through_seq`: those whose later desk op
    (if any) is in this batch or was already answered, and whose earlier ops on the dossier (its receipt,
    after a restore of the district) are not still waiting for a later batch."""
    unsent = "(o.state = 'pending' OR (o.state = 'deferred' AND o.result_code = ?))"
    rows = store.query(
        "SELECT e.change_id, e.body, e.before_seq FROM sync_echo e WHERE e.state = 'pending' AND "
        f"(e.before_seq IS NULL OR e.before_seq <= ? OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.seq = "
        f"e.before_seq AND {unsent})) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'dossier' AND "
        f"o.entity_id = e.dossier_id AND o.seq > ? AND o.seq < COALESCE(e.before_seq, 9e18) AND {unsent}) "
        "ORDER BY e.rowid LIMIT ?", (through_seq, p.GAP, through_seq, p.GAP, PER_BATCH + len(set(skip))))
    skipped = set(skip)
    out = [{"change": json.loads(r["body"]), "before_seq": r["before_seq"]} for r in rows
           if r["change_id"] not in skipped]
    return out[:PER_BATCH]


def apply_results(uow: UnitOfWork, results: Iterable[Mapping[str, Any]]) -> tuple[int, list[str]]:
    """Record the server's answers; return (answered, change ids deferred for now)."""
    answered = 0
    deferred: list[str] = []
    for res in results:
        change_id = str(res.get("change_id") or "")
        row = uow.one("SELECT * FROM sync_echo WHERE change_id = ?", (change_id,))
        if row is None or row["state"] != "pending":
            continue
        outcome = str(res.get("outcome") or "")
        if outcome not in DONE_OUTCOMES:
            deferred.append(change_id)
            continue
        answered += 1
        uow.execute("UPDATE sync_echo SET state = 'done', outcome = ?, message_vi = ?, done_at = ? "
                    "WHERE change_id = ?", (outcome, res.get("message_vi"), iso(uow.now), change_id))
        if outcome in (p.CONFLICT, p.REJECTED):
            action = dict(json.loads(row["body"]).get("action") or {})
            state.store_conflict(uow, str(row["dossier_id"]), {
                **res, "desk_value": res.get("desk_value") or action.get("to_status")}, "push",
                change_id=change_id)
    return answered, deferred


def pending_count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM sync_echo WHERE state = 'pending'") or 0)


def pending_dossiers(store: Store) -> set[str]:
    return {str(r["dossier_id"]) for r in store.query("SELECT DISTINCT dossier_id FROM sync_echo "
                                                      "WHERE state = 'pending'")}
