"""One sync at a time per data directory (docs/sync.md rule 10), across threads and processes.

An OS file lock on `<data dir>/sync.lock`: it is released by the OS when the holder dies, so a crashed
sync never leaves a stale lock behind (a lock *file's existence* would).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from desk.errors import AlreadyRunning

MESSAGE_VI = ("Đang có một phiên đồng bộ khác chạy trên máy này (cửa sổ khác hoặc lệnh «desk sync»); "
              "hãy đợi phiên đó xong.")


class SyncLock:
    def __init__(self, path: Path, *, message_vi: str = MESSAGE_VI, code: str = "sync_running") -> None:
        self.path = path
        self.message_vi = message_vi
        self.code = code
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise AlreadyRunning(self.message_vi, code=self.code) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


APP_MESSAGE_VI = ("Phần mềm đang mở với thư mục dữ liệu này (một cửa sổ khác trên máy). "
                  "Hãy dùng cửa sổ đang mở, hoặc đóng nó trước.")


def app_lock(data_dir: Path) -> SyncLock:
    """Held by the window while it is open: a second window on the same data, or a restore under a
    running window, is refused instead of silently losing writes."""
    return SyncLock(data_dir / "app.lock", message_vi=APP_MESSAGE_VI, code="app_running")
