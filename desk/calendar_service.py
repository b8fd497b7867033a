"""The office's calendar: the package's holidays plus the office overrides stored in the database."""

from __future__ import annotations

from datetime import date

from desk.calendar import OFF, WORK, OfficeHours, WorkCalendar, overrides_from_rows
from desk.clock import iso
from desk.errors import ValidationError
from desk.office import OfficeService
from desk.permissions import require
from desk.store import Store
from desk.text import clean_line


class CalendarService:
    def __init__(self, store: Store, office: OfficeService) -> None:
        self.store = store
        self.office = office
        self._cached: tuple[tuple[object, ...], WorkCalendar] | None = None

    def calendar(self) -> WorkCalendar:
        rows = self.store.query("SELECT day, kind, note FROM calendar_overrides ORDER BY day")
        profile = self.office.get()
        hours_text = profile.office_hours if profile else str(OfficeHours())
        key = (hours_text, tuple((r["day"], r["kind"]) for r in rows))
        if self._cached is None or self._cached[0] != key:
            kinds, notes = overrides_from_rows(rows)
            self._cached = (key, WorkCalendar(kinds, OfficeHours.parse(hours_text), notes))
        return self._cached[1]

    def set_day(self, day: date, kind: str, note: str = "", *, actor: str = "system", source: str = "office") -> None:
        if kind not in (OFF, WORK):
            raise ValidationError("kind", "Loại ngày phải là «off» (nghỉ) hoặc «work» (làm việc).")
        require(self.store, actor, "calendar.edit")
        note = clean_line(note, field="note", label="Ghi chú", max_len=200)
        with self.store.write(actor) as uow:
            uow.execute(
                "INSERT INTO calendar_overrides (day, kind, note, source) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, note = excluded.note, source = excluded.source",
                (day.isoformat(), kind, note, source),
            )
            uow.audit("calendar_day_set", "calendar", day.isoformat(), {"kind": kind, "note": note, "at": iso(uow.now)})

    def clear_day(self, day: date, *, actor: str = "system") -> None:
        require(self.store, actor, "calendar.edit")
        with self.store.write(actor) as uow:
            uow.execute("DELETE FROM calendar_overrides WHERE day = ?", (day.isoformat(),))
            uow.audit("calendar_day_cleared", "calendar", day.isoformat(), {})
