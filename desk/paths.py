"""Where the desk keeps its data: platformdirs' user data dir, a folder given with --data-dir, or a
portable `data/` folder beside the executable (commune PCs often run the app from a USB stick).

Portable mode is on when the frozen app's folder holds a `portable.txt` file or a `data/` folder: the
admin copies the whole folder onto a stick, adds the marker, and the data travels with the program.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

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
