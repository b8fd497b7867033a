"""The print worker: a child process that renders forms with ReportLab and paints them onto the printer.

Why a process and not a thread: rendering a slip is Python (ReportLab), and PySide6 keeps the GIL
through `QPainter.drawImage` and the printer's own PDF or spool writing. A worker thread doing either
shares the GIL with the GUI thread, whose event filters and slots are Python too, so every key press
waited for it: 51–114 ms stalls per intake at 300 dpi (`bench/bench_responsiveness.py`). In a process
of its own that work has its own interpreter and its own GIL; the window only pickles a request and
waits on a pipe in a worker thread, which releases the GIL.

The parent side (`PrintWorker`) starts one child and reuses it for every job; jobs go one at a time
(the child is single-threaded, as pdfium and the printer are). A request is a function and its
arguments, pickled: `desk.forms` renderers for the PDF, `ui.printing.paint_pdf` for the printer. A child
that dies during a job (a driver crash) turns into a `PrintError` with a Vietnamese message, and the
next job starts a fresh child; a child that does not answer within `job_timeout` is killed, never waited
on forever. Nothing personal is logged: a failure is logged by the exception's type and our message.

The child is `python -m ui.print_worker`, speaking length-prefixed pickles on its stdin and stdout
(its fd 1 is moved aside so that a stray print() from a library cannot corrupt the stream).
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NoReturn

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

_HEADER = struct.Struct("!I")
_ROOT = Path(__file__).resolve().parents[1]
# Importing PySide6, ReportLab and pdfium on a slow commune PC with a cold disk takes seconds.
START_TIMEOUT = 60.0
# Rendering and spooling a slip takes about a second; a printer driver that has not answered in three
# minutes is not going to.
JOB_TIMEOUT = 180.0
PRIORITY_DROP = 10  # the child's niceness above the window's (POSIX)


def _write_frame(stream: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: IO[bytes]) -> bytes | None:
    """One frame's bytes, or None at the end of the stream (the other side is gone)."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    return data if len(data) == size else None


def _print_error(text: str) -> Exception:
    from ui.printing import PrintError

    return PrintError(text)


class PrintWorker:
    """The window's side of the print worker process. Thread-safe; `call` blocks the calling (worker)
    thread, never the GUI thread's event loop, which must not call it."""

    def __init__(self, *, platform: str | None = None, start_timeout: float = START_TIMEOUT,
                 job_timeout: float = JOB_TIMEOUT) -> None:
        self.platform = platform
        self.start_timeout = start_timeout
        self.job_timeout = job_timeout
        self._lock = threading.RLock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._replies: queue.Queue[bytes | None] = queue.Queue()
        self._ready = False
        self.starts = 0  # how many children were started (a crash costs one more)

    # --- the child's life ---------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def start(self) -> None:
        """Start the child if none is running. Returns at once: the child imports in the background and
        the first `call` waits for it."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                return
            self._discard()
            platform = self.platform if self.platform is not None else _qt_platform()
            env = dict(os.environ)
            # The child must import the same `ui` and `desk` as this process, installed or not.
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH", "")) if p)
            proc = subprocess.Popen(
                child_command(platform),
                # The window's working directory too: a relative data directory must mean the same.
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                # No console window on Windows; the child's lower priority is set by the child itself
                # (below) on other systems.
                creationflags=(getattr(subprocess, "CREATE_NO_WINDOW", 0)
                               | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)))
            self._proc = proc
            self._ready = False
            replies: queue.Queue[bytes | None] = queue.Queue()
            self._replies = replies
            self.starts += 1
            assert proc.stdout is not None
            threading.Thread(target=_pump, args=(proc.stdout, replies), name="print-worker-reader",
                             daemon=True).start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the child to finish and reap it; kill it if it does not go within `timeout`. A job still
        running (a printer that hangs) is not waited for: the child is killed and the job fails."""
        if not self._lock.acquire(timeout=timeout):
            proc = self._proc
            if proc is not None and proc.poll() is None:
                proc.kill()  # the job's thread sees the child gone, raises and forgets it
            return
        try:
            proc, self._proc = self._proc, None
            self._ready, ready = False, self._ready
            if proc is None:
                return
            if not ready and proc.poll() is None:
                proc.kill()  # still importing, no job ever sent: nothing to finish cleanly
            try:
                if proc.poll() is None and proc.stdin is not None:
                    _write_frame(proc.stdin, None)
                    proc.stdin.close()
            except (OSError, ValueError):
                pass
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            _close(proc)
        finally:
            self._lock.release()

    def _discard(self) -> None:
        """Forget a child that died or hung: kill it if needed and reap it, so no zombie is left."""
        proc, self._proc = self._proc, None
        self._ready = False
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        _close(proc)

    # --- jobs ---------------------------------------------------------------------------------------
    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run `fn(*args, **kwargs)` in the child and return its result; its exception is raised here.
        `fn`, the arguments and the result must pickle (module-level functions, plain data)."""
        from ui.i18n import current_language

        with self._lock:
            self.start()
            proc = self._proc
            assert proc is not None and proc.stdin is not None
            if not self._ready:
                self._await_ready(proc)
            try:
                _write_frame(proc.stdin, (current_language(), fn, args, kwargs))
            except (OSError, ValueError):
                self._crashed(proc, fn)
            reply = self._reply(proc, self.job_timeout, fn)
            status, *rest = pickle.loads(reply)
            if status == "ok":
                return rest[0]
            # The child's traceback stays there: an exception's text can quote a form's content.
            raise rest[0]

    def render(self, fn: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
        """The renderer desk.forms.FormService is given: the ReportLab work runs in the child."""
        return bytes(self.call(fn, *args, **kwargs))

    def _await_ready(self, proc: subprocess.Popen[bytes]) -> None:
        try:
            reply = self._replies.get(timeout=self.start_timeout)
        except queue.Empty:
            reply = None
        if reply is not None:
            status, *rest = pickle.loads(reply)
            if status == "ready":
                self._ready = True
                return
            log.error("the print worker could not start: %s", rest[0] if rest else status)
        else:
            log.error("the print worker did not start within %.0f s (exit code %s)", self.start_timeout,
                      proc.poll())
        self._discard()
        raise _print_error(QCoreApplication.translate(
            "Printing", "Không khởi động được bộ phận in của chương trình. Hãy bấm «In lại»; nếu vẫn lỗi, hãy khởi động lại chương trình."))

    def _reply(self, proc: subprocess.Popen[bytes], timeout: float, fn: Callable[..., Any]) -> bytes:
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            log.error("the print worker did not answer %s within %.0f s; stopped it", _name(fn), timeout)
            self._discard()
            raise _print_error(QCoreApplication.translate(
                "Printing", "Máy in không trả lời sau {0} giây nên lệnh in đã bị dừng. Hãy kiểm tra máy in rồi bấm «In lại»."
            ).format(round(timeout))) from None
        if reply is None:
            self._crashed(proc, fn)
        return reply

    def _crashed(self, proc: subprocess.Popen[bytes], fn: Callable[..., Any]) -> NoReturn:
        try:
            code = proc.wait(5)
        except subprocess.TimeoutExpired:
            code = None
        log.error("the print worker stopped during %s (exit code %s); the next job starts a new one",
                  _name(fn), code)
        self._discard()
        raise _print_error(QCoreApplication.translate(
            "Printing", "Bộ phận in của chương trình bị dừng đột ngột khi đang in (có thể do trình điều khiển máy in). Hồ sơ không bị ảnh hưởng; hãy bấm «In lại»."))


def _pump(stream: IO[bytes], replies: queue.Queue[bytes | None]) -> None:
    """Reader thread: every frame the child writes, then None when it is gone."""
    try:
        while (frame := _read_frame(stream)) is not None:
            replies.put(frame)
    except (OSError, ValueError):
        pass
    replies.put(None)


def _close(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            try:
                stream.close()
            except OSError:
                pass


def _name(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"


def _qt_platform() -> str:
    """The platform plugin the window runs on, so that the child sees the same printers."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() if QGuiApplication.instance() is not None else ""


