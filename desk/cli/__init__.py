"""`desk …` on the command line: the same core the window uses, for admins and scheduled tasks.

Each command group lives in its own module with a `register(subparsers)` function; errors reach the
user as a Vietnamese sentence on stderr and exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desk.errors import DeskError, ValidationErrors
from desk.paths import default_data_dir

COMMAND_MODULES = ("desk.cli.core", "desk.cli.print_cmd", "desk.cli.sync_cmd")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="desk",
        description="Phần mềm Bộ phận Một cửa cấp xã (chạy không cần mạng). Không có lệnh: mở cửa sổ làm việc.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="thư mục dữ liệu (mặc định: thư mục người dùng)")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def command_names() -> set[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def data_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except ValidationErrors as e:
        for err in e.errors:
            print(f"Lỗi [{err.field}]: {err.message_vi}", file=sys.stderr)
        return 2
    except DeskError as e:
        field = getattr(e, "field", None)
        print(f"Lỗi{f' [{field}]' if field else ''}: {e.message_vi}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
