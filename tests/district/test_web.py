"""The district staff's web pages in a real browser (Debian's headless Chromium driven by Playwright)
against the real `district serve` process over TLS, on SQLite and PostgreSQL.

A step recorded on a web page must reach a real desk through `desk sync`; five wrong passwords lock the
account; a form without its CSRF token is refused. With WRITE_SCREENSHOTS=1 the pages are also saved
into docs/screenshots/ (the SQLite run only).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from playwright import sync_api as playwright_api

from desk.intake import ApplicantInput, IntakeInput
from desk.reports import text as report_text
from desk.reports.figures import COLUMN_KEYS
from tests.conftest import FakeClock
from tests.district.helpers import enrolled, new_commune
from tests.forms.pdfcheck import page_texts
from tests.support.server import ROOT, ServerProcess

CHROMIUM = "/usr/bin/chromium"
ADMIN, ADMIN_PASSWORD = "quantri", "Mat-khau-quan-tri-1"
OFFICER, OFFICER_PASSWORD = "chuyenvien", "Mat-khau-can-bo-22"
SHOTS = ROOT / "docs" / "screenshots"

# Debian's `chromium` is a test requirement (.ci/run installs it), like PostgreSQL: never skipped.
pytestmark = pytest.mark.slow


def district_cli(server: ServerProcess, *args: str, password: str | None = None) -> str:
    """`district …` on the server's database, in this process (the same `main` the command runs; a new
    interpreter per call would cost seconds each)."""
    from district.cli import main

    out, stdin = io.StringIO(), sys.stdin
    try:
        sys.stdin = io.StringIO((password + "\n") if password is not None else "")
        with contextlib.redirect_stdout(out):
            assert main([*args, "--database", server.database]) == 0
    finally:
        sys.stdin = stdin
    return out.getvalue()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as pw:
        # Never a downloaded browser: the system's Chromium, no network of its own.
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def staff(server: ServerProcess) -> ServerProcess:
    district_cli(server, "user", "add", ADMIN, "--name", "Nguyễn Thị Quản Trị", "--role", "admin",
                 "--password-stdin", password=ADMIN_PASSWORD)
    district_cli(server, "user", "add", OFFICER, "--name", "Lê Văn Chuyên Viên", "--password-stdin",
                 password=OFFICER_PASSWORD)
    return server


def new_page(browser: Any, server: ServerProcess) -> Any:
    # The self-signed certificate of the test server: the desks pin it; this browser is told to accept it.
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1366, "height": 860},
                                  locale="vi-VN", base_url=server.url)
    # Nothing may be fetched beyond the district itself (every asset is shipped in the package).
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
    page = context.new_page()
    page.outside = outside
    return page


def log_in(page: Any, username: str, password: str, target: str = "/staff/communes") -> None:
    page.goto(target)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button:has-text('Đăng nhập')")


def shot(page: Any, name: str, server: ServerProcess, tmp: Path) -> None:
    path = tmp / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("WRITE_SCREENSHOTS") == "1" and server.database.startswith("sqlite"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SHOTS / path.name)


PEOPLE = [("1.010833", "Trần Thị Bích Ngọc"), ("1.000689", "Phạm Văn Hùng"), ("1.005461", "Đỗ Thị Mai"),
          ("1.003583", "Hoàng Minh Tuấn"), ("1.010833", "Vũ Thị Lan")]


def receive_some(desk: Any, officer: str, people: list[tuple[str, str]]) -> list[dict[str, Any]]:
    out = []
    for k, (procedure, name) in enumerate(people, start=1):
        born = date(1970 + 3 * k, k, 10 + k)
        woman = "Thị" in name
        # The ID number's fourth digit says the gender and century (0: a man, 1: a woman, born 1900–1999).
        out.append(desk.dossiers.receive(IntakeInput(procedure, ApplicantInput(
            full_name=name, id_number=f"001{int(woman)}{born.year % 100:02d}{700000 + k * 37:06d}",
            dob=born.strftime("%d/%m/%Y"), gender="Nữ" if woman else "Nam", phone="0987654321")), officer))
    return out


@pytest.fixture(scope="module")
def seeded(staff: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A commune whose PC's clock is weeks behind: its dossiers are overdue, it closed its day, and a second
    PC of it was revoked."""
    tmp = tmp_path_factory.mktemp("seed")
    clock = FakeClock(datetime(2026, 10, 5, 9, 0))  # weeks before the server's today
    desk, officer, client = enrolled(tmp / "late", clock, staff)
    dossiers = receive_some(desk, officer, PEOPLE)
    assert client.sync_once().error is None
    assert client.close_day(clock().date()).matched
    commune = desk.office.require().agency_code
    spare, _, _ = enrolled(tmp / "spare", FakeClock(datetime(2026, 10, 5, 9, 0)), staff, commune, desk_no=2)
    district_cli(staff, "revoke", str(spare.store.device()["device_id"]))
    desk.close()
    spare.close()
    return {"commune": commune, "dossiers": dossiers}


