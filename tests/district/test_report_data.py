"""The district's aggregated report (district/report_data.py) gives the desk's figures, on SQLite and
PostgreSQL: the desk test's boundary scenario written for two communes, counted per commune and over all;
an older database gets the report's columns from the dossiers the desks sent."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, text

from district import models as m
from district import report_data
from district.db import STEPS, make_engine, migrate
from tests.desk.test_reports import NOW, PERIOD, scenario

PROCS = [{"code": "1.001", "name": "Đăng ký khai sinh", "field": "Hộ tịch"},
         {"code": "2.002", "name": "Chứng thực bản sao từ bản chính", "field": "Chứng thực"}]
KEYS = ("carried", "new_online", "new_direct", "early", "on_time", "late", "within", "past", "withdrawn", "stopped")


def district_row(d: dict[str, Any], commune: str) -> dict[str, Any]:
    cols = {c.name for c in m.dossiers.columns}
    row = {k: v for k, v in d.items() if k in cols}
    row.update(id=str(uuid.uuid4()), commune=commune, device_id="dev", code=f"{commune}-{d['code']}",
               data=json.dumps(d, ensure_ascii=False), documents="[]", updated_at=d["received_at"])
    return row


def test_aggregated_figures_equal_the_known_counts_per_commune_and_over_all(engine: Engine) -> None:
    cases = scenario(PROCS)
    expected: Counter[str] = sum((Counter(adds) for _, adds in cases), Counter())
    with engine.begin() as conn:
        for commune in ("000.00.06.H56", "000.00.07.H56"):
            conn.execute(insert(m.dossiers), [district_row(r, commune) for r, _ in cases])
    with engine.connect() as conn:
        one = report_data.period_report(conn, *PERIOD, commune="000.00.06.H56", now=NOW)
        both = report_data.period_report(conn, *PERIOD, now=NOW)
        lines = report_data.by_commune(conn, *PERIOD, now=NOW)
        days = report_data.received_per_day(conn, *PERIOD, commune="000.00.06.H56")
    for key in KEYS:
        assert one.total.value(key) == expected[key], key
        assert both.total.value(key) == 2 * expected[key], key
        assert [line.counts.value(key) for line in lines] == [expected[key]] * 2, key
    assert [line.commune for line in lines] == ["000.00.06.H56", "000.00.07.H56"]
    assert {p.name for p in one.procedures} == {p["name"] for p in PROCS}
    assert {f.field for f in one.fields} == {"Hộ tịch", "Chứng thực"}
    assert one.satisfaction.rated == 3 and both.satisfaction.rated == 6
    assert sum(n for _, n in days) == expected["new_online"] + expected["new_direct"]
    assert report_data.indicators(both).online_share == pytest.approx(2 / 14)


def test_aggregated_figures_equal_the_python_rules_on_random_dossiers(engine: Engine) -> None:
    """Times clustered around the period's bounds and the due minutes (desk/tests' generator): carried over,
    resolved on the due minute or one later, paused, ended, resolved after the period, on both databases,
    the report reading each dossier's class from its index where PostgreSQL can (step 0016)."""
    import random
    from datetime import date, datetime

    from tests.desk.test_report_timing import END, dossier, python_counts

    rng = random.Random(16)
    rows = [dict(dossier(rng), code=f"R{i}", applicant_name="Nguyễn Văn A", calendar_version="v", catalog_version=1)
            for i in range(3000)]
    communes = ("000.00.06.H56", "000.00.07.H56", "000.00.08.H56")
    placed = [(r, communes[i % 3]) for i, r in enumerate(rows)]
    with engine.begin() as conn:
        conn.execute(insert(m.dossiers), [district_row(r, c) for r, c in placed])
    period = (date(2026, 3, 1), date(2026, 3, 31))
    for now in (datetime(2026, 5, 1), datetime(2026, 3, 20, 10, 30, 40)):
        at = min(END, now)
        with engine.connect() as conn:
            whole = report_data.period_report(conn, *period, now=now)
            one = report_data.period_report(conn, *period, commune=communes[1], now=now)
            lines = report_data.by_commune(conn, *period, now=now)
        expected = python_counts(rows, at)
        of_one = python_counts([r for r, c in placed if c == communes[1]], at)
        for key in KEYS:
            assert whole.total.value(key) == expected[key], (now, key)
            assert sum(line.counts.value(key) for line in lines) == expected[key], (now, key)
            assert one.total.value(key) == of_one[key], (now, key)


def test_the_index_holds_the_class_the_timing_rule_gives() -> None:
    """The report's index stores each dossier's class as step 0016 wrote the rule; a changed rule needs a new
    step (the report would still be right, but would compute every class again)."""
    from desk import timing
    from district.db import REPORT_CLASS_SQL

    assert timing.result_class_sql() == REPORT_CLASS_SQL


