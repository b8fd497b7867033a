"""A day's work leaves a log support can read and no citizen's data: dossiers received with the keyboard
(one refused first for a wrong date), slips printed, a sync with a real `district serve`, the background
loop, then `desk diagnose`. Neither the desk's logs, nor the zip, nor the district's log holds a name,
an ID number, a phone or an address of these citizens."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desk.cli import main as cli_main
from desk.logs import log_files, setup_logging
from desk.services import Desk
from desk.sync import SyncClient, SyncLoop
from tests.district.helpers import new_commune
from tests.support.server import ServerProcess
from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE, FilePrinter, Keyboard, logged_in, wait_idle

pytestmark = [OFFSCREEN_NOISE]

SECOND_QR = ("001199054321|987654321|Trần Thị Bình|15031999|Nữ|"
             "Số 9 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội|20052022")
SECRETS = ("Nguyễn Văn An", "Nguyen Van An", "nguyen van an", "001099012345", "123456789", "0912345678",
           "Lê Lợi", "Trần Thị Bình", "Tran Thi Binh", "tran thi binh", "001199054321", "987654321",
           "0987654321", "Hàng Bạc")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp("district-privacy")
    with ServerProcess(f"sqlite:///{workdir / 'district.db'}", workdir,
                       extra=["--log-file", str(workdir / "district.log")]) as srv:
        yield srv


@pytest.fixture
def enrolled(desk: Desk, server: ServerProcess) -> SyncClient:
    commune = new_commune()
    profile = desk.office.require()
    desk.office.save({"name": profile.name, "agency_code": commune, "place_name": profile.place_name})
    client = SyncClient(desk)
    client.enroll(server.url, server.enroll_code(commune))
    return client


def receive(qtbot: Any, app: Any, keyboard: Keyboard, qr: str, phone: str, *, wrong_dob: str = "") -> None:
    intake = app.pages["intake"]
    keyboard.scan(qr, hex_mode=True)
    intake.inputs["phone"].setFocus()
    keyboard.type(phone)
    intake.focus_search()
    keyboard.type("khai sinh")
    keyboard.enter()
    if wrong_dob:
        right = intake.inputs["dob"].text()
        intake.inputs["dob"].setFocus()
        intake.inputs["dob"].selectAll()
        keyboard.type(wrong_dob)
        keyboard.ctrl(Qt.Key.Key_Return)
        wait_idle(qtbot, app)
        assert intake.errors["dob"].text(), "desk refused the date of birth"
        intake.inputs["dob"].selectAll()
        keyboard.type(right)
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)


def test_no_citizen_data_in_any_log_or_in_the_diagnostics(qtbot: Any, desk: Desk, officer: dict,
                                                          data_dir: Path, enrolled: SyncClient, server: ServerProcess,
                                                          make_app: Any, keyboard: Keyboard, printer: FilePrinter,
                                                          tmp_path: Path) -> None:
    with setup_logging(data_dir, level=logging.DEBUG):
        app = make_app(sync_client=enrolled)
        logged_in(qtbot, app, keyboard)
        receive(qtbot, app, keyboard, CARD_QR, "0912345678")
        receive(qtbot, app, keyboard, SECOND_QR, "0987654321", wrong_dob="15/03/1998")
        assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 2
        assert len(printer.printed) == 2

        panel = app.pages["sync"]
        app.window.show_page("sync")
        with qtbot.waitSignal(panel.sync_finished, timeout=30000) as done:
            qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        assert done.args[0].error is None and done.args[0].applied >= 2
        report = SyncLoop(enrolled, interval=60).run_once()
        assert report is not None and report.error is None
        wait_idle(qtbot, app)

    out = tmp_path / "chan-doan.zip"
    assert cli_main(["--data-dir", str(data_dir), "diagnose", "-o", str(out)]) == 0

    texts: dict[str, str] = {str(p): p.read_text(encoding="utf-8") for p in log_files(data_dir)}
    with zipfile.ZipFile(out) as z:
        texts.update({f"zip:{n}": z.read(n).decode("utf-8") for n in z.namelist()})
    for name in ("district.log", "server.log"):  # the district's own file and its stderr
        texts[name] = (server.workdir / name).read_text(encoding="utf-8", errors="replace")

    # The logs say what happened, so the absence of data below means something.
    desk_log = texts[str(data_dir / "logs" / "desk.log")]
    assert "intake received: refused" in desk_log and "fields=dob" in desk_log
    assert "sync done: pushed=" in desk_log
    assert "Application startup complete" in texts["district.log"]
    assert "logs/desk.log.tail.txt" in "\n".join(texts)
    for where, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} found in {where}"
