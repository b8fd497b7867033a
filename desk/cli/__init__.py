"""`desk …` on the command line: the same core the window uses, for admins and scheduled tasks.

Each command group lives in its own module with a `register(subparsers)` function; errors reach the
user as a Vietnamese sentence on stderr and exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desk.errors import DeskError, ValidationErrors
from desk.logs import describe_error, setup_logging
from desk.paths import default_data_dir

log = logging.getLogger("desk.cli")

COMMAND_MODULES = ("desk.cli.core", "desk.cli.print_cmd", "desk.cli.sync_cmd", "desk.cli.support_cmd",
                   "desk.cli.fees_cmd")


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
    # Its own file: the window may be rotating desk.log at the same moment (desk/logs.py).
    with setup_logging(data_dir_of(args), "cli"):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    # The command's words only: its arguments may be a citizen's name or number.
    name = " ".join([str(args.command)] + [str(v) for k, v in vars(args).items() if k.endswith("_command") and v])
    log.info("desk %s", name)
    try:
        return int(args.func(args) or 0)
    except DeskError as e:
        log.info("desk %s: refused: %s", name, describe_error(e))
        return _explain(e)
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("desk %s: unexpected error", name)
        raise


def _explain(e: DeskError) -> int:
    if isinstance(e, ValidationErrors):
        for err in e.errors:
            print(f"Lỗi [{err.field}]: {err.message_vi}", file=sys.stderr)
        return 2
    field = getattr(e, "field", None)
    print(f"Lỗi{f' [{field}]' if field else ''}: {e.message_vi}", file=sys.stderr)
    return 2
