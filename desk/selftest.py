"""`desk --self-test`: prove that this build (a checkout or the frozen one-folder app) does its job.

It opens a throw-away database (every migration runs), receives one dossier through the real write
path, renders its appointment slip, reads the slip's QR back from the rasterised page and checks the
working calendar on dates whose answer is known. Nothing touches the officer's data or the network;
each check prints one line, so a failing build says which part it lacks (a font, the holiday tables,
the QR decoder, the migrations).
"""

from __future__ import annotations

import tempfile
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

# Friday 20/11/2026 09:32, five working days: Tuesday 24/11 is Vietnam Culture Day (a day off from
# 2026), so the slip must say Monday 30/11/2026 09:32. It needs the holiday tables of the `holidays`
# package, which a frozen build loses if its country modules are not bundled.
RECEIVED = datetime(2026, 11, 20, 9, 32)
DAYS = 5
EXPECTED_DUE = datetime(2026, 11, 30, 9, 32)
TET_2026 = date(2026, 2, 17)  # Mùng 1 Tết Bính Ngọ
PROCEDURE = "1.001193"  # Đăng ký khai sinh: in the starter catalogue
OFFICE = {"name": "UBND xã Kiểm Tra", "agency_code": "000.00.99.H56", "province": "Tỉnh Khánh Hòa",
          "place_name": "Kiểm Tra", "lookup_url_base": "https://tracuu.example.invalid/tra-cuu"}


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'OK ' if self.ok else 'LỖI'} {self.name}: {self.detail}"


class SelfTestFailed(Exception):
    pass


def decode_qr_texts(pdf: Path, *, page: int = 0, dpi: int = 150) -> list[str]:
    """The QR codes a scanner would read off the printed page: the page rasterised by pdfium, read by
    zxing-cpp."""
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def run_core_checks(workdir: Path, *, report: Callable[[Check], None] = lambda _c: None) -> list[Check]:
    """The Qt-free part of the self-test, in `workdir` (which the caller throws away)."""
    from db.migrations import MIGRATIONS, known_names
    from desk.forms import FormService
    from desk.forms.qr import verify_slip_text
    from desk.intake import ApplicantInput, IntakeInput
    from desk.services import Desk

    checks: list[Check] = []
    state: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], str]) -> bool:
        started = _time.perf_counter()
        try:
            detail = fn()
            check = Check(name, True, f"{detail} ({(_time.perf_counter() - started) * 1000:.0f} ms)")
        except Exception as e:  # a self-test reports every failure as a line, never a traceback
            check = Check(name, False, f"{type(e).__name__}: {e}")
        checks.append(check)
        report(check)
        return check.ok

    clock = [RECEIVED]

    def open_db() -> str:
        desk = state["desk"] = Desk.open(workdir / "data", clock=lambda: clock[0])
        applied = [m.name for m in MIGRATIONS.applied(desk.store.db())]
        missing = [n for n in known_names() if n not in applied]
        if missing:
            raise SelfTestFailed(f"migrations not applied: {', '.join(missing)}")
        procedures = int(desk.store.scalar("SELECT COUNT(*) FROM procedures") or 0)
        if procedures == 0:
            raise SelfTestFailed("the starter catalogue did not load")
        return f"{len(applied)} migrations, {procedures} procedures in the catalogue"

    def receive() -> str:
        desk = state["desk"]
        desk.office.save(OFFICE, actor="self-test")
        officer = desk.officers.create("kiemtra", "Cán Bộ Kiểm Tra", "kiemtra123", actor="self-test")
        desk.catalog.set_local(PROCEDURE, {"time_limit_days": str(DAYS)}, actor="self-test")
        made = desk.dossiers.receive(IntakeInput(PROCEDURE, ApplicantInput(
            full_name="Nguyễn Thị Thử", id_number="056190001234", dob="01/02/1990", gender="Nữ",
            address="Thôn Đông, xã Kiểm Tra")), officer["id"])
        state["dossier"] = made
        pending = int(desk.store.scalar("SELECT COUNT(*) FROM outbox WHERE state = 'pending'") or 0)
        if pending < 1:
            raise SelfTestFailed("the dossier was not queued for the district")
        return f"dossier {made['code']}, {pending} change(s) queued for sync"

    def calendar() -> str:
        desk = state["desk"]
        due = datetime.fromisoformat(str(state["dossier"]["due_at"])).replace(tzinfo=None)
        if due != EXPECTED_DUE:
            raise SelfTestFailed(f"due {due:%d/%m/%Y %H:%M}, expected {EXPECTED_DUE:%d/%m/%Y %H:%M}")
        cal = desk.calendar()
        if cal.is_working_day(TET_2026):
            raise SelfTestFailed("Tết 2026 is missing from the calendar")
        off = dict(cal.days_off(2026))
        # The holiday names are gettext catalogues inside `holidays`: English here means they were lost.
        if "Tết" not in off.get(TET_2026, ""):
            raise SelfTestFailed(f"holiday names are not Vietnamese: {off.get(TET_2026)!r}")
        return (f"received {RECEIVED:%d/%m/%Y %H:%M} + {DAYS} days → {due:%d/%m/%Y %H:%M}; "
                f"{len(off)} days off in 2026, {TET_2026:%d/%m} «{off[TET_2026]}»")

    def slip() -> str:
        desk = state["desk"]
        pdf = state["pdf"] = FormService(desk).slip(state["dossier"]["code"], paper="a4")
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(pdf))
        try:
            pages = len(doc)
            text = doc[0].get_textpage().get_text_range()
        finally:
            doc.close()
        if "GIẤY TIẾP NHẬN" not in text.upper() or state["dossier"]["code"] not in text:
            raise SelfTestFailed("the slip's text does not read back (fonts?)")
        return f"{pdf.name}: {pages} pages, {pdf.stat().st_size // 1024} KB, Vietnamese text reads back"

    def qr() -> str:
        desk = state["desk"]
        texts = decode_qr_texts(state["pdf"])
        if not texts:
            raise SelfTestFailed("no QR code found on the slip")
        scanned = verify_slip_text(texts[0], desk.office.require())
        if scanned is None or scanned.code != state["dossier"]["code"] or not scanned.genuine:
            raise SelfTestFailed(f"the QR reads {texts[0]!r}, not a genuine slip of the dossier")
        return f"QR → {scanned.code}, tag genuine"

    try:
        for name, fn in (("database", open_db), ("intake", receive), ("calendar", calendar),
                         ("slip", slip), ("qr", qr)):
            if not step(name, fn):
                break
    finally:
        desk = state.get("desk")
        if desk is not None:
            desk.close()
    return checks


def run(extra: Callable[[Path, Callable[[Check], None]], list[Check]] | None = None,
        *, out: Callable[[str], None] = print) -> int:
    """Run the checks in a temporary folder; `extra` adds the window's checks (ui/selftest.py).
    Returns the process exit status: 0 when every check passed."""
    from desk.version import app_name, app_version

    out(f"{app_name()} {app_version()} — tự kiểm tra / self-test")

    def report(check: Check) -> None:
        out(check.line())

    with tempfile.TemporaryDirectory(prefix="desk-self-test-") as tmp:
        checks = run_core_checks(Path(tmp), report=report)
        if extra is not None and all(c.ok for c in checks):
            checks += extra(Path(tmp), report)
    ok = bool(checks) and all(c.ok for c in checks)
    out(f"{'ĐẠT' if ok else 'KHÔNG ĐẠT'}: {sum(c.ok for c in checks)}/{len(checks)} checks passed")
    return 0 if ok else 1
