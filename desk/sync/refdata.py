"""Reference data down (docs/sync.md rule 12): a newer catalogue, calendar or fee schedule from the district.

The desk's versions ride in the first exchange of a sync; the answer names the newer ones and carries
their data when it fits (district/exchange.py), so an unchanged day costs no round trip.

Applying a version again is harmless — imports compare, calendar days are upserts — so the version is
saved after the data: a crash in between only repeats the work. A dossier keeps the versions its due
date was computed with; nothing here changes a date already printed for a citizen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from desk.services import Desk
from desk.sync import replies, state
from desk.sync.reports import Cancel, SyncReport
from desk.sync.session import Session

NAMES = ("catalog", "calendar", "fees")


class RefData:
    def __init__(self, session: Session, desk: Desk) -> None:
        self.session = session
        self.desk = desk

    def local_versions(self) -> dict[str, int]:
        return {name: int(state.get(self.desk.store, f"refdata.{name}", "0") or 0) for name in NAMES}

    def apply(self, newer: Mapping[str, Mapping[str, Any]], report: SyncReport, cancel: Cancel) -> None:
        """Newer versions the exchange announced: applied from the answer when they came in it, else
        fetched (a catalogue too large to ride along)."""
        store = self.desk.store
        for name in NAMES:
            part = newer.get(name)
            local = int(state.get(store, f"refdata.{name}", "0") or 0)
            if part is None or replies.integer(part, "version") <= local:
                continue
            reply: Mapping[str, Any] = part
            if "records" not in part and "days" not in part:
                reply = self.session.call("GET", f"/refdata/{name}", params={"since": local}, cancel=cancel)
                if reply.get("unchanged"):
                    continue
            version = replies.integer(reply, "version")
            if name == "catalog":
                self.desk.catalog.import_records(replies.items(reply, "records"),
                                                 source=f"cấp trên, phiên bản {version}", actor="district")
            elif name == "fees":
                self._apply_fees(reply, version)
            else:
                self._apply_calendar(replies.items(reply, "days"))
            state.put_many(store, {f"refdata.{name}": str(version)})
            report.refdata[name] = version

    def _apply_fees(self, reply: Mapping[str, Any], version: int) -> None:
        """The province's fee schedule (office corrections stay), and the receipt series handed out to
        this commune."""
        self.desk.fees.schedule.apply_published(replies.items(reply, "rules"), version)
        profile = self.desk.office.get()
        if profile is not None and reply.get("series"):
            self.desk.fees.series.apply_published(replies.items(reply, "series"), profile.agency_code)

    def _apply_calendar(self, days: Sequence[Mapping[str, Any]]) -> None:
        try:
            wanted = {date.fromisoformat(str(d["day"])).isoformat(): d for d in days}
        except (KeyError, ValueError):
            raise replies.BadReply("lịch làm việc có ngày không đúng dạng") from None
        for day_text, d in wanted.items():
            self.desk.calendars.set_day(date.fromisoformat(day_text), str(d.get("kind")), str(d.get("note") or ""),
                                        actor="district", source="district")
        for row in self.desk.store.query("SELECT day FROM calendar_overrides WHERE source = 'district'"):
            if row["day"] not in wanted:
                self.desk.calendars.clear_day(date.fromisoformat(row["day"]), actor="district")
