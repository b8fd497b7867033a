"""Where the desk keeps its data: platformdirs' user data dir, a folder given with --data-dir, or a
portable `data/` folder beside the executable (commune PCs often run the app from a USB stick).

Portable mode is on when the frozen app's folder holds a `portable.txt` file or a `data/` folder: the
admin copies the whole folder onto a stick, adds the marker, and the data travels with the program.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

from platformdirs import user_data_dir

from desk.errors import DeskError

APP_NAME = "motcua-desk"
ENV_VAR = "MOTCUA_DESK_DATA"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"


def app_folder() -> Path | None:
    """The folder of the frozen app's executable; None when running from Python."""
    return Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None


def portable_dir() -> Path | None:
    base = app_folder()
    if base is not None and ((base / PORTABLE_MARKER).is_file() or (base / PORTABLE_DATA).is_dir()):
        return base / PORTABLE_DATA
    return None


def default_data_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return portable_dir() or Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / "desk.db"


class DataDirError(DeskError):
    code = "data_dir_unusable"


def ensure_data_dir(data_dir: Path) -> Path:
    """Create the data folder if needed and prove it takes a file, or say in Vietnamese why it cannot be used
    (a folder of another account, a read-only USB stick, a path that is a file) — before the database tries."""
    reasons = {errno.EACCES: "không có quyền ghi", errno.EPERM: "không có quyền ghi", errno.EROFS: "ổ đĩa chỉ cho phép đọc",
               errno.ENOSPC: "ổ đĩa đã đầy", errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
               errno.EEXIST: "đây là một tệp, không phải thư mục",
               errno.ENOENT: "không tạo được thư mục ở đó"}
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        if not data_dir.is_dir():
            raise FileExistsError(errno.EEXIST, "not a directory", str(data_dir))
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as e:
        reason = reasons.get(e.errno or 0, e.strerror or type(e).__name__)
        raise DataDirError(f"Không dùng được thư mục dữ liệu «{data_dir}»: {reason}. Hãy chọn thư mục khác "
                           "(--data-dir) hoặc nhờ quản trị cấp quyền.",
                           message_en=f"The data folder cannot be used: {reason}.") from None
    return data_dir
