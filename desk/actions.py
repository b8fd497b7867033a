"""What each lifecycle action records: its fields, checked, and the dossier columns it sets.

`desk.lifecycle` says which action may follow which status; this module says what an allowed action
carries (a reason, a new date, who collected the result…) and what it changes on the dossier. The change
itself is written by the one step path, `desk.steps`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from desk import lifecycle as lc
from desk.calendar import WorkCalendar
from desk.catalog import Catalog
from desk.clock import iso
from desk.errors import ValidationError
from desk.intake import SATISFACTION, IntakeCheck, parse_moment
from desk.store import UnitOfWork
from desk.text import clean_line, title_case_name


class ActionRules:
    def __init__(self, catalog: Catalog, intake: IntakeCheck, calendar_provider: Callable[[], WorkCalendar]) -> None:
        self.catalog = catalog
        self.intake = intake
        self.calendar = calendar_provider

    def changes_for(
        self, uow: UnitOfWork, dossier: Mapping[str, Any], action: str, data: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        now = uow.now
        changes: dict[str, Any] = {}
        clean: dict[str, Any] = {}

        def text(key: str, label: str, *, required: bool = False, max_len: int = 2000) -> str:
            value = clean_line(data.get(key, ""), field=key, label=label, required=required, max_len=max_len,
                               multiline=True)
            if value:
                clean[key] = value
            return value

        if action == "hand_over":
            text("to_unit", "Bộ phận giải quyết", max_len=200)
            text("handler", "Người nhận xử lý", max_len=100)
        elif action == "request_supplement":
            missing = [clean_line(m, field="missing_documents", label="Giấy tờ cần bổ sung", max_len=2000)
                       for m in data.get("missing_documents", [])]
            reason = text("reason", "Lý do")
            if not missing and not reason:
                raise ValidationError("missing_documents", "Cần ghi giấy tờ phải bổ sung hoặc lý do.")
            if missing:
                clean["missing_documents"] = missing
            changes["paused_at"] = iso(now)
        elif action == "supplement_received":
            changes.update(self._resume_after_supplement(uow, dossier, now))
        elif action == "result_ready":
            changes["result_at"] = iso(now)
        elif action == "apologize":
            reason = text("reason", "Lý do chậm trả kết quả", required=True)
            raw = data.get("new_due_at")
            new_due = raw if isinstance(raw, datetime) else parse_moment(raw, "new_due_at", "Ngày hẹn trả mới")
            current_due = datetime.fromisoformat(dossier["due_at"])
            if new_due <= current_due:
                raise ValidationError("new_due_at", "Ngày hẹn trả mới phải sau ngày hẹn cũ "
                                      f"({current_due:%H:%M %d/%m/%Y}).")
            cal = self.calendar()
            if not cal.is_working_day(new_due.date()):
                raise ValidationError("new_due_at", f"Ngày {new_due:%d/%m/%Y} là ngày nghỉ; hãy chọn ngày làm việc.")
            if not any(a <= new_due.time() <= b for a, b in cal.hours.sessions):
                raise ValidationError("new_due_at", f"Giờ hẹn {new_due:%H:%M} ngoài giờ làm việc ({cal.hours}).")
            changes["new_due_at"] = iso(new_due)
            clean["new_due_at"] = iso(new_due)
            clean["reason"] = reason
        elif action == "return_result":
            collected = text("collected_by", "Người nhận kết quả", required=True, max_len=100)
            clean["collected_by"] = title_case_name(collected)
            changes["collected_by"] = clean["collected_by"]
            originals = text("originals_returned", "Bản chính đã trả lại")
            changes["originals_returned"] = originals
            changes["returned_at"] = iso(now)
            if data.get("satisfaction"):
                changes["satisfaction"] = self._satisfaction(data["satisfaction"])
                clean["satisfaction"] = changes["satisfaction"]
        elif action == "rate":
            changes["satisfaction"] = self._satisfaction(data.get("satisfaction"))
            clean["satisfaction"] = changes["satisfaction"]
        elif action in ("withdraw", "stop", "refuse"):
            text("reason", "Lý do", required=True)
        return changes, clean

    @staticmethod
    def _satisfaction(value: object) -> str:
        if value not in SATISFACTION:
            raise ValidationError("satisfaction", "Mức hài lòng phải là Rất hài lòng, Hài lòng hoặc Không hài lòng.")
        return str(value)

    def _resume_after_supplement(self, uow: UnitOfWork, dossier: Mapping[str, Any], now: datetime) -> dict[str, Any]:
        """The clock was paused by the supplement request: resume it with the time that was left."""
        last = uow.one(
            "SELECT from_status, kind FROM dossier_actions WHERE dossier_id = ? AND to_status = ? "
            "ORDER BY at DESC, rowid DESC LIMIT 1",
            (dossier["id"], lc.SUPPLEMENT_REQUESTED),
        )
        previous = last["from_status"] if last else None
        cal = self.calendar()
        paused = datetime.fromisoformat(dossier["paused_at"]) if dossier["paused_at"] else now
        due = datetime.fromisoformat(dossier["due_at"])
        if previous is None:
            # Sent back at the desk (form 02): the dossier counts as received now, complete.
            proc = self.catalog.get(dossier["procedure_code"])
            preview = self.intake.due_for(proc, now)
            new_due = preview.due_at if preview.due_at is not None else now + (due - paused)
            return {"status": lc.RECEIVED, "paused_at": None, "due_at": iso(new_due), "received_at": iso(now)}
        remaining = cal.working_minutes_between(paused, due)
        new_due = cal.add_working_minutes(now, remaining) if remaining > 0 else cal.closing_of(cal.next_opening(now).date())
        return {"status": previous, "paused_at": None, "due_at": iso(new_due)}