def desk_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "ui.launch", "--data-dir", str(data), *args],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out


def test_log_in_open_every_page_and_a_result_ready_reaches_the_desk(
        browser: Any, staff: ServerProcess, seeded: dict[str, Any], tmp_path: Path) -> None:
    # A real desk, by its command line: set up, enrol, receive a dossier, sync it up.
    commune, data = new_commune(), tmp_path / "desk"
    desk_cli(data, "init", "--office-name", "UBND xã Tân Lập", "--agency-code", commune)
    desk_cli(data, "enroll", "--server", staff.url, "--code", staff.enroll_code(commune))
    desk_cli(data, "receive", "--procedure", "1.010833", "--name", "Lê Thị Hoa", "--id", "019185000123",
             "--dob", "01/02/1985", "--gender", "Nữ")
    desk_cli(data, "sync")
    code = json.loads(staff.cli("dossiers", "--commune", commune, "--json").stdout)[0]["code"]

    page = new_page(browser, staff)
    page.goto("/staff/dossiers")
    assert "/staff/login" in page.url  # every page needs a session
    shot(page, "40-district-login", staff, tmp_path)
    log_in(page, OFFICER, OFFICER_PASSWORD, "/staff/communes")
    assert page.url.endswith("/staff/communes")
    assert "Lê Văn Chuyên Viên" in page.inner_text("header")
    body = page.inner_text("main")
    assert commune in body and seeded["commune"] in body
    late_row = page.inner_text(f"table.grid tbody tr:has-text('{seeded['commune']}')")
    assert "lệch giờ" in late_row and "Khớp" in late_row and "1 đã thu hồi" in late_row
    assert "Đã thu hồi" in page.inner_text("main")
    shot(page, "41-district-communes", staff, tmp_path)

    # Dossiers: every commune, one commune, a status, a search without diacritics.
    page.click("nav >> text=Hồ sơ")
    assert code in page.inner_text("main") and seeded["dossiers"][0]["code"] in page.inner_text("main")
    page.select_option("select[name=commune]", seeded["commune"])
    page.fill("input[name=q]", "pham van hung")
    page.click("button:has-text('Lọc')")
    rows = page.locator("table.grid tbody tr")
    assert rows.count() == 1 and "Phạm Văn Hùng" in rows.inner_text()
    page.goto(f"/staff/dossiers?commune={seeded['commune']}")
    shot(page, "42-district-dossiers", staff, tmp_path)
    page.select_option("select[name=status]", "received")
    page.click("button:has-text('Lọc')")
    assert page.locator("table.grid tbody tr").count() == len(PEOPLE)

    # Overdue across communes: the back-dated commune's, never the fresh one's.
    page.click("nav >> text=Quá hạn")
    overdue = page.inner_text("main")
    assert all(d["code"] in overdue for d in seeded["dossiers"]) and code not in overdue
    shot(page, "43-district-overdue", staff, tmp_path)

    # Record the steps on the fresh dossier: in processing, then result ready.
    page.goto(f"/staff/dossiers?q={code}")
    page.click(f"a:has-text('{code}')")
    shot(page, "44-district-dossier-steps", staff, tmp_path)
    page.click("button[data-action=hand_over]")
    assert "Đã ghi bước xử lý" in page.inner_text("main")
    assert page.inner_text("#status") == "Đang giải quyết"
    page.click("button[data-action=result_ready]")
    assert page.inner_text("#status") == "Có kết quả"
    assert "Lê Văn Chuyên Viên" in page.inner_text("table.grid")
    shot(page, "44b-district-dossier-result", staff, tmp_path)

    page.goto("/staff/communes")
    waiting = page.inner_text(f"table.grid tbody tr:has-text('{commune}')").split("\t")[3].strip()
    assert waiting == "2"  # two steps of the district wait for the commune's PC

    # The desk picks both up on its next `desk sync`.
    desk_cli(data, "sync")
    shown = json.loads(desk_cli(data, "show", code, "--json").stdout)
    assert shown["dossier"]["status"] == "result_ready"
    assert [(a["kind"], a["origin"]) for a in shown["actions"]][-2:] == [("hand_over", "district"),
                                                                        ("result_ready", "district")]
    assert shown["actions"][-1]["officer_name"] == "Lê Văn Chuyên Viên" or \
        shown["actions"][-1].get("by_officer") == "Lê Văn Chuyên Viên"
    desk_cli(data, "sync")  # the cursor the desk now holds reaches the district
    page.goto("/staff/communes")
    fresh = page.inner_text(f"table.grid tbody tr:has-text('{commune}')")
    assert fresh.split("\t")[3].strip() == "0"

    # An officer has no accounts page; the admin has.
    page.goto("/staff/users")
    assert "Không có quyền" in page.inner_text("main")
    assert not page.outside, page.outside
    page.context.close()

    admin = new_page(browser, staff)
    log_in(admin, ADMIN, ADMIN_PASSWORD)
    admin.click("nav >> text=Tài khoản")
    assert OFFICER in admin.inner_text("main")
    shot(admin, "45-district-users", staff, tmp_path)
    admin.click("button:has-text('Đăng xuất')")
    assert "/staff/login" in admin.url
    admin.goto("/staff/communes")
    assert "/staff/login" in admin.url  # the session is gone
    admin.context.close()


