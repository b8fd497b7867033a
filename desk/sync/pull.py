"""Down: the district's processing steps, page by page, each applied through the one step path.

Pages come with the exchanges (desk/sync/exchange.py): each request carries the cursor, each answer
the next page. docs/sync.md rule 8: each page is checked against its checksum, then its changes and the new cursor are
saved in one local transaction; a change already applied (by change id) is skipped. A district step is
a `district`-origin step (desk/steps.py): logged and audited, never queued back up. A status the desk
changed meanwhile is kept, and both values go to `sync_conflicts` for a person (rule 7).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from desk import lifecycle as lc
from desk import steps
from desk.clock import iso
from desk.errors import TransitionError
from desk.petitions.service import petition_district_step
from desk.store import Store, UnitOfWork
from desk.sync import echo, peerops, replies, state
from desk.sync import protocol as p
from desk.sync.reports import Progress, SyncError, SyncReport
from desk.sync.session import Session

PULL_PAGE = 200
CURSOR = "pull_cursor.status"
# Fields of a dossier the district owns once it holds the dossier (docs/sync.md rule 7).
DISTRICT_FIELDS = ("result_at", "paused_at")


class Puller:
    def __init__(self, session: Session, store: Store) -> None:
        self.session = session
        self.store = store

    def cursor(self) -> str:
        return state.get(self.store, CURSOR)

    def apply_page(self, raw: Mapping[str, Any], report: SyncReport, progress: Progress) -> bool:
        """Apply one page that came with an exchange; True when the feed has more after it."""
        page = replies.pull_page(raw)
        if page.changes and p.page_checksum(page.changes) != page.checksum:
            # A damaged page is never applied: the cursor stays, and the next request refetches.
            raise SyncError("corrupt_page", "Dữ liệu nhận từ cấp trên bị hỏng trên đường truyền; máy sẽ tải lại.")
        if not page.changes and not page.reset and not page.has_more and page.cursor == self.cursor() and \
                state.get(self.store, echo.PASS_OPEN) != "1":
            return False  # nothing new: no write
        applied, clashes, lost = self.apply_changes(page.changes, page.cursor, reset=page.reset,
                                                    last=not page.has_more)
        if lost:
            report.district_lost += lost
            report.warnings.append(f"Cấp trên đã mất {lost} bước xử lý hồ sơ mà máy này còn giữ (dữ liệu cấp "
                                   "trên được khôi phục từ bản cũ); máy sẽ gửi lại cho cấp trên.")
        report.pulled += applied
        report.pull_conflicts += len(clashes)
        report.conflict_dossiers |= clashes
        if applied:
            progress(f"Đã nhận {report.pulled} cập nhật từ cấp trên", report.pulled, 0)
        return page.has_more

    def apply_changes(self, changes: Sequence[Mapping[str, Any]], cursor: str, *, reset: bool = False,
                      last: bool = False) -> tuple[int, set[str], int]:
        """Apply one page and save its cursor in the same transaction (docs/sync.md rule 8). `reset`: the
        server restarted its feed (restored); `last`: nothing more to read. Returns (applied, the
        dossiers whose change conflicted, district steps found lost at the end of a re-read, see
        desk/sync/echo.py)."""
        applied = lost = 0
        clashes: set[str] = set()
        with self.store.write("district") as uow:
            if reset:
                echo.start_pass(uow)
            for change in changes:
                outcome = self._apply_change(uow, change)
                applied += outcome in ("applied", "peer")
                if outcome == "conflict":
                    clashes.add(str(change["dossier_id"]))
            state.put(uow, CURSOR, cursor)
            if last:
                lost = echo.finish_pass(uow)
        return applied, clashes, lost

    def _apply_change(self, uow: UnitOfWork, change: Mapping[str, Any]) -> str:
        change_id = str(change["change_id"])
        if uow.one("SELECT 1 FROM sync_applied WHERE change_id = ?", (change_id,)):
            echo.seen_again(uow, change_id)
            return "already"
        if change.get("entity") == "petition":
            # A district step on a petition (issue 14): applied by the petitions service; kept out of the
            # dossiers' echo (its outcome is not 'applied'), which gives back lost *dossier* steps.
            outcome = petition_district_step(uow, change)
            echo.record_applied(uow, change, f"petition_{outcome}")
            return outcome
        if isinstance(change.get("op"), Mapping):
            # Another PC of the commune (issue 15). Not kept as a district step to give back after a
            # district restore: its own PC still holds it and re-sends it (docs/sync.md F12).
            outcome = peerops.apply_op(uow, change["op"], via="district")
            uow.execute("INSERT INTO sync_applied (change_id, applied_at, outcome, pass) VALUES (?, ?, ?, ?)",
                        (change_id, iso(uow.now), f"peer_{outcome}", echo.current_pass(uow)))
            return {peerops.CONFLICT: "conflict", peerops.APPLIED: "peer"}.get(outcome, "already")
        dossier = uow.one("SELECT * FROM dossiers WHERE id = ?", (change["dossier_id"],))
        outcome = "skipped"
        if dossier is not None:
            outcome = self._apply_district_step(uow, dossier, dict(change["action"]),
                                                dict(change.get("changes") or {}), change_id)
            if outcome == "applied":
                peerops.retry_waiting(uow, str(dossier["id"]))  # another PC's step that built on this one
        echo.record_applied(uow, change, outcome)
        return outcome

    def _apply_district_step(self, uow: UnitOfWork, dossier: dict[str, Any], action: dict[str, Any],
                             changes: dict[str, Any], change_id: str) -> str:
        kind = str(action["kind"])
        to_status = str(action["to_status"])
        ok = dossier["status"] == action.get("from_status")
        if ok:
            try:
                lc.check(kind, dossier, origin="district")
            except TransitionError:
                ok = False
        raw = action.get("data") or "{}"
        data = dict(json.loads(raw) if isinstance(raw, str) else raw)
        # The log is ordered by desk time; when the district did it stays in the data.
        data["district_at"] = str(action.get("at") or "")
        officer = str(action.get("by_officer") or "cấp trên")
        action_id = str(action["id"]) if action.get("id") else None
        detail = {"code": dossier["code"], "action": kind, "to": to_status, "change_id": change_id}
        if not ok:
            if dossier["status"] == to_status:
                return "already"  # both sides reached the same status: nothing to choose between
            if self._desk_moved_on_from(uow, dossier, to_status):
                # The desk already left the status this step leads to (its own later step came back
                # from a restore before this one was pulled): the step happened first, in that order.
                # It goes into the log; the status stays where the desk's later step put it.
                steps.log_past(uow, dossier, kind, action.get("from_status"), to_status, origin=steps.DISTRICT,
                               officer_id=officer, note=str(action.get("note") or ""), data=data,
                               action_id=action_id, audit_detail=detail)
                return "applied"
            label = lc.STATUS_LABELS_VI
            msg = (f"Hồ sơ {dossier['code']}: cấp trên chuyển sang «{label.get(to_status, to_status)}», nhưng tại "
                   f"Một cửa hồ sơ đang «{label.get(dossier['status'], dossier['status'])}». Cả hai giá trị được "
                   "giữ lại; hãy liên hệ cấp trên để thống nhất trạng thái đúng.")
            state.store_conflict(uow, dossier["id"], {"field": "status", "desk_value": dossier["status"],
                                                      "district_value": to_status, "message_vi": msg},
                                 "pull", change_id=change_id)
            return "conflict"
        steps.apply(uow, dossier, kind, to_status, origin=steps.DISTRICT, officer_id=officer,
                    note=str(action.get("note") or ""),
                    changes={k: changes[k] for k in DISTRICT_FIELDS if k in changes}, data=data,
                    action_id=action_id, audit_detail=detail)
        return "applied"

    @staticmethod
    def _desk_moved_on_from(uow: UnitOfWork, dossier: Mapping[str, Any], status: str) -> bool:
        """Has this desk itself taken a step out of `status` on the dossier?"""
        return uow.one("SELECT 1 FROM dossier_actions WHERE dossier_id = ? AND origin = 'desk' AND from_status = ?",
                       (dossier["id"], status)) is not None
