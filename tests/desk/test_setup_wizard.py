"""The first-run wizard's flow without a window: what each step requires, what it writes, what may be
skipped, and where an interrupted run resumes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from db.migrations import MIGRATIONS
from desk.errors import DeskError, ValidationError, ValidationErrors
from desk.selftest import decode_qr_texts
from desk.services import Desk
from desk.setup_wizard import (
    ADMIN,
    DISTRICT,
    OFFICE,
    PRINTER,
    FirstRun,
    dossier_code_example,
    match_province,
    province_suggestions,
    provinces,
)
from tests.forms.pdfcheck import page_sizes, page_texts
from tests.support.server import ServerProcess

OFFICE_VALUES = {"name": "UBND xã Tân Lập", "province": "Tỉnh Thái Nguyên", "agency_code": "000.00.07.h56",
                 "address": "Thôn Đông, xã Tân Lập", "unit_name": "Bộ phận Một cửa",
                 "office_hours": "07:30-11:30,13:30-17:00"}
ADMIN_VALUES = {"username": "Admin", "full_name": "Nguyễn Quản Trị", "password": "matkhau123",
                "password2": "matkhau123"}


@pytest.fixture
def empty(tmp_path: Path, clock: Any) -> Any:
    d = Desk.open(tmp_path / "empty", clock=clock)
    yield d
    d.close()


def fields_of(exc: pytest.ExceptionInfo[BaseException]) -> set[str]:
    value = exc.value
    if isinstance(value, ValidationErrors):
        return set(value.fields)
    assert isinstance(value, ValidationError)
    return {value.field}


def test_office_step_names_every_wrong_field_and_writes_nothing(empty: Desk) -> None:
    wizard = FirstRun(empty)
    assert wizard.pending_step() == OFFICE
    with pytest.raises(ValidationErrors) as info:
        wizard.submit(OFFICE, {**OFFICE_VALUES, "name": "", "agency_code": "000.00.07-H56", "province": "",
                               "office_hours": "7h-11h"})
    assert fields_of(info) == {"name", "agency_code", "province", "office_hours"}
    assert "Tên cơ quan" in info.value.fields["name"]
    assert empty.office.get() is None and wizard.pending_step() == OFFICE


def test_the_wizard_walks_office_admin_printer_and_skips_the_district(empty: Desk) -> None:
    wizard = FirstRun(empty)
    assert wizard.initial(OFFICE)["unit_name"] == "Bộ phận tiếp nhận và trả kết quả"
    wizard.submit(OFFICE, OFFICE_VALUES)
    profile = empty.office.require()
    assert (profile.agency_code, profile.unit_name, profile.office_hours) == \
        ("000.00.07.H56", "Bộ phận Một cửa", "07:30-11:30,13:30-17:00")
    assert wizard.pending_step() == ADMIN

    with pytest.raises(ValidationErrors) as info:
        wizard.submit(ADMIN, {**ADMIN_VALUES, "password2": "khac"})
    assert fields_of(info) == {"password2"} and empty.officers.count() == 0
    made = wizard.submit(ADMIN, ADMIN_VALUES)["officer"]
    assert made["role"] == "admin" and made["username"] == "admin"
    assert empty.officers.authenticate("admin", "matkhau123")["full_name"] == "Nguyễn Quản Trị"
    assert wizard.pending_step() == PRINTER

    with pytest.raises(ValidationError) as bad:
        wizard.submit(PRINTER, {"printer": "", "paper": "a3"})
    assert bad.value.field == "paper"
    wizard.submit(PRINTER, {"printer": "Canon LBP", "paper": "a5"})
    assert empty.settings.get("print.paper") == "a5" and empty.settings.get("print.printer") == "Canon LBP"
    assert wizard.pending_step() == DISTRICT

    with pytest.raises(ValidationError):
        wizard.skip(PRINTER)  # only the district step may be skipped
    wizard.skip(DISTRICT)
    assert wizard.pending_step() is None
    assert empty.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'first_run_done'") == 1


def test_an_interrupted_wizard_resumes_where_it_stopped(tmp_path: Path, clock: Any) -> None:
    d = Desk.open(tmp_path / "d", clock=clock)
    FirstRun(d).submit(OFFICE, OFFICE_VALUES)
    FirstRun(d).submit(ADMIN, ADMIN_VALUES)
    d.close()  # the PC is switched off on the printer page
    again = Desk.open(tmp_path / "d", clock=clock)
    try:
        wizard = FirstRun(again)
        assert wizard.pending_step() == PRINTER
        assert wizard.initial(OFFICE)["name"] == "UBND xã Tân Lập"  # Back shows what was saved
        # Going back over the admin step does not try to create the account twice.
        assert wizard.admin_exists() and wizard.submit(ADMIN, {}) == {}
        assert again.officers.count() == 1 and wizard.pending_step() == PRINTER
    finally:
        again.close()


def test_the_test_page_prints_the_office_header_vietnamese_text_and_a_qr(empty: Desk) -> None:
    wizard = FirstRun(empty)
    wizard.submit(OFFICE, OFFICE_VALUES)
    for paper, width in (("a4", 595.28), ("80mm", 226.77)):
        pdf = wizard.test_page({"printer": "", "paper": paper})
        text = page_texts(pdf)[0]
        assert "TRANG IN THỬ" in text and "UBND XÃ TÂN LẬP" in text and "BỘ PHẬN MỘT CỬA" in text
        assert "ằ ẳ ẵ ặ ữ ự ỹ ệ ộ ợ đ Đ" in text
        assert abs(page_sizes(pdf)[0][0] - width) < 0.5
        assert decode_qr_texts(pdf) == ["IN THU 000.00.07.H56"]
    # A test page is no dossier's form: nothing recorded.
    assert empty.store.scalar("SELECT COUNT(*) FROM printed_forms") == 0


def test_the_district_step_enrols_with_a_real_server(empty: Desk, tmp_path: Path) -> None:
    from desk.sync import SyncClient

    wizard = FirstRun(empty)
    wizard.submit(OFFICE, OFFICE_VALUES)
    wizard.submit(ADMIN, ADMIN_VALUES)
    wizard.submit(PRINTER, {"printer": "", "paper": "a4"})
    client = SyncClient(empty)
    try:
        with ServerProcess(f"sqlite:///{tmp_path / 'district.db'}", tmp_path / "district") as server:
            with pytest.raises(ValidationErrors) as info:
                wizard.submit(DISTRICT, {"server_url": "tinh.example", "code": ""}, enroll=client.enroll)
            assert fields_of(info) == {"server_url", "code"}
            with pytest.raises(DeskError):  # a code the district never issued: refused, the step stays
                wizard.submit(DISTRICT, {"server_url": server.url, "code": "KHONGCO"}, enroll=client.enroll)
            assert wizard.pending_step() == DISTRICT
            code = server.enroll_code("000.00.07.H56")
            reply = wizard.submit(DISTRICT, {"server_url": server.url + "/", "code": code},
                                  enroll=client.enroll)["enrolment"]
            assert reply["commune"] == "000.00.07.H56"
    finally:
        client.close()
    assert wizard.pending_step() is None
    assert empty.settings.get("sync.server_url") == server.url


def test_offices_set_up_before_the_wizard_need_no_wizard(tmp_path: Path) -> None:
    path = tmp_path / "old" / "desk.db"
    path.parent.mkdir()
    db = Database(sqlite3.connect(path))
    MIGRATIONS.apply(db, stop_before="0004_unit_name_and_first_run")
    db.execute("INSERT INTO office (id, name, agency_code, hmac_key, updated_at) "
               "VALUES (1, 'UBND phường Cũ', '000.00.01.H56', 'ab', '2025-01-01T08:00:00')")
    db.conn.commit()
    db.conn.close()
    d = Desk.open(path.parent)
    try:
        d.officers.create("admin", "Quản Trị Cũ", "matkhau123", role="admin")
        assert d.office.require().unit_name == "Bộ phận tiếp nhận và trả kết quả"
        assert FirstRun(d).pending_step() is None
        assert list((path.parent / "backups").glob("desk-before-0004_unit_name_and_first_run-*.db"))
    finally:
        d.close()


def test_province_list_and_the_code_preview_help_the_officer() -> None:
    names = provinces()
    assert "Tỉnh Thái Nguyên" in names and "Thành phố Hà Nội" in names and "Thành phố Hồ Chí Minh" in names
    assert names.index("Tỉnh Bắc Giang") < names.index("Tỉnh Cà Mau") < names.index("Thành phố Đà Nẵng") \
        < names.index("Tỉnh Gia Lai")  # Vietnamese order: Đ with D
    assert province_suggestions("thai") == ["Tỉnh Thái Bình", "Tỉnh Thái Nguyên"]
    assert province_suggestions("ha")[:3] == ["Tỉnh Hà Giang", "Tỉnh Hà Nam", "Thành phố Hà Nội"]
    assert match_province("thai nguyen") == "Tỉnh Thái Nguyên"
    assert match_province("  hue ") == "Thành phố Huế"
    assert match_province("Hà") == "Hà"  # Hà Nội, Hà Giang, Hà Nam …: left as typed for the officer to finish
    assert match_province("Tỉnh Mới Sáp Nhập") == "Tỉnh Mới Sáp Nhập"
    from datetime import datetime

    assert dossier_code_example("000.00.07.h56", datetime(2026, 11, 23, 9, 0)) == "000.00.07.H56-261123-010001"
