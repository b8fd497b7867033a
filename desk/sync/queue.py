"""The sync queue as the officer sees it: what is pending, what needs a person, and settling it.

One definition each, used by the status bar, the sync page, the day close and the CLI:
- **pending**: a change the district has not confirmed — an outbox op still `pending`, or `deferred`
  (waiting for an earlier op, or held behind a rejected one), plus a district step this desk must give
  back (desk/sync/echo.py).
- **problem**: a change a person must look at — an op the server `rejected`, one `held` behind it, or a
  dossier with an open conflict (both values kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desk import steps
from desk.clock import iso
from desk.store import Store
from desk.sync import echo, peerkey, peers, state
from desk.sync import protocol as p
from desk.sync.reports import SyncStatus

RETRY = "retry_requested"  # outbox.result_code of an op a person asked to send again

PENDING_OPS = "state IN ('pending', 'deferred')"
# Sendable now: pending, or waiting for an earlier op that this sync may fill in.
SENDABLE_OPS = f"state = 'pending' OR (state = 'deferred' AND result_code = '{p.GAP}')"
PROBLEM_OPS = f"state = 'rejected' OR (state = 'deferred' AND result_code = '{p.HELD}')"


def pending_count(store: Store) -> int:
    """Changes the district has not confirmed: own ops, and district steps it lost and must take back."""
    return int(store.scalar(f"SELECT COUNT(*) FROM outbox WHERE {PENDING_OPS}") or 0) + echo.pending_count(store)


def sendable_count(store: Store) -> int:
    return int(store.scalar(f"SELECT COUNT(*) FROM outbox WHERE {SENDABLE_OPS}") or 0) + echo.pending_count(store)


def oldest_pending_at(store: Store) -> str | None:
    value = store.scalar(f"SELECT MIN(created_at) FROM outbox WHERE {PENDING_OPS}")
    return None if value is None else str(value)


def problems(store: Store) -> list[dict[str, Any]]:
    """Rejected ops and those held behind them, each with what to do."""
    rows = store.query(
        "SELECT o.seq, o.entity_id AS dossier_id, d.code, o.kind, o.state, o.result_code, o.result_message "
        f"FROM outbox o LEFT JOIN dossiers d ON d.id = o.entity_id WHERE {PROBLEM_OPS} ORDER BY o.seq")
    for row in rows:
        row["what_to_do_vi"] = what_to_do_vi(row["result_code"])
    return rows


def open_conflicts(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT c.*, d.code FROM sync_conflicts c LEFT JOIN dossiers d ON d.id = c.dossier_id "
                       "WHERE c.resolved_at IS NULL ORDER BY c.created_at")


def problem_count(store: Store) -> int:
    """Dossiers a person must look at: a rejected or held op, or an open conflict."""
    return int(store.scalar(
        f"SELECT COUNT(*) FROM (SELECT entity_id FROM outbox WHERE {PROBLEM_OPS} "
        "UNION SELECT dossier_id FROM sync_conflicts WHERE resolved_at IS NULL)") or 0)


def status(store: Store) -> SyncStatus:
    ident = state.identity(store)
    if ident is None:
        return SyncStatus(enrolled=False, pending=pending_count(store))
    online_raw = state.get(store, "online")
    offset = state.get(store, "clock_offset_s")
    return SyncStatus(
        enrolled=True, server_url=ident["server_url"], commune=ident["commune"],
        revoked=bool(ident["revoked_at"]),
        online=None if not online_raw else online_raw == "1",
        pending=pending_count(store), last_success=state.get(store, "last_success"),
        last_attempt=state.get(store, "last_attempt"), next_retry=state.get(store, "next_retry"),
        last_error=ident["revoked_message"] if ident["revoked_at"] else state.get(store, "last_error"),
        clock_offset_s=int(offset) if offset else None, clock_warning=state.get(store, "clock_warning"),
        peer_key_warning=peerkey.outdated_vi(store), desk_no_warning=peers.number_clash_vi(store),
        issues=problems(store), conflicts=open_conflicts(store))


def dossier_states(store: Store, dossier_ids: Sequence[str] | None = None) -> dict[str, str]:
    """Each dossier's sync state, the worst of its ops: 'synced' only when every op was acknowledged."""
    rows = store.query(
        "SELECT entity_id, "
        "SUM(state = 'rejected') AS rejected, "
        "SUM(state = 'deferred' AND result_code = ?) AS held, "
        "SUM(state = 'pending' OR (state = 'deferred' AND COALESCE(result_code, '') != ?)) AS pending "
        "FROM outbox WHERE entity = 'dossier' GROUP BY entity_id", (p.HELD, p.HELD))
    conflicted = {r["dossier_id"] for r in store.query(
        "SELECT DISTINCT dossier_id FROM sync_conflicts WHERE resolved_at IS NULL")}
    giving_back = echo.pending_dossiers(store)
    out = {}
    for r in rows:
        # An op answered "conflict" was received by the server; the dossier shows the conflict for as
        # long as a person has not settled it.
        if r["rejected"]:
            s = "rejected"
        elif r["entity_id"] in conflicted:
            s = "conflict"
        elif r["held"]:
            s = "held"
        elif r["pending"] or r["entity_id"] in giving_back:
            s = "pending"
        else:
            s = "synced"
        out[r["entity_id"]] = s
    if dossier_ids is not None:
        wanted = set(dossier_ids)
        return {k: v for k, v in out.items() if k in wanted}
    return out