def test_five_wrong_passwords_lock_the_account(browser: Any, staff: ServerProcess, tmp_path: Path) -> None:
    district_cli(staff, "user", "add", "khoa", "--name", "Người Bị Khóa", "--password-stdin",
                 password="Dung-mat-khau-1")
    page = new_page(browser, staff)
    for attempt in range(1, 6):
        log_in(page, "khoa", f"sai-mat-khau-{attempt}")
        message = page.inner_text(".alert")
        if attempt < 5:
            assert message == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert "tạm khóa" in message
    shot(page, "46-district-login-locked", staff, tmp_path)
    # Locked: even the right password is refused now.
    log_in(page, "khoa", "Dung-mat-khau-1")
    assert "/staff/login" in page.url and "tạm khóa" in page.inner_text(".alert")
    # An admin unlocks it; the right password opens the pages again.
    district_cli(staff, "user", "unlock", "khoa")
    log_in(page, "khoa", "Dung-mat-khau-1")
    assert page.url.endswith("/staff/communes")
    page.context.close()


def test_a_form_without_its_csrf_token_is_refused(browser: Any, staff: ServerProcess,
                                                   seeded: dict[str, Any]) -> None:
    target = seeded["dossiers"][-1]
    page = new_page(browser, staff)
    log_in(page, OFFICER, OFFICER_PASSWORD)
    page.goto(f"/staff/dossiers/{target['id']}")
    # The browser's own session cookie, but no token in the form (as a page of another site would post).
    missing = page.request.post(f"/staff/dossiers/{target['id']}/act", form={"action": "hand_over"})
    wrong = page.request.post(f"/staff/dossiers/{target['id']}/act", form={"action": "hand_over", "csrf": "x" * 43})
    assert missing.status == 403 and wrong.status == 403
    assert "chống giả mạo" in missing.text()
    page.reload()
    assert page.inner_text("#status") == "Đã tiếp nhận"  # nothing was recorded
    page.context.close()
    # The log-in form too: without the token its page set, no password is even checked.
    with httpx.Client(base_url=staff.url, verify=staff.trust(), trust_env=False) as client:
        refused = client.post("/staff/login", data={"username": OFFICER, "password": OFFICER_PASSWORD})
    assert refused.status_code == 403 and "district_staff" not in refused.cookies


def report_rows(page: Any) -> list[list[str]]:
    """The first report table's body, cell by cell."""
    lines = page.locator("table.report").first.locator("tbody tr")
    return [[c.strip() for c in lines.nth(i).inner_text().split("\t")] for i in range(lines.count())]


def report_row(page: Any, first_cell: str) -> list[str]:
    return next(r for r in report_rows(page) if r[0] == first_cell)


