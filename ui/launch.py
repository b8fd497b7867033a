"""The `desk` command: a sub-command runs the Qt-free CLI; no sub-command opens the window.

Kept free of Qt imports so `desk calendar due …` starts fast and works on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--print-worker"]:
        # The window's print worker process in a frozen build (ui/print_worker.py, `child_command`).
        from ui.print_worker import child_main

        return child_main(args[1:])
    if "--self-test" in args:
        return self_test()
    if "--version" in args:
        from desk.version import app_name, app_version

        print(f"{app_name()} {app_version()}")
        return 0
    from desk.cli import command_word
    from desk.cli import main as cli_main

    # A word where a command stands goes to the CLI, known or not: `desk recieve …` (a typo, or a command of a
    # newer version) must say so, not open a window — on a machine without a display that would hang.
    word = command_word(args)
    if (word is not None and not word.startswith("-")) or "-h" in args or "--help" in args:
        return cli_main(args)
    parser = argparse.ArgumentParser(prog="desk", add_help=False)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--demo", action="store_true", help="tạo dữ liệu mẫu của một phường rồi mở cửa sổ")
    parser.add_argument("--lang", choices=["vi", "en"], default=None)
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra bản cài đặt rồi thoát")
    parser.add_argument("--version", action="store_true", help="in số phiên bản rồi thoát")
    opts, rest = parser.parse_known_args(args)
    from ui.app import run

    return run(data_dir=opts.data_dir, demo=opts.demo, lang=opts.lang, qt_args=rest)


def self_test() -> int:
    """Check this build end to end in a temporary folder (desk/selftest.py, ui/selftest.py); needs no
    display, no network and no existing data."""
    from desk.selftest import run
    from ui.selftest import run_qt_checks

    return run(run_qt_checks)


if __name__ == "__main__":
    raise SystemExit(main())