# --- the child --------------------------------------------------------------------------------------
def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a PrintError with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return _print_error(f"{type(exc).__name__}: {exc}")


def child_main(argv: list[str]) -> int:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is for the window to handle
    if hasattr(os, "nice"):
        # Rasterising and compressing a 300-dpi page is a few hundred milliseconds of CPU: on a
        # two-core commune PC the window's thread must win the core, and the slip can come out later.
        os.nice(PRIORITY_DROP)
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(1), "wb")
    try:
        os.dup2(2, 1)  # stray prints go to stderr, not into the protocol
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    sys.stdout = sys.stderr
    platform = argv[0] if argv else ""
    try:
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication(["motcua-print", *(["-platform", platform] if platform else [])])
        # Everything a job needs, loaded before the first job rather than during it.
        import pypdfium2  # noqa: F401

        import desk.forms  # noqa: F401
        import ui.printing  # noqa: F401
        from ui.i18n import install_language
    except BaseException as exc:
        _write_frame(replies, ("failed", f"{type(exc).__name__}: {exc}"))
        return 1
    _write_frame(replies, ("ready", os.getpid()))
    language = "vi"
    while (frame := _read_frame(requests)) is not None:
        try:
            request = pickle.loads(frame)
            if request is None:
                break
            wanted, fn, args, kwargs = request
            if wanted != language:
                install_language(wanted)
                language = wanted
            reply: tuple[Any, ...] = ("ok", fn(*args, **kwargs))
        except BaseException as exc:
            reply = ("error", _portable(exc))
        try:
            _write_frame(replies, reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            _write_frame(replies, ("error", _print_error(f"{type(exc).__name__}: {exc}")))
    del app
    return 0


def child_command(platform: str) -> list[str]:
    """How to start the child: the same interpreter and package, or, in a frozen build (PyInstaller),
    the app's own executable, whose launcher hands `--print-worker` to `child_main` (ui/launch.py)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG, platform]
    return [sys.executable, "-m", "ui.print_worker", platform]


CHILD_FLAG = "--print-worker"

if __name__ == "__main__":
    raise SystemExit(child_main(sys.argv[1:]))
