"""The window says which version it is, and that the district publishes a newer one once it does."""

from __future__ import annotations

from typing import Any

import pytest

from desk import updates
from desk.sync import state
from desk.version import app_version
from tests.ui.conftest import OFFSCREEN_NOISE, Keyboard, logged_in, wait_idle

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


def test_status_bar_shows_the_version_then_the_newer_one_the_district_publishes(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    wait_idle(qtbot, app)
    assert app.window is not None
    label = app.window.version_label
    assert label.text() == f"Phiên bản {app_version()}" and label.property("newer") is False
    # What desk.updates.check keeps after a sync that found a newer build.
    state.put_many(desk.store, {updates.LATEST: "99.0.0", updates.URL: "https://motcua.huyen.example.vn/tai-ve/"})
    app.refresh_status()
    qtbot.waitUntil(lambda: "Có phiên bản mới 99.0.0" in label.text())
    assert f"máy này: {app_version()}" in label.text() and label.property("newer") is True
    assert "https://motcua.huyen.example.vn/tai-ve/" in label.toolTip()
    assert label.isVisible()


def test_an_older_build_refuses_a_newer_database_in_a_window_and_leaves_it_untouched(
        qtbot: Any, tmp_path: Any) -> None:
    import sqlite3

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desk.store import Store
    from ui.app import run

    folder = tmp_path / "data"
    Store(folder / "desk.db").close()
    con = sqlite3.connect(folder / "desk.db")
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('desk', '0099_future', 'x')")
    con.commit()
    con.close()
    before = (folder / "desk.db").read_bytes()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, answer)
    assert run(data_dir=folder) == 2
    assert "phiên bản mới hơn" in seen[0] and "Hãy cài phiên bản mới nhất" in seen[0] and str(folder) in seen[0]
    assert (folder / "desk.db").read_bytes() == before
