"""Cold start of the desk window: a fresh interpreter, from process start to the main window shown
with its first dossier list filled, on a demo commune database (300 dossiers).

    python bench/bench_startup.py [--runs 5]

Prints the measured figures against the target (≤ 1.5 s median). Log-in is done by the program
(authenticate with the demo password: the argon2 check is included, the typing is not).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 1.5
ROOT = Path(__file__).resolve().parent.parent


def child(data_dir: str) -> None:
    """Runs in the fresh interpreter: report when the window is up and its list is filled."""
    marks = {"imports_start": time.time()}
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desk.services import Desk
    from ui.app import DeskApp, apply_style
    from ui.i18n import install_language

    marks["imports_done"] = time.time()
    app = QApplication([sys.argv[0]])
    desk = Desk.open(data_dir)
    install_language(str(desk.settings.get("ui.language")))
    apply_style(app)
    marks["desk_open"] = time.time()
    controller = DeskApp(desk)
    officer = desk.officers.authenticate("canbo1", "canbo123")
    marks["logged_in"] = time.time()
    window = controller.open_main(officer)
    rows = controller.pages["dossiers"].model.rowCount()

    def shown() -> None:
        marks["window_shown"] = time.time()
        marks["rows"] = rows
        marks["visible"] = window.isVisible()
        print(json.dumps(marks))
        controller.shutdown()
        app.quit()

    QTimer.singleShot(0, shown)  # the first turn of the event loop: the window has been laid out and shown
    app.exec()
    desk.close()


def prepare() -> Path:
    sys.path.insert(0, str(ROOT))
    from desk.demo import seed_demo
    from desk.services import Desk

    data = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    desk = Desk.open(data)
    seed_demo(desk, count=300)
    desk.close()
    return data


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", default=None)
    opts = parser.parse_args()
    if opts.child:
        child(opts.child)
        return 0
    data = prepare()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(ROOT))
    totals, imports, opens, logins, windows = [], [], [], [], []
    for _ in range(opts.runs):
        started = time.time()
        out = subprocess.run([sys.executable, __file__, "--child", str(data)], env=env, capture_output=True,
                             text=True, check=True, cwd=ROOT)
        line = next(ln for ln in out.stdout.splitlines() if ln.startswith("{"))
        m = json.loads(line)
        assert m["visible"] and m["rows"] > 0, m
        totals.append(m["window_shown"] - started)
        imports.append(m["imports_done"] - started)
        opens.append(m["desk_open"] - m["imports_done"])
        logins.append(m["logged_in"] - m["desk_open"])
        windows.append(m["window_shown"] - m["logged_in"])
    med = statistics.median
    print(f"Cold start of the desk window ({opts.runs} runs, 300 demo dossiers, "
          f"QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']})")
    print(f"{'step':<44}{'median':>10}{'min':>10}{'max':>10}")
    for name, values in (("interpreter + imports (Qt, desk, ui)", imports),
                         ("open database, translations, style", opens),
                         ("log-in (argon2 check)", logins),
                         ("build window, fill first list, show", windows),
                         ("TOTAL process start → usable window", totals)):
        print(f"{name:<44}{med(values):>9.3f}s{min(values):>9.3f}s{max(values):>9.3f}s")
    verdict = "OK" if med(totals) <= TARGET_S else "OVER TARGET"
    print(f"{'target':<44}{TARGET_S:>9.3f}s   → {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
