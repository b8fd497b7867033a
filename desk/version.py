"""The build's name and version, read from the installed package's metadata (pyproject.toml is the one
place they are written; the frozen build copies the metadata in, see build.spec)."""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

DISTRIBUTION = "motcua-desk"
DISPLAY_NAME_VI = "Phần mềm Bộ phận Một cửa"


@lru_cache(maxsize=1)
def app_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        # Run from a source tree that was never installed: say so rather than invent a number.
        return "0+unknown"


def app_name() -> str:
    return DISTRIBUTION
