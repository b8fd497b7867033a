"""`desk …` on the command line: the same core the window uses, for admins and scheduled tasks.

Each command group lives in its own module with a `register(subparsers)` function. Whatever happens, the
user reads a Vietnamese sentence on stderr, never a traceback (that goes to `logs/cli.log`). Exit status:

- 0: done. Also when whoever reads our output has gone (a closed pipe, `| head -1`): what was done is done,
  and a script that retried on a failure status would receive a second dossier.
- 1: done, with problems listed (a catalogue import with refused rows).
- 2: refused, nothing done: bad input, a missing setup, an unknown command, a file or folder that cannot be
  read or written.
- 3: an unexpected error; the log has the details.
- 130: interrupted (Ctrl+C).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import errno
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desk.errors import DeskError, ValidationErrors
from desk.logs import describe_error, setup_logging
from desk.paths import default_data_dir

log = logging.getLogger("desk.cli")

COMMAND_MODULES = ("desk.cli.core", "desk.cli.print_cmd", "desk.cli.sync_cmd", "desk.cli.support_cmd",
                   "desk.cli.vault_cmd", "desk.cli.fees_cmd", "desk.cli.report_cmd")


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


# Options of the `desk` command itself that take a value (the launcher's too: ui/launch.py).
GLOBAL_OPTIONS_WITH_VALUE = ("--data-dir", "--lang")
GLOBAL_FLAGS = ("--demo",)


def command_word(argv: Sequence[str]) -> str | None:
    """The word where a command stands: the first argument that is not a global option or its value. It starts
    with "-" when the arguments are the window's (Qt's own options), and is None when there is none."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg in GLOBAL_FLAGS or any(arg.startswith(o + "=") for o in GLOBAL_OPTIONS_WITH_VALUE):
            continue
        return arg
    return None


def unknown_command(word: str) -> int:
    """`desk recieve …`: say so (and what was probably meant) instead of guessing."""
    names = sorted(command_names())
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    hint = f" Có phải ý bạn là «desk {close[0]}»?" if close else ""
    _say(f"Lỗi: không có lệnh «{word[:40]}».{hint} Các lệnh: {', '.join(names)}. Xem thêm: desk --help")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    word = command_word(argv)
    if word is not None and not word.startswith("-") and word not in command_names():
        return unknown_command(word)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    # Its own file: the window may be rotating desk.log at the same moment (desk/logs.py).
    with setup_logging(data_dir_of(args), "cli") as logging_setup:
        return _run(args, logging_setup.path)


def _run(args: argparse.Namespace, log_path: Path | None = None) -> int:
    # The command's words only: its arguments may be a citizen's name or number.
    name = " ".join([str(args.command)] + [str(v) for k, v in vars(args).items() if k.endswith("_command") and v])
    log.info("desk %s", name)
    try:
        status = int(args.func(args) or 0)
        # Written out here, while a closed pipe can still be told apart from a failed command.
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        log.info("desk %s: the output pipe was closed; the command's work stands", name)
        _silence_stdout()
        return 0
    except DeskError as e:
        log.info("desk %s: refused: %s", name, describe_error(e))
        return _explain(e)
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        # A path the user gave (an output file, a data folder) that cannot be read or written.
        log.info("desk %s: refused: %s(%s)", name, type(e).__name__, errno.errorcode.get(e.errno or 0, e.errno))
        _say(f"Lỗi: {os_error_vi(e)}")
        return 2
    except Exception:
        log.exception("desk %s: unexpected error", name)
        where = f" {log_path}" if log_path else ""
        _say(f"Lỗi: đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào nhật ký{where}. "
             "Hãy gửi tệp chẩn đoán (desk diagnose -o chan-doan.zip) cho bộ phận hỗ trợ.")
        return 3


_REASONS_VI = {
    errno.EACCES: "không có quyền", errno.EPERM: "không có quyền", errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOENT: "không tìm thấy (hoặc thư mục chứa nó không có)", errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục", errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EEXIST: "ở đó đã có một tệp nên không tạo được thư mục", errno.ENAMETOOLONG: "tên quá dài", errno.EBUSY: "đang được dùng",
}


def os_error_vi(e: OSError) -> str:
    """An OSError as the officer reads it: which path, and why in Vietnamese."""
    reason = _REASONS_VI.get(e.errno or 0) or (e.strerror or type(e).__name__)
    path = e.filename if e.filename is not None else ""
    return f"không đọc hoặc ghi được «{path}»: {reason}." if path else f"lỗi đọc ghi tệp: {reason}."


def _say(text: str) -> None:
    """A line on stderr; if nobody reads stderr either, there is nobody to tell."""
    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr)
        sys.stderr.flush()


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's last flush does not fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _explain(e: DeskError) -> int:
    if isinstance(e, ValidationErrors):
        for err in e.errors:
            _say(f"Lỗi [{err.field}]: {err.message_vi}")
        return 2
    field = getattr(e, "field", None)
    _say(f"Lỗi{f' [{field}]' if field else ''}: {e.message_vi}")
    return 2
