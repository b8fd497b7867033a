"""The sync page and the status bar, driven with the mouse against a real `district serve` process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.services import Desk
from desk.sync import SyncClient, lan, state
from tests.district.helpers import new_commune, receive
from tests.support.server import ServerProcess
from tests.ui.conftest import OFFSCREEN_NOISE
from ui.app import apply_style
from ui.sync_panel import SyncPanel
from ui.sync_status import SyncStatusWidget
from ui.tasks import TaskRunner


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp("district-ui")
    with ServerProcess(f"sqlite:///{workdir / 'district.db'}", workdir) as srv:
        yield srv


@pytest.fixture
def enrolled(desk: Desk, server: ServerProcess) -> SyncClient:
    commune = new_commune()
    profile = desk.office.require()
    desk.office.save({"name": profile.name, "agency_code": commune, "place_name": profile.place_name})
    client = SyncClient(desk)
    client.enroll(server.url, server.enroll_code(commune))
    return client


@pytest.fixture
def runner(qtbot: Any) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.wait(30000)


def _colour(label: Any) -> str:
    return str(label.palette().color(label.foregroundRole()).name())


def _column(table: Any, col: int) -> list[str]:
    return [table.item(i, col).text() for i in range(table.rowCount())]


def test_sync_now_shows_progress_result_and_each_dossier_synced(
        qtbot: Any, desk: Desk, officer: dict, enrolled: SyncClient, runner: TaskRunner) -> None:
    dossiers = receive(desk, officer["id"], 3)
    panel = SyncPanel(desk, enrolled, runner)
    status = SyncStatusWidget(desk, enrolled, runner, refresh_ms=0)
    qtbot.addWidget(panel)
    qtbot.addWidget(status)
    qtbot.waitUntil(lambda: panel.dossiers.rowCount() == 3)
    assert set(_column(panel.dossiers, 3)) == {"Chưa đồng bộ"}
    qtbot.waitUntil(lambda: status.status is not None)
    assert status.pending_label.text() == "Chờ gửi: 3"

    with qtbot.waitSignal(panel.sync_finished, timeout=30000) as done:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        assert not panel.sync_button.isEnabled()  # the click returned at once; the work runs elsewhere
    assert done.args[0].error is None
    assert "Đã gửi 3 thay đổi" in panel.message.text()
    qtbot.waitUntil(lambda: set(_column(panel.dossiers, 3)) == {"Đã đồng bộ"})
    assert sorted(_column(panel.dossiers, 0)) == sorted(d["code"] for d in dossiers)
    status.refresh()
    qtbot.waitUntil(lambda: status.pending_label.text() == "Chờ gửi: 0")
    assert "Trực tuyến" in status.online_label.text()
    assert "chưa có" not in status.last_label.text()


def test_conflict_is_listed_with_both_values_and_day_close_says_matched_only_when_true(
        qtbot: Any, desk: Desk, officer: dict, enrolled: SyncClient, runner: TaskRunner,
        server: ServerProcess) -> None:
    (a,) = receive(desk, officer["id"], 1)
    desk.dossiers.act(a["id"], "hand_over", officer["id"], data={"to_unit": "Tư pháp"})
    assert enrolled.sync_once().error is None
    desk.dossiers.act(a["id"], "request_supplement", officer["id"], data={"missing_documents": ["Tờ khai"]})
    server.cli("act", a["code"], "result_ready")
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    apply_style(qapp)  # the verdict's colour comes from the desk's style sheet
    panel = SyncPanel(desk, enrolled, runner)
    qtbot.addWidget(panel)

    with qtbot.waitSignal(panel.sync_finished, timeout=30000):
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.problems.rowCount() == 1)  # seen by both sides, shown once
    assert _column(panel.problems, 0) == [a["code"]]
    what = " ".join(_column(panel.problems, 2))
    assert "Chờ bổ sung" in what and "Có kết quả" in what
    qtbot.waitUntil(lambda: _column(panel.dossiers, 3) == ["Xung đột"])

    # The conflicting op is acknowledged and the queue is empty, so the server agrees: matched.
    with qtbot.waitSignal(panel.day_closed, timeout=30000) as closed:
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert closed.args[0].matched
    assert panel.close_result.text().startswith("✔") and "khớp" in panel.close_result.text()
    assert panel.message.text().startswith("Đã đối chiếu sổ ngày")  # not the last progress line
    assert _colour(panel.close_result) == "#0f5132"  # matched reads green

    # A new dossier while the server is unreachable: the close must not say matched.
    receive(desk, officer["id"], 1)
    server.stop()
    try:
        enrolled.session.retry.attempts = 1
        with qtbot.waitSignal(panel.day_closed, timeout=60000) as closed:
            qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
        assert not closed.args[0].matched
        assert panel.close_result.text().startswith("✘")
        assert panel.message.text().startswith("Chưa đối chiếu được sổ ngày")
        assert _colour(panel.message) == "#b02a37" and _colour(panel.close_result) != "#0f5132"
        status = SyncStatusWidget(desk, enrolled, runner, refresh_ms=0)
        qtbot.addWidget(status)
        qtbot.waitUntil(lambda: status.status is not None)
        assert "Mất kết nối" in status.online_label.text()
        assert status.pending_label.text() == "Chờ gửi: 1"
    finally:
        server.start()


def test_taking_the_district_status_settles_the_conflict(
        qtbot: Any, desk: Desk, officer: dict, enrolled: SyncClient, runner: TaskRunner,
        server: ServerProcess) -> None:
    (a,) = receive(desk, officer["id"], 1)
    assert enrolled.sync_once().error is None
    desk.dossiers.act(a["id"], "withdraw", officer["id"], data={"reason": "Công dân xin rút"})
    server.cli("act", a["code"], "in_processing")
    assert enrolled.sync_once().error is None
    panel = SyncPanel(desk, enrolled, runner)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.problems.rowCount() == 1)
    panel.problems.setCurrentCell(0, 0)
    qtbot.mouseClick(panel.adopt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.problems.rowCount() == 0)
    assert desk.dossiers.get(a["id"])["status"] == "in_processing"
    qtbot.waitUntil(lambda: _column(panel.dossiers, 2) == ["Đang giải quyết"])
    assert _column(panel.dossiers, 3) == ["Đã đồng bộ"]


def test_a_rejected_dossier_shows_what_to_do_and_is_sent_again_from_the_list(
        qtbot: Any, desk: Desk, officer: dict, enrolled: SyncClient, runner: TaskRunner,
        server: ServerProcess) -> None:
    device_id = str(desk.store.device()["device_id"])
    commune = desk.office.require().agency_code
    server.cli("rebind", device_id, "--commune", "000.00.96.H56")
    (a,) = receive(desk, officer["id"], 1)
    panel = SyncPanel(desk, enrolled, runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sync_finished, timeout=30000):
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.problems.rowCount() == 1)
    assert panel.problems.item(0, 0).text() == a["code"]
    assert "không thuộc cơ quan" in panel.problems.item(0, 1).text()
    assert "mã định danh cơ quan" in panel.problems.item(0, 2).text()
    assert _column(panel.dossiers, 3) == ["Bị từ chối"]

    server.cli("rebind", device_id, "--commune", commune)  # the district fixed its mistake
    panel.problems.setCurrentCell(0, 0)
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.problems.rowCount() == 0)
    with qtbot.waitSignal(panel.sync_finished, timeout=30000) as done:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert done.args[0].applied == 1
    qtbot.waitUntil(lambda: _column(panel.dossiers, 3) == ["Đã đồng bộ"])


def test_an_officer_enrols_the_pc_from_the_sync_page(qtbot: Any, desk: Desk, officer: dict, runner: TaskRunner,
                                                    server: ServerProcess) -> None:
    commune = new_commune()
    profile = desk.office.require()
    desk.office.save({"name": profile.name, "agency_code": commune, "place_name": profile.place_name})
    receive(desk, officer["id"], 2)
    # As on a PC with nothing set (the suite's environment turns the office network off): this page only
    # reads the setting, no loop serves here.
    state.put_many(desk.store, {lan.LISTEN: "auto"})
    client = SyncClient(desk)
    panel = SyncPanel(desk, client, runner)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.dossiers.rowCount() == 2)
    assert not panel.enroll_box.isHidden() and not panel.sync_button.isEnabled()
    assert panel.office_label.text().startswith("Mạng nội bộ: sẽ tự bật khi máy đã đăng ký")
    # A wrong code: a Vietnamese message, still not enrolled.
    panel.server_url.setText(server.url)
    panel.enroll_code.setText("SAI-MA-DANG-KY")
    qtbot.mouseClick(panel.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.enroll_button.isEnabled() and "Đang đăng ký" not in panel.message.text(),
                    timeout=30000)
    assert not client.status().enrolled
    assert "Mã đăng ký không đúng hoặc đã hết hạn" in panel.message.text()
    panel.enroll_code.setText(server.enroll_code(commune))
    with qtbot.waitSignal(panel.enrolled, timeout=30000):
        qtbot.mouseClick(panel.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.enroll_box.isHidden() and panel.sync_button.isEnabled(), timeout=30000)
    # Enrolled, it holds the commune secret: the office network is on with nothing more to do.
    assert panel.office_label.text().startswith("Mạng nội bộ: bật (tự động), nghe ở mọi địa chỉ của máy, cổng 47615")
    with qtbot.waitSignal(panel.sync_finished, timeout=30000) as done:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert done.args[0].error is None
    qtbot.waitUntil(lambda: set(_column(panel.dossiers, 3)) == {"Đã đồng bộ"})


@OFFSCREEN_NOISE
def test_the_status_bar_agrees_with_the_sync_page_as_soon_as_a_sync_ends(
        qtbot: Any, desk: Desk, officer: dict, enrolled: SyncClient, make_app: Any) -> None:
    receive(desk, officer["id"], 2)
    controller = make_app(sync_client=enrolled)
    controller.open_main(officer)
    status = controller.sync_status
    assert status is not None
    status.timer.stop()  # no timed refresh can help: only the end of the sync may update the bar
    qtbot.waitUntil(lambda: status.pending_label.text() == "Chờ gửi: 2")
    panel = controller.pages["sync"]
    controller.window.show_page("sync")

    with qtbot.waitSignal(panel.sync_finished, timeout=30000):
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.pending_label.text() == "Chờ gửi: 0")
    assert "Trực tuyến" in status.online_label.text()


def test_the_sync_page_says_when_another_pc_holds_a_newer_office_network_key(
        qtbot: Any, desk: Desk, enrolled: SyncClient, runner: TaskRunner) -> None:
    from desk.sync import peerkey

    # Another PC of the office asked with generation 1 (a PC of the commune was revoked since this one
    # last synced): desk/sync/lan.py notes it through peerkey.note_newer.
    peerkey.note_newer(desk.store, 1)
    panel = SyncPanel(desk, enrolled, runner)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "cần đồng bộ với huyện để nhận khóa mới" in panel.warning.text())
    # The district's answer says which generation is current: the hint ends with the next sync.
    with qtbot.waitSignal(panel.sync_finished, timeout=30000) as done:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert done.args[0].error is None
    assert enrolled.status().peer_key_warning == ""


def test_the_sync_page_says_when_another_pc_of_the_commune_uses_this_counter_number(
        qtbot: Any, desk: Desk, enrolled: SyncClient, runner: TaskRunner) -> None:
    from desk.sync import peerops

    # Another PC of the office was heard over the office network with this PC's number (set by hand).
    own = int(desk.store.device()["desk_no"])
    with desk.store.write("sync") as uow:
        peerops.heard_from(uow, "0199aaaa-bbbb-7ccc-8ddd-eeeeffff0000", "lan", desk_no=own, address="127.0.0.9:47615")
    assert enrolled.status().desk_no_warning.startswith(f"Số quầy {own:02d} của máy này trùng với máy 0199aaaa")
    panel = SyncPanel(desk, enrolled, runner)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: f"Số quầy {own:02d} của máy này trùng" in panel.warning.text())
