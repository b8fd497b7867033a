"""Where the desk keeps its data: platformdirs' user data dir, a folder given with --data-dir, or a
portable `data/` folder beside the executable (commune PCs often run the app from a USB stick)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "motcua-desk"
ENV_VAR = "MOTCUA_DESK_DATA"


def portable_dir() -> Path | None:
    base = Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None
    if base is not None and (base / "portable.txt").exists():
        return base / "data"
    return None


def default_data_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return portable_dir() or Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / "desk.db"
