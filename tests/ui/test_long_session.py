"""A desk window stays open all day: Qt calls must not wear away Python's shared objects.

PySide6 6.12.0 released a reference to None on every call returning nothing (and to True/False on
every signal emit). On Python 3.11, where None is reference-counted, the app then aborts with
"Fatal Python error: none_dealloc" after enough calls: filling the sync page's 300-row table a few
times was enough. pyproject.toml keeps such a release out; this test fails if one comes back.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QTableWidget, QTableWidgetItem

CALLS = 20_000


class _Emitter(QObject):
    progressed = Signal(str, int, int)


def _refs() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_a_day_of_widget_updates_leaves_none_true_and_false_untouched(qtbot: Any) -> None:
    app = QApplication.instance()
    assert app is not None
    label, bar, table = QLabel(), QProgressBar(), QTableWidget(1, 1)
    for w in (label, bar, table):
        qtbot.addWidget(w)
    emitter = _Emitter()
    seen: list[int] = []
    emitter.progressed.connect(lambda _m, done, _t: seen.append(done))

    before = _refs()
    for i in range(CALLS):
        label.setText("Đang gửi")
        bar.setValue(i % 100)
        table.setItem(0, 0, QTableWidgetItem("000.00.06.H56"))
        emitter.progressed.emit("Đang gửi", i, CALLS)
        app.processEvents()
        if i % 500 == 499:
            # Checked as it goes: a leaking release would abort the whole test run before the end.
            drift = [a - b for a, b in zip(_refs(), before, strict=True)]
            # Python's own bookkeeping moves these counts by a few; a leak moves them by one a call.
            assert all(abs(d) < 250 for d in drift), f"after {i + 1} rounds None/True/False refs moved by {drift}"
    assert len(seen) == CALLS
