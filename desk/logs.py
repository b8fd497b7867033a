"""The desk's log: standard `logging` to a rotating file in the data directory, readable by this OS
account only, and scrubbed of citizens' personal data.

The first rule is that no log call is ever given a name, an ID number, a phone number or an address:
callers log codes, ids, counts and exception types. `ScrubFilter` is the second line, for what slips
through anyway (the message of an unexpected exception, a library's own message): it removes long digit
runs (12- and 9-digit ID numbers, phone numbers), the values desk's messages quote between «», quoted
text with spaces or Vietnamese letters in exception lines, and PostgreSQL's "Key (…)=(…)" details.

The window writes `logs/desk.log`, the command line `logs/cli.log`: Python's rotating handler does not
support several processes rotating one file, and a scheduled `desk sync` runs beside the window.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler, WatchedFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_DIR = "logs"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 4  # 2 MB × 5 files: weeks of a busy desk, small enough to send to support
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
# Libraries that would otherwise fill the file (every HTTP request) or print request headers (tokens).
QUIET = {"httpx": logging.WARNING, "httpcore": logging.WARNING, "PIL": logging.WARNING,
         "hpack": logging.WARNING, "multipart": logging.WARNING}

REDACTED = "[đã ẩn]"
_DIGITS = re.compile(r"(?<!\d)\+?\d{9,}(?!\d)")
# Phone numbers written in groups: 0912 345 678, 0912.345.678, +84 912 345 678, (028) 3823 4567.
_PHONE = re.compile(r"(?<![\d.])(?:\+84[ .-]?|\(?0)\d{1,4}\)?(?:[ .-]\d{2,4}){2,3}(?!\d)")
_GUILLEMETS = re.compile(r"«[^»]*»")
_PG_KEY = re.compile(r"(Key \([^)]*\))=\((?:[^()]|\([^()]*\))*\)")
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def scrub(text: str) -> str:
    """Remove what looks like personal data from free text (a log message)."""
    if not text:
        return text
    text = _GUILLEMETS.sub("«…»", text)
    text = _PG_KEY.sub(r"\1=(…)", text)
    text = _PHONE.sub(_phone, text)
    return _DIGITS.sub(REDACTED, text)


def _phone(match: re.Match[str]) -> str:
    # Agency codes (000.00.06.H56) and dates are digit groups too: a phone number has 9 to 12 digits.
    digits = sum(ch.isdigit() for ch in match.group(0))
    return REDACTED if 9 <= digits <= 12 else match.group(0)


def describe_error(exc: BaseException) -> str:
    """An error in one log line without its message (which may quote what was typed): its type, its
    code and the fields it names."""
    errors = getattr(exc, "errors", None)
    fields = [str(getattr(e, "field", "")) for e in errors] if isinstance(errors, list) else []
    if getattr(exc, "field", None):
        fields.append(str(getattr(exc, "field", "")))
    code = getattr(exc, "code", "")
    return f"{type(exc).__name__}({code})" + (f" fields={','.join(dict.fromkeys(fields))}" if fields else "")


def _scrub_quoted(match: re.Match[str]) -> str:
    inner = match.group(0)[1:-1]
    # Identifiers ('applicant_name', 'sync_state') help the reader and are nobody's data; quoted text
    # with a space or a Vietnamese letter may be a name or an address somebody typed.
    if any(ch.isspace() or ord(ch) > 127 for ch in inner):
        return match.group(0)[0] + "…" + match.group(0)[-1]
    return match.group(0)


def scrub_traceback(text: str) -> str:
    """A formatted traceback: source lines are ours and stay; exception lines (the messages) are
    scrubbed harder, since an exception's message may carry a value somebody typed."""
    out = []
    for line in text.splitlines():
        if line.startswith((" ", "\t", "Traceback (most recent call last)", "During handling of",
                            "The above exception")):
            out.append(scrub(line))
        else:
            out.append(_QUOTED.sub(_scrub_quoted, scrub(line)))
    return "\n".join(out)


class ScrubFilter(logging.Filter):
    """Attached to every handler the desk and the district install: scrubs each record once."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_scrubbed", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = scrub_traceback("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        elif record.exc_text:
            record.exc_text = scrub_traceback(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        setattr(record, "_scrubbed", True)  # noqa: B010 - LogRecord has no such field to declare
        return True


def _open_private(handler: logging.FileHandler) -> Any:
    fd = os.open(handler.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with contextlib.suppress(OSError):
        os.chmod(handler.baseFilename, 0o600)  # a file an older build created with the umask
    return os.fdopen(fd, "a", encoding=handler.encoding, errors=handler.errors)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating file created with mode 0600: another OS account of the PC must not read the log."""

    def _open(self) -> Any:
        return _open_private(self)


