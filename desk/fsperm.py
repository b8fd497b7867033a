"""Files of the desk readable by this OS account alone (a commune PC is often shared).

On Linux and macOS: the data folder 0700, its files 0600, and a 077 umask for this process so that
whatever the desk creates later (WAL files, the forms archive, logs, exports) starts private. On
Windows the default data folder is under the user's profile (%LOCALAPPDATA%), whose ACL already grants
only that account, SYSTEM and Administrators; `chmod` there only sets the read-only bit, so it is not
used. A portable folder on a FAT stick has no permissions at all: the database and backups are
encrypted (desk/dbfile.py), the forms archive is not (docs/design.md).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

POSIX = sys.platform != "win32"


def private_umask() -> None:
    if POSIX:
        os.umask(0o077)


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    if POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def tighten(data_dir: Path) -> None:
    """Make an existing data folder private again (one an older build left readable to all)."""
    if not POSIX:
        return
    private_dir(data_dir)
    for root, dirs, files in os.walk(data_dir):
        for d in dirs:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(root, d), 0o700)
        for f in files:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(root, f), 0o600)
