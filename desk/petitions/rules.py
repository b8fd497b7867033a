"""Kinds, statuses and the law's time limits for petitions (đơn thư), as data.

Every limit is in calendar days and runs from acceptance (thụ lý); the acceptance itself is decided
within 10 days of receipt. Dates come from the office calendar's calendar-day rule
(`WorkCalendar.due_for` with a `cd:N` limit): counted from the day after, and a last day that is not a
working day (a weekend, Tết) moves to the next working day (Bộ luật Dân sự 2015, art. 148). Lateness is
`desk.timing.classify`, the one definition the dossiers use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desk import timing
from desk.calendar import WorkCalendar
from desk.limits import CALENDAR_DAYS, TimeLimit

KHIEU_NAI, TO_CAO, KIEN_NGHI, TRANH_CHAP = "khieu_nai", "to_cao", "kien_nghi", "tranh_chap"
KINDS = (KHIEU_NAI, TO_CAO, TRANH_CHAP, KIEN_NGHI)  # the seeds' order in the figures sentence
KIND_LABELS_VI = {KHIEU_NAI: "Khiếu nại", TO_CAO: "Tố cáo", KIEN_NGHI: "Kiến nghị, phản ánh",
                  TRANH_CHAP: "Tranh chấp"}
KIND_LABELS_EN = {KHIEU_NAI: "Complaint", TO_CAO: "Denunciation", KIEN_NGHI: "Proposal, report",
                  TRANH_CHAP: "Dispute"}
# The command line's spelling (desk petition add --kind khieu-nai).
KIND_WORDS = {"khieu-nai": KHIEU_NAI, "to-cao": TO_CAO, "kien-nghi": KIEN_NGHI, "tranh-chap": TRANH_CHAP}

RECEIVED, HANDLING, RESOLVED, FORWARDED, WITHDRAWN, NOT_ACCEPTED = (
    "received", "handling", "resolved", "forwarded", "withdrawn", "not_accepted")
STATUS_LABELS_VI = {RECEIVED: "Đã nhận", HANDLING: "Đang giải quyết", RESOLVED: "Đã giải quyết",
                    FORWARDED: "Đã chuyển / hướng dẫn", WITHDRAWN: "Đã rút", NOT_ACCEPTED: "Không thụ lý"}
ENDED = frozenset({RESOLVED, FORWARDED, WITHDRAWN, NOT_ACCEPTED})

SOURCES = ("reception", "post", "forwarded")
SOURCE_LABELS_VI = {"reception": "Tiếp công dân", "post": "Qua bưu chính", "forwarded": "Cơ quan khác chuyển đến"}

ACCEPT_WITHIN_DAYS = 10  # Luật Khiếu nại 2011 art. 27; Thông tư 05/2021/TT-TTCP (classification)
# A group (đoàn đông người) from five persons (Nghị định 64/2014, art. 4 — the commonly applied threshold).
GROUP_FROM = 5


@dataclass(frozen=True)
class KindLimit:
    days: int               # from acceptance
    max_extensions: int     # how many written extensions the law allows
    extension_max_days: int  # the most one extension adds
    basis: str
    confirmed: bool = True


LIMITS: dict[str, KindLimit] = {
    # Complex cases 45 days in all: recorded as one extension of at most 15 days, with its decision.
    KHIEU_NAI: KindLimit(30, 1, 15, "Luật Khiếu nại 2011, điều 28"),
    TO_CAO: KindLimit(30, 2, 30, "Luật Tố cáo 2018, điều 30"),
    TRANH_CHAP: KindLimit(30, 0, 0, "Luật Đất đai 2024, điều 235 (hòa giải tại UBND cấp xã)"),
    # No limit the sources checked state for an answer to a proposal: the acceptance's 10 days, pending.
    KIEN_NGHI: KindLimit(10, 1, 10, "Thông tư 05/2021/TT-TTCP (chưa xác nhận thời hạn trả lời)", confirmed=False),
}


# Remote, mountainous areas with difficult travel (vùng sâu, vùng xa): a first complaint 45 days, complex 60
# (Luật Khiếu nại 2011, art. 28), set for the office by `petitions.remote_area`.
REMOTE = {KHIEU_NAI: KindLimit(45, 1, 15, "Luật Khiếu nại 2011, điều 28 (vùng sâu, vùng xa)")}


def limit_for(kind: str, remote: bool = False) -> KindLimit:
    return REMOTE.get(kind, LIMITS[kind]) if remote else LIMITS[kind]


def calendar_days_due(cal: WorkCalendar, start: datetime, days: int) -> datetime:
    """The calendar's own calendar-day rule: the end of the last day, moved past days off."""
    return cal.due_for(start, TimeLimit(CALENDAR_DAYS, float(days)))


def classify_due(cal: WorkCalendar, received: datetime) -> datetime:
    return calendar_days_due(cal, received, ACCEPT_WITHIN_DAYS)


def handling_due(cal: WorkCalendar, kind: str, accepted: datetime, extension_days: int = 0, *,
                 remote: bool = False) -> datetime:
    return calendar_days_due(cal, accepted, limit_for(kind, remote).days + extension_days)


def current_due(p: dict[str, object]) -> str | None:
    """The date a petition must move by: its handling deadline once accepted, else the acceptance's."""
    if p.get("status") == HANDLING and p.get("due_at"):
        return str(p["due_at"])
    if p.get("status") == RECEIVED:
        return str(p.get("classify_due") or "") or None
    return None


def is_overdue(p: dict[str, object], at: datetime) -> bool:
    due = current_due(p)
    return due is not None and timing.classify(at, due) == timing.LATE


def resolved_late(p: dict[str, object]) -> bool | None:
    if p.get("status") != RESOLVED or not p.get("resolved_at") or not p.get("due_at"):
        return None
    return timing.classify(str(p["resolved_at"]), str(p["due_at"])) == timing.LATE