def retry_rejected(store: Store, dossier_id: str, *, officer_id: str = "system") -> int:
    """After the cause was fixed (e.g. with the district), send this dossier's rejected and held changes
    again, asking the server to try them anew rather than replay its stored answer."""
    with store.write(officer_id) as uow:
        cur = uow.execute(
            "UPDATE outbox SET state = 'pending', result_code = ?, result_message = NULL "
            f"WHERE entity_id = ? AND ({PROBLEM_OPS})", (RETRY, dossier_id))
        if cur.rowcount:
            uow.audit("sync_retry_rejected", "dossier", dossier_id, {"ops": cur.rowcount})
        return int(cur.rowcount)


def retry_steps_on_peer_dossiers(store: Store) -> int:
    """A step this PC took on a dossier another PC received, refused because the district did not have
    the dossier (its database was restored to a copy without it, and that PC has not sent it again yet):
    asked again at each sync, as a person would (`retry_rejected`), until the dossier is back (issue 15)."""
    if not store.scalar("SELECT 1 FROM outbox WHERE state = 'rejected' AND result_code = 'unknown_dossier' LIMIT 1"):
        return 0
    with store.write("sync") as uow:
        cur = uow.execute(
            "UPDATE outbox SET state = 'pending', result_code = ?, result_message = NULL "
            f"WHERE ({PROBLEM_OPS}) AND entity_id IN (SELECT entity_id FROM outbox WHERE state = 'rejected' AND "
            "result_code = 'unknown_dossier') AND entity_id IN "
            "(SELECT entity_id FROM peer_ops WHERE entity = 'dossier' AND kind = 'receive')", (RETRY,))
        return int(cur.rowcount)


def resolve_conflict(store: Store, conflict_id: str, note: str, *, adopt_district: bool = False,
                     officer_id: str = "system") -> None:
    """A person settled a conflict with the district (by phone, in person).

    With `adopt_district`, the desk takes the district's status (the district owns processing, docs/sync.md
    rule 7): a district-origin step, with no outbox op, since the district already holds that value.
    Otherwise the desk keeps its value and the conflict is only closed.
    """
    with store.write(officer_id) as uow:
        row = uow.one("SELECT * FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL", (conflict_id,))
        if row is None:
            return
        dossier = uow.one("SELECT * FROM dossiers WHERE id = ?", (row["dossier_id"],))
        if adopt_district and row["field"] == "status" and dossier is not None and row["district_value"] \
                and dossier["status"] != row["district_value"]:
            steps.apply(uow, dossier, "conflict_resolved", str(row["district_value"]), origin=steps.DISTRICT,
                        officer_id=officer_id, note=note, data={"conflict_id": conflict_id},
                        audit_action="conflict_adopt_district",
                        audit_detail={"conflict_id": conflict_id, "status": row["district_value"]})
        # Every open conflict on the same field of this dossier is settled by the same decision.
        uow.execute("UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE dossier_id = ? "
                    "AND field = ? AND resolved_at IS NULL",
                    (iso(uow.now), ("adopt_district: " if adopt_district else "") + note,
                     row["dossier_id"], row["field"]))
        uow.audit("sync_conflict_resolved", "sync_conflict", conflict_id,
                  {"note": note, "adopt_district": adopt_district})


def clock_warning_vi(offset_s: int) -> str:
    minutes = round(abs(offset_s) / 60)
    amount = f"{round(minutes / 1440)} ngày" if minutes >= 1440 else f"{minutes} phút"
    side = "nhanh" if offset_s > 0 else "chậm"
    return (f"Đồng hồ máy tính đang {side} {amount} so với máy chủ cấp trên. Đồng bộ vẫn đúng, nhưng hãy chỉnh "
            "lại ngày giờ của máy để giấy hẹn in đúng ngày.")


def what_to_do_vi(code: str | None) -> str:
    return {
        "wrong_commune": "Kiểm tra mã định danh cơ quan trong phần khai báo, rồi báo cấp trên.",
        p.HELD: "Xử lý thay đổi bị từ chối trước đó của hồ sơ này; các thay đổi sau sẽ được gửi tiếp.",
        "too_large": "Báo quản trị viên: thay đổi quá lớn để gửi.",
        "op_id_reused": "Báo quản trị viên ngay: có hai nội dung khác nhau cùng một mã thay đổi.",
        "invalid_transition": "Liên hệ cấp trên để thống nhất trạng thái hồ sơ.",
    }.get(code or "", "Liên hệ cấp trên, đọc mã hồ sơ và nội dung lỗi để được hướng dẫn.")