def test_an_older_database_gets_the_report_columns_from_what_the_desks_sent(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(eng)
    d = scenario(PROCS)[4][0]  # online, rated "very satisfied"
    with eng.begin() as conn:
        conn.execute(insert(m.dossiers), [district_row(d, "000.00.06.H56")])
        # As a database from before the step held it: the columns empty, the desk's dossier in `data`.
        conn.execute(text("UPDATE dossiers SET field = '', channel = 'direct', satisfaction = NULL"))
        step = dict(STEPS)["0013_report_columns"]
        step(conn)
        got = conn.execute(text("SELECT field, channel, satisfaction FROM dossiers")).one()
    assert tuple(got) == ("Hộ tịch", "online", "very_satisfied")
    eng.dispose()


def test_dossiers_synced_from_a_real_desk_give_the_district_the_desk_s_figures(
        tmp_path: Path, clock: Any, server: Any) -> None:
    """Through the real write path and a real sync: on time at the due minute, late by a minute despite an
    apology, a supplement pause, a withdrawal, an online dossier still pending; the rating travels too."""
    from datetime import date, datetime, timedelta

    from desk.intake import ApplicantInput, IntakeInput
    from desk.reports import desk_data
    from tests.district.helpers import enrolled, receive

    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    agency = desk.office.require().agency_code
    leader = desk.officers.create("lanhdao", "Lê Văn Chủ Tịch", "matkhau123", role="leader")["id"]
    a, b, c, d = receive(desk, officer, 4)
    e = desk.dossiers.receive(IntakeInput("1.010833", ApplicantInput(
        full_name="Trần Thị Bình", id_number="019190000777", dob="01/02/1990", gender="Nữ", phone="0912000111"),
        channel="online"), officer)
    clock.set(datetime(2026, 11, 23, 10, 0))
    for x in (a, b, c, e):
        desk.dossiers.act(x["id"], "hand_over", officer, data={"to_unit": "Tư pháp – Hộ tịch"})
    clock.set(datetime(2026, 11, 24, 9, 0))
    desk.dossiers.act(d["id"], "withdraw", officer, data={"reason": "Người nộp xin rút hồ sơ."})
    clock.set(datetime(2026, 11, 25, 10, 0))
    desk.dossiers.act(b["id"], "request_supplement", officer, data={"reason": "Thiếu tờ khai"})
    clock.set(datetime(2026, 11, 26, 10, 0))
    desk.dossiers.act(c["id"], "apologize", leader, data={"reason": "Chờ xác minh", "new_due_at": "2026-12-04 16:00"})
    clock.set(datetime.fromisoformat(a["due_at"]))
    desk.dossiers.act(a["id"], "result_ready", officer)
    desk.dossiers.act(a["id"], "return_result", officer, data={"collected_by": "Nguyễn Văn An",
                                                               "satisfaction": "satisfied"})
    clock.set(datetime.fromisoformat(c["due_at"]) + timedelta(minutes=1))
    desk.dossiers.act(c["id"], "result_ready", officer)
    assert client.sync_once().error is None

    now = datetime.fromisoformat(c["due_at"]) + timedelta(days=2)
    period = (date(2026, 11, 1), date(2026, 12, 31))
    at_desk = desk_data.period(desk.store, *period, now=now)
    engine = make_engine(server.database)
    try:
        with engine.connect() as conn:
            upstream = report_data.period_report(conn, *period, commune=agency, now=now)
    finally:
        engine.dispose()
    expected = {"new_online": 1, "new_direct": 4, "on_time": 1, "late": 1, "within": 1, "past": 1, "withdrawn": 1}
    for key in KEYS:
        assert at_desk.total.value(key) == upstream.total.value(key) == expected.get(key, 0), key
    assert at_desk.satisfaction.satisfied == upstream.satisfaction.satisfied == 1
    assert [f.field for f in upstream.fields] == [f.field for f in at_desk.fields]


def test_the_per_commune_report_renders_as_pdf_and_xlsx(engine: Engine, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from desk.reports import render
    from tests.forms.pdfcheck import page_texts

    cases = scenario(PROCS)
    with engine.begin() as conn:
        for commune in ("000.00.06.H56", "000.00.07.H56"):
            conn.execute(insert(m.dossiers), [district_row(r, commune) for r, _ in cases])
    with engine.connect() as conn:
        lines = report_data.by_commune(conn, *PERIOD, now=NOW)
    doc = render.communes_document([(x.commune, f"Xã số {i}", x.counts) for i, x in enumerate(lines, 1)], *PERIOD)
    heading = render.Heading("UBND huyện Đại Từ", "Văn phòng HĐND và UBND", "Đại Từ")
    (tmp_path / "a.pdf").write_bytes(render.pdf(doc, heading))
    (tmp_path / "a.xlsx").write_bytes(render.xlsx(doc, heading))
    text = page_texts(tmp_path / "a.pdf")[0]
    assert "Xã số 1 17 3 2 12" in text and "Xã số 2 17 3 2 12" in text and "Tổng cộng 34 6 4 24" in text
    assert "000.00.07.H56" in text.replace(" ", "")
    ws = load_workbook(tmp_path / "a.xlsx").active
    assert ws is not None
    total = next(r for r in ws.iter_rows(values_only=True) if r[2] == "Tổng cộng")
    assert list(total[3:7]) == [34, 6, 4, 24]
