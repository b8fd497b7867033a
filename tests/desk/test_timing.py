"""The one definition of lateness (desk/timing.py), on dossiers as the desk and the district store them."""

from __future__ import annotations

import json
from datetime import datetime

from desk import timing

DUE = "2026-11-27T17:00:00"


def _d(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"status": "received", "due_at": DUE, "new_due_at": None, "result_at": None,
                               "paused_at": None}
    base.update(kw)
    return base


def test_result_at_the_due_minute_is_on_time_one_minute_later_is_late() -> None:
    assert timing.result_class(_d(status="result_ready", result_at="2026-11-27T17:00:00")) == timing.ON_TIME
    assert timing.result_class(_d(status="result_ready", result_at="2026-11-27T17:00:59")) == timing.ON_TIME
    assert timing.result_class(_d(status="result_ready", result_at="2026-11-27T17:01:00")) == timing.LATE
    assert timing.result_class(_d(status="returned", result_at="2026-11-27T08:00:00")) == timing.ON_TIME
    assert timing.result_class(_d(status="returned", result_at="2026-11-26T16:59:00")) == timing.EARLY
    assert timing.label_vi(_d(status="returned", result_at="2026-11-26T16:59:00"), datetime(2026, 12, 1)) == "Trước hạn"


def test_an_apology_never_makes_a_late_dossier_on_time() -> None:
    late = _d(status="returned", new_due_at="2026-12-04T17:00:00", result_at="2026-12-03T10:00:00")
    assert timing.result_class(late) == timing.LATE
    assert timing.expected_return(late) == datetime(2026, 12, 4, 17, 0)
    assert timing.promised_due(late) == datetime(2026, 11, 27, 17, 0)
    pending = _d(status="in_processing", new_due_at="2026-12-04T17:00:00")
    assert timing.pending_class(pending, datetime(2026, 11, 27, 17, 0)) == timing.WITHIN
    assert timing.pending_class(pending, datetime(2026, 11, 27, 17, 1)) == timing.PAST


def test_a_paused_clock_is_judged_when_it_stopped() -> None:
    before = _d(status="supplement_requested", paused_at="2026-11-25T10:00:00")
    after = _d(status="awaiting_payment", paused_at="2026-11-30T10:00:00")
    assert timing.pending_class(before, datetime(2027, 1, 1)) == timing.WITHIN
    assert timing.pending_class(after, datetime(2027, 1, 1)) == timing.PAST
    assert timing.is_paused(before) and timing.paused_since(before) == datetime(2026, 11, 25, 10, 0)


def test_not_accepted_cancelled_and_ended_dossiers_are_neither_resolved_nor_pending() -> None:
    at = datetime(2027, 1, 1)
    refused = _d(status="refused", due_at="")
    sent_back = _d(status="supplement_requested", due_at="", paused_at="2026-11-23T09:00:00")
    cancelled = _d(status="cancelled", result_at="2026-11-24T09:00:00")
    for d in (refused, sent_back, cancelled, _d(status="withdrawn"), _d(status="stopped")):
        assert timing.verdict(d, at) is None
    assert not timing.counted(cancelled) and timing.counted(refused)
    assert timing.promised_due(refused) is None and not timing.is_paused(sent_back)
    # Refused after processing is an answer: judged like a result.
    assert timing.result_class(_d(status="rejected", result_at="2026-11-28T09:00:00")) == timing.LATE


def test_pauses_come_from_the_action_log() -> None:
    log = [
        {"kind": "receive", "from_status": None, "to_status": "supplement_requested", "at": "2026-11-20T08:00:00"},
        {"kind": "supplement_received", "from_status": "supplement_requested", "to_status": "received",
         "at": "2026-11-23T09:00:00"},
        {"kind": "hand_over", "from_status": "received", "to_status": "in_processing", "at": "2026-11-23T10:00:00"},
        {"kind": "request_payment", "from_status": "in_processing", "to_status": "awaiting_payment",
         "at": "2026-11-24T10:00:00"},
        {"kind": "payment_done", "from_status": "awaiting_payment", "to_status": "in_processing",
         "at": "2026-11-25T14:00:00"},
        {"kind": "request_supplement", "from_status": "in_processing", "to_status": "supplement_requested",
         "at": "2026-11-26T08:00:00"},
    ]
    assert timing.pause_intervals(log) == [(datetime(2026, 11, 24, 10, 0), datetime(2026, 11, 25, 14, 0)),
                                           (datetime(2026, 11, 26, 8, 0), None)]


