"""Dossiers: receiving one, taking a lifecycle step on it, and finding it again.

What makes an intake valid lives in `desk.intake`, what each action carries in `desk.actions`, and the
write itself — dossier row, log entry, audit entry, outbox op, search index — in the one step path
`desk.steps`. This service ties them to the office profile, the numbering and the reads the window needs.
"""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from desk import lifecycle as lc
from desk import permissions, steps, timing
from desk.actions import ActionRules
from desk.calendar import WorkCalendar
from desk.catalog import Catalog
from desk.citizen_id import marks_lost, name_damage
from desk.clock import iso
from desk.codes import day_key, format_code, parse_code, register_book_label, register_key
from desk.errors import NotFoundError, ValidationError
from desk.ids import new_id
from desk.intake import CleanIntake, DuePreview, IntakeCheck, IntakeInput, normalize_phone
from desk.office import OfficeService
from desk.settings import Settings
from desk.store import Store, UnitOfWork
from desk.text import ascii_digits, clean_line, fold

# What the list and the search show, with what `desk.timing` needs to judge each row.
LIST_COLUMNS = ("id, code, procedure_code, procedure_name, applicant_name, applicant_id_number, applicant_phone, "
                "received_at, due_at, new_due_at, status, paused_at, result_at, returned_at")


