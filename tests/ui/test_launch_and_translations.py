"""The `desk` entry point opens the window; the English translation covers every string."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import OFFSCREEN_NOISE
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.tools.translations import SOURCES, TS, UI_DIR

pytestmark = [OFFSCREEN_NOISE]


def test_the_desk_command_opens_login_then_the_window(qtbot: Any, desk: Any, officer: dict,
                                                      data_dir: Path) -> None:
    from ui.launch import main

    seen: dict[str, Any] = {}

    def log_in() -> None:
        login = next((w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()),
                     None)
        if login is None:
            QTimer.singleShot(50, log_in)
            return
        login.username.setText("canbo1")
        login.password.setText("matkhau123")
        login.submit()
        QTimer.singleShot(50, check)

    def check() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()),
                      None)
        if window is None:
            QTimer.singleShot(50, check)
            return
        seen["title"] = window.windowTitle()
        seen["size"] = (window.width(), window.height())
        window.close()

    QTimer.singleShot(0, log_in)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert "UBND phường Hòa Bình" in seen["title"]
    assert seen["size"] == (1366, 768)


def test_every_string_of_the_window_has_an_english_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "check.ts"
    # The tool sits beside this interpreter (a venv need not be activated for the suite to run).
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    lupdate = str(beside) if beside.exists() else "pyside6-lupdate"
    subprocess.run([lupdate, *[str(UI_DIR / s) for s in SOURCES], "-ts", str(fresh),
                    "-source-language", "vi", "-target-language", "en"], check=True, capture_output=True)
    wanted = {(c.findtext("name"), m.findtext("source")) for c in ET.parse(fresh).iter("context")
              for m in c.iter("message")}
    shipped = {(c.findtext("name"), m.findtext("source")): m.findtext("translation") or ""
               for c in ET.parse(TS).iter("context") for m in c.iter("message")}
    missing = sorted(k for k in wanted if not shipped.get(k))
    assert not missing, f"run `python -m ui.tools.translations`; untranslated: {missing[:5]}"
    # The compiled file ships with it and carries the same translations.
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    for (context, source), text in list(shipped.items())[:: max(1, len(shipped) // 25)]:
        assert translator.translate(context, source) == text
