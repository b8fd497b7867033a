"""Shared fixtures: every test gets its own data directory, and user directories are redirected so a
test can never touch a real desk's data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The office network is on by default once a PC is enrolled (desk/sync/lan_loop.py): every interface and
# DNS-SD multicast. No test may do that on this machine's real network, so it is off for the whole session,
# the desk processes tests start included; a test that wants it sets where (a loopback address in the
# setting `lan.listen`, or MOTCUA_OFFICE_NETWORK=auto inside network namespaces it makes itself).
os.environ["MOTCUA_OFFICE_NETWORK"] = "off"


class FakeClock:
    """A settable clock: tests say what time it is at the desk."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("MOTCUA_DESK_DATA", raising=False)
    # Database keys in a file store of this test's own: never the developer's OS keyring.
    monkeypatch.setenv("MOTCUA_DESK_KEYS", str(home / "desk-keys"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "deskdata"
    d.mkdir()
    return d


@pytest.fixture
def clock() -> FakeClock:
    # Monday 23/11/2026 09:00, a working day (24/11 is Vietnam Culture Day, a day off from 2026).
    return FakeClock(datetime(2026, 11, 23, 9, 0))


@pytest.fixture
def desk(data_dir: Path, clock: FakeClock) -> Iterator[Desk]:  # noqa: F821
    from desk.services import Desk

    d = Desk.open(data_dir, clock=clock)
    d.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "province": "Tỉnh Thái Nguyên",
                   "place_name": "Hòa Bình", "lookup_url_base": "https://tracuu.example.gov.vn/tra-cuu"})
    yield d
    d.close()


@pytest.fixture
def officer(desk: Desk) -> dict:  # noqa: F821
    return desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")


_GUI_FOLDER = Path(__file__).parent / "ui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive real Qt widgets live in tests/ui and are marked `gui` by their folder, so
    `-m "not gui"` runs the headless suite without every file remembering to say so."""
    for item in items:
        if _GUI_FOLDER in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)

@pytest.fixture
def leader(desk: Desk) -> dict:  # noqa: F821
    """A leader (lãnh đạo): the apology with a new date and stopping a dossier are theirs (desk/permissions.py)."""
    return desk.officers.create("lanhdao", "Lê Văn Chủ Tịch", "matkhau123", role="leader")


@pytest.fixture(scope="session")
def print_worker() -> Iterator[PrintWorker]:  # noqa: F821
    """One print worker process for the whole session, as the window keeps one for its whole life."""
    from ui.print_worker import PrintWorker

    worker = PrintWorker(platform=os.environ["QT_QPA_PLATFORM"])
    yield worker
    worker.stop()
