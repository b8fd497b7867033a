"""Composition root: builds the desk services and hands them to the windows."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desk.lifecycle import STATUS_LABELS_VI
from desk.paths import default_data_dir
from desk.services import Desk


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        profile = desk.office.get()
        self.setWindowTitle(f"Bộ phận Một cửa — {profile.name if profile else 'chưa khai báo cơ quan'}")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel("Hồ sơ gần đây"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Mã hồ sơ", "Người nộp", "Thủ tục", "Trạng thái"])
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        rows = desk.dossiers.list("all", limit=200)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, v in enumerate((r["code"], r["applicant_name"], r["procedure_name"],
                                   STATUS_LABELS_VI.get(r["status"], r["status"]))):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.resize(1366, 768)


def run(*, data_dir: Path | None = None, demo: bool = False, lang: str | None = None,
        qt_args: Sequence[str] = ()) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    desk = Desk.open(data_dir or default_data_dir())
    if demo and not desk.store.scalar("SELECT COUNT(*) FROM dossiers"):
        from desk.demo import seed_demo

        seed_demo(desk)
    window = MainWindow(desk)
    window.show()
    return int(app.exec())