class PrivateWatchedFileHandler(WatchedFileHandler):
    """The district server's file: appended to by every worker process, rotated by the system's
    logrotate (Python's own rotation is for one process only); mode 0600 like the desk's."""

    def _open(self) -> Any:
        return _open_private(self)


def server_logging_config(log_file: str | None = None, level: str = "INFO") -> dict[str, Any]:
    """`logging.config.dictConfig` for the district server, given to uvicorn as `log_config` so each
    worker process applies it: stderr (and a file), through the scrub filter, no access log (a request
    line says nothing support needs and a query string might say too much), no SQL."""
    handlers: dict[str, dict[str, Any]] = {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain",
                   "filters": ["scrub"]}}
    if log_file:
        handlers["file"] = {"class": "desk.logs.PrivateWatchedFileHandler", "filename": log_file,
                            "encoding": "utf-8", "formatter": "plain", "filters": ["scrub"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"scrub": {"()": "desk.logs.ScrubFilter"}},
        "formatters": {"plain": {"format": FORMAT}},
        "handlers": handlers,
        "root": {"level": level, "handlers": list(handlers)},
        "loggers": {
            "uvicorn": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.error": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
            "sqlalchemy": {"level": "WARNING", "handlers": [], "propagate": True},
        },
    }


def log_dir(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_DIR


def log_file(data_dir: Path, name: str = "desk") -> Path:
    return log_dir(data_dir) / f"{name}.log"


class LogSetup:
    """What `setup_logging` installed; `close()` takes it out again (the window's exit, a CLI command)."""

    def __init__(self, handler: logging.Handler | None, path: Path | None, previous_level: int) -> None:
        self.handler = handler
        self.path = path
        self._previous_level = previous_level
        self._hooks: tuple[Any, Any] | None = None

    def install_excepthooks(self) -> None:
        """Uncaught exceptions (the main thread, a Qt slot, a plain thread) go to the log too."""
        old_sys, old_thread = sys.excepthook, threading.excepthook
        self._hooks = (old_sys, old_thread)
        log = logging.getLogger("desk.uncaught")

        def sys_hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            if not issubclass(kind, KeyboardInterrupt):
                log.critical("Lỗi không được xử lý", exc_info=(kind, exc, tb))
            old_sys(kind, exc, tb)

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_type is not SystemExit and args.exc_value is not None:
                name = args.thread.name if args.thread is not None else "?"
                log.critical("Lỗi không được xử lý trong luồng %s", name,
                             exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
            old_thread(args)

        sys.excepthook = sys_hook
        threading.excepthook = thread_hook

    def close(self) -> None:
        if self._hooks is not None:
            sys.excepthook, threading.excepthook = self._hooks
            self._hooks = None
        root = logging.getLogger()
        if self.handler is not None:
            root.removeHandler(self.handler)
            self.handler.close()
            self.handler = None
        root.setLevel(self._previous_level)

    def __enter__(self) -> LogSetup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def setup_logging(data_dir: Path, name: str = "desk", *, level: int = logging.INFO) -> LogSetup:
    """Log to `<data_dir>/logs/<name>.log` (rotating, 0600) through the scrub filter.

    Never raises: a desk whose data folder cannot hold a log still works (the setup is then empty)."""
    root = logging.getLogger()
    previous = root.level
    path = log_file(data_dir, name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(path.parent, 0o700)
        handler: logging.Handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                              encoding="utf-8")
    except OSError:
        return LogSetup(None, None, previous)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(ScrubFilter())
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    for logger_name, quiet in QUIET.items():
        logging.getLogger(logger_name).setLevel(quiet)
    return LogSetup(handler, path, previous)


def log_files(data_dir: Path) -> list[Path]:
    """Every log file of the data folder, oldest rotation first."""
    folder = log_dir(data_dir)
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.is_file() and ".log" in p.name]

    def order(p: Path) -> tuple[str, int]:
        stem, _, suffix = p.name.partition(".log")
        return stem, -int(suffix[1:]) if suffix[1:].isdigit() else 0

    return sorted(files, key=order)


def tail(path: Path, lines: int) -> list[str]:
    """The last `lines` lines of a log file and its rotations, scrubbed again (an older build's log, a
    line written before a rule existed)."""
    chain = [path.with_name(f"{path.name}.{i}") for i in range(BACKUP_COUNT, 0, -1)] + [path]
    out: list[str] = []
    for p in chain:
        if p.exists():
            out.extend(p.read_text(encoding="utf-8", errors="replace").splitlines())
    return [scrub_traceback(line) for line in out[-lines:]]
