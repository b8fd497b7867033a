"""Paths to the data files shipped in `resources/` (catalogue, province codes, styles)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import resources as _resources_pkg

RESOURCES = Path(_resources_pkg.__file__).resolve().parent


def resource(name: str) -> Path:
    return RESOURCES / name


@lru_cache(maxsize=8)
def load_json(name: str) -> Any:
    return json.loads(resource(name).read_text(encoding="utf-8"))
