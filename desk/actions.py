"""What each lifecycle action records: its fields, checked, and the dossier columns it sets.

`desk.lifecycle` says which action may follow which status; this module says what an allowed action
carries (a reason, a new date, who collected the result…) and what it changes on the dossier. The change
itself is written by the one step path, `desk.steps`.

The steps that move the promised date (`due_at`) are the ones the law lets move it: the end of a pause
(supplement received, financial obligation met), verification needed (the second limit), and the
acceptance of a dossier sent back at intake. The apology never moves it; it records `new_due_at` beside
it (desk/timing.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from desk import lifecycle as lc
from desk import timing
from desk.calendar import WorkCalendar
from desk.catalog import Catalog
from desk.clock import iso
from desk.codes import register_book_label, register_key
from desk.errors import ValidationError
from desk.intake import SATISFACTION, IntakeCheck, parse_moment
from desk.limits import TimeLimit, optional_limit
from desk.settings import Settings
from desk.store import UnitOfWork
from desk.text import clean_line, parse_hhmm, title_case_name


class ActionRules:
    def __init__(self, catalog: Catalog, intake: IntakeCheck, calendar_provider: Callable[[], WorkCalendar],
                 settings: Settings | None = None) -> None:
        self.catalog = catalog
        self.intake = intake
        self.calendar = calendar_provider
        self.settings = settings

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
            changes.update(self._after_supplement(uow, dossier, now))
        elif action == "request_payment":
            text("obligation", "Nghĩa vụ tài chính phải thực hiện", required=True, max_len=500)
            changes["paused_at"] = iso(now)
        elif action == "payment_done":
            text("note", "Ghi chú", max_len=500)
            changes.update(self._resume(uow, dossier, now))
        elif action == "require_verification":
            text("reason", "Nội dung cần xác minh", max_len=1000)
            changes.update(self._verification(uow, dossier, now))
            clean["due_at"] = changes["due_at"]
        elif action == "result_ready":
            changes["result_at"] = iso(now)
        elif action == "reject":
            text("reason", "Lý do từ chối giải quyết", required=True)
            # A refusal after examining the dossier is the processing office's answer: judged like a result.
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
            if not cal.is_office_time(new_due):
                raise ValidationError("new_due_at", f"Giờ hẹn {new_due:%H:%M} ngoài giờ làm việc "
                                      f"({cal.hours_on(new_due.date())}).")
            # Beside the promised date, never in its place: the dossier stays judged against due_at.
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
            changes["returned_via"] = "desk"
            if data.get("satisfaction"):
                changes["satisfaction"] = self._satisfaction(data["satisfaction"])
                clean["satisfaction"] = changes["satisfaction"]
        elif action == "send_by_post":
            tracking = text("tracking_no", "Số hiệu bưu gửi", required=True, max_len=40)
            text("post_office", "Bưu cục nhận gửi", max_len=200)
            changes["returned_at"] = iso(now)
            changes["returned_via"] = "post"
            changes["collected_by"] = f"Bưu chính công ích (số hiệu {tracking})"
        elif action == "rate":
            changes["satisfaction"] = self._satisfaction(data.get("satisfaction"))
            clean["satisfaction"] = changes["satisfaction"]
        elif action in ("withdraw", "stop", "refuse", "cancel"):
            text("reason", "Lý do", required=True)
        return changes, clean

    @staticmethod
    def _satisfaction(value: object) -> str:
        if value not in SATISFACTION:
            raise ValidationError("satisfaction", "Mức hài lòng phải là Rất hài lòng, Hài lòng hoặc Không hài lòng.")
        return str(value)

    # --- the clock --------------------------------------------------------------------------------
    def limit_in_force(self, dossier: Mapping[str, Any]) -> TimeLimit:
        """The limit the dossier is counted with: the second one once verification was needed."""
        if dossier.get("verification_at") and dossier.get("verify_limit"):
            return TimeLimit.from_spec(str(dossier["verify_limit"]))
        limit = optional_limit(dossier.get("time_limit"))
        if limit is None:
            days = dossier.get("time_limit_days")
            if days is None:
                # A dossier received before limits were kept, with a date the officer typed: nothing to
                # count with but the time it had.
                raise ValidationError("time_limit", f"Hồ sơ {dossier.get('code', '')} không có thời hạn giải quyết "
                                                    "để tính lại ngày hẹn.")
            limit = TimeLimit.working_days(int(days))
        return limit

    def _cutoff(self, dossier: Mapping[str, Any]) -> Any:
        value = dossier.get("same_day_cutoff")
        return parse_hhmm(value, field="same_day_cutoff", label="Giờ giới hạn tiếp nhận") if value else None

    def _previous_status(self, uow: UnitOfWork, dossier: Mapping[str, Any], paused: str) -> str | None:
        last = uow.one(
            "SELECT from_status FROM dossier_actions WHERE dossier_id = ? AND to_status = ? "
            "ORDER BY at DESC, rowid DESC LIMIT 1",
            (dossier["id"], paused),
        )
        return last["from_status"] if last else None

    def _resume(self, uow: UnitOfWork, dossier: Mapping[str, Any], now: datetime) -> dict[str, Any]:
        """The end of a pause: back where it was, the promised date moved by the pause (if it began
        before the deadline; a dossier already late stays late)."""
        previous = self._previous_status(uow, dossier, str(dossier["status"])) or lc.IN_PROCESSING
        cal = self.calendar()
        due = datetime.fromisoformat(dossier["due_at"])
        paused = datetime.fromisoformat(dossier["paused_at"]) if dossier.get("paused_at") else now
        new_due = cal.extend(due, self.limit_in_force(dossier), paused, now)
        return {"status": previous, "paused_at": None, "due_at": iso(new_due)}

    def _after_supplement(self, uow: UnitOfWork, dossier: Mapping[str, Any], now: datetime) -> dict[str, Any]:
        previous = self._previous_status(uow, dossier, lc.SUPPLEMENT_REQUESTED)
        if previous is None:
            return self._accept(uow, dossier, now)
        if self._supplement_clock() == "restart":
            # The whole limit counts again from the complete dossier.
            limit = self.limit_in_force(dossier)
            due = self.calendar().due_for(now, limit, self._cutoff(dossier))
            return {"status": previous, "paused_at": None, "due_at": iso(due), "clock_from": iso(now)}
        return self._resume(uow, dossier, now)

    def _supplement_clock(self) -> str:
        return str(self.settings.get("timing.supplement_clock")) if self.settings is not None else "pause"

    def _accept(self, uow: UnitOfWork, dossier: Mapping[str, Any], now: datetime) -> dict[str, Any]:
        """Sent back at intake (form 02) and brought back complete: the desk accepts it now. It gets its
        return date, counted from now, and its line in the register."""
        limit = optional_limit(dossier.get("time_limit")) or self.catalog.limit_of(str(dossier["procedure_code"]))
        if limit is None:
            raise ValidationError("time_limit", f"Thủ tục {dossier['procedure_code']} chưa có thời hạn giải quyết: "
                                                "hãy khai báo thời hạn của thủ tục trước khi tiếp nhận.")
        proc = self.catalog.get(str(dossier["procedure_code"]))
        cutoff = dossier.get("same_day_cutoff") or proc.get("same_day_cutoff")
        cut = parse_hhmm(cutoff, field="same_day_cutoff", label="Giờ giới hạn tiếp nhận") if cutoff else None
        due = self.calendar().due_for(now, limit, cut)
        office = uow.one("SELECT register_book FROM office WHERE id = 1")
        desk_no = int(dossier["desk_no"])
        return {"status": lc.RECEIVED, "paused_at": None, "due_at": iso(due), "received_at": iso(now),
                "clock_from": iso(now), "time_limit": limit.spec, "time_limit_days": limit.whole_working_days,
                "verify_limit": dossier.get("verify_limit") or proc.get("verify_limit"),
                "same_day_cutoff": cutoff,
                "register_book": register_book_label(str(office["register_book"]) if office else "01", now.year),
                "register_no": uow.next_daily_number(register_key(now.year, desk_no))}

    def _verification(self, uow: UnitOfWork, dossier: Mapping[str, Any], now: datetime) -> dict[str, Any]:
        """Verification needed: the second limit, counted from where the first one was, and moved by
        the pauses the dossier already had."""
        spec = dossier.get("verify_limit")
        if not spec:
            raise ValidationError("reason", f"Thủ tục {dossier.get('procedure_code', '')} không có thời hạn riêng khi "
                                            "cần xác minh; hãy khai báo trong danh mục thủ tục.")
        limit = TimeLimit.from_spec(str(spec))
        cal = self.calendar()
        start = datetime.fromisoformat(str(dossier.get("clock_from") or dossier["received_at"]))
        due = cal.due_for(start, limit, self._cutoff(dossier))
        log = uow.all("SELECT kind, from_status, to_status, at FROM dossier_actions WHERE dossier_id = ? "
                      "ORDER BY at, rowid", (dossier["id"],))
        for begin, end in timing.pause_intervals(log):
            if end is not None and begin >= start:
                due = cal.extend(due, limit, begin, end)
        current = datetime.fromisoformat(dossier["due_at"])
        return {"verification_at": iso(now), "due_at": iso(max(due, current))}