def test_the_system_clock_gives_vietnam_wall_time_whatever_the_pc_zone() -> None:
    import subprocess
    import sys
    from datetime import UTC, timedelta

    code = "from desk.clock import system_clock; print(system_clock().isoformat())"
    for zone in ("America/New_York", "Europe/London", "UTC", "Asia/Ho_Chi_Minh"):
        before = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=7)
        out = subprocess.run([sys.executable, "-c", code], env={"TZ": zone, "PATH": ""}, capture_output=True,
                             text=True, check=True).stdout.strip()
        after = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=7)
        shown = datetime.fromisoformat(out)
        assert before.replace(microsecond=0) <= shown <= after, (zone, shown)


def test_an_older_database_gets_its_limits_dates_and_register_lines(tmp_path: object) -> None:
    from pathlib import Path

    from sqlite_utils import Database

    from db.migrations import MIGRATIONS
    from desk.services import Desk

    folder = Path(str(tmp_path)) / "old"
    # A desk as issue 11 left it: the catalogue loaded, one dossier received, its slip printed.
    folder.mkdir()
    db = Database(folder / "desk.db")
    MIGRATIONS.apply(db, stop_before="0005_time_limits_and_lateness")
    # The old importer's columns: what 0004 had, before limits were kept as specs. (A plain file, as an
    # older build left it; the desk encrypts it when it opens it.)
    for rec in json.loads((Path(__file__).resolve().parents[2] / "resources" / "procedures.json").read_text()):
        db.execute("INSERT INTO procedures (code, name, name_fold, time_limit_days, same_day_cutoff, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, 'x')", (rec["code"], rec["name"], rec["name"].lower(),
                                                   rec["time_limit_working_days"], rec["same_day_cutoff"]))
    db.execute("UPDATE procedures SET time_limit_days = NULL, local_fields = '[]' WHERE code = '2.001035'")
    db.execute("UPDATE procedures SET time_limit_days = 7, local_fields = '[\"time_limit_days\"]' "
               "WHERE code = '1.004837'")
    db.execute("INSERT INTO dossiers (id, code, procedure_code, procedure_name, applicant_name, applicant_name_fold, "
               "received_at, received_by, desk_no, time_limit_days, due_at, status, status_at, register_book, "
               "register_no, calendar_version, catalog_version, created_at, updated_at) VALUES ('d1', "
               "'000.00.06.H56-251201-010001', '1.004873', 'x', 'A', 'a', '2025-12-01T09:00:00', 'o', 1, 3, "
               "'2025-12-04T09:00:00', 'in_processing', '2025-12-01T09:00:00', '01', 9, 'v', 1, 'x', 'x')")
    db.execute("INSERT INTO printed_forms (id, dossier_id, kind, paper, path, sha256, printed_at, by_officer) "
               "VALUES ('f1', 'd1', 'slip', 'a4', 'x.pdf', 'h', '2025-12-01T09:01:00', 'o')")
    db.conn.commit()
    db.conn.close()
    desk = Desk.open(folder)
    try:
        p = desk.catalog.get("2.001035")  # chứng thực hợp đồng: the starter now gives 02 working days
        assert p["limit_text"] == "02 ngày làm việc" and p["limit_source"] == "catalogue"
        q = desk.catalog.get("1.004837")  # the office's own 7 days stay the office's
        assert q["limit_text"] == "07 ngày làm việc" and q["limit_source"] == "office"
        d = desk.dossiers.get("d1")
        assert d["time_limit"] == "wd:3" and d["register_book"] == "01/2025" and d["clock_from"] == d["received_at"]
        assert desk.store.scalar("SELECT due_at FROM printed_forms WHERE id = 'f1'") == "2025-12-04T09:00:00"
        assert timing.pending_class(d, datetime(2025, 12, 4, 9, 1)) == timing.PAST
    finally:
        desk.close()