def test_the_report_page_aggregates_the_communes(browser: Any, staff: ServerProcess, seeded: dict[str, Any],
                                                 tmp_path: Path) -> None:
    page = new_page(browser, staff)
    log_in(page, OFFICER, OFFICER_PASSWORD)
    page.click("nav >> text=Báo cáo")
    today = page.input_value("input[name=date_to]")
    page.fill("input[name=date_from]", "2026-10-01")
    page.click("button:has-text('Xem')")
    assert page.input_value("input[name=date_to]") == today
    # The back-dated commune's five dossiers, counted independently: received new in person in the period,
    # none resolved, all five pending past their deadline.
    line = report_row(page, seeded["commune"])
    columns = ["received", "carried", "new_online", "new_direct", "resolved", "early", "on_time", "late",
               "pending", "within", "past", "withdrawn", "stopped"]
    got = dict(zip(columns, map(int, line[1:]), strict=True))
    assert got == {**dict.fromkeys(columns, 0), "received": 5, "new_direct": 5, "pending": 5, "past": 5}
    rows = report_rows(page)
    total = rows[-1]
    assert total[0] == "Cộng"
    assert [int(v) for v in total[1:]] == [sum(int(r[k]) for r in rows[:-1]) for k in range(1, 14)]
    shot(page, "47-district-report", staff, tmp_path)
    # The per-commune table as a file: the commune's line and the total, read back from the XLSX.
    with page.expect_download() as by_commune:
        page.click("a:has-text('Excel theo xã')")
    communes_xlsx = tmp_path / by_commune.value.suggested_filename
    by_commune.value.save_as(communes_xlsx)
    sheet_rows = list(load_workbook(communes_xlsx).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    seeded_row = next(r for r in sheet_rows if r[1] == seeded["commune"])
    assert [int(v) for v in seeded_row[3:3 + len(COLUMN_KEYS)]] == [int(v) for v in line[1:]]
    total_line = next(r for r in sheet_rows if r[2] == "Tổng cộng")
    assert [int(v) for v in total_line[3:3 + len(COLUMN_KEYS)]] == [int(v) for v in total[1:]]
    # One commune: its fields and procedures, the same total as its line above.
    page.click(f"table.report >> a:has-text('{seeded['commune']}')")
    assert report_row(page, "Cộng")[1:] == line[1:]
    assert "Cấp giấy xác nhận thân nhân của người có công" in page.inner_text("table.report")
    # Its files, downloaded as a person would: the XLSX read back with openpyxl, the PDF's text with pdfium.
    figures = [int(v) for v in line[1:]]
    with page.expect_download() as xlsx_download:
        page.click("a:has-text('Tải Excel')")
    xlsx = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(xlsx)
    assert xlsx.name.endswith(f"{seeded['commune']}.xlsx")
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    total_row = next(r for r in sheet.iter_rows(values_only=True) if r[2] == "Tổng cộng")
    assert [int(v) for v in total_row[3:3 + len(COLUMN_KEYS)]] == figures
    with page.expect_download() as pdf_download:
        page.click("a:has-text('Tải PDF')")
    pdf = tmp_path / "report.pdf"
    pdf_download.value.save_as(pdf)
    (text,) = page_texts(pdf)
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Tổng cộng " + " ".join(report_text.number(v) for v in figures) in text
    # A period that ends before it starts is refused with a sentence.
    page.goto("/staff/report?date_from=2026-11-30&date_to=2026-11-01")
    assert "«Đến ngày» phải sau hoặc bằng «Từ ngày»" in page.inner_text(".alert")
    assert not page.outside, page.outside
    page.context.close()


def test_behind_a_tls_terminating_proxy_the_pages_are_refused_over_plain_http(tmp_path: Path) -> None:
    with ServerProcess(f"sqlite:///{tmp_path / 'district.db'}", tmp_path, tls=False,
                       extra=["--forwarded-allow-ips", "127.0.0.1"]) as behind:
        plain = httpx.get(behind.url + "/staff/login", trust_env=False)
        assert plain.status_code == 403 and plain.json()["error"]["code"] == "https_required"
        forwarded = httpx.get(behind.url + "/staff/login", trust_env=False, headers={"X-Forwarded-Proto": "https"})
        assert forwarded.status_code == 200 and "Đăng nhập" in forwarded.text
        assert "secure" in forwarded.headers["set-cookie"].lower()  # the cookie never goes back in clear


def test_district_user_commands_refuse_bad_input_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from district.cli import main

    db = ["--database", f"sqlite:///{tmp_path / 'district.db'}"]

    def run(*args: str, password: str = "") -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
        return main([*args, *db])

    assert run("user", "add", "ngan", "--name", "Ngân", "--password-stdin", password="ngan") == 2
    assert "ít nhất 10 ký tự" in capsys.readouterr().err
    assert run("user", "add", "a b", "--name", "Ngân", "--password-stdin", password="mat-khau-dai-1") == 2
    assert "Tên đăng nhập chỉ gồm" in capsys.readouterr().err
    assert run("user", "add", "Ngan", "--name", "Trần Ngân", "--role", "admin", "--password-stdin",
               password="mat-khau-dai-1") == 0
    assert run("user", "add", "ngan", "--name", "Ai Khác", "--password-stdin", password="mat-khau-dai-2") == 2
    assert "đã có" in capsys.readouterr().err
    assert run("user", "list") == 0
    assert "ngan\tQuản trị viên\tbình thường\tTrần Ngân" in capsys.readouterr().out
    assert run("user", "unlock", "khong-co") == 2
    assert run("user", "passwd", "ngan", "--password-stdin", password="mat-khau-moi-3") == 0
