"""The architecture's boundary: the core, the schema and the server never load Qt or the window."""

from __future__ import annotations

import subprocess
import sys


def test_core_packages_import_without_qt_or_ui() -> None:
    code = (
        "import sys, desk, db, district\n"
        "import desk.services, desk.cli, desk.cli.core, desk.demo, desk.dossiers\n"
        "import pkgutil, importlib\n"
        "for pkg in (desk, db, district):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if not m.name.endswith('__main__'):\n"
        "            importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui.')) or m == 'ui')\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt or ui loaded by the core: {out.stdout}"


def test_cli_subcommand_does_not_load_qt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys\n"
        "from ui.launch import main\n"
        f"rc = main(['--data-dir', {str(tmp_path)!r}, 'calendar', 'due', '--received', '2026-11-23 09:00', '--days', '1'])\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT', rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "NOQT 0"
