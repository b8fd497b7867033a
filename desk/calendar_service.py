"""The office's calendar: the package's holidays, the decreed adjustments shipped with the desk, the
district's published days and the office's own corrections, in that order of precedence (a later layer
wins for the same day); office hours, by season when the office sets them.

The decreed adjustments (`resources/calendar-adjustments.json`) are swaps and extra days off that a
one-off government document sets and the `holidays` package does not know yet (e.g. văn bản
12729/VPCP-KGVX moving the working Friday 2/1/2026 to Saturday 10/1/2026); each carries its source.
The district publishes the same kind of days (stored with source 'district'); a day the office set
itself (source 'office') is kept when the district publishes that day again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desk.calendar import (
    OFF,
    WORK,
    OfficeHours,
    Seasons,
    WorkCalendar,
    overrides_from_rows,
    parse_seasons,
)
from desk.clock import iso
from desk.errors import ValidationError
from desk.office import OfficeService
from desk.permissions import require
from desk.resources import load_json
from desk.store import Store
from desk.text import clean_line

SEASONS_SETTING = "calendar.season_hours"  # set through desk.settings, which checks it


def shipped_adjustments() -> list[dict[str, Any]]:
    """The decreed days shipped with this build, each with its note and source."""
    return [dict(d) for d in load_json("calendar-adjustments.json")["adjustments"]]


class CalendarService:
    def __init__(self, store: Store, office: OfficeService) -> None:
        self.store = store
        self.office = office
        self._cached: tuple[tuple[object, ...], WorkCalendar] | None = None

    def calendar(self) -> WorkCalendar:
        rows = self.store.query("SELECT day, kind, note FROM calendar_overrides ORDER BY day")
        profile = self.office.get()
        hours_text = profile.office_hours if profile else str(OfficeHours())
        seasons_raw = self.store.scalar("SELECT value FROM settings WHERE name = ?", (SEASONS_SETTING,)) or ""
        key = (hours_text, str(seasons_raw), tuple((r["day"], r["kind"]) for r in rows))
        if self._cached is None or self._cached[0] != key:
            layered = {d["day"]: d for d in shipped_adjustments()}
            layered.update({r["day"]: r for r in rows})
            kinds, notes = overrides_from_rows(layered.values())
            seasons: Seasons = parse_seasons(str(seasons_raw)) if seasons_raw else ()
            self._cached = (key, WorkCalendar(kinds, OfficeHours.parse(hours_text), notes, seasons))
        return self._cached[1]

    def adjustments(self) -> list[dict[str, Any]]:
        """Every adjusted day in force, with where it comes from: 'decree' (shipped), 'district', 'office'."""
        layered: dict[str, dict[str, Any]] = {
            d["day"]: {**d, "origin": "decree"} for d in shipped_adjustments()}
        for r in self.store.query("SELECT day, kind, note, source FROM calendar_overrides ORDER BY day"):
            layered[r["day"]] = {"day": r["day"], "kind": r["kind"], "note": r["note"], "origin": r["source"],
                                 "source": ""}
        return [layered[k] for k in sorted(layered)]

    def set_day(self, day: date, kind: str, note: str = "", *, actor: str = "system", source: str = "office") -> None:
        if kind not in (OFF, WORK):
            raise ValidationError("kind", "Loại ngày phải là «off» (nghỉ) hoặc «work» (làm việc).")
        require(self.store, actor, "calendar.edit")
        note = clean_line(note, field="note", label="Ghi chú", max_len=200)
        with self.store.write(actor) as uow:
            # The office's own correction of a day outlives the district's next publication of it.
            uow.execute(
                "INSERT INTO calendar_overrides (day, kind, note, source) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, note = excluded.note, source = excluded.source "
                "WHERE calendar_overrides.source <> 'office' OR excluded.source = 'office'",
                (day.isoformat(), kind, note, source),
            )
            uow.audit("calendar_day_set", "calendar", day.isoformat(),
                      {"kind": kind, "note": note, "source": source, "at": iso(uow.now)})

    def clear_day(self, day: date, *, actor: str = "system") -> None:
        require(self.store, actor, "calendar.edit")
        with self.store.write(actor) as uow:
            uow.execute("DELETE FROM calendar_overrides WHERE day = ?", (day.isoformat(),))
            uow.audit("calendar_day_cleared", "calendar", day.isoformat(), {})
