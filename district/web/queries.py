"""What the staff pages read: the communes' sync health, dossiers filtered and searched, the overdue list.

Lateness is never judged here: every dossier comes through `district.app.list_dossiers`, which applies
desk.timing (the one definition) at the server's office time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, exists, func, select

from desk import lifecycle as lc
from desk import timing
from desk.sync.protocol import CLOCK_WARNING_SECONDS, DEFERRED, OFFICE_UTC_OFFSET, REJECTED
from desk.text import fold
from district import models as m

PAGE_LIMIT = 500  # rows one page shows; the count above the table says how many matched


def local(stamp: str | None) -> str:
    """A stored UTC stamp as the office's wall clock, dd/mm/yyyy HH:MM."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = (moment + OFFICE_UTC_OFFSET).replace(tzinfo=None)
    return moment.strftime("%d/%m/%Y %H:%M")


def office_time(value: str | None) -> str:
    """A dossier's office-time stamp (already UTC+7, naive) as dd/mm/yyyy HH:MM."""
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return value


def clock_words(offset_s: int | None) -> str:
    if offset_s is None or abs(offset_s) <= CLOCK_WARNING_SECONDS:
        return ""
    minutes = round(abs(offset_s) / 60)
    amount = f"{round(minutes / 1440)} ngày" if minutes >= 1440 else f"{minutes} phút"
    return f"{'nhanh' if offset_s > 0 else 'chậm'} {amount}"


def _day(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


def communes(conn: Connection) -> list[dict[str, Any]]:
    """One row per commune that has a PC or a dossier: its PCs, last contact, the district's steps not yet
    pulled by every active PC, ops kept back at the district, clock warnings, the last day close."""
    devices = [dict(r._mapping) for r in conn.execute(
        select(m.devices, m.feed_positions.c.through_id)
        .join(m.feed_positions, m.feed_positions.c.device_id == m.devices.c.device_id, isouter=True)
        .order_by(m.devices.c.commune, m.devices.c.enrolled_at))]
    names = {d["commune"] for d in devices}
    counts = {r.commune: int(r.n) for r in conn.execute(
        select(m.dossiers.c.commune, func.count().label("n")).group_by(m.dossiers.c.commune))}
    names |= set(counts)
    held = {r.commune: int(r.n) for r in conn.execute(
        select(m.devices.c.commune, func.count().label("n"))
        .select_from(m.ops.join(m.devices, m.devices.c.device_id == m.ops.c.device_id))
        .where(m.ops.c.outcome.in_([DEFERRED, REJECTED])).group_by(m.devices.c.commune))}
    # The last day close each PC sent.
    last_close = select(m.day_closes.c.device_id, func.max(m.day_closes.c.id).label("id")) \
        .group_by(m.day_closes.c.device_id).subquery()
    closes = {r.device_id: r for r in conn.execute(
        select(m.day_closes.c.device_id, m.day_closes.c.day, m.day_closes.c.matched, m.day_closes.c.at)
        .join(last_close, last_close.c.id == m.day_closes.c.id))}
    out = []
    for name in sorted(names):
        pcs = [d for d in devices if d["commune"] == name]
        active = [d for d in pcs if not d["revoked_at"]]
        # The district's steps after the position of the PC furthest behind have not reached it yet. The
        # feed also carries the commune's PCs' own ops to each other (issue 15, change id = op id): those
        # are not the district's steps, and a PC never waits for its own.
        behind = min((int(d["through_id"] or 0) for d in active), default=None)
        waiting = 0
        if behind is not None:
            desk_op = exists().where(m.ops.c.op_id == m.change_log.c.change_id)
            waiting = int(conn.execute(select(func.count()).select_from(m.change_log).where(
                m.change_log.c.commune == name, m.change_log.c.id > behind, ~desk_op)).scalar() or 0)
        pc_rows = []
        for d in pcs:
            close = closes.get(d["device_id"])
            pc_rows.append({
                "device_id": d["device_id"], "name": d["name"] or d["device_id"][:8],
                "revoked": bool(d["revoked_at"]), "revoked_at": local(d["revoked_at"]),
                "last_seen": local(d["last_seen_at"]), "clock": clock_words(d["clock_offset_s"]),
                "close_day": _day(close.day) if close else "", "close_matched": bool(close.matched) if close else None,
            })
        seen = [d["last_seen_at"] for d in pcs if d["last_seen_at"]]
        out.append({
            # The office's name as its PCs enrolled ("UBND xã … — quầy 2"): the district keeps no list of names.
            "name": next((d["name"].split(" — ")[0] for d in pcs if d["name"]), ""),
            "commune": name, "pcs": pc_rows, "active": len(active), "revoked": len(pcs) - len(active),
            "last_sync": local(max(seen)) if seen else "", "dossiers": counts.get(name, 0),
            "waiting_changes": waiting, "held_ops": held.get(name, 0),
            "clock_warnings": sum(1 for r in pc_rows if r["clock"] and not r["revoked"]),
            "unmatched_closes": sum(1 for r in pc_rows if r["close_matched"] is False),
        })
    return out


def commune_codes(conn: Connection) -> list[str]:
    names = {str(r[0]) for r in conn.execute(select(m.devices.c.commune).distinct())}
    names |= {str(r[0]) for r in conn.execute(select(m.dossiers.c.commune).distinct())}
    return sorted(names)


def matches(row: dict[str, Any], words: Iterable[str]) -> bool:
    """Every word of the search in the code, the applicant's name or the procedure (diacritics folded)."""
    hay = fold(" ".join(str(row.get(k) or "") for k in ("code", "applicant_name", "procedure_code",
                                                        "procedure_name")))
    return all(w in hay for w in words)


def dossiers(conn: Connection, commune: str | None, status: str | None, search: str,
             *, overdue: bool = False) -> tuple[list[dict[str, Any]], int]:
    """(rows shown, rows matched): one commune's or every commune's dossiers, by status, searched."""
    from district.app import list_dossiers  # district.app includes these pages: imported when used

    statuses: list[str] = []
    if overdue:
        statuses = sorted(timing.PENDING)
    elif status:
        statuses = [status]
    rows = list_dossiers(conn, commune or None, statuses=statuses, wide=True)
    if overdue:
        rows = [r for r in rows if r["timing"] == timing.PAST]
    words = fold(search).split()
    if words:
        rows = [r for r in rows if matches(r, words)]
    for r in rows:
        r["status_vi"] = lc.STATUS_LABELS_VI.get(r["status"], r["status"])
        r["timing_vi"] = timing.LABELS_VI.get(r["timing"] or "", "")
        r["due_local"] = office_time(r["due_at"])
        r["received_local"] = office_time(r["received_at"])
    if overdue:
        rows.sort(key=lambda r: r["due_at"] or "")
    else:
        rows.reverse()  # newest first
    return rows[:PAGE_LIMIT], len(rows)