class DossierService:
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        office: OfficeService,
        calendar_provider: Callable[[], WorkCalendar],
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.office = office
        self.calendar = calendar_provider
        self.intake = IntakeCheck(catalog, calendar_provider, store.clock)
        self.rules = ActionRules(catalog, self.intake, calendar_provider, Settings(store))

    # --- intake -----------------------------------------------------------------------------------
    def preview_due(self, procedure_code: str, received_at: datetime | None = None) -> DuePreview:
        return self.intake.preview_due(procedure_code, received_at)

    def validate_intake(self, intake: IntakeInput) -> CleanIntake:
        """Everything that makes an intake valid, as one list of field errors; nothing is written."""
        return self.intake.validate(intake)

    def receive(
        self,
        intake: IntakeInput,
        officer_id: str,
        *,
        outcome: str = lc.RECEIVED,
        reason: str = "",
        missing_documents: Sequence[str] = (),
    ) -> dict[str, Any]:
        """Record a dossier. `outcome` is received, or supplement_requested / refused for forms 02 / 03.

        Only an accepted dossier gets a return date and a line in the register (Quyển số, STT); a refused
        one, or one sent back to be completed, keeps its code (never reused) and gets both when — if — it
        is accepted."""
        if outcome not in (lc.RECEIVED, lc.SUPPLEMENT_REQUESTED, lc.REFUSED):
            raise ValidationError("outcome", "Kết quả tiếp nhận không hợp lệ.")
        permissions.require(self.store, officer_id, "dossier.receive")
        accepted = outcome == lc.RECEIVED
        clean = self.intake.validate(intake, accepted=accepted)
        reason_text = clean_line(reason, field="reason", label="Lý do", max_len=2000, multiline=True,
                                 required=outcome == lc.REFUSED)
        missing = [clean_line(m, field="missing_documents", label="Giấy tờ cần bổ sung", max_len=2000)
                   for m in missing_documents]
        if outcome == lc.SUPPLEMENT_REQUESTED and not (missing or reason_text):
            raise ValidationError("missing_documents", "Cần ghi giấy tờ phải bổ sung hoặc lý do.")
        profile = self.office.require()
        calendar = self.calendar()
        with self.store.write(officer_id) as uow:
            device = uow.one("SELECT desk_no FROM device WHERE id = 1")
            assert device is not None
            desk_no = int(device["desk_no"])
            citizen_id = self._upsert_citizen(uow, clean.applicant)
            received = clean.received_at
            number = uow.next_daily_number(day_key(received.date()))
            code = format_code(profile.agency_code, received.date(), desk_no, number)
            register_no = uow.next_daily_number(register_key(received.year, desk_no)) if accepted else 0
            dossier_id = new_id()
            preview = clean.preview
            assert preview is not None
            a = clean.applicant
            row = {
                "id": dossier_id,
                "code": code,
                "code_tail_rev": code.rsplit("-", 1)[-1][::-1],
                "procedure_code": clean.procedure["code"],
                "procedure_name": clean.procedure["name"],
                "field": clean.procedure["field"],
                "citizen_id": citizen_id,
                "applicant_name": a["full_name"],
                "applicant_id_number": a["id_number"],
                "applicant_dob": a["dob"],
                "applicant_gender": a.get("gender", ""),
                "applicant_address": a["address"],
                "applicant_phone": a["phone"],
                "applicant_email": a["email"],
                "applicant_type": clean.fields["applicant_type"],
                "submitter_name": clean.fields["submitter_name"],
                "submitter_id_number": clean.fields["submitter_id_number"],
                "channel": clean.fields["channel"],
                "received_at": iso(received),
                "received_by": officer_id,
                "desk_no": desk_no,
                "sets_count": clean.fields["sets_count"],
                "time_limit_days": preview.days,
                "time_limit": preview.limit.spec if preview.limit else None,
                "verify_limit": preview.verify_limit.spec if preview.verify_limit else None,
                "same_day_cutoff": clean.procedure.get("same_day_cutoff"),
                "due_at": iso(clean.due_at) if clean.due_at is not None else "",
                "clock_from": iso(received) if accepted else None,
                "due_confirmed": 1 if clean.due_confirmed else 0,
                "return_place": clean.fields["return_place"],
                "status": outcome,
                "paused_at": None,
                "register_book": register_book_label(profile.register_book, received.year) if accepted else "",
                "register_no": register_no,
                "calendar_version": calendar.version,
                "catalog_version": int(clean.procedure["catalog_version"]),
                "note": clean.fields["note"],
            }
            self.catalog.bump_use(uow, clean.procedure["code"])
            data: dict[str, Any] = {}
            if reason_text:
                data["reason"] = reason_text
            if missing:
                data["missing_documents"] = missing
            steps.open_dossier(uow, row, clean.documents, officer_id=officer_id, data=data)
        return self.get(dossier_id)

    def _upsert_citizen(self, uow: UnitOfWork, a: dict[str, Any]) -> str | None:
        if not a.get("id_number"):
            return None
        existing = uow.one("SELECT * FROM citizens WHERE id_number = ?", (a["id_number"],))
        fields = {
            "full_name": a["full_name"], "name_fold": fold(a["full_name"]), "dob": a["dob"],
            "gender": a.get("gender", ""), "address": a["address"], "phone": a["phone"], "email": a["email"],
            "old_id_number": a.get("old_id_number", ""),
        }
        if existing is None:
            cid = new_id()
            uow.insert("citizens", {"id": cid, "id_number": a["id_number"], **fields,
                                    "created_at": iso(uow.now), "updated_at": iso(uow.now)})
            uow.audit("citizen_created", "citizen", cid, {})
            return cid
        # A returning citizen: keep what we knew unless the officer typed something new. A name that is the stored
        # one with its marks lost (a scanner or keyboard without Vietnamese), or that looks damaged while the stored
        # one does not, is not new: the stored name stays, and the dossier takes its spelling when only marks differ.
        stored = str(existing.get("full_name") or "")
        if stored and a["full_name"] != stored:
            if marks_lost(a["full_name"], stored):
                a["full_name"] = stored
                del fields["full_name"], fields["name_fold"]
            elif (name_damage(a["full_name"], marks_elsewhere=True)
                  and not name_damage(stored, marks_elsewhere=True)):
                del fields["full_name"], fields["name_fold"]
        changes = {k: v for k, v in fields.items() if v and v != existing.get(k)}
        if changes:
            changes["updated_at"] = iso(uow.now)
            uow.update("citizens", {"id": existing["id"]}, changes)
            # Which fields changed, not their values: the audit log is kept longer than personal data.
            uow.audit("citizen_updated", "citizen", existing["id"],
                      {"fields": sorted(k for k in changes if k not in ("name_fold", "updated_at"))})
        return str(existing["id"])


    def act(
        self,
        dossier_ref: str,
        action: str,
        officer_id: str,
        *,
        note: str = "",
        data: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Apply one lifecycle action, or refuse it with a clear message; nothing is half-written."""
        data = dict(data or {})
        permissions.require(self.store, officer_id, permissions.action_permission(action))
        note = clean_line(note, field="note", label="Ghi chú", max_len=2000, multiline=True)
        with self.store.write(officer_id) as uow:
            dossier = uow.one("SELECT * FROM dossiers WHERE id = ? OR code = ?",
                              (dossier_ref, dossier_ref.strip().upper()))
            if dossier is None:
                raise NotFoundError(f"Không tìm thấy hồ sơ «{dossier_ref}».")
            spec = lc.check(action, dossier)
            changes, clean_data = self.rules.changes_for(uow, dossier, action, data)
            to_status = spec.to_state or changes.pop("status", None) or dossier["status"]
            steps.apply(uow, dossier, action, to_status, officer_id=officer_id, changes=changes, note=note,
                        data=clean_data)
        return self.get(dossier["id"])

    # --- reading ----------------------------------------------------------------------------------
    def get(self, ref: str) -> dict[str, Any]:
        row = self.store.query_one("SELECT * FROM dossiers WHERE id = ? OR code = ?", (ref, ref.strip().upper()))
        if row is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ «{ref}».")
        row["documents"] = self.store.query(
            "SELECT position, name, originals, certified, photocopies FROM dossier_documents "
            "WHERE dossier_id = ? ORDER BY position", (row["id"],))
        expected = timing.expected_return(row)
        row["expected_return_at"] = iso(expected) if expected else None
        row["allowed_actions"] = lc.allowed_actions(row)
        return row

    def actions(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT a.*, COALESCE(o.full_name, a.by_officer) AS officer_name FROM dossier_actions a "
            "LEFT JOIN officers o ON o.id = a.by_officer WHERE a.dossier_id = ? ORDER BY a.at, a.rowid",
            (dossier_id,))
        for r in rows:
            r["data"] = json.loads(r["data"] or "{}")
        return rows

    LIST_FILTERS = ("all", "today", "in_processing", "due_today", "overdue", "result_ready", "returned",
                    "refused", "supplement_requested", "awaiting_payment", "rejected", "cancelled")

    def list(self, flt: str = "all", *, limit: int = 200, offset: int = 0,
             now: datetime | None = None, viewer: str | None = None) -> builtins.list[dict[str, Any]]:
        """Dossiers of one filter, newest first; ID numbers masked for a `viewer` whose role does not need
        them in lists (desk/permissions.py)."""
        rows = self._list(flt, limit=limit, offset=offset, now=now)
        return rows if viewer is None else permissions.mask_rows(rows, permissions.role_of(self.store, viewer))

    def _list(self, flt: str, *, limit: int, offset: int, now: datetime | None) -> builtins.list[dict[str, Any]]:
        now = now or self.store.clock()
        today = now.date().isoformat()
        tomorrow = (now.date() + timedelta(days=1)).isoformat()
        day_start = datetime.combine(now.date(), datetime.min.time())
        overdue = timing.overdue_sql(now)
        due_today = timing.due_between_sql(day_start, day_start + timedelta(days=1))
        where, params = {
            "all": ("1=1", []),
            "today": ("received_at >= ? AND received_at < ?", [today, tomorrow]),
            "in_processing": ("status IN ('received','in_processing')", []),
            "supplement_requested": ("status = 'supplement_requested'", []),
            "awaiting_payment": ("status = 'awaiting_payment'", []),
            "due_today": due_today,
            "overdue": overdue,
            "result_ready": ("status = 'result_ready'", []),
            "returned": ("status = 'returned'", []),
            "refused": ("status = 'refused'", []),
            "rejected": ("status = 'rejected'", []),
            "cancelled": ("status = 'cancelled'", []),
        }.get(flt, (None, []))
        if where is None:
            raise ValidationError("filter", f"Bộ lọc «{str(flt)[:30]}» không có; chọn một trong: "
                                  f"{', '.join(self.LIST_FILTERS)}.")
        return self.store.query(
            f"SELECT {LIST_COLUMNS} FROM dossiers WHERE {where} ORDER BY received_at DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def search(self, text: str, *, limit: int = 50, viewer: str | None = None) -> builtins.list[dict[str, Any]]:
        """Find by code, ID number, phone, or name/procedure words (diacritics ignored); ID numbers masked
        as in `list` for the `viewer`."""
        rows = self._search(text, limit=limit)
        return rows if viewer is None else permissions.mask_rows(rows, permissions.role_of(self.store, viewer))

    def _search(self, text: str, *, limit: int) -> builtins.list[dict[str, Any]]:
        q = ascii_digits(text or "").strip()
        cols = LIST_COLUMNS
        if not q:
            return []
        compact = q.replace(" ", "").replace(".", "")
        if parse_code(q) is not None or ("-" in q and re.match(r"^[0-9A-Za-z.]+-", q)):
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
                                    (q.upper(), q.upper() + "\uffff", limit))
        if compact.isdigit() and len(compact) == 12:
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE applicant_id_number = ? "
                                    "ORDER BY received_at DESC LIMIT ?", (compact, limit))
        phone = normalize_phone(q)
        if re.match(r"^0\d{8,10}$", phone):
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE applicant_phone = ? "
                                    "ORDER BY received_at DESC LIMIT ?", (phone, limit))
        if compact.isdigit() and len(compact) >= 4:
            # The tail of a code, as a citizen reads it from a slip: a suffix is a prefix of the reversed tail.
            rev = compact[::-1]
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE code_tail_rev >= ? AND code_tail_rev < ? "
                                    "ORDER BY received_at DESC LIMIT ?", (rev, rev + ":", limit))
        words = re.findall(r"[0-9a-z]+", fold(q))
        if not words:
            return []
        # Words already typed are whole words; only the last one may still be growing.
        match = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
        # ORDER BY rowid DESC lets FTS5 walk its index backwards: newest first without sorting all hits.
        return self.store.query(
            f"SELECT {cols} FROM dossiers WHERE rowid IN ("
            f"  SELECT rowid FROM dossiers_fts WHERE dossiers_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
            f") ORDER BY rowid DESC",
            (match, limit),
        )

    def returning_citizen(self, id_number: str) -> dict[str, Any] | None:
        return self.store.query_one("SELECT * FROM citizens WHERE id_number = ?", (ascii_digits(id_number).strip(),))


